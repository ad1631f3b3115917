"""Playwright end-to-end fixtures: a fixture store, `streamlit run app.py` on a free port, Chromium."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: end-to-end browser tests (Playwright + Debian chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _need_browser():
    if not Path(CHROMIUM).exists():
        if not os.environ.get("CI"):
            pytest.skip("install Debian chromium: apt-get install -y chromium fonts-noto-core")
        pytest.fail(f"{CHROMIUM} missing on CI")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright (python) is not installed")


@contextlib.contextmanager
def serve(store: Path, log_dir: Path):
    """`streamlit run app.py` on a free port over `store`; yields the base URL."""
    port = _free_port()
    env = dict(os.environ, MARSAD_STORE=str(store), BROWSER_PATH=CHROMIUM)
    log = open(log_dir / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}: see {log.name}")
        else:
            raise RuntimeError("streamlit did not become healthy in 60 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    _need_browser()
    sys.path.insert(0, str(ROOT))
    from tests.fixtures import build_fixture_store

    store = tmp_path_factory.mktemp("e2e") / "store"
    build_fixture_store(store, n_articles=800, seed=11)
    with serve(store, tmp_path_factory.mktemp("e2e-log")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

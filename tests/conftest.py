"""Shared fixtures: resources are loaded once per session (they are immutable)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def res():
    from marsad.resources import load_resources

    return load_resources()


@pytest.fixture()
def store(tmp_path):
    from marsad.store import Store

    return Store(tmp_path / "store")


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the project)")
    return path

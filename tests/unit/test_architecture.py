"""The engine never imports the UI; library code logs instead of printing."""
import ast
import subprocess
import sys
from pathlib import Path

MARSAD = Path(__file__).resolve().parents[2] / "marsad"
UI_PACKAGES = ("streamlit", "folium", "plotly", "streamlit_folium", "components", "pages")


def test_importing_marsad_does_not_import_the_ui():
    code = ("import sys, marsad, marsad.cli, marsad.pipeline, marsad.extract, marsad.query, marsad.store, marsad.export;"
            "from marsad.resources import load_resources; load_resources();"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {UI_PACKAGES!r}]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_ui_imports_in_engine_source():
    offenders = []
    for path in MARSAD.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in UI_PACKAGES]
    assert not offenders


def test_library_code_does_not_print():
    allowed = {"cli.py", "bench.py", "evaluate.py", "__main__.py", "assets.py"}  # command-line front ends
    offenders = []
    for path in MARSAD.rglob("*.py"):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders

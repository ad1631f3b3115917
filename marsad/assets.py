"""Offline web assets for the dashboard: copy Leaflet (from the `django-js-lib-leaflet` package) and
folium's Leaflet.heat plugin into `static/` so that maps load without any CDN.

Run `python -m marsad.assets` (or `python scripts/install_static.py`); the dashboard also calls
`ensure_static()` at start-up. `static/` is generated, never committed.
"""
from __future__ import annotations

import importlib.util
import logging
import shutil
import sys
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
URL_PREFIX = "/app/static"

# (package, path inside the package, destination under static/)
ASSETS = [
    ("js_lib_leaflet", "static/js_lib_leaflet/leaflet.js", "leaflet/leaflet.js"),
    ("js_lib_leaflet", "static/js_lib_leaflet/leaflet.css", "leaflet/leaflet.css"),
    ("js_lib_leaflet", "static/js_lib_leaflet/images/layers.png", "leaflet/images/layers.png"),
    ("js_lib_leaflet", "static/js_lib_leaflet/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("js_lib_leaflet", "static/js_lib_leaflet/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("js_lib_leaflet", "static/js_lib_leaflet/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("js_lib_leaflet", "static/js_lib_leaflet/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("folium", "templates/leaflet_heat.min.js", "folium/leaflet_heat.min.js"),
]
REQUIRED = ("leaflet/leaflet.js", "leaflet/leaflet.css", "folium/leaflet_heat.min.js", "folium/jquery-shim.js")

# folium's templates call jQuery in two places: `$(`<div>…</div>`)[0]` (popups) and
# `$(document).ready(fn)`. Instead of shipping jQuery, this shim implements exactly those two uses.
JQUERY_SHIM = """/* Marsad: minimal stand-in for the two jQuery calls folium's templates make. */
(function () {
  if (window.jQuery) { return; }
  function $(x) {
    if (typeof x === "string") {
      var t = document.createElement("template");
      t.innerHTML = x.trim();
      return [t.content.firstElementChild || t.content.firstChild];
    }
    if (x === document || x === window) {
      return { ready: function (fn) {
        if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
      } };
    }
    return [x];
  }
  window.$ = window.jQuery = $;
})();
"""


class AssetError(RuntimeError):
    """A package that provides an offline asset is not installed."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(f"package {name!r} is not installed (pip install -r requirements.txt)")
    return Path(list(spec.submodule_search_locations)[0])


def install_static(dest: Path = STATIC_DIR, force: bool = False) -> list[Path]:
    """Copy every asset into `dest`; returns the files written (existing ones kept unless `force`)."""
    written = []
    for package, rel, target in ASSETS:
        out = dest / target
        if out.exists() and not force:
            continue
        src = _package_dir(package) / rel
        if not src.exists():
            raise AssetError(f"{src}: missing from package {package!r}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out)
        written.append(out)
        log.info("installed %s", out)
    shim = dest / "folium" / "jquery-shim.js"
    if force or not shim.exists() or shim.read_text(encoding="utf-8") != JQUERY_SHIM:
        shim.parent.mkdir(parents=True, exist_ok=True)
        shim.write_text(JQUERY_SHIM, encoding="utf-8")
        written.append(shim)
    return written


def ensure_static(dest: Path = STATIC_DIR) -> bool:
    """Install the assets when one is missing; False if that is impossible (logged, not raised)."""
    if all((dest / r).exists() for r in REQUIRED):
        return True
    try:
        install_static(dest)
    except (AssetError, OSError) as exc:
        log.error("cannot install offline map assets: %s", exc)
        return False
    return True


def read_asset(rel: str, dest: Path = STATIC_DIR) -> str:
    """Text of an installed asset (for self-contained exports)."""
    ensure_static(dest)
    return (dest / rel).read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    force = "--force" in (argv if argv is not None else sys.argv[1:])
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files = install_static(force=force)
    log.info("%d file(s) installed into %s", len(files), STATIC_DIR)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

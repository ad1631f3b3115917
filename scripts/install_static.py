"""Copy the dashboard's offline web assets (Leaflet, Leaflet.heat) into static/ — see marsad/assets.py."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from marsad.assets import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())

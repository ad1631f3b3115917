"""Export filtered events as CSV, JSON Lines, Parquet or GeoJSON."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Sequence

import duckdb
import pandas as pd

EXPORT_COLUMNS = ("event_id", "date", "date_precision", "type", "status", "actor1", "actor1_group", "actor2",
                  "actor2_group", "place_id", "place_precision", "lat", "lon", "fatalities", "source",
                  "published", "article_id", "story_id", "sentence", "attributed_to")


def select_events(con: duckdb.DuckDBPyConnection, *, actors: Sequence[str] = (), places: Sequence[str] = (),
                  types: Sequence[str] = (), statuses: Sequence[str] = (), since: dt.date | None = None,
                  until: dt.date | None = None) -> pd.DataFrame:
    """Events under the same filters as the dashboard (`marsad.query.events_sql`)."""
    from marsad.query import Filters, events_sql

    sql, params = events_sql(Filters(date_from=since, date_to=until, actors=tuple(actors), places=tuple(places),
                                     types=tuple(types), statuses=tuple(statuses)))
    return con.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM ({sql}) ORDER BY date, event_id", params).df()


def to_geojson(frame: pd.DataFrame) -> dict:
    """A FeatureCollection: one Point feature per event that has coordinates."""
    features = []
    for row in frame.to_dict(orient="records"):
        if row.get("lat") is None or pd.isna(row.get("lat")):
            continue
        props = {k: _jsonable(v) for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _jsonable(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def write_events(frame: pd.DataFrame, out: Path, fmt: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        flat = frame.assign(attributed_to=frame["attributed_to"].map(lambda v: "; ".join(v) if v is not None else ""))
        flat.to_csv(out, index=False, encoding="utf-8-sig")
    elif fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for row in frame.to_dict(orient="records"):
                fh.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    elif fmt == "geojson":
        out.write_text(json.dumps(to_geojson(frame), ensure_ascii=False), encoding="utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}")


def export_events(con: duckdb.DuckDBPyConnection, out: Path, fmt: str, **filters) -> int:
    frame = select_events(con, **filters)
    write_events(frame, out, fmt)
    return len(frame)

"""Store counts for `marsad stats` and the Data page."""
from __future__ import annotations

import json

import duckdb

# one row: the counts of `store_stats`, in the order of KEYS
STATS_SQL = """
SELECT a.*, e.*, p.*, m.*, b.* FROM
  (SELECT count(*) AS articles, count(DISTINCT coalesce(story_id, article_id)) AS stories, min(published) AS first_date,
          max(published) AS last_date, count(*) - count(published) AS undated_articles FROM articles) a,
  (SELECT count(*) AS events, count(DISTINCT type) AS event_types FROM events) e,
  (SELECT count(DISTINCT place_id) AS places, count(DISTINCT place_id) FILTER (WHERE country = 'LY') AS libyan_places,
          count(*) AS place_mentions FROM place_mentions) p,
  (SELECT count(DISTINCT actor_id) FILTER (WHERE kind NOT IN ('outlet', 'source')) AS actors,
          count(DISTINCT group_id) AS actor_groups, count(*) AS actor_mentions FROM actor_mentions) m,
  (SELECT count(*) AS batches, max(finished) AS last_ingest, arg_max(dictionary_versions, finished) AS versions
   FROM batches) b"""
BY_TYPE_SQL = "SELECT type, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC"


def cache_stats(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the counts in the (read-only, per-version) dashboard snapshot: `store_stats` then reads one row."""
    con.execute(f"CREATE OR REPLACE TABLE _stats AS {STATS_SQL}")
    con.execute(f"CREATE OR REPLACE TABLE _stats_by_type AS SELECT row_number() OVER () AS ord, * FROM ({BY_TYPE_SQL})")


def store_stats(con: duckdb.DuckDBPyConnection) -> dict:
    """Counts of articles, stories, events, places, actors, batches; period; last ingest."""
    try:
        row = con.execute("SELECT * FROM _stats").fetchone()
        by_type = dict(con.execute("SELECT type, n FROM _stats_by_type ORDER BY ord").fetchall())
    except duckdb.Error:
        row = con.execute(STATS_SQL).fetchone()
        by_type = dict(con.execute(BY_TYPE_SQL).fetchall())
    (articles, stories, first, last, undated, events, types, places, libyan, place_mentions, actors, groups,
     actor_mentions, batches, last_ingest, versions) = row
    return {"articles": articles, "stories": stories, "events": events, "event_types": types,
            "places": places, "libyan_places": libyan, "actors": actors, "actor_groups": groups,
            "place_mentions": place_mentions, "actor_mentions": actor_mentions,
            "undated_articles": undated, "first_date": first, "last_date": last, "batches": batches,
            "last_ingest": last_ingest, "dictionary_versions": json.loads(versions) if versions else {},
            "events_by_type": by_type}

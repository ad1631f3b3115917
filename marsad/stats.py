"""Store counts for `marsad stats` and the Data page."""
from __future__ import annotations

import json

import duckdb


def store_stats(con: duckdb.DuckDBPyConnection) -> dict:
    """Counts of articles, stories, events, places, actors, batches; period; last ingest."""
    one = lambda sql: con.execute(sql).fetchone()  # noqa: E731
    articles, stories, first, last, undated = one(
        "SELECT count(*), count(DISTINCT coalesce(story_id, article_id)), min(published), max(published), count(*) - count(published) FROM articles")
    events, types = one("SELECT count(*), count(DISTINCT type) FROM events")
    places, libyan, place_mentions = one("SELECT count(DISTINCT place_id), count(DISTINCT place_id) FILTER "
                                         "(WHERE country = 'LY'), count(*) FROM place_mentions")
    actors, groups, actor_mentions = one("SELECT count(DISTINCT actor_id) FILTER (WHERE kind NOT IN ('outlet', 'source')), "
                                         "count(DISTINCT group_id), count(*) FROM actor_mentions")
    batches, last_ingest, versions = one(
        "SELECT count(*), max(finished), arg_max(dictionary_versions, finished) FROM batches")
    by_type = dict(con.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall())
    return {"articles": articles, "stories": stories, "events": events, "event_types": types,
            "places": places, "libyan_places": libyan, "actors": actors, "actor_groups": groups,
            "place_mentions": place_mentions, "actor_mentions": actor_mentions,
            "undated_articles": undated, "first_date": first, "last_date": last, "batches": batches,
            "last_ingest": last_ingest, "dictionary_versions": json.loads(versions) if versions else {},
            "events_by_type": by_type}

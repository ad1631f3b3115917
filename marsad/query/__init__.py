"""Read-side queries for the dashboard: a frozen `Filters` value and pure functions over DuckDB.

Every function takes a DuckDB connection that has the store's views (`Store.connect()`) and a
`Filters`, runs parameterized SQL that aggregates inside DuckDB, and returns a pandas DataFrame
(or a small dict). Nothing here imports Streamlit, plotly or folium, so the same functions serve
the dashboard, the exports, the benchmark and the tests.

Filter semantics
----------------
* events: the event day is ``coalesce(date, published)``; a date bound drops undated events.
  ``actors`` match either side (actor1_group or actor2_group); ``places`` match ``place_id``;
  ``outlets`` match ``source``.
* articles: date on ``published``; an actor/place filter keeps articles that mention one of them;
  a type/status filter keeps articles that have such an event.
* ``one_per_story``: among the rows left by the other filters, only the first article of each
  story (earliest published, then smallest article_id) is kept — near-duplicates count once.
"""
from __future__ import annotations

from marsad.query.actors import (
    actor_profile,
    actor_timeline,
    actor_type_matrix,
    sankey_flows,
)
from marsad.query.articles import (
    article,
    article_events,
    article_spans,
    entity_ids_for_name,
    search_articles,
    story_articles,
    to_json,
)
from marsad.query.events import (
    EVENT_COLUMNS,
    count_events,
    events_geojson,
    events_table,
    key_events,
    ops_by_place,
)
from marsad.query.filters import STATUSES, Filters
from marsad.query.geo import map_places, map_regions, place_details
from marsad.query.options import (
    actor_options,
    batches,
    candidates,
    data_bounds,
    outlet_options,
    place_options,
    store_status,
    type_options,
)
from marsad.query.overview import (
    events_over_time,
    kpis,
    latest_events,
    top_actors,
    top_places,
)
from marsad.query.snapshot import (
    MEMORY_LIMIT,
    MEMORY_TABLES,
    SNAPSHOT_DIR,
    build_snapshot,
    open_snapshot,
    prepare,
    snapshot_path,
    tune,
)
from marsad.query.sql import PLACE_NAMES, articles_sql, choose_bucket, events_sql
from marsad.query.sql import _caps  # noqa: F401 - used by tests and the benchmark

__all__ = ['STATUSES', 'Filters', 'MEMORY_TABLES', 'prepare', 'SNAPSHOT_DIR', 'snapshot_path', 'build_snapshot', 'open_snapshot', 'MEMORY_LIMIT', 'tune', 'events_sql', 'articles_sql', 'PLACE_NAMES', 'choose_bucket', 'data_bounds', 'actor_options', 'place_options', 'outlet_options', 'type_options', 'store_status', 'batches', 'candidates', 'kpis', 'events_over_time', 'top_actors', 'top_places', 'latest_events', 'map_places', 'map_regions', 'place_details', 'actor_timeline', 'actor_type_matrix', 'sankey_flows', 'actor_profile', 'ops_by_place', 'EVENT_COLUMNS', 'events_table', 'key_events', 'count_events', 'events_geojson', 'entity_ids_for_name', 'search_articles', 'article', 'article_spans', 'article_events', 'story_articles', 'to_json']

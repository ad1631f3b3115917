"""Article queries: name lookup, full-text search over the snapshot's word index, one article with its spans and events."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import duckdb
import pandas as pd

from marsad.query.filters import Filters
from marsad.query.sql import PLACE_NAMES, _caps, _df, articles_sql


def entity_ids_for_name(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, list[str]]:
    """Places and actor groups whose English (or Arabic) name contains `name` (case-insensitive)."""
    name = (name or "").strip()
    if len(name) < 2:
        return {"places": [], "actors": []}
    caps = _caps(con)
    pt, at = ("place_name_forms", "actor_name_forms") if "rollups" in caps else ("place_mentions", "actor_mentions")
    pat = f"%{name.lower()}%"
    places = con.execute(f"""SELECT DISTINCT place_id FROM {pt}
                            WHERE lower(name_en) LIKE ? OR name_ar LIKE ? OR lower(place_id) = ?""",
                         [pat, f"%{name}%", name.lower()]).fetchall()
    actors = con.execute(f"""SELECT DISTINCT group_id FROM {at}
                            WHERE lower(name_en) LIKE ? OR name_ar LIKE ? OR lower(group_id) = ? OR lower(actor_id) = ?""",
                         [pat, f"%{name}%", name.lower(), name.lower()]).fetchall()
    return {"places": sorted(r[0] for r in places if r[0]), "actors": sorted(r[0] for r in actors if r[0])}


_SPACE = re.compile(r"[\t\n\f\r ]")   # RE2's \s: the separators of the search index (marsad.rollups.SPLIT)

def _postings(token_ids: list[int]) -> str:
    return f"SELECT _rid FROM search_postings WHERE token_id IN ({', '.join(str(int(t)) for t in token_ids)})"


def _key_matches_sql(con: duckdb.DuckDBPyConnection, keys: list[str]) -> tuple[str, list] | None:
    """With the search index: SQL for the `_rid`s of articles whose normalized text contains one of `keys`.
    A key without separators lies inside one token, so the tokens that contain it give exactly the
    articles; a key with separators needs its first, inner and last tokens (suffix, exact, prefix) in the
    article, and the candidates are then checked against the text. None when the index cannot say."""
    parts, params = [], []
    for k in keys:
        if not _SPACE.search(k):
            ids = [r[0] for r in con.execute("SELECT token_id FROM search_vocab WHERE contains(tok, ?)", [k]).fetchall()]
            if ids:
                parts.append(_postings(ids))
            continue
        words = [w for w in _SPACE.split(k)]
        conds = []
        for i, w in enumerate(words):
            if w == "":
                continue
            if i == 0:
                cond, arg = "suffix(tok, ?)", w
            elif i == len(words) - 1:
                cond, arg = "starts_with(tok, ?)", w
            else:
                cond, arg = "tok = ?", w
            ids = [r[0] for r in con.execute(f"SELECT token_id FROM search_vocab WHERE {cond}", [arg]).fetchall()]
            if not ids:
                conds = None
                break
            conds.append(ids)
        if conds is None:
            continue
        if not conds:
            return None   # only separators: every article with such a character — let the text say
        sub = " INTERSECT ".join(_postings(ids) for ids in conds)
        parts.append(f"""SELECT a._rid FROM articles a JOIN articles_text x USING (article_id)
                         WHERE a._rid IN ({sub}) AND contains(x.text_norm, ?)""")
        params.append(k)
    if not parts:
        return "SELECT NULL::INTEGER AS _rid WHERE FALSE", []
    return " UNION ".join(parts), params


def search_articles(con: duckdb.DuckDBPyConnection, f: Filters, keys: Iterable[str] = (),
                    place_ids: Iterable[str] = (), actor_ids: Iterable[str] = (), limit: int = 200) -> pd.DataFrame:
    """Articles (within the filters) whose normalized text contains any of `keys` (already
    normalized with `marsad.text.search_key`) or that mention any of the given places/actor groups.
    With nothing to search for, returns the filtered articles, newest first."""
    keys = [k for k in keys if k and k.strip()]
    place_ids, actor_ids = list(place_ids), list(actor_ids)
    caps = _caps(con)
    art, p = articles_sql(f, caps)
    index = _key_matches_sql(con, keys) if keys and "search" in caps else None
    conds, cp = [], []
    if index is not None:
        sub, sp = index
        conds.append(f"a.article_id IN (SELECT article_id FROM articles WHERE _rid IN ({sub}))")
        cp += sp
        for k in keys:
            conds.append("contains(a.title, ?)")
            cp.append(k)
    else:
        for k in keys:
            conds.append("(contains(x.text_norm, ?) OR contains(x.title, ?))")
            cp += [k, k]
    if place_ids:
        conds.append("a.article_id IN (SELECT article_id FROM place_mentions WHERE list_contains(?::VARCHAR[], place_id))")
        cp.append(place_ids)
    if actor_ids:
        conds.append("a.article_id IN (SELECT article_id FROM actor_mentions WHERE list_contains(?::VARCHAR[], group_id) "
                     "OR list_contains(?::VARCHAR[], actor_id))")
        cp += [actor_ids, actor_ids]
    where = " OR ".join(conds) if conds else "TRUE"
    # `articles` is `articles_text` without the text (see `prepare`): the text is read only when searched
    text_join = "JOIN articles_text x USING (article_id)" if keys and index is None else ""
    return _df(con, f"""
        WITH hits AS (SELECT a.article_id, a.story_id, a.title, a.published, a.source, a.url, a.n_chars
                      FROM ({art}) a {text_join}
                      WHERE {where}
                      ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ?)
        SELECT h.*, (SELECT count(*) FROM events ev WHERE ev.article_id = h.article_id) AS events
        FROM hits h ORDER BY h.published DESC NULLS LAST, h.article_id""", p + cp + [limit])


def _article_text_source(con: duckdb.DuckDBPyConnection, article_id: str) -> str:
    """`articles_text`, or, in a snapshot that lists the articles' files, only the file of the article's month."""
    try:
        row = con.execute("""SELECT list(f.path) FROM articles a JOIN article_files f
                             ON f.month = coalesce(a.month, 'undated') WHERE a.article_id = ?""", [article_id]).fetchone()
    except duckdb.Error:
        return "articles_text"
    if not row or not row[0]:
        return "articles_text"
    listing = ", ".join("'" + str(p).replace("'", "''") + "'" for p in row[0])
    return f"read_parquet([{listing}], union_by_name=true)"


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    rows = con.execute(f"SELECT * EXCLUDE (text_norm) FROM {_article_text_source(con, article_id)} "
                       "WHERE article_id = ? LIMIT 1", [article_id]).df()
    if rows.empty:
        return None
    rec = rows.iloc[0].to_dict()
    return {k: (None if (not isinstance(v, (list, tuple, dict, str)) and pd.isna(v)) else v) for k, v in rec.items()}


def article_spans(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """kind ('place' | 'actor' | 'operation'), start, end, label_en, label_ar, ref for one article's
    body (mentions in the title, sentence -1, have offsets into the title and are left out)."""
    return _df(con, """
        SELECT 'place' AS kind, start, "end", name_en AS label_en, name_ar AS label_ar, place_id AS ref
        FROM place_mentions WHERE article_id = ? AND start IS NOT NULL AND sentence_idx >= 0
        UNION ALL
        SELECT 'actor', start, "end", name_en, name_ar, group_id FROM actor_mentions
        WHERE article_id = ? AND start IS NOT NULL AND sentence_idx >= 0
        UNION ALL
        SELECT 'operation', start, "end", type, status, event_id FROM events WHERE article_id = ? AND start IS NOT NULL
        ORDER BY start, "end" DESC""", [article_id] * 3)


def article_events(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    return _df(con, f"""
        SELECT e.event_id, coalesce(e.date, e.published) AS day, e.date_precision, e.type, e.status, e.actor1_group,
               e.actor2_group, e.actor1, e.actor2, e.place_id, pn.name_en AS place_en, pn.name_ar AS place_ar,
               e.fatalities, e.attributed_to, e.sentence
        FROM events e LEFT JOIN ({PLACE_NAMES}) pn ON pn.place_id = e.place_id
        WHERE e.article_id = ? ORDER BY e.start NULLS LAST""", [article_id])


def story_articles(con: duckdb.DuckDBPyConnection, story_id: str) -> pd.DataFrame:
    return _df(con, """SELECT article_id, title, published, source, url FROM articles WHERE story_id = ?
                       ORDER BY published NULLS LAST, article_id""", [story_id])


def to_json(value: Any) -> str:
    """JSON with dates as ISO strings (for exports)."""
    return json.dumps(value, ensure_ascii=False, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v))


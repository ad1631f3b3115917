"""One reader per format: plain text, TREC <DOC>, JSON / JSON Lines, CSV, HTML; zips and folders."""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator, Mapping

from marsad.dates import parse_date_value
from marsad.ingest import Article, InputError, ReadOptions, Skip, make_article
from marsad.ingest.encoding import decode

log = logging.getLogger(__name__)

FIELD_DEFAULTS: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "titre"),
    "text": ("content", "text", "body", "article", "story", "Content"),
    "date": ("date", "published", "date_extracted", "published_at", "pubdate", "datetime", "time", "timestamp"),
    "url": ("url", "link", "href"),
    "source": ("source", "outlet", "publisher", "src", "site", "platform"),
}
TEXT_EXTENSIONS = {".txt", ".text", ".trec", ".sgml", ".xml", ""}
#: Documentation files that folders of articles often carry; skipped silently when walking folders.
FOLDER_DOCS = ("readme", "license", "licence", "changelog")
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
KNOWN_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | {".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".zip"}
_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DATELINE_SOURCE = re.compile(r"^[^\n()]{0,40}\(([^()\n]{2,60})\)\s*[-–—:]")
_DOC = re.compile(r"<DOC>(.*?)(?:</DOC>|(?=<DOC>)|\Z)", re.S)


# -- files, folders, zips ----------------------------------------------------------------------

def list_input_files(paths) -> list[str]:
    """Input files in reading order: folders expanded recursively (sorted), zips kept whole; a path
    that does not exist is kept, so that reading it reports the problem."""
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += [str(c) for c in sorted(p for p in path.rglob("*") if is_article_file(p))]
        else:
            out.append(str(path))
    return out


def iter_files(paths, options: ReadOptions) -> Iterator[tuple[str, bytes, str | None]]:
    """(display name, bytes, error) for every file under `paths`, zip members included."""
    for name in list_input_files(paths):
        path = Path(name)
        if path.exists():
            yield from _file(path, options)
        else:
            yield name, b"", "no such file or folder"


def is_article_file(path: Path) -> bool:
    """Files a folder walk reads: not hidden, not README/LICENSE documentation."""
    return path.is_file() and not path.name.startswith(".") and not path.name.lower().startswith(FOLDER_DOCS)


def _file(path: Path, options: ReadOptions) -> Iterator[tuple[str, bytes, str | None]]:
    name = str(path)
    size = path.stat().st_size
    if path.suffix.lower() == ".zip":
        yield from _zip_members(name, path, options)
        return
    if size > options.max_file_bytes:
        yield name, b"", f"file too large ({size / 1e6:.1f} MB > {options.max_file_bytes / 1e6:.0f} MB limit)"
        return
    try:
        yield name, path.read_bytes(), None
    except OSError as exc:
        yield name, b"", f"cannot read file ({exc.strerror})"


def _zip_members(name: str, path: Path | io.BytesIO, options: ReadOptions, depth: int = 0) -> Iterator[tuple[str, bytes, str | None]]:
    try:
        archive = zipfile.ZipFile(path)
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        yield name, b"", f"not a valid zip archive ({exc})"
        return
    total = sum(i.file_size for i in infos)
    if len(infos) > options.max_zip_members or total > options.max_zip_bytes:
        yield name, b"", (f"zip expands past the limit ({len(infos)} files, {total / 1e6:.0f} MB; "
                          f"limits {options.max_zip_members} files, {options.max_zip_bytes / 1e6:.0f} MB)")
        return
    for info in infos:
        member = f"{name}!{info.filename}"
        if PurePosixPath(info.filename).name.startswith((".", "__MACOSX")) or "__MACOSX" in info.filename:
            continue
        if info.file_size > options.max_file_bytes:
            yield member, b"", f"file too large ({info.file_size / 1e6:.1f} MB)"
            continue
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            yield member, b"", f"corrupt zip member ({exc})"
            continue
        if info.filename.lower().endswith(".zip") and depth < 2:
            yield from _zip_members(member, io.BytesIO(data), options, depth + 1)
        else:
            yield member, data, None


# -- dispatch ----------------------------------------------------------------------------------

def read_file_bytes(name: str, data: bytes, options: ReadOptions) -> tuple[list[Article], list[Skip]]:
    """Articles and skips of one file, the format chosen by extension and content."""
    ext = Path(name.split("!")[-1]).suffix.lower()
    if ext not in KNOWN_EXTENSIONS:
        return [], [Skip(name, f"unsupported file type '{ext}' (txt, trec, json, jsonl, csv, html, zip)")]
    try:
        text = decode(data, name)
    except InputError as exc:
        return [], [Skip(name, str(exc))]
    reader = _reader_for(ext, text)
    try:
        return reader(name, text, options)
    except InputError as exc:
        return [], [Skip(name, str(exc))]


def _reader_for(ext: str, text: str) -> Callable[[str, str, ReadOptions], tuple[list[Article], list[Skip]]]:
    head = text.lstrip("\ufeff \n\r\t")[:200]
    if ext in (".jsonl", ".ndjson"):
        return read_jsonl
    if ext == ".json":
        return read_json if head.startswith(("[", "{")) and not _looks_like_jsonl(text) else read_jsonl
    if ext in (".csv", ".tsv"):
        return read_csv
    if ext in HTML_EXTENSIONS:
        return read_html
    if "<DOC>" in head or re.search(r"<DOC>\s*<DOCNO>", text[:5000]):
        return read_trec
    return read_txt


def _looks_like_jsonl(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:3] if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        json.loads(lines[0])
        return True
    except json.JSONDecodeError:
        return False


# -- plain text --------------------------------------------------------------------------------

def _looks_like_title(line: str, rest: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= 200 and not line.endswith((".", "。", "!", "؟")) and bool(rest.strip())


def date_from_filename(name: str):
    m = _FILENAME_DATE.search(Path(name.split("!")[-1]).name)
    return parse_date_value(f"{m[1]}-{m[2]}-{m[3]}") if m else None


def read_txt(name: str, text: str, options: ReadOptions) -> tuple[list[Article], list[Skip]]:
    text = text.lstrip("\ufeff").strip()
    if not text:
        raise InputError("empty file")
    first, _, rest = text.partition("\n")
    title, body = (first.strip(), rest.strip()) if _looks_like_title(first, rest) else ("", text)
    source = None
    m = _DATELINE_SOURCE.match(body)
    if m:
        source = m[1].strip()
    published = options.date or date_from_filename(name)
    return [make_article(title, body, published, source, None, name, options)], []


# -- TREC <DOC> ----------------------------------------------------------------------------------

def _tag(block: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    return m[1].strip() if m else None


def read_trec(name: str, text: str, options: ReadOptions) -> tuple[list[Article], list[Skip]]:
    articles, skips = [], []
    for m in _DOC.finditer(text):
        block = m[1]
        line = text.count("\n", 0, m.start()) + 1
        if not m[0].rstrip().endswith("</DOC>"):
            skips.append(Skip(name, "truncated <DOC> (no closing </DOC>)", line))
            continue
        body = _tag(block, "TEXT")
        if body is None:
            skips.append(Skip(name, "<DOC> without <TEXT>", line))
            continue
        raw_time = _tag(block, "TIME")
        published = parse_date_value(raw_time) if raw_time else None
        if raw_time and published is None:
            log.warning("%s:%d: unreadable TIME %r, article kept undated", name, line, raw_time)
        docno = _tag(block, "DOCNO")
        try:
            articles.append(make_article(_tag(block, "TITLE"), body, published, _tag(block, "SRC"), _tag(block, "URL"),
                                         f"{name}#{docno}" if docno else name, options))
        except InputError as exc:
            skips.append(Skip(name, f"{docno or 'document'}: {exc}", line))
    if not articles and not skips:
        raise InputError("no <DOC> documents found")
    return articles, skips


# -- JSON, JSON Lines, CSV ------------------------------------------------------------------------

def _pick(record: Mapping, key: str, field_map: Mapping[str, str]):
    if key in field_map:
        return record.get(field_map[key])
    lowered = {str(k).lower(): v for k, v in record.items()}
    for candidate in FIELD_DEFAULTS[key]:
        value = lowered.get(candidate.lower())
        if value not in (None, ""):
            return value
    return None


def _record_article(record: Mapping, name: str, where: str, options: ReadOptions) -> Article:
    if not isinstance(record, Mapping):
        raise InputError(f"{where}: expected an object, got {type(record).__name__}")
    text = _pick(record, "text", options.field_map)
    if text in (None, "") or not isinstance(text, str):
        wanted = options.field_map.get("text") or "/".join(FIELD_DEFAULTS["text"][:3])
        raise InputError(f"{where}: no text (field '{wanted}' missing or empty)")
    raw_date = _pick(record, "date", options.field_map)
    published = parse_date_value(raw_date)
    title = _pick(record, "title", options.field_map)
    return make_article(str(title) if title else "", text, published, _str(_pick(record, "source", options.field_map)),
                        _str(_pick(record, "url", options.field_map)), f"{name}{where and '#' + where}", options)


def _str(value) -> str | None:
    return str(value) if value not in (None, "") else None


def read_json(name: str, text: str, options: ReadOptions) -> tuple[list[Article], list[Skip]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if isinstance(data, Mapping):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else [data]
    articles, skips = [], []
    for i, record in enumerate(data, start=1):
        try:
            articles.append(_record_article(record, name, f"item {i}", options))
        except InputError as exc:
            skips.append(Skip(name, str(exc)))
    return articles, skips


def read_jsonl(name: str, text: str, options: ReadOptions) -> tuple[list[Article], list[Skip]]:
    articles, skips = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            skips.append(Skip(name, f"invalid JSON line ({exc.msg}, column {exc.colno})", n))
            continue
        try:
            articles.append(_record_article(record, name, f"line {n}", options))
        except InputError as exc:
            skips.append(Skip(name, str(exc).split(": ", 1)[-1], n))
    return articles, skips


def read_csv(name: str, text: str, options: ReadOptions) -> tuple[list[Article], list[Skip]]:
    sample = text[:5000]
    delimiter = "\t" if name.lower().endswith(".tsv") or sample.count("\t") > sample.count(",") else ","
    csv.field_size_limit(50 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = reader.fieldnames or []
    probe = {c: "x" for c in columns}
    if _pick(probe, "text", options.field_map) is None:
        wanted = options.field_map.get("text") or "content/text/body"
        raise InputError(f"CSV has no text column (looked for '{wanted}'; columns are: {', '.join(columns)})")
    articles, skips = [], []
    try:
        for row in reader:
            line = reader.line_num
            try:
                articles.append(_record_article(row, name, f"row {line}", options))
            except InputError as exc:
                skips.append(Skip(name, str(exc).split(": ", 1)[-1], line))
    except csv.Error as exc:
        skips.append(Skip(name, f"malformed CSV ({exc})", reader.line_num))
    return articles, skips


# -- HTML -------------------------------------------------------------------------------------

def read_html(name: str, text: str, options: ReadOptions) -> tuple[list[Article], list[Skip]]:
    import trafilatura

    result = trafilatura.extract(text, output_format="json", with_metadata=True, include_comments=False,
                                 include_tables=False, favor_precision=True)
    if not result:
        raise InputError("no article text found in the HTML page")
    meta = json.loads(result)
    body = meta.get("text") or meta.get("raw_text") or ""
    if not body.strip():
        raise InputError("no article text found in the HTML page")
    title = meta.get("title") or ""
    body = _drop_repeated_headline(title, body)
    published = options.date or parse_date_value(meta.get("date")) or date_from_filename(name)
    # trafilatura's JSON names the site (og:site_name) "source-hostname"; "hostname" is the URL's host
    source = meta.get("sitename") or meta.get("source-hostname") or meta.get("hostname")
    return [make_article(title, body, published, source, meta.get("url") or meta.get("source"),
                         name, options)], []


def _drop_repeated_headline(title: str, body: str) -> str:
    """Pages repeat their <h1> headline as the first line of the extracted text; keep it once, as the title."""
    first, sep, rest = body.lstrip().partition("\n")
    if title and sep and " ".join(first.split()) == " ".join(title.split()):
        return rest.lstrip()
    return body

"""Versioned dictionaries (YAML), validated against JSON schemas when loaded.

`load_resources()` builds everything extraction needs — gazetteer, actor dictionary, operation and
date lexicons, and the compiled matchers — from the shipped files plus the user's overlay file
(`dictionary_overlay.yaml` in the store folder), validated the same way.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jsonschema
import yaml

log = logging.getLogger(__name__)

RESOURCE_DIR = Path(__file__).resolve().parent
OVERLAY_FILE = "dictionary_overlay.yaml"


class ResourceError(ValueError):
    """A dictionary file or entry is invalid; the message names the file, the entry and the field."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when the wheel has it
    """Safe loader that rejects a key given twice in one mapping (YAML would keep the last)."""


def _unique_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
_LOADER = _Loader


def read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError as exc:
        raise ResourceError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise ResourceError(f"{path}: not valid YAML ({exc})") from exc


def _entry_label(data: Any, path: list) -> str:
    """'places[12] (id=ras_lanuf)' for an error at data['places'][12]..."""
    label, node = [], data
    for part in path:
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            ident = node.get("id") or node.get("code") if isinstance(node, dict) else None
            label.append(f"[{part}]" + (f" (id={ident})" if ident else ""))
        elif isinstance(node, dict) and part in node:
            node = node[part]
            label.append(f".{part}" if label else str(part))
        else:
            label.append(f".{part}")
    return "".join(label) or "(top level)"


def validate(data: Any, schema_name: str, source: str) -> Any:
    """Validate `data` against `schema/<schema_name>.schema.yaml`; raise naming every bad entry."""
    schema = read_yaml(RESOURCE_DIR / "schema" / f"{schema_name}.schema.yaml")
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        lines = [f"{source}: {_entry_label(data, list(e.absolute_path))}: {e.message}" for e in errors[:20]]
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise ResourceError("invalid dictionary entries:\n" + "\n".join(lines) + more)
    return data


def load_file(name: str, schema_name: str | None = None, directory: Path = RESOURCE_DIR) -> dict:
    path = directory / name
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping at the top level")
    return validate(data, schema_name or path.stem, str(path))


def load_overlay(overlay_dir: Path | None) -> dict:
    """The user's overlay (same sections as the shipped files), or {} when there is none."""
    if overlay_dir is None:
        return {}
    path = Path(overlay_dir) / OVERLAY_FILE
    if not path.exists():
        return {}
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping at the top level")
    data.setdefault("version", "overlay")
    validate({"version": str(data["version"]), "places": data.get("places", [])}, "places", str(path))
    validate({k: v for k, v in data.items() if k in ("version", "groups", "actors", "people", "outlets")}
             | {"version": str(data["version"]), "groups": data.get("groups", [])}, "actors", str(path))
    return data


def load_resources(overlay_dir: str | Path | None = None, settings=None):
    """Load and compile every dictionary (shipped files + the overlay in `overlay_dir`)."""
    from marsad.lexicon import build_resources
    from marsad.settings import Settings

    return build_resources(load_overlay(Path(overlay_dir) if overlay_dir else None), settings or Settings())


def __getattr__(name: str):
    if name == "Resources":
        from marsad.lexicon import Resources

        return Resources
    raise AttributeError(name)


__all__ = ["Resources", "ResourceError", "load_resources", "load_file", "validate", "OVERLAY_FILE"]

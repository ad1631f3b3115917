"""Entity labels in English and Arabic for ids (actor groups, operation codes, places, statuses).

Built from the engine's resources when available (`marsad.resources.load_resources`) and from the
names stored in the mention tables; ids never appear alone — an unknown id gets a readable form.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

# Fallbacks used only while the engine's resources cannot be loaded (catalogue codes).
OPERATIONS = {
    "airstrike": ("Air or drone strike", "غارة جوية"),
    "shelling": ("Shelling or missile attack", "قصف مدفعي وصاروخي"),
    "armed_clash": ("Armed clash", "اشتباكات مسلحة"),
    "attack": ("Armed attack or raid", "هجوم مسلح"),
    "bombing": ("Bombing or IED", "تفجير"),
    "assassination": ("Assassination", "اغتيال"),
    "abduction": ("Abduction", "اختطاف"),
    "arrest": ("Arrest or detention", "اعتقال"),
    "territorial_control": ("Territorial control", "سيطرة على الأرض"),
    "deployment": ("Deployment of forces", "نشر قوات"),
    "training": ("Training or advising", "تدريب"),
    "covert_operation": ("Covert operation", "عمليات سرية"),
    "arms_transfer": ("Arms transfer", "نقل أسلحة"),
    "ceasefire": ("Ceasefire or truce", "وقف إطلاق النار"),
    "protest": ("Protest", "احتجاج"),
}
STATUSES = {
    "reported": ("Reported", "مُبلَّغ عنه"),
    "claimed": ("Claimed", "مُتبنّى"),
    "denied": ("Denied", "منفي"),
    "planned": ("Planned", "مُخطَّط"),
}
KINDS = {
    "libyan_government": ("Libyan government bodies", "هيئات حكومية ليبية"),
    "libyan_armed_force": ("Libyan armed forces", "قوات مسلحة ليبية"),
    "jihadist_group": ("Jihadist groups", "جماعات جهادية"),
    "foreign_state": ("Foreign states", "دول أجنبية"),
    "foreign_armed_group": ("Foreign armed groups", "جماعات مسلحة أجنبية"),
    "international_org": ("International organisations", "منظمات دولية"),
    "other": ("Other", "أخرى"),
}
KIND_ORDER = list(KINDS)


def pretty(ident: str | None) -> str:
    """Readable form of an unknown id: 'armed_clash' → 'Armed clash'."""
    if not ident:
        return "—"
    text = str(ident).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@dataclass
class Labels:
    """Lookup of (English, Arabic) names; `lang` is 'en' or 'ar'."""

    groups: dict[str, tuple[str, str]] = field(default_factory=dict)
    group_kinds: dict[str, str] = field(default_factory=dict)
    operations: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(OPERATIONS))
    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    statuses: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(STATUSES))
    aliases: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    source: str = "fallback"

    @staticmethod
    def _pick(pair: tuple[str, str] | None, ident: str | None, lang: str) -> str:
        if not pair:
            return pretty(ident)
        en, ar = pair
        return (ar or en or pretty(ident)) if lang == "ar" else (en or ar or pretty(ident))

    def group(self, ident: str | None, lang: str = "en") -> str:
        return self._pick(self.groups.get(ident or ""), ident, lang)

    def op(self, code: str | None, lang: str = "en") -> str:
        return self._pick(self.operations.get(code or ""), code, lang)

    def place(self, ident: str | None, lang: str = "en") -> str:
        return self._pick(self.places.get(ident or ""), ident, lang)

    def status(self, code: str | None, lang: str = "en") -> str:
        return self._pick(self.statuses.get(code or ""), code, lang)

    def kind(self, kind: str | None, lang: str = "en") -> str:
        return self._pick(KINDS.get(kind or ""), kind, lang)

    @staticmethod
    def both(pair: tuple[str, str] | None, ident: str | None = None) -> str:
        """'English — العربية' (for pickers that must work in both languages)."""
        if not pair:
            return pretty(ident)
        en, ar = pair
        return f"{en} — {ar}" if en and ar and en != ar else (en or ar or pretty(ident))

    def group_both(self, ident: str) -> str:
        return self.both(self.groups.get(ident), ident)

    def place_both(self, ident: str) -> str:
        return self.both(self.places.get(ident), ident)

    def op_both(self, code: str) -> str:
        return self.both(self.operations.get(code), code)

    def status_both(self, code: str) -> str:
        return self.both(self.statuses.get(code), code)

    def kind_of(self, group_id: str) -> str:
        return self.group_kinds.get(group_id, "other")

    def sort_groups(self, ids: Iterable[str]) -> list[str]:
        """Grouped by kind (catalogue order of kinds), then by English name."""
        order = {k: i for i, k in enumerate(KIND_ORDER)}
        return sorted(set(ids), key=lambda g: (order.get(self.kind_of(g), len(order)), self.group(g, "en").lower()))

    def with_places(self, frame) -> "Labels":
        """Add place names from a frame with place_id, name_en, name_ar columns."""
        if frame is not None and len(frame):
            for pid, en, ar in frame[["place_id", "name_en", "name_ar"]].itertuples(index=False):
                if pid and pid not in self.places:
                    self.places[pid] = (en or "", ar or "")
        return self

    def with_groups_from_mentions(self, frame) -> "Labels":
        """Names of groups the resources do not know, from actor_mentions rows where actor_id == group_id."""
        if frame is not None and len(frame):
            for gid, en, ar, kind in frame[["group_id", "name_en", "name_ar", "kind"]].itertuples(index=False):
                if gid and gid not in self.groups:
                    self.groups[gid] = (en or "", ar or "")
                if gid and gid not in self.group_kinds and kind in KINDS:
                    self.group_kinds[gid] = kind
        return self


def from_resources(res) -> Labels:
    """Labels from an engine `Resources` object (attributes documented in the dashboard brief)."""
    labels = Labels(source="resources")
    groups: Mapping = getattr(res, "group_labels", {}) or {}
    labels.groups.update({k: (v[0], v[1]) for k, v in groups.items()})
    labels.group_kinds.update(dict(getattr(res, "group_kinds", {}) or {}))
    ops: Mapping = getattr(res, "operation_labels", {}) or {}
    labels.operations.update({k: (v[0], v[1]) for k, v in ops.items()})
    labels.versions = {str(k): str(v) for k, v in (getattr(res, "versions", {}) or {}).items()}
    aliases = getattr(res, "group_aliases", None)
    if isinstance(aliases, Mapping):
        labels.aliases = {k: (list(v[0]), list(v[1])) for k, v in aliases.items()}
    return labels

"""Synthetic but realistic Marsad stores for dashboard tests and the benchmark.

`build_fixture_store(path, n_articles=300, seed=7)` writes articles, place and actor mentions, events,
and a batch through `Store.append`, with:

* Libyan places with their GeoNames ids and real coordinates, a neighbourhood (precision 2), two
  regions (precision 3), Libya itself and two foreign countries (never drawn as points);
* catalogue actor groups (plus sub-actors and a person that roll up to a group) and all 15
  catalogue operation codes with the four statuses;
* Arabic sentences written for these fixtures (not taken from any corpus), with character offsets
  for every place, actor and operation cue;
* dates 2011–2024, about 7 % undated articles, six outlets, and about 12 % near-duplicate articles
  that share a `story_id` with an earlier one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from functools import lru_cache
from pathlib import Path

import pandas as pd

from marsad.store import Store, month_of

# id, geonameid, en, ar, kind, country, lat, lon, precision, weight
PLACES = [
    ("2210247", 2210247, "Tripoli", "طرابلس", "city", "LY", 32.8872, 13.1913, 1, 30),
    ("88319", 88319, "Benghazi", "بنغازي", "city", "LY", 32.1167, 20.0667, 1, 24),
    ("2214846", 2214846, "Misrata", "مصراتة", "city", "LY", 32.3754, 15.0925, 1, 14),
    ("2210554", 2210554, "Sirte", "سرت", "city", "LY", 31.2089, 16.5887, 1, 14),
    ("87205", 87205, "Derna", "درنة", "city", "LY", 32.7670, 22.6367, 1, 10),
    ("2212771", 2212771, "Sabratha", "صبراتة", "city", "LY", 32.7933, 12.4885, 1, 5),
    ("81302", 81302, "Tobruk", "طبرق", "city", "LY", 32.0836, 23.9764, 1, 6),
    ("2212775", 2212775, "Sabha", "سبها", "city", "LY", 27.0377, 14.4283, 1, 7),
    ("2218970", 2218970, "Zawiya", "الزاوية", "city", "LY", 32.7571, 12.7278, 1, 5),
    ("89113", 89113, "Ajdabiya", "أجدابيا", "city", "LY", 30.7554, 20.2263, 1, 5),
    ("89055", 89055, "Bayda", "البيضاء", "city", "LY", 32.7627, 21.7551, 1, 4),
    ("2219905", 2219905, "Al Khums", "الخمس", "city", "LY", 32.6486, 14.2619, 1, 3),
    ("2215210", 2215210, "Brega", "البريقة", "oil_port", "LY", 30.4064, 19.5797, 1, 4),
    ("2208425", 2208425, "Zuwara", "زوارة", "city", "LY", 32.9312, 12.0820, 1, 3),
    ("2218963", 2218963, "Zintan", "الزنتان", "town", "LY", 31.9317, 12.2529, 1, 3),
    ("2218840", 2218840, "Bani Walid", "بني وليد", "town", "LY", 31.7566, 13.9942, 1, 4),
    ("2217362", 2217362, "Gharyan", "غريان", "city", "LY", 32.1722, 13.0203, 1, 4),
    ("88962", 88962, "Kufra", "الكفرة", "town", "LY", 24.1833, 23.2833, 1, 2),
    ("2219235", 2219235, "Ubari", "أوباري", "town", "LY", 26.5903, 12.7751, 1, 2),
    ("2216645", 2216645, "Hun", "هون", "town", "LY", 29.1268, 15.9477, 1, 1),
    ("ras_lanuf", None, "Ras Lanuf", "رأس لانوف", "oil_port", "LY", 30.5000, 18.5700, 1, 4),
    ("sidra", None, "Es Sider", "السدرة", "oil_port", "LY", 30.6300, 18.3500, 1, 3),
    ("abu_salim", None, "Abu Salim", "أبو سليم", "neighbourhood", "LY", 32.8560, 13.1890, 2, 3),
    ("mitiga_airport", None, "Mitiga airport", "مطار معيتيقة", "airport", "LY", 32.8941, 13.2760, 1, 3),
    ("fezzan", None, "Fezzan", "فزان", "region", "LY", 26.0000, 14.0000, 3, 3),
    ("cyrenaica", None, "Cyrenaica", "برقة", "region", "LY", 31.0000, 21.5000, 3, 3),
    ("2215636", 2215636, "Libya", "ليبيا", "country", "LY", 26.0000, 17.0000, 3, 8),
    ("357994", 357994, "Egypt", "مصر", "country", "EG", 27.0000, 30.0000, 3, 2),
    ("2464461", 2464461, "Tunisia", "تونس", "country", "TN", 34.0000, 9.0000, 3, 2),
]
POINT_PLACES = [p for p in PLACES if p[8] < 3]

# group id, en, ar, kind, weight
GROUPS = [
    ("lna", "Libyan National Army (Haftar-led forces)", "الجيش الوطني الليبي", "libyan_armed_force", 20),
    ("gna", "Government of National Accord / Presidential Council", "حكومة الوفاق الوطني", "libyan_government", 16),
    ("gnu", "Government of National Unity (Dbeibah)", "حكومة الوحدة الوطنية", "libyan_government", 6),
    ("hor", "House of Representatives", "مجلس النواب", "libyan_government", 5),
    ("isis", "Islamic State (ISIS)", "تنظيم الدولة", "jihadist_group", 10),
    ("ansar_sharia", "Ansar al-Sharia", "أنصار الشريعة", "jihadist_group", 4),
    ("misrata_forces", "Misratan brigades", "كتائب مصراتة", "libyan_armed_force", 6),
    ("rada", "Special Deterrence Force (Rada)", "قوة الردع", "libyan_armed_force", 4),
    ("local_militias", "Unnamed local militias or armed groups", "مجموعات مسلحة", "libyan_armed_force", 10),
    ("gaddafi_forces", "Gaddafi government and forces (to 2011)", "كتائب القذافي", "libyan_government", 5),
    ("usa", "United States", "الولايات المتحدة", "foreign_state", 7),
    ("tur", "Turkey", "تركيا", "foreign_state", 6),
    ("egy", "Egypt", "مصر", "foreign_state", 4),
    ("are", "United Arab Emirates", "الإمارات", "foreign_state", 4),
    ("rus", "Russia", "روسيا", "foreign_state", 3),
    ("wagner", "Wagner Group", "فاغنر", "foreign_armed_group", 4),
    ("gbr", "United Kingdom", "بريطانيا", "foreign_state", 3),
    ("un", "United Nations (incl. UNSMIL, Security Council)", "البعثة الأممية", "international_org", 5),
    ("nato", "NATO", "حلف شمال الأطلسي", "international_org", 3),
]
# actor id, group, en, ar, kind (sub-actors and a person that roll up to a group)
SUB_ACTORS = [
    ("khalifa_haftar", "lna", "Khalifa Haftar", "خليفة حفتر", "person"),
    ("gbr_special_forces", "gbr", "British special forces", "القوات الخاصة البريطانية", "special_forces"),
    ("africom", "usa", "AFRICOM", "القيادة الأمريكية في أفريقيا", "command"),
    ("bunyan_op", "gna", "Bunyan al-Marsous forces", "قوات البنيان المرصوص", "operation"),
]
ACTORS = [(g, g, en, ar, kind) for g, en, ar, kind, _ in GROUPS] + SUB_ACTORS
ACTOR_WEIGHTS = [w for *_, w in GROUPS] + [4, 2, 2, 4]

OUTLETS = ["الجزيرة نت", "بوابة الوسط", "عين ليبيا", "رويترز", "الأناضول", "ليبيا الأحرار"]
OUTLET_WEIGHTS = [6, 8, 5, 3, 3, 4]

# Templates written for these fixtures. Slots: {a1} {a2} actors, {p} place, [cue] the operation cue.
TEMPLATES = {
    "airstrike": ["شنّ طيران {a1} [غارة جوية] على مواقع {a2} في {p}",
                  "استهدفت [طائرة مسيرة] تابعة لـ{a1} تجمعاً لعناصر {a2} جنوب {p}"],
    "shelling": ["تعرضت أحياء سكنية في {p} [لقصف مدفعي] اتهمت مصادر محلية {a1} بالوقوف وراءه",
                 "سقطت [قذائف هاون] أطلقتها {a1} على مواقع {a2} قرب {p}"],
    "armed_clash": ["اندلعت [اشتباكات] عنيفة بين {a1} و{a2} في {p}",
                    "تجددت [المواجهات المسلحة] بين {a1} و{a2} على أطراف {p}"],
    "attack": ["شنّ مسلحون تابعون لـ{a1} [هجوماً] على بوابة أمنية يسيطر عليها {a2} في {p}",
               "نصبت عناصر من {a1} [كميناً] لدورية تابعة لـ{a2} قرب {p}"],
    "bombing": ["انفجرت [سيارة مفخخة] قرب مقر أمني في {p} وتبنى {a1} العملية",
                "أدى [تفجير] استهدف نقطة تفتيش لـ{a2} في {p} إلى سقوط ضحايا"],
    "assassination": ["[اغتيل] ضابط في {a2} برصاص مجهولين في {p}",
                      "نجا مسؤول في {a2} من محاولة [اغتيال] في {p}"],
    "abduction": ["أقدمت عناصر من {a1} على [خطف] موظفين في {p}",
                  "أعلنت {a2} [اختطاف] عدد من العمال الأجانب في {p}"],
    "arrest": ["أعلنت {a1} [القبض على] عناصر قالت إنهم ينتمون إلى {a2} في {p}",
               "نفذت {a1} حملة [اعتقالات] في {p}"],
    "territorial_control": ["أعلنت {a1} [السيطرة على] {p} بعد انسحاب {a2}",
                            "قالت {a1} إنها أتمت [تحرير] {p} من قبضة {a2}"],
    "deployment": ["وصلت [تعزيزات عسكرية] تابعة لـ{a1} إلى {p}",
                   "أرسلت {a1} [قوات إضافية] إلى محيط {p} لدعم {a2}"],
    "training": ["يشرف [مستشارون عسكريون] من {a1} على [تدريب] عناصر {a2} في {p}",
                 "بدأت {a1} برنامج [تدريب] لقوات {a2} في قاعدة قرب {p}"],
    "covert_operation": ["كشفت تقارير عن [عمليات سرية] تنفذها {a1} في محيط {p}",
                         "نفذت {a1} [مهام سرية] لملاحقة عناصر {a2} قرب {p}"],
    "arms_transfer": ["ضبطت {a1} [شحنة أسلحة] في ميناء {p} قالت إنها موجهة إلى {a2}",
                      "اتهم تقرير {a1} بإرسال [شحنات أسلحة] إلى {a2} عبر {p}"],
    "ceasefire": ["اتفقت {a1} و{a2} على [وقف إطلاق النار] في {p}",
                  "رحبت {a1} بإعلان [هدنة] في {p}"],
    "protest": ["خرج مئات المتظاهرين في [مظاهرة] وسط {p} احتجاجاً على سياسات {a1}",
                "نظم سكان {p} [وقفة احتجاجية] للمطالبة برحيل {a2}"],
}
TYPE_WEIGHTS = {"airstrike": 10, "shelling": 9, "armed_clash": 14, "attack": 8, "bombing": 5, "assassination": 4,
                "abduction": 4, "arrest": 6, "territorial_control": 6, "deployment": 8, "training": 3,
                "covert_operation": 2, "arms_transfer": 4, "ceasefire": 4, "protest": 4}
VIOLENT = {"airstrike", "shelling", "armed_clash", "attack", "bombing", "assassination"}
STATUS_LEADS = {
    "reported": ["", "وأفادت مصادر محلية بأنه ", "وذكر شهود عيان أنه "],
    "claimed": ["وفي بيان تبنّى فيه العملية، قال المتحدث إنه "],
    "denied": ["ونفى متحدث رسمي أن يكون "],
    "planned": ["وتدرس الأطراف خيارات قد يعقبها أن "],
}
STATUS_WEIGHTS = {"reported": 80, "claimed": 7, "denied": 6, "planned": 7}
CONTEXT = [
    "وقال مصدر عسكري إن الوضع في {p} لا يزال متوتراً",
    "ودعت {a1} جميع الأطراف إلى ضبط النفس وحماية المدنيين",
    "وتشهد {p} منذ أسابيع حالة من التوتر الأمني",
    "وأكد مسؤول في {a1} أن التحقيقات جارية لمعرفة ملابسات ما جرى",
    "ويأتي ذلك في ظل انقسام سياسي حاد بين الأطراف الليبية",
]
TITLES = ["{op} في {p}", "تطورات جديدة في {p}", "{a1}: {op} في {p}", "مصادر: {op} قرب {p}"]
OP_TITLE = {code: tpl[0].split("[")[1].split("]")[0] for code, tpl in TEMPLATES.items()}


@lru_cache(maxsize=200_000)
def _norm_sentence(sentence: str) -> str:
    try:
        from marsad.text import search_key
    except Exception:  # pragma: no cover - the engine is always importable in this repo
        return sentence
    return search_key(sentence)


def _pick(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def _random_day(rng: random.Random) -> dt.date:
    # more articles in the war years (2011, 2014–2016, 2019–2020)
    year = rng.choices(range(2011, 2025), weights=[14, 4, 5, 9, 10, 10, 6, 5, 11, 11, 5, 4, 4, 3], k=1)[0]
    start = dt.date(year, 1, 1)
    return start + dt.timedelta(days=rng.randrange(365))


class _Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.parts: list[str] = []
        self.pos = 0
        self.places: list[dict] = []
        self.actors: list[dict] = []
        self.sent = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def fill(self, template: str, a1, a2, place, sentence_idx: int) -> dict:
        """Append a template; return spans of the cue and the entities used."""
        i, cue = 0, None
        while i < len(template):
            if template[i] == "{":
                j = template.index("}", i)
                slot = template[i + 1:j]
                actor = a1 if slot == "a1" else a2 if slot == "a2" else None
                if actor is not None:
                    s, e = self.add(actor[3])
                    self.actors.append({"actor": actor, "start": s, "end": e, "sentence_idx": sentence_idx})
                else:
                    s, e = self.add(place[3])
                    self.places.append({"place": place, "start": s, "end": e, "sentence_idx": sentence_idx})
                i = j + 1
            elif template[i] == "[":
                j = template.index("]", i)
                span = self.add(template[i + 1:j])
                cue = cue or span
                i = j + 1
            else:
                j = i
                while j < len(template) and template[j] not in "{[":
                    j += 1
                self.add(template[i:j])
                i = j
        return {"cue": cue}

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _article(rng: random.Random, idx: int, n_events: int, published: dt.date | None, source: str) -> dict:
    b = _Builder(rng)
    events = []
    main_place = _pick(rng, POINT_PLACES, [p[9] for p in POINT_PLACES])
    n_sent = max(n_events, 1) + rng.randint(1, 2)
    event_slots = set(rng.sample(range(n_sent), k=min(n_events, n_sent)))
    first_type = None
    for s in range(n_sent):
        if s:
            b.add(" ")
        sent_start = b.pos
        a1 = _pick(rng, ACTORS, ACTOR_WEIGHTS)
        a2 = _pick(rng, ACTORS, ACTOR_WEIGHTS)
        while a2[1] == a1[1]:
            a2 = _pick(rng, ACTORS, ACTOR_WEIGHTS)
        place = main_place if rng.random() < 0.6 else _pick(rng, PLACES, [p[9] for p in PLACES])
        if s in event_slots:
            op = _pick(rng, list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()))
            first_type = first_type or op
            status = _pick(rng, list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))
            lead = rng.choice(STATUS_LEADS[status])
            if lead:
                b.add(lead)
            template = rng.choice(TEMPLATES[op])
            spans = b.fill(template, a1, a2, place, s)
            b.add(".")
            uses_a2 = "{a2}" in template
            uses_a1 = "{a1}" in template
            ev_date = None
            if published is not None:
                ev_date = published - dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))
            fat = None
            if op in VIOLENT and rng.random() < 0.55:
                fat = rng.choice([0, 1, 1, 2, 3, 4, 5, 7, 9, 12, 20])
            events.append({
                "type": op, "status": status,
                "actor1": a1[0] if uses_a1 else None, "actor1_group": a1[1] if uses_a1 else None,
                "actor2": a2[0] if uses_a2 else None, "actor2_group": a2[1] if uses_a2 else None,
                "place_id": place[0], "place_precision": place[8], "lat": place[6], "lon": place[7],
                "date": ev_date, "date_precision": "day" if ev_date else None, "fatalities": fat,
                "sentence": b.text[sent_start:], "start": spans["cue"][0], "end": spans["cue"][1],
                "attributed_to": ["local_sources"] if "مصادر" in lead else [],
            })
        else:
            b.fill(rng.choice(CONTEXT), a1, a2, place, s)
            b.add(".")
    op_word = OP_TITLE.get(first_type or "deployment")
    title = rng.choice(TITLES).format(op=op_word, p=main_place[3], a1=_pick(rng, ACTORS, ACTOR_WEIGHTS)[3])
    return {"text": b.text, "title": title, "events": events, "places": b.places, "actors": b.actors,
            "main_place": main_place[0]}


def build_fixture_frames(n_articles: int = 300, seed: int = 7, events_per_article: float = 2.0,
                         undated_share: float = 0.07, duplicate_share: float = 0.12,
                         batch_id: str = "fixture-batch") -> dict[str, pd.DataFrame]:
    """The store tables as DataFrames (see module docstring)."""
    rng = random.Random(seed)
    arts, places, actors, events = [], [], [], []
    originals: list[dict] = []
    for i in range(n_articles):
        source = _pick(rng, OUTLETS, OUTLET_WEIGHTS)
        if originals and rng.random() < duplicate_share:
            orig = rng.choice(originals[-50:])
            art = dict(orig["art"])
            published = art["published"] + dt.timedelta(days=rng.choice([0, 1])) if art["published"] else None
            body = orig["body"]
            story_id = orig["story_id"]
            title = art["title"] + " (" + source + ")"
        else:
            published = None if rng.random() < undated_share else _random_day(rng)
            # Poisson-like number of events around the mean, at least 0
            lam = events_per_article
            n_ev = max(0, int(rng.gauss(lam, max(lam / 2, 0.8)) + 0.5))
            body = _article(rng, i, n_ev, published, source)
            story_id = None
            title = body["title"]
        article_id = hashlib.sha1(f"{seed}:{i}".encode()).hexdigest()[:16]
        story_id = story_id or article_id
        month = month_of(published)
        text = body["text"]
        norm = " ".join(_norm_sentence(s) for s in text.split(". "))
        art = {"article_id": article_id, "story_id": story_id, "title": title, "text": text, "text_norm": norm,
               "published": published, "source": source, "url": f"https://example.org/{source_slug(source)}/{article_id}",
               "path": f"fixture/{article_id}.txt", "batch_id": batch_id, "n_chars": len(text),
               "main_place": body["main_place"], "month": month}
        arts.append(art)
        if story_id == article_id:
            originals.append({"art": art, "body": body, "story_id": story_id})
        for m in body["places"]:
            p = m["place"]
            places.append({"article_id": article_id, "place_id": p[0], "geonameid": p[1], "name_en": p[2],
                           "name_ar": p[3], "kind": p[4], "country": p[5], "lat": p[6], "lon": p[7],
                           "precision": p[8], "start": m["start"], "end": m["end"],
                           "sentence_idx": m["sentence_idx"], "published": published, "month": month})
        for m in body["actors"]:
            a = m["actor"]
            actors.append({"article_id": article_id, "actor_id": a[0], "group_id": a[1], "name_en": a[2],
                           "name_ar": a[3], "kind": a[4], "start": m["start"], "end": m["end"],
                           "sentence_idx": m["sentence_idx"], "published": published, "month": month})
        for k, e in enumerate(body["events"]):
            ev = dict(e)
            if published is None:
                ev["date"], ev["date_precision"] = None, None
            elif ev["date"] is not None and ev["date"] > published:
                ev["date"] = published
            events.append({"event_id": f"{article_id}-{k}", "article_id": article_id, "story_id": story_id,
                           **ev, "source": source, "published": published, "month": month})
    now = pd.Timestamp.now(tz="UTC")
    batch = pd.DataFrame([{
        "batch_id": batch_id, "started": now - pd.Timedelta(seconds=5), "finished": now, "inputs": ["fixture"],
        "files": n_articles, "added": n_articles, "duplicates": 0,
        "near_duplicates": sum(1 for a in arts if a["story_id"] != a["article_id"]), "skipped": 0,
        "events": len(events), "kind": "fixture", "marsad_version": "fixture",
        "dictionary_versions": json.dumps({"places.yaml": "fixture", "actors.yaml": "fixture"}),
        "month": now.strftime("%Y-%m"),
    }])
    return {"articles": pd.DataFrame(arts), "place_mentions": pd.DataFrame(places),
            "actor_mentions": pd.DataFrame(actors), "events": pd.DataFrame(events), "batches": batch}


def source_slug(source: str) -> str:
    return hashlib.md5(source.encode()).hexdigest()[:6]


def build_fixture_store(path: str | Path, n_articles: int = 300, seed: int = 7, events_per_article: float = 2.0,
                        chunk: int = 20_000, **kwargs) -> Store:
    """Write a fixture store at `path` (appending in chunks for large stores) and return it."""
    store = Store(path)
    done = 0
    part = 0
    while done < n_articles or (n_articles == 0 and part == 0):
        n = min(chunk, n_articles - done)
        if n <= 0:
            break
        frames = build_fixture_frames(n, seed=seed + part * 1000, events_per_article=events_per_article,
                                      batch_id=f"fixture-{seed}-{part}", **kwargs)
        with store.lock():
            store.append({k: v for k, v in frames.items() if not v.empty})
        done += n
        part += 1
    return store


def add_article(store: Store, text: str, title: str = "مقال اختبار", article_id: str = "manual-1",
                published: dt.date | None = dt.date(2020, 1, 5), source: str = "بوابة الوسط",
                spans: list[dict] | None = None) -> None:
    """Append one hand-written article (for escaping and single-article tests)."""
    from marsad.text import search_key

    month = month_of(published)
    frames = {"articles": pd.DataFrame([{
        "article_id": article_id, "story_id": article_id, "title": title, "text": text, "text_norm": search_key(text),
        "published": published, "source": source, "url": "https://example.org/a", "path": "manual.txt",
        "batch_id": "manual", "n_chars": len(text), "month": month}])}
    for span in spans or []:
        table = span.pop("table")
        span.update(article_id=article_id, published=published, month=month)
        frames.setdefault(table, []).append(span)
    frames = {k: (v if isinstance(v, pd.DataFrame) else pd.DataFrame(v)) for k, v in frames.items()}
    with store.lock():
        store.append(frames)


def ingest_reports(root: Path, texts: list[str], months: list[str], resources=None) -> Store:
    """Write each text as a dated `.txt` report (`<month>-10_reportN.txt`, a short title first) under
    `root/in` and ingest them through the real pipeline into `root/store`."""
    from marsad.pipeline import ingest_paths

    folder = Path(root) / "in"
    folder.mkdir(parents=True, exist_ok=True)
    for i, (text, month) in enumerate(zip(texts, months, strict=True)):
        (folder / f"{month}-10_report{i}.txt").write_text(f"خبر {i}\n\n{text}", encoding="utf-8")
    store = Store(Path(root) / "store")
    ingest_paths([folder], store, resources)
    return store

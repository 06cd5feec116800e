"""Region resolution: the province, city and county a petition's problem is in.

Candidates come from every gazetteer mention; each candidate (a county, or a city when nothing finer is
named) is scored by how specific it is, how well the other mentions agree with it (a city or province
named beside it, a town under it), the optional default province and the row's 行政区域 hint, and how early
it is named (the place of the problem usually comes first).  Development zones and new areas give their
city.  When the gazetteer finds nothing, an optional learned :class:`~petitionnlp.regions.model.RegionClassifier`
may answer, with its own (lower) confidence.
"""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache

from ..resources import read_list
from ..text import CJK, normalize
from .gazetteer import _GENERIC, _TOWN_SUFFIXES, Gazetteer, Place, district_endings, get_gazetteer

__all__ = ["RegionResolver", "EMPTY_REGION"]

EMPTY_REGION = {"province": None, "city": None, "county": None, "region_confidence": 0.0,
                "region_evidence": None}


_CJK_RE = re.compile(f"[{CJK}]")


@lru_cache(maxsize=4096)
def _same_sound(a: str, b: str) -> bool:
    """Two characters that share a reading, tones aside (河/和 he; pypinyin's dictionary, loaded only when a
    city is followed by a county name not in the gazetteer)."""
    from pypinyin import Style, pinyin

    def readings(ch: str) -> set:
        return set(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])

    return bool(readings(a) & readings(b))


@lru_cache(maxsize=1)
def _not_after_short() -> tuple[str, ...]:
    return tuple(read_list("gazetteer", "not_after_short.txt"))


@lru_cache(maxsize=1)
def _community_words() -> tuple[str, ...]:
    """The words of a community (社区, 村 …) after a town's name: ``community_words.txt``."""
    return tuple(read_list("gazetteer", "community_words.txt"))


@lru_cache(maxsize=1)
def _one_character_county_words() -> tuple[str, ...]:
    """The division words after a one-character name that make a two-character county's name (单县, 沛县) one the
    segmenter may join to the word before it: ``one_character_county_words.txt``."""
    return tuple(read_list("gazetteer", "one_character_county_words.txt"))


@lru_cache(maxsize=1)
def _village_end() -> re.Pattern:
    """Where a village's name may end: a word of ``village_words.txt`` (how most names of villages.tsv and
    villages_more.tsv end)."""
    words = sorted(read_list("gazetteer", "village_words.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1)
def _area_end() -> re.Pattern:
    """The word that ends an area's name: one of ``area_words.txt`` or ``landmark_words.txt``, longest first."""
    words = set(read_list("gazetteer", "area_words.txt")) | set(read_list("gazetteer", "landmark_words.txt"))
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@lru_cache(maxsize=1)
def _street_words() -> tuple[str, ...]:
    return tuple(sorted(read_list("gazetteer", "street_words.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _water_words() -> tuple[str, ...]:
    return tuple(read_list("gazetteer", "water_words.txt"))


@lru_cache(maxsize=1)
def _zone_words() -> tuple[str, ...]:
    return tuple(read_list("gazetteer", "zone_words.txt"))


def _district_prior(place: Place, places: tuple) -> float:
    """宽城, 大通, 栖霞 bare: a district's short name that a county-level division of another city bears too names the
    county (pages write a district with its 区): what a bare mention's district loses — less than any support."""
    ends = district_endings()
    if place.level != "county" or not place.name.endswith(ends):
        return 0.0
    return -0.3 if any(q.level in ("county", "city") and q.city != place.city and not q.name.endswith(ends)
                       for q in places) else 0.0


@lru_cache(maxsize=1)
def _street_after() -> re.Pattern:
    """A community, street or village name (湖滨社区, 城南路, 金鹗山街道) — what may follow a city's bare name."""
    return re.compile(rf"[{CJK}]{{2,6}}?(?:{'|'.join(map(re.escape, _street_words()))})")


def _province_of(name: str | None, gaz: Gazetteer) -> str | None:
    if not name:
        return None
    name = normalize(name)
    if name in gaz.provinces:
        return name
    for full in gaz.provinces:
        if full.startswith(name[:2]):
            return full
    return None


# what stands between two counties of a list: a count (2件, 35件), a bracket, a separator, 属 or 涉及 before the next
_LIST_GAP = re.compile(r"(?:\d+[件起个处])?(?:\([^()]{0,20}\))?(?:[、,;]|和|及|与)(?:属|涉及)?")

# how specific a place is; a landmark (a scenic area: landmarks.tsv) below a county or town the text names
_LEVEL_SCORE = {"county": 3.0, "town": 2.6, "landmark": 2.4, "zone": 2.2, "city": 2.0, "province": 1.0}


class _Named:
    """What the mentions of a text name, and by which of their names, gathered once a text: :meth:`others` then
    answers for each mention at once (asking every mention again for each took time in the square of their number:
    2 s for a text naming one town 6,000 times)."""

    def __init__(self, mentions: list):
        # kind (0 county, 1 city, 2 province) → what is named → the first name naming it, or None once two do
        self._by: tuple[dict, dict, dict] = ({}, {}, {})
        for other in mentions:
            for q in other.places:
                if q.level in ("county", "town") or q.level == "landmark" and q.county:
                    kind, key = 0, (q.county, q.city)
                elif q.level in ("city", "zone", "landmark"):
                    kind, key = 1, q.city
                elif q.level == "province":
                    kind, key = 2, q.province
                else:
                    continue
                table = self._by[kind]
                if key not in table:
                    table[key] = other.text
                elif table[key] is not None and table[key] != other.text:
                    table[key] = None

    def others(self, name: str) -> tuple["_Except", "_Except", "_Except"]:
        """What the mentions of other names than ``name`` name (a name repeated does not vouch for itself): the
        (county, city) of their counties, towns and landmarks, the cities of their cities and zones (and of
        landmarks that name a city only), their provinces."""
        return tuple(_Except(table, name) for table in self._by)


class _Except:
    """The things of one kind that a name other than ``name`` names (``in`` only)."""

    __slots__ = ("_table", "_name")

    def __init__(self, table: dict, name: str):
        self._table, self._name = table, name

    def __contains__(self, key) -> bool:
        first = self._table.get(key, self._name)
        return first != self._name


class RegionResolver:
    """Resolve texts to (province, city, county) with confidence and evidence.

    province : default province (``湖南`` or ``湖南省``) that breaks ties between duplicate names
    model : an optional fitted RegionClassifier for texts the gazetteer cannot place
    min_model_confidence : the model answers only at or above this probability
    """

    # a town's name that this many counties share or more, with nothing else in the text for one of them, is
    # no answer (right one time in three at best); a name two share is still the low-confidence guess
    TOWN_GUESS_LIMIT = 3

    def __init__(self, gazetteer: Gazetteer | None = None, province: str | None = None, model=None,
                 min_model_confidence: float = 0.6):
        self.gazetteer = gazetteer or get_gazetteer()
        self.province = _province_of(province, self.gazetteer)
        self.model = model
        self.min_model_confidence = min_model_confidence
        self._hints: dict[str, tuple[Place, ...]] = {}  # 行政区域 cell → the places it names (_hint_places)

    @classmethod
    def default(cls, province: str | None = None, model_dir=None) -> "RegionResolver":
        from .memory import load_region_model

        return cls(province=province, model=load_region_model(model_dir))

    # ---------------------------------------------------------------------------------------------
    def _mentions(self, text: str, weak: list | None = None, found: list | None = None):
        """Place mentions; a bare short name followed by 村/路/花园… is set aside in ``weak`` — except
        that a river named after a county (綦江河, 浏阳河) is kept there as the last resort it is.
        ``found``: the gazetteer's mentions of ``text`` when they are known already."""
        stop = _not_after_short()
        out = []
        found = self.gazetteer.find(text) if found is None else found
        for i, m in enumerate(found):
            following = found[i + 1] if i + 1 < len(found) else None
            if not m.exact and text.startswith(_zone_words(), m.end):
                m = self._namesake_city(m, out) or m
            if not m.exact and text.startswith(stop, m.end) and not self._before_street(text, m, out) \
                    and not self._before_town(m, following) and not self._before_own_county(m, following):
                if weak is not None and text.startswith(("河", "江"), m.end):
                    weak.append(m)
                continue
            if self._inside_a_word(text, m, out):
                continue
            out.append(m)
        return out

    def _namesake_city(self, m, before: list):
        """吉林省吉林开发区: right after a province's full name, the province's own short name again, before the word of a
        development zone, is the city the province is named after (吉林市, whose 吉林经济开发区 it is): no one names the
        province twice.  The mention as that city's, or None."""
        prev = before[-1] if before else None
        if prev is None or prev.end != m.start or not prev.exact \
                or not all(p.level == "province" for p in m.places + prev.places):
            return None
        provinces = {p.province for p in prev.places}
        if {p.province for p in m.places} != provinces:
            return None
        cities = [p for p in self.gazetteer.exact.get(m.text + "市", ()) if p.level == "city" and p.province in provinces]
        return m._replace(places=tuple(cities)) if len(cities) == 1 else None

    @staticmethod
    def _inside_a_word(text: str, m, before: list) -> bool:
        """简单县城, 充沛县城: a two-character county's name (单县, 沛县: one_character_county_words.txt) whose first
        character the segmenter joins to the character before it (简单, 充沛), that character not the end of a place's
        name (山东单县, 徐州沛县):
        a word and the 县 of what follows (县城), not the county.  So too a bare short name right before the word of an
        area (渠江源景区: 渠江 / 源, not 白山's 江源区; 来到江源景区 is still 江源).  (The segmenter is asked only in
        these cases.)"""
        county_word = len(m.text) == 2 and m.text.endswith(_one_character_county_words())
        if not county_word and (m.exact or not _area_end().match(text, m.end)):
            return False
        if m.start == 0 or not _CJK_RE.match(text[m.start - 1]) or (before and before[-1].end == m.start):
            return False
        from ..tokenize import get_tokenizer

        lo = max(0, m.start - 3)
        at = 0
        for token in get_tokenizer().raw_cut(text[lo:m.end + 2]):
            if at + len(token) > m.start - lo:  # the token holding the county's first character
                return at < m.start - lo
            at += len(token)
        return False

    @staticmethod
    def _before_town(m, following) -> bool:
        """长白桥盟街道, 宁乡城郊街道: a bare name right before a town's full name (桥盟街道) is the county the
        town is read in, though the town's first character (桥, 城) would make the bare name part of a word."""
        return following is not None and following.start == m.end and following.exact \
            and all(p.level == "town" for p in following.places) and all(p.level == "county" for p in m.places)

    def _before_own_county(self, m, following) -> bool:
        """石家庄桥西区, 邢台桥东区: a city's bare name right before the full name of one of its counties (or of
        one it had: 邢台's 桥东区, now 襄都区), though the county's first character (桥) would make the bare name
        part of a word (石家庄桥)."""
        if following is None or following.start != m.end or not following.exact:
            return False
        cities = {p.city for p in m.places if p.level == "city"}
        counties = tuple(following.places) + tuple(self.gazetteer.former.get(following.text, ()))
        return bool(cities) and any(p.level == "county" and p.city in cities for p in counties)

    @staticmethod
    def _before_street(text: str, m, before: list) -> bool:
        """岳阳湖滨社区, 长沙城南路, 上海浦东商城路: a bare name right before the name of a community or a street,
        whose first character is one that would otherwise make the bare name part of another (岳阳路, 浦东商城):
        a city's, or a county's right after the name of its own city or province.  So too right before the word
        of a development zone or industrial park (宜昌开发区, 长沙工业园: the city's own zone)."""
        if not _street_after().match(text, m.end) and not text.startswith(_zone_words(), m.end):
            return False
        if all(p.level == "city" for p in m.places):
            return True
        prev = before[-1] if before else None
        if prev is None or prev.end != m.start:
            return False
        return all(p.level == "county" and any(q.level in ("city", "province") and q.province == p.province
                                                and (q.level == "province" or q.city == p.city)
                                                for q in prev.places) for p in m.places)

    def _town_named(self, text: str, place: Place, mention, spans: dict) -> bool:
        """Whether a town of ``place``'s county is named in ``text`` outside ``mention`` without its 街道/镇/乡
        (鼓楼区…鼓东路, 铁西区…兴华社区): what settles a county name several cities share; a town named after the
        county (栖霞街道 of 栖霞区) does not count.  ``spans``: for each
        county asked about in this text, where the first of its towns' names written ends and the last begins — the
        text searched once a county, not once for each mention of a name it shares (鼓楼区 × 2000 took 3 s)."""
        found = spans.get(place.adcode)
        if found is None:
            first_end, last_start = len(text) + 1, -1
            for core in self.gazetteer.town_cores.get(place.adcode, ()):
                if place.name.startswith(core):
                    continue  # 栖霞街道 of 栖霞区: written bare it is the county's own name again, not a town of it
                at = text.find(core)
                if at >= 0:
                    first_end = min(first_end, at + len(core))
                    last_start = max(last_start, text.rfind(core))
            found = spans[place.adcode] = (first_end, last_start)
        first_end, last_start = found
        return first_end <= mention.start or last_start >= mention.end

    def _county_by_street(self, text: str, city: str, mention) -> Place | None:
        """岳阳金鹗社区 → 岳阳楼区: the county of the one town of ``city`` whose name (without 街道/镇/乡) the text
        right after the city's name starts with — all of it, or all but its last character — before the word
        of a community (社区, 村 …; a road, 芙蓉路, runs through several towns and settles nothing)."""
        following = text[mention.end:mention.end + 10]
        found = set()
        for code in self._county_codes(city):
            for core in self.gazetteer.town_cores.get(code, ()):
                n = len(os.path.commonprefix([core, following]))
                if n >= 2 and n >= len(core) - 1 and following.startswith(_community_words(), n):
                    found.add(code)
        if len(found) == 1:
            return self.gazetteer.by_adcode[found.pop()]
        return None

    def _county_by_core(self, text: str, place: Place, mention, mentions) -> Place | None:
        """浙江省乌镇 → 桐乡市: right after the name of a province or city (the deciding place, nothing finer named), the
        name of one of its towns without 镇/乡/街道/苏木 (乌镇 of 乌镇镇), when no other town there has that name, the
        name is no division's (吉林省吉林开发区), none many places use (东湖, 城关: the gazetteer's generic words), no
        road's (南京市湖南路: a road runs through several towns) and no water's (江苏省长江沿岸, 广州市珠江新城: the river,
        not 如皋's 长江镇 nor 南沙's 珠江街道; water_words.txt), and the segmenter reads it there as one word that
        names a place (its ``ns``: not 人民 of 湖南省人民医院; asked only in this case)."""
        if any(m.start == mention.end for m in mentions):
            return None  # a place is named there
        following = text[mention.end:mention.end + self._CORE_MAX]
        exact = self.gazetteer.exact
        if not any(following[:size] + suffix in exact for size in range(2, len(following) + 1)
                   for suffix in _TOWN_SUFFIXES):
            return None  # no town's name starts there (most texts)
        from ..tokenize import get_tokenizer

        names = self.gazetteer
        word, tag = get_tokenizer().tag(following)[0]
        codes = self._towns_named(word, place)
        if tag != "ns" or len(codes) != 1 or word in names.short or word in names.exact \
                or word in _GENERIC or word.endswith(_street_words()) or word.endswith(_water_words()):
            # 湖北省东湖; 南京市湖南路: a road, not its 街道; 江苏省长江沿岸: the river, not 如皋's 长江镇
            return None
        county = names.by_adcode.get(next(iter(codes)))
        return county if county is not None and county.county else None

    _CORE_MAX = 8

    def _county_by_village(self, text: str, within: Place | None, mentions) -> tuple[Place, str] | None:
        """小板罗黄村 → 天门市, 思延乡草坪村 → 芦山县: where the text names no county, a town written without its
        街道/镇/乡/苏木 or with another of them (a 乡 made a 镇) right before one of its villages (three characters or
        more) — the county, when all such pairs in the text name one, inside ``within`` (a province or city the text
        names) if given; with the pair's words as evidence.  Two names must agree, so a town's bare name alone
        (狮泉河) is not read, nor a village alone, though named after its town (豆张庄村, 胜利社区, 新农村: many such
        names are words or common to many places).  Town names that name a division or are generic words are not
        read."""
        names = self.gazetteer
        by_core = None
        taken = bytearray(len(text))  # the characters other mentions cover
        for m in mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        found: dict[str, str] = {}
        for end in (m.end() for m in _village_end().finditer(text)):  # a village's name ends there
            for start in range(max(0, end - 8), end - 2):
                for suffix in ("",) + _TOWN_SUFFIXES:
                    stop = start - len(suffix)
                    if stop < 2 or not text.startswith(suffix, stop):
                        continue
                    for k in (4, 3, 2):
                        core = text[stop - k:stop] if stop >= k else ""
                        if by_core is None:
                            by_core = names.towns_by_core
                        towns = by_core.get(core)
                        if not towns or core in _GENERIC or core in names.exact or core in names.short \
                                or any(taken[stop - k:end]):
                            continue
                        for town, code in towns:
                            county = names.by_adcode.get(code)
                            if county is None or county.level != "county" or not names.has_village(
                                    town, code, text[start:end]):
                                continue
                            if within is None or county.province == within.province and (
                                    within.level == "province" or county.city == within.city):
                                found.setdefault(code, text[stop - k:end])
        if len(found) != 1:
            return None
        (code, span), = found.items()
        return names.by_adcode[code], span


    def _county_by_area(self, text: str, within: Place | None, mentions) -> tuple[Place, str] | None:
        """黄果树风景名胜区 → 镇宁布依族苗族自治县: where the text names no county, a scenic area, nature reserve or park
        (a word of ``area_words.txt`` or ``landmark_words.txt``) named after a town — the name right before the word
        (two to four characters, none of another mention) is, without 镇/乡/街道/苏木, the name of one town only, and no
        division's, short name's, generic word's or 5A area's (白云山 of 广州 and 洛阳, not 长顺's 白云山镇) —: that
        town's county, when all such areas of the text name one,
        inside ``within`` (a province or city the text names) if given; with the area's name as evidence."""
        names = self.gazetteer
        taken = bytearray(len(text))
        for m in mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        found: dict[str, str] = {}
        for word in _area_end().finditer(text):
            start = word.start()
            for k in (4, 3, 2):
                core = text[start - k:start] if start >= k else ""
                towns = names.towns_by_core.get(core) if core else None
                if not towns or len(towns) != 1 or core in _GENERIC or core in names.exact or core in names.short \
                        or core in names.landmark_names or any(taken[start - k:start]):
                    continue
                county = names.by_adcode.get(towns[0][1])
                if county is None or county.level != "county":
                    continue
                if within is None or county.province == within.province and (
                        within.level == "province" or county.city == within.city):
                    found.setdefault(county.adcode, text[start - k:word.end()])
                break
        if len(found) != 1:
            return None
        (code, span), = found.items()
        return names.by_adcode[code], span

    def _county_by_landmark(self, text: str, within: Place, mentions) -> tuple[Place, str] | None:
        """紫金山…南京, 沙湖…石嘴山市: where the text names a city and no county of it, the bare name of a landmark of the
        landmark tables that lies in one county of that city (outside every mention, not a division's or short name,
        not before a word of not_after_short.txt: 沙湖村) — that county, when all such names of the text agree."""
        if within.level != "city":
            return None
        names = self.gazetteer
        stop = _not_after_short()
        found: dict[str, str] = {}
        for name, landmark in names.landmarks_in_city.get((within.province, within.city), ()):
            at = text.find(name)
            if at < 0 or name in names.exact or name in names.short:
                continue
            while at >= 0:
                end = at + len(name)
                if not any(m.start < end and at < m.end for m in mentions) and not text.startswith(stop, end):
                    found.setdefault(landmark.adcode, name)
                    break
                at = text.find(name, at + 1)
        if len(found) != 1:
            return None
        (code, span), = found.items()
        county = names.by_adcode.get(code)
        return (county, span) if county is not None and county.level == "county" else None

    def _towns_named(self, core: str, place: Place) -> set[str]:
        """The county adcodes of the towns of ``place`` (a province or city) named ``core`` and 街道/镇/乡/苏木."""
        key, level = (place.city, "city") if place.level == "city" else (place.province, "province")
        return {p.adcode for suffix in _TOWN_SUFFIXES for p in self.gazetteer.exact.get(core + suffix, ())
                if p.level == "town" and getattr(p, level) == key}

    def _county_by_sound(self, text: str, city: str, mention) -> Place | None:
        """广州市天和区 → 天河区: right after the city's name, a county's name of the city written with one
        character of the same sound in its place (a slip of the typist's input method: 和 for 河), its last
        character (区, 县, 市, 旗) as written; the one such county, else None."""
        following = text[mention.end:mention.end + 8].lstrip()
        if len(following) < 2 or not _CJK_RE.match(following):
            return None
        found = []
        for code in self._county_codes(city):
            place = self.gazetteer.by_adcode[code]
            name = place.county or place.name
            written = following[:len(name)]
            if len(written) != len(name) or written[-1] != name[-1] or written == name:
                continue
            diff = [i for i, (a, b) in enumerate(zip(written, name)) if a != b]
            if len(diff) == 1 and _CJK_RE.match(written[diff[0]]) and _same_sound(written[diff[0]], name[diff[0]]):
                found.append(place)
        return found[0] if len(found) == 1 else None

    def _county_codes(self, city: str) -> list[str]:
        codes = self._codes_by_city.get(city) if hasattr(self, "_codes_by_city") else None
        if codes is None:
            if not hasattr(self, "_codes_by_city"):
                self._codes_by_city = {}
                for code, p in self.gazetteer.by_adcode.items():
                    if p.level == "county":
                        self._codes_by_city.setdefault(p.city, []).append(code)
            codes = self._codes_by_city.get(city, [])
        return codes

    def resolve(self, text: str, hint: str | None = None) -> dict:
        return self.resolve_many([text], [hint])[0]

    def resolve_many(self, texts: list[str], hints: list | None = None) -> list[dict]:
        found = self.gazetteer.find_many(texts)  # the whole batch scanned at once
        results = [self._resolve_one(t, hints[i] if hints else None, found[i]) for i, t in enumerate(texts)]
        if self.model is not None:
            todo = [i for i, r in enumerate(results) if r["city"] is None]
            if todo:
                for i, guess in zip(todo, self.model.predict_regions([texts[i] for i in todo])):
                    if guess and guess["region_confidence"] >= self.min_model_confidence:
                        keep_province = results[i]["province"]
                        if keep_province and guess["province"] != keep_province:
                            continue
                        results[i] = guess
        return results

    _HINTS_KEPT = 4096  # distinct 行政区域 cells remembered (a table repeats a few: 衡阳市, 珠晖区 on row after row)

    def _hint_places(self, hint) -> tuple[Place, ...]:
        """The places a row's 行政区域 cell names, read once a distinct cell."""
        if not hint or not isinstance(hint, str):
            return ()
        kept = self._hints
        places = kept.get(hint)
        if places is None:
            if len(kept) >= self._HINTS_KEPT:
                kept.clear()
            places = kept[hint] = tuple(p for m in self._mentions(normalize(hint)) for p in m.places)
        return places

    def _resolve_one(self, text: str, hint=None, found: list | None = None) -> dict:
        if not text:
            return dict(EMPTY_REGION)
        weak: list = []
        mentions = self._mentions(text, weak, found)
        hint_places = self._hint_places(hint)
        if not mentions and hint_places:
            return self._from_hint(hint_places)
        if not mentions and weak:
            m = weak[0]
            counties = [p for p in m.places if p.level == "county"]
            if len(counties) == 1:
                p = counties[0]
                return {"province": p.province, "city": p.city, "county": p.county, "region_confidence": 0.4,
                        "region_evidence": text[m.start:m.end + 1]}
        if not mentions:
            by_village = self._county_by_village(text, None, mentions) or self._county_by_area(text, None, mentions)
            if by_village is None:
                return dict(EMPTY_REGION)
            county, span = by_village
            return {"province": county.province, "city": county.city, "county": county.county,
                    "region_confidence": 0.6, "region_evidence": span}
        named_cities = {p.city for m in mentions for p in m.places if p.level in ("city", "zone")
                        and len(m.places) == 1}
        named_provinces = {p.province for m in mentions for p in m.places if p.level == "province"}
        if len(named_provinces) == 0:
            named_provinces = {p.province for m in mentions for p in m.places
                               if p.level in ("city",) and m.exact}
        hint_cities = {p.city for p in hint_places if p.city}
        hint_counties = {p.county for p in hint_places if p.county}
        hint_provinces = {p.province for p in hint_places}
        best = None
        shared: list = []  # (score, county, mention) of a county name several cities share, in a province named
        named = None  # what the mentions name (_Named), gathered on first need
        town_spans: dict = {}  # county adcode → where its towns' names are written (_town_named)
        former_names, former_cities = self.gazetteer.former, self.gazetteer.former_city
        for rank, m in enumerate(mentions):
            places = m.places
            others = None
            if len(places) > 1 and places[0].level == "town":
                # a town name several counties share: the village named after it may tell which — among the
                # counties the text names no other way: a county, city or province named elsewhere in the text
                # keeps its own town of the name (太平镇红星村…常德市: 常德's 太平镇, though the villages listed
                # under it lack 红星村 and 天津's list it)
                codes = self.gazetteer.village_counties(m.text, text[m.end:m.end + 8])
                if codes:
                    if named is None:
                        named = _Named(mentions)
                    others = named.others(m.text)
                    places = tuple(p for p in places if p.adcode in codes or (p.county, p.city) in others[0]
                                   or p.city in others[1] or p.province in others[2]) or places
            ambiguity = len({(p.city, p.county) for p in places})
            prev = self._mention_before(text, mentions, rank)
            frame = tuple(q for q in prev.places if q.level in ("county", "city")) if prev else ()
            old_city = former_cities.get(prev.text, ()) if prev else ()
            former = former_names.get(m.text, ())
            seats = None  # the towns of places named after their county, asked for only when needed
            current_support = 0.0
            for p in places + tuple(former):
                is_former = p not in places
                if is_former and any(q.level == "city" and q.city == p.city for q in places) \
                        and not any(q.city == p.city for q in frame):
                    continue  # 日喀则市 names the city; the county-level city it was, only under its city (日喀则地区日喀则市)
                if p.level == "landmark" and self._contradicted(p, named_provinces, named_cities):
                    continue  # 北京市…黄山风景区: the place named, not the scenic area's
                score = _LEVEL_SCORE[p.level]
                if not m.exact:
                    score -= 0.8
                    if ambiguity > 1:
                        score += _district_prior(p, places)
                if p.level == "town" and frame and not any(q.city == p.city and (q.level == "city" or q.county == p.county)
                                                            for q in frame):
                    score -= 1.5  # 喀左覃家岗街道: a town right after a county or city it is not in is a namesake
                score -= 0.6 * math.log(ambiguity)
                score -= 0.15 * rank
                support = 0.0
                if others is None:
                    if named is None:
                        named = _Named(mentions)
                    others = named.others(m.text)
                if p.county and (p.county, p.city) in others[0]:  # the other names: a county or town of it,
                    support = 1.5
                if p.city and p.city in others[1]:  # its city (or a zone of it),
                    support = max(support, 2.0 if p.level != "city" else 0.5)
                if p.province in others[2]:  # its province
                    support = max(support, 1.0)
                if p in old_city:  # 巢湖市无为县: a county right after the city it was under
                    support = max(support, 2.0)
                if ambiguity > 1 and p.level == "county" and self._town_named(text, p, m, town_spans):
                    support = max(support, 1.5)
                    score += 1.5
                score += support
                if p.city in named_cities and p.level in ("county", "town"):
                    score += 0.5
                if named_provinces and p.province in named_provinces:
                    score += 0.5
                if self.province and p.province == self.province:
                    score += 1.5
                    support = max(support, 1.0)
                if hint_places:
                    if p.county and p.county in hint_counties:
                        score += 3.0
                        support = max(support, 2.0)
                    elif p.city and p.city in hint_cities:
                        score += 2.0
                        support = max(support, 2.0)
                    elif p.province in hint_provinces:
                        score += 1.0
                if p.level == "town" and ambiguity >= self.TOWN_GUESS_LIMIT and support == 0 \
                        and p.province not in hint_provinces:
                    if seats is None:
                        seats = [q for q in places if q.level == "town" and self._named_after_its_county(q)]
                    if seats != [p]:
                        continue  # 开发区, 城关镇, 太平镇 alone: a town name three counties or more share names none of them
                if p.level == "landmark" and support == 0 and m.text in self.gazetteer.landmark_shared:
                    continue  # 紫金山景区, 白云山景区 alone: a name areas of other cities (or a town elsewhere) bear too
                if is_former:
                    if support <= current_support:
                        continue  # 东乡县 alone is 临夏's; 江西东乡县, the county 抚州's 东乡区 was
                    score -= 0.5
                else:
                    current_support = max(current_support, support)
                if best is None or score > best[0]:
                    best = (score, p, m, ambiguity, support)
                if ambiguity > 1 and p.level == "county" and p.province in named_provinces:
                    shared.append((score, p, m))
        if best is None:  # only a town name many counties share (开发区 alone): the hint, if any, answers
            return self._from_hint(hint_places) if hint_places else dict(EMPTY_REGION)
        score, place, mention, ambiguity, support = best
        if support <= 1.0 and any(m is mention and q.province == place.province and q.city != place.city
                                  and s == score for s, q, m in shared):
            # 江苏省鼓楼区: the province named has the county name in two cities and nothing tells which: the province
            place = self.gazetteer.provinces[place.province]
        if place.level in ("county", "town") and self._listed_counties(text, mentions, place):
            city = next((q for q in self.gazetteer.exact.get(place.city, ()) if q.level == "city"
                         and q.province == place.province), None)
            if city is not None:
                place, mention = city, next((m for m in mentions if place in m.places), mention)
        return self._answer(text, place, mention, mentions, ambiguity, support)

    @staticmethod
    def _listed_counties(text: str, mentions: list, place: Place) -> bool:
        """涉及东胜区2件,杭锦旗2件…; 涉及锡林浩特市、西乌珠穆沁旗各1件: two counties or more of ``place``'s city
        written one after the other as a list (a count, a bracket, then 、 , ; 和 及 与 between them) name the city,
        not the first of them."""
        if len(mentions) < 2:
            return False
        listed, last = set(), None
        for m in mentions:
            counties = {p.county for p in m.places if p.level == "county" and p.city == place.city}
            if len(counties) != 1:
                continue
            if last is not None and _LIST_GAP.fullmatch(text[last.end:m.start]):
                listed.update((next(iter(counties)), *{p.county for p in last.places if p.level == "county"
                                                        and p.city == place.city}))
            last = m
        return len(listed) >= 2

    @staticmethod
    def _contradicted(place: Place, provinces: set, cities: set) -> bool:
        """Whether the text names a province, or a city, other than a landmark's own (a city's zone counts as the
        city): the landmark named may be where one goes or compares with, the province or city is where one is."""
        return bool(provinces) and place.province not in provinces or bool(cities) and place.city not in cities

    def _answer(self, text, place: Place, mention, mentions, ambiguity, support) -> dict:
        if place.level == "city":
            by_street = self._county_by_street(text, place.city, mention) \
                or self._county_by_sound(text, place.city, mention)
            if by_street is not None:
                start = mention.start
                return {"province": place.province, "city": place.city, "county": by_street.county,
                        "region_confidence": 0.8, "region_evidence": text[start:mention.end]}
        if place.level in ("province", "city"):
            by_core = self._county_by_core(text, place, mention, mentions)
            if by_core is not None:
                return {"province": place.province, "city": by_core.city, "county": by_core.county,
                        "region_confidence": 0.7, "region_evidence": text[mention.start:mention.end]}
            by_village = self._county_by_village(text, place, mentions) or self._county_by_area(text, place, mentions) \
                or self._county_by_landmark(text, place, mentions)
            if by_village is not None:
                county, span = by_village
                return {"province": county.province, "city": county.city, "county": county.county,
                        "region_confidence": 0.7, "region_evidence": span}
        county = place.county if place.level in ("county", "town", "landmark") else self._twin_county(place)
        city = place.city if place.level != "province" else None
        # evidence: from the first consistent mention to the deciding one (衡阳市衡南县), as written
        start, end = mention.start, mention.end
        for other in mentions:
            if other.end <= mention.start and mention.start - other.end <= 2 and any(
                    q.province == place.province and (q.level == "province" or q.city == city)
                    for q in other.places):
                start = min(start, other.start)
        conf = {"county": 0.95, "town": 0.9, "landmark": 0.85, "zone": 0.85, "city": 0.85, "province": 0.5}[place.level]
        if ambiguity > 1:
            conf -= 0.25 if support == 0 else 0.1
        if not mention.exact:
            conf -= 0.15
        return {"province": place.province, "city": city, "county": county,
                "region_confidence": round(max(conf, 0.1), 2), "region_evidence": text[start:end]}

    @staticmethod
    @lru_cache(maxsize=65536)  # a few shared town names come back row after row (开发区, 城关镇)
    def _named_after_its_county(town: Place) -> bool:
        """木兰镇 of 木兰县, 安平镇 of 安平县, 大厂镇 of 大厂回族自治县: the town its county is named after (its seat),
        the one a town name several counties share names when nothing else is said."""
        stem = next((town.name[:-len(s)] for s in _TOWN_SUFFIXES if town.name.endswith(s)), "")
        county = town.county or ""
        rest = county[len(stem):]
        return len(stem) >= 2 and county.startswith(stem) and (len(rest) == 1 or rest.endswith(("自治县", "自治旗")))

    @staticmethod
    def _mention_before(text: str, mentions: list, i: int):
        """The mention right before mention ``i`` (nothing but spaces or commas between), or None: the frame a
        town named next is read in (喀左 覃家岗街道, 三江双浦镇), the old city a county is written under."""
        if i == 0:
            return None
        prev, m = mentions[i - 1], mentions[i]
        if text[prev.end:m.start].strip(" ,，、") or m.start - prev.end > 2:
            return None
        return prev

    def _twin_county(self, place: Place) -> str | None:
        """神农架林区, 天门市, 白沙黎族自治县: a county-level division a province governs is its own city and
        county (one code for both): named as a city, it names the county too."""
        if place.level != "city":
            return None
        twin = self.gazetteer.by_adcode.get(place.adcode)
        return twin.county if twin is not None and twin.level == "county" and twin.name == place.name else None

    def _from_hint(self, places) -> dict:
        p = places[0]
        county = p.county if p.level in ("county", "town", "landmark") else self._twin_county(p)
        city = p.city if p.level != "province" else None
        return {"province": p.province, "city": city, "county": county, "region_confidence": 0.6,
                "region_evidence": None}

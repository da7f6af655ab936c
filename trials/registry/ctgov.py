"""The shape of a ClinicalTrials.gov API v2 study object, and nothing else.

`read_studies` turns a parsed JSON document (one study, a list of studies, or a search page
`{"studies": [...]}`) into `StudyRecord`s or, for each study that cannot be read, the list of problems
that names every field at fault. No database here: `trials.importing` writes what this module reads.

Registry records are outside input: every value is checked here against what the database can hold (lengths,
numbers, characters), so that a study is refused with a line, the same way on SQLite and on PostgreSQL, rather
than failing as it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

NCT_ID = re.compile(r"^NCT\d{8}$")
AGE = re.compile(
    r"^\s*(\d{1,7}(?:\.\d{1,4})?)\s+(Year|Years|Month|Months|Week|Weeks|Day|Days|Hour|Hours|Minute|Minutes)\s*$", re.I
)
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
UNITS_PER_YEAR = {
    "year": Decimal(1),
    "month": Decimal(12),
    "week": Decimal("52.1775"),
    "day": Decimal("365.25"),
    "hour": Decimal("8766"),
    "minute": Decimal("525960"),
}
SEXES = {"ALL", "FEMALE", "MALE"}

# What the database holds (`trials.models`; a test keeps them equal): a longer value refuses the study.
LONGEST = {
    "sponsor": 300,
    "phase": 100,  # the phases, joined by ", "
    "facility": 300,
    "city": 200,
    "state": 200,
    "country": 200,
    "zip": 40,
}
# The registry's free texts: far above any real record (docs/decisions/0049-a-registry-text-longer-than-100-000-characters-is-refused-at.md). An eligibility
# text is split into clauses, each drafted and reviewed; one this long would be no real study's.
LONGEST_TEXT = 100_000  # characters
LARGEST_ENROLMENT = 2_147_483_647  # the largest whole number both databases store in the trial's column
OLDEST_AGE_YEARS = 150
DEEPEST_NESTING = 64  # levels of objects and lists; a real record has about 8
# Characters no database column takes: NUL (PostgreSQL refuses it in text and JSON) and a lone UTF-16 surrogate
# (JSON's "\ud800" escape decodes to one; it is not a character and cannot be encoded as UTF-8).
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
STATUSES = {
    "NOT_YET_RECRUITING",
    "RECRUITING",
    "ENROLLING_BY_INVITATION",
    "ACTIVE_NOT_RECRUITING",
    "SUSPENDED",
    "TERMINATED",
    "COMPLETED",
    "WITHDRAWN",
    "UNKNOWN",
    "AVAILABLE",
    "NO_LONGER_AVAILABLE",
    "TEMPORARILY_NOT_AVAILABLE",
    "APPROVED_FOR_MARKETING",
    "WITHHELD",
}


@dataclass
class Age:
    text: str  # the registry's words, e.g. "40 Years"
    years: Decimal


@dataclass
class SiteRecord:
    facility: str
    city: str = ""
    state: str = ""
    country: str = ""
    postal_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    status: str = ""
    contacts: list[dict] = field(default_factory=list)


@dataclass
class StudyRecord:
    nct_id: str
    brief_title: str
    official_title: str = ""
    summary: str = ""
    conditions: list[str] = field(default_factory=list)
    mesh_terms: list[str] = field(default_factory=list)  # derivedSection.conditionBrowseModule.meshes[].term
    phase: str = ""
    overall_status: str = "UNKNOWN"
    sponsor: str = ""
    enrollment: int | None = None
    start_date: str = ""
    primary_completion_date: str = ""
    completion_date: str = ""
    first_posted: str = ""
    last_updated: str = ""
    eligibility_text: str = ""
    sex: str = "ALL"
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    sites: list[SiteRecord] = field(default_factory=list)
    raw: dict = field(default_factory=dict)


@dataclass
class StudyProblems:
    label: str  # "study 2 (NCT01234567)"
    problems: list[str]


class DocumentError(ValueError):
    """The document as a whole is not a study, a list of studies or a search page."""


# The registry's search pages hold at most 1,000 studies; a longer list in one document is refused whole, before
# any study is read (each refused study keeps a line: a list of a million `{}` would keep a million).
MOST_STUDIES_PER_DOCUMENT = 10_000


def study_objects(document: Any) -> list[Any]:
    if isinstance(document, dict) and "studies" in document:
        studies = document["studies"]
        if not isinstance(studies, list):
            raise DocumentError("studies: expected a list of study objects")
    elif isinstance(document, dict):
        studies = [document]
    elif isinstance(document, list):
        studies = document
    else:
        raise DocumentError('expected a study object, a list of them, or {"studies": [...]}')
    if len(studies) > MOST_STUDIES_PER_DOCUMENT:
        raise DocumentError(
            f"{len(studies):,} studies in one document, more than {MOST_STUDIES_PER_DOCUMENT:,}: split it into "
            "smaller files, or use the registry's zip of one study per file"
        )
    return studies


def read_studies(document: Any) -> list[StudyRecord | StudyProblems]:
    results: list[StudyRecord | StudyProblems] = []
    for index, study in enumerate(study_objects(document), start=1):
        reader = _Reader(study)
        record = reader.record() if reader.storable() else None
        if reader.problems:
            nct = reader.nct_id_for_label()
            label = f"study {index}" + (f" ({nct})" if nct else "")
            results.append(StudyProblems(label, reader.problems))
        else:
            results.append(record)
    return results


def parse_age(text: str) -> Decimal | None:
    """Years as an exact decimal: "40 Years" → 40, "6 Months" → 0.5; None if unreadable."""
    match = AGE.match(text or "")
    if not match:
        return None
    amount, unit = Decimal(match.group(1)), match.group(2).lower().rstrip("s")  # at most 7 digits: exact
    return (amount / UNITS_PER_YEAR[unit]).quantize(Decimal("0.0001")).normalize()


class _Reader:
    def __init__(self, study: Any):
        self.study = study
        self.problems: list[str] = []

    def storable(self) -> bool:
        """Whether every value can be stored at all: not nested too deeply, no character a database refuses.
        Walked without recursion, so that no record can exhaust the stack; records the first few problems."""
        stack: list[tuple[Any, str, int]] = [(self.study, "", 0)]
        found: list[str] = []
        while stack and len(found) < 3:
            node, path, depth = stack.pop()
            if depth > DEEPEST_NESTING:
                self.problems.append(f"nested more than {DEEPEST_NESTING} levels deep")
                return False
            if isinstance(node, dict):
                for key, value in node.items():
                    where = f"{path}.{key}" if path else key
                    if UNSTORABLE.search(key):
                        found.append(f"{printable(where)}: a name with a NUL byte or a lone surrogate")
                    stack.append((value, where, depth + 1))
            elif isinstance(node, list):
                stack.extend((value, f"{path}[{i}]", depth + 1) for i, value in enumerate(node))
            elif isinstance(node, str) and UNSTORABLE.search(node):
                character = "a NUL byte" if "\x00" in node else "a lone surrogate (half a character)"
                found.append(f"{printable(path) or 'the study'}: holds {character}, which cannot be stored")
        self.problems.extend(found)
        return not found

    def _fits(self, path: str, value: str, longest: int) -> str:
        if len(value) > longest:
            self.problems.append(f"{path}: {len(value):,} characters, more than the {longest:,} this field holds")
            return ""
        return value

    def nct_id_for_label(self) -> str:
        value = self._get("protocolSection.identificationModule.nctId")
        return value if isinstance(value, str) and NCT_ID.match(value) else ""

    def _get(self, path: str) -> Any:
        node = self.study
        for part in path.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def _expect(self, path: str, kind: type | tuple, required: bool = False, default: Any = None) -> Any:
        value = self._get(path)
        if value is None:
            if required:
                self.problems.append(f"{path}: missing")
            return default
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            self.problems.append(f"{path}: expected {_json_name(names)}, got {_json_name(type(value).__name__)}")
            return default
        return value

    def _text(self, path: str, required: bool = False) -> str:
        value = self._expect(path, str, required=required, default="")
        if required and value is not None and isinstance(self._get(path), str) and not value.strip():
            self.problems.append(f"{path}: empty")
        return value.strip() if isinstance(value, str) else ""

    def _date(self, path: str) -> str:
        value = self._text(path)
        if value and not DATE.match(value):
            self.problems.append(f"{path}: expected a date like 2026-03-19, got {_shown(value)}")
            return ""
        return value

    def _age(self, path: str) -> Age | None:
        text = self._text(path)
        if not text or text.upper() == "N/A":
            return None
        years = parse_age(text)
        if years is None:
            self.problems.append(f'{path}: expected an age like "40 Years" or "6 Months", got {_shown(text)}')
            return None
        if years > OLDEST_AGE_YEARS:
            self.problems.append(f"{path}: {_shown(text)} is more than {OLDEST_AGE_YEARS} years")
            return None
        return Age(text, years)

    def _long_text(self, path: str) -> str:
        return self._fits(path, self._text(path), LONGEST_TEXT)

    def record(self) -> StudyRecord | None:
        if not isinstance(self.study, dict):
            self.problems.append(f"expected a study object, got {_json_name(type(self.study).__name__)}")
            return None
        if self._expect("protocolSection", dict, required=True) is None:
            return None
        nct_id = self._text("protocolSection.identificationModule.nctId", required=True)
        if nct_id and not NCT_ID.match(nct_id):
            self.problems.append(
                f"protocolSection.identificationModule.nctId: {_shown(nct_id)} is not an NCT number (NCT + 8 digits)"
            )
        p = "protocolSection."
        status = self._text(p + "statusModule.overallStatus") or "UNKNOWN"
        if status not in STATUSES:
            self.problems.append(f"{p}statusModule.overallStatus: unknown status {_shown(status)}")
        sex = self._text(p + "eligibilityModule.sex") or "ALL"
        if sex not in SEXES:
            self.problems.append(f"{p}eligibilityModule.sex: expected ALL, FEMALE or MALE, got {_shown(sex)}")
        conditions = self._string_list(p + "conditionsModule.conditions")
        phases = self._string_list(p + "designModule.phases")
        enrollment = self._expect(p + "designModule.enrollmentInfo.count", int)
        if enrollment is not None and enrollment < 0:
            self.problems.append(f"{p}designModule.enrollmentInfo.count: cannot be negative")
            enrollment = None
        elif enrollment is not None and enrollment > LARGEST_ENROLMENT:
            self.problems.append(
                f"{p}designModule.enrollmentInfo.count: {len(str(enrollment))} digits, more than any study enrols"
            )
            enrollment = None
        record = StudyRecord(
            nct_id=nct_id,
            brief_title=self._text(p + "identificationModule.briefTitle", required=True)[:500],
            official_title=self._long_text(p + "identificationModule.officialTitle"),
            summary=self._long_text(p + "descriptionModule.briefSummary"),
            conditions=conditions,
            mesh_terms=self._mesh_terms("derivedSection.conditionBrowseModule.meshes"),
            phase=self._fits(p + "designModule.phases", ", ".join(phases), LONGEST["phase"]),
            overall_status=status,
            sponsor=self._fits(
                p + "sponsorCollaboratorsModule.leadSponsor.name",
                self._text(p + "sponsorCollaboratorsModule.leadSponsor.name"),
                LONGEST["sponsor"],
            ),
            enrollment=enrollment,
            start_date=self._date(p + "statusModule.startDateStruct.date"),
            primary_completion_date=self._date(p + "statusModule.primaryCompletionDateStruct.date"),
            completion_date=self._date(p + "statusModule.completionDateStruct.date"),
            first_posted=self._date(p + "statusModule.studyFirstPostDateStruct.date"),
            last_updated=self._date(p + "statusModule.lastUpdatePostDateStruct.date"),
            eligibility_text=self._long_text(p + "eligibilityModule.eligibilityCriteria"),
            sex=sex,
            minimum_age=self._age(p + "eligibilityModule.minimumAge"),
            maximum_age=self._age(p + "eligibilityModule.maximumAge"),
            sites=self._sites(p + "contactsLocationsModule.locations"),
            raw=self.study,
        )
        if record.minimum_age and record.maximum_age and record.minimum_age.years > record.maximum_age.years:
            self.problems.append(
                f"{p}eligibilityModule: minimumAge {_shown(record.minimum_age.text)} is above maximumAge {_shown(record.maximum_age.text)}"
            )
        return record

    def _mesh_terms(self, path: str) -> list[str]:
        """The registry derives these itself; an odd entry is skipped rather than refusing the study."""
        meshes = self._get(path)
        if not isinstance(meshes, list):
            return []
        return [m["term"].strip() for m in meshes if isinstance(m, dict) and isinstance(m.get("term"), str)]

    def _string_list(self, path: str) -> list[str]:
        values = self._expect(path, list, default=[])
        if not all(isinstance(v, str) for v in values):
            self.problems.append(f"{path}: expected a list of strings")
            return []
        return values

    def _sites(self, path: str) -> list[SiteRecord]:
        sites = []
        for index, location in enumerate(self._expect(path, list, default=[])):
            where = f"{path}[{index}]"
            if not isinstance(location, dict):
                self.problems.append(f"{where}: expected an object")
                continue
            facility = location.get("facility")
            if not isinstance(facility, str) or not facility.strip():
                self.problems.append(f"{where}.facility: missing")
                continue
            geo = location.get("geoPoint") or {}
            lat, lon = (geo.get("lat"), geo.get("lon")) if isinstance(geo, dict) else (None, None)
            coordinates = []
            for name, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
                if value is None:
                    coordinates.append(None)
                elif isinstance(value, (int, float)) and not isinstance(value, bool) and -limit <= value <= limit:
                    coordinates.append(Decimal(str(value)).quantize(Decimal("0.000001")))
                else:
                    self.problems.append(f"{where}.geoPoint.{name}: expected a number from -{limit} to {limit}")
                    coordinates.append(None)
            contacts = location.get("contacts") or []
            if not isinstance(contacts, list) or not all(isinstance(c, dict) for c in contacts):
                self.problems.append(f"{where}.contacts: expected a list of objects")
                contacts = []
            status = _str(location.get("status"))
            if status and status not in STATUSES:
                self.problems.append(f"{where}.status: unknown status {_shown(status)}")
            fitting = {
                name: self._fits(
                    f"{where}.{name}", _str(location.get(name)) if name != "facility" else facility.strip(), longest
                )
                for name, longest in LONGEST.items()
                if name not in ("sponsor", "phase")
            }
            sites.append(
                SiteRecord(
                    facility=fitting["facility"],
                    city=fitting["city"],
                    state=fitting["state"],
                    country=fitting["country"],
                    postal_code=fitting["zip"],
                    latitude=coordinates[0],
                    longitude=coordinates[1],
                    status=status if status in STATUSES else "",
                    contacts=[{k: _str(c.get(k)) for k in ("name", "role", "phone", "email")} for c in contacts],
                )
            )
        return sites


def printable(text: str) -> str:
    """The text with every character a terminal would act on (escape sequences, line breaks, direction marks)
    written as an escape, so that a refusal line shows the value and nothing else."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _shown(value: str, longest: int = 80) -> str:
    """A value quoted in a message: escaped, and cut short."""
    return repr(value if len(value) <= longest else value[:longest] + "…")


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _json_name(python_name: str) -> str:
    names = {
        "dict": "an object",
        "list": "a list",
        "str": "a string",
        "int": "a whole number",
        "float": "a number",
        "bool": "true/false",
        "NoneType": "null",
    }
    return " or ".join(names.get(n, n) for n in python_name.split(" or "))

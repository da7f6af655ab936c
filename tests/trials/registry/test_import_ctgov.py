"""`manage.py import_ctgov`: registry JSON in, trials, sites and age/sex criteria out; bad files explained."""

import copy
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trials.models import Criterion, Site, Trial
from trials.registry.ctgov import parse_age

SEED = Path(__file__).resolve().parents[3] / "trials" / "registry" / "seed"
COPD_RECORD = json.loads((SEED / "NCT07355868.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.django_db


def study(nct_id="NCT07355868", **eligibility):
    record = copy.deepcopy(COPD_RECORD)
    record["protocolSection"]["identificationModule"]["nctId"] = nct_id
    record["protocolSection"]["eligibilityModule"].update(eligibility)
    return record


def run(tmp_path, document, name="studies.json"):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("import_ctgov", str(path), stdout=out, stderr=err)
        failed = False
    except CommandError:
        failed = True
    return out.getvalue(), err.getvalue(), failed


def test_imports_the_copd_record(tmp_path):
    out, err, failed = run(tmp_path, COPD_RECORD)
    assert not failed and err == ""
    assert "NCT07355868 created" in out
    trial = Trial.objects.get(nct_id="NCT07355868")
    assert trial.brief_title.startswith("Treatment of Chronic Obstructive Pulmonary Disease")
    assert trial.overall_status == Trial.Status.RECRUITING
    assert trial.phase == "EARLY_PHASE1"
    assert trial.sponsor == "Regend Therapeutics"
    assert trial.enrollment_target == 12
    assert (trial.start_date, trial.completion_date, trial.last_updated) == ("2026-03-19", "2026-12-15", "2026-03-23")
    assert trial.conditions == ["Chronic Obstructive Pulmonary Disease (COPD)"]
    assert "≥ 150 meters and \\< 600 meters" in trial.eligibility_text
    assert trial.source_record == COPD_RECORD
    assert not trial.is_published
    [site] = trial.sites.all()
    assert (site.facility, site.city, site.state, site.country, site.postal_code) == (
        "The Fourth Hospital of Zhejiang University School of Medicine",
        "Yiwu",
        "Zhejiang",
        "China",
        "322000",
    )
    assert (site.latitude, site.longitude) == (Decimal("29.315060"), Decimal("120.076760"))
    assert site.contacts == [
        {"name": "Shaohua Zhang", "role": "CONTACT", "email": "z16zsh@126.com", "phone": "086-0579-89979999"}
    ]


def test_age_limits_become_an_approved_inclusive_criterion(tmp_path):
    run(tmp_path, COPD_RECORD)
    [age] = Criterion.objects.filter(trial__nct_id="NCT07355868", origin=Criterion.Origin.IMPORT)
    assert (age.question.key, age.min_value, age.min_inclusive, age.max_value, age.max_inclusive) == (
        "age",
        Decimal("40"),
        True,
        Decimal("80"),
        True,
    )
    assert age.status == Criterion.Status.APPROVED
    assert age.origin == Criterion.Origin.IMPORT
    assert "40 Years" in age.source_text and "80 Years" in age.source_text
    assert age.rule_in_words() == "40 years ≤ age ≤ 80 years"


@pytest.mark.parametrize(
    "sex, codes",
    [("FEMALE", [["female"]]), ("MALE", [["male"]]), ("ALL", [])],
)
def test_a_restricted_sex_becomes_a_criterion(tmp_path, sex, codes):
    run(tmp_path, study(sex=sex))
    criteria = Criterion.objects.filter(trial__nct_id="NCT07355868", question__key="sex")
    assert [c.values for c in criteria] == codes


@pytest.mark.parametrize(
    "text, years",
    [
        ("40 Years", Decimal(40)),
        ("1 Year", Decimal(1)),
        ("6 Months", Decimal("0.5")),
        ("18 months", Decimal("1.5")),
        ("2 Weeks", Decimal("0.0383")),
        ("forty", None),
        ("40", None),
        ("", None),
    ],
)
def test_registry_ages_are_read_in_their_own_units(text, years):
    assert parse_age(text) == years


def test_reimporting_changes_nothing(tmp_path):
    run(tmp_path, COPD_RECORD)
    counts = (Trial.objects.count(), Site.objects.count(), Criterion.objects.count())
    ids = list(Criterion.objects.values_list("pk", flat=True))
    out, _, _ = run(tmp_path, COPD_RECORD)
    assert "NCT07355868 unchanged" in out
    assert (Trial.objects.count(), Site.objects.count(), Criterion.objects.count()) == counts
    assert list(Criterion.objects.values_list("pk", flat=True)) == ids


def test_reimporting_updates_the_trial_by_nct_id(tmp_path):
    run(tmp_path, COPD_RECORD)
    changed = study(maximumAge="75 Years")
    changed["protocolSection"]["identificationModule"]["briefTitle"] = "A new title"
    changed["protocolSection"]["contactsLocationsModule"]["locations"][0]["status"] = "COMPLETED"
    out, _, _ = run(tmp_path, changed)
    assert "NCT07355868 updated" in out
    trial = Trial.objects.get()
    assert trial.brief_title == "A new title"
    assert trial.sites.get().recruitment_status == "COMPLETED"
    assert trial.criteria.get(origin=Criterion.Origin.IMPORT).max_value == Decimal(75)


def test_reimporting_keeps_what_the_registry_does_not_hold(tmp_path):
    run(tmp_path, COPD_RECORD)
    Trial.objects.update(plain_summary="Our words", is_published=True)
    run(tmp_path, study(maximumAge="75 Years"))
    assert Trial.objects.filter(plain_summary="Our words", is_published=True).exists()


def test_reimporting_never_touches_criteria_an_admin_edited(tmp_path, seed_trials):
    age = Criterion.objects.get(trial__nct_id="NCT07355868", question__key="age")
    age.max_value = Decimal(79)
    age.origin = Criterion.Origin.EDITED
    age.save()
    before = set(Criterion.objects.values_list("pk", "source_text", "max_value"))
    run(tmp_path, study(maximumAge="75 Years"))
    assert set(Criterion.objects.values_list("pk", "source_text", "max_value")) == before


def test_reads_a_search_page_and_a_list(tmp_path):
    out, _, failed = run(tmp_path, {"studies": [study("NCT00000001"), study("NCT00000002")]})
    assert not failed and "NCT00000001 created" in out and "NCT00000002 created" in out
    out, _, failed = run(tmp_path, [study("NCT00000003")])
    assert not failed and Trial.objects.count() == 3


def test_a_bad_study_writes_nothing_and_the_good_ones_still_land(tmp_path):
    bad = study("NCT00000002", minimumAge="forty")
    out, err, failed = run(tmp_path, {"studies": [study("NCT00000001"), bad]})
    assert failed
    assert list(Trial.objects.values_list("nct_id", flat=True)) == ["NCT00000001"]
    assert err.strip() == (
        f"{tmp_path / 'studies.json'}: study 2 (NCT00000002): protocolSection.eligibilityModule.minimumAge: "
        'expected an age like "40 Years" or "6 Months", got \'forty\''
    )


def mangle(path, value):
    record = study()
    node = record
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return record


@pytest.mark.parametrize(
    "path, value, message",
    [
        ("protocolSection.identificationModule.nctId", KeyError, "protocolSection.identificationModule.nctId: missing"),
        ("protocolSection.identificationModule.nctId", "NCT123", "'NCT123' is not an NCT number"),
        ("protocolSection.identificationModule.nctId", 7355868, "nctId: expected a string, got a whole number"),
        ("protocolSection.identificationModule.briefTitle", KeyError, "briefTitle: missing"),
        ("protocolSection.identificationModule.briefTitle", "  ", "briefTitle: empty"),
        ("protocolSection.statusModule.overallStatus", "OPEN", "unknown status 'OPEN'"),
        ("protocolSection.eligibilityModule.sex", "BOTH", "expected ALL, FEMALE or MALE, got 'BOTH'"),
        (
            "protocolSection.eligibilityModule.maximumAge",
            "30 Years",
            "minimumAge '40 Years' is above maximumAge '30 Years'",
        ),
        (
            "protocolSection.eligibilityModule.eligibilityCriteria",
            ["a"],
            "eligibilityCriteria: expected a string, got a list",
        ),
        ("protocolSection.conditionsModule.conditions", "COPD", "conditions: expected a list, got a string"),
        ("protocolSection.designModule.enrollmentInfo.count", "12", "count: expected a whole number, got a string"),
        ("protocolSection.designModule.enrollmentInfo.count", -1, "count: cannot be negative"),
        ("protocolSection.statusModule.startDateStruct.date", "March 2026", "expected a date like 2026-03-19"),
        ("protocolSection.contactsLocationsModule.locations", {"a": 1}, "locations: expected a list, got an object"),
        ("protocolSection.contactsLocationsModule.locations", [{"city": "Yiwu"}], "locations[0].facility: missing"),
        (
            "protocolSection.contactsLocationsModule.locations",
            [{"facility": "H", "geoPoint": {"lat": 91, "lon": 0}}],
            "locations[0].geoPoint.lat: expected a number from -90 to 90",
        ),
        (
            "protocolSection.contactsLocationsModule.locations",
            [{"facility": "H", "contacts": "x"}],
            "locations[0].contacts: expected a list of objects",
        ),
        ("protocolSection", KeyError, "protocolSection: missing"),
        ("protocolSection", [], "protocolSection: expected an object, got a list"),
    ],
)
def test_each_problem_names_the_file_and_the_field(tmp_path, path, value, message):
    _, err, failed = run(tmp_path, mangle(path, value))
    assert failed
    assert message in err
    assert err.startswith(str(tmp_path / "studies.json"))
    assert Trial.objects.count() == 0


def test_every_problem_of_a_study_gets_its_own_line(tmp_path):
    record = study(sex="BOTH", minimumAge="old")
    del record["protocolSection"]["identificationModule"]["briefTitle"]
    _, err, _ = run(tmp_path, record)
    assert len(err.strip().splitlines()) == 3


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON (line 1, column 2"),
        ("42", "expected a study object, a list of them"),
        ('{"studies": {}}', "studies: expected a list"),
        ('["x"]', "study 1: expected a study object, got a string"),
        ("", "not valid JSON"),
    ],
)
def test_files_that_are_not_studies_are_refused(tmp_path, content, message):
    _, err, failed = run(tmp_path, content)
    assert failed and message in err
    assert Trial.objects.count() == 0


def test_a_missing_or_binary_file_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_ctgov", str(tmp_path / "nope.json"), stdout=StringIO(), stderr=(err := StringIO()))
    assert "nope.json: no such file" in err.getvalue()
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError):
        call_command("import_ctgov", str(binary), stdout=StringIO(), stderr=(err := StringIO()))
    assert "not UTF-8 text" in err.getvalue()

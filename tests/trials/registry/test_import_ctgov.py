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
    "maximum, expected",
    [("98 Years", Decimal(98)), ("99 Years", None), ("100 Years", None), ("150 Years", None)],
)
def test_a_registry_maximum_age_of_99_years_or_more_bounds_nothing(tmp_path, maximum, expected):
    run(tmp_path, study(minimumAge="18 Years", maximumAge=maximum))
    [age] = Criterion.objects.filter(trial__nct_id="NCT07355868", origin=Criterion.Origin.IMPORT, question__key="age")
    assert (age.min_value, age.max_value) == (Decimal(18), expected)


def test_a_record_whose_only_age_limit_is_a_maximum_of_99_years_gets_no_age_criterion(tmp_path):
    record = study(maximumAge="99 Years")
    del record["protocolSection"]["eligibilityModule"]["minimumAge"]
    run(tmp_path, record)
    assert not Criterion.objects.filter(
        trial__nct_id="NCT07355868", origin=Criterion.Origin.IMPORT, question__key="age"
    )


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


# Hostile input (issue 24): every study is whole or refused with a line, and the run goes on.


def deep(levels):
    node = "bottom"
    for _ in range(levels):
        node = {"x": [node]}
    return node


@pytest.mark.parametrize(
    "path, value, message",
    [
        (
            "protocolSection.sponsorCollaboratorsModule.leadSponsor.name",
            "S" * 301,
            "leadSponsor.name: 301 characters, more than the 300 this field holds",
        ),
        (
            "protocolSection.designModule.phases",
            ["PHASE1"] * 20,
            "designModule.phases: 158 characters, more than the 100 this field holds",
        ),
        ("protocolSection.designModule.enrollmentInfo.count", 10**20, "count: 21 digits, more than any study enrols"),
        (
            "protocolSection.eligibilityModule.minimumAge",
            "1" * 40 + " Years",
            'minimumAge: expected an age like "40 Years" or "6 Months", got \'1111111111',
        ),
        ("protocolSection.eligibilityModule.maximumAge", "9999999 Years", "maximumAge: '9999999 Years' is more"),
        ("protocolSection.descriptionModule.briefSummary", "COPD \ud800 study", "holds a lone surrogate"),
        ("protocolSection.identificationModule.officialTitle", "A\x00B", "officialTitle: holds a NUL byte"),
        ("protocolSection.descriptionModule.detailedDescription", deep(100), "nested more than 64 levels deep"),
        (
            "protocolSection.contactsLocationsModule.locations",
            [{"facility": "H" * 301, "city": "Yiwu"}],
            "locations[0].facility: 301 characters, more than the 300",
        ),
        (
            "protocolSection.contactsLocationsModule.locations",
            [{"facility": "H", "zip": "9" * 41}],
            "locations[0].zip: 41 characters, more than the 40",
        ),
        (
            "protocolSection.contactsLocationsModule.locations",
            [{"facility": "H", "status": "R" * 40}],
            "locations[0].status: unknown status 'RRRR",
        ),
        (
            "protocolSection.eligibilityModule.eligibilityCriteria",
            "Inclusion Criteria: age 40. " * 4000,
            "eligibilityCriteria: 111,999 characters, more than the 100,000 this field holds",
        ),
    ],
    ids=lambda value: value[:40] if isinstance(value, str) else None,
)
def test_attack_a_study_with_a_value_no_database_holds_is_refused_with_a_line_and_the_run_goes_on(
    tmp_path, path, value, message
):
    bad = mangle(path, value)
    bad["protocolSection"]["identificationModule"]["nctId"] = "NCT00000002"
    _, err, failed = run(tmp_path, [bad, study("NCT00000003")])
    assert failed
    assert message in err
    assert err.startswith(f"{tmp_path / 'studies.json'}: study 1 (NCT00000002): ")
    assert list(Trial.objects.values_list("nct_id", flat=True)) == ["NCT00000003"]


def test_attack_json_nested_beyond_the_parser_s_depth_is_refused_with_a_line(tmp_path):
    _, err, failed = run(tmp_path, "[" * 200_000 + "]" * 200_000, name="deep.json")
    assert failed
    assert err.strip() == f"{tmp_path / 'deep.json'}: not read: nested too deeply to be a study record"


def test_the_reader_s_length_limits_are_the_database_s():
    from trials.models import Site, Trial
    from trials.registry.ctgov import LARGEST_ENROLMENT, LONGEST

    fields = {"sponsor": Trial, "phase": Trial, "facility": Site, "city": Site, "state": Site, "country": Site}
    for name, model in fields.items():
        assert LONGEST[name] == model._meta.get_field(name).max_length, name
    assert LONGEST["zip"] == Site._meta.get_field("postal_code").max_length
    assert LARGEST_ENROLMENT == 2**31 - 1  # PostgreSQL's integer column, the narrower of the two


def bomb_zip(path, compression, unpacked_bytes, claimed_size=100, good=None):
    """A zip with one member of zeros that says it is `claimed_size` bytes, and optionally a good study."""
    import zipfile

    with zipfile.ZipFile(path, "w", compression=compression, compresslevel=1 if compression != 14 else None) as z:
        with z.open("bomb.json", "w", force_zip64=True) as member:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(zeros)):
                member.write(zeros)
        z.infolist()[-1].file_size = claimed_size  # the central directory lies about the size
        if good is not None:
            z.writestr("good.json", json.dumps(good))
    return path


@pytest.mark.parametrize("compression", ["deflate", "bzip2", "lzma"])
def test_attack_a_zip_bomb_is_refused_after_at_most_the_limit_whatever_size_it_claims(
    tmp_path, monkeypatch, compression
):
    import tracemalloc
    import zipfile

    from trials.registry.management.commands import import_ctgov

    monkeypatch.setattr(import_ctgov, "LARGEST_DOCUMENT_BYTES", 1024 * 1024)
    monkeypatch.setattr(import_ctgov, "CHUNK_BYTES", 64 * 1024)
    method = {"deflate": zipfile.ZIP_DEFLATED, "bzip2": zipfile.ZIP_BZIP2, "lzma": zipfile.ZIP_LZMA}[compression]
    archive = bomb_zip(tmp_path / "bomb.zip", method, 24 * 1024 * 1024, good=study("NCT00000003"))
    tracemalloc.start()
    try:
        with pytest.raises(CommandError):
            call_command("import_ctgov", str(archive), stdout=StringIO(), stderr=(err := StringIO()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.getvalue().strip() == (
        f"{archive}:bomb.json: more than 1 MB once unpacked; not read further "
        "(split it into smaller files, or use the registry's zip of one study per file)"
    )
    assert list(Trial.objects.values_list("nct_id", flat=True)) == ["NCT00000003"]
    assert peak < 16 * 1024 * 1024  # 24 MB unpacked at once would show here (LZMA's dictionary takes 8 MB)


def test_attack_a_file_over_the_limit_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    import tracemalloc

    from trials.registry.management.commands import import_ctgov

    monkeypatch.setattr(import_ctgov, "LARGEST_DOCUMENT_BYTES", 1024 * 1024)
    big = tmp_path / "big.json"
    big.write_text(json.dumps([study("NCT00000003")] * 1200), encoding="utf-8")
    assert big.stat().st_size > 10 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(CommandError):
            call_command("import_ctgov", str(big), stdout=StringIO(), stderr=(err := StringIO()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "big.json: more than 1 MB once unpacked; not read further" in err.getvalue()
    assert Trial.objects.count() == 0
    assert peak < 6 * 1024 * 1024


def test_attack_a_document_of_millions_of_tiny_values_is_refused_before_it_is_parsed(tmp_path):
    _, err, failed = run(tmp_path, "[" + ",".join(["{}"] * 1_100_000) + "]", name="tiny.json")
    assert failed
    assert err.strip() == (
        f"{tmp_path / 'tiny.json'}: more than 1,000,000 values; not read "
        "(split it into smaller files, or use the registry's zip of one study per file)"
    )


def test_attack_a_run_stops_unpacking_past_its_limit_and_says_so(tmp_path, monkeypatch):
    from trials.registry.management.commands import import_ctgov

    folder = tmp_path / "many"
    folder.mkdir()
    for number in (1, 2, 3):
        (folder / f"{number}.json").write_text(json.dumps(study(f"NCT0000000{number}")), encoding="utf-8")
    one = (folder / "1.json").stat().st_size
    monkeypatch.setattr(import_ctgov, "LARGEST_RUN_BYTES", int(one * 2.5))
    with pytest.raises(CommandError):
        call_command("import_ctgov", str(folder), stdout=StringIO(), stderr=(err := StringIO()))
    assert "Stopped: more than 0 GB unpacked in one run; the files after this point were not read." in err.getvalue()
    assert sorted(Trial.objects.values_list("nct_id", flat=True)) == ["NCT00000001", "NCT00000002"]


def test_attack_zip_member_names_are_printed_with_control_characters_escaped(tmp_path):
    import zipfile

    archive = tmp_path / "names.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("\x1b[2J\x1b]0;pwned\x07bad.json", "{not json")
        z.writestr("good\u202e.json", json.dumps(study("NCT00000003")))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_ctgov", str(archive), stdout=out, stderr=err)
    assert f"{archive}:\\x1b[2J\\x1b]0;pwned\\x07bad.json: not valid JSON" in err.getvalue()
    assert f"{archive}:good\\u202e.json: NCT00000003 created" in out.getvalue()
    assert not any(ord(c) < 32 and c != "\n" or c == "\u202e" for c in out.getvalue() + err.getvalue())


@pytest.mark.parametrize("compression", ["deflate", "bzip2", "lzma"])
def test_attack_a_damaged_or_cut_member_is_refused_with_a_line_and_the_others_are_imported(tmp_path, compression):
    import zipfile

    method = {"deflate": zipfile.ZIP_DEFLATED, "bzip2": zipfile.ZIP_BZIP2, "lzma": zipfile.ZIP_LZMA}[compression]
    archive = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive, "w", compression=method) as z:
        z.writestr("1.json", json.dumps(study("NCT00000001")))
        z.writestr("2.json", json.dumps(study("NCT00000002")))
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as z:
        first = z.getinfo("1.json")
        at = first.header_offset + 30 + len(first.filename) + len(first.extra) + first.compress_size // 2
    data[at : at + 8] = bytes(8)  # eight bytes of the first member's compressed data zeroed
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError):
        call_command("import_ctgov", str(archive), stdout=StringIO(), stderr=(err := StringIO()))
    [line] = err.getvalue().strip().splitlines()
    assert line.startswith(f"{archive}:1.json: ")
    assert list(Trial.objects.values_list("nct_id", flat=True)) == ["NCT00000002"]


def test_attack_a_document_of_more_studies_than_any_registry_page_is_refused_whole(tmp_path):
    _, err, failed = run(tmp_path, [{}] * 10_001, name="many.json")
    assert failed
    assert err.strip() == (
        f"{tmp_path / 'many.json'}: 10,001 studies in one document, more than 10,000: split it into smaller "
        "files, or use the registry's zip of one study per file"
    )


def test_attack_past_ten_thousand_problem_lines_the_rest_are_only_counted(tmp_path, monkeypatch):
    from trials.registry.management.commands import import_ctgov

    monkeypatch.setattr(import_ctgov, "MOST_REFUSAL_LINES", 3)
    out, err, failed = run(tmp_path, [{}] * 5 + [study("NCT00000003")])
    assert failed and "1 created, 0 updated, 0 unchanged, 5 refused" in out
    lines = err.strip().splitlines()
    assert len(lines) == 4 and lines[-1] == "… and 2 more problem lines, not shown."

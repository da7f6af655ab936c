"""`manage.py extract_criteria`: the extractor's proposals for registry JSON, printed as JSON, nothing written."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from trials.models import Criterion, Question, Trial

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent
COPD_RECORD = HERE.parents[2] / "trials" / "registry" / "seed" / "NCT07355868.json"
KEYS = ["nct_id", "kind", "variable", "lower", "lower_inclusive", "upper", "upper_inclusive", "unit", "event", "quote"]


def extract(*paths):
    out, err = StringIO(), StringIO()
    try:
        call_command("extract_criteria", *map(str, paths), stdout=out, stderr=err)
        failed = False
    except CommandError:
        failed = True
    return json.loads(out.getvalue()), err.getvalue(), failed


def test_prints_one_object_per_proposal_in_the_issues_format():
    proposals, err, failed = extract(COPD_RECORD)
    assert not failed and err == ""
    for proposal in proposals:
        assert list(proposal)[: len(KEYS)] == KEYS
        assert set(proposal) - set(KEYS) <= {"values"}
        assert proposal["nct_id"] == "NCT07355868" and proposal["kind"] in ("inclusion", "exclusion")
    walk = next(p for p in proposals if p["variable"] == "sixmwd_m")
    assert walk == {
        "nct_id": "NCT07355868",
        "kind": "inclusion",
        "variable": "sixmwd_m",
        "lower": 150,
        "lower_inclusive": True,
        "upper": 600,
        "upper_inclusive": False,
        "unit": "m",
        "event": "",
        "quote": "six-minute walk test should be ≥ 150 meters and \\< 600 meters",
    }
    pneumonia = next(p for p in proposals if p["variable"] == "window" and p["event"] == "pneumonia")
    assert (pneumonia["kind"], pneumonia["upper"], pneumonia["upper_inclusive"], pneumonia["unit"]) == (
        "exclusion",
        4,
        True,
        "weeks",
    )
    text = json.loads(COPD_RECORD.read_text())["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]
    assert all(p["quote"] in text for p in proposals if not p["quote"].startswith("minimumAge"))


def test_the_record_age_and_the_texts_age_make_one_proposal_when_they_agree():
    proposals, _, _ = extract(COPD_RECORD)
    [age] = [p for p in proposals if p["variable"] == "age"]
    assert (age["lower"], age["lower_inclusive"], age["upper"], age["upper_inclusive"]) == (40, True, 80, True)


def test_reads_a_search_page_and_a_list_and_writes_nothing(tmp_path):
    record = json.loads(COPD_RECORD.read_text())
    page, listing = tmp_path / "page.json", tmp_path / "list.json"
    page.write_text(json.dumps({"studies": [record]}))
    listing.write_text(json.dumps([record, record]))
    proposals, _, failed = extract(page, listing)
    single, _, _ = extract(COPD_RECORD)
    assert not failed and len(proposals) == 3 * len(single)
    assert (Trial.objects.count(), Criterion.objects.count(), Question.objects.count()) == (0, 0, 0)


def test_a_bad_file_is_named_and_the_good_ones_still_print(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proposals, err, failed = extract(bad, COPD_RECORD)
    assert failed and "bad.json: not valid JSON" in err
    assert proposals and {p["nct_id"] for p in proposals} == {"NCT07355868"}

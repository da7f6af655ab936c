"""Tests for the evaluation script's scoring, with fake extractors, and for the set itself.

These must not import trials.registry.extraction: score() takes the extractor as an argument.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from tests.trials.registry.evaluate_extraction import (
    EVALUATION_DIR,
    NAMED_VARIABLES,
    TIMED,
    WINDOW,
    load_cases,
    matches,
    render,
    score,
)

UNITS = {
    "age": "years",
    "sixmwd_m": "m",
    "fev1_pct_pred": "% predicted",
    "fvc_pct_pred": "% predicted",
    "fev1_fvc_ratio": "ratio",
    "dlco_pct_pred": "% predicted",
    "tlc_pct_pred": "% predicted",
    "spo2_pct": "%",
    "bmi": "kg/m2",
    "pack_years": "pack-years",
    "oxygen_hours_per_day": "h/day",
    "respiratory_hospitalisations_12m": "count",
    "exacerbations_12m": "count",
    "alt_x_uln": "x ULN",
    "ast_x_uln": "x ULN",
    "bilirubin_x_uln": "x ULN",
    "creatinine_x_uln": "x ULN",
    "egfr": "mL/min/1.73m2",
}
BRONCHODILATOR_VARIABLES = ("fev1_pct_pred", "fvc_pct_pred", "fev1_fvc_ratio")
WINDOW_UNITS = {"days", "weeks", "months", "years"}


@dataclass(frozen=True)
class Proposal:
    kind: str
    variable: str
    lower: Decimal | None
    lower_inclusive: bool | None
    upper: Decimal | None
    upper_inclusive: bool | None
    unit: str
    event: str | None = None
    quote: str = ""
    confidence: float = 1.0
    values: tuple = ()
    bronchodilator: str | None = None


def to_proposal(item):
    dec = lambda v: None if v is None else Decimal(str(v))  # noqa: E731
    return Proposal(
        kind=item["kind"],
        variable=item["variable"],
        lower=dec(item["lower"]),
        lower_inclusive=item["lower_inclusive"],
        upper=dec(item["upper"]),
        upper_inclusive=item["upper_inclusive"],
        unit=item["unit"],
        event=item.get("event"),
        quote=item["quote"],
        bronchodilator=item.get("bronchodilator"),
    )


def perfect_extractor(cases):
    # Records with the same text ("No eligibility criteria") differ by their registry ages.
    by_text = {(case["text"], case["minimum_age"], case["maximum_age"]): case for case in cases}

    def extract(text, *, minimum_age=None, maximum_age=None):
        return [to_proposal(item) for item in by_text[text, minimum_age, maximum_age]["expected"]]

    return extract


CASE = {
    "id": "FAKE-1",
    "text": "Inclusion Criteria: * Age 40-80 years * FEV1 \\< 50% predicted Exclusion Criteria: * Exacerbation within 4 weeks",
    "minimum_age": "40 Years",
    "maximum_age": "80 Years",
    "expected": [
        {
            "kind": "inclusion",
            "variable": "age",
            "lower": 40,
            "lower_inclusive": True,
            "upper": 80,
            "upper_inclusive": True,
            "unit": "years",
            "quote": "Age 40-80 years",
        },
        {
            "kind": "inclusion",
            "variable": "fev1_pct_pred",
            "lower": None,
            "lower_inclusive": None,
            "upper": 50,
            "upper_inclusive": False,
            "unit": "% predicted",
            "quote": "FEV1 \\< 50% predicted",
        },
        {
            "kind": "exclusion",
            "variable": "window",
            "lower": None,
            "lower_inclusive": None,
            "upper": 4,
            "upper_inclusive": True,
            "unit": "weeks",
            "event": "exacerbation",
            "quote": "within 4 weeks",
        },
    ],
}


def test_a_perfect_extractor_scores_one():
    report = score([CASE], perfect_extractor([CASE]))
    assert report.named.precision == report.named.recall == 1
    assert report.window.precision == report.window.recall == 1
    assert not report.misses and not report.false_proposals
    assert report.all_targets_met


def test_a_wrong_inclusivity_is_a_miss_and_a_false_proposal():
    def extract(text, **ages):
        proposals = [to_proposal(item) for item in CASE["expected"]]
        proposals[1] = replace(proposals[1], upper_inclusive=True)  # "< 50%" read as "<= 50%"
        return proposals

    report = score([CASE], extract)
    fev1 = report.per_variable["fev1_pct_pred"]
    assert (fev1.expected, fev1.proposed, fev1.matched) == (1, 1, 0)
    assert [m["quote"] for m in report.misses] == ["FEV1 \\< 50% predicted"]
    assert len(report.false_proposals) == 1
    assert report.named.precision == Decimal(1) / 2 and report.named.recall == Decimal(1) / 2


def test_a_bound_proposed_exactly_but_in_the_other_list_is_counted_as_in_the_wrong_list():
    def extract(text, **ages):
        proposals = [to_proposal(item) for item in CASE["expected"]]
        proposals[2] = replace(proposals[2], kind="inclusion")  # an exclusion window read as an inclusion
        return proposals

    report = score([CASE], extract)
    assert report.wrong_list == 1 and not report.all_targets_met
    assert "bounds in the wrong list     == 0     found 1      NOT MET" in render(report)
    assert score([CASE], perfect_extractor([CASE])).wrong_list == 0


def test_a_proposal_for_an_unannotated_variable_counts_against_precision():
    def extract(text, **ages):
        extra = Proposal("inclusion", "bmi", None, None, Decimal(30), False, "kg/m2", quote="BMI < 30")
        return [to_proposal(item) for item in CASE["expected"]] + [extra]

    report = score([CASE], extract)
    assert report.named.recall == 1
    assert report.named.precision == Decimal(2) / 3
    assert report.per_variable["bmi"].proposed == 1 and report.per_variable["bmi"].expected == 0
    assert [f["proposed"] for f in report.false_proposals] == ["inclusion bmi [- .. 30 (excl.)] kg/m2"]


def test_sex_and_diagnoses_proposals_are_ignored():
    def extract(text, **ages):
        return [to_proposal(item) for item in CASE["expected"]] + [
            Proposal("inclusion", "sex", None, None, None, None, "", values=("female",)),
            Proposal("exclusion", "diagnoses", None, None, None, None, "", values=("asthma",)),
        ]

    report = score([CASE], extract)
    assert report.named.precision == 1 and not report.false_proposals


def test_a_proposal_for_a_variable_the_guideline_does_not_annotate_is_ignored():
    def extract(text, **ages):
        return [to_proposal(item) for item in CASE["expected"]] + [
            Proposal("inclusion", "hba1c_pct", None, None, Decimal(9), False, "%", quote="HbA1c < 9%"),
        ]

    report = score([CASE], extract)
    assert report.named.precision == 1 and not report.false_proposals
    assert "hba1c_pct" not in report.per_variable


def test_window_units_must_be_exact_and_event_is_not_compared():
    window = CASE["expected"][2]
    same_in_days = Proposal("exclusion", WINDOW, None, None, Decimal(28), True, "days")
    other_event = Proposal("exclusion", WINDOW, None, None, Decimal(4), True, "weeks", event="something else")
    assert not matches(window, same_in_days)
    assert matches(window, other_event)


def test_bounds_compare_as_decimals_and_absent_bounds_must_be_absent():
    ratio = {
        "kind": "inclusion",
        "variable": "fev1_fvc_ratio",
        "lower": None,
        "lower_inclusive": None,
        "upper": 0.7,
        "upper_inclusive": False,
        "unit": "ratio",
    }
    assert matches(ratio, Proposal("inclusion", "fev1_fvc_ratio", None, None, Decimal("0.70"), False, "ratio"))
    assert not matches(ratio, Proposal("inclusion", "fev1_fvc_ratio", None, None, Decimal("70"), False, "ratio"))
    assert not matches(ratio, Proposal("inclusion", "fev1_fvc_ratio", Decimal(0), True, Decimal("0.7"), False, "ratio"))
    assert not matches(ratio, Proposal("exclusion", "fev1_fvc_ratio", None, None, Decimal("0.7"), False, "ratio"))


def test_a_post_bronchodilator_bound_proposed_as_pre_or_unsaid_is_a_miss():
    post = {
        "kind": "inclusion",
        "variable": "fev1_fvc_ratio",
        "lower": None,
        "lower_inclusive": None,
        "upper": 0.7,
        "upper_inclusive": False,
        "unit": "ratio",
        "bronchodilator": "post",
    }
    proposal = Proposal("inclusion", "fev1_fvc_ratio", None, None, Decimal("0.7"), False, "ratio")
    assert matches(post, replace(proposal, bronchodilator="post"))
    assert not matches(post, replace(proposal, bronchodilator="pre"))
    assert not matches(post, proposal)
    unsaid = {**post, "bronchodilator": None}
    assert matches(unsaid, proposal) and not matches(unsaid, replace(proposal, bronchodilator="post"))


def test_each_expected_item_matches_at_most_one_proposal():
    def extract(text, **ages):
        first = to_proposal(CASE["expected"][0])
        return [first, first] + [to_proposal(item) for item in CASE["expected"][1:]]

    report = score([CASE], extract)
    assert report.per_variable["age"].matched == 1
    assert len(report.false_proposals) == 1


def test_an_extractor_error_is_reported_and_scored_as_no_proposals():
    def extract(text, **ages):
        raise ValueError("boom")

    report = score([CASE], extract)
    assert report.errors and report.named.recall == 0 and report.named.precision is None
    assert "NOT MET" in render(report, verbose=True)


# The evaluation set itself ---------------------------------------------------------------

# Both splits are checked for form here (a quote is in its text, units are the annotated ones); nothing here
# prints what the extractor does on test/.
DEV = load_cases(EVALUATION_DIR / "dev")
TEST = load_cases(EVALUATION_DIR / "test")
for _case in TEST:
    _case["_file"] = "test/" + _case["_file"]
CASES = DEV + TEST


def test_the_set_is_large_enough_and_varied():
    assert len(DEV) >= 40
    assert sum(case["language"] == "zh" for case in CASES) >= 6
    assert len({case["id"] for case in CASES}) == len(CASES), "a record is in one split only, once"


@pytest.mark.parametrize("case", CASES, ids=[case["_file"] for case in CASES])
def test_every_case_is_well_formed(case):
    assert case["text"].strip()
    source = case["source"]
    assert source.get("url") or (source.get("repo") and source.get("path") and source.get("commit"))
    assert case["language"] in ("en", "zh") and case["condition"] and case["shape"]
    for age in (case["minimum_age"], case["maximum_age"]):
        assert age is None or re.fullmatch(r"\d+ (Years|Months|Weeks|Days)", age)
    for item in case["expected"]:
        assert item["kind"] in ("inclusion", "exclusion")
        assert item["variable"] in NAMED_VARIABLES or item["variable"] in TIMED
        assert item["quote"] in case["text"], item["quote"]
        assert item["quote"] or item["variable"] == "age"
        assert item["lower"] is not None or item["upper"] is not None
        for side in ("lower", "upper"):
            if item[side] is None:
                assert item[f"{side}_inclusive"] is None
            else:
                assert isinstance(item[side], (int, float)) and isinstance(item[f"{side}_inclusive"], bool)
        if item["variable"] in TIMED:
            assert item["unit"] in WINDOW_UNITS and item["event"]
            assert item["variable"] == WINDOW or (item["lower"] is not None and item["upper"] is None)
        else:
            assert item["unit"] == UNITS[item["variable"]]
        if "bronchodilator" in item:
            assert item["variable"] in BRONCHODILATOR_VARIABLES and item["bronchodilator"] in ("post", "pre", None)
        if item["variable"] == "fev1_fvc_ratio":
            assert all(v is None or 0 < v <= 1 for v in (item["lower"], item["upper"]))


def test_the_perfect_extractor_scores_one_on_the_whole_set():
    report = score(CASES, perfect_extractor(CASES))
    assert report.named.precision == report.named.recall == 1
    assert report.window.recall == 1

"""What a criterion's outcome says to a nurse: plain words, and an exclusion never a bare "met"."""

import pytest

from screener.staff.wording import because, outcome_words

PNEUMONIA = "excluded if pneumonia in the last month is “Yes”"


@pytest.mark.parametrize(
    "kind, outcome, rule, says",
    [
        ("inclusion", "met", "40 years ≤ age ≤ 80 years", "meets"),
        ("inclusion", "not_met", "40 years ≤ age ≤ 80 years", "does not meet"),
        ("inclusion", "unknown", "150 m ≤ six-minute walk distance < 600 m", "not known yet"),
        ("inclusion", "study_team", "for the study team to check", "for you to check"),
        ("exclusion", "met", PNEUMONIA, "not excluded: pneumonia in the last month is not “Yes”"),
        ("exclusion", "not_met", PNEUMONIA, "excluded: pneumonia in the last month is “Yes”"),
        ("exclusion", "unknown", PNEUMONIA, "not known yet"),
        ("exclusion", "study_team", "for the study team to check", "for you to check"),
        (
            "exclusion",
            "met",
            "excluded if diagnoses includes “Lung cancer”",
            "not excluded: diagnoses does not include “Lung cancer”",
        ),
    ],
    ids=lambda v: v if v in ("inclusion", "exclusion", "met", "not_met", "unknown", "study_team") else None,
)
def test_each_outcome_reads_in_plain_words(kind, outcome, rule, says):
    assert outcome_words({"kind": kind, "outcome": outcome, "rule": rule}) == says


def test_why_a_referral_is_no_longer_a_match_names_the_criteria_it_now_fails():
    rows = [
        {"kind": "inclusion", "outcome": "not_met", "rule": "350 m ≤ six-minute walk distance < 600 m"},
        {"kind": "exclusion", "outcome": "not_met", "rule": PNEUMONIA},
        {"kind": "inclusion", "outcome": "met", "rule": "40 years ≤ age ≤ 80 years"},
    ]
    assert because("no_match", rows) == (
        "350 m ≤ six-minute walk distance < 600 m (does not meet); excluded: pneumonia in the last month is “Yes”"
    )

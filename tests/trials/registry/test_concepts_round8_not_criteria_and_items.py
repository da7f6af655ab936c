"""Lines that are no criterion, and what patients can say about themselves that the screener did not ask (issue 21,
decision record 0086). A page's empty statements ("Not specified", "See Disease Characteristics"), its section
labels without their colon ("Patient Characteristics", "Eye-Related", "Table 1", "Cohort 1a and 1b"), a unit alone and
a line that stops where its list begins ("Relative contraindications include") are procedural headings: never a
check, never listed to patients, never counted; a real short criterion ("Pregnancy", "HIV", "Age: 18 to 65") stays a
screening clause. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids
from trials.registry.concepts import matching
from trials.registry.concepts.drafts import procedural_proposal

# 1. Lines that are no criterion are headings


@pytest.mark.parametrize(
    "words",
    [
        "Not specified",
        "See Disease Characteristics",
        "Hepatic: Not specified",
        "Renal: See Disease Characteristics",
        "Not specified PRIOR CONCURRENT THERAPY:",
        "None known",
        "暂无",
        "Patient Characteristics",
        "DISEASE CHARACTERISTICS",
        "Participant-Related",
        "Eye-Related",
        "Table 1.",
        "TABLE 2",
        "Cohort 1a and 1b",
        "/L;",
        "5.2) 肝功能:",
        "Relative contraindications include",
        "Patient has all required essential data elements which include:",
        "Some of the basic criteria that you must meet are:",
    ],
    ids=not_ascii_ids,
)
def test_a_line_that_is_no_criterion_is_a_procedural_heading(words):
    assert matching.clause_class(words) == "heading"
    assert procedural_proposal(words) == {"procedural": "heading"}


@pytest.mark.parametrize(
    "words",
    [
        "Pregnancy",
        "HIV",
        "Age: 18 to 65",
        "Hepatic: bilirubin < 1.5 mg/dL",
        "Not pregnant",
        "Not specified allergy to penicillin",
        "None of acute infections within the past four weeks;",
        "Cohort 1: asthma",
        "Eye disease related to diabetes",
        "Severe pre-eclampsia defined by",
        "Chronic ESBL colonisation as determined by",
        "Patients with HIV who",
        "5.3.2) 尿蛋白定性≤1+",
        "无哮喘",
        "Table salt intake above 10 g a day",
    ],
    ids=not_ascii_ids,
)
def test_a_short_criterion_or_one_whose_definition_follows_stays_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"
    assert procedural_proposal(words) == {}

"""Round thirteen (issue 21, decision record 0138): lung-cancer records, whose conditions often say only "NSCLC".

- A record's own conditions name lung cancer also by the abbreviations and kinds registries write there ("NSCLC",
  "SCLC", "metastatic non-small cell lung cancer with high PD-L1", MeSH's "Carcinoma, Non-Small-Cell Lung", 肺腺癌):
  lexicon `lung_cancer_treatment` `own_names`, read only in the conditions, never in a clause. A condition about
  screening, a risk, a suspicion or a nodule is about people who may have no lung cancer and names none.
- So such a trial reads its clauses as a lung-cancer trial does (decisions 0126 and the own-cancer rule): earlier
  treatment is the lung-cancer treatment question's item, and "other malignancies within 5 years" is another cancer
  than the trial's own, every answer of the cancer question for the study team (a lung-cancer patient answers
  "cancer now", so a hard rule would close every patient of the trial).
- Brain metastases in the registry's bracketed form ("central nervous system (CNS) metastases") and as "brain
  parenchymal metastases" (脑实质转移) are the brain-metastases item; a qualified kind (untreated, active,
  symptomatic) is for the study team, as the other names of the item are.

The words are our own or the registry's standard lines."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry.concepts import matching


@pytest.mark.parametrize(
    "condition",
    [
        "NSCLC",
        "advanced NSCLC after EGFR-TKI",
        "Extensive-stage SCLC",
        "Carcinoma, Non-Small-Cell Lung",
        "Small Cell Lung Carcinoma",
        "metastatic non-small cell lung cancer with high PD-L1 expression (first line)",
        "Lung Adenocarcinoma",
        "completely resected high-risk stage IB NSCLC",
        "非小细胞肺癌",
        "晚期肺腺癌",
    ],
    ids=not_ascii_ids,
)
def test_a_record_s_conditions_name_lung_cancer_by_its_abbreviations_and_kinds(condition):
    assert "lung_cancer" in matching.concepts_named([condition])


@pytest.mark.parametrize(
    "condition",
    [
        "Lung Cancer Screening",
        "current and former heavy smokers at risk of lung cancer",
        "incidental pulmonary nodules (lung cancer risk, AI software)",
        "suspected or confirmed lung cancer",
        "Small cell carcinoma of the cervix",
        "COPD",
        "肺癌筛查",
    ],
    ids=not_ascii_ids,
)
def test_screening_a_risk_a_suspicion_or_another_organ_names_no_lung_cancer(condition):
    assert "lung_cancer" not in matching.concepts_named([condition])


def test_the_abbreviation_is_read_only_in_the_conditions_never_in_a_clause():
    assert [m.concept.key for m in matching.find("No prior systemic treatment for metastatic NSCLC")] == [
        "systemic_cancer_therapy"
    ]


NSCLC = matching.concepts_named(["advanced NSCLC"])
COPD = matching.concepts_named(["COPD"])
EVERY_CANCER_ANSWER = ["within_5y", "minor_within_5y", "over_5y"]


def test_an_nsclc_trial_reads_earlier_treatment_on_the_lung_cancer_treatment_question():
    words = "No prior systemic treatment for metastatic NSCLC."
    assert rules(words, "inclusion", own=NSCLC) == [
        ("lung_cancer_treatment", [], ["chemotherapy", "immunotherapy", "targeted_therapy"], True)
    ]
    assert rules(words, "inclusion", own=COPD) == []


@pytest.mark.parametrize(
    "words",
    [
        "Other co-existing malignancies or malignancies diagnosed within the last 5 years",
        "Malignancies other than NSCLC within 5 years prior to randomization",
        "Uncontrollable cancer pain",
    ],
)
def test_in_an_nsclc_trial_a_cancer_exclusion_is_for_the_study_team_not_a_rule_closing_its_own_patients(words):
    [rule] = [r for r in rules(words, own=NSCLC) if r[0] == "cancer_history"]
    assert rule[1] == [] and rule[2]


def test_in_a_copd_trial_other_cancers_within_5_years_still_close_a_patient_with_cancer_now():
    [rule] = rules("Other malignancies diagnosed within the last 5 years", own=COPD)
    assert rule[0] == "cancer_history" and "within_5y" in rule[1]


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("Known central nervous system (CNS) metastases", ["brain_metastases"], []),
        ("Untreated central nervous system (CNS) metastases", [], ["brain_metastases"]),
        ("Has known active central nervous system (CNS) metastases;", [], ["brain_metastases"]),
        ("There are untreated or active central nervous system (CNS) tumor metastases", [], ["brain_metastases"]),
        ("Symptomatic brain parenchymal metastases", [], ["brain_metastases"]),
        ("存在脑实质转移", ["brain_metastases"], []),
    ],
    ids=not_ascii_ids,
)
def test_brain_metastases_in_the_registry_s_bracketed_form_are_the_item(words, values, uncertain):
    assert rules(words, own=NSCLC) == [("other_conditions", values, uncertain, False)]


@pytest.mark.parametrize(
    "words",
    ["Central nervous system (CNS) disease requiring treatment", "Prior central nervous system (CNS) radiotherapy"],
)
def test_the_bracketed_name_without_metastases_is_not_the_item(words):
    assert not [r for r in rules(words, own=NSCLC) if "brain_metastases" in r[1] + r[2]]

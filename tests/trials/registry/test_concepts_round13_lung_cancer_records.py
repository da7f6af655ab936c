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
from trials.registry import extraction
from trials.registry.concepts import matching
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions


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
Q_TREATMENT = "lung_cancer_treatment"


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


# Checkpoint inhibitors in their spelled-out names and the registry's catch-all for the class


@pytest.mark.parametrize(
    "words",
    [
        "Prior therapy with anti-Programmed death-1 (PD-1), anti-Programmed cell death ligand 1 (PD-L1), "
        "anti-Programmed cell death ligand 2 (PD-L2), anti-CD137, or anti-Cytotoxic T lymphocyte-associated "
        "antigen-4 (CTLA-4) antibody",
        "Prior treatment with anti-PD-1, anti-PD-L1, anti-PD-L2, anti-CTLA-4 antibody, or any other antibody or drug "
        "targeting T cell co-stimulation or checkpoint pathways.",
    ],
)
def test_a_long_list_of_checkpoint_inhibitors_had_is_the_immunotherapy_item(words):
    [rule] = [r for r in rules(words, own=NSCLC) if r[0] == Q_TREATMENT]
    assert "immunotherapy" in rule[1] + rule[2] and rule[3] is False


def test_an_antibody_to_another_target_is_no_checkpoint_inhibitor():
    assert not [r for r in rules("Prior treatment with an anti-CEACAM5 antibody", own=NSCLC) if r[0] == Q_TREATMENT]


def test_t_cell_words_without_the_checkpoint_pathways_are_not_the_class():
    assert not [
        r for r in rules("Prior treatment with an antibody or drug targeting T cells", own=NSCLC) if r[0] == Q_TREATMENT
    ]


# How active a patient is day to day: the WHO's and the registry's other names of the ECOG scale (the extractor's
# variables table); the question (ecog_ps) and its Karnofsky bands are as they were


def ecog_bounds(words):
    return [(p.variable, p.lower, p.upper) for p in extraction.extract(f"Inclusion Criteria:\n\n* {words}\n")]


@pytest.mark.parametrize(
    "words, low, high",
    [
        ("WHO performance 0-1", 0, 1),
        ("Zubrod performance 0-2", 0, 2),
        ("ECOG performance score (PS) 0-2", 0, 2),
        ("WHO performance status 0-1", 0, 1),
    ],
)
def test_the_who_performance_scale_and_a_bracketed_ps_are_the_ecog_scale(words, low, high):
    assert ecog_bounds(words) == [("ecog_ps", low, high)]


@pytest.mark.parametrize("words", ["WHO performance of the device is verified", "WHO grade 2 tumour"])
def test_who_without_a_performance_score_is_no_ecog_bound(words):
    assert ecog_bounds(words) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "karnofsky, codes",
    [("Karnofsky ≥ 70", {"0", "1"}), ("Karnofsky ≥ 80", None), ("Karnofsky ≥ 90", {"0"}), ("Karnofsky ≥ 60", None)],
)
def test_karnofsky_bands_stay_the_ecog_answers_wholly_inside_the_bound(karnofsky, codes):
    text = f"Inclusion Criteria:\n\n* {karnofsky}\n"
    [clause] = extraction.split_clauses(text)
    drafts = [d for d in drafts_for(clause, text, ensure_questions()) if d.question_id]
    if codes is None:  # the bound cuts a band: no answer is settled by it
        assert not [d for d in drafts if d.values]
    else:
        assert [set(d.values) for d in drafts] == [codes]


# "TKI treatment-naïve" is naïve of the item named just before it; a trial of several cancers keeps the old reading


@pytest.mark.parametrize(
    "words, required_none_of",
    [
        ("Tyrosine Kinase Inhibitor (TKI) treatment naïve.", ["targeted_therapy"]),
        ("Chemotherapy-naive", ["chemotherapy"]),
        ("Treatment-naive patients", ["chemotherapy", "immunotherapy", "targeted_therapy"]),
        (
            "Treatment-naive, although prior TKI use elsewhere was documented",
            ["chemotherapy", "immunotherapy", "targeted_therapy"],
        ),
    ],
)
def test_treatment_naive_is_naive_of_the_item_named_just_before_it(words, required_none_of):
    [rule] = [r for r in rules(words, "inclusion", own=NSCLC) if r[0] == Q_TREATMENT]
    assert sorted(rule[1] + rule[2]) == sorted(required_none_of) and rule[3] is True


def test_a_trial_of_several_cancers_keeps_the_cancer_question_for_earlier_treatment():
    own = matching.concepts_named(["brain metastases of melanoma, renal cell, non-small cell lung or breast cancer"])
    assert "lung_cancer" in own
    assert [r[0] for r in rules("Prior whole brain radiation therapy.", own=own)] == ["cancer_history"]
    assert [r[0] for r in rules("Prior whole brain radiation therapy.", own=NSCLC)] == [Q_TREATMENT]

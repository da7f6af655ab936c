"""Issue 21, decision record 0135: the gene changes of a lung cancer, in a lung-cancer trial.

- A new list question, `lung_cancer_genes` ("Has a gene test of this lung cancer found any of these changes?": EGFR,
  ALK, ROS1, KRAS, another gene change a targeted medicine treats, none of these, I don't know), asked only of
  patients whose diagnoses hold lung cancer, on the treatments screen, so a COPD patient never sees it.
- In a trial whose own conditions (or the clause itself) name lung cancer, a named gene change is that item: "EGFR
  mutation", "ALK rearrangement", "ROS1 fusion", "EGFR突变", "ALK融合"; symbols listed before one head ("no EGFR, ALK
  and ROS1 mutation", "ALK、ROS1融合") are each their item; "driver mutations" are EGFR, ALK and ROS1, with KRAS and
  the others for the study team. A kind (exon 19 deletion, L858R, T790M, KRAS G12C) and a named other gene (BRAF, MET,
  RET, HER2, NTRK) are the item for the study team.
- Polarity as the text says: "No EGFR mutation", "Absence of …", "Negative molecular testing for …", "不存在…".
- Precision: no draft outside a lung-cancer trial ("KRAS mutation" in a bowel cancer's trial), none where the
  mentions disagree in polarity ("EGFR mutation or ALK mutation was negative": the cue reaches only the last), none
  in a clause opening with a condition ("In the presence of an EGFR mutation, …") or whose list runs on in symbols
  the reading misses ("activating mutations of EGFR, ALK, ROS1, and RET"); a kind beside the whole leaves the whole
  to the study team.

The words are our own or the registry's standard lines."""

import dataclasses

import pytest

from tests.trials.registry.concept_readings import (
    assert_items_labelled_and_in_the_glossary,
    drafted,
    not_ascii_ids,
    rules,
)
from trials import eligibility, screens
from trials.eligibility import Verdict
from trials.registry.concepts import matching
from trials.registry.importing import IMPORT_QUESTION_KEYS, ensure_questions

LUNG_CANCER = matching.concepts_named(["Non-small Cell Lung Cancer"])
Q = "lung_cancer_genes"


def genes(words, kind="inclusion", own=LUNG_CANCER):
    return [(values, uncertain, negated) for q, values, uncertain, negated in rules(words, kind, own=own) if q == Q]


# 1. A named gene change is its item, with the polarity the text gives


@pytest.mark.parametrize(
    "words, values, negated",
    [
        ("Confirmed EGFR mutation.", ["egfr"], False),
        ("EGFR mutation positive patients", ["egfr"], False),
        ("Known anaplastic lymphoma kinase (ALK) translocations", ["alk"], False),
        ("ROS1 fusion", ["ros1"], False),
        ("EGFR突变阳性", ["egfr"], False),
        ("ALK、ROS1融合阳性者", ["alk", "ros1"], False),
        ("Participants with no EGFR, ALK and ROS1 mutation.", ["egfr", "alk", "ros1"], True),
        ("No EGFR sensitive mutations or ALK gene translocation alterations.", ["egfr", "alk"], True),
        ("Absence of EGFR-sensitising mutation or ALK translocation", ["egfr", "alk"], True),
        ("Negative molecular testing for EGFR mutations and ALK rearrangements", ["egfr", "alk"], True),
        ("无EGFR突变", ["egfr"], True),
    ],
    ids=not_ascii_ids,
)
def test_a_named_gene_change_is_its_item_with_the_texts_polarity(words, values, negated):
    assert genes(words) == [(values, [], negated)]


def test_driver_mutations_are_egfr_alk_and_ros1_with_the_others_for_the_study_team():
    assert genes("No driver mutations.") == [(["egfr", "alk", "ros1"], ["kras", "other_driver"], True)]


@pytest.mark.parametrize(
    "words, uncertain",
    [
        ("Confirmed EGFR T790M mutation after the previous EGFR TKI", ["egfr"]),
        ("NSCLC which harbours EGFR L858R mutation.", ["egfr"]),
        ("KRAS G12C mutation", ["kras"]),
        ("Locally documented HER2 mutation", ["other_driver"]),
        ("Confirmed EGFR mutations (exon 19 deletion, L858R)", ["egfr"]),
    ],
)
def test_a_kind_of_gene_change_or_another_named_gene_is_the_item_for_the_study_team(words, uncertain):
    assert genes(words) == [([], uncertain, False)]


# 2. Where it is not read


def test_the_criteria_opening_lines_naming_lung_cancer_count_as_the_trials_own():
    nsclc = "Inclusion Criteria:\n1. Histologically confirmed NSCLC\n"
    assert rules("Confirmed EGFR mutation", "inclusion", before=nsclc) == [(Q, ["egfr"], [], False)]
    assert rules("Confirmed EGFR mutation", "inclusion", before="Inclusion Criteria:\n1. Diagnosis of COPD\n") == []


def test_a_trial_whose_conditions_name_an_egfr_mutation_is_a_lung_cancer_trial_but_not_one_naming_kras_or_alk():
    egfr = matching.concepts_named(["EGFR-mutant lung adenocarcinoma"])
    assert genes("The tumour harbours an EGFR mutation", own=egfr) == [(["egfr"], [], False)]
    assert genes("KRAS mutation", own=matching.concepts_named(["KRAS mutation"])) == []
    assert genes("ALK rearrangement", own=matching.concepts_named(["ALK-positive lymphoma"])) == []


def test_outside_a_lung_cancer_trial_a_gene_change_is_not_the_question():
    colorectal = matching.concepts_named(["Colorectal Cancer"])
    assert genes("KRAS mutation", own=colorectal) == []
    assert genes("ALK-positive", own=frozenset()) == []


def test_a_clause_that_names_lung_cancer_itself_is_read_in_any_trial():
    words = "Metastatic non-squamous non-small cell lung cancer without EGFR/ALK/ROS aberration"
    assert genes(words, own=frozenset()) == [(["egfr", "alk", "ros1"], [], True)]


@pytest.mark.parametrize(
    "words",
    [
        "EGFR mutation or ALK mutation was negative;",
        "检测证明不存在EGFR敏感突变、ALK融合、ROS1融合。",
        "In the presence of an EGFR mutation, an ALK or ROS1 rearrangement the patient must have received targeted therapy.",
        "All patients carry activating mutations of EGFR, ALK, ROS1, and RET.",
        "Cohort A, confirmed EGFR mutation.",
        "Treatment-naive for metastatic EGFR-mutated NSCLC.",
        "Previous treatment with any EGFR or HER2 exon 20 insertion mutation-selective tyrosine kinase inhibitor",
        "Previously treated by a third-generation EGFR tyrosine kinase inhibitor (EGFR-TKI) for T790M",
    ],
    ids=not_ascii_ids,
)
def test_mixed_polarity_a_condition_a_treatment_or_a_list_read_in_part_gives_no_draft(words):
    assert genes(words, "exclusion") == []


def test_the_kidneys_egfr_is_no_gene():
    assert genes("eGFR ≥ 45 mL/min/1.73m2") == []
    assert genes("EGFR TKI treatment-naive") == []


# 3. The question and the walk


@pytest.mark.django_db
def test_the_question_is_asked_only_of_lung_cancer_patients_on_the_treatments_screen():
    question = ensure_questions()[Q]
    assert Q in IMPORT_QUESTION_KEYS
    assert question.prompt and question.prompt_zh_hans and question.help_text_zh_hans
    assert question.allow_dont_know
    assert (question.asked_only_if.key, question.asked_only_if_codes) == ("diagnoses", ["lung_cancer"])
    assert question.implied_answer == "none"
    assert Q in screens.screen("treatments").questions
    assert screens.items_needed_only(Q)


@pytest.mark.django_db
def test_an_egfr_patient_matches_an_alk_patient_does_not_and_a_copd_patient_is_not_asked():
    questions = ensure_questions()
    infos = {key: q.to_info() for key, q in questions.items()}
    parts = [*drafted("Confirmed EGFR mutation", "inclusion", LUNG_CANCER)]
    parts += drafted("Known ALK rearrangement", "exclusion", LUNG_CANCER)
    trial = eligibility.TrialRules("nsclc", tuple(dataclasses.replace(d.to_rule(), id=n) for n, d in enumerate(parts)))
    assert eligibility.evaluate([trial], {"diagnoses": ["lung_cancer"], Q: ["egfr"]}, infos)[0].verdict is Verdict.MATCH
    alk = {"diagnoses": ["lung_cancer"], Q: ["alk"]}
    assert eligibility.evaluate([trial], alk, infos)[0].verdict is Verdict.NO_MATCH
    walk = eligibility.Catalogue([trial], infos).walk({"diagnoses": ["copd"]})
    assert Q not in walk.path and Q not in (walk.next_screen or ())


@pytest.mark.django_db
def test_every_new_item_has_an_english_and_a_chinese_label_and_a_glossary_row():
    assert_items_labelled_and_in_the_glossary(
        {Q: ["egfr", "alk", "ros1", "kras", "other_driver", "none"]},
        ("肺癌基因检测发现的改变", "EGFR突变", "ALK阳性（ALK融合或重排）", "KRAS突变", "其他有靶向药可治疗的基因改变"),
    )


# 4. "Negative … testing for" negates what it names


def test_negative_test_results_for_infections_negate_them():
    words = "Negative test results for Hepatitis B, Hepatitis C, and Human Immunodeficiency Virus (HIV)"
    assert rules(words, "inclusion") == [("other_conditions", ["hepatitis_b", "hepatitis_c", "hiv"], [], True)]


def test_a_negative_test_that_names_no_for_is_read_as_before():
    assert rules("Negative pregnancy test", "inclusion") == [("pregnant_or_breastfeeding", ["no"], [], False)]

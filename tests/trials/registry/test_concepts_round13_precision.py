"""Yes/no drafts say the polarity, the exception, the time and the use the text says (issue 21, decision record 0128).
Families of wrong drafts named by the twelfth held-out judgement (about 87 of 100 right), each found again on dev: a
negation in an inclusion lost behind "including, but not limited to"; an exception after a list's last item, or a
little further than before, dropped; a time in a bracket after an illness, or after a list whose items carry a severity
word, dropped; a treatment's toxicity read as the treatment; a biologic in a clause about cancer read as the asthma
biologics item; a course had, or a treatment said to be allowed, read in an inclusion as one to take now. Each family
has its near miss, which keeps its draft, in English and in Chinese where the family exists in both. The words are our
own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules


def questions(words, kind="exclusion"):
    return [question for question, *_ in rules(words, kind)]


def medicines(words, kind="exclusion"):
    """The medicines-now items a clause's rules name, settled or for the study team."""
    return {
        code
        for question, values, unsure, _ in rules(words, kind)
        if question == "medicines_now"
        for code in values + unsure
    }


# 1. A negation in an inclusion reaches past "including, but not limited to"


@pytest.mark.parametrize(
    "words",
    [
        "Patients must not have uncontrolled intercurrent illness including, but not limited to, active infection",
        "无未控制的合并疾病，包括但不限于活动性感染",
    ],
    ids=not_ascii_ids,
)
def test_a_negation_reaches_the_items_it_lists_including_but_not_limited_to(words):
    """Read as affirmed, the inclusion requires an infection now: nearly every patient would fail."""
    assert rules(words, "inclusion") == [("infection_now", ["yes"], [], True)]


@pytest.mark.parametrize(
    "words", ["No history of asthma, but active infection", "合并疾病，包括但不限于活动性感染"], ids=not_ascii_ids
)
def test_a_but_that_is_no_list_still_ends_the_negation_and_no_negation_is_none(words):
    assert ("infection_now", ["yes"], [], False) in rules(words, "inclusion")


# 2. An exception is carried by the whole list, and a little further


@pytest.mark.parametrize(
    "words",
    [
        "Psychiatric illness (schizophrenia or psychotic disorders, etc.), except for anxiety disorder",
        "精神疾病（精神分裂症、精神病等），焦虑症除外",
        "Known liver disease before total pancreatectomy or pancreaticoduodenectomy (excluding NAFLD)",
    ],
    ids=not_ascii_ids,
)
def test_an_exception_after_a_list_leaves_its_item_to_the_study_team(words):
    """A patient with anxiety (or a fatty liver) ticks the item, yet the text lets them in."""
    [(question, values, unsure, negated)] = rules(words)
    assert (question, values, negated) == ("other_conditions", [], False) and unsure


@pytest.mark.parametrize(
    "words",
    [
        "Psychiatric illness (schizophrenia or psychotic disorders, etc.)",
        "精神疾病（精神分裂症、精神病等）",
        "Known liver disease before total pancreatectomy or pancreaticoduodenectomy",
    ],
    ids=not_ascii_ids,
)
def test_without_an_exception_the_item_stays_settled(words):
    [(question, values, _unsure, _negated)] = rules(words)
    assert question == "other_conditions" and values


def test_an_exception_of_a_later_medicine_is_not_the_illness_s():
    """ "other than aspirin" is the anticoagulant's exception, not the coagulation disorder's."""
    words = "known coagulation abnormalities or current use of anticoagulative medication other than aspirin"
    assert rules(words) == [("other_conditions", ["bleeding_disorder"], [], False)]


def test_a_skin_cancer_exception_spelled_with_a_space_is_the_minor_answer():
    words = "History of cancer in the 5 years before enrolment (except for cutaneous non melanoma cancers)"
    assert rules(words) == [("cancer_history", ["within_5y"], [], False)]
    assert rules("History of cancer in the 5 years before enrolment") == [
        ("cancer_history", ["within_5y", "minor_within_5y"], [], False)
    ]


# 3. A time in a bracket after an illness, or after a list whose items carry a severity word, dates it


@pytest.mark.parametrize(
    "words",
    [
        "Presence of psychiatric diseases (episode or any form of psychosis, diagnosed by a psychiatrist in the last year)",
        "精神疾病（近1年内诊断的精神病）",
    ],
    ids=not_ascii_ids,
)
def test_a_time_in_a_bracket_after_an_illness_dates_it(words):
    """Read as ever, a psychiatric illness years ago would exclude; the last year's is for the study team."""
    assert rules(words) == [("other_conditions", [], ["mental_illness"], False)]


@pytest.mark.parametrize(
    "words",
    ["Presence of psychiatric diseases (episode or any form of psychosis)", "精神疾病（精神病）"],
    ids=not_ascii_ids,
)
def test_a_bracket_without_a_time_leaves_the_illness_ever(words):
    assert rules(words) == [("other_conditions", ["mental_illness"], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Angina pectoris, symptomatic pericarditis or myocardial infarction in the previous 12 months",
        "心绞痛、急性心包炎或心肌梗死（12个月内）",
    ],
    ids=not_ascii_ids,
)
def test_a_time_after_a_list_dates_an_item_that_opens_with_a_severity_word(words):
    """The angina of ten years ago does not exclude; the last year's is for the study team."""
    [(question, values, _unsure, _negated), *_days] = rules(words)
    assert (question, values) == ("other_conditions", [])


@pytest.mark.parametrize(
    "words",
    [
        "Angina pectoris, treated pericarditis or myocardial infarction in the previous 12 months",
        "心绞痛；心包炎或心肌梗死（12个月内）",
    ],
    ids=not_ascii_ids,
)
def test_an_item_after_another_word_or_a_stop_breaks_the_list_and_the_first_item_is_ever(words):
    [(question, values, _unsure, _negated), *_days] = rules(words)
    assert question == "other_conditions" and "unstable_angina" in values


# 4. A treatment's toxicity is not the treatment


@pytest.mark.parametrize(
    "words",
    [
        "Any unresolved toxicities from prior systemic therapy (e.g., adjuvant chemotherapy) greater than CTCAE grade 2",
        "Grade 3 or 4 toxicity related to pembrolizumab",
        "Adverse reactions of antineoplastic therapy not recovered to grade 1 or less",
        "既往抗肿瘤治疗引起的毒性未恢复至≤1级",
        "与PD-1抑制剂相关的≥3级不良反应",
    ],
    ids=not_ascii_ids,
)
def test_a_treatment_s_toxicity_is_no_rule_on_the_treatment(words):
    """Read as the treatment, a patient on chemotherapy without any toxicity would be excluded."""
    assert not {"medicines_now", "cancer_history"} & set(questions(words))


@pytest.mark.parametrize("words", ["Currently receiving chemotherapy", "正在接受化疗"], ids=not_ascii_ids)
def test_the_treatment_itself_is_still_read(words):
    assert medicines(words) == {"cancer_treatment"}


# 5. A biologic in a clause about cancer is not the asthma biologics item


@pytest.mark.parametrize(
    "words",
    [
        "Prior treatment with any systemic anti-cancer therapy for NSCLC including chemotherapy, biologic therapy,"
        " immunotherapy",
        "PRIOR CONCURRENT THERAPY: Biologic therapy: No prior biologic response modifier therapy",
        "既往接受过抗肿瘤治疗，包括化疗、生物制剂或免疫治疗",
        "目前正在使用生物制剂治疗肺癌",
    ],
    ids=not_ascii_ids,
)
def test_a_biologic_in_a_cancer_clause_is_no_asthma_biologic(words):
    assert "biologic" not in medicines(words) and "biologic" not in medicines(words, "inclusion")


@pytest.mark.parametrize(
    "words",
    [
        "Current use of a biologic therapy",
        "Current use of a biologic medication for asthma or a cancer drug",
        "目前正在使用生物制剂",
        "正在使用生物制剂治疗哮喘，或既往患肺癌",
        "Current use of omalizumab, or any chemotherapy",
    ],
    ids=not_ascii_ids,
)
def test_a_biologic_for_asthma_or_by_name_keeps_its_draft(words):
    assert [q for q, v, u, _n in rules(words) if q in ("medicines_now",) and "biologic" in v + u]


# 6. A course had, or a treatment allowed, is no requirement to take it now


@pytest.mark.parametrize(
    "words",
    [
        "Must have recurrence or progression after platinum-based first-line chemotherapy",
        "Received 3 or 4 cycles of induction treatment with pembrolizumab",
        "Radiotherapy completed prior to entry.",
        "At least 6 weeks since resection, any adjuvant chemotherapy or radiotherapy",
        "Concurrent radiation therapy for local control of disease allowed",
        "接受同步/序贯放化疗之后,未发生进展",
        "化疗后疾病进展",
    ],
    ids=not_ascii_ids,
)
def test_a_course_had_or_allowed_in_an_inclusion_is_no_requirement_to_take_it_now(words):
    """A patient whose course has ended answers no to what they take now, and would fail."""
    assert "medicines_now" not in questions(words, "inclusion")


@pytest.mark.parametrize(
    "words",
    [
        "Patients on chemotherapy after a prior operation",
        "Inhaled corticosteroid and one maintenance therapy from the following: LAMA or chemotherapy",
        "Concurrent radiation therapy for local control of disease required",
        "正在接受化疗的患者",
    ],
    ids=not_ascii_ids,
)
def test_a_treatment_taken_now_is_still_required(words):
    assert "cancer_treatment" in medicines(words, "inclusion")


# 7. A procedure being prepared for is not one had


@pytest.mark.parametrize(
    "words",
    ["Currently undergoing or preparing for radiotherapy to the thorax", "目前正在接受或准备接受胸部放疗"],
    ids=not_ascii_ids,
)
def test_a_procedure_prepared_for_is_no_history_of_it(words):
    """Read as a history, a patient treated years ago would be excluded by a clause about now and what is to come."""
    assert "lung_procedures" not in questions(words)


@pytest.mark.parametrize("words", ["Prior radiotherapy to the thorax", "既往胸部放疗"], ids=not_ascii_ids)
def test_a_procedure_had_is_still_its_history(words):
    assert rules(words) == [("lung_procedures", ["chest_radiotherapy"], [], False)]

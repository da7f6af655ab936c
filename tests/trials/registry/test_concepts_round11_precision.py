"""Yes/no drafts say the concept, the polarity, the time and the list the text says (issue 21, decision record 0113).
Families of wrong drafts from the tenth held-out judgement (81 of 100 right): a treatment to come or a past course read
as one taken now in an inclusion; a time its heading states, or one in half-lives, dropped; a ventilation need or limit
read as a history; the steroids a past illness needed read as steroids taken now; something else read as the item (a
contraindication, a hypersensitivity, an antibiotic course, a contact with someone ill); lines that are no requirement
(accepted birth control, an exception's items, a society's name). And from the broader-but-right ones: cancer in the
meninges is not every brain metastasis, AIDS is not every immunodeficiency, "recent" is not "ever". Each family has its
near miss, which keeps its draft, in English and in Chinese where the family exists in both. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry.concepts import matching

STEROIDS = ("medicines_now", [], ["inhaled_steroid", "oral_steroid"], False)


def questions(words, kind="exclusion", before=""):
    return [question for question, *_ in rules(words, kind, before=before)]


# 1. A treatment to come, or a course had, is not one taken now


@pytest.mark.parametrize(
    "words",
    [
        "Patient must be eligible to receive 3 or 4 cycles of induction treatment combination with pembrolizumab",
        "Patients to be treated with PD-1 / PD-L1 inhibitors;",
        "Planned to be treated with chemotherapy after surgery",
        "After receiving ≥ 4 courses of PD-1 monoclonal antibody in the past, the disease is progressive;",
        "拟接受4个周期的帕博利珠单抗治疗",
    ],
    ids=not_ascii_ids,
)
def test_a_treatment_to_come_or_a_course_had_is_no_requirement_to_take_it_now(words):
    """A patient not yet (or no longer) on the treatment answers "no" to what they take now, and would fail."""
    assert "medicines_now" not in questions(words, "inclusion")


@pytest.mark.parametrize(
    "words",
    ["Patients treated with PD-1 / PD-L1 inhibitors", "Currently receiving chemotherapy", "正在接受帕博利珠单抗治疗"],
    ids=not_ascii_ids,
)
def test_a_treatment_taken_now_is_still_required(words):
    assert "medicines_now" in questions(words, "inclusion")


# 2. A time stated once for a list, or in half-lives


CARDIAC_6_MONTHS = (
    "Exclusion Criteria:\n\n  1. History of one or more of the following cardiovascular disorders in the previous 6"
    " months:\n\n       - "
)
CARDIAC = "Exclusion Criteria:\n\n  1. History of one or more of the following cardiovascular disorders:\n\n       - "
CARDIAC_6_MONTHS_ZH = "排除标准：\n\n  1. 过去6个月内发生以下任何一种心血管疾病：\n\n       - "
CARDIAC_ZH = "排除标准：\n\n  1. 发生以下任何一种心血管疾病：\n\n       - "


@pytest.mark.parametrize(
    "words, before",
    [("Myocardial infarction", CARDIAC_6_MONTHS), ("心肌梗死", CARDIAC_6_MONTHS_ZH)],
    ids=["en", "zh"],
)
def test_a_heading_s_look_back_dates_each_item_under_it(words, before):
    [proposal] = matching.proposals(words, "exclusion", before)
    assert (proposal.question, proposal.upper) == ("days_since_heart_attack", 183)


@pytest.mark.parametrize(
    "words, before",
    [("Severe or unstable angina pectoris", CARDIAC_6_MONTHS), ("不稳定型心绞痛", CARDIAC_6_MONTHS_ZH)],
    ids=["en", "zh"],
)
def test_an_ever_item_under_a_heading_s_look_back_is_for_the_study_team(words, before):
    assert rules(words, before=before) == [("other_conditions", [], ["unstable_angina"], False)]


@pytest.mark.parametrize(
    "words, before",
    [
        ("Severe or unstable angina pectoris", CARDIAC),
        ("不稳定型心绞痛", CARDIAC_ZH),
        # a time to come in the heading dates nothing
        (
            "Unstable angina",
            "Exclusion Criteria:\n\n  1. Any of the following for 6 months after the last dose:\n\n   - ",
        ),
    ],
    ids=["en", "zh", "time to come"],
)
def test_an_item_under_a_heading_without_a_look_back_keeps_its_plain_draft(words, before):
    assert rules(words, before=before) == [("other_conditions", ["unstable_angina"], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Treatment with an investigational drug within five half-lives of the compound",
        "Investigational drug within 5 half-lives or 30 days, whichever is longer",
        "5个半衰期内使用过其他研究药物",
    ],
    ids=not_ascii_ids,
)
def test_a_time_in_half_lives_is_one_no_answer_tells_apart(words):
    assert rules(words) == []


@pytest.mark.parametrize(
    "words", ["Treatment with an investigational drug within 30 days", "30天内使用过其他研究药物"], ids=not_ascii_ids
)
def test_a_time_in_days_still_dates_another_trial(words):
    assert questions(words) == ["days_since_other_trial"]


@pytest.mark.parametrize(
    "words",
    [
        "Has received major organ surgery or high-intensity thoracic radiotherapy within before first dose",
        "Myocardial infarction within before first dose",
        "首次用药前 个月内发生心肌梗死",
    ],
    ids=not_ascii_ids,
)
def test_a_time_whose_amount_the_page_left_out_gives_no_draft(words):
    """A template's blank: "ever" would rule out a patient whose illness or treatment was long ago."""
    assert rules(words) == []


@pytest.mark.parametrize(
    "words",
    ["Myocardial infarction within 6 months before first dose", "首次用药前6个月内发生心肌梗死"],
    ids=not_ascii_ids,
)
def test_a_time_with_its_amount_still_dates_the_illness(words):
    assert questions(words) == ["days_since_heart_attack"]


# 3. Ventilation needed, or for no longer than a few days, is no history of it


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Need for emergent intubation after admission", "exclusion"),
        ("Have been on ventilator support for no longer than 5 calendar days", "inclusion"),
        ("需要紧急气管插管", "exclusion"),
        ("机械通气不超过5天", "inclusion"),
    ],
    ids=not_ascii_ids,
)
def test_a_ventilation_need_or_limit_is_no_history_of_ventilation(words, kind):
    assert "mechanical_ventilation" not in questions(words, kind)


@pytest.mark.parametrize("words", ["History of intubation", "既往气管插管史"], ids=not_ascii_ids)
def test_a_history_of_ventilation_is_still_read(words):
    assert rules(words) == [("mechanical_ventilation", ["within_1m", "over_1m"], [], False)]


# 4. What a past illness needed is not what the patient takes now


@pytest.mark.parametrize(
    "words",
    [
        "Has history of autoimmune disorders, (non-infectious) pneumonitis that required steroids",
        "History of interstitial lung disease, radiation pneumonitis requiring steroid therapy",
        "Past medical history of ILD, radiation pneumonitis which required steroid treatment",
        "需要激素治疗的放射性肺炎病史",
    ],
    ids=not_ascii_ids,
)
def test_the_steroids_a_past_illness_needed_are_not_steroids_now(words):
    assert "medicines_now" not in questions(words)


@pytest.mark.parametrize(
    "words, expected",
    [
        ("Radiation pneumonitis requiring steroid therapy", STEROIDS),
        ("Asthma which has required inhaled corticosteroids", ("medicines_now", ["inhaled_steroid"], [], False)),
        ("需要吸入糖皮质激素治疗", ("medicines_now", [], ["inhaled_steroid"], False)),
    ],
    ids=not_ascii_ids,
)
def test_a_need_now_keeps_its_medicine(words, expected):
    assert expected in rules(words)


def test_a_past_need_with_a_time_is_a_use_then():
    assert questions("COPD exacerbation requiring oral steroids in the past 3 months") == [
        "days_since_systemic_steroids"
    ]


# 5. Something else than the item


@pytest.mark.parametrize(
    "words, question",
    [
        ("Patient is unsuitable to receive steroids", "medicines_now"),
        ("不适合使用激素治疗者", "medicines_now"),
        ("Patients on macrolide as antibiotics for COPD exacerbation", "medicines_now"),
        (
            "Patients at high risk of contracting TB, such as close contact with individuals with active TB.",
            "other_conditions",
        ),
        ("与活动性结核病患者密切接触者", "other_conditions"),
        ("对吗替麦考酚酯或药物中的其他成分有超敏反应者", "medicines_now"),
    ],
    ids=not_ascii_ids,
)
def test_a_contraindication_a_course_a_contact_or_an_allergy_is_not_the_item(words, question):
    assert question not in questions(words)


def test_a_hypersensitivity_to_a_medicine_is_the_medicine_allergy_question():
    assert questions("对吗替麦考酚酯或药物中的其他成分有超敏反应者") == ["medicine_allergy"]


@pytest.mark.parametrize(
    "words, question",
    [
        ("Patient is receiving steroids", "medicines_now"),
        ("Patients on long term macrolide treatment", "medicines_now"),
        ("Active TB", "other_conditions"),
        ("活动性结核病", "other_conditions"),
        ("正在使用吗替麦考酚酯", "medicines_now"),
    ],
    ids=not_ascii_ids,
)
def test_the_item_itself_is_still_read(words, question):
    assert question in questions(words)


# 6. Lines that are no requirement

BIRTH_CONTROL = (
    "Inclusion Criteria:\n\n  1. Male subjects should practice at least one accepted method of birth control listed\n"
    "     below during the study:\n\n       - "
)
BIRTH_CONTROL_ZH = "入选标准：\n\n  1. 育龄期女性须采取以下有效的避孕措施之一：\n\n       - "
EXCEPTIONS = "Exclusion Criteria:\n\n  1. Active autoimmune disease. The\n     following are exceptions to this criterion:\n\n       1. "
EXCEPTIONS_ZH = "排除标准：\n\n  1. 活动性自身免疫性疾病，以下情况为例外：\n\n       1. "
PLAIN = "Exclusion Criteria:\n\n  1. "


@pytest.mark.parametrize(
    "words, before",
    [
        ("Progesterone-only hormonal contraception", BIRTH_CONTROL),
        ("口服避孕药", BIRTH_CONTROL_ZH),
        ("Patients with vitiligo or alopecia", EXCEPTIONS),
        ("白癜风或脱发患者", EXCEPTIONS_ZH),
    ],
    ids=not_ascii_ids,
)
def test_an_accepted_method_or_an_exception_s_item_is_no_requirement(words, before):
    assert rules(words, "exclusion", before=before) == []


@pytest.mark.parametrize(
    "words, question",
    [
        ("Progesterone-only hormonal contraception", "medicines_now"),
        ("口服避孕药", "medicines_now"),
        ("Patients with vitiligo or alopecia", "other_conditions"),
        ("白癜风或脱发患者", "other_conditions"),
    ],
    ids=not_ascii_ids,
)
def test_the_same_line_as_a_criterion_of_its_own_keeps_its_draft(words, question):
    assert questions(words, before=PLAIN) == [question]


def test_a_society_s_name_is_no_cancer():
    assert rules("泌尿科医生认为适合进行手术，并同意接受美国临床肿瘤学会指南", "inclusion") == []
    assert questions("恶性肿瘤") == ["cancer_history"]


# 7. A condition an "if" opens, a recent illness


@pytest.mark.parametrize(
    "words",
    [
        "If an acute myocardial infarction has ensued in the past 6 months, successful reperfusion has to be documented",
        "若近6个月内发生过心肌梗死，须有再灌注记录",
    ],
    ids=not_ascii_ids,
)
def test_an_illness_an_if_opens_is_the_condition_of_another_requirement(words):
    assert rules(words) == []


def test_an_illness_an_inverted_should_opens_is_the_condition_of_another_requirement():
    assert (
        rules("Should an acute myocardial infarction have occurred, successful reperfusion has to be documented") == []
    )


@pytest.mark.parametrize(
    "words, kind, question",
    [
        ("Should have a diagnosis of asthma", "inclusion", "diagnoses"),
        ("Should be diagnosed with asthma", "inclusion", "diagnoses"),
        ("Should not have diabetes", "inclusion", "other_conditions"),
    ],
)
def test_a_should_that_states_a_requirement_is_no_condition(words, kind, question):
    """Criteria written "Should have …" ask for the item: the "if" reading is only for "Should an MI have occurred"."""
    assert questions(words, kind) == [question]


@pytest.mark.parametrize(
    "words", ["Acute myocardial infarction in the past 6 months", "近6个月内发生过心肌梗死"], ids=not_ascii_ids
)
def test_the_illness_in_a_time_is_still_a_bar(words):
    assert questions(words) == ["days_since_heart_attack"]


@pytest.mark.parametrize("words", ["recent MI", "Recent myocardial infarction", "近期心肌梗死"], ids=not_ascii_ids)
def test_a_recent_illness_on_an_ever_item_is_for_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["heart_attack"], False)]


@pytest.mark.parametrize("words", ["Myocardial infarction", "心肌梗死"], ids=not_ascii_ids)
def test_an_illness_with_no_time_is_the_ever_item(words):
    assert rules(words) == [("other_conditions", ["heart_attack"], [], False)]


# 8. Narrower where the vocabulary allows


@pytest.mark.parametrize(
    "words", ["Leptomeningeal carcinomatosis", "Has carcinomatous meningitis", "癌性脑膜炎"], ids=not_ascii_ids
)
def test_cancer_in_the_meninges_is_the_brain_metastases_item_for_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["brain_metastases"], False)]


@pytest.mark.parametrize("words", ["Brain metastases", "脑转移"], ids=not_ascii_ids)
def test_brain_metastases_are_still_the_item(words):
    assert rules(words) == [("other_conditions", ["brain_metastases"], [], False)]


def test_aids_is_hiv_not_every_immunodeficiency():
    assert rules("A known history of HIV testing positive or acquired immunodeficiency syndrome (AIDS)") == [
        ("other_conditions", ["hiv"], [], False)
    ]
    assert rules("Immunodeficiency") == [("other_conditions", ["immunodeficiency"], [], False)]


@pytest.mark.parametrize(
    "words",
    ["Congenital immune deficiency diseases", "Primary immunodeficiency", "先天性免疫缺陷病"],
    ids=not_ascii_ids,
)
def test_a_congenital_immunodeficiency_is_the_immunodeficiency_item_for_the_study_team(words):
    """The item also holds acquired ones (a patient on chemotherapy), which the clause does not bar."""
    assert rules(words) == [("other_conditions", [], ["immunodeficiency"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "History of immunodeficiency",
        "免疫缺陷",
        # both kinds named together are every kind
        "Other acquired or congenital immune deficiency diseases",
        "患有其他获得性、先天性免疫缺陷疾病",
    ],
    ids=not_ascii_ids,
)
def test_an_immunodeficiency_of_no_kind_or_of_both_kinds_is_the_item(words):
    assert rules(words) == [("other_conditions", ["immunodeficiency"], [], False)]


def test_an_illness_that_will_be_allowed_on_a_condition_is_no_requirement():
    assert rules("Patients with baseline brain metastases will be eligible in case of stability", "inclusion") == []
    assert rules("Patients with baseline brain metastases", "inclusion") == [
        ("other_conditions", ["brain_metastases"], [], False)
    ]


def test_a_state_that_will_be_eligible_with_no_condition_is_the_requirement():
    assert rules("All pregnant women undergoing a caesarean section will be eligible to participate", "inclusion") == [
        ("pregnant_or_breastfeeding", ["yes"], [], False)
    ]

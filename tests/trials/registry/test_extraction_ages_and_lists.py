"""Ages and list headings in wordings registries use that the extractor had not been tuned on (issue 20, fifth
round): ages are the commonest named variable, and a bound under the wrong heading is wrong for every patient. Each
kind is read on both sides of its boundary. Every wording here is written for these tests, with other numbers and
words than the evaluation records."""

from decimal import Decimal

import pytest

from trials.registry.extraction import extract, split_clauses

from .extraction_readings import named

D = Decimal


def kinds(text):
    """(kind, variable) of every named bound of a whole text, in order."""
    return [(kind, variable) for kind, variable, *_ in named(text)]


# Ages -------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Age no older than 72 years", (None, None, D(72), True)),
        ("Participants not older than 72", (None, None, D(72), True)),
        ("Age older than 72 years", (D(72), False, None, None)),
        ("Patients not younger than 19 years", (D(19), True, None, None)),
        ("Patients younger than 19 years", (None, None, D(19), False)),
    ],
)
def test_a_negated_older_or_younger_than_turns_the_bound_round_and_keeps_the_number(text, expected):
    [(_kind, variable, *found)] = named(text)
    assert (variable, tuple(found)) == ("age", expected)


def test_a_range_whose_second_end_says_less_than_in_words_leaves_that_end_out():
    assert named("Aged 21 years to less than 60 years") == [("inclusion", "age", D(21), True, D(60), False)]
    assert named("Aged 21 years to 60 years") == [("inclusion", "age", D(21), True, D(60), True)]
    assert named("Aged 21 to less than or equal to 60 years") == [("inclusion", "age", D(21), True, D(60), True)]


def test_and_up_after_an_age_is_a_lower_bound_but_and_up_to_opens_a_range():
    assert named("Age 21 and up") == [("inclusion", "age", D(21), True, None, None)]
    assert named("Age 21 and up to 60") == [("inclusion", "age", D(21), True, D(60), True)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Patients of both gender aged from 12 up to 50 years", ("age", D(12), True, D(50), True)),
        ("Aged 40 up to and including 80 years", ("age", D(40), True, D(80), True)),
        ("FEV1 from 30% up to 70% predicted", ("fev1_pct_pred", D(30), True, D(70), True)),
        # a near miss: "up to" with no number before it is an upper bound alone
        ("Aged up to 50 years", ("age", None, None, D(50), True)),
    ],
)
def test_a_number_up_to_another_is_a_range_both_ends_included(text, expected):
    assert [found[1:] for found in named(text)] == [expected]


def test_up_to_after_another_variables_number_joins_no_range():
    assert named("Aged ≥ 40 years with up to 2 exacerbations in the past year") == [
        ("inclusion", "age", D(40), True, None, None),
        ("inclusion", "exacerbations_12m", None, None, D(2), True),
    ]


def test_exclusive_after_years_old_leaves_both_ends_of_the_range_out():
    assert named("Between 21 and 60 years old, exclusive") == [("inclusion", "age", D(21), False, D(60), False)]
    assert named("Between 21 and 60 years old") == [("inclusion", "age", D(21), True, D(60), True)]


def test_an_end_marked_included_keeps_its_mark_when_the_other_end_is_marked_excluded():
    assert named("年龄在21(含)至60(不含)岁") == [("inclusion", "age", D(21), True, D(60), False)]
    assert named("年龄21至60岁(不含)") == [("inclusion", "age", D(21), False, D(60), False)]


def test_reaching_an_age_range_in_chinese_is_the_whole_range():
    assert named("年满21-60周岁") == [("inclusion", "age", D(21), True, D(60), True)]
    assert named("年满21周岁") == [("inclusion", "age", D(21), True, None, None)]


def test_years_old_before_an_operator_and_the_word_age_is_a_reversed_lower_bound():
    assert named("21 years old ≤ age ≤ 60 years old") == [("inclusion", "age", D(21), True, D(60), True)]


def test_y_o_after_a_number_of_years_says_the_person_s_age_whoever_is_named_before_it():
    assert named("Outpatient ≥21 y.o. who is booked for surgery") == [("inclusion", "age", D(21), True, None, None)]
    assert named("Resident 21 yo or older") == [("inclusion", "age", D(21), True, None, None)]
    assert named("Hypertension for ≥ 21 y") == []  # years of a condition, no age


def test_years_following_an_event_are_time_since_it_not_an_age():
    assert [n for n in named("more than 4 years following the transplant") if n[1] == "age"] == []
    assert named("more than 4 years old") == [("inclusion", "age", D(4), False, None, None)]


def test_a_misspelt_glomerular_filtrate_rate_is_egfr():
    assert named("Severe renal impairment (glomerular filtrate rate less than 25)") == [
        ("inclusion", "egfr", None, None, D(25), False)
    ]


# Lists ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Healthy volunteer exclusion criteria",
        "Cohort 3 exclusion criteria",
        "Part B Exclusion Criteria:",
        "Asthma patients - exclusion criteria:",
        "heart-related exclusion criteria:",
        "Exclusionary Criteria:",
        "Excluding criteria for carers:",
        "Ineligibility criteria",
        "Reasons for exclusion",
        "Not eligible if:",
        "Who cannot take part",
        "Contraindications:",
        "Patients must not:",
        "Participants will be ineligible if:",
        "The exclusion criteria are as follows:",
        "**Exclusion Criteria**",
        "The patient must not meet any of the following criteria:",
        "Patients meeting any of the following criteria are to be excluded:",
        "Do not take part if you:",
        "You may not qualify if:",
        "Patients cannot enrol if they:",
        "Women are excluded if:",
        "People who cannot join:",
        "Criteria for non-eligibility:",
        "Ineligibility:",
        "Exclusion conditions:",
    ],
)
def test_a_heading_in_an_odd_shape_starts_the_exclusion_list(heading):
    text = f"Inclusion criteria:\n- Aged 35 to 68 years\n{heading}\n- BMI above 38\n"
    assert kinds(text) == [("inclusion", "age"), ("exclusion", "bmi")]


@pytest.mark.parametrize(
    "item",
    [
        "Meets all inclusion criteria",
        "None of the exclusion criteria",
        "Fulfils the inclusion criteria:",
        "Eligible if:",
        "Patients must:",
        "Who can take part",
        "Inclusionary criteria:",
        "You may qualify if:",
        "Inclusion conditions:",
        "The patient must have the following:",
        "Patients cannot take part in another study",
    ],
)
def test_an_item_or_heading_that_names_a_list_without_excluding_keeps_the_inclusion_list(item):
    text = f"Inclusion criteria:\n- Aged 35 to 68 years\n{item}\n- BMI above 38\n"
    assert kinds(text) == [("inclusion", "age"), ("inclusion", "bmi")]


def test_a_heading_inside_one_line_is_read_after_a_sentence_or_before_a_dash_list():
    assert kinds("Inclusion: aged 35 to 68 years, consent. Exclusion: BMI above 38, pregnancy.") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    assert kinds("Inclusion criteria are: aged 35 to 68 years. Exclusion criteria are: BMI above 38.") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    assert kinds("Inclusion criteria include aged 35 to 68 years. Exclusion criteria include BMI above 38.") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    assert kinds("Inclusion criteria - aged 35 to 68 years - consent Exclusion criteria - BMI above 38") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    # a sentence that mentions a list is no heading: "as defined by the exclusion criteria: …" is not cut
    assert kinds("Inclusion: aged 35 to 68 years as per the exclusion criteria of the parent study; BMI above 38") == [
        ("inclusion", "age"),
        ("inclusion", "bmi"),
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("健康受试者排除标准", "exclusion"),
        ("B组入选标准：", "inclusion"),
        ("队列2排除标准", "exclusion"),
        ("第二部分 排除标准", "exclusion"),
        ("以下人群不适合参加：", "exclusion"),
        ("哪些人不能参加？", "exclusion"),
        ("哪些人可以参加？", "inclusion"),
        ("不适宜人群", "exclusion"),
        ("凡符合下列任何一条者均不能入选", "exclusion"),
        ("符合下列条件者方可入选", "inclusion"),
    ],
)
def test_a_chinese_heading_in_an_odd_shape_names_its_list(heading, kind):
    text = f"入选标准:\n1、年龄35~68岁\n{heading}\n1、BMI>38\n"
    assert kinds(text) == [("inclusion", "age"), (kind, "bmi")]


@pytest.mark.parametrize("item", ["不符合入选标准者", "符合上述纳入标准", "能参加"])
def test_a_chinese_item_that_names_a_list_is_no_heading(item):
    text = f"排除标准:\n1、年龄>68岁\n2、{item}\n3、BMI>38\n"
    assert kinds(text) == [("exclusion", "age"), ("exclusion", "bmi")]


def test_a_qualified_heading_is_a_whole_short_line_and_gives_no_clause_of_its_own():
    clauses = split_clauses("Inclusion criteria:\n- Aged 35 to 68 years\nCohort 3 exclusion criteria\n- BMI above 38\n")
    assert [(c.kind, c.text) for c in clauses] == [("inclusion", "Aged 35 to 68 years"), ("exclusion", "BMI above 38")]


def test_years_before_a_post_word_are_time_since_it_not_an_age():
    assert named("Women > 3 years postmenopausal") == []
    assert named("Women > 53 years") == [("inclusion", "age", D(53), False, None, None)]


def test_a_numbered_list_restarting_at_1_under_the_only_heading_is_the_exclusion_list_that_lost_its_heading():
    lost = "Inclusion criteria:\n1. Aged 35 to 68 years\n2. consent\n3. able to walk\n\n1. BMI above 38\n2. pregnancy\n"
    assert kinds(lost) == [("inclusion", "age"), ("exclusion", "bmi")]
    # the item before ends with a colon: the new list is that item's
    nested = "Inclusion criteria:\n1. Aged 35 to 68 years\n2. consent\n3. one of:\n1. BMI above 38\n2. asthma\n"
    assert kinds(nested) == [("inclusion", "age"), ("inclusion", "bmi")]
    # an exclusion heading further down: the restarted list was not the exclusion list
    later = lost + "Exclusion criteria:\n1. aged over 80 years\n"
    assert kinds(later) == [("inclusion", "age"), ("inclusion", "bmi"), ("exclusion", "age")]


def test_a_numbered_list_restarting_inside_one_line_with_no_heading_is_the_exclusion_list():
    assert kinds("1. Aged 35 to 68 years 2. consent 3. able to walk 1. BMI above 38 2. pregnancy") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    assert kinds("1、年龄35~68岁；2、签署知情同意书；3、能行走；1、妊娠；2、BMI>38") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    assert kinds("1. Aged 35 to 68 years 2. consent 3. able to walk 4. BMI above 38") == [
        ("inclusion", "age"),
        ("inclusion", "bmi"),
    ]


def test_the_chinese_kind_alone_before_a_colon_is_a_heading_but_not_inside_a_numbered_item():
    assert kinds("纳入标准：1、年龄35~68岁；2、签署知情同意书；排除：1、妊娠；2、BMI>38") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    assert kinds("入选：\n1、年龄35~68岁\n2、排除：继发性高血压\n3、BMI>38\n") == [
        ("inclusion", "age"),
        ("inclusion", "bmi"),
    ]


def test_years_after_for_or_before_a_state_say_how_long_not_how_old():
    assert named("Patients ≥ 66 years of age with COPD for ≥ 3 years") == [
        ("inclusion", "age", D(66), True, None, None)
    ]
    assert named("Patients ≥ 3 years in complete remission") == []
    assert named("Subjects at least 4 years out from chemotherapy") == []
    assert named("Adults > 2 years smoke-free") == []
    # a state after an age that is no time since anything leaves the age alone
    assert named("Adults ≥ 19 years in good general health") == [("inclusion", "age", D(19), True, None, None)]


def test_bounds_that_stratify_a_randomisation_are_no_criteria():
    assert named("Randomisation stratified by FEV1 (< 45% vs ≥ 45%)") == []
    assert named("按FEV1分层（<45% 与 ≥45%）") == []
    assert named("FEV1 < 45% at screening") == [("inclusion", "fev1_pct_pred", None, None, D(45), False)]


def record_ages(text, minimum_age=None, maximum_age=None):
    return [
        (p.kind, p.lower, p.upper, p.quote)
        for p in extract(text, minimum_age=minimum_age, maximum_age=maximum_age)
        if p.variable == "age"
    ]


def test_an_exclusion_age_that_leaves_out_what_the_record_leaves_out_is_the_one_age_item():
    text = "Inclusion Criteria:\n- COPD\nExclusion Criteria:\n- Age < 19 years or > 76 years\n"
    assert record_ages(text, "19 Years", "76 Years") == [
        ("exclusion", None, D(19), "Age < 19 years"),
        ("exclusion", D(76), None, "Age < 19 years or > 76 years"),
    ]
    # an exclusion that leaves out something else: the text states the age criterion, and it is the one item (the
    # record's limit is the import's own criterion, decision 0109)
    text = "Inclusion Criteria:\n- COPD\nExclusion Criteria:\n- Age < 21 years\n"
    assert record_ages(text, "19 Years") == [("exclusion", None, D(21), "Age < 21 years")]
    # no age in the text: the record's limits are the age item
    assert record_ages("Inclusion Criteria:\n- COPD\n", "19 Years") == [
        ("inclusion", D(19), None, "minimumAge: 19 Years")
    ]


def test_a_bound_that_is_one_risk_factor_among_others_is_no_criterion_but_a_bound_beside_them_is():
    assert named("one or more CV risk factors [obesity, i.e. body mass index ≥ 27 kg/m2, or smoking]") == []
    assert named("at least 1 cardiovascular risk factor (BMI > 31, hypertension)") == []
    assert named("BMI ≥ 27 kg/m2 and at least one risk factor") == [("inclusion", "bmi", D(27), True, None, None)]


def test_bounds_listed_under_a_donor_describe_the_donor_not_the_patient():
    text = (
        "Inclusion Criteria:\n  -  Kidney graft from a donor with at least one of the following:\n"
        "       -  Donor age > 62 years\n       -  BMI > 31\n  -  Age ≥ 19 years\n"
    )
    assert named(text) == [("inclusion", "age", D(19), True, None, None)]
    text = "Inclusion Criteria:\n  -  Adults with at least one of the following:\n       -  BMI > 31\n"
    assert named(text) == [("inclusion", "bmi", D(31), False, None, None)]


@pytest.mark.parametrize(
    "joint",
    [
        "signed consentExclusion Criteria: *",
        "signed consent Exclusion: *",
        "signed consent Patients with any of the following will be excluded: *",
        "signed consent Subjects meeting any of the following criteria will not be enrolled: *",
        "signed consent Exclusion Criteria Part C: *",
        "signed consent Exclusion Criteria (all cohorts): *",
    ],
)
def test_a_heading_inside_a_line_that_lost_its_breaks_starts_the_exclusion_list(joint):
    text = f"Inclusion Criteria: * Aged 35 to 68 years * {joint} BMI above 38"
    assert kinds(text) == [("inclusion", "age"), ("exclusion", "bmi")]


@pytest.mark.parametrize(
    "joint",
    [
        "adults who meet the Exclusion Criteria: none *",
        "Patients with heart failure will be excluded *",
        "Exclusion of asthma: *",
    ],
)
def test_words_about_exclusion_inside_an_item_of_a_one_line_list_start_no_list(joint):
    text = f"Inclusion Criteria: * Aged 35 to 68 years * {joint} BMI above 38"
    assert kinds(text) == [("inclusion", "age"), ("inclusion", "bmi")]


def test_a_bracketed_chinese_heading_after_a_sentence_starts_its_list_but_one_quoted_inside_an_item_does_not():
    assert kinds("【入选标准】1.年龄35~68岁；2.签署知情同意书。【排除标准】1.BMI>38；2.妊娠。") == [
        ("inclusion", "age"),
        ("exclusion", "bmi"),
    ]
    assert kinds("入选标准：1.年龄35~68岁；2.符合[排除标准]以外者 3.BMI>38") == [
        ("inclusion", "age"),
        ("inclusion", "bmi"),
    ]


def test_excluding_people_after_a_range_leaves_its_ends_in_but_excluding_its_ends_leaves_them_out():
    assert named("Aged 21-64 years, excluding pregnant women") == [("inclusion", "age", D(21), True, D(64), True)]
    assert named("Aged between 21 and 64 (extremes excluded)") == [("inclusion", "age", D(21), False, D(64), False)]
    assert named("Aged 21 to 64, excluding the limits") == [("inclusion", "age", D(21), False, D(64), False)]
    assert named("Aged between 21 and 64 (limits included)") == [("inclusion", "age", D(21), True, D(64), True)]


@pytest.mark.parametrize(
    "heading", ["Randomization Criteria:", "Criteria for randomisation:", "To be randomised, patients must:"]
)
def test_criteria_for_randomisation_after_the_exclusion_list_are_inclusion_criteria(heading):
    text = f"Inclusion criteria:\n- Aged 35 to 68 years\nExclusion criteria:\n- BMI above 38\n{heading}\n- FEV1 < 75%\n"
    assert kinds(text) == [("inclusion", "age"), ("exclusion", "bmi"), ("inclusion", "fev1_pct_pred")]


def test_an_exclusion_item_about_randomisation_criteria_keeps_the_exclusion_list():
    text = "Exclusion criteria:\n- BMI above 38\n- Randomisation criteria not met at Visit 2\n- FEV1 < 25%\n"
    assert kinds(text) == [("exclusion", "bmi"), ("exclusion", "fev1_pct_pred")]


def test_an_age_in_brackets_for_a_country_or_site_is_a_second_age_but_years_since_something_are_not():
    assert named("Adults ≥ 19 years (or ≥ 21 years in South Korea)") == [
        ("inclusion", "age", D(19), True, None, None),
        ("inclusion", "age", D(21), True, None, None),
    ]
    assert named("Adults ≥ 19 years (≥ 3 years since diagnosis)") == [("inclusion", "age", D(19), True, None, None)]


def test_a_numbered_list_restarting_under_a_group_s_name_stays_in_the_inclusion_list():
    text = (
        "Inclusion criteria:\nAsthma patients\n1. Aged 35 to 68 years\n2. consent\n3. smoker\n"
        "Healthy volunteers\n1. Aged 19 to 64 years\n2. BMI below 31\n"
    )
    assert kinds(text) == [("inclusion", "age"), ("inclusion", "age"), ("inclusion", "bmi")]

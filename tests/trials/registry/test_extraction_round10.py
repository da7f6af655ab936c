"""Kinds of wording of the tenth round (issue 20, decision 0100): lab bounds in x ULN said in other words, labs listed
after their bound or with labs no question asks about between them, a second bound for a subgroup, the next field of
an old NCI record, and lines wrapped with CR LF. Every text here is written for the test, with other words and numbers
than the dev records."""

from decimal import Decimal

from tests.trials.registry.extraction_readings import bounds, durations, named

D = Decimal


def labs(text):
    """(variable, lower, lower inclusive, upper, upper inclusive) of a text's x ULN bounds, in the inclusion list."""
    return sorted(
        (variable, lower, lower_inclusive, upper, upper_inclusive)
        for _kind, variable, lower, lower_inclusive, upper, upper_inclusive in named(text)
        if variable.endswith("_x_uln")
    )


# --- the upper limit of normal in other words ------------------------------------------------------------------------


def test_the_laboratorys_upper_limit_of_normal_is_the_upper_limit_of_normal():
    assert labs("ALT (SGPT) no more than 3 times the laboratory's upper limit of normal") == [
        ("alt_x_uln", None, None, D(3), True)
    ]


def test_the_upper_normal_range_is_the_upper_limit_of_normal_but_a_bare_normal_range_is_not():
    assert labs("Serum ALT greater than 4 times the upper normal range") == [("alt_x_uln", D(4), False, None, None)]
    assert labs("Serum ALT greater than 4 times normal range") == []


def test_twice_the_highest_reference_value_is_two_times_the_upper_limit():
    assert labs("total bilirubin more than twice the highest reference value") == [
        ("bilirubin_x_uln", D(2), False, None, None)
    ]


def test_times_higher_than_normal_is_a_lower_bound_at_that_many_times_not_at_the_limit_itself():
    assert labs("ALT and AST three times higher than normal") == [
        ("alt_x_uln", D(3), False, None, None),
        ("ast_x_uln", D(3), False, None, None),
    ]
    assert labs("bilirubin 4 times above the upper normal limit") == [("bilirubin_x_uln", D(4), False, None, None)]
    assert labs("AST twice higher than the ULN") == [("ast_x_uln", D(2), False, None, None)]


def test_times_or_more_above_the_limit_includes_that_many_times():
    assert labs("Liver enzymes (AST, ALT) 4 times or more above the upper limit of normal") == [
        ("alt_x_uln", D(4), True, None, None),
        ("ast_x_uln", D(4), True, None, None),
    ]


def test_twice_the_upper_limit_is_two_times_it_as_two_times_the_upper_limit_is():
    assert labs("total bilirubin more than twice the upper limit") == [("bilirubin_x_uln", D(2), False, None, None)]
    assert labs("total bilirubin more than 2 times the upper limit") == [("bilirubin_x_uln", D(2), False, None, None)]


def test_an_operator_before_times_higher_decides_the_direction():
    assert labs("ALT not more than 2 times higher than the upper limit of normal") == [
        ("alt_x_uln", None, None, D(2), True)
    ]


def test_a_bound_above_the_limit_itself_is_still_one_times_it():
    assert labs("AST above the ULN") == [("ast_x_uln", D(1), False, None, None)]


def test_times_higher_than_something_else_is_no_lab_bound():
    assert labs("ALT 3 times higher than at baseline") == []


def test_an_operator_with_the_before_its_number_reads_for_x_uln_only():
    assert labs("AST above the 2.5 x ULN") == [("ast_x_uln", D("2.5"), False, None, None)]
    assert bounds("Patients over the 40 years", "age") == []


# --- names -----------------------------------------------------------------------------------------------------------


def test_glutamate_oxaloacetate_transaminase_is_ast_alone_and_glutamate_pyruvate_transaminase_alt_alone():
    assert labs("serum glutamate oxalacetate transaminase below 2 x ULN") == [("ast_x_uln", None, None, D(2), False)]
    assert labs("serum glutamate pyruvate transaminase below 2 x ULN") == [("alt_x_uln", None, None, D(2), False)]


def test_glutamate_dehydrogenase_is_no_transaminase():
    assert labs("glutamate dehydrogenase below 2 x ULN") == []


# --- labs listed after their bound, or with labs no question asks about between them ---------------------------------


def test_every_lab_listed_after_its_bound_gets_it():
    assert labs("≤ 3 x ULN for ALT, AST and total bilirubin") == [
        ("alt_x_uln", None, None, D(3), True),
        ("ast_x_uln", None, None, D(3), True),
        ("bilirubin_x_uln", None, None, D(3), True),
    ]


def test_the_list_after_a_bound_ends_at_a_lab_with_a_bound_of_its_own():
    assert labs("≤ 3 x ULN for AST and creatinine < 2 mg/dL") == [("ast_x_uln", None, None, D(3), True)]


def test_labs_announced_as_the_following_after_a_bound_get_it():
    text = "Values above the 2 x ULN at the baseline visit for the following tests: AST (SGOT) and/or ALT (SGPT)"
    assert labs(text) == [("alt_x_uln", D(2), False, None, None), ("ast_x_uln", D(2), False, None, None)]


def test_a_lab_no_question_asks_about_between_listed_labs_keeps_the_list_whole():
    text = "Aspartate aminotransferase (AST), alanine aminotransferase (ALT), gamma-glutamyl transferase (GGT), or total bilirubin ≥ 4 × upper limit of normal"
    assert labs(text) == [
        ("alt_x_uln", D(4), True, None, None),
        ("ast_x_uln", D(4), True, None, None),
        ("bilirubin_x_uln", D(4), True, None, None),
    ]


def test_a_bound_right_after_a_lab_no_question_asks_about_is_that_labs_own():
    assert labs("Lactate dehydrogenase ≤ 2.5 x ULN creatinine clearance > 50 mL/min") == []
    assert labs("Alkaline phosphatase no greater than 3 times ULN Creatinine no greater than 1.8 mg/dL") == []


def test_a_bound_after_a_short_name_of_a_lab_no_question_asks_about_is_not_the_next_labs():
    assert labs("Hepatic: PTT no greater than 1.3 times ULN Bilirubin normal") == []
    assert labs("Hepatic: LDH no greater than 2 times ULN Bilirubin normal") == []


def test_the_next_field_of_an_old_nci_record_does_not_take_the_bound_before_its_label():
    text = "Hepatic: SGOT no greater than 3 times ULN PT no greater than 1.2 times ULN Renal: Creatinine less than 1.6 mg/dL"
    assert labs(text) == [("ast_x_uln", None, None, D(3), True)]


def test_a_field_label_before_the_name_still_lets_the_name_take_its_own_bound():
    assert labs("AST ≤ 2 x ULN Renal: Creatinine no greater than 1.4 times ULN") == [
        ("ast_x_uln", None, None, D(2), True),
        ("creatinine_x_uln", None, None, D("1.4"), True),
    ]


# --- a second bound of the same labs for a subgroup ------------------------------------------------------------------


def test_a_second_bound_in_which_case_is_for_the_same_labs():
    text = "ALT/AST ≤ 3 x ULN unless liver involvement is documented, in which case they must be ≤ 6 x ULN"
    assert labs(text) == [
        ("alt_x_uln", None, None, D(3), True),
        ("alt_x_uln", None, None, D(6), True),
        ("ast_x_uln", None, None, D(3), True),
        ("ast_x_uln", None, None, D(6), True),
    ]


def test_a_second_bound_after_a_note_that_is_acceptable_for_a_subgroup_is_for_the_same_labs():
    text = "AST and ALT ≤ 2 x ULN. NOTE: ≤ 4 x ULN is allowed if hepatic metastases are confirmed."
    assert labs(text) == [
        ("alt_x_uln", None, None, D(2), True),
        ("alt_x_uln", None, None, D(4), True),
        ("ast_x_uln", None, None, D(2), True),
        ("ast_x_uln", None, None, D(4), True),
    ]


def test_a_bound_after_a_note_with_no_subgroup_is_no_second_bound_of_the_labs():
    assert labs("AST and ALT ≤ 2 x ULN. NOTE: ≤ 4 x ULN at the second visit.") == [
        ("alt_x_uln", None, None, D(2), True),
        ("ast_x_uln", None, None, D(2), True),
    ]


def test_a_subgroup_allowed_if_a_lab_is_below_a_bound_states_that_bound():
    assert labs("Subjects with Gilbert's syndrome are allowed if total bilirubin is below 4 x ULN.") == [
        ("bilirubin_x_uln", None, None, D(4), False)
    ]


def test_a_lab_bound_that_is_the_condition_of_another_rule_is_still_none():
    assert labs("The dose is halved if total bilirubin is above 4 x ULN.") == []


# --- lines wrapped with CR LF ----------------------------------------------------------------------------------------


def test_a_name_cut_by_a_cr_lf_wrapped_line_reads_whole():
    assert labs("Serum aspartate\r\n             aminotransferase ≤ 3 x ULN") == [("ast_x_uln", None, None, D(3), True)]
    text = (
        "alanine\r\n   aminotransferase (ALT), aspartate\r\n   aminotransferase (AST), and/or total bilirubin ≤ 3 x ULN"
    )
    assert labs(text) == [
        ("alt_x_uln", None, None, D(3), True),
        ("ast_x_uln", None, None, D(3), True),
        ("bilirubin_x_uln", None, None, D(3), True),
    ]


def test_a_cr_lf_before_a_capital_still_ends_the_line():
    text = "Alkaline phosphatase no greater than 3 times ULN\r\n             Creatinine no greater than 1.8 mg/dL"
    assert labs(text) == []


# --- a span after the study's own last dose is still to come ---------------------------------------------------------


def test_a_span_after_the_last_dose_of_the_study_drug_is_no_duration():
    text = (
        "Women unwilling to use two methods of birth control for at least 45 days after the last dose of the study drug"
    )
    assert durations(text) == []


def test_a_span_after_the_last_dose_of_a_past_treatment_is_a_duration():
    assert durations("At least 5 weeks after the last dose of chemotherapy") == [("inclusion", D(5), True, "weeks")]


# --- a range shared by several labs ------------------------------------------------------------------------------------


def test_two_bounds_shared_by_several_labs_are_each_labs_range():
    assert labs("ALT and AST ≥ 1.5 x ULN but < 4 x ULN") == [
        ("alt_x_uln", D("1.5"), True, D(4), False),
        ("ast_x_uln", D("1.5"), True, D(4), False),
    ]
    assert labs("ALT、AST中任一项>1.2×ULN(正常值上限),且升高幅度≤2×ULN") == [
        ("alt_x_uln", D("1.2"), False, D(2), True),
        ("ast_x_uln", D("1.2"), False, D(2), True),
    ]


def test_bounds_of_two_labs_each_named_stay_apart():
    assert labs("ALT ≥ 1.5 x ULN and AST < 4 x ULN") == [
        ("alt_x_uln", D("1.5"), True, None, None),
        ("ast_x_uln", None, None, D(4), False),
    ]


def test_another_measure_rising_after_a_chinese_lab_bound_is_another_item():
    assert labs("ALT>3倍ULN，且胆汁酸升高>2倍ULN") == [("alt_x_uln", D(3), False, None, None)]

"""Time windows and durations in the wordings the eleventh held-out split (v001-v302, now in dev/: legacy PDQ lists and
NSCLC records, some machine-translated) read wrong (issue 20, twelfth round, decision 0124): each family read on both
sides of its boundary, in English and, where the family exists there, in Chinese. Every wording here is written for
these tests, with other numbers and words than the records."""

from decimal import Decimal

from trials.registry.extraction import extract

from .extraction_readings import exclusion, inclusion, timed

D = Decimal


def pdq(*lines):
    """A legacy PDQ list: topic headings, every item an entry requirement."""
    return "\n        PROTOCOL ENTRY CRITERIA:\n\n        " + "\n        ".join(lines) + "\n      "


# Durations since a past treatment ----------------------------------------------------------------------------------


def test_time_since_investigational_drugs_taken_before_is_a_duration():
    assert timed(inclusion("At least 3 weeks since investigational agents")) == [
        ("inclusion", "duration", D(3), "weeks")
    ]
    assert timed(inclusion("At least 30 days since any investigational drug therapies")) == [
        ("inclusion", "duration", D(30), "days")
    ]


def test_time_since_the_investigational_product_or_randomisation_is_the_studys_own_point():
    assert timed(inclusion("At least 3 weeks since the investigational product")) == []
    assert timed(inclusion("At least 3 weeks since randomization")) == []


def test_a_pdq_bracket_said_with_since_gives_the_longer_span_for_its_agents():
    text = pdq(
        "PRIOR CONCURRENT THERAPY:",
        "  -  At least 3 weeks since chemotherapy (8 weeks since nitrosoureas or carboplatin) and recovered",
    )
    assert timed(text) == [("inclusion", "duration", D(3), "weeks"), ("inclusion", "duration", D(8), "weeks")]


def test_a_bracketed_span_with_no_duration_since_a_treatment_before_it_stays_unread():
    assert timed(inclusion("Recovered from surgery (5 weeks since biopsy)")) == []


def test_a_plan_in_a_run_on_pdq_item_before_does_not_hide_a_duration_since_a_past_event():
    text = pdq("PRIOR CONCURRENT THERAPY: Lobectomy required as primary therapy At least 5 weeks since resection")
    assert timed(text) == [("inclusion", "duration", D(5), "weeks")]


def test_a_commitment_to_a_period_still_to_come_stays_unread():
    assert timed(inclusion("Required to take the supplement for at least 5 weeks")) == []


def test_being_in_follow_up_that_long_is_a_duration_a_follow_up_to_come_is_not():
    assert timed(inclusion("Resected tumour and in regular follow-up for at least 8 weeks")) == [
        ("inclusion", "duration", D(8), "weeks")
    ]
    assert timed(inclusion("Willing to attend follow-up for at least 3 years")) == []


def test_time_since_the_last_menses_is_a_duration():
    text = inclusion("Time since the last menstrual period should be at least 24 months, with FSH above 40 IU/l")
    assert timed(text) == [("inclusion", "duration", D(24), "months")]


# Ranges since a past event -----------------------------------------------------------------------------------------


def test_a_study_step_within_a_range_of_a_past_event_gives_both_ends():
    text = inclusion("Patients must be randomized within 3 to 9 weeks from the date of complete tumour resection")
    assert sorted(timed(text)) == [("inclusion", "duration", D(3), "weeks"), ("inclusion", "window", D(9), "weeks")]


def test_a_study_step_between_two_spans_after_a_past_event_is_still_no_bound():
    assert timed(inclusion("Randomization between 21 and 35 days after surgery required")) == []


# Look-back windows after a measured bound ---------------------------------------------------------------------------


def test_a_negated_event_after_a_measured_bound_has_its_own_window():
    text = pdq("Cardiovascular: Systolic 190 mm Hg or more Diastolic 110 mm Hg or more No stroke within 8 weeks")
    assert timed(text) == [("inclusion", "window", D(8), "weeks")]
    text = inclusion(
        "Neutrophils ≥ 1200 cells/μL without the use of growth factors within the last 3 weeks before screening"
    )
    assert timed(text) == [("inclusion", "window", D(3), "weeks")]


def test_a_topic_label_after_a_lab_bound_starts_a_new_item_with_its_window():
    text = pdq(
        "Renal: Creatinine no greater than 2.0 times ULN Other: No acute medical condition within 2 weeks of study entry"
    )
    assert timed(text) == [("inclusion", "window", D(2), "weeks")]


def test_a_value_measured_within_a_span_is_still_no_window():
    assert timed(inclusion("HbA1c ≥ 7.5% within 60 days")) == []
    assert timed(inclusion("FEV1 ≥ 40% predicted within the last 2 months")) == []


def test_a_look_back_whose_evidence_follows_a_colon_is_a_window():
    text = inclusion(
        "No interstitial lung disease within prior 2 months as evidenced by: TLC no greater than 65% predicted"
    )
    assert ("inclusion", "window", D(2), "months") in timed(text)


def test_lab_data_dated_before_treatment_are_a_past_test_dated_by_a_look_back():
    text = inclusion(
        "Adequate renal laboratory data within 4 weeks prior to start of treatment: creatinine ≤ 1.5 x ULN"
    )
    assert ("inclusion", "window", D(4), "weeks") in timed(text)


# Brackets for other agents after a window ----------------------------------------------------------------------------


def test_a_bracket_after_a_look_back_gives_the_longer_window_for_its_agents():
    text = exclusion(
        "Chemotherapy within 3 weeks (5 weeks for nitrosoureas or carboplatin) prior to entering the study"
    )
    assert timed(text) == [("exclusion", "window", D(3), "weeks"), ("exclusion", "window", D(5), "weeks")]
    windows = [p for p in extract(text) if p.variable == "window"]
    assert windows[1].event == "nitrosoureas or carboplatin"


def test_a_bracket_for_people_after_a_look_back_is_a_subgroup_not_other_agents():
    assert timed(exclusion("Fever within 10 days (2 days for infants)")) == [("exclusion", "window", D(10), "days")]


# Use over a span before the study in an exclusion list --------------------------------------------------------------


def test_using_a_drug_for_a_span_before_the_study_in_an_exclusion_list_is_a_window():
    text = exclusion("Using full-dose oral anticoagulants or thrombolytic agents for 3 weeks prior to enrollment")
    assert timed(text) == [("exclusion", "window", D(3), "weeks")]


def test_a_stable_dose_kept_for_a_span_before_the_study_stays_a_duration():
    text = exclusion("Using a stable dose of inhaled steroids for 6 weeks prior to screening")
    assert timed(text) == [("exclusion", "duration", D(6), "weeks")]
    assert timed(inclusion("Using inhaled steroids for 6 weeks prior to screening")) == [
        ("inclusion", "duration", D(6), "weeks")
    ]


def test_a_negation_inside_a_closed_bracket_does_not_make_a_stable_span_a_look_back():
    text = exclusion(
        "Brain metastases unless neurologically stable (with no need for rising doses of steroids) for 10 days prior to "
        "randomization"
    )
    assert timed(text) == [("exclusion", "duration", D(10), "days")]
    assert timed(inclusion("No pulmonary rehabilitation for 4 months prior to enrolment")) == [
        ("inclusion", "window", D(4), "months")
    ]


# Disease-free that long -----------------------------------------------------------------------------------------------


def test_free_of_recurrence_within_a_span_after_treatment_is_a_remission_duration():
    text = exclusion(
        "Prior cancer that has undergone curative treatment and has not recurred within 4 years after the end of treatment"
    )
    assert timed(text) == [("exclusion", "duration", D(4), "years")]
    assert timed(exclusion("既往恶性肿瘤，根治性手术后3年内未复发")) == [("exclusion", "duration", D(3), "years")]


def test_free_of_progression_or_spread_within_a_span_after_treatment_is_a_remission_duration_too():
    # the pattern reads "progressed" and 转移 beside "recurred" and 复发; a text with only those words was never read
    text = exclusion("Prior cancer that has not progressed within 4 years after the end of treatment")
    assert timed(text) == [("exclusion", "duration", D(4), "years")]
    assert timed(exclusion("既往恶性肿瘤，根治性手术后3年内无转移")) == [("exclusion", "duration", D(3), "years")]


def test_progression_within_a_span_after_treatment_or_a_plain_relapse_look_back_is_no_duration():
    assert timed(exclusion("Disease progression within 4 months of treatment completion")) == []
    assert timed(exclusion("No relapse within 4 months")) == [("exclusion", "window", D(4), "months")]
    assert timed(exclusion("放化疗完成4个月内疾病进展")) == []
    assert timed(exclusion("No progression within 4 months")) == [("exclusion", "window", D(4), "months")]
    assert timed(exclusion("放化疗完成4个月内出现转移")) == []


def test_a_chinese_exception_for_a_recurrence_free_span_stays_no_bound():
    assert timed(exclusion("恶性肿瘤病史，但根治性治疗结束后3年内无复发者除外")) == []


def test_years_of_disease_free_survival_are_a_duration():
    assert timed(exclusion("Other cancer unless cured by surgery and survived 3 years of disease-free")) == [
        ("exclusion", "duration", D(3), "years")
    ]
    assert timed(exclusion("Other cancer unless cured by surgery and survived 3 years")) == []


# Stable since a point, said with no preposition ------------------------------------------------------------------------


def test_stable_a_span_before_screening_is_a_duration_not_a_look_back():
    text = exclusion("Brain metastases (patients treated and in a stable condition 16 days before screening may enter)")
    assert timed(text) == [("exclusion", "duration", D(16), "days")]
    text = exclusion("Brain metastases (stable symptoms and treatment completed 35 days before enrollment)")
    assert timed(text) == [("exclusion", "duration", D(35), "days")]


def test_an_event_a_span_before_screening_is_still_a_look_back():
    assert timed(exclusion("Pulmonary embolism 35 days before screening")) == [("exclusion", "window", D(35), "days")]


# Chinese ranges after a bracketed treatment -------------------------------------------------------------------------


def test_a_chinese_range_after_a_bracketed_treatment_gives_both_ends():
    text = inclusion("在完成放化疗(至少含3个周期化疗)后的2-30天(包括30天)接受首次给药")
    assert sorted(timed(text)) == [("inclusion", "duration", D(2), "days"), ("inclusion", "window", D(30), "days")]


def test_a_chinese_range_after_the_studys_dosing_gives_no_duration():
    assert ("inclusion", "duration", D(2), "days") not in timed(inclusion("给药后的2-30天内完成随访"))


# Periods that bound no time since an event ----------------------------------------------------------------------------


def test_the_period_of_a_reference_value_is_no_look_back():
    text = inclusion("FEV1 35%-75% of predicted and within 15% of maximum values obtained in 9 months prior to entry")
    assert timed(text) == []


def test_a_count_in_each_of_several_years_is_no_look_back_a_count_over_them_is():
    assert timed(inclusion("At least 1 course of intravenous antibiotics in each of the 3 years prior to entry")) == []
    assert timed(inclusion("At least 1 course of intravenous antibiotics in the 3 years prior to entry")) == [
        ("inclusion", "window", D(3), "years")
    ]


def test_which_agents_toxicity_counts_is_no_duration_a_last_treatment_that_long_ago_is():
    text = exclusion("Not recovered from adverse events due to agents administered more than 5 weeks earlier")
    assert timed(text) == []
    assert timed(inclusion("Last chemotherapy administered more than 5 weeks earlier")) == [
        ("inclusion", "duration", D(5), "weeks")
    ]


def test_no_use_over_a_span_before_and_during_the_study_is_a_look_back():
    assert timed(inclusion("No alcohol 3 weeks prior to and during study")) == [("inclusion", "window", D(3), "weeks")]


def test_abstaining_over_a_span_before_and_during_the_study_is_a_commitment():
    assert timed(inclusion("Abstain from caffeine 3 weeks prior to and during the study")) == []


# Contraception used up to the study's start ---------------------------------------------------------------------------


def test_contraception_used_at_least_a_span_before_dosing_is_a_duration():
    text = inclusion("Women of childbearing potential using approved contraception a minimum of 21 days before dosing")
    assert timed(text) == [("inclusion", "duration", D(21), "days")]
    text = inclusion("Must agree to use contraception for a minimum of three weeks prior to receiving study medication")
    assert timed(text) == [("inclusion", "duration", D(3), "weeks")]


def test_contraception_still_to_come_or_an_option_of_a_definition_is_no_duration():
    assert timed(inclusion("Must use contraception for at least 4 months after the last dose")) == []
    text = (
        "Inclusion Criteria:\n\n  -  If female, using one of the following acceptable means of birth control:\n"
        "       * Surgically sterile\n       * Oral contraceptives (taken for at least two months prior to the Screening "
        "Visit)\n"
    )
    assert timed(text) == []


def test_no_recurrence_for_a_span_after_treatment_is_a_remission_duration():
    text = exclusion(
        "Other cancers effectively treated with no evidence of disease recurrence for 4 years after treatment"
    )
    proposals = [p for p in extract(text) if p.variable in ("window", "duration")]
    assert [(p.variable, p.lower, p.event) for p in proposals] == [("duration", D(4), "remission")]


def test_no_recurrence_for_a_span_after_the_studys_own_point_is_no_duration():
    assert timed(exclusion("No evidence of disease recurrence for 4 years after randomization")) == []

"""Wordings of the legacy ClinicalTrials.gov records (1990s-2000s NIH/NCI, PDQ "PROTOCOL ENTRY CRITERIA" lists) and of
named spirometry and oximetry bounds met in the eleventh round (decision 0120): a longer span for other agents in a
bracket after "at least N weeks since prior chemotherapy", a topic label that names no event, a drug's half-lives as
the other measure of a washout, the spacing of two tests, FEV1 measured off a bronchodilator, and names of FEV1/FVC,
DLCO and SpO2 written in other ways. Every text here is written for the test, with other words and numbers than the
dev records."""

from decimal import Decimal

from tests.trials.registry.extraction_readings import bounds, durations, proposals, quotes_are_exact, windows

D = Decimal


def events(text):
    """(lower, unit, event, quote) of a whole text's durations."""
    return [(p.lower, p.unit, p.event, p.quote) for p in proposals(text, "duration")]


# --- PDQ lists: "At least N weeks since prior X (M weeks for Y)" ---------------------------------------------------


def test_a_bracketed_longer_span_for_other_agents_is_a_second_duration_of_the_same_kind():
    text = "PRIOR CONCURRENT THERAPY: At least 3 weeks since prior chemotherapy (8 weeks for carmustine or busulfan)"
    assert durations(text) == [("inclusion", D(3), True, "weeks"), ("inclusion", D(8), True, "weeks")]
    assert [e[2] for e in events(text)] == ["prior chemotherapy", "carmustine or busulfan"]
    assert quotes_are_exact(text)


def test_a_bracketed_shorter_span_in_days_keeps_its_own_unit():
    text = "Chemotherapy:\n  -  At least 2 weeks since prior chemotherapy (5 days for oral etoposide) and recovered"
    assert durations(text) == [("inclusion", D(2), True, "weeks"), ("inclusion", D(5), True, "days")]


def test_a_bracketed_span_with_no_duration_since_a_past_treatment_before_it_is_no_duration():
    assert durations("Fever must be documented (4 days for infants) before entry") == []
    assert durations("At least 3 weeks since prior chemotherapy. Rest period (2 weeks for recovery)") == [
        ("inclusion", D(3), True, "weeks")
    ]


def test_a_topic_label_before_the_span_is_not_its_event_when_since_names_one():
    [four] = events("PRIOR CONCURRENT THERAPY: Biologic therapy: At least 5 weeks since prior interleukin-2")
    assert four[2] == "prior interleukin-2"
    assert four[3] == "At least 5 weeks since prior interleukin-2"


def test_a_drugs_half_lives_are_the_other_measure_of_the_same_time_since_it():
    [lower] = events("At least 21 days or 5 half-lives since other prior experimental agents")
    assert lower[:2] == (D(21), "days")
    assert "since other prior experimental agents" in lower[3]
    assert "half-lives" not in lower[2]  # no "lives" (residence) read from the half-lives


def test_lived_in_the_area_is_still_residence():
    assert events("Lived in the county for at least 2 years") == [
        (D(2), "years", "residence", "Lived in the county for at least 2 years")
    ]


def test_a_span_said_between_two_tests_is_their_spacing_and_no_duration():
    assert durations("Two rising CEA values obtained more than 3 weeks apart") == []
    assert durations("Rising CEA for more than 3 weeks") == [("inclusion", D(3), False, "weeks")]


def test_a_plan_earlier_in_a_run_on_pdq_paragraph_does_not_hide_a_time_since_a_past_treatment():
    text = "No concurrent domperidone to maintain gastric emptying At least 28 days since prior experimental agents"
    assert durations(text) == [("inclusion", D(28), True, "days")]
    assert durations("Willing to maintain a stable diet for at least 28 days") == []


# --- FEV1 off a bronchodilator --------------------------------------------------------------------------------------


def test_fev1_measured_when_off_an_inhaled_beta_agonist_is_pre_bronchodilator():
    [fev1] = proposals(
        "Exclusion Criteria:\n- When off inhaled beta-agonist for more than 6 hrs, FEV1 less than 55% predicted",
        "fev1_pct_pred",
    )
    assert (fev1.upper, fev1.bronchodilator) == (D(55), "pre")
    [plain] = proposals("Exclusion Criteria:\n- Off work for 2 days; FEV1 less than 55% predicted", "fev1_pct_pred")
    assert plain.bronchodilator is None


# --- names written in other ways -------------------------------------------------------------------------------------


def test_fev1_fvc_with_the_long_name_of_fvc_in_a_bracket_is_the_ratio():
    assert bounds("Exclusion Criteria:\n- FEV1/FVC(forced vital capacity) <0.45", "fev1_fvc_ratio") == [
        ("exclusion", None, None, D("0.45"), False)
    ]


def test_the_one_second_rate_written_with_a_digit_is_the_ratio_in_chinese():
    assert bounds("排除标准：\n1. 1秒率<55%", "fev1_fvc_ratio") == [("exclusion", None, None, D("0.55"), False)]
    assert bounds("排除标准：\n1. 一秒率<55%", "fev1_fvc_ratio") == [("exclusion", None, None, D("0.55"), False)]
    assert bounds("排除标准：\n1. 11秒内完成步行<55%", "fev1_fvc_ratio") == []


def test_dlco_written_with_a_comma_as_in_ers_papers_is_dlco():
    assert bounds("Exclusion Criteria:\n- DL,CO <25% pred", "dlco_pct_pred") == [
        ("exclusion", None, None, D(25), False)
    ]
    assert bounds("Exclusion Criteria:\n- DL, weight <25 kg", "dlco_pct_pred") == []


def test_desaturating_below_a_level_is_an_oxygen_saturation_bound_and_a_fall_of_a_few_points_is_not():
    assert bounds("Exclusion Criteria:\n- Patients who desaturate markedly (<84%) during exercise", "spo2_pct") == [
        ("exclusion", None, None, D(84), False)
    ]
    assert bounds("Exclusion Criteria:\n- Desaturation of more than 4% during the walk test", "spo2_pct") == []


# --- spans that are no look-back: a match's tolerance, a commitment over the study, a specimen's timing ----------


def test_controls_matched_for_age_within_some_years_is_a_tolerance_and_no_window():
    assert windows("Healthy volunteers matched for age (within 3 years) and sex") == []
    assert windows("Healthy volunteers with no pneumonia within 3 years") == [("inclusion", D(3), True, "years")]


def test_contraception_used_for_months_before_and_during_the_study_is_a_commitment_and_no_window():
    assert windows("Fertile patients must use adequate contraception for 2 months prior to and during study") == []
    assert windows("Exclusion Criteria:\n- Use of hormonal contraception within 2 months prior to screening") == [
        ("exclusion", D(2), True, "months")
    ]


def test_a_specimen_to_be_submitted_within_some_time_of_surgery_is_the_studys_step_but_submitted_to_a_therapy_is_not():
    assert windows("Centres must submit a representative tumour block within 6 weeks of surgery") == []
    assert windows("Exclusion Criteria:\n- Submitted to previous speech therapy in the past year") == [
        ("exclusion", D(1), True, "years")
    ]


def test_long_runs_of_the_new_wordings_never_raise_and_quote_exactly():
    texts = [
        "At least 3 weeks since prior chemotherapy (8 weeks for carmustine) " * 3_000,
        "At least 21 days or 5 half-lives since other prior agents " * 3_000,
        "volunteers matched for age (within 3 years " * 3_000,
        "must use contraception for 2 months prior to and during study " * 3_000,
        "When off inhaled beta-agonist for 6 hrs, FEV1 less than 55% predicted; " * 3_000,
        "(" * 100_000 + " for " * 20_000,
    ]
    for text in texts:
        assert quotes_are_exact(text)

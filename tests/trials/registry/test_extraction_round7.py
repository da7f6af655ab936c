"""Kinds of error the seventh round's unseen dev texts (p001-p140) showed for named variables and for the list a bound
goes in, each read on both sides of its boundary. Every wording here is written for these tests, with other numbers
and words than the records."""

from decimal import Decimal

from .extraction_readings import bounds, kinds, named, timed

D = Decimal


def lists(text):
    return [kind for kind, _words in kinds(text)]


def form(*items):
    """An eligibility form as medical-data-models.org renders it: per item a label line, 'Item', the criterion,
    'boolean' and a code line; no list headings."""
    return "\n".join(
        f"{label}\nItem\n{words}\nboolean\nC00{i:05d} (UMLS CUI [1])" for i, (label, words) in enumerate(items)
    )


REQUIREMENTS = (
    ("age", "40-75 years of age at screening"),
    ("consent", "consent: the subject must be able to sign informed consent."),
)


# Forms with no headings: requirements first, then what keeps a patient out ----------------------------------------


def test_a_form_item_with_its_topic_before_a_hospitalisation_within_the_last_months_reads_as_an_exclusion():
    text = form(
        *REQUIREMENTS,
        ("instability", "clinical instability: hospitalization for heart failure within the last 3 months."),
        ("allergy", "drug allergy: any hypersensitivity reaction to inhaled corticosteroids"),
        ("lung function", "fev1 < 35% predicted at screening"),
    )
    assert lists(text) == ["inclusion", "inclusion", "exclusion", "exclusion", "exclusion"]
    assert bounds(text, "fev1_pct_pred") == [("exclusion", None, None, D(35), False)]
    assert timed(text) == [("exclusion", "window", D(3), "months")]


def test_a_single_exclusion_like_item_after_the_requirements_turns_no_item_of_a_form_into_an_exclusion():
    text = form(
        *REQUIREMENTS,
        ("allergy", "drug allergy: any hypersensitivity reaction to inhaled corticosteroids"),
        ("lung function", "fev1 < 35% predicted at screening"),
    )
    assert bounds(text, "fev1_pct_pred") == [("inclusion", None, None, D(35), False)]


def test_an_infection_some_weeks_prior_to_a_visit_and_a_myocardial_infarction_within_the_last_months_read_as_exclusions():
    text = form(
        *REQUIREMENTS,
        ("spirometry", "post bronchodilator fev1 less than 65% predicted at visit 1"),
        ("infection", "respiratory infection or exacerbation 4 weeks prior to visit 1 or during run-in."),
        ("heart", "myocardial infarction within the last 9 months"),
        ("bmi", "body mass index > 36 kg/m2"),
    )
    assert lists(text)[2:] == ["inclusion", "exclusion", "exclusion", "exclusion"]
    assert bounds(text, "fev1_pct_pred") == [("inclusion", None, None, D(65), False)]
    assert bounds(text, "bmi") == [("exclusion", D(36), False, None, None)]


def test_a_patient_who_is_hospitalised_and_treatment_with_a_medicine_in_the_previous_weeks_read_as_exclusions():
    text = form(
        ("age", "children 7 to 13 years old"),
        ("medication", "no regular medication other than reliever inhalers"),
        ("inpatient", "patient is hospitalized"),
        ("fev1", "patient has fev1 < 75% predicted on visit 1"),
        ("steroids", "treatment with oral glucocorticoids in the previous 6 weeks"),
    )
    assert lists(text) == ["inclusion", "inclusion", "exclusion", "exclusion", "exclusion"]
    assert bounds(text, "fev1_pct_pred") == [("exclusion", None, None, D(75), False)]


def test_hospitalised_patients_and_stable_treatment_in_the_previous_weeks_do_not_read_as_exclusions():
    text = form(
        *REQUIREMENTS,
        ("setting", "hospitalized patients with community-acquired pneumonia"),
        ("treatment", "stable treatment with inhaled corticosteroids for 6 weeks before visit 1"),
        ("fev1", "fev1 < 75% predicted on visit 1"),
    )
    assert lists(text) == ["inclusion"] * 5


def test_a_topic_with_a_number_is_not_stripped_before_an_item_is_read():
    text = form(
        *REQUIREMENTS,
        ("visit", "visit 2: hospitalization for heart failure within the last 3 months."),
        ("allergy", "drug allergy: any hypersensitivity reaction to inhaled corticosteroids"),
        ("bmi", "body mass index > 36 kg/m2"),
    )
    # the visit item is not read as an exclusion, so the tail starts at the allergy: only one exclusion-like item
    assert bounds(text, "bmi") == [("inclusion", D(36), False, None, None)]


# Tables flattened into runs of cells ---------------------------------------------------------------------------------


def test_a_table_legend_under_two_column_rows_is_no_row_so_the_rows_split_into_inclusion_and_exclusion_cells():
    text = (
        "Inclusion criteria Exclusion criteria\n"
        "Aged ≥40 years at screening Lower respiratory tract infection ≤6 weeks prior to randomisation\n"
        "Diagnosis of bronchiectasis (on CT) Body mass index > 35 kg/m2 at screening\n"
        "FEV1 ≥30% and ≤85% pred at screening\n\n"
        "CT: computed tomography; FEV1: forced expiratory volume in 1 s."
    )
    assert named(text) == [
        ("inclusion", "age", D(40), True, None, None),
        ("exclusion", "bmi", D(35), False, None, None),
        ("inclusion", "fev1_pct_pred", D(30), True, D(85), True),
    ]
    assert timed(text) == [("exclusion", "window", D(6), "weeks")]


def test_a_line_that_spells_out_only_one_abbreviation_is_still_a_row():
    text = (
        "Inclusion criteria Exclusion criteria\n"
        "Aged ≥40 years at screening Lower respiratory tract infection ≤6 weeks prior to randomisation\n"
        "Diagnosis of bronchiectasis (on CT) Body mass index > 35 kg/m2 at screening\n"
        "FEV1 ≥30% and ≤85% pred at screening\n"
        "CT: computed tomography of the chest"
    )
    # four rows of which two split: too few to read the rows as side-by-side cells; each cell by its words
    assert bounds(text, "bmi") == [("inclusion", D(35), False, None, None)]


def test_a_column_of_exclusion_items_run_together_on_one_line_under_glued_headings_is_the_exclusion_list():
    text = (
        "Inclusion criteriaExclusion criteria\n"
        "Adults with documented diagnosis of sarcoidosis according to the following criteria:\n"
        "  • Typical findings on chest imaging\n\n"
        "Signed written informed consent\n"
        "Age ≤35 years FVC % pred <45% Severe chronic obstructive bronchitis as characterised by FEV1/FVC <0.65 "
        "Known diagnosis of significant respiratory disorders other than sarcoidosis History of vasculitis or "
        "connective tissue disorders"
    )
    assert named(text) == [
        ("exclusion", "age", None, None, D(35), True),
        ("exclusion", "fvc_pct_pred", None, None, D(45), False),
        ("exclusion", "fev1_fvc_ratio", None, None, D("0.65"), False),
    ]


def test_a_line_under_glued_headings_with_one_requirement_and_one_exclusion_run_together_stays_inclusion():
    text = (
        "Inclusion criteriaExclusion criteria\n"
        "Adults with documented diagnosis of sarcoidosis according to the following criteria:\n"
        "  • Typical findings on chest imaging\n\n"
        "Age ≥35 years with FVC % pred >45% at screening History of vasculitis or connective tissue disorders"
    )
    assert bounds(text, "fvc_pct_pred") == [("inclusion", D(45), False, None, None)]


def test_under_bar_headings_each_column_cell_on_its_own_line_closing_with_a_bar_is_inclusion_then_exclusion():
    text = (
        "Inclusion | Exclusion |\n"
        "---|---|\n"
        "• Age 45–75 years • Able to give consent • BMI ≤ 38 kg/m2 |\n"
        "• Age <45 or >75 years • BMI > 38 kg/m2 • Current smoker |"
    )
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("inclusion", "bmi", None, None, D(38), True),
        ("exclusion", "age", None, None, D(45), False),
        ("exclusion", "age", D(75), False, None, None),
        ("exclusion", "bmi", D(38), False, None, None),
    ]


def test_a_markdown_table_with_both_cells_of_a_row_on_one_line_still_splits_at_the_inner_bar():
    text = (
        "| Inclusion criteria | Exclusion criteria |\n|---|---|\n| Age 45-75 years | BMI > 38 kg/m2 |\n"
        "| FEV1 < 70% predicted | Pregnant |"
    )
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("exclusion", "bmi", D(38), False, None, None),
        ("inclusion", "fev1_pct_pred", None, None, D(70), False),
    ]


def test_under_bar_headings_a_line_that_closes_with_no_bar_leaves_the_cells_to_their_words():
    text = "Inclusion | Exclusion |\n---|---|\nAge 45-75 years |\nBMI > 38 kg/m2\nFEV1 < 70% predicted |"
    assert bounds(text, "bmi") == [("inclusion", D(38), False, None, None)]


def test_a_table_whose_rows_are_labelled_inclusion_and_exclusion_before_a_bar_puts_each_row_in_its_list():
    text = "| Inclusion | Age 45-75 years; FEV1 < 70% predicted |\n| Exclusion | BMI > 38 kg/m2 |"
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("inclusion", "fev1_pct_pred", None, None, D(70), False),
        ("exclusion", "bmi", D(38), False, None, None),
    ]


def test_the_word_inclusion_inside_a_sentence_with_a_bar_is_no_heading():
    text = "Inclusion Criteria:\n- Inclusion in the registry | Age 45-75 years\nExclusion Criteria:\n- BMI > 38 kg/m2"
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("exclusion", "bmi", D(38), False, None, None),
    ]


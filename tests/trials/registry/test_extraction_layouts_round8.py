"""Layouts of the eighth round (issue 20, decision 0089): how a text is cut into clauses and which list each clause is
in, for registry tables rendered as rows, Chinese numbered lists and English list headings, and how long the cutting
takes on hostile input. Every text here is written for the test, with other words and numbers than the dev records."""

from decimal import Decimal

from tests.trials.registry.extraction_readings import bounds, kinds, timed, windows
from trials.registry.extraction import extract, split_clauses

D = Decimal


# --- two-column tables whose cells a copy glued together -------------------------------------------------------------

GLUED = """Table 2 Key criteria
Inclusion criteriaExclusion criteria
Age >45 yrsKnown interstitial lung disease
FEV1 >20% and <50% predEvidence of active tuberculosis
RV >160% predPost-exercise 6MWD <120 m
mMRC grade ≥3Pneumonia within previous 9 months
Recent completion of rehabilitationLeft ventricular ejection fraction ≤35%
Severe pulmonary hypertension
Previous lung volume reduction"""


def test_a_row_whose_two_cells_are_glued_is_cut_where_the_second_capitalised_cell_starts():
    assert ("inclusion", "Age >45 yrs") in kinds(GLUED)
    assert ("exclusion", "Known interstitial lung disease") in kinds(GLUED)
    assert ("exclusion", "Post-exercise 6MWD <120 m") in kinds(GLUED)


def test_the_glued_exclusion_cells_give_their_bounds_to_the_exclusion_list():
    assert bounds(GLUED, "age") == [("inclusion", D(45), False, None, None)]
    assert bounds(GLUED, "sixmwd_m") == [("exclusion", None, None, D(120), False)]
    assert windows(GLUED) == [("exclusion", D(9), True, "months")]


def test_an_abbreviation_that_starts_with_a_lower_case_letter_starts_a_row_and_carries_on_nothing():
    assert ("inclusion", "mMRC grade ≥3") in kinds(GLUED)
    wrapped = "Inclusion criteria:\n- Patients who are\nable to walk\n- eGFR ≥ 40"
    assert ("inclusion", "Patients who are able to walk") in kinds(wrapped)
    assert ("inclusion", "eGFR ≥ 40") in kinds(wrapped)


def test_rows_with_one_cell_after_the_last_glued_row_are_the_longer_exclusion_columns():
    assert ("exclusion", "Severe pulmonary hypertension") in kinds(GLUED)
    assert ("exclusion", "Previous lung volume reduction") in kinds(GLUED)


def test_a_one_cell_row_after_the_glued_rows_that_reads_as_a_requirement_stays_inclusion():
    text = GLUED + "\nWilling to give written informed consent"
    assert ("inclusion", "Willing to give written informed consent") in kinds(text)


def test_names_with_a_capital_inside_are_no_cell_boundary():
    text = (
        "Inclusion criteriaExclusion criteria\n"
        "Raised NT-proBNP levelsPregnancy\n"
        "HbA1c below 8 percentActive cancer\n"
        "Resting SpO2 of 90 percentKnown asthma"
    )
    assert ("inclusion", "Raised NT-proBNP levels") in kinds(text)
    assert ("inclusion", "HbA1c below 8 percent") in kinds(text)
    assert ("exclusion", "Known asthma") in kinds(text)


def test_rows_split_by_a_blank_keep_their_own_rule_and_a_last_one_cell_row_is_read_by_its_words():
    text = (
        "Inclusion criteria Exclusion criteria\n"
        "Aged 30 to 70 years Acute chest infection ≤6 weeks before randomisation\n"
        "Diagnosis of bronchiectasis Pulmonary exacerbation ≤6 weeks before randomisation\n"
        "FEV1 ≥35 and ≤85% pred at screening"
    )
    assert bounds(text, "fev1_pct_pred") == [("inclusion", D(35), True, D(85), True)]
    assert windows(text) == [("exclusion", D(6), True, "weeks"), ("exclusion", D(6), True, "weeks")]


# --- tables with bars whose last rows have one cell ------------------------------------------------------------------

BARRED = """Inclusion Criteria | Exclusion Criteria |
---|---|
Age of 50–80 years | Past history of mesothelioma |
Current or former smoker | WHO performance status ≥ 2 |
Diagnosis of another lung cancer within 3 years before enrolment | |
Thoracic CT performed within 9 months before enrolment |"""


def test_bar_rows_with_one_cell_after_the_two_cell_rows_are_the_exclusion_columns():
    assert windows(BARRED) == [("exclusion", D(3), True, "years"), ("exclusion", D(9), True, "months")]
    assert bounds(BARRED, "age") == [("inclusion", D(50), True, D(80), True)]


def test_a_one_cell_bar_row_that_reads_as_a_requirement_stays_inclusion():
    text = BARRED + "\nAble to give written informed consent |"
    assert ("inclusion", "Able to give written informed consent") in [(k, t.rstrip(" |")) for k, t in kinds(text)]


def test_a_diagnosis_of_another_illness_reads_as_an_exclusion_and_a_diagnosis_as_a_requirement():
    from trials.registry.extraction.clauses import _reads_as

    def reading(item):
        return _reads_as(item, [None, 0, len(item)])

    assert reading("Diagnosis of other cancers within 5 years") == "exclusion"
    assert reading("diagnosis of another chronic lung disease") == "exclusion"
    assert reading("Diagnosis of COPD for at least one year") == "inclusion"


# --- three-column tables: the row's topic, its inclusion cell, its exclusion cell --------------------------------------

THREE = """| Criterion | Inclusion | Exclusion |
|---|---|---|
| Age | 45-80 years | younger than 45 or older than 80 years |
| FEV1 | < 70% predicted | > 70% predicted |
| Body mass index | | > 37 kg/m2 |
| Exacerbations | | within 5 weeks before screening |"""


def test_a_three_column_tables_inclusion_cell_is_read_with_its_rows_topic():
    assert ("inclusion", D(45), True, D(80), True) in bounds(THREE, "age")
    assert bounds(THREE, "fev1_pct_pred") == [("inclusion", None, None, D(70), False)]


def test_a_three_column_tables_exclusion_cell_goes_to_the_exclusion_list():
    assert bounds(THREE, "age") == [
        ("inclusion", D(45), True, D(80), True),
        ("exclusion", None, None, D(45), False),
        ("exclusion", D(80), False, None, None),
    ]
    assert bounds(THREE, "bmi") == [("exclusion", D(37), False, None, None)]
    assert windows(THREE) == [("exclusion", D(5), True, "weeks")]


def test_a_three_column_table_with_tabs_and_no_topic_heading_is_read_the_same_way():
    text = "\tInclusion criteria\tExclusion criteria\nBMI\t\t> 37 kg/m2\nAge\t45-80 years\t"
    assert bounds(text, "bmi") == [("exclusion", D(37), False, None, None)]
    assert bounds(text, "age") == [("inclusion", D(45), True, D(80), True)]


def test_a_three_column_table_ends_at_the_first_line_without_a_cell_boundary():
    text = THREE + "\nExclusion criteria:\n- Pregnancy\n- Pneumothorax within 7 months"
    assert ("exclusion", D(7), True, "months") in windows(text)
    assert ("exclusion", "Pregnancy") in kinds(text)


def test_three_cells_whose_headings_are_not_inclusion_and_exclusion_are_no_such_table():
    text = "| Group | COPD participants | Healthy participants |\n| Age | 45-80 years | 45-80 years |"
    assert [kind for kind, _text in kinds(text)] == ["inclusion", "inclusion"]


# --- a table's two columns copied one after the other, each opened by a marker --------------------------------------

RUNS = """Inclusion criteriaExclusion criteria
  • Adults aged ≥21 years

    Asthma diagnosed ≥12 months before visit 1

    Able to use a spirometer at home

  • Any serious disease that would put the patient at risk

    Chest infection requiring antibiotics within 14 days before visit 1

    A severe exacerbation within 21 days before screening"""


def test_two_runs_of_cells_each_opened_by_a_marker_are_the_two_columns():
    assert timed(RUNS) == [
        ("inclusion", "duration", D(12), "months"),
        ("exclusion", "window", D(14), "days"),
        ("exclusion", "window", D(21), "days"),
    ]


def test_three_markers_are_no_two_runs_and_the_cells_are_read_by_their_words():
    text = RUNS.replace("    Able to use", "  • Able to use")
    assert ("inclusion", "Chest infection requiring antibiotics within 14 days before visit 1") in kinds(text)
    assert ("exclusion", "Any serious disease that would put the patient at risk") in kinds(text)


# --- table rows "N | text |" run into one line ----------------------------------------------------------------------


def test_numbered_table_rows_run_into_one_line_are_one_clause_each():
    text = "| 1 | 年龄20-65岁 | 2 | 签署知情同意书 | 3 | FEV1<75%预计值 |"
    assert [t for _k, t in kinds(text)] == ["| 1 | 年龄20-65岁 |", "2 | 签署知情同意书 |", "3 | FEV1<75%预计值 |"]


def test_a_table_broken_at_each_cell_leaves_no_bar_or_row_number_as_a_clause():
    text = "|\n1\n|\n近4周内使用过抗生素\n|\n|\n2\n|\n妊娠或哺乳期\n|\n| 3 |\n体重指数>30"
    assert [t for _k, t in kinds(text)] == ["近4周内使用过抗生素", "妊娠或哺乳期", "体重指数>30"]


def test_a_row_number_with_its_criterion_on_the_same_line_stays_a_clause():
    text = "|\n1 | 近4周内使用过抗生素 |\n|\n2 | 妊娠或哺乳期 |"
    assert [t for _k, t in kinds(text)] == ["1 | 近4周内使用过抗生素 |", "2 | 妊娠或哺乳期 |"]


def test_numbers_between_bars_that_do_not_count_up_are_values_not_rows():
    text = "| FEV1 | 80 | FVC | 95 |"
    assert len(kinds(text)) == 1


# --- Chinese ------------------------------------------------------------------------------------------------------


def test_a_hong_kong_pages_vertical_colon_ends_a_list_lead_in():
    text = "研究程序如下︰\n\n  1. 進行篩選\n  2. 留宿3晚\n\n參與者需符合以下條件︰\n\n  1. 年齡介乎 21 至 50 歲之人士"
    assert bounds(text, "age") == [("inclusion", D(21), True, D(50), True)]


def test_numbers_glued_to_their_chinese_items_are_cut_where_the_sequence_proves_them():
    text = "入选标准：1年龄≥45周岁；2年龄≥45周岁的哮喘患者；3签署知情同意书。排除标准：1妊娠；2近6个月内有急性加重"
    assert kinds(text) == [
        ("inclusion", "年龄≥45周岁；"),
        ("inclusion", "年龄≥45周岁的哮喘患者；"),
        ("inclusion", "签署知情同意书。"),
        ("exclusion", "妊娠；"),
        ("exclusion", "近6个月内有急性加重"),
    ]
    assert bounds(text, "age") == [("inclusion", D(45), True, None, None), ("inclusion", D(45), True, None, None)]


def test_a_glued_number_that_is_a_unit_s_count_or_out_of_sequence_is_no_item():
    text = "入选标准：1年龄≥45周岁；3个月内无急性加重；2型糖尿病者除外"
    texts = [t for _k, t in kinds(text)]
    assert "个月内无急性加重；" not in texts
    assert not any(t.startswith("型糖尿病") for t in texts)
    out_of_sequence = "排除标准：近3个月内有急性加重；12导联心电图异常"
    assert kinds(out_of_sequence) == [("exclusion", "近3个月内有急性加重；12导联心电图异常")]


def test_item_numbers_glued_to_the_end_of_the_item_before_are_cut_in_sequence():
    text = "入选标准：1.年龄≥21岁2.签署知情同意书3.FEV1<75%预计值 排除标准：1.近2个月内急性加重2.妊娠"
    assert kinds(text) == [
        ("inclusion", "年龄≥21岁"),
        ("inclusion", "签署知情同意书"),
        ("inclusion", "FEV1<75%预计值"),
        ("exclusion", "近2个月内急性加重"),
        ("exclusion", "妊娠"),
    ]


def test_a_decimal_after_a_chinese_word_is_no_item_number():
    text = "入选标准：1.年龄≥21岁；2.体重指数为18.5至28"
    assert ("inclusion", "体重指数为18.5至28") in kinds(text)


def test_a_bracketed_heading_glued_to_its_first_item_leaves_no_bracket_and_cuts_the_items():
    text = "【入选标准】1.年龄20-60岁；2.签署知情同意书【排除标准】1.近8周内使用过抗生素；2.BMI≥32"
    assert kinds(text) == [
        ("inclusion", "年龄20-60岁；"),
        ("inclusion", "签署知情同意书"),
        ("exclusion", "近8周内使用过抗生素；"),
        ("exclusion", "BMI≥32"),
    ]


def test_may_not_be_enrolled_headings_open_the_exclusion_list():
    for heading in ("不得入选标准：", "不能入组标准：", "不予纳入标准："):
        text = f"入选标准：\n1. 年龄20-70岁\n{heading}\n1. 6周内参加过其他临床试验\n2. 总胆红素>1.5倍ULN"
        assert bounds(text, "bilirubin_x_uln") == [("exclusion", D("1.5"), False, None, None)], heading
        assert windows(text) == [("exclusion", D(6), True, "weeks")], heading


def test_an_inclusion_heading_is_not_read_inside_a_may_not_be_enrolled_heading():
    for text in (
        "入选标准：1.年龄20-70岁；2.签署知情同意书 不得入选标准：1.吸烟史≥15包年",
        "入选标准：1.年龄20-70岁；2.签署知情同意书不得入选标准：1.吸烟史≥15包年",
    ):
        assert bounds(text, "pack_years") == [("exclusion", D(15), True, None, None)], text
        assert ("inclusion", "不得") not in kinds(text)


def test_a_list_restarting_at_1_after_two_items_is_the_exclusion_list_when_its_first_item_reads_as_one():
    text = "入选标准：\n1. 年龄21-68岁\n2. 签署知情同意书\n1. 妊娠或哺乳期妇女\n2. 近5个月内有急性加重"
    assert windows(text) == [("exclusion", D(5), True, "months")]
    english = "Inclusion Criteria:\n1. Age 35-72 years\n2. Signed consent\n1. Pregnancy\n2. Exacerbation within 5 weeks"
    assert windows(english) == [("exclusion", D(5), True, "weeks")]


def test_a_list_restarting_at_1_after_two_items_whose_first_item_reads_as_no_exclusion_stays_inclusion():
    text = "入选标准：\n1. 年龄21-68岁\n2. 签署知情同意书\n1. 近5个月内病情稳定\n2. FEV1<70%"
    assert bounds(text, "fev1_pct_pred") == [("inclusion", None, None, D(70), False)]


def test_a_bare_number_before_a_latin_abbreviation_after_a_chinese_clause_end_is_the_next_item():
    text = "排除标准：1妊娠；2近3个月内有急性加重；3 BMI>33"
    assert ("exclusion", "近3个月内有急性加重；") in kinds(text)
    assert bounds(text, "bmi") == [("exclusion", D(33), False, None, None)]


def test_a_chinese_number_with_a_space_before_its_unit_is_no_item_number():
    text = "排除标准：（1）3 个月内有急性加重；（2）孕妇"
    assert kinds(text) == [("exclusion", "3 个月内有急性加重；"), ("exclusion", "孕妇")]
    assert windows(text) == [("exclusion", D(3), True, "months")]


# --- English -------------------------------------------------------------------------------------------------------

EXCEPTIONS = """Inclusion Criteria:
- Age 45-75 years
Exclusion Criteria:
- Use of systemic corticosteroids, except:
    - inhaled corticosteroids
    - prednisone 5 mg/day or less for at least 6 months
- Abnormal liver function, with the following exceptions:
    - ALT < 3 x ULN in patients with Gilbert's syndrome
    - Age 21 years or older with stable disease
- Pneumothorax within 9 months
- BMI > 38"""


def test_exceptions_listed_under_an_exclusion_item_stay_in_the_exclusion_list():
    assert ("exclusion", "prednisone 5 mg/day or less for at least 6 months") in kinds(EXCEPTIONS)
    assert ("exclusion", "Age 21 years or older with stable disease") in kinds(EXCEPTIONS)


def test_exceptions_listed_under_an_exclusion_item_bound_nothing():
    assert bounds(EXCEPTIONS, "alt_x_uln") == []
    assert bounds(EXCEPTIONS, "age") == [("inclusion", D(45), True, D(75), True)]
    assert timed(EXCEPTIONS) == [("exclusion", "window", D(9), "months")]
    assert bounds(EXCEPTIONS, "bmi") == [("exclusion", D(38), False, None, None)]


def test_items_nested_under_an_exclusion_item_that_lists_no_exceptions_keep_their_bounds():
    text = EXCEPTIONS.replace("corticosteroids, except:", "corticosteroids, such as:").replace(
        "with the following exceptions:", "defined as:"
    )
    assert bounds(text, "alt_x_uln") == [("exclusion", None, None, D(3), False)]
    assert ("exclusion", "duration", D(6), "months") in timed(text)


def test_chinese_exceptions_under_an_exclusion_item_bound_nothing():
    text = "排除标准：\n1. 恶性肿瘤病史，以下情况除外：\n    1) 已治愈5年以上的皮肤基底细胞癌\n2. 近4周内急性加重"
    assert timed(text) == [("exclusion", "window", D(4), "weeks")]


def test_a_singular_exclusion_criterion_heading_inside_a_line_opens_the_exclusion_list():
    text = "Inclusion Criterion: Age 35 to 70 years. Exclusion Criterion: BMI > 37 kg/m2"
    assert bounds(text, "bmi") == [("exclusion", D(37), False, None, None)]
    assert bounds(text, "age") == [("inclusion", D(35), True, D(70), True)]


def test_key_exclusion_criteria_inside_a_line_open_the_exclusion_list_and_its_dash_items_are_cut():
    text = "Key Inclusion Criteria: - Age 35-70 years - FEV1 < 65% predicted Key Exclusion Criteria: - BMI > 33 - Exacerbation within 6 weeks"
    assert kinds(text) == [
        ("inclusion", "Age 35-70 years"),
        ("inclusion", "FEV1 < 65% predicted"),
        ("exclusion", "BMI > 33"),
        ("exclusion", "Exacerbation within 6 weeks"),
    ]


def test_a_range_written_with_spaced_dashes_is_not_cut():
    text = "Inclusion Criteria: - Age 35 - 70 years - FEV1 30 - 65% predicted"
    assert bounds(text, "age") == [("inclusion", D(35), True, D(70), True)]


def test_a_french_spanish_or_german_heading_over_english_items_opens_its_list():
    for heading in (
        "CRITÈRES D'EXCLUSION | (EN)",
        "Critères de non-inclusion :",
        "Criterios de exclusión:",
        "Ausschlusskriterien:",
    ):
        text = f"{heading}\n- Major surgery within 5 weeks\n- Never smoker"
        assert windows(text) == [("exclusion", D(5), True, "weeks")], heading
        assert "(EN)" not in [t for _k, t in kinds(text)]
    text = "Critères d'inclusion :\n- Age 30 to 60 years\nCritères d'exclusion :\n- BMI > 34"
    assert bounds(text, "bmi") == [("exclusion", D(34), False, None, None)]
    assert bounds(text, "age") == [("inclusion", D(30), True, D(60), True)]


def test_a_sentence_that_only_mentions_the_criteria_in_french_is_no_heading():
    text = (
        "Inclusion criteria:\n- Patients meeting les critères d'exclusion of the parent study are excluded\n- BMI > 34"
    )
    assert bounds(text, "bmi") == [("inclusion", D(34), False, None, None)]


def test_the_cutting_never_raises_and_returns_clauses_in_order():
    text = "Inclusion criteriaExclusion criteria\n" + "Age >40 yrsKnown x\n" * 50
    clauses = split_clauses(text)
    assert [c.start for c in clauses] == sorted(c.start for c in clauses)
    assert extract(text)  # the ages are read


def test_hostile_lines_of_bars_digits_and_row_numbers_are_cut_into_few_clauses():
    """Their time is measured, not judged here: `bench/bench_extraction.py` reads the same inputs."""
    for text in (
        "|" * 1_000_000,
        "|1" * 500_000,
        "".join(f"| {i % 99 + 1} | 年龄≥18岁 " for i in range(80_000)),
        "；1年龄" * 200_000,
        "Criterion | Inclusion criteria | Exclusion criteria\n" + "| a " * 250_000,
    ):
        clauses = split_clauses(text)
        assert len(clauses) <= 2_000


def test_a_long_line_of_glued_rows_is_cut_in_order():
    """Its time is measured, not judged here: `bench/bench_extraction.py` reads the same input."""
    text = "Inclusion criteriaExclusion criteria\n" + "Age >40 yrsKnown deficiencyAge >40 yrs" * 20_000
    clauses = split_clauses(text)
    assert [c.start for c in clauses] == sorted(c.start for c in clauses)

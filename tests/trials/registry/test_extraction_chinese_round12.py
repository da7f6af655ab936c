"""Chinese time wordings the dev split's Chinese cases (drug-register records and recruitment pages) read wrong in the
twelfth round (decision 0131): each family read on both sides of its boundary. Every wording here is written for
these tests, with other numbers and words than the records."""

from decimal import Decimal

from trials.registry.extraction import extract

from .extraction_readings import quotes_are_exact, timed

D = Decimal


def inclusion(item):
    return "入选标准：\n1. " + item + "\n"


def exclusion(item):
    return "排除标准：\n1. " + item + "\n"


# A span between two ends after a past event: a bracket on the event, 的 after 后 --------------------------------


def test_a_range_after_a_past_treatment_with_a_bracket_on_it_is_a_duration_and_a_window():
    text = inclusion("在完成序贯放化疗(至少含3个周期含铂化疗)后的2-35天接受首次给药")
    assert sorted(timed(text)) == [("inclusion", "duration", D(2), "days"), ("inclusion", "window", D(35), "days")]
    assert quotes_are_exact(text)


def test_a_range_after_surgery_joined_by_de_is_a_duration_and_a_window():
    assert sorted(timed(inclusion("根治性切除术后的3-8周内进行随机"))) == [
        ("inclusion", "duration", D(3), "weeks"),
        ("inclusion", "window", D(8), "weeks"),
    ]


def test_a_range_after_the_study_s_own_dose_is_still_no_duration():
    # "给药" is the study's own step, no past event: the days after it are still to come
    assert [t for t in timed(inclusion("首次给药(第1天)后的2-35天内完成访视")) if t[1] == "duration"] == []


# The half-lives alternative of a look-back, with a bracket naming whose half-lives -----------------------------


def test_a_look_back_or_bracketed_drugs_half_lives_is_a_window_of_the_stated_span():
    text = exclusion("首次给药前2周或（CYP2C8强抑制剂的）5个半衰期内（以较长者为准）使用CYP2C8强抑制剂")
    assert timed(text) == [("exclusion", "window", D(2), "weeks")]
    assert quotes_are_exact(text)


def test_a_span_after_the_dose_or_bracketed_half_lives_is_still_no_look_back():
    assert timed(exclusion("首次给药后2周或（CYP2C8强抑制剂的）5个半衰期内使用CYP2C8强抑制剂")) == []


# The study's own schedule after a span with no bound -----------------------------------------------------------


def test_consecutive_days_of_the_study_s_own_visits_or_product_are_no_duration():
    assert timed(inclusion("连续4天出席研究访视并接受研究滴眼液")) == []
    assert timed(inclusion("連續6天出席研究訪視")) == []  # traditional characters read as simplified
    assert timed(inclusion("连续3天服用研究药物")) == []


def test_consecutive_months_of_a_named_past_treatment_stay_a_duration():
    assert timed(inclusion("连续4个月接受二甲双胍治疗")) == [("inclusion", "duration", D(4), "months")]


def test_a_bounded_span_before_the_study_product_stays_a_duration():
    # an operator bounds the time since the washout: the study's product after it is when the span ends
    assert timed(inclusion("停用其他降糖药至少3周接受研究药物")) == [("inclusion", "duration", D(3), "weeks")]


# A past treatment to have been completed inside a look-back ------------------------------------------------------


def test_a_past_treatment_that_must_be_completed_inside_a_look_back_is_a_window():
    assert timed(inclusion("戒烟治疗必须在筛选访视前4个月内完成")) == [("inclusion", "window", D(4), "months")]
    assert timed(inclusion("既往辅助化疗须在随机前9个月内完成")) == [("inclusion", "window", D(9), "months")]


def test_an_assessment_or_the_study_s_treatment_to_be_done_before_dosing_is_still_the_study_s_step():
    assert timed(inclusion("基线影像学评估须在首次给药前21天内完成")) == []
    assert timed(inclusion("研究治疗须在随机前5天内完成")) == []
    assert timed(inclusion("局部治疗应在首次给药前3周内进行")) == []  # to be done, not completed in the past


# Drugs taken before the study's point, no longer ago than a span (the half-lives may come first) ----------------


def test_drugs_taken_before_dosing_no_longer_ago_than_a_span_are_a_window():
    assert timed(exclusion("首次给药前曾使用过的药物未超过21天,包括处方药")) == [("exclusion", "window", D(21), "days")]


def test_half_lives_said_before_the_span_leave_the_span_the_window():
    text = exclusion("试验给药前曾接受过的药物未超过5个半衰期和(或)10天,包括任何处方药")
    assert timed(text) == [("exclusion", "window", D(10), "days")]
    assert quotes_are_exact(text)
    assert timed(exclusion("距末次放疗未超过5个半衰期或3周")) == [("exclusion", "window", D(3), "weeks")]


def test_drugs_short_of_a_span_with_no_point_counted_from_are_still_no_window():
    assert timed(exclusion("受试者使用的药物未超过5个半衰期和(或)10天")) == []
    assert timed(exclusion("受试者使用的药物未超过10天")) == []


# A washout row's bracket giving a subset its own span after 则 ----------------------------------------------------


WASHOUT_TABLE = (
    "排除标准：\n1. 首次服用胶囊前接受了以下治疗：\n治疗类型\t末次治疗时间距首次服药时间\n"
    "放射治疗\t＜3周（如放射治疗为不涉及胸腹盆的姑息立体定向放疗，则＜1周）\n2. 妊娠\n"
)


def test_a_washout_row_s_bracketed_subset_span_after_ze_is_a_second_strict_window():
    assert sorted(timed(WASHOUT_TABLE)) == [
        ("exclusion", "window", D(1), "weeks"),
        ("exclusion", "window", D(3), "weeks"),
    ]
    assert all(p.upper_inclusive is False for p in extract(WASHOUT_TABLE) if p.variable == "window")
    assert quotes_are_exact(WASHOUT_TABLE)


def test_a_span_after_ze_with_no_washout_lead_in_above_is_still_no_window():
    assert timed("排除标准：\n1. 末次放疗距首次服药时间：如为姑息放疗，则＜2周\n2. 妊娠\n") == []

"""A "Measured" answer check needs its value (a clear error, keeping what was chosen and typed), and a value recorded
in a check that the study's criterion would not accept is flagged to the nurse beside it, in both languages. The COPD
study takes a six-minute walk of at least 150 m and under 600 m."""

from decimal import Decimal

import pytest
from django.urls import reverse

from screener.referrals.models import AnswerCheck
from screener.staff.checks import recorded_value

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def check(client, referral, state, note, key="sixmwd_m", **headers):
    url = reverse("staff:check_answer", args=[referral.id, key])
    return client.post(url, {"state": state, "note": note}, **headers)


def detail(client, referral, **headers) -> str:
    return client.get(reverse("staff:detail", args=[referral.id]), **headers).content.decode()


@pytest.mark.parametrize(
    ("headers", "error"), [({}, "Enter the value the team measured."), (ZH, "请填写团队测得的数值。")]
)
def test_measured_without_a_value_is_refused_keeping_the_choice(staff_a_client, referral_a, headers, error):
    html = check(staff_a_client, referral_a, "measured", "   ", **headers).content.decode()
    assert error in html
    assert 'value="measured" id="measured-sixmwd_m" checked' in html
    assert not AnswerCheck.objects.filter(referral=referral_a).exists()


def test_a_typed_note_is_kept_when_the_check_is_refused(staff_a_client, referral_a):
    html = check(staff_a_client, referral_a, "", "320 m").content.decode()
    assert "Choose verified, contradicted or measured." in html and 'value="320 m"' in html


def test_measured_with_a_value_is_saved(staff_a_client, referral_a):
    check(staff_a_client, referral_a, "measured", "320 m")
    assert AnswerCheck.objects.get(referral=referral_a).note == "320 m"


@pytest.mark.parametrize(
    ("state", "note", "flagged"),
    [
        ("measured", "149 m", True),  # below the least
        ("measured", "150 m", False),  # the least counts
        ("measured", "599", False),
        ("contradicted", "records show 600 m", True),  # the most does not count
        ("verified", "100", False),  # the patient's answer stands: nothing recorded to judge
        ("contradicted", "walked with a stick", False),  # no number to judge
    ],
)
def test_a_recorded_value_the_criterion_would_not_accept_is_flagged(staff_a_client, referral_a, state, note, flagged):
    check(staff_a_client, referral_a, state, note)
    html = detail(staff_a_client, referral_a)
    assert ("data-check-not-met" in html) is flagged
    if flagged:
        assert "This value would not meet the criterion:" in html and "six-minute walk" in html.lower()


def test_the_flag_reads_in_chinese_with_full_width_digits(staff_a_client, referral_a):
    check(staff_a_client, referral_a, "contradicted", "病历显示１２０米", **ZH)
    html = detail(staff_a_client, referral_a, **ZH)
    assert "这个数值不符合以下标准：" in html


def test_a_choice_question_is_never_flagged_by_a_number_in_its_note(staff_a_client, referral_a):
    check(staff_a_client, referral_a, "contradicted", "5", key="pneumonia_last_month")
    assert "data-check-not-met" not in detail(staff_a_client, referral_a)


# Several checked answers on one page: the lines under each are the same as when each row was judged on its own, in
# both languages, and the page reads the criteria once, however many answers were checked.

SEVERAL = [("age", "85"), ("sixmwd_m", "records show 700 m"), ("respiratory_hospitalisations_12m", "1")]


def check_several(client, referral, checks=SEVERAL):
    for key, note in checks:
        assert check(client, referral, "measured", note, key=key).status_code == 302


@pytest.mark.parametrize(
    ("headers", "lines"),
    [
        (
            {},
            [
                "This value would not meet the criterion: 40 years ≤ age ≤ 80 years.",
                "This value would not meet the criterion: 150 m ≤ six-minute walk distance &lt; 600 m.",
            ],
        ),
        (
            ZH,
            [
                "这个数值不符合以下标准：40岁 ≤ 年龄 ≤ 80岁。",
                "这个数值不符合以下标准：150米 ≤ 6分钟步行距离 &lt; 600米。",
            ],
        ),
    ],
)
def test_each_checked_row_keeps_its_own_lines_when_several_are_checked(staff_a_client, referral_a, headers, lines):
    import re

    check_several(staff_a_client, referral_a)
    html = detail(staff_a_client, referral_a, **headers)
    assert re.findall(r"data-check-not-met>(.*?)</p>", html) == lines
    # each line sits in its own answer's row: the age line before the walk's, none under the hospital stays
    age, walk, stays = (html.index(f'id="check-{key}"') for key, _note in SEVERAL)
    assert age < html.index(lines[0]) < walk < html.index(lines[1]) < stays


def test_the_criteria_are_read_once_however_many_answers_were_checked(
    staff_a_client, referral_a, django_assert_num_queries
):
    from screener.referrals.models import Referral
    from screener.staff.checks import criteria_not_met

    check_several(staff_a_client, referral_a)
    referral = Referral.objects.select_related("trial", "screening").get(pk=referral_a.pk)
    checks = {c.question_key: c for c in referral.answer_checks.all()}
    assert len(checks) == 3
    # The criteria, once, and the catalogue's version, which only a process without the keeper thread (this test's)
    # reads in the request.
    with django_assert_num_queries(2) as queries:
        not_met = criteria_not_met(referral, checks)
    assert [q["sql"].count('FROM "trials_criterion"') for q in queries.captured_queries] == [1, 0]
    assert sorted(not_met) == ["age", "sixmwd_m"]


def test_the_page_makes_as_many_queries_with_three_checked_answers_as_with_one(
    staff_a_client, referral_a, django_assert_num_queries
):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    check_several(staff_a_client, referral_a, SEVERAL[:1])
    reset_queries()  # the client's request empties the log a capture counts from
    with CaptureQueriesContext(connection) as one:
        assert detail(staff_a_client, referral_a).count("data-check-not-met") == 1
    with_one = len(one)  # counted now: the capture reads a log the next request empties
    assert with_one > 10
    check_several(staff_a_client, referral_a, SEVERAL[1:])
    reset_queries()
    with django_assert_num_queries(with_one):
        assert detail(staff_a_client, referral_a).count("data-check-not-met") == 2


def test_no_checked_value_reads_no_criteria(staff_a_client, referral_a, django_assert_num_queries):
    from screener.referrals.models import Referral
    from screener.staff.checks import criteria_not_met

    check(staff_a_client, referral_a, "verified", "100")
    referral = Referral.objects.select_related("trial", "screening").get(pk=referral_a.pk)
    checks = {c.question_key: c for c in referral.answer_checks.all()}
    with django_assert_num_queries(0):
        assert criteria_not_met(referral, checks) == {}


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        ("6MWT 320 m", False),  # 6MWT names the test: 320 m is the value, inside the range
        ("6MWT 120 m", True),
        ("320 m on 6MWT", False),
        ("6MWT 320", False),  # the one number standing on its own
        ("6MWT 320 米 (2026-12-07)", False),  # a date is not a value
        ("6分钟步行试验320米", False),
        ("6分钟步行试验120米", True),
        ("2026年9月1日测得120米", True),
        ("6-minute walk: 640 m", True),
    ],
)
def test_a_measured_value_is_read_past_names_and_dates(staff_a_client, referral_a, note, flagged):
    check(staff_a_client, referral_a, "measured", note)
    html = detail(staff_a_client, referral_a)
    assert ("data-check-not-met" in html) is flagged
    assert "data-check-unclear" not in html


@pytest.mark.parametrize(
    ("state", "note", "headers", "said"),
    [
        ("measured", "320 m, then 120 m", {}, "This note holds more than one value, so it was not judged"),
        ("measured", "320 or 120", ZH, "这条备注里有不止一个数值，因此没有按研究的标准判断"),
        ("contradicted", "records: 120, 320", {}, "This note holds more than one value"),
        ("measured", "patient refused the test", {}, "No value could be read from this note"),
        ("measured", "患者拒绝测试", ZH, "这条备注里读不出数值"),
    ],
)
def test_a_note_with_several_values_or_none_is_not_judged_and_says_so(
    staff_a_client, referral_a, state, note, headers, said
):
    check(staff_a_client, referral_a, state, note, **headers)
    html = detail(staff_a_client, referral_a, **headers)
    assert said in html
    assert "data-check-not-met" not in html


def test_a_contradiction_without_a_number_is_a_remark_not_an_unread_value(staff_a_client, referral_a):
    check(staff_a_client, referral_a, "contradicted", "walked with a stick")
    assert "data-check-unclear" not in detail(staff_a_client, referral_a)


@pytest.mark.parametrize(
    ("note", "headers", "said"),
    [
        ("walked with a stick", {}, "This note has no number the study’s criteria can use, so it was not checked"),
        ("病历记录不同", ZH, "这条备注里没有可供研究标准使用的数字，因此没有按标准核对。"),
    ],
)
def test_a_contradiction_without_a_number_says_politely_that_nothing_was_checked(
    staff_a_client, referral_a, note, headers, said
):
    check(staff_a_client, referral_a, "contradicted", note, **headers)
    html = detail(staff_a_client, referral_a, **headers)
    assert said in html and "data-check-no-number" in html


@pytest.mark.parametrize(
    ("note", "headers", "said"),
    [
        ("去年住院五次", ZH, "这个数值不符合以下标准："),  # as "5" is: more than 4 stays rules the patient out
        ("admitted five times last year", {}, "This value would not meet the criterion:"),
    ],
)
def test_a_number_in_words_in_a_note_is_judged_as_its_digits_are(staff_a_client, referral_a, note, headers, said):
    check(staff_a_client, referral_a, "contradicted", note, key="respiratory_hospitalisations_12m", **headers)
    html = detail(staff_a_client, referral_a, **headers)
    assert said in html and "data-check-no-number" not in html


@pytest.mark.parametrize(
    ("note", "unit", "value"),
    [
        ("FEV1 42%", "%", "42"),  # FEV1, SpO2, DLCO are names
        ("SpO2 92", "%", "92"),
        ("DLCO 45% predicted", "%", "45"),
        ("FEV1/FVC 65%", "ratio", "0.65"),
        ("病历显示住院2次", "times", "2"),
        ("124斤", "kg", "62"),  # the question's own conversions
        ("1,500", "m", None),  # 1.5 or 1500: unclear
        ("FEV1 42% FVC 70%", "%", None),
        ("FEV1: 42%", "%", "42"),  # a name's colon is not a time
        ("FEV1：42%", "%", "42"),
        ("SpO2: 93%", "%", "93"),
        ("复测，320米", "m", "320"),  # a comma before the value is punctuation
        ("today,320 m", "m", "320"),
        ("10:30 320 m", "m", "320"),  # a time of day is still no value
        ("12月7号 320", "m", "320"),  # a date's day and month are no values, 号 as 日
        ("2026年12月7日 320", "m", "320"),
        ("12月 320", "m", None),  # a month with no day is no date: two numbers
        ("FEV1/FVC 65 percent", "ratio", "0.65"),  # a ratio written as a percentage, in words
        ("去年住院五次", "times", "5"),  # a number in words, before the question's unit
        ("住院两次", "times", "2"),
        ("6分钟步行三百五十米", "m", "350"),
        ("五", "times", "5"),  # the whole note
        ("一般走320米", "m", "320"),  # 一 of 一般 is a word, not a number
        ("一次也没有", "times", None),  # none, never one
        ("one of two walks", "m", None),  # words with no unit after them are not a value
    ],
)
def test_a_note_is_read_for_the_one_value_in_the_questions_unit(note, unit, value):
    assert recorded_value(note, unit).value == (None if value is None else Decimal(value))

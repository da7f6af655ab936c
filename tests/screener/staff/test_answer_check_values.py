"""A "Measured" answer check needs its value (a clear error, keeping what was chosen and typed), and a value recorded
in a check that the study's criterion would not accept is flagged to the nurse beside it, in both languages. The COPD
study takes a six-minute walk of at least 150 m and under 600 m."""

import pytest
from django.urls import reverse

from screener.referrals.models import AnswerCheck

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

"""A research nurse who exports the referral list sees, per referral, the checked answers its review page flags: the
question in the nurse's language and what the page says of it (the criterion the recorded value would not meet, or
that the note was not judged). Nothing the page does not show, no referral of another site, and the same number of
queries for 1 referral as for 20. The COPD study takes a six-minute walk of at least 150 m and under 600 m, and an
age of 40 to 80."""

import csv
import io
import uuid

import pytest
from django.urls import reverse

from screener.referrals.models import Referral, new_reference

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
COLUMN = -1  # "answers to check", the last column


def check(client, referral, state, note, key="sixmwd_m"):
    url = reverse("staff:check_answer", args=[referral.id, key])
    assert client.post(url, {"state": state, "note": note}).status_code == 302


def exported(client, **headers) -> list[list[str]]:
    body = client.get(reverse("staff:export"), **headers).getvalue().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_export_heads_the_column_in_the_nurses_language(staff_a_client, referral_a):
    assert exported(staff_a_client)[0][COLUMN] == "answers to check"
    assert exported(staff_a_client, **ZH)[0][COLUMN] == "需要核对的回答"


def test_a_referral_with_no_checked_answer_has_nothing_to_check(staff_a_client, referral_a):
    assert exported(staff_a_client)[1][COLUMN] == ""


@pytest.mark.parametrize(
    ("state", "note", "cell"),
    [
        (
            "measured",
            "149 m",
            "Six-minute walk distance: the value would not meet 150 m ≤ six-minute walk distance < 600 m",
        ),
        ("measured", "150 m", ""),  # the least counts: the page flags nothing either
        (
            "contradicted",
            "records show 600 m",
            "Six-minute walk distance: the value would not meet 150 m ≤ six-minute walk distance < 600 m",
        ),
        ("verified", "100", ""),  # the patient's answer stands
        ("contradicted", "walked with a stick", ""),  # a remark, not a value
        ("measured", "320 m, then 140 m", "Six-minute walk distance: the note holds more than one value, not judged"),
        (
            "measured",
            "done on 2026-12-07",
            "Six-minute walk distance: no value could be read from the note, not judged",
        ),
    ],
)
def test_the_cell_says_what_the_review_page_flags(staff_a_client, referral_a, state, note, cell):
    check(staff_a_client, referral_a, state, note)
    assert exported(staff_a_client)[1][COLUMN] == cell
    page = staff_a_client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
    assert ("data-check-not-met" in page or "data-check-unclear" in page) is bool(cell)


def test_the_cell_never_holds_the_value_from_the_note(staff_a_client, referral_a):
    check(staff_a_client, referral_a, "measured", "149 m")
    assert "149" not in exported(staff_a_client)[1][COLUMN]


def test_several_flagged_answers_are_listed_in_the_questions_order_in_chinese(staff_a_client, referral_a):
    check(staff_a_client, referral_a, "measured", "records show 700 m")
    check(staff_a_client, referral_a, "measured", "85", key="age")
    check(staff_a_client, referral_a, "measured", "1", key="respiratory_hospitalisations_12m")
    assert exported(staff_a_client, **ZH)[1][COLUMN] == (
        "年龄：这个数值不符合标准（40岁 ≤ 年龄 ≤ 80岁）；6分钟步行距离：这个数值不符合标准（150米 ≤ 6分钟步行距离 < 600米）"
    )


def test_a_referral_whose_answers_were_erased_has_nothing_to_check(staff_a_client, referral_a):
    check(staff_a_client, referral_a, "measured", "149 m")
    Referral.objects.get(pk=referral_a.pk).erase_personal_data("Erased.")
    assert exported(staff_a_client)[1][COLUMN] == ""


def test_staff_of_another_site_never_see_the_checks_of_this_one(staff_a_client, staff_b_client, referral_a):
    check(staff_a_client, referral_a, "measured", "149 m")
    assert exported(staff_b_client) == [exported(staff_b_client)[0]]


def copies(referral, count):
    """`count` more referrals like `referral` (answers and checks too), from other screenings, at the same site."""
    original = Referral.objects.get(pk=referral.pk)
    checks = list(original.answer_checks.all())
    made = []
    for _ in range(count):
        copy = Referral.objects.get(pk=referral.pk)
        copy.pk, copy.reference, copy.screening = uuid.uuid4(), new_reference(), None
        copy.save(force_insert=True)
        for answer_check in checks:
            answer_check.pk, answer_check.referral = None, copy
            answer_check.save(force_insert=True)
        made.append(copy)
    return made


# The request's own (session, user, device; the access log in a savepoint, the session saved), the sites, then four
# for the checks (the checks, their questions, the referrals with a recorded value, their trials' criteria), the
# catalogue's version, the reader's sites once more for the file's day (their time zone), and the list itself: none
# per row.
QUERIES = 15


@pytest.mark.parametrize("count", [1, 20])
def test_the_export_makes_as_many_queries_for_20_referrals_as_for_1(
    staff_a_client, referral_a, count, django_assert_num_queries
):
    check(staff_a_client, referral_a, "measured", "149 m")
    copies(referral_a, count - 1)
    with django_assert_num_queries(QUERIES):
        rows = exported(staff_a_client)
    assert len(rows) == count + 1
    assert {row[COLUMN] for row in rows[1:]} == {
        "Six-minute walk distance: the value would not meet 150 m ≤ six-minute walk distance < 600 m"
    }

"""Why a trial cannot be published counts its criteria still to review in a proper plural (walkthrough 13: "while 1
criteria are still to review"), in both languages."""

import pytest
from django.utils import translation

from trials.models import Criterion, Trial

pytestmark = pytest.mark.django_db


def waiting(count: int) -> Trial:
    trial = Trial.objects.create(nct_id="NCT09999998", brief_title="Still to review")
    for _ in range(count):
        Criterion.objects.create(trial=trial, kind="inclusion", source_text="Adults", status=Criterion.Status.DRAFT)
    trial.is_published = True  # the admin asks to publish it
    return trial


@pytest.mark.parametrize(
    ("count", "on_review_page", "said"),
    [
        (
            1,
            True,
            "This trial cannot be published while 1 criterion is still to review: approve, edit or reject it below.",
        ),
        (2, True, "while 2 criteria are still to review: approve, edit or reject each of them below."),
        (
            1,
            False,
            "while 1 criterion is still to review: approve, edit or reject it on the trial's review page first.",
        ),
        (3, False, "while 3 criteria are still to review: approve, edit or reject each of them on the trial's review"),
    ],
)
def test_the_criteria_still_to_review_are_counted_in_a_proper_plural(count, on_review_page, said):
    with translation.override("en"):
        assert said in waiting(count).publishing_problem(on_review_page=on_review_page)


@pytest.mark.parametrize(("count", "said"), [(1, "还有1条标准待审核"), (2, "还有2条标准待审核")])
def test_in_chinese_the_count_reads_the_same_for_one_and_for_more(count, said):
    with translation.override("zh-hans"):
        assert said in waiting(count).publishing_problem(on_review_page=True)

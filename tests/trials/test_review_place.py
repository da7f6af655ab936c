"""After an approve or reject the review page keeps the admin's place: it opens at the next clause to review (or
at the clause itself while it still has drafts), with the action's message shown there rather than at the top of
the page; and it asks for the review of what is still to review on the page itself, not on "the review page"."""

import re

import pytest
from django.urls import reverse

from tests.trials.test_review import act, review_url
from trials.models import Criterion, Trial

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def shown_order(html: str) -> list[str]:
    return re.findall(r'<section class="module clause [^"]*" id="(clause-\d+-\d+)"', html)


def waiting_of(trial, place: str) -> list[Criterion]:
    start, end = map(int, place.split("-")[1:])
    return list(trial.criteria.filter(clause_start=start, clause_end=end, status=Criterion.Status.DRAFT))


def section(html: str, place: str) -> str:
    return html.split(f'id="{place}"')[1].split("</section>")[0]


def test_approving_a_clauses_last_draft_opens_the_page_at_the_next_clause_to_review_with_the_message_there(
    admin_client, imported
):
    before = shown_order(admin_client.get(review_url(imported)).content.decode())
    at = next(i for i, place in enumerate(before) if len(waiting_of(imported, place)) == 1)
    [draft] = waiting_of(imported, before[at])
    response = act(admin_client, imported, action="approve", criterion=draft.pk)
    following = before[at + 1]  # the clause that now stands where the approved one stood
    assert response["Location"].endswith(f"?reviewed={following}#{following}")
    html = admin_client.get(response["Location"]).content.decode()
    assert shown_order(html)[at] == following
    assert "Approved: " in section(html, following) and "data-review-message" in section(html, following)
    assert html.count("data-review-message") == 1  # not also at the top of the page, out of sight
    assert "Approved: " not in html.split('id="content-main"')[0]


def test_approving_one_of_several_drafts_stays_at_that_clause(admin_client, imported):
    before = shown_order(admin_client.get(review_url(imported)).content.decode())
    place = next(p for p in before if len(waiting_of(imported, p)) > 1)
    response = act(admin_client, imported, action="approve", criterion=waiting_of(imported, place)[0].pk)
    assert response["Location"].endswith(f"?reviewed={place}#{place}")
    assert "Approved: " in section(admin_client.get(response["Location"]).content.decode(), place)


def test_rejecting_also_keeps_the_place_in_chinese(admin_client, imported):
    before = shown_order(admin_client.get(review_url(imported)).content.decode())
    at = next(i for i, place in enumerate(before) if len(waiting_of(imported, place)) == 1)
    [draft] = waiting_of(imported, before[at])
    url = reverse("admin:trials_trial_review_action", args=[imported.pk])
    response = admin_client.post(url, {"action": "reject", "criterion": draft.pk}, **ZH)
    html = admin_client.get(response["Location"], **ZH).content.decode()
    assert "已驳回" in section(html, before[at + 1])


def test_without_a_place_on_the_page_messages_stay_at_the_top(admin_client, imported):
    url = review_url(imported) + "?reviewed=clause-99999-99999"
    html = admin_client.get(url).content.decode()
    assert "data-review-message" not in html


@pytest.mark.parametrize(
    ("headers", "says", "not_says"),
    [
        ({}, "approve, edit or reject each of them below.", "on the trial's review page first"),
        (ZH, "请在下面逐条批准、编辑或驳回", "请先在该试验的审核页面"),
    ],
)
def test_the_review_page_asks_to_review_the_criteria_below_not_on_the_review_page(
    admin_client, imported, headers, says, not_says
):
    html = admin_client.get(review_url(imported), **headers).content.decode()
    assert says in html and not_says not in html
    response = act(admin_client, imported, action="publish")
    html = admin_client.get(response["Location"], **headers).content.decode()
    assert not_says not in html and not Trial.objects.get(pk=imported.pk).is_published


def test_the_trial_form_still_sends_the_admin_to_the_review_page(imported):
    imported.is_published = True
    assert "on the trial's review page first" in imported.publishing_problem()

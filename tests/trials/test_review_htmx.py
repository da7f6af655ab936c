"""With JavaScript, an approve or reject on the review page is sent by htmx and answered with only the clause it
changed and the coverage (its counts and whether the trial can be published yet), swapped out of band: walk10 took
25 s of full reloads, each jumping the page, to decide 15 drafts. Without JavaScript it stays a POST and a redirect."""

import re

import pytest
from django.urls import reverse

from tests.trials.test_review import act, review_url
from tests.trials.test_review_place import section, shown_order, waiting_of
from trials.models import Criterion

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def act_with_htmx(client, trial, headers=None, **data):
    url = reverse("admin:trials_trial_review_action", args=[trial.pk])
    return client.post(url, data, **HTMX, **(headers or {}))


def problem_count(html: str) -> int:
    found = re.search(r"while (\d+) criteri(?:a are|on is) still to review|还有(\d+)条标准待审核", html)
    return int(found.group(1) or found.group(2))


@pytest.mark.parametrize(
    ("headers", "approved", "counts"),
    [({}, "Approved: ", "still to review."), (ZH, "已批准：", "个尚待审核。")],
    ids=["English", "Chinese"],
)
def test_an_approve_sent_by_htmx_answers_with_only_its_clause_and_the_coverage(
    admin_client, imported, headers, approved, counts
):
    page = admin_client.get(review_url(imported), **headers).content.decode()
    place = next(p for p in shown_order(page) if len(waiting_of(imported, p)) > 1)
    draft = waiting_of(imported, place)[0]
    response = act_with_htmx(admin_client, imported, headers, action="approve", criterion=draft.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="try-heading"' not in html  # not the whole page
    assert shown_order(html) == [place]  # that clause alone
    assert f'<tr class="criterion criterion-approved" data-criterion="{draft.pk}">' in html
    assert approved in section(html, place) and "data-review-message" in section(html, place)
    assert '<section class="module review-coverage" id="review-coverage"' in html and 'hx-swap-oob="true"' in html
    assert counts in html
    assert problem_count(html) == problem_count(page) - 1  # the publish readiness follows
    assert Criterion.objects.get(pk=draft.pk).status == Criterion.Status.APPROVED
    assert "HX-Request" in response["Vary"]


def test_a_reject_sent_by_htmx_shows_the_rejection_in_its_clause(admin_client, imported):
    page = admin_client.get(review_url(imported)).content.decode()
    place = shown_order(page)[0]
    draft = waiting_of(imported, place)[0]
    html = act_with_htmx(admin_client, imported, action="reject", criterion=draft.pk).content.decode()
    assert shown_order(html) == [place]
    assert f'<tr class="criterion criterion-rejected" data-criterion="{draft.pk}">' in html
    assert "Rejected: " in section(html, place)


def test_approving_a_whole_clause_by_htmx_takes_its_offer_away(admin_client, imported):
    page = admin_client.get(review_url(imported)).content.decode()
    place = next(p for p in shown_order(page) if 'class="approve-all"' in section(page, p))
    start, end = map(int, place.split("-")[1:])
    html = act_with_htmx(admin_client, imported, action="approve_clause", start=start, end=end).content.decode()
    assert shown_order(html) == [place]
    assert 'class="approve-all"' not in section(html, place)
    assert "Approved " in section(html, place)


def test_the_swapped_clause_keeps_its_forms_working_without_javascript_and_its_edit_link_back_to_the_page(
    admin_client, imported
):
    page = admin_client.get(review_url(imported)).content.decode()
    place = next(p for p in shown_order(page) if len(waiting_of(imported, p)) > 1)
    first, second = waiting_of(imported, place)[:2]
    html = act_with_htmx(admin_client, imported, action="approve", criterion=first.pk).content.decode()
    action = reverse("admin:trials_trial_review_action", args=[imported.pk])
    assert f'<form method="post" action="{action}" hx-post="{action}">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'?next={review_url(imported)}"' in html and "review/act" not in html.split("?next=")[1][:40]


def test_the_same_approve_without_htmx_is_still_a_redirect_to_the_clause(admin_client, imported):
    page = admin_client.get(review_url(imported)).content.decode()
    place = next(p for p in shown_order(page) if len(waiting_of(imported, p)) > 1)
    response = act(admin_client, imported, action="approve", criterion=waiting_of(imported, place)[0].pk)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?reviewed={place}#{place}")


def test_a_loose_criterion_acted_on_by_htmx_answers_with_the_loose_block(admin_client, imported):
    loose = imported.criteria.filter(clause_start=None).exclude(status=Criterion.Status.REJECTED).first()
    html = act_with_htmx(admin_client, imported, action="reject", criterion=loose.pk).content.decode()
    assert 'id="loose-criteria"' in html and shown_order(html) == []
    assert f'class="criterion criterion-rejected" data-criterion="{loose.pk}"' in html


def test_someone_without_the_right_to_review_gets_nothing_by_htmx_either(client, django_user_model, imported):
    clerk = django_user_model.objects.create_user("clerk", password="a-long-test-password", is_staff=True)
    client.force_login(clerk)
    draft = imported.criteria.filter(status=Criterion.Status.DRAFT).first()
    response = act_with_htmx(client, imported, action="approve", criterion=draft.pk)
    assert response.status_code in (302, 403)
    assert Criterion.objects.get(pk=draft.pk).status == Criterion.Status.DRAFT

"""On the review page each button's accessible name says what it acts on: walkthrough 13 heard "Approve: for the
study team to check" three times over, for drafts of three different clauses. After an approval sent by htmx the
counts follow (the coverage, swapped out of band), and the clause that comes back names its buttons the same way."""

import collections
import re

import pytest

from tests.trials.test_review import review_url
from tests.trials.test_review_htmx import ZH, act_with_htmx, problem_count
from tests.trials.test_review_place import shown_order, waiting_of
from trials.models import Criterion

pytestmark = pytest.mark.django_db


def button_names(html: str) -> list[str]:
    """Each button's and link-button's accessible name: its aria-label, else its text (hidden text included)."""
    names = []
    for attrs, inner in re.findall(r'<(?:button|a class="button")([^>]*)>(.*?)</(?:button|a)>', html, re.S):
        label = re.search(r'aria-label="([^"]*)"', attrs)
        names.append(label.group(1) if label else " ".join(re.sub(r"<[^>]+>", " ", inner).split()))
    return names


def repeated(names: list[str]) -> list[str]:
    return [name for name, count in collections.Counter(names).items() if count > 1]


@pytest.mark.parametrize("headers", [{}, ZH], ids=["English", "Chinese"])
def test_no_two_buttons_on_the_review_page_share_a_name(admin_client, imported, headers):
    html = admin_client.get(review_url(imported), **headers).content.decode()
    names = button_names(html)
    assert len(names) > 20
    assert repeated(names) == []


def test_a_draft_left_for_the_study_team_is_approved_by_a_button_naming_its_clause(admin_client, imported):
    html = admin_client.get(review_url(imported)).content.decode()
    team = [name for name in button_names(html) if name.endswith(": for the study team to check")]
    assert team and all(
        re.fullmatch(r"(Approve|Edit|Reject) in clause \d+: for the study team to check", n) for n in team
    )


def test_in_chinese_the_button_names_its_clause_in_one_chinese_phrase(admin_client, imported):
    html = admin_client.get(review_url(imported), **ZH).content.decode()
    assert re.search(r'aria-label="批准条款\d+中的标准：', html)


def test_an_approve_all_button_names_its_clause(admin_client, imported):
    html = admin_client.get(review_url(imported)).content.decode()
    approve_all = [name for name in button_names(html) if name.startswith("Approve the ") or " drafts: " in name]
    assert approve_all and all(re.search(r"Clause \d+ \((inclusion|exclusion)\)$", name) for name in approve_all)


def test_after_an_approval_by_htmx_the_counts_follow_and_the_clause_s_buttons_keep_their_names(admin_client, imported):
    page = admin_client.get(review_url(imported)).content.decode()
    place = next(p for p in shown_order(page) if len(waiting_of(imported, p)) > 1)
    draft = waiting_of(imported, place)[0]
    html = act_with_htmx(admin_client, imported, action="approve", criterion=draft.pk).content.decode()
    to_review = int(re.search(r"(\d+) still to review\.", page).group(1))
    assert 'id="review-coverage"' in html and 'hx-swap-oob="true"' in html
    assert problem_count(html) == problem_count(page) - 1
    # (clauses still to review: this one still has another draft waiting, so the count of clauses stays)
    assert int(re.search(r"(\d+) still to review\.", html).group(1)) == to_review
    names = button_names(html)
    assert repeated(names) == [] and all(
        " in clause " in n for n in names if n.startswith(("Approve ", "Reject ")) and ": " in n
    )
    assert Criterion.objects.get(pk=draft.pk).status == Criterion.Status.APPROVED

"""The English pages write an apostrophe as ’, as every other sentence of theirs does: the footer under each
patient's page said "study's" beside "study’s" in the page above it."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("seed_trials")


def test_the_footer_under_every_patient_page_uses_the_typographic_apostrophe(client):
    html = client.get(reverse("questionnaire:start")).content.decode()
    footer = re.sub(r"<[^>]+>", "", html.split('<footer class="site-footer">')[1].split("</footer>")[0])
    assert "Each study’s team decides who can take part." in footer
    assert "'" not in footer


PAGES_FIXED_IN_ROUND_12 = [
    "templates/referrals/request_status.html",
    "templates/staff/detail.html",
    "templates/admin/trials/trial/review.html",
    "templates/admin/trials/trial/publish_confirm.html",
]


@pytest.mark.parametrize("template", PAGES_FIXED_IN_ROUND_12)
def test_no_sentence_of_the_request_status_staff_and_review_pages_has_a_straight_apostrophe(template):
    from django.conf import settings

    text = (settings.BASE_DIR / template).read_text(encoding="utf-8")
    sentences = re.findall(r'{% translate "((?:[^"\\]|\\.)*)" %}', text)
    assert sentences  # the page's sentences were found
    assert [s for s in sentences if re.search(r"[A-Za-z]'[A-Za-z]", s)] == []

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


def _english_sentences(text: str) -> list[str]:
    """Every sentence a template gives to translation: `{% translate "…" %}`, and both forms of a
    `{% blocktranslate %}` (the singular and, after `{% plural %}`, the plural)."""
    sentences = re.findall(r'{% translate "((?:[^"\\]|\\.)*)"', text)
    for block in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text, re.S):
        sentences.extend(block.split("{% plural %}"))
    return sentences


def test_the_template_reader_finds_both_forms_of_a_plural_sentence():
    text = "{% blocktranslate count counter=n %}{{ counter }} criterion{% plural %}{{ counter }} criteria{% endblocktranslate %}"
    assert _english_sentences(text) == ["{{ counter }} criterion", "{{ counter }} criteria"]


def test_no_sentence_of_any_template_singular_or_plural_has_a_straight_apostrophe():
    """Round 13: the staff page's folded lists read "in the registry's words" (a plural sentence, which the test
    above did not read), as did a sentence of the staff page and one of the review page."""
    from django.conf import settings

    found = []
    for template in sorted((settings.BASE_DIR / "templates").rglob("*.html")):
        for sentence in _english_sentences(template.read_text(encoding="utf-8")):
            if re.search(r"[A-Za-z]'[A-Za-z]", sentence):
                found.append((template.name, sentence))
    assert found == []


def test_the_staff_page_counts_criteria_in_the_registry_s_words_with_the_typographic_apostrophe():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        html = render_to_string(
            "staff/_outcomes.html",
            {"outcomes": {"open": [], "study_team": [{"sentence": "A", "outcome": "unknown"}] * 2}},
        )
    assert "2 criteria for you to check at screening, in the registry’s words" in html
    assert "registry's" not in html

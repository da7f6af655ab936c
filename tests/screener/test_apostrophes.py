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

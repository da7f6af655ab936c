"""An FEV1/FVC typed as a percentage ("85") is shown back in a form the patient recognises: walkthrough 13 typed 85
and read "0.85" on "Check your answers". A ratio is now shown as reports print it either way, "0.85 (85%)", so the
patient finds what she typed whichever way she typed it; what is stored and judged is unchanged."""

import re

import pytest
from django.urls import reverse

from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import answer, answer_everything, answer_page, start, walk_to
from tests.trials.profiles import MATCHES_ILD

pytestmark = pytest.mark.usefixtures("seed_trials")


def check_page_after_typing(client, typed: str) -> tuple[str, str]:
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, MATCHES_ILD, "fev1_fvc_ratio")
    answer_page(client, location, MATCHES_ILD, fev1_fvc_ratio=typed)
    answer_everything(client, screening_id, MATCHES_ILD)
    response = client.get(reverse("questionnaire:check", args=[screening_id]))
    assert response.status_code == 200
    html = response.content.decode()
    return screening_id, " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("typed", ["85", "85%", "0.85"])
def test_a_ratio_typed_either_way_is_shown_both_ways_on_check_your_answers(client, typed):
    screening_id, page = check_page_after_typing(client, typed)
    assert "0.85 (85%)" in page
    assert Screening.objects.get(pk=screening_id).answers["fev1_fvc_ratio"] == "0.85"  # stored and judged as before


def test_in_chinese_the_percentage_is_in_chinese_brackets(client):
    client.cookies["django_language"] = "zh-hans"
    _screening_id, page = check_page_after_typing(client, "85")
    assert "0.85（85%）" in page

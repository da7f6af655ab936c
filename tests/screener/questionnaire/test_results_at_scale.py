"""Results with hundreds of studies: the best shown in full, the rest counted in groups."""

import re

import pytest
from django.urls import reverse

from tests.screener.questionnaire.flow import page_data, start
from tests.screener.questionnaire.test_results import section
from tests.synthetic import make_trials


@pytest.mark.django_db
def test_with_many_studies_the_results_show_the_best_first_and_count_the_rest(client):
    make_trials(400)
    screening_id = start(client)
    profile = {"dx": ["cond05"], "age": "55", "sex": "female"}
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/questions/" in response["Location"]:
        key = response["Location"].split("/questions/")[1].strip("/")
        response = client.post(response["Location"], page_data(client, response["Location"], profile.get(key)))
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    possibles = section(html, "possibles-title")
    assert len(re.findall(r'data-verdict="possible"', possibles)) == 10  # never hundreds of cards
    assert "(20)" in possibles  # the 20 cond05 studies are all possible: every lab is unknown
    assert "And 10 more studies you might match." in possibles
    assert re.search(r"Lab\d\d: \d+ studies", possibles), "the rest are counted by what is still to find out"
    no_matches = section(html, "no-matches-title")
    assert "(380)" in no_matches and "And 375 other studies that are not a match." in no_matches

"""The blood-test screen shows only the tests some open study needs (decision 0056), so its introduction names
none of them: it named "the liver and kidney tests, the blood count, and HbA1c" on a page asking only for
haemoglobin, platelets and neutrophils (walkthrough 13, finding 11)."""

import re

import pytest

from tests.screener.questionnaire.flow import screen_keys, start, walk_to
from tests.trials.profiles import COPD, ILD, MATCHES_ILD
from trials.models import Criterion, Question, Trial
from trials.registry.importing import ensure_questions

pytestmark = pytest.mark.usefixtures("seed_trials")

NAMED_ELSEWHERE = {
    "en": ["liver", "kidney", "HbA1c", "blood count"],
    "zh-hans": ["肝肾功能", "糖化血红蛋白", "血常规"],
}


def blood_count_only_page(client, language: str) -> tuple[list[str], str]:
    keys = ["haemoglobin_g_l", "platelets_10e9_l", "anc_10e9_l"]
    ensure_questions(keys)
    blood = {"alt_x_uln", "ast_x_uln", "bilirubin_x_uln", "creatinine_x_uln", "egfr", "eosinophils_per_ul", "hba1c_pct"}
    Criterion.objects.filter(trial__nct_id__in=[COPD, ILD], question__key__in=blood).delete()
    for key in keys:
        Criterion.objects.create(
            trial=Trial.objects.get(nct_id=ILD),
            kind="inclusion",
            question=Question.objects.get(key=key),
            min_value=1,
            source_text="Adequate blood counts",
            status="approved",
        )
    client.cookies["django_language"] = language
    location = walk_to(client, start(client), MATCHES_ILD, "haemoglobin_g_l")
    page = client.get(location).content.decode()
    intro = re.search(r"</h1>\s*<p class=\"hint\"[^>]*>(.*?)</p>", page, re.S).group(1)
    return screen_keys(page), intro


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_blood_test_introduction_names_no_test_the_page_does_not_show(client, language):
    shown, intro = blood_count_only_page(client, language)
    assert set(shown) == {"haemoglobin_g_l", "platelets_10e9_l", "anc_10e9_l"}
    assert not [word for word in NAMED_ELSEWHERE[language] if word in intro], intro
    assert ("blood test reports" if language == "en" else "验血报告") in intro

"""The start page at any size: a page of studies at a time, searched by condition and place."""

import re

import pytest
from django.urls import reverse

from tests.synthetic import make_trials

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_trials():
    make_trials(65)  # conditions "Condition 01".."Condition 20"; sites in 8 cities (Lyon is every 8th)


def listed(html: str) -> list[str]:
    return re.findall(r'href="/studies/(NCT\d{8})/"', html)


def test_the_start_page_lists_one_page_of_studies_with_a_link_to_the_next(client, many_trials):
    html = client.get(reverse("questionnaire:start")).content.decode()
    assert len(listed(html)) == 20
    assert "65 studies, page 1 of 4" in html
    assert 'rel="next" href="?page=2#studies"' in html
    last = client.get(reverse("questionnaire:start"), {"page": 4}).content.decode()
    assert len(listed(last)) == 5 and 'rel="prev"' in last and 'rel="next"' not in last


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "condition 07"}, {f"NCT{90000000 + i:08d}" for i in range(65) if i % 20 == 6}),
        ({"place": "lyon"}, {f"NCT{90000000 + i:08d}" for i in range(65) if i % 8 == 3}),
        ({"place": "France"}, {f"NCT{90000000 + i:08d}" for i in range(65) if i % 8 == 3}),
        (
            {"q": "Condition 04", "place": "Lyon"},
            {f"NCT{90000000 + i:08d}" for i in range(65) if i % 20 == 3 and i % 8 == 3},
        ),
        ({"q": "no such illness"}, set()),
    ],
    ids=["by condition", "by city", "by country", "both", "nothing found"],
)
def test_patients_search_studies_by_condition_and_place(client, many_trials, query, expected):
    html = client.get(reverse("questionnaire:start"), query).content.decode()
    assert set(listed(html)) == expected
    for value in query.values():
        assert f'value="{value}"' in html  # what they typed stays in the box
    if not expected:
        assert "No studies match your search." in html


def test_search_results_page_on_with_the_search_kept(client, many_trials):
    html = client.get(reverse("questionnaire:start"), {"place": "China"}).content.decode()
    assert 'href="?place=China&amp;page=2#studies"' in html


def test_browsing_offers_the_commonest_conditions_and_countries(client, many_trials):
    html = client.get(reverse("questionnaire:start")).content.decode()
    assert 'href="?q=Condition%2001#studies"' in html
    assert 'href="?place=China#studies"' in html


def test_too_long_a_search_is_refused_politely(client, many_trials):
    response = client.get(reverse("questionnaire:start"), {"q": "x" * 101})
    assert response.status_code == 200
    assert "Use at most 100 characters." in response.content.decode()


@pytest.mark.parametrize(
    "headers, search_place_label",
    [
        ({}, "Where the study runs: city, region or country"),
        ({"HTTP_ACCEPT_LANGUAGE": "zh-CN"}, "研究所在地：城市、省份或国家"),
    ],
    ids=["en", "zh"],
)
def test_the_start_button_comes_before_the_study_search_so_the_first_place_field_is_the_patients_own(
    seed_trials, headers, search_place_label
):
    from tests.formdata import BrowserClient

    html = BrowserClient(**headers).get(reverse("questionnaire:start")).content.decode()
    start_button, search = html.index('class="button button-start"'), html.index('role="search"')
    assert start_button < search
    assert html.index('id="id_place"') < start_button  # "Your town or city", for the screening
    assert search_place_label in html[search:]  # the search's place names where the study runs, not the patient


def test_a_browse_link_counts_its_studies_in_brackets_with_a_space_in_english_and_none_before_chinese_brackets(
    client, many_trials
):
    english = client.get(reverse("questionnaire:start")).content.decode()
    assert re.search(r'href="\?place=China#studies">China</a> \(\d+\)', english)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    chinese = client.get(reverse("questionnaire:start")).content.decode()
    assert re.search(r'href="\?place=China#studies">中国</a>（\d+）', chinese)
    assert "</a> （" not in chinese


@pytest.fixture
def copd_named_three_ways(seed_trials):
    """Beside the seed's "Chronic Obstructive Pulmonary Disease (COPD)", studies registered under two other names of
    the same condition, one of them under both."""
    from trials.models import CatalogueVersion, Trial

    for number, conditions in enumerate(
        [["COPD"], ["Pulmonary Disease, Chronic Obstructive"], ["COPD", "Pulmonary Disease, Chronic Obstructive"]]
    ):
        Trial.objects.create(
            nct_id=f"NCT0990000{number}",
            brief_title=f"Another COPD study {number}",
            conditions=conditions,
            overall_status="RECRUITING",
            is_published=True,
        )
    CatalogueVersion.bump()


def browse_links(html: str, parameter: str = "q") -> list[tuple[str, str]]:
    """(the link's words, its count) for each condition the start page offers to browse."""
    return re.findall(rf'href="\?{parameter}=[^"#]*#studies">([^<]+)</a>\s*[（(](\d+)[)）]', html)


def test_a_condition_registered_under_several_names_is_offered_once_with_every_study_counted_once(
    client, copd_named_three_ways
):
    english = browse_links(client.get(reverse("questionnaire:start")).content.decode())
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    chinese = browse_links(client.get(reverse("questionnaire:start")).content.decode())
    copd = "慢性阻塞性肺疾病（慢阻肺，COPD）"
    assert [count for name, count in chinese if name == copd] == ["4"]  # the seed study and the three others
    assert len(chinese) == len(set(name for name, _count in chinese))
    assert len(english) == len(chinese)  # in English too, COPD is one link, named as most studies name it
    assert sum(1 for name, _count in english if "COPD" in name or "Obstructive" in name) == 1


def browse_counts(client) -> dict[str, str]:
    """{a browse link's words: its count} for every condition and country link on the start page."""
    html = client.get(reverse("questionnaire:start")).content.decode()
    return dict(browse_links(html)) | dict(browse_links(html, "place"))


def add_copd_study(number: int, hospitals: int = 1, published: bool = True):
    """A COPD study recruiting in China at `hospitals` hospitals, saved as an admin or an import saves it."""
    from trials.models import Site, Trial

    trial = Trial.objects.create(
        nct_id=f"NCT0980000{number}",
        brief_title=f"A further COPD study {number}",
        conditions=["Chronic Obstructive Pulmonary Disease (COPD)"],
        overall_status="RECRUITING",
        is_published=published,
    )
    for hospital in range(hospitals):
        Site.objects.create(trial=trial, facility=f"Hospital {number}-{hospital}", city="Hangzhou", country="China")
    return trial


COPD = "Chronic Obstructive Pulmonary Disease (COPD)"


def test_the_browse_counts_follow_every_publish_unpublish_and_edit_without_a_restart(client, seed_trials):
    assert browse_counts(client)[COPD] == "1"  # the start page was seen: the catalogue is loaded
    imported = [add_copd_study(number, published=False) for number in (1, 2)]
    assert browse_counts(client)[COPD] == "1"  # imported, not yet published
    for trial in imported:
        trial.is_published = True
        trial.save()
    counts = browse_counts(client)
    assert (counts[COPD], counts["China"]) == ("3", "3")
    imported[0].is_published = False
    imported[0].save()
    counts = browse_counts(client)
    assert (counts[COPD], counts["China"]) == ("2", "2")
    imported[1].conditions = ["Asthma"]
    imported[1].save()
    imported[1].sites.update(country="Japan")  # a bulk change, then one site saved: the trial is named again
    imported[1].sites.first().save()
    counts = browse_counts(client)
    assert (counts[COPD], counts["China"], counts["Asthma"], counts["Japan"]) == ("1", "1", "1", "1")


def test_a_country_counts_its_studies_not_their_hospitals(client, seed_trials):
    for number in (1, 2):
        add_copd_study(number, hospitals=3)  # with the seed study's one hospital: 3 studies at 7 hospitals
    assert browse_counts(client)["China"] == "3"
    html = client.get(reverse("questionnaire:start"), {"place": "China"}).content.decode()
    assert len(listed(html)) == 3


def test_a_browse_link_finds_every_study_its_count_counted_whichever_spelling_names_it(client, seed_trials):
    """The commonest spelling is "Chronic Obstructive Pulmonary Disease (COPD)", the link's words; the others are
    the same condition and were counted under it."""
    from trials.models import CatalogueVersion, Trial

    add_copd_study(1)
    for number, conditions in enumerate([["COPD"], ["Pulmonary Disease, Chronic Obstructive"]]):
        Trial.objects.create(
            nct_id=f"NCT0990000{number}",
            brief_title=f"Another study {number}",
            conditions=conditions,
            overall_status="RECRUITING",
            is_published=True,
        )
    CatalogueVersion.bump()
    html = client.get(reverse("questionnaire:start")).content.decode()
    link = re.search(rf'href="(\?q=[^"#]*)#studies">{re.escape(COPD)}</a> \((\d+)\)', html)
    assert link and link[2] == "4"
    found = listed(client.get(reverse("questionnaire:start") + link[1].replace("&amp;", "&")).content.decode())
    assert len(found) == 4
    for typed in ("COPD", "慢阻肺", COPD):
        assert len(listed(client.get(reverse("questionnaire:start"), {"q": typed}).content.decode())) == 4, typed


# The start page's list of this browser's screenings counts every answer given


def _start_page_count(client) -> str:
    html = client.get(reverse("questionnaire:start")).content.decode()
    return re.search(r"(\d+) answers?\)", html).group(1)


def test_a_new_study_s_question_does_not_make_the_start_page_count_fewer_answers(client, seed_trials):
    from decimal import Decimal

    from screener.questionnaire.models import Screening
    from tests.screener.questionnaire.flow import answer_everything, start
    from tests.trials.profiles import MATCHES_COPD
    from trials.models import Criterion, Question, Trial

    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    given = len(Screening.objects.get(pk=screening_id).answers)
    assert given > 3 and _start_page_count(client) == str(given)
    Criterion.objects.create(  # a new rule, asked before most of the patient's answers on the path
        trial=Trial.objects.get(nct_id="NCT07355868"),
        kind="inclusion",
        question=Question.objects.get(key="bmi"),
        min_value=Decimal(18),
        status="approved",
        source_text="BMI at least 18",
    )
    html = client.get(reverse("questionnaire:start")).content.decode()
    assert "Continue your screening" in html
    assert _start_page_count(client) == str(given)


def test_a_fresh_screening_counts_no_answers_and_one_answer_as_one(client, seed_trials):
    from tests.screener.questionnaire.flow import answer, start

    screening_id = start(client)
    assert _start_page_count(client) == "0"
    answer(client, screening_id, "diagnoses", ["copd"])
    assert _start_page_count(client) == "1"

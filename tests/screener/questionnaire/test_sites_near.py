"""Sites near the patient: where they are, how far they can travel, the nearest site of each study,
and studies out of reach set apart without their questions."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import answer_everything, owned_ids
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD
from trials.models import Site, Trial

pytestmark = pytest.mark.usefixtures("seed_trials")

HANGZHOU = {"place": "杭州", "travel": "50"}  # the COPD study's one site is in Yiwu, ~109 km away


def start_from(client, where: dict) -> str:
    response = client.post(reverse("questionnaire:start"), where)
    assert response.status_code == 302, response.content.decode()[:3000]
    return owned_ids(client)[0]


def results_html(client, screening_id) -> str:
    return client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()


def test_the_start_page_asks_where_the_patient_is_optionally(client):
    html = client.get(reverse("questionnaire:start")).content.decode()
    assert "Find studies near you (optional)" in html
    assert 'list="place-suggestions"' in html and f'hx-get="{reverse("questionnaire:place_suggestions")}"' in html
    for km in ("50", "100", "300", "anywhere"):
        assert f'name="travel" value="{km}"' in html


def test_suggestions_come_from_the_offline_list(client):
    html = client.get(reverse("questionnaire:place_suggestions"), {"place": "杭"}).content.decode()
    assert '<option value="杭州 (Hangzhou, China)">' in html


def test_a_town_that_cannot_be_found_gets_a_polite_error_and_keeps_what_was_typed(client):
    response = client.post(reverse("questionnaire:start"), {"place": "Xyzzyville", "travel": "50"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("We could not find “Xyzzyville”.") == 2 and 'value="Xyzzyville"' in html
    assert not Screening.objects.exists()


def test_a_distance_without_a_place_is_refused(client):
    response = client.post(reverse("questionnaire:start"), {"travel": "100"})
    assert "Say where you are, or choose “Any distance”." in response.content.decode()


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_a_study_out_of_reach_is_not_asked_about_and_is_listed_apart(client):
    screening_id = start_from(client, HANGZHOU)
    screening = Screening.objects.get(pk=screening_id)
    assert screening.place["name"] == "杭州" and screening.travel_km == 50
    assert screening.place["label"] == "Hangzhou, China"  # read on an English page (decision 0103)
    asked = answer_everything(client, screening_id, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"]})
    assert "sixmwd_m" not in asked  # only the COPD study needs it, and its site is out of reach
    html = results_html(client, screening_id)
    near_not = html.split('id="not-near-title"')[1].split("</section>")[0]
    assert f'data-not-near="{COPD}"' in near_not
    assert (
        "Nearest hospital, about 109 km away: The Fourth Hospital of Zhejiang University School of Medicine, "
        "Yiwu, Zhejiang, China" in text_of(near_not)
    )
    assert f'data-nct-id="{COPD}"' not in html.split('id="not-near-title"')[0]
    # The ILD study lists no hospital, so it is not near either, and says why.
    no_site = near_not.split(f'data-not-near="{ILD}"')[1].split("</li>")[0]
    assert "The registry does not list a hospital yet." in text_of(no_site)
    assert "Nearest hospital" not in no_site
    assert "data-no-site" not in near_not.split(f'data-not-near="{ILD}"')[0]  # the COPD study has a site


def test_a_study_that_lists_no_hospital_is_asked_about_when_the_patient_travels_anywhere(client):
    screening_id = start_from(client, {"place": "杭州", "travel": "anywhere"})
    asked = answer_everything(client, screening_id, {**MATCHES_ILD, "diagnoses": ["ild"]})
    assert "dlco_pct_pred" in asked  # only the ILD study needs it
    assert 'id="not-near-title"' not in results_html(client, screening_id)


def test_a_study_that_lists_no_hospital_is_not_asked_about_within_a_distance(client):
    screening_id = start_from(client, {"place": "杭州", "travel": "300"})
    asked = answer_everything(client, screening_id, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"]})
    assert "dlco_pct_pred" not in asked and "sixmwd_m" in asked
    html = results_html(client, screening_id)
    hopeful = "".join(  # the matches and the possibles
        html.split(f'id="{group}-title"')[1].split("</section>")[0]
        for group in ("matches", "possibles")
        if f'id="{group}-title"' in html
    )
    assert f'data-nct-id="{ILD}"' not in hopeful and f'data-nct-id="{COPD}"' in hopeful


def test_with_enough_reach_the_study_is_asked_about_and_shows_its_nearest_site(client):
    screening_id = start_from(client, {**HANGZHOU, "travel": "300"})
    asked = answer_everything(client, screening_id, MATCHES_COPD)
    assert "sixmwd_m" in asked
    html = results_html(client, screening_id)
    assert 'id="not-near-title"' not in html
    assert (
        "Nearest hospital, about 109 km from you: The Fourth Hospital of Zhejiang University School of Medicine, "
        "Yiwu, Zhejiang, China" in text_of(html)
    )


def test_the_nearest_of_a_studys_sites_is_shown(client):
    Site.objects.create(
        trial=Trial.objects.get(nct_id=COPD),
        facility="Hangzhou First",
        city="Hangzhou",
        country="China",
        latitude=Decimal("30.25"),
        longitude=Decimal("120.17"),
        recruitment_status="RECRUITING",
    )
    screening_id = start_from(client, {**HANGZHOU, "travel": "50"})
    answer_everything(client, screening_id, MATCHES_COPD)
    html = results_html(client, screening_id)
    assert "Nearest hospital, about 5 km from you: Hangzhou First, Hangzhou, China" in text_of(html)


def test_studies_in_each_group_are_listed_nearest_first(client):
    ild = Trial.objects.get(nct_id=ILD)
    Site.objects.create(
        trial=ild,
        facility="Shanghai Pulmonary",
        city="Shanghai",
        country="China",
        latitude=Decimal("31.23"),
        longitude=Decimal("121.47"),
        recruitment_status="",
    )
    both = {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd", "ild"], "sex": "male", "age": "60"}
    for place, first in (("Yiwu", COPD), ("Shanghai", ILD)):
        client.cookies.clear()
        screening_id = start_from(client, {"place": place, "travel": "anywhere"})
        answer_everything(client, screening_id, {**both, "sixmwd_m": None, "dlco_pct_pred": None})
        html = results_html(client, screening_id)
        possibles = html.split('id="possibles-title"')[1].split("</section>")[0]
        order = [nct for nct in (COPD, ILD) if f'data-nct-id="{nct}"' in possibles]
        assert len(order) == 2, possibles[:500]
        assert sorted(order, key=possibles.index)[0] == first


def test_the_browsers_location_is_kept_rounded_to_about_a_kilometre(client):
    screening_id = start_from(client, {"latitude": "30.293651", "longitude": "120.161428", "travel": "300"})
    place = Screening.objects.get(pk=screening_id).place
    assert (place["latitude"], place["longitude"], place["source"]) == (30.29, 120.16, "browser")


def test_where_can_be_changed_later_and_the_walk_follows(client):
    screening_id = start_from(client, HANGZHOU)
    asked = answer_everything(client, screening_id, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"]})
    assert asked == []  # the COPD study is out of reach, and the ILD study lists no hospital
    response = client.post(reverse("questionnaire:where", args=[screening_id]), {"place": "Yiwu", "travel": "50"})
    assert response.status_code == 302
    # The COPD study is now in reach, so its questions are asked.
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    assert response["Location"].endswith("/questions/diagnoses/")


def test_another_browser_cannot_change_where_the_patient_is(client, django_app_client):
    screening_id = start_from(client, HANGZHOU)
    assert django_app_client.get(reverse("questionnaire:where", args=[screening_id])).status_code == 404


def test_check_your_answers_and_the_summary_say_where_the_patient_is(client):
    screening_id = start_from(client, HANGZHOU)
    answer_everything(client, screening_id, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"]})
    check = client.get(reverse("questionnaire:check", args=[screening_id])).content.decode()
    assert "<dd data-where>Hangzhou, China: up to 50 km</dd>" in check  # typed in Chinese, read on an English page
    summary = client.get(reverse("questionnaire:summary", args=[screening_id])).content.decode()
    assert f"Not asked about, because no hospital is within 50 km: {COPD}, {ILD}." in summary


def test_a_district_name_two_cities_share_is_asked_back_and_the_chosen_one_kept(client):
    response = client.post(reverse("questionnaire:start"), {"place": "朝阳区", "travel": "50"})
    html = response.content.decode()
    assert response.status_code == 200 and not Screening.objects.exists()
    assert "There is more than one “朝阳区”." in html and 'value="朝阳区"' in html
    assert "朝阳区 (北京市, China)" in html and "朝阳区 (长春市, China)" in html
    screening_id = start_from(client, {"place": "朝阳区 (北京市, China)", "travel": "50"})
    place = Screening.objects.get(pk=screening_id).place
    assert place["label"] == "朝阳区 (北京市, China)" and round(place["latitude"]) == 40


def test_a_district_name_only_one_city_has_is_taken_without_asking(client):
    screening_id = start_from(client, {"place": "海淀", "travel": "50"})
    assert Screening.objects.get(pk=screening_id).place["label"] == "海淀区 (北京市, China)"


def test_in_chinese_check_your_answers_puts_a_full_width_colon_after_the_place(client):
    screening_id = start_from(client, HANGZHOU)
    answer_everything(client, screening_id, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"]})
    client.cookies["django_language"] = "zh-hans"
    check = client.get(reverse("questionnaire:check", args=[screening_id])).content.decode()
    where = re.search(r"<dd data-where>(.*?)</dd>", check).group(1)
    assert where.startswith("杭州") and "：50" in where.replace(" ", "") and ": " not in where
    summary = client.get(reverse("questionnaire:summary", args=[screening_id])).content.decode()
    # the ILD seed study lists no hospital, so it is out of reach too (decision 0098)
    assert f"公里内没有医院：{COPD}，{ILD}。" in summary and f"{ILD}." not in summary


def test_in_chinese_a_study_that_lists_no_hospital_is_not_near_and_says_why(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    screening_id = start_from(client, HANGZHOU)
    html = results_html(client, screening_id)
    no_site = html.split(f'data-not-near="{ILD}"')[1].split("</li>")[0]
    assert "登记资料中还没有列出医院。" in no_site
    assert "或者还没有列出医院，所以我们没有询问这些研究的问题" in html


@pytest.mark.parametrize(
    "language, distance_said, answers_blamed",
    [
        (
            "en",
            "No study has a hospital within the distance you can travel.",
            ("No study matches all of your answers.", "the answers that ruled you out", "If an answer was a guess"),
        ),
        (
            "zh-hans",
            "在您能去的距离内，没有一项研究设有医院。",
            ("没有一项研究与您的全部回答都相符。", "让您不符合的那些回答", "如果某个回答是估计的"),
        ),
    ],
)
def test_when_every_study_is_out_of_reach_the_results_blame_the_distance_not_the_answers(
    client, language, distance_said, answers_blamed
):
    # From Hangzhou within 50 km nothing is near (the COPD study's hospital is 109 km away, the ILD study lists
    # none), so no question is asked and no answer rules anything out: saying none "matches your answers" is wrong.
    client.cookies["django_language"] = language
    html = results_html(client, start_from(client, HANGZHOU))
    lead = html.split("data-no-match-yet>")[1].split("</p>")[0]
    assert lead == distance_said
    for blame in answers_blamed:
        assert blame not in html


def test_when_a_study_rules_the_patient_out_the_results_still_point_at_the_answers(client):
    # Within 300 km the COPD study is near and rules out a patient with ILD; the ILD study, listing no
    # hospital, is not near.
    screening_id = start_from(client, {"place": "杭州", "travel": "300"})
    answer_everything(client, screening_id, {"diagnoses": ["ild"]})
    html = results_html(client, screening_id)
    assert f'data-not-near="{ILD}"' in html and f'data-nct-id="{COPD}" data-verdict="no_match"' in html
    assert "No study matches all of your answers." in html
    assert "the answers that ruled you out could change" in html and "If an answer was a guess" in html
    assert "No study has a hospital within the distance you can travel." not in html


@pytest.mark.parametrize(
    "where, marker, end",
    [
        ({"place": "杭州", "travel": "300"}, 'class="nearest-site"', "</p>"),  # a near study, among the results
        (HANGZHOU, f'data-not-near="{COPD}"', "</li>"),  # a study out of reach, listed apart
    ],
)
def test_in_chinese_the_nearest_hospital_follows_its_full_width_colon_with_no_space(client, where, marker, end):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    screening_id = start_from(client, where)
    answer_everything(client, screening_id, MATCHES_COPD)
    line = text_of(results_html(client, screening_id).split(marker)[1].split(end)[0])
    assert "公里）：浙江大学医学院附属第四医院" in line
    assert "： " not in line


def test_in_english_the_nearest_hospital_follows_its_colon_after_a_space(client):
    screening_id = start_from(client, {"place": "杭州", "travel": "300"})
    answer_everything(client, screening_id, MATCHES_COPD)
    html = results_html(client, screening_id)
    line = text_of(html.split('class="nearest-site"')[1].split("</p>")[0])
    assert "Nearest hospital, about 109 km from you: The Fourth Hospital" in line

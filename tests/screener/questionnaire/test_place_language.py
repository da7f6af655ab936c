"""Where the patient said they are reads in the language of the page showing it, not the one it was saved on
(decision 0103): a town chosen on an English page reads "杭州（Hangzhou，中国）" on a Chinese one, 杭州 chosen on a
Chinese page reads "Hangzhou, China" on an English one, and the browser's location is "where you are now" in each.
A name known in one script only stays as it is (a Chinese district on an English page, a town the table of Chinese
city names does not list on a Chinese page), with the country in the page's language."""

import pytest
from django.urls import reverse

from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import answer_everything, owned_ids
from tests.screener.questionnaire.test_sites_near import start_from, text_of
from tests.trials.profiles import MATCHES_COPD

pytestmark = pytest.mark.usefixtures("seed_trials")


def read_in(client, language: str, screening_id) -> tuple[str, str, str]:
    """(check your answers' "where" line, the results' sentence about it, the where page's box) in `language`."""
    client.cookies["django_language"] = language
    check = client.get(reverse("questionnaire:check", args=[screening_id])).content.decode()
    where_line = check.split("<dd data-where>")[1].split("</dd>")[0]
    results = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    sentence = text_of(results.split('class="where-now">')[1].split("</p>")[0])
    where = client.get(reverse("questionnaire:where", args=[screening_id])).content.decode()
    box = where.split('name="place"')[1].split(">")[0]
    return where_line, sentence, box


def started_in(client, language: str, where: dict) -> str:
    client.cookies["django_language"] = language
    screening_id = start_from(client, where)
    answer_everything(client, screening_id, MATCHES_COPD)  # "check your answers" opens on a finished walk
    return screening_id


def test_a_town_chosen_on_an_english_page_reads_in_chinese_on_a_chinese_page(client):
    screening_id = started_in(client, "en", {"place": "Hangzhou", "travel": "300"})
    line, sentence, box = read_in(client, "zh-hans", screening_id)
    assert line == "杭州（Hangzhou，中国）：300公里以内"
    assert "杭州（Hangzhou，中国）" in sentence and "Hangzhou, China" not in sentence
    assert 'value="杭州（Hangzhou，中国）"' in box


def test_a_town_chosen_on_a_chinese_page_reads_in_english_on_an_english_page(client):
    screening_id = started_in(client, "zh-hans", {"place": "杭州", "travel": "300"})
    assert Screening.objects.get(pk=screening_id).place["name"] == "杭州"
    line, sentence, box = read_in(client, "en", screening_id)
    assert line == "Hangzhou, China: up to 300 km"
    assert sentence.startswith("Studies with a hospital within 300 km of Hangzhou, China.")
    assert 'value="Hangzhou, China"' in box
    # and back on a Chinese page it reads as it was typed
    assert read_in(client, "zh-hans", screening_id)[0].startswith("杭州（Hangzhou，中国）")


def test_the_town_in_the_where_box_is_read_back_as_the_same_place_in_either_language(client):
    screening_id = started_in(client, "en", {"place": "Hangzhou", "travel": "300"})
    before = Screening.objects.get(pk=screening_id).place
    for language in ("zh-hans", "en"):
        _line, _sentence, box = read_in(client, language, screening_id)
        typed = box.split('value="')[1].split('"')[0]
        response = client.post(reverse("questionnaire:where", args=[screening_id]), {"place": typed, "travel": "300"})
        assert response.status_code == 302
        after = Screening.objects.get(pk=screening_id).place
        assert (after["latitude"], after["longitude"]) == (before["latitude"], before["longitude"])


@pytest.mark.parametrize(
    ("saved_in", "read_in_language", "line"),
    [
        ("en", "zh-hans", "您现在所在的位置"),
        ("zh-hans", "en", "where you are now"),
    ],
)
def test_the_browsers_location_is_named_in_the_page_s_language(client, saved_in, read_in_language, line):
    client.cookies["django_language"] = saved_in
    response = client.post(
        reverse("questionnaire:start"), {"latitude": "30.27", "longitude": "120.15", "travel": "300"}
    )
    assert response.status_code == 302
    screening_id = owned_ids(client)[0]
    answer_everything(client, screening_id, MATCHES_COPD)
    assert read_in(client, read_in_language, screening_id)[0].startswith(line)


def test_a_chinese_district_has_no_english_name_and_stays_as_it_is_with_the_country_in_english(client):
    screening_id = started_in(client, "zh-hans", {"place": "海淀区", "travel": "300"})
    assert read_in(client, "en", screening_id)[0] == "海淀区 (北京市, China): up to 300 km"
    assert read_in(client, "zh-hans", screening_id)[0].startswith("海淀区（北京市，中国）")


def test_a_town_the_chinese_table_does_not_list_stays_in_english_with_the_country_in_chinese(client):
    screening_id = started_in(client, "en", {"place": "Manchester, United Kingdom", "travel": "anywhere"})
    assert read_in(client, "zh-hans", screening_id)[0].startswith("Manchester，英国")


def test_a_place_saved_before_its_names_were_kept_is_read_back_from_its_label(client):
    screening_id = started_in(client, "en", {"place": "Hangzhou", "travel": "300"})
    place = Screening.objects.get(pk=screening_id).place
    old = {key: place[key] for key in ("latitude", "longitude", "source")} | {"label": "Hangzhou, China"}
    Screening.objects.filter(pk=screening_id).update(place=old)
    assert read_in(client, "zh-hans", screening_id)[0].startswith("杭州（Hangzhou，中国）")
    # a label that no longer reads back as a place at that point is shown as it was saved
    Screening.objects.filter(pk=screening_id).update(place=old | {"label": "Somewhere, Nowhere"})
    assert read_in(client, "zh-hans", screening_id)[0].startswith("Somewhere, Nowhere")


# A site an admin named only in Chinese (no English city or province): an English page names it in English where the
# tables know the name, and otherwise shows the Chinese, marked as Chinese, instead of leaving it out.


def study_place(client, language: str) -> str:
    from tests.trials.profiles import COPD

    client.cookies["django_language"] = language
    html = client.get(reverse("questionnaire:study", args=[COPD])).content.decode()
    return html.split('<div class="site">')[1].split("<p>")[1].split("</p>")[0].split(" · ")[0]


def chinese_only(**names):
    from trials.models import Site

    site = Site.objects.get(trial__nct_id="NCT07355868")
    Site.objects.filter(pk=site.pk).update(**names)


def test_a_site_city_written_only_in_chinese_is_shown_marked_as_chinese_on_an_english_page(client):
    chinese_only(city_en=None, city_zh_hans="义乌", state_en="", state_zh_hans="浙江省")
    assert study_place(client, "en") == ('<span lang="zh-Hans">义乌</span>, <span>Zhejiang</span>, <span>China</span>')
    assert study_place(client, "zh-hans") == "<span>义乌</span>，<span>浙江省</span>，<span>中国</span>"


def test_a_site_city_written_only_in_chinese_is_named_in_english_where_the_table_knows_it(client):
    chinese_only(city_en=None, city_zh_hans="杭州市")
    assert study_place(client, "en") == "<span>Hangzhou</span>, <span>Zhejiang</span>, <span>China</span>"


def test_a_site_named_in_english_reads_as_before_on_both_pages(client):
    assert study_place(client, "en") == "<span>Yiwu</span>, <span>Zhejiang</span>, <span>China</span>"
    assert study_place(client, "zh-hans") == "<span>义乌</span>，<span>浙江</span>，<span>中国</span>"

"""A place or a hospital named inside a sentence reads right in both languages (decision 0117).

- A Chinese sentence puts no space between its own characters and a name that reads in Chinese ("在杭州…周围300公里",
  "请首都医科大学附属北京朝阳医院（中国北京）的团队"), and keeps one where the name meets it in Latin letters, as decision
  0106 keeps Latin names apart ("在 Manchester，英国周围"); a number after a Chinese character takes none either.
- A hospital whose name holds commas ("Beijing Chao-Yang Hospital, Capital Medical University, Beijing") is named
  with its place in brackets on the request form, its confirmation and the results, as the consent names it since
  decision 0111: "… Beijing (Beijing, China)", "首都医科大学附属北京朝阳医院（中国北京）", never glued to the place by
  more commas."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from screener.questionnaire.templatetags.registry_words import site_in_sentence
from screener.templatetags.screener_tags import spaced_in_chinese
from tests.conftest import CONTACT
from tests.screener.questionnaire.test_place_language import read_in, started_in
from tests.screener.questionnaire.test_sites_near import text_of
from trials.models import Site, Trial

pytestmark = pytest.mark.usefixtures("seed_trials")

COMMAS = "Beijing Chao-Yang Hospital, Capital Medical University, Beijing"
COMMAS_ZH = "首都医科大学附属北京朝阳医院"


@pytest.mark.parametrize(
    ("name", "in_chinese"),
    [
        ("杭州（Hangzhou，中国）", "杭州（Hangzhou，中国）"),  # meets the sentence in Chinese and a bracket: no space
        ("您现在所在的位置", "您现在所在的位置"),
        ("Manchester，英国", " Manchester，英国"),  # a Latin start keeps its space, a Chinese end none
        ("Somewhere, Nowhere", " Somewhere, Nowhere "),
        ("301医院", "301医院"),  # a number meets a Chinese character without a space (0106)
        ("", ""),
    ],
)
def test_a_name_in_a_chinese_sentence_is_spaced_only_where_it_meets_latin_letters(name, in_chinese):
    with translation.override("zh-hans"):
        assert spaced_in_chinese(name) == in_chinese
    with translation.override("en"):
        assert spaced_in_chinese(name) == name  # an English sentence holds its own spaces


@pytest.mark.parametrize(
    ("where", "language", "sentence"),
    [
        ({"place": "Hangzhou", "travel": "300"}, "zh-hans", "在杭州（Hangzhou，中国）周围300公里范围内有医院的研究。"),
        (
            {"place": "Manchester, United Kingdom", "travel": "300"},
            "zh-hans",
            "在 Manchester，英国周围300公里范围内有医院的研究。",
        ),
        (
            {"place": "Hangzhou", "travel": "anywhere"},
            "zh-hans",
            "所有地区的研究，离杭州（Hangzhou，中国）最近的排在前面。",
        ),
        ({"place": "Hangzhou", "travel": "300"}, "en", "Studies with a hospital within 300 km of Hangzhou, China."),
    ],
)
def test_the_results_say_where_the_studies_are_near_as_one_sentence(client, where, language, sentence):
    screening_id = started_in(client, "en", where)
    assert read_in(client, language, screening_id)[1].startswith(sentence)


@pytest.fixture
def commas_site():
    """A hospital nobody staffs yet whose registry name holds commas; an admin gave it its Chinese name."""
    return Site.objects.create(
        trial=Trial.objects.get(nct_id="NCT07355868"),
        facility=COMMAS,
        facility_zh_hans=COMMAS_ZH,
        city="Beijing",
        country="China",
        recruitment_status="RECRUITING",
    )


@pytest.mark.parametrize(
    ("language", "translated", "named"),
    [
        ("en", True, f"{COMMAS} (Beijing, China)"),
        ("zh-hans", True, f"{COMMAS_ZH}（中国北京）"),
        ("zh-hans", False, f" {COMMAS}（中国北京）"),  # the registry's English, spaced from the Chinese before it
    ],
)
def test_a_site_whose_name_holds_commas_is_named_with_its_place_in_brackets(commas_site, language, translated, named):
    if not translated:
        commas_site.facility_zh_hans = ""
    with translation.override(language):
        named_here = site_in_sentence(commas_site)
        assert text_of(str(named_here)) == named.strip()
        in_sentence = Template("{% load screener_tags %}[{{ site|spaced_in_chinese }}]").render(
            Context({"site": named_here})
        )
        assert in_sentence.startswith("[ ") is named.startswith(" ")  # a space only before the Latin name


def unstaffed_line(html: str) -> str:
    return text_of(html.split("data-site-unstaffed>")[1].split("</p>")[0])


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", f"Nobody at {COMMAS} (Beijing, China) receives requests through this service yet."),
        ("zh-hans", f"{COMMAS_ZH}（中国北京）目前还没有人通过本服务接收请求。"),
    ],
)
def test_the_request_form_names_a_site_with_commas_in_one_readable_sentence(patient, commas_site, language, line):
    patient.cookies["django_language"] = language
    url = reverse("referrals:refer", args=[patient.screening_id, commas_site.public_id])
    assert unstaffed_line(patient.get(url).content.decode()).startswith(line)


@pytest.mark.parametrize(
    ("language", "confirmation", "results"),
    [
        (
            "en",
            f"We have kept your request for the team running “{{study}}” at {COMMAS} (Beijing, China), but nobody",
            f"You asked the team at {COMMAS} (Beijing, China) to contact you (reference",
        ),
        (
            "zh-hans",
            f"我们已保留您发给负责“{{study}}”这项研究的{COMMAS_ZH}（中国北京）团队的请求，但那里",
            f"您已请{COMMAS_ZH}（中国北京）的研究团队联系您（查询码 ",
        ),
    ],
)
def test_the_confirmation_and_the_results_name_it_the_same_way(patient, commas_site, language, confirmation, results):
    response = patient.post(reverse("referrals:refer", args=[patient.screening_id, commas_site.public_id]), CONTACT)
    assert response.status_code == 302
    patient.cookies["django_language"] = language
    sent = patient.get(response["Location"]).content.decode()
    study = text_of(sent.split("“")[1].split("”")[0])
    assert unstaffed_line(sent).startswith(confirmation.format(study=study))
    page = text_of(patient.get(reverse("questionnaire:results", args=[patient.screening_id])).content.decode())
    assert results in page

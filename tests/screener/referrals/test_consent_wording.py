"""The consent a patient agrees to is one whole sentence in their language, naming the site with its place in
brackets where the language puts it (walk10: "提供给浙江大学医学院附属第四医院，义乌，中国负责“…”这项研究的团队", the place
glued into a legal sentence by commas). A new wording is a new consent version; words already agreed to stay."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from screener.referrals.models import ConsentText, Referral
from tests.chinese import ZH
from tests.conftest import CONTACT
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import answer_everything, start
from tests.trials.profiles import MATCHES_COPD

pytestmark = pytest.mark.django_db

second_version = importlib.import_module(
    "screener.referrals.migrations.0010_consent_names_the_site_with_its_place_in_brackets"
)
FIRST_ENGLISH = ConsentText.DEFAULT_TEXT


def consent_on_the_form(client, site) -> str:
    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    client.screening_id = screening_id
    return client.get(reverse("referrals:refer", args=[screening_id, site.public_id])).content.decode()


@pytest.mark.parametrize(
    ("headers", "sentence"),
    [
        (
            {},
            "will be shared with the team running the study “Treatment of Chronic Obstructive Pulmonary Disease "
            "(COPD) by REGEND007 Cell Therapy” at The Fourth Hospital of Zhejiang University School of Medicine "
            "(Yiwu, Zhejiang, China), so that they can contact me",
        ),
        (
            ZH,
            "提供给负责“用REGEND007细胞疗法治疗慢性阻塞性肺疾病（慢阻肺）”这项研究的浙江大学医学院附属第四医院"
            "（中国浙江义乌）团队，以便他们联系我",
        ),
    ],
    ids=["English", "Chinese"],
)
def test_the_consent_names_the_site_with_its_place_in_brackets_inside_one_sentence(site_a, headers, sentence):
    page = consent_on_the_form(BrowserClient(**headers), site_a)
    assert sentence in page
    assert "第四医院，义乌，中国" not in page and "Medicine, Yiwu, China" not in page


def test_a_site_without_a_place_is_named_without_brackets(site_a):
    site_a.city = site_a.state = site_a.country = ""
    site_a.city_zh_hans = site_a.state_zh_hans = site_a.country_zh_hans = ""
    site_a.save()
    page = consent_on_the_form(BrowserClient(**ZH), site_a)
    assert "这项研究的浙江大学医学院附属第四医院团队，" in page


def test_the_agreed_words_are_kept_on_the_referral_in_the_new_version(site_a):
    client = BrowserClient(**ZH)
    consent_on_the_form(client, site_a)
    client.post(reverse("referrals:refer", args=[client.screening_id, site_a.public_id]), CONTACT)
    referral = Referral.objects.get()
    assert referral.consent.version == "2026-12-v2"
    assert "这项研究的浙江大学医学院附属第四医院（中国浙江义乌）团队" in referral.consent_wording


def test_a_database_showing_the_first_version_gets_the_second_and_its_referrals_keep_their_words(referral_a):
    first = ConsentText.objects.get()
    first.version, first.text_zh_hans = second_version.OLD_VERSION, second_version.OLD_TEXT_ZH_HANS
    first.save()
    agreed = referral_a.consent_wording
    assert ConsentText.current().version == second_version.OLD_VERSION
    second_version.add_the_second_version(apps, None)
    assert ConsentText.current().version == "2026-12-v2"
    assert ConsentText.current().text_zh_hans == ConsentText.DEFAULT_TEXT_ZH_HANS
    assert ConsentText.current().text_en == FIRST_ENGLISH
    referral_a.refresh_from_db()
    assert referral_a.consent == first and referral_a.consent_wording == agreed


def test_a_wording_an_admin_wrote_stays_the_one_shown():
    ConsentText.objects.create(
        version=second_version.OLD_VERSION, text_en=FIRST_ENGLISH, text_zh_hans=second_version.OLD_TEXT_ZH_HANS
    )
    ConsentText.objects.create(
        version="2026-11-hospital", text_en="I agree to share with {site}.", text_zh_hans="我同意。"
    )
    second_version.add_the_second_version(apps, None)
    assert ConsentText.current().version == "2026-11-hospital"
    assert not ConsentText.objects.filter(version="2026-12-v2").exists()

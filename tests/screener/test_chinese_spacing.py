"""Chinese pages put no space where Chinese typography puts none: between a Chinese character and a number, around
a full-width bracket, after full-width punctuation (walk10: "40岁 至 80岁", "150米（含）至 600米（不含）", "查看结果
（…）", "根据日期 2026年9月1日 计算", "不区分种族） 预计值公式", "欢迎， WALKADMIN.")."""

import json

import pytest
from django.urls import reverse

from screener.referrals.models import Referral
from tests.chinese import ZH, badly_spaced
from tests.conftest import log_in_with_second_factor
from tests.formdata import BrowserClient, form_data
from tests.screener.questionnaire.flow import answer_everything, start
from tests.screener.test_chinese import CHINESE_CONTACT, html_of, patient_pages
from tests.trials.profiles import COPD, MATCHES_COPD
from trials.models import Trial

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>40岁 至 80岁</p>", True),
        ("<p>150米（含）至 600米（不含）</p>", True),
        ("<p>查看结果 （2026年12月7日开始）</p>", True),
        ("<p>根据日期 2026年9月1日 计算</p>", True),
        ("<p>GLI（不区分种族） 预计值公式</p>", True),
        ("<p>欢迎， <strong>WALKADMIN</strong></p>", True),
        ("<p>40岁至80岁（含两端）</p>", False),
        ("<p>NCT07355868 有新的转介</p>", False),  # an id is a name, not a number
        ("<p>您的请求 7YWH-U7FH</p>", False),  # and so is a reference code
        ("<li>年龄</li>\n<li>68岁</li>", False),  # two blocks, not one line
        ('<p>由研究团队核对，“<span lang="en">Diagnosis of asthma</span>”</p>', False),
    ],
)
def test_the_spacing_check_finds_what_the_walkthrough_saw_and_nothing_else(html, found):
    assert bool(badly_spaced(html)) is found


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>在 杭州（Hangzhou，中国）周围300公里</p>", True),  # a Chinese name set apart as if it were Latin
        ("<p>您已请 浙江大学医学院附属第四医院 的研究团队联系您</p>", True),
        ("<p>例如 杭州 或 Hangzhou。</p>", True),
        ("<p>在 Manchester，英国周围300公里</p>", False),  # a Latin name keeps its space (0106)
        ("<p>例如杭州或 Hangzhou。</p>", False),
        ("<li>年龄</li>\n<li>六十八岁</li>", False),  # two blocks, not one line
    ],
)
def test_the_stricter_check_also_finds_a_space_between_two_chinese_characters(html, found):
    assert bool(badly_spaced(html, between_chinese=True)) is found


def test_patient_pages_in_chinese_put_no_space_where_chinese_typography_puts_none(seed_trials, site_a):
    client = BrowserClient(**ZH)
    pages = {name: html_of(response) for name, response in patient_pages(client, site_a)}
    screening_id = start(client)
    answer_everything(client, screening_id, {**MATCHES_COPD, "covid_last_4_weeks": None})
    pages["summary"] = html_of(client.get(reverse("questionnaire:summary", args=[screening_id])))
    pages["start, with screenings to carry on"] = html_of(client.get("/"))
    assert "data-own-screening" in pages["start, with screenings to carry on"]
    spaced = {name: badly_spaced(html, between_chinese=True) for name, html in pages.items()}
    assert {name: found for name, found in spaced.items() if found} == {}


def test_staff_and_admin_pages_in_chinese_put_no_space_where_chinese_typography_puts_none(
    seed_trials, site_a, staff_a, admin_client
):
    patient = BrowserClient(**ZH)
    screening_id = start(patient)
    answer_everything(patient, screening_id, MATCHES_COPD)
    patient.post(reverse("referrals:refer", args=[screening_id, site_a.public_id]), CHINESE_CONTACT)
    referral = Referral.objects.get()
    staff = log_in_with_second_factor(BrowserClient(**ZH), staff_a)
    pages = {
        "list": staff.get(reverse("staff:list")),
        "detail": staff.get(reverse("staff:detail", args=[referral.id])),
        "dashboard": staff.get(reverse("staff:dashboard")),
    }
    admin_client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("admin:index")})
    trial = Trial.objects.get(nct_id=COPD)
    pages["admin index"] = admin_client.get(reverse("admin:index"))
    pages["admin review, a profile tried"] = admin_client.get(
        reverse("admin:trials_trial_review", args=[trial.pk]), {"answers": json.dumps({"age": 68, "sixmwd_m": None})}
    )
    spaced = {
        name: badly_spaced(html_of(response), between_chinese=not name.startswith("admin"))
        for name, response in pages.items()
    }
    assert {name: found for name, found in spaced.items() if found} == {}
    assert "欢迎，<strong>" in pages["admin index"].content.decode()
    assert "转介——研究人员" in pages["list"].content.decode()


def test_the_admin_site_pages_contacts_in_chinese_put_no_space_before_a_contacts_number(admin_client, site_a):
    url = reverse("admin:trials_site_change", args=[site_a.pk])
    admin_client.post(reverse("set_language"), {"language": "zh-hans", "next": url})
    data = form_data(admin_client.get(url).content.decode(), "site_form")
    data["contacts-0-name"] = "张" * 201
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    page = html_of(refused)
    assert "<legend>联系人1</legend>" in page
    assert "联系人1：姓名太长（最多200个字符）。" in page
    assert badly_spaced(page) == []


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "<title>Error: The Fourth Hospital"), ("zh-hans", "<title>错误：浙江大学医学院附属第四医院")],
)
def test_a_refused_admin_form_names_the_error_in_its_title_spaced_for_its_language(
    admin_client, site_a, language, title
):
    url = reverse("admin:trials_site_change", args=[site_a.pk])
    admin_client.post(reverse("set_language"), {"language": language, "next": url})
    data = form_data(admin_client.get(url).content.decode(), "site_form")
    data["contacts-0-email"] = "z16zsh@"
    assert title in admin_client.post(url, data).content.decode()

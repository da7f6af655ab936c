"""Every patient and staff page type in Simplified Chinese at 360 px, screenshotted for a person to look at
(test-output/screenshots/zh360-*.png), each with no English sentence outside text marked lang="en"."""

import re

import pytest

from tests.browser.conftest import close_page, log_in_as_admin, open_page, screenshot
from tests.browser.test_chinese_flows import COPD_PATIENT, answer_in_chinese, results_in_chinese, start_in_chinese
from tests.chinese import english_phrases
from tests.conftest import make_staff
from tests.trials.profiles import COPD, ILD
from trials.models import Site

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    screenshot(page, f"zh360-{name}")
    assert english_phrases(page.content()) == [], name


def test_every_page_type_in_chinese_at_360_px(seeded_live_server, browser, django_user_model):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    url = seeded_live_server.url
    patient = open_page(browser, locale="zh-CN")
    patient.goto(url + "/")
    shot(patient, "01-start")
    patient.goto(url + "/?q=慢阻肺#studies")
    shot(patient, "02-start-search-copd")
    patient.goto(url + "/?place=Yiwu#studies")
    shot(patient, "03-start-search-yiwu")
    patient.goto(url + f"/studies/{COPD}/")
    shot(patient, "04-study-copd")
    patient.goto(url + f"/studies/{ILD}/")
    shot(patient, "05-study-ild")
    start_in_chinese(patient, seeded_live_server)
    shot(patient, "06-question-multiple")
    answer_in_chinese(patient, COPD_PATIENT)
    shot(patient, "07-check-answers")
    results_in_chinese(patient)
    shot(patient, "08-results")
    screening = patient.url.rstrip("/").split("/")[-2]
    patient.goto(url + f"/screening/{screening}/summary/")
    shot(patient, "09-doctors-summary")
    patient.goto(url + f"/screening/{screening}/results/")
    patient.locator(f'[data-nct-id="{COPD}"]').get_by_role("link", name="请研究团队联系我").first.click()
    shot(patient, "10-referral-form")
    patient.get_by_label("您的姓名").fill("李伟")
    patient.get_by_label("电话号码").fill("138 0013 8000")
    patient.get_by_label("我同意").check()
    patient.get_by_role("button", name="发送我的请求").click()
    reference = patient.locator("[data-reference]").inner_text()
    shot(patient, "11-referral-sent")
    patient.goto(url + "/request/")
    patient.get_by_label("您的查询码").fill(reference)
    patient.get_by_role("button", name="继续").click()
    shot(patient, "12-request-status")
    close_page(patient)

    nurse_user = make_staff(django_user_model, "nurse_a", Site.objects.get(trial__nct_id=COPD))
    device = TOTPDevice.objects.create(user=nurse_user, name="phone", confirmed=True)
    nurse = open_page(browser, locale="zh-CN")
    nurse.goto(url + "/staff/referrals/")
    nurse.get_by_label("用户名").fill("nurse_a")
    nurse.get_by_label("密码").fill("a-long-test-password")
    nurse.get_by_label("身份验证器应用中的验证码，或备用验证码").fill(f"{totp(device.bin_key):06d}")
    nurse.get_by_role("button", name="登录").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/$"))
    shot(nurse, "13-staff-list")
    nurse.get_by_role("link", name=reference).click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/[0-9a-f-]{36}/$"))
    shot(nurse, "14-staff-detail")
    nurse.goto(url + "/staff/dashboard/")
    shot(nurse, "15-staff-dashboard")
    close_page(nurse)

    page = open_page(browser, locale="zh-CN")
    log_in_as_admin(page, url, django_user_model)
    from trials.models import Trial

    page.goto(url + f"/admin/trials/trial/{Trial.objects.get(nct_id=COPD).pk}/review/")
    page.wait_for_load_state("networkidle")
    screenshot(page, "zh360-16-admin-review")
    content = page.content().split('id="content"')[1]  # admin's menu names other packages' models
    assert english_phrases(content) == []
    close_page(page)

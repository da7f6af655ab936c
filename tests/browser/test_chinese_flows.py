"""In Simplified Chinese, in a real browser at 360 px: given a Chinese-speaking patient of each seed trial,
when they answer (typing as a Chinese keyboard does, and saying "I don't know"), check their answers, see
their results and ask the study team to contact them, then they can follow and withdraw their request;
a nurse works through the request in Chinese. Every page passes axe; screenshots show real glyphs."""

import re

import pytest
from playwright.sync_api import expect

from screener.referrals.models import Referral
from tests.browser.conftest import CJK_FONT, close_page, open_page, screenshot
from tests.browser.test_patient_flows import assert_accessible, current_key, fill_screen, fill_single, screen_keys
from tests.conftest import make_staff
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD
from trials.models import Site

pytestmark = pytest.mark.django_db(transaction=True)

# As people in China type them: full-width digits, Chinese units, a percentage in words.
COPD_PATIENT = {
    **MATCHES_COPD,
    "age": "６８岁",
    "sixmwd_m": "３２０米",
    "respiratory_hospitalisations_12m": None,  # "I don't know": the study team checks
}
ILD_PATIENT = {
    **MATCHES_ILD,
    "age": "６２",
    "dlco_pct_pred": "百分之50",
    "fvc_pct_pred": "５５％",
    "fev1_fvc_ratio": "０．８",
    "oxygen_hours_per_day": "0小时",
}


@pytest.fixture
def chinese_phone(browser):
    assert CJK_FONT.exists(), "No CJK font: `make test` installs Debian's fonts-noto-cjk"
    page = open_page(browser, locale="zh-CN")
    yield page
    close_page(page)


def start_in_chinese(page, server):
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("heading", name="查找您可能可以参加的肺病临床研究").wait_for()
    assert_accessible(page, "start page (zh)")
    page.get_by_role("button", name="开始").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))


def answer_in_chinese(page, profile: dict) -> list[str]:
    asked = []
    while (key := current_key(page)) is not None:
        keys = screen_keys(page) if "/screens/" in page.url else [key]
        assert not set(keys) & set(asked), f"{keys} asked twice"
        asked.extend(keys)
        value, before = profile.get(key), page.url
        if "/screens/" in page.url:
            fill_screen(page, {k: profile.get(k) for k in keys})
            page.get_by_role("button", name="继续").click()
        elif value is None:  # the same "I don't know" as on a screen: ticked or chosen, then 继续
            box = page.locator('input[name="dont_know"]')
            (box if box.count() else page.locator('input[name="answer"][value="dont_know"]')).check()
            page.get_by_role("button", name="继续").click()
        else:
            fill_single(page, value)
            page.get_by_role("button", name="继续").click()
        page.wait_for_url(lambda url: url != before)
    assert page.url.endswith("/check/")
    return asked


def results_in_chinese(page) -> dict:
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_url(re.compile(r"/results/$"))
    page.get_by_role("heading", name="您的结果", level=1).wait_for()
    return {
        e.get_attribute("data-nct-id"): e.get_attribute("data-verdict") for e in page.locator("[data-nct-id]").all()
    }


def refer_follow_and_withdraw(page, nct_id: str, name: str, shots: str) -> str:
    page.locator(f'[data-nct-id="{nct_id}"]').get_by_role("link", name="请研究团队联系我").first.click()
    page.wait_for_url(re.compile(r"/contact/"))
    page.get_by_role("button", name="发送我的请求").click()  # nothing filled in yet
    page.locator(".error-summary").wait_for()
    assert page.get_by_text("请输入您的姓名。").first.is_visible()
    assert_accessible(page, "referral form with errors (zh)")
    page.get_by_label("您的姓名").fill(name)
    page.get_by_label("电话号码").fill("+86 138 0013 8000")
    page.get_by_label("我同意").check()
    screenshot(page, f"{shots}-referral-form-zh-360")
    page.get_by_role("button", name="发送我的请求").click()
    page.wait_for_url(re.compile(r"/requests/"))
    page.get_by_role("heading", name="请求已发送").wait_for()
    reference = page.locator("[data-reference]").inner_text()
    assert_accessible(page, "request sent (zh)")
    screenshot(page, f"{shots}-referral-sent-zh-360")

    page.get_by_role("link", name="请求状态页面").click()
    page.get_by_label("您的查询码").fill(reference)
    page.get_by_role("button", name="继续").click()
    page.get_by_text("已发送。研究团队还没有联系您。").wait_for()
    assert_accessible(page, "request status (zh)")
    page.get_by_role("button", name="撤回我的请求").click()
    page.get_by_role("button", name="是的，撤回我的请求").click()
    page.get_by_role("heading", name="您的请求已撤回").wait_for()
    assert_accessible(page, "withdrawn (zh)")
    screenshot(page, f"{shots}-withdrawn-zh-360")
    return reference


def test_a_chinese_copd_patient_goes_from_questions_to_withdrawal(seeded_live_server, chinese_phone):
    page = chinese_phone
    start_in_chinese(page, seeded_live_server)
    page.get_by_role("heading", name="医生告诉过您，您患有以下哪些肺部疾病？").wait_for()
    assert_accessible(page, "first question (zh)")
    screenshot(page, "copd-first-question-zh-360")
    page.locator('input[name="answer"][value="copd"]').check()
    page.get_by_role("button", name="继续").click()
    page.wait_for_url(re.compile(r"/questions/age/$"))
    page.locator("#id_answer").fill("六十多")  # "sixty-odd": not a number the form can read
    page.get_by_role("button", name="继续").click()
    page.locator(".error-summary").wait_for()
    assert page.locator("#id_answer").input_value() == "六十多"
    assert page.get_by_text("请用阿拉伯数字填写，例如68。").first.is_visible()
    assert_accessible(page, "number question with an error (zh)")
    screenshot(page, "copd-number-error-zh-360")

    asked = answer_in_chinese(page, COPD_PATIENT)
    assert "dlco_pct_pred" not in asked
    page.get_by_role("heading", name="核对您的回答").wait_for()
    assert page.get_by_text("68岁").is_visible() and page.get_by_text("320米").is_visible()
    assert page.get_by_text("我不知道").first.is_visible()
    assert_accessible(page, "check your answers (zh)")
    screenshot(page, "copd-check-answers-zh-360")

    assert results_in_chinese(page) == {COPD: "possible", ILD: "no_match"}
    assert page.get_by_role("heading", name="用REGEND007细胞疗法治疗慢性阻塞性肺疾病（慢阻肺）").is_visible()
    assert_accessible(page, "results (zh)")
    screenshot(page, "copd-results-zh-360")

    refer_follow_and_withdraw(page, COPD, "李伟", "copd")
    referral = Referral.objects.get()
    assert referral.language == "zh-hans" and referral.consent_language == "zh-hans"
    assert referral.status == "withdrawn" and referral.phone == ""


def test_a_walk_typed_as_about_300_metres_is_taken_as_300_and_the_next_page_says_so(seeded_live_server, chinese_phone):
    """Walkthrough 10: "大约300米" was stored as 300 without a word, and "两次" was refused."""
    page = chinese_phone
    start_in_chinese(page, seeded_live_server)
    profile = {**COPD_PATIENT, "sixmwd_m": "大约300米", "respiratory_hospitalisations_12m": "两次"}
    while (key := current_key(page)) not in ("sixmwd_m", None):
        answer_in_chinese_once(page, profile)
    assert key == "sixmwd_m"
    answer_in_chinese_once(page, profile)
    note = page.locator("[data-taken-as]")
    expect(note).to_have_text("您填写的是“大约300米”，我们按300米计算。如果不对，可以返回修改。")
    assert current_key(page) == "respiratory_hospitalisations_12m"
    assert_accessible(page, "a number about right, told on the next page (zh)")
    screenshot(page, "copd-about-300-metres-zh-360")
    answer_in_chinese_once(page, profile)  # "两次" is read: on to the next question
    assert current_key(page) != "respiratory_hospitalisations_12m" and not page.locator("[data-taken-as]").count()


def answer_in_chinese_once(page, profile: dict) -> None:
    before = page.url
    if "/screens/" in page.url:
        fill_screen(page, {k: profile.get(k) for k in screen_keys(page)})
    else:
        fill_single(page, profile[current_key(page)])
    page.get_by_role("button", name="继续").click()
    page.wait_for_url(lambda url: url != before)


def test_a_chinese_ild_patient_goes_from_questions_to_withdrawal(seeded_live_server, chinese_phone):
    # The ILD study's record lists no hospital yet; one is added here so the whole flow can be walked.
    Site.objects.create(
        trial_id=Site._meta.get_field("trial").related_model.objects.get(nct_id=ILD).pk,
        facility_en="Shanghai Pulmonary Hospital",
        facility_zh_hans="上海市肺科医院",
        city_en="Shanghai",
        city_zh_hans="上海",
        country_en="China",
        country_zh_hans="中国",
        recruitment_status="NOT_YET_RECRUITING",
    )
    page = chinese_phone
    start_in_chinese(page, seeded_live_server)
    answer_in_chinese(page, ILD_PATIENT)
    assert page.get_by_text("50%").first.is_visible() and page.get_by_text("0.8").first.is_visible()
    assert results_in_chinese(page) == {ILD: "match", COPD: "no_match"}
    assert page.get_by_role("heading", name="人脐带间充质干细胞注射液治疗间质性肺疾病").is_visible()
    assert_accessible(page, "ILD results (zh)")
    screenshot(page, "ild-results-zh-360")

    page.locator(f'[data-nct-id="{ILD}"]').get_by_role("link", name="关于这项研究").click()
    page.get_by_role("heading", name="谁可以参加").wait_for()
    # What a patient reads is built from the rule itself, then the admin's note, both in Chinese.
    assert page.get_by_text("使用支气管扩张剂之前这个比值偏低，说明气道有阻塞。").is_visible()
    assert_accessible(page, "ILD study page (zh)")
    screenshot(page, "ild-study-zh-360")
    page.go_back()

    refer_follow_and_withdraw(page, ILD, "王芳", "ild")
    assert Referral.objects.get().site.facility_zh_hans == "上海市肺科医院"


def test_the_language_switch_keeps_the_patient_on_the_same_question_after_htmx_steps(seeded_live_server, chinese_phone):
    page = chinese_phone
    start_in_chinese(page, seeded_live_server)
    page.locator('input[name="answer"][value="copd"]').check()
    page.get_by_role("button", name="继续").click()  # an htmx step: only the panel changes
    page.wait_for_url(re.compile(r"/questions/age/$"))
    page.get_by_role("button", name="English").click()
    page.wait_for_url(re.compile(r"/questions/age/$"))
    page.get_by_role("heading", name="How old are you?").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Back").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    assert page.locator('input[value="copd"]').is_checked()  # the answer given in Chinese is kept
    page.get_by_role("button", name="中文（简体）").click()
    page.get_by_role("heading", name="医生告诉过您，您患有以下哪些肺部疾病？").wait_for()


def test_the_language_switch_works_without_javascript(seeded_live_server, browser):
    page = open_page(browser, javascript=False, locale="en-GB")
    page.goto(seeded_live_server.url + "/request/")
    page.get_by_role("button", name="中文（简体）").click()
    page.wait_for_url(re.compile(r"/request/$"))
    page.get_by_role("heading", name="查看或撤回您的请求").wait_for()
    page.context.close()


def test_a_nurse_works_in_chinese(seeded_live_server, browser, django_user_model):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    nurse_user = make_staff(django_user_model, "nurse_a", Site.objects.get(trial__nct_id=COPD))
    phone = TOTPDevice.objects.create(user=nurse_user, name="phone", confirmed=True)  # set up already
    patient = open_page(browser, locale="zh-CN")
    start_in_chinese(patient, seeded_live_server)
    answer_in_chinese(patient, COPD_PATIENT)
    results_in_chinese(patient)
    patient.locator(f'[data-nct-id="{COPD}"]').get_by_role("link", name="请研究团队联系我").first.click()
    patient.get_by_label("您的姓名").fill("李伟")
    patient.get_by_label("电话号码").fill("138 0013 8000")
    patient.get_by_label("我同意").check()
    patient.get_by_role("button", name="发送我的请求").click()
    reference = patient.locator("[data-reference]").inner_text()
    close_page(patient)

    nurse = open_page(browser, locale="zh-CN")
    nurse.goto(seeded_live_server.url + "/staff/referrals/")
    nurse.wait_for_url(re.compile(r"/staff/login/"))
    assert_accessible(nurse, "staff login (zh)")
    nurse.get_by_label("用户名").fill("nurse_a")
    nurse.get_by_label("密码").fill("a-long-test-password")
    nurse.get_by_label("身份验证器应用中的验证码，或备用验证码").fill(f"{totp(phone.bin_key):06d}")
    nurse.get_by_role("button", name="登录").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/$"))
    nurse.get_by_role("heading", name="转介", level=1).wait_for()
    assert_accessible(nurse, "staff list (zh)")
    screenshot(nurse, "staff-list-zh-360")
    nurse.get_by_role("link", name=reference).click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/[0-9a-f-]{36}/$"))
    assert nurse.get_by_text("简体中文").first.is_visible()  # the language the patient used
    assert nurse.get_by_text("李伟").is_visible()
    assert_accessible(nurse, "staff detail (zh)")
    nurse.get_by_label("新状态").select_option("contacted")
    nurse.get_by_label("备注（可不填）").fill("已电话联系，周一再打")
    nurse.get_by_role("button", name="更改状态").click()
    nurse.locator('[data-status="contacted"]').first.wait_for()
    assert nurse.get_by_text("已电话联系，周一再打").is_visible()
    screenshot(nurse, "staff-detail-zh-360")
    assert Referral.objects.get().status == "contacted"
    close_page(nurse)

"""Simplified Chinese end to end: the language a patient gets, keeps and switches, every page in Chinese,
Chinese input, consent in the patient's language, staff in their own language, the same verdicts."""

import csv
import io
import re
from datetime import UTC

import pytest
from django.core import mail
from django.urls import reverse

from screener.preferences.models import LanguagePreference
from screener.questionnaire.models import Screening
from screener.referrals.models import ConsentText, Referral
from tests.chinese import ZH, english_phrases, visible_text
from tests.conftest import CONTACT, log_in_with_second_factor
from tests.formdata import BrowserClient
from tests.formdata import BrowserClient as Client
from tests.screener.questionnaire.flow import HTMX, answer, answer_everything, question_url, start
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD
from trials.models import Trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def zh_client(seed_trials):
    return BrowserClient(**ZH)


@pytest.fixture
def zh_patient(zh_client):
    """A Chinese-speaking patient who finished the questionnaire and may match the COPD study."""
    zh_client.screening_id = start(zh_client)
    answer_everything(zh_client, zh_client.screening_id, MATCHES_COPD)
    return zh_client


def html_of(response) -> str:
    assert response.status_code in (200, 400, 403, 404, 429, 500), response.status_code
    return response.content.decode()


# -- How the language is chosen -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "accept_language, html_lang, heading",
    [
        ("zh-CN,zh;q=0.9", 'lang="zh-Hans"', "查找您可能可以参加的肺病临床研究"),
        ("zh-Hans", 'lang="zh-Hans"', "查找您可能可以参加的肺病临床研究"),
        ("en-GB,en;q=0.8", 'lang="en"', "Find lung disease studies you may be able to join"),
        ("fr-FR", 'lang="en"', "Find lung disease studies you may be able to join"),
    ],
    ids=["mainland-chinese", "simplified-chinese", "english", "another-language-gets-english"],
)
def test_a_first_visit_speaks_the_browsers_language(seed_trials, accept_language, html_lang, heading):
    html = BrowserClient(HTTP_ACCEPT_LANGUAGE=accept_language).get("/").content.decode()
    assert html_lang in html.split(">")[1] and heading in html


def test_every_page_has_a_language_switch_that_works_without_javascript(zh_client):
    html = zh_client.get("/").content.decode()
    form = html.split('class="language-switch"')[1].split("</form>")[0]
    assert 'method="post"' in form and 'name="csrfmiddlewaretoken"' in form
    assert 'name="next" value="/"' in form and 'name="language" value="en"' in form


def test_switching_language_keeps_the_patient_on_the_same_page_with_their_answers(zh_patient):
    page = question_url(zh_patient.screening_id, "sixmwd_m")
    response = zh_patient.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    html = zh_patient.get(page).content.decode()
    assert "How far did you walk in your most recent six-minute walk test?" in html, re.findall(
        r"<h1.*?</h1>|<title>.*?</title>", html, re.S
    )
    assert 'value="300"' in html  # the answer given in Chinese is still there
    assert Screening.objects.get(pk=zh_patient.screening_id).language == "en"


def test_a_screening_remembers_its_language_without_a_cookie(zh_patient):
    assert "django_language" not in zh_patient.cookies  # Accept-Language chose Chinese: no cookie was set
    zh_patient.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = zh_patient.get(reverse("questionnaire:check", args=[zh_patient.screening_id])).content.decode()
    assert "核对您的回答" in html


def test_the_language_chosen_on_the_switch_outlives_the_browser_session(zh_client):
    response = zh_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 180 * 24 * 60 * 60
    zh_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"  # a restarted browser sends its own language again
    assert "Find lung disease studies" in zh_client.get("/").content.decode()


def test_continue_your_screening_opens_in_the_language_the_start_page_shows(zh_patient):
    """A Chinese screening, and a browser that lost its language cookie now asking for English: the start page
    is in English, and so is the page its link opens (and the screening goes on in English)."""
    zh_patient.cookies.pop("django_language", None)
    zh_patient.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    start_page = zh_patient.get("/").content.decode()
    link = re.search(r'href="([^"]+)">See your results', start_page).group(1)
    assert link.endswith("?language=en")
    html = zh_patient.get(link).content.decode()
    assert '<html lang="en">' in html
    assert Screening.objects.get(pk=zh_patient.screening_id).language == "en"
    # without the start page's word, the screening keeps its own language, as before
    Screening.objects.filter(pk=zh_patient.screening_id).update(language="zh-hans")
    assert '<html lang="zh-Hans">' in zh_patient.get(link.split("?")[0]).content.decode()


def test_htmx_partials_keep_the_chosen_language(zh_client):
    screening_id = start(zh_client)
    response = zh_client.get(question_url(screening_id, "diagnoses"), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith("<main") and "医生告诉过您，您患有以下哪些肺部疾病？" in html
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


# -- Every page type in Chinese, with no English sentence --------------------------------------------------


def patient_pages(client, site):
    """(name, response) of each page a patient meets, in the order of a visit."""
    screening_id = start(client)
    yield "start", client.get("/")
    yield "question: multiple choice", client.get(question_url(screening_id, "diagnoses"))
    yield "question: error", answer(client, screening_id, "diagnoses", ["copd", "none"])
    answer(client, screening_id, "diagnoses", ["copd"])
    yield "question: number", client.get(question_url(screening_id, "age"))
    yield "question: number unreadable", answer(client, screening_id, "age", "六十多")
    answer(client, screening_id, "age", "50")  # young enough to be asked about pregnancy (decision 0065)
    yield "question: single choice", client.get(question_url(screening_id, "sex"))
    answer(client, screening_id, "sex", "female")
    yield "question: yes or no", client.get(question_url(screening_id, "pregnant_or_breastfeeding"))
    answer_everything(client, screening_id, {**MATCHES_COPD, "sex": "female", "pregnant_or_breastfeeding": "no"})
    yield "check answers", client.get(reverse("questionnaire:check", args=[screening_id]))
    yield "results", client.get(reverse("questionnaire:results", args=[screening_id]))
    yield "study (COPD)", client.get(reverse("questionnaire:study", args=[COPD]))
    yield "study (ILD)", client.get(reverse("questionnaire:study", args=[ILD]))
    refer = reverse("referrals:refer", args=[screening_id, site.public_id])
    yield "referral form", client.get(refer)
    yield "referral form: errors", client.post(refer, {"phone": "12", "contact_by": "phone"})
    response = client.post(refer, {**CONTACT, "name": "李伟", "phone": "138 0013 8000"})
    assert response.status_code == 302, response.content.decode()[:2000]
    yield "referral sent", client.get(response["Location"])
    referral = Referral.objects.get(screening_id=screening_id)
    yield "request status: look-up", client.get(reverse("referrals:request_status"))
    yield "request status: not found", client.post(reverse("referrals:request_status"), {"reference": "ABCD3467"})
    yield "request status", client.post(reverse("referrals:request_status"), {"reference": referral.reference})
    yield "withdraw: confirm", client.post(reverse("referrals:withdraw"), {"reference": referral.reference})
    yield (
        "withdrawn",
        client.post(reverse("referrals:withdraw"), {"reference": referral.reference, "confirm": "yes"}),
    )
    yield "not found (404)", client.get("/no-such-page/")


def test_every_patient_page_in_chinese_has_no_english_sentence(zh_client, site_a, settings):
    settings.DEBUG = False
    pages = {name: html_of(response) for name, response in patient_pages(zh_client, site_a)}
    assert len(pages) == 20 and all('<html lang="zh-Hans">' in html for html in pages.values())
    found = {name: english_phrases(html) for name, html in pages.items()}
    assert {name: phrases for name, phrases in found.items() if phrases} == {}


# A space inside one paragraph after "：" or "。", before more text or an inline element (not between blocks).
SPACE_AFTER_CHINESE_STOP = r".{0,12}[：。] +(?:<(?:span|a|q|strong)\b[^>]*>)?[^\s<].{0,6}"


def test_no_chinese_patient_page_puts_a_space_after_a_chinese_colon_or_full_stop(zh_client, site_a):
    spaced = {}
    for name, response in patient_pages(zh_client, site_a):
        found = re.findall(SPACE_AFTER_CHINESE_STOP, html_of(response))
        if found:
            spaced[name] = found
    assert spaced == {}


CHINESE_CONTACT = {**CONTACT, "name": "李伟", "message": "上午联系我最方便。"}


def test_every_staff_page_in_chinese_has_no_english_sentence(zh_patient, site_a, staff_a):
    zh_patient.post(reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id]), CHINESE_CONTACT)
    referral = Referral.objects.get()
    staff = BrowserClient(**ZH)
    pages = {"login": staff.get(reverse("staff:login"))}
    log_in_with_second_factor(staff, staff_a)
    pages["list"] = staff.get(reverse("staff:list"))
    pages["list: bad filter"] = staff.get(reverse("staff:list"), {"date_from": "soon"})
    pages["detail"] = staff.get(reverse("staff:detail", args=[referral.id]))
    pages["status: error"] = staff.post(reverse("staff:status", args=[referral.id]), {"status": ""})
    pages["dashboard"] = staff.get(reverse("staff:dashboard"))
    staff.post(reverse("staff:status", args=[referral.id]), {"status": "contacted", "note": "已电话联系。"})
    referral.withdraw()  # the patient withdraws: the note is erased, and the history says so
    pages["detail: withdrawn"] = staff.get(reverse("staff:detail", args=[referral.id]))
    found = {name: english_phrases(html_of(response)) for name, response in pages.items()}
    assert {name: phrases for name, phrases in found.items() if phrases} == {}
    assert all(response.status_code == 200 for response in pages.values())
    spaced = {name: re.findall(SPACE_AFTER_CHINESE_STOP, html_of(r)) for name, r in pages.items()}
    assert {name: found for name, found in spaced.items() if found} == {}
    dashboard = visible_text(pages["dashboard"].content.decode())
    assert all(stage in dashboard for stage in ("已发送", "已联系", "预筛选", "符合条件", "已入组"))
    assert "患者撤回请求时已删除。" in pages["detail: withdrawn"].content.decode()


def test_the_csv_export_is_in_the_staff_members_language(zh_patient, site_a, staff_a):
    zh_patient.post(reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id]), CHINESE_CONTACT)
    staff = log_in_with_second_factor(Client(**ZH), staff_a)
    body = staff.get(reverse("staff:export")).getvalue().decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body)))[:2]
    assert header[:3] == ["查询码", "发送时间", "状态"] and english_phrases(" ".join(header)) == []
    assert "match" not in row and "zh-hans" not in row and "简体中文" in row
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d（UTC\+8）", row[1]), row[1]


def test_staff_read_times_in_the_sites_time_zone_with_the_zone_shown(zh_patient, site_a, staff_a):
    from datetime import datetime

    zh_patient.post(reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id]), CHINESE_CONTACT)
    Referral.objects.update(created_at=datetime(2026, 12, 6, 2, 2, tzinfo=UTC))
    referral = Referral.objects.get()
    staff = log_in_with_second_factor(Client(**ZH), staff_a)
    assert (
        "2026-12-06 10:02（UTC+8）" in staff.get(reverse("staff:list")).content.decode()
    )  # 02:02 UTC is 10:02 in Yiwu
    site_a.time_zone = "Europe/Paris"  # a site's own zone wins over its country's
    site_a.save()
    assert "2026-12-06 03:02（UTC+1）" in staff.get(reverse("staff:detail", args=[referral.id])).content.decode()


def test_every_email_in_the_outbox_to_a_chinese_speaker_is_in_chinese(
    zh_patient, site_a, django_user_model, django_capture_on_commit_callbacks
):
    from tests.conftest import make_staff

    nurse = make_staff(django_user_model, "nurse_zh", site_a)
    LanguagePreference.remember(nurse, "zh-hans")
    url = reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        zh_patient.post(url, CHINESE_CONTACT)
    with django_capture_on_commit_callbacks(execute=True):
        Referral.objects.get().withdraw()
    chinese = [message for message in mail.outbox if message.to == ["nurse_zh@hospital.example"]]
    assert chinese
    for message in chinese:
        assert english_phrases(message.subject) == [] and english_phrases(message.body) == [], message.body


def test_the_doctors_summary_and_the_admin_review_page_in_chinese_have_no_english_sentence(
    zh_patient, admin_client, admin_user
):
    html = html_of(zh_patient.get(reverse("questionnaire:summary", args=[zh_patient.screening_id])))
    assert english_phrases(html) == []
    from trials.models import Trial

    admin_client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("admin:index")})
    review = admin_client.get(reverse("admin:trials_trial_review", args=[Trial.objects.get(nct_id=COPD).pk]))
    html = html_of(review)
    assert "条款1（入选标准）" in html and "(inclusion)" not in html
    content = html.split('id="content"')[1]  # the review itself: admin's menu lists other packages' models
    assert english_phrases(content) == []


# -- Sentences built from a rule, whole, in Chinese ------------------------------------------------------


def test_rules_read_as_whole_chinese_sentences(seed_trials):
    from django.utils import translation

    from trials.models import Criterion

    with translation.override("zh-hans"):
        walk = Criterion.objects.get(trial__nct_id=COPD, question__key="sixmwd_m").reason()
        oxygen = Criterion.objects.filter(question__key="oxygen_hours_per_day").first().reason()
        choices = [str(c.reason()) for c in Criterion.objects.filter(question__kind="single")]
        phase = Trial.objects.get(nct_id=COPD).phase_in_words()
    assert walk == "您的6分钟步行距离需要不少于150米且少于600米。", walk
    assert "是超过" not in oxygen and "大于 " not in oxygen and oxygen.endswith("就不能参加这项研究。"), oxygen
    assert choices and not any("面向关于" in text or "的人" in text for text in choices), choices
    assert phase == "早期 I 期"
    for text in [walk, oxygen, *choices]:
        assert not re.search(r"[\u4e00-\u9fff][:,]|[:,][\u4e00-\u9fff]", text), text  # no ASCII : or , in Chinese


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_are_in_chinese(zh_client, status):
    from django.template import loader
    from django.utils import translation

    with translation.override("zh-hans"):
        html = loader.render_to_string(f"{status}.html")
    assert 'lang="zh-Hans"' in html and "回到首页" in html and english_phrases(html) == []


def test_the_rate_limit_page_is_in_chinese(zh_client, settings):
    settings.RATE_ANSWERS = "1/h"
    zh_client.post(reverse("questionnaire:start"))
    response = zh_client.post(reverse("questionnaire:start"))
    assert response.status_code == 429 and "请稍等几分钟" in response.content.decode()


# -- Chinese input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, typed, stored",
    [
        ("age", "６８", "68"),
        ("age", "68岁", "68"),
        ("age", "６８周岁", "68"),
        ("sixmwd_m", "350米", "350"),
        ("sixmwd_m", "３５０ 米", "350"),
        ("sixmwd_m", "３５０．５", "350.5"),
        ("dlco_pct_pred", "68%", "68"),
        ("dlco_pct_pred", "６８％", "68"),
        ("dlco_pct_pred", "百分之68", "68"),
        ("fev1_fvc_ratio", "０．６８", "0.68"),
        ("fev1_fvc_ratio", "0。68", "0.68"),
        ("fev1_fvc_ratio", "百分之68", "0.68"),
        ("oxygen_hours_per_day", "15小时", "15"),
        ("oxygen_hours_per_day", "每天15小时", "15"),
        ("respiratory_hospitalisations_12m", "３次", "3"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_numbers_typed_on_a_chinese_keyboard_are_read(zh_client, key, typed, stored):
    screening = Screening.start(language="zh-hans")
    screening.record_answer("diagnoses", ["ild"] if key in ("dlco_pct_pred", "fev1_fvc_ratio") else ["copd"])
    from trials.models import Question

    assert Question.objects.get(key=key).clean_answer(typed) == stored


def test_a_number_in_chinese_words_is_asked_for_again_in_digits_and_stays_in_the_box(zh_client):
    screening_id = start(zh_client)
    answer(zh_client, screening_id, "diagnoses", ["copd"])
    response = answer(zh_client, screening_id, "age", "六十多")  # "sixty-odd"
    html = response.content.decode()
    assert response.status_code == 200
    assert "请用阿拉伯数字填写，例如68。" in html and 'value="六十多"' in html


@pytest.mark.parametrize(
    "phone, stored",
    [
        ("138 0013 8000", "+8613800138000"),
        ("+86 138 0013 8000", "+8613800138000"),
        ("+8613800138000", "+8613800138000"),
        ("＋８６ １３８ ００１３ ８０００", "+8613800138000"),
        ("0579-8997 9999", "+8657989979999"),
    ],
    ids=["mobile", "mobile-with-86", "mobile-e164", "full-width", "landline"],
)
def test_chinese_phone_numbers_are_read_with_or_without_86(zh_patient, site_a, phone, stored):
    url = reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id])
    response = zh_patient.post(url, {**CONTACT, "phone": phone})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Referral.objects.get().phone == stored


def test_an_unreadable_phone_number_gets_a_chinese_message_and_stays_in_the_box(zh_patient, site_a):
    url = reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id])
    html = zh_patient.post(url, {**CONTACT, "phone": "１２３"}).content.decode()
    assert "请输入一个可以拨通的电话号码" in html and 'value="１２３"' in html


def test_letters_in_a_phone_number_get_a_chinese_digits_only_message_and_nothing_is_sent(zh_patient, site_a):
    url = reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id])
    html = zh_patient.post(url, {**CONTACT, "phone": "138 1234 abcd"}).content.decode()
    assert "电话号码请只填写数字" in html and 'value="138 1234 abcd"' in html
    assert Referral.objects.count() == 0


def test_the_chinese_confirmation_shows_the_phone_number_back(zh_patient, site_a, staff_a):
    url = reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id])
    response = zh_patient.post(url, {**CONTACT, "phone": "138 0013 8000"}, follow=True)
    html = response.content.decode()
    assert "研究团队联系您的方式" in html and "+86 138 0013 8000" in html


# -- Consent in the patient's language -------------------------------------------------------------------


def test_a_chinese_referral_keeps_the_chinese_words_agreed_to_and_its_language(zh_patient, site_a, staff_a):
    response = zh_patient.post(reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id]), CONTACT)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.language == "zh-hans" and referral.consent_language == "zh-hans"
    assert referral.consent.version == "2026-12-v2"
    assert "我同意把我对这些问题的回答" in referral.consent_wording
    assert "浙江大学医学院附属第四医院" in referral.consent_wording
    staff = log_in_with_second_factor(BrowserClient(), staff_a)
    html = staff.get(reverse("staff:detail", args=[referral.id])).content.decode()
    assert "The patient used the screener in:" in html and "<strong>Simplified Chinese</strong>" in html


def test_a_consent_without_chinese_words_is_shown_in_english_and_the_patient_is_told(zh_patient, site_a):
    ConsentText.objects.create(version="2026-12-en-only", text_en="I agree to share with {site}.")
    url = reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id])
    html = zh_patient.get(url).content.decode()
    assert "这段文字暂时还没有您所用语言的版本，所以显示的是英文。" in html
    assert 'id="consent-wording" lang="en">I agree to share with' in html
    zh_patient.post(url, CONTACT)
    referral = Referral.objects.get()
    assert referral.consent_language == "en" and referral.consent_wording.startswith("I agree to share with")


# -- Staff and admins in their own language ------------------------------------------------------------


def log_in(client, token):
    credentials = {"username": "nurse_a", "password": "a-long-test-password", "otp_token": token}
    assert client.post(reverse("staff:login"), credentials).status_code == 302
    return client


def test_a_staff_members_language_choice_is_kept_for_their_pages_and_next_login(staff_a):
    from django_otp.oath import totp
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    phone = TOTPDevice.objects.create(user=staff_a, name="phone")  # set up already: no enrolment on the way
    StaticDevice.objects.get(user=staff_a).token_set.create(token="abcd2345")  # backup codes work once each
    staff = log_in(BrowserClient(HTTP_ACCEPT_LANGUAGE="en"), f"{totp(phone.bin_key):06d}")
    assert "Referrals – study staff" in staff.get(reverse("staff:list")).content.decode()
    response = staff.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("staff:list")})
    assert response["Location"] == reverse("staff:list")
    assert "转介——研究人员" in staff.get(reverse("staff:list")).content.decode()
    assert LanguagePreference.objects.get(user=staff_a).language == "zh-hans"
    another_browser = log_in(BrowserClient(HTTP_ACCEPT_LANGUAGE="en"), "abcd2345")
    assert "转介——研究人员" in another_browser.get(reverse("staff:list")).content.decode()


def test_notification_emails_go_out_in_each_recipients_language(
    zh_patient, site_a, staff_a, django_user_model, django_capture_on_commit_callbacks
):
    from tests.conftest import make_staff

    chinese_nurse = make_staff(django_user_model, "nurse_zh", site_a)
    LanguagePreference.remember(chinese_nurse, "zh-hans")
    url = reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id])
    with django_capture_on_commit_callbacks(execute=True):  # the emails go out once the referral is saved
        zh_patient.post(url, CONTACT)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"nurse_a@hospital.example", "nurse_zh@hospital.example"}
    assert by_recipient["nurse_a@hospital.example"].subject.startswith("New referral")
    assert by_recipient["nurse_zh@hospital.example"].subject == "NCT07355868 有新的转介"
    assert "浙江大学医学院附属第四医院" in by_recipient["nurse_zh@hospital.example"].body
    assert "Li Wei" not in by_recipient["nurse_zh@hospital.example"].body


def test_admin_marks_what_has_no_chinese_yet(admin_client, seed_trials):
    from trials.models import Question

    Question.objects.filter(key="age").update(help_text_zh_hans="")
    html = admin_client.get(reverse("admin:trials_question_changelist")).content.decode()
    assert "missing: help text" in html
    html = admin_client.get(reverse("admin:trials_question_change", args=[Question.objects.get(key="age").pk]))
    html = html.content.decode()
    assert 'name="prompt_en"' in html and 'name="prompt_zh_hans"' in html


# -- The same verdicts in both languages ---------------------------------------------------------------


PROFILES = {
    "matches-copd": MATCHES_COPD,
    "matches-ild": MATCHES_ILD,
    "copd-walks-too-far": {**MATCHES_COPD, "sixmwd_m": "600"},
    "copd-does-not-know-walk": {**MATCHES_COPD, "sixmwd_m": None},
    "ild-ratio-at-limit": {**MATCHES_ILD, "fev1_fvc_ratio": "0.7"},
    "ild-ratio-below-limit": {**MATCHES_ILD, "fev1_fvc_ratio": "0.69"},
    "ild-oxygen-over-15h": {**MATCHES_ILD, "oxygen_hours_per_day": "15.5"},
}


@pytest.mark.parametrize("profile", PROFILES.values(), ids=PROFILES.keys())
def test_seed_profiles_get_the_same_verdicts_in_both_languages(seed_trials, profile):
    verdicts = {}
    for language in ("en", "zh-hans"):
        client = BrowserClient(HTTP_ACCEPT_LANGUAGE=language)
        screening_id = start(client)
        answer_everything(client, screening_id, profile)
        html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
        verdicts[language] = {
            nct: html.split(f'data-nct-id="{nct}"')[1].split('data-verdict="')[1].split('"')[0] for nct in (COPD, ILD)
        }
    assert verdicts["en"] == verdicts["zh-hans"]


def test_an_admin_chooses_their_language_in_admin_and_keeps_it(admin_client, admin_user, seed_trials):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert 'name="language" value="zh-hans"' in html
    response = admin_client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("admin:index")})
    assert response["Location"] == reverse("admin:index")
    assert LanguagePreference.objects.get(user=admin_user).language == "zh-hans"
    html = admin_client.get(reverse("admin:trials_question_changelist")).content.decode()
    assert "问题" in html and "中文" in html  # the project's own admin words, in Chinese


def test_the_trial_list_shows_which_trials_lack_chinese(admin_client, seed_trials):
    from trials.models import Criterion

    html = admin_client.get(reverse("admin:trials_trial_changelist")).content.decode()
    assert "missing:" not in html  # the seed trials are translated in full
    Criterion.objects.filter(trial__nct_id=COPD, order=11).update(explanation_zh_hans="")
    html = admin_client.get(reverse("admin:trials_trial_changelist")).content.decode()
    assert html.count("missing: criteria") == 1


def test_an_admin_writes_the_chinese_beside_the_english(admin_client, seed_trials):
    from tests.formdata import form_data
    from trials.models import Question

    question = Question.objects.get(key="dlco_pct_pred")
    url = reverse("admin:trials_question_change", args=[question.pk])
    data = form_data(admin_client.get(url).content.decode(), "question_form")
    data["prompt_zh_hans"] = "您的DLCO占预计值百分之多少？"
    assert admin_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.prompt_en == "What was your DLCO, as a percentage of the predicted value?"
    assert question.prompt_zh_hans == "您的DLCO占预计值百分之多少？"


def test_the_staff_list_shows_the_language_each_patient_used(zh_patient, site_a, staff_a):
    zh_patient.post(reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id]), CONTACT)
    staff = log_in_with_second_factor(BrowserClient(HTTP_ACCEPT_LANGUAGE="en"), staff_a)
    html = staff.get(reverse("staff:list")).content.decode()
    assert "Patient’s language" in html and 'data-language="zh-hans">Simplified Chinese</dd>' in html


def test_a_question_not_yet_translated_shows_english_marked_as_english(zh_client):
    from trials.models import Question

    Question.objects.filter(key="diagnoses").update(prompt_zh_hans=None, help_text_zh_hans="")
    screening_id = start(zh_client)
    html = zh_client.get(question_url(screening_id, "diagnoses")).content.decode()
    assert '<h1 tabindex="-1" data-focus lang="en">Which of these lung conditions' in html
    assert 'class="hint" lang="en">' in html
    assert "慢性阻塞性肺疾病（慢阻肺，COPD）" in html  # the choices have their Chinese


def test_the_chinese_column_counts_a_registry_title_and_a_study_team_clause_a_patient_would_read_in_english(
    admin_client, seed_trials
):
    from trials.models import Criterion

    Trial.objects.filter(nct_id=COPD).update(patient_title_en="", patient_title_zh_hans="")
    html = admin_client.get(reverse("admin:trials_trial_changelist")).content.decode()
    assert html.count("missing: title for patients") == 1
    Trial.objects.filter(nct_id=COPD).update(patient_title_zh_hans="慢阻肺细胞治疗研究")
    team = Criterion.objects.filter(trial__nct_id=COPD, question__isnull=True).first()
    Criterion.objects.filter(pk=team.pk).update(explanation_en="", explanation_zh_hans="")
    html = admin_client.get(reverse("admin:trials_trial_changelist")).content.decode()
    assert html.count("missing: criteria") == 1


def test_the_reference_equation_a_chinese_patient_reads_is_named_in_chinese():
    from decimal import Decimal

    from django.utils import translation

    from screener.questionnaire.measurements import percent_predicted

    with translation.override("zh-hans"):
        computed = percent_predicted("FEV1", Decimal("2"), "L", Decimal("170"), Decimal("60"), "male")
    assert computed.equation.startswith("GLI Global 2022") and "不区分种族" in computed.equation
    assert "race-neutral" not in computed.equation


def test_a_place_on_a_chinese_page_is_named_in_chinese_and_read_back(zh_client):
    html = zh_client.get(reverse("questionnaire:place_suggestions"), {"place": "海淀"}).content.decode()
    assert '<option value="海淀区（北京市，中国）">' in html and "China" not in html
    response = zh_client.post(reverse("questionnaire:start"), {"place": "海淀区（北京市，中国）", "travel": "50"})
    assert response.status_code == 302
    place = Screening.objects.get(pk=response["Location"].rstrip("/").split("/")[-1]).place
    assert place["label"] == "海淀区（北京市，中国）" and round(place["latitude"]) == 40


def test_a_registry_title_and_site_nobody_translated_stand_apart_marked_as_english(zh_client):
    from trials.models import Site

    Trial.objects.filter(nct_id=COPD).update(patient_title_zh_hans=None)
    Site.objects.filter(trial__nct_id=COPD).update(facility_zh_hans=None, city_zh_hans=None, country_zh_hans=None)
    html = zh_client.get(reverse("questionnaire:study", args=[COPD])).content.decode()
    assert '<span lang="en">Treatment of Chronic Obstructive Pulmonary Disease (COPD)' in html
    assert '<span class="registry-note">（登记信息英文原文）</span>' in html
    assert '<span lang="en">Yiwu</span>' in html and "<span>中国</span>" in html  # the country from the ISO tables
    assert english_phrases(html) == []


@pytest.mark.parametrize(
    "city, state, chinese",
    [
        ("Beijing", "Beijing", "北京"),
        ("Shanghai", "", "上海"),
        ("Xi'an", "Shaanxi", "西安"),
        ("Xi’an", "", "西安"),
        ("Guangzhou", "Guangdong", "广州"),
        ("Urumqi", "Xinjiang", "乌鲁木齐"),
        ("Hong Kong", "", "香港"),
        ("Suzhou", "Jiangsu", "苏州"),
        ("Suzhou", "Anhui", "宿州"),  # one English spelling, two cities: the province says which
    ],
)
def test_a_site_in_a_common_city_nobody_translated_shows_the_citys_chinese_name(zh_client, city, state, chinese):
    from trials.models import Site

    Site.objects.filter(trial__nct_id=COPD).update(city_en=city, city_zh_hans=None, state_en=state, state_zh_hans=None)
    html = zh_client.get(reverse("questionnaire:study", args=[COPD])).content.decode()
    assert f"<span>{chinese}</span>" in html
    assert f'<span lang="en">{city}</span>' not in html
    english = Client().get(reverse("questionnaire:study", args=[COPD])).content.decode()
    assert f"<span>{city}</span>" in english.replace("&#x27;", "'")  # an English page keeps the registry's name


def test_a_site_in_a_city_the_table_does_not_know_keeps_the_registrys_name_marked_as_english(zh_client):
    from trials.models import Site

    sites = Site.objects.filter(trial__nct_id=COPD)
    sites.update(city_en="Taizhou", city_zh_hans=None, state_en="", state_zh_hans=None)
    html = zh_client.get(reverse("questionnaire:study", args=[COPD])).content.decode()
    assert '<span lang="en">Taizhou</span>' in html  # 台州 or 泰州: without its province, not guessed
    sites.update(state_en="Zhejiang")
    html = zh_client.get(reverse("questionnaire:study", args=[COPD])).content.decode()
    assert "<span>台州</span>" in html and "<span>浙江</span>" in html  # the province says which, named too
    sites.update(city_en="Yiwu")
    html = zh_client.get(reverse("questionnaire:study", args=[COPD])).content.decode()
    assert '<span lang="en">Yiwu</span>' in html  # not a city the table lists: as the registry wrote it


def test_each_sites_contact_button_on_chinese_results_names_its_city_and_country_in_chinese(zh_client):
    """With two sites, each "ask the study team" button says which hospital: its city and country in Chinese,
    as the study's "where" line names them, never the registry's "Shanghai, China" inside a Chinese page."""
    from trials.models import Site

    Site.objects.create(
        trial=Trial.objects.get(nct_id=COPD), facility="Shanghai Pulmonary Hospital", city="Shanghai", country="China"
    )
    screening_id = start(zh_client)
    answer_everything(zh_client, screening_id, MATCHES_COPD)
    html = zh_client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    contact = html[html.index('class="contact-team"') :]
    contact = contact[: contact.index("study-links")]
    assert "<span>上海</span>" in contact and "<span>中国</span>" in contact
    assert '<span lang="en">Shanghai Pulmonary Hospital</span>' in contact
    assert "Shanghai，" not in contact and "China" not in contact


def test_chinese_referral_sentences_name_the_sites_city_and_country_in_chinese_and_mark_its_english_name(zh_patient):
    """The request form, the confirmation and the results' "you asked the team at …" line name a site inside a
    Chinese sentence: its city and country in Chinese, its registry name marked as English, never the registry's
    "Shanghai Pulmonary Hospital, Shanghai, China" unmarked."""
    from django.utils.translation import override

    from trials.models import Site

    with override("en"):  # as the registry import writes it: English only
        site = Site.objects.create(
            trial=Trial.objects.get(nct_id=COPD),
            facility="Shanghai Pulmonary Hospital",
            city="Shanghai",
            country="China",
        )  # nobody there receives requests yet, so the form and the confirmation name it in a sentence
    # its place in brackets, from the country down (decision 0117, as the consent since 0111)
    named = '<span lang="en">Shanghai Pulmonary Hospital</span>（中国上海）'

    def sentence(html, marker):
        [found] = re.findall(rf"<p[^>]*{marker}[^>]*>(.*?)</p>", html, re.S)
        return found

    refer = reverse("referrals:refer", args=[zh_patient.screening_id, site.public_id])
    form = sentence(zh_patient.get(refer).content.decode(), "data-site-unstaffed")
    response = zh_patient.post(refer, CONTACT)
    assert response.status_code == 302
    sent = sentence(zh_patient.get(response["Location"]).content.decode(), "data-site-unstaffed")
    results = zh_patient.get(reverse("questionnaire:results", args=[zh_patient.screening_id])).content.decode()
    asked = sentence(results, 'class="inset"')
    for read in (form, sent, asked):
        assert named in read, read
        assert "China" not in read and "Shanghai," not in read
    assert "您已请" in asked


@pytest.mark.parametrize("translated", [False, True], ids=["english-title-only", "chinese-title"])
def test_the_chinese_confirmation_marks_an_english_study_title_and_reads_as_one_chinese_sentence(
    zh_patient, translated
):
    """ "We have kept your request for the team running “…” at …": a title nobody translated is marked as English
    inside the Chinese sentence (no registry note, which would break it); a Chinese title is not marked; the site
    follows in brackets, so its own commas do not read as a list of places."""
    from django.utils.translation import override

    from trials.models import Site

    trial = Trial.objects.get(nct_id=COPD)
    if not translated:
        trial.patient_title_zh_hans = ""
        trial.save()
    with override("en"):  # as the registry import writes it: English only; nobody there receives requests yet
        site = Site.objects.create(
            trial=trial, facility="Shanghai Pulmonary Hospital", city="Shanghai", country="China"
        )
    refer = reverse("referrals:refer", args=[zh_patient.screening_id, site.public_id])
    response = zh_patient.post(refer, CONTACT)
    assert response.status_code == 302
    page = zh_patient.get(response["Location"]).content.decode()
    [sentence] = re.findall(r"<p data-site-unstaffed>(.*?)</p>", page, re.S)

    title = trial.patient_title_en if not translated else trial.patient_title_zh_hans
    shown = f'<span lang="en">{title}</span>' if not translated else title
    site_named = '<span lang="en">Shanghai Pulmonary Hospital</span>（中国上海）'
    assert sentence.startswith(f"我们已保留您发给负责“{shown}”这项研究的 {site_named}团队的请求，")
    assert "registry-note" not in sentence
    # no space beside a Chinese character or mark, as English would put, but where a Latin name meets one (0106)
    words = re.sub(r"<[^>]+>", "", sentence)
    chinese = "[\u3000-\u9fff\uff00-\uffef“”]"
    assert not re.search(rf"{chinese} (?![A-Za-z])|(?<![A-Za-z]) {chinese}", words), words


def test_the_english_confirmation_names_the_study_and_site_unmarked(seed_trials, client):
    """On an English page the same sentence needs no marks: everything in it is English."""
    from trials.models import Site

    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    trial = Trial.objects.get(nct_id=COPD)
    site = Site.objects.create(trial=trial, facility="Shanghai Pulmonary Hospital", city="Shanghai", country="China")
    response = client.post(reverse("referrals:refer", args=[screening_id, site.public_id]), CONTACT)
    page = client.get(response["Location"]).content.decode()
    [sentence] = re.findall(r"<p data-site-unstaffed>(.*?)</p>", page, re.S)
    assert sentence.startswith(
        f"We have kept your request for the team running “{trial.patient_title_en}” at Shanghai Pulmonary Hospital "
        "(<span>Shanghai</span>, <span>China</span>), but "
    )
    assert "lang=" not in sentence


@pytest.mark.parametrize(
    "language, named, option",
    [
        (
            "zh-hans",
            '<span lang="en">Shanghai Pulmonary Hospital</span>（中国上海）',
            "Shanghai Pulmonary Hospital，上海，中国",
        ),
        (
            "en",
            "Shanghai Pulmonary Hospital (<span>Shanghai</span>, <span>China</span>)",
            "Shanghai Pulmonary Hospital, Shanghai, China",
        ),
    ],
)
def test_staff_pages_name_a_site_in_their_language_never_by_its_registry_string(
    zh_patient, django_user_model, language, named, option
):
    """The referral's page, the account page and the filters name a site nobody translated as the patient pages
    do (d27631a): its city and country in the reader's language, its English name marked on a Chinese page (an
    option cannot hold a mark, so it reads the same words plain); never `Site.__str__`, "…, Shanghai, China"."""
    from django.utils.translation import override

    from tests.conftest import make_staff
    from trials.models import Site

    with override("en"):  # as the registry import writes it: English only
        site = Site.objects.create(
            trial=Trial.objects.get(nct_id=COPD),
            facility="Shanghai Pulmonary Hospital",
            city="Shanghai",
            country="China",
        )
    nurse = make_staff(django_user_model, "nurse_shanghai", site)
    assert zh_patient.post(reverse("referrals:refer", args=[zh_patient.screening_id, site.public_id]), CONTACT)
    staff = log_in_with_second_factor(BrowserClient(), nurse)
    staff.cookies["django_language"] = language
    detail = staff.get(reverse("staff:detail", args=[Referral.objects.get(site=site).id])).content.decode()
    [caption] = re.findall(r'<p class="caption">(.*?)</p>', detail, re.S)
    profile = staff.get(reverse("staff:profile")).content.decode()
    listing = staff.get(reverse("staff:list")).content.decode()
    [chosen] = re.findall(rf'<option value="{site.public_id}"[^>]*>(.*?)</option>', listing)

    assert caption == f"{COPD} · {named}"
    assert f"{COPD} · {named}" in profile
    assert chosen == option
    card_site = (
        '<dd lang="en">Shanghai Pulmonary Hospital</dd>' if language != "en" else "<dd>Shanghai Pulmonary Hospital</dd>"
    )
    assert card_site in listing


# -- Admin's own words in Chinese ------------------------------------------------------------------------


def admin_pages(admin_client, referral, email, draft):
    """(name, html of the page's content) of the admin pages whose labels, actions and messages are the
    project's own (not Django's, nor other packages' in admin's menu)."""
    from trials.models import StaffMembership

    pages = {
        "trial list": reverse("admin:trials_trial_changelist"),
        "trial": reverse("admin:trials_trial_change", args=[draft.pk]),
        "draft review": reverse("admin:trials_trial_review", args=[draft.pk]),
        "staff memberships": reverse("admin:trials_staffmembership_changelist"),
        "staff membership": reverse("admin:trials_staffmembership_change", args=[StaffMembership.objects.first().pk]),
        "referral list": reverse("admin:referrals_referral_changelist"),
        "referral": reverse("admin:referrals_referral_change", args=[referral.pk]),
        "outbox": reverse("admin:referrals_outgoingemail_changelist"),
        "email": reverse("admin:referrals_outgoingemail_change", args=[email.pk]),
        "access log": reverse("admin:referrals_accesslog_changelist"),
    }
    shown = {name: admin_client.get(url).content.decode().split('id="content"')[1] for name, url in pages.items()}
    email.state = email.State.FAILED
    email.save()
    sent_again = admin_client.post(
        pages["outbox"], {"action": "retry_now", "_selected_action": [email.pk]}, follow=True
    )
    shown["outbox: sent again"] = sent_again.content.decode()
    return shown


ADMIN_WORDS = {  # page: (the project's own words as a Chinese admin reads them, as an English one does)
    "trial list": (["已批准的标准", "草稿标准", "条款覆盖情况"], ["Approved criteria", "Draft criteria"]),
    "trial": (["创建时间", "更新时间"], ["Created at", "Updated at"]),
    "draft review": (["待审核", "用示例档案测试"], ["still to review", "Try a profile"]),
    "staff memberships": (["用户", "研究中心", "创建时间"], ["Created at"]),
    "staff membership": (["用户", "研究中心"], ["User:", "Site:"]),
    "referral list": (["临床试验", "研究中心", "创建时间"], ["By trial", "Created at"]),
    "referral": (
        ["转介记录", "原状态", "新状态", "操作人", "撤回时间", "联系方式删除时间"],
        ["Referral events", "From status", "To status", "Withdrawn at", "Contact erased at"],
    ),
    "outbox": (
        ["立即重新发送（发送失败或等待发送的邮件）", "主题", "尝试次数", "下次尝试时间", "发送时间"],
        ["Send again now (failed or waiting emails)", "Subject", "Attempts", "Next attempt at", "Sent at"],
    ),
    "email": (["收件人", "正文", "最近一次错误"], ["Recipients:", "Body:", "Last error:"]),
    "access log": (["操作", "详情"], ["Action", "Detail"]),
    "outbox: sent again": (["已将1封邮件加入发送队列。"], ["1 email queued."]),
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_admin_shows_the_projects_own_labels_actions_and_messages_in_the_admins_language(
    zh_patient, site_a, staff_a, admin_client, language
):
    """Field names, an action's description and the message after it are the project's words, so Chinese on a
    Chinese admin page (Django's own words are Django's translation); the English admin reads them as before."""
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    from screener.referrals.models import OutgoingEmail

    records = Path(__file__).resolve().parents[1] / "trials" / "registry" / "records"
    call_command("import_ctgov", str(records / "NCT03197818.json"), stdout=StringIO())  # drafts still to review
    zh_patient.post(reverse("referrals:refer", args=[zh_patient.screening_id, site_a.public_id]), CHINESE_CONTACT)
    referral = Referral.objects.get()
    referral.events.create(kind="status", from_status="new", to_status="contacted")
    admin_client.cookies["django_language"] = language
    pages = admin_pages(admin_client, referral, OutgoingEmail.objects.first(), Trial.objects.get(nct_id="NCT03197818"))

    side = 0 if language == "zh-hans" else 1
    missing = {name: [word for word in words[side] if word not in pages[name]] for name, words in ADMIN_WORDS.items()}
    assert {name: words for name, words in missing.items() if words} == {}
    if language == "zh-hans":
        english = {name: [w for w in words[1] if w in pages[name]] for name, words in ADMIN_WORDS.items()}
        assert {name: words for name, words in english.items() if words} == {}


def test_registry_words_of_a_criterion_nobody_translated_are_marked_as_english_on_chinese_results(zh_client):
    """Walkthrough 13: "研究团队还会核对另外7项内容" listed untranslated criteria in bare English, while the title and
    site beside them carried "（登记信息英文原文）"."""
    from trials.models import Criterion

    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=COPD),
        kind="inclusion",
        source_text="Documented EGFR exon 19 deletion or L858R mutation.",
        status=Criterion.Status.APPROVED,
    )
    zh_client.screening_id = start(zh_client)
    answer_everything(zh_client, zh_client.screening_id, MATCHES_COPD)
    html = zh_client.get(reverse("questionnaire:results", args=[zh_client.screening_id])).content.decode()
    assert (
        '<li><span lang="en">Documented EGFR exon 19 deletion or L858R mutation.</span>'
        ' <span class="registry-note">（登记信息英文原文）</span></li>'
    ) in html

"""Random and hostile input against every public and staff form: never a server error, never stored or
shown unescaped, and nothing already entered is lost."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from screener.questionnaire.models import Screening
from screener.referrals.models import Referral
from tests.conftest import CONTACT
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import owned_ids

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

hostile_text = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "'; DROP TABLE trials_trial; --",
            "\x00\x01\x1b[31m",
            "9" * 5000,
            "1e308",
            "-0",
            "NaN",
            "∞",
            "６８",
            "六十八",
            "68%%",
            "0x44",
            " ",
            "\u202e68",
            "=cmd|' /C calc'!A0",
            "{{ 7*7 }}",
            "%s%s%s",
            "../../etc/passwd",
            "😷" * 100,
        ]
    ),
)
values = st.one_of(hostile_text, st.lists(hostile_text, max_size=4))


def post_form(client, url, data):
    response = client.post(url, data)
    # 400: a NUL, which nobody types, is refused before any form reads it (RefuseNullCharactersMiddleware).
    assert response.status_code in (200, 302, 400, 404, 429), response.status_code
    html = response.content.decode(errors="replace")
    for value in data.values():
        for piece in value if isinstance(value, list) else [value]:
            if "<" in piece and len(piece) > 3:
                assert piece not in html, "echoed unescaped"
    return response


def test_a_screen_of_several_questions(screening_client):
    """The lung function screen (three values, each with its own "I don't know"): hostile values in any of its
    fields are refused or stored as valid answers, and a refused screen changes nothing."""
    from tests.screener.questionnaire.flow import walk_to
    from tests.trials.profiles import MATCHES_ILD
    from trials.models import Question

    client = screening_client
    client.post(reverse("questionnaire:question", args=[client.screening_id, "diagnoses"]), {"answer": ["ild"]})
    url = walk_to(client, client.screening_id, {**MATCHES_ILD, "sex": "male"}, "dlco_pct_pred")
    questions = {q.key: q for q in Question.objects.filter(key__in=["fvc_pct_pred", "fev1_fvc_ratio", "dlco_pct_pred"])}
    fields = [f"{key}-{part}" for key in questions for part in ("answer", "dont_know", "never")] + ["x", "work_it_out"]

    @FUZZ
    @given(data=st.dictionaries(st.sampled_from(fields), values, max_size=6))
    def fuzz(data):
        before = dict(Screening.objects.get(pk=client.screening_id).answers)
        response = post_form(client, url, data)
        after = Screening.objects.get(pk=client.screening_id).answers
        if response.status_code == 200:
            assert after == before  # a refused screen changes nothing
        for key, question in questions.items():
            if after.get(key) is not None:
                question.clean_answer(after[key])  # whatever was stored is a valid answer

    fuzz()


@pytest.fixture
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def screening_client(seed_trials, no_rate_limits):
    client = BrowserClient()
    client.post(reverse("questionnaire:start"))
    client.screening_id = owned_ids(client)[-1]
    return client


@pytest.mark.parametrize("key", ["diagnoses", "age", "sex", "sixmwd_m", "fev1_fvc_ratio", "cancer_history"])
def test_answers(screening_client, key):
    client = screening_client
    client.post(reverse("questionnaire:question", args=[client.screening_id, "diagnoses"]), {"answer": ["copd", "ild"]})
    if key not in ("diagnoses", "age"):
        for prerequisite, value in [("age", "60"), ("sex", "female"), ("pregnant_or_breastfeeding", "no")]:
            client.post(reverse("questionnaire:question", args=[client.screening_id, prerequisite]), {"answer": value})
    url = reverse("questionnaire:question", args=[client.screening_id, key])
    from trials.models import Question

    question = Question.objects.get(key=key)

    @FUZZ
    @given(
        answer=values,
        extra=st.dictionaries(st.sampled_from(["dont_know", "csrfmiddlewaretoken", "answer", "x"]), values, max_size=2),
    )
    def fuzz(answer, extra):
        before = dict(Screening.objects.get(pk=client.screening_id).answers)
        response = post_form(client, url, {"answer": answer, **extra})
        after = Screening.objects.get(pk=client.screening_id).answers
        if response.status_code == 200:
            assert after == before  # a refused answer changes nothing
        elif key in after and after[key] is not None:
            question.clean_answer(after[key])  # whatever was stored is a valid answer

    fuzz()


def test_referral_form(screening_client, site_a, staff_a):
    client = screening_client
    from tests.screener.questionnaire.flow import answer_everything
    from tests.trials.profiles import MATCHES_COPD

    answer_everything(client, client.screening_id, MATCHES_COPD)
    url = reverse("referrals:refer", args=[client.screening_id, site_a.public_id])

    @FUZZ
    @given(fields=st.dictionaries(st.sampled_from(list(CONTACT)), values, max_size=7))
    def fuzz(fields):
        Referral.objects.all().delete()
        post_form(client, url, {**CONTACT, **fields})
        for referral in Referral.objects.all():
            assert not any(ord(ch) < 32 for ch in referral.name)
            assert referral.phone == "" or referral.phone.startswith("+")

    fuzz()


def test_reference_lookup_and_withdrawal(seed_trials, no_rate_limits):
    client = BrowserClient()

    @FUZZ
    @given(reference=values, confirm=st.one_of(st.none(), hostile_text))
    def fuzz(reference, confirm):
        post_form(client, reverse("referrals:request_status"), {"reference": reference})
        data = {"reference": reference} if confirm is None else {"reference": reference, "confirm": confirm}
        post_form(client, reverse("referrals:withdraw"), data)

    fuzz()


def test_staff_forms(referral_a, staff_a_client, no_rate_limits):
    client = staff_a_client

    @FUZZ
    @given(
        params=st.dictionaries(
            st.sampled_from(["q", "trial", "site", "status", "date_from", "date_to", "page"]), hostile_text, max_size=5
        ),
        status=values,
        note=values,
        state=values,
    )
    def fuzz(params, status, note, state):
        response = client.get(reverse("staff:list"), params)
        nul = any("\x00" in value for value in params.values())  # refused politely before the view (400)
        assert response.status_code == (400 if nul else 200)
        client.get(reverse("staff:export"), params)
        post_form(client, reverse("staff:status", args=[referral_a.id]), {"status": status, "note": note})
        post_form(client, reverse("staff:note", args=[referral_a.id]), {"note": note})
        post_form(client, reverse("staff:check_answer", args=[referral_a.id, "age"]), {"state": state, "note": note})
        detail = client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
        assert "<script>alert(1)</script>" not in detail

    fuzz()


# Every URL the project has, for every kind of visitor, in both languages: hostile path segments, query
# strings and form bodies never give a server error. Bounded: each parameter meets each hostile value once
# per visitor and method, which keeps the run to a few thousand requests.

HOSTILE = {  # raw, already percent-encoded as they arrive on the wire
    "huge number": "9" * 29,
    "invalid UTF-8": "%ED%A0%80",
    "lone surrogate in JSON": "%7B%22diagnoses%22%3A%5B%22%5Cud800%22%5D%7D",
    "very long": "x" * 1500,
    "nested JSON": "%5B" * 1000 + "%5D" * 1000,
    "list in a list": "%7B%22diagnoses%22%3A%5B%5B1%5D%5D%7D",
    "not a number": "abc",
}
# A NUL is refused before any view reads it (RefuseNullCharactersMiddleware): one request per URL shows it.
NUL_BODY = "q=%00&note=%00&answers=%00"
HOSTILE_SEGMENTS = {  # in place of an id or a key in the path
    "not a number": "abc",
    "huge number": "9" * 29,
    "NUL": "%00",
    "invalid UTF-8": "%ED%A0%80",
    "very long": "x" * 3000,
}
# Every field name a form, view or admin page reads, and a few admin lookups.
FIELDS = (
    "answer dont_know value unit height_cm age sex date limit uln confirm edit status note state reference place "
    "latitude longitude travel q trial site country condition date_from date_to page answers return next language "
    "action criterion start end o p e _changelist_filters _selected_action select_across index name phone email "
    "message contact_by contact_time consent otp_token otp_device username password token changed field "
    "name__startswith message__icontains id__exact status__exact _popup _to_field"
).split()


def all_url_patterns(resolver=None, prefix=""):
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from all_url_patterns(entry, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def hostile_body(turn: int, half: int) -> str:
    """Half the fields at once, each with a different hostile value; `turn` rotates which gets which (the
    whole of every field would pass the 64 KB a patient's form may send, and be refused unread)."""
    values = list(HOSTILE.values())
    return "&".join(
        f"{field}={values[(i + turn) % len(values)]}" for i, field in enumerate(FIELDS) if i % 2 == half % 2
    )


def real_urls(ids: dict):
    """Each named URL with real ids (a real object where one exists), and the same with hostile ids."""
    import re

    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    for name, pattern in all_url_patterns():
        route = str(pattern.pattern)
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        groups = re.compile(route).groups if route.startswith("^") else 0
        kwargs = {}
        for param in params:
            if param in ids:
                kwargs[param] = ids[param]
            elif param in ("object_id", "pk"):
                model = model_of(name, apps)
                first = model._base_manager.order_by("pk").values_list("pk", flat=True).first() if model else None
                kwargs[param] = first if first is not None else 1
        try:
            url = reverse(name, kwargs=kwargs) if not groups else None
        except NoReverseMatch:
            url = None
        if groups and name.endswith("_simple_history"):
            model = model_of(name.replace("_simple_history", "_x"), apps)
            first = model._base_manager.order_by("pk").first()
            history = first.history.first() if first is not None else None
            url = reverse(name, args=[first.pk, history.pk]) if history else None
        elif groups:
            url = reverse(name, kwargs={"app_label": "trials"}) if "app_label" in route else None
        if url is None:
            continue
        yield name, url, None
        values = [str(kwargs[p]) for p in params if p in kwargs]
        if groups and url:
            values = [segment for segment in url.strip("/").split("/")[-3:] if segment != "history"]
        for number, segment in enumerate(HOSTILE_SEGMENTS.values()):
            hostile = url
            for value in values:
                hostile = hostile.replace(f"/{value}/", f"/{segment}/", 1)
            if hostile != url:
                yield name, hostile, ("en", "zh-hans")[number % 2]


def model_of(url_name: str, apps):
    """otpadmin:trials_trial_change → Trial."""
    app_and_model = url_name.split(":")[-1].rsplit("_", 1)[0]
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == app_and_model:
            return model
    return None


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_url_gives_no_server_error_to_anyone_in_either_language(
    language, referral_a, patient, admin_user, staff_a, site_a, settings
):
    from django.conf import settings as django_settings

    from tests.conftest import log_in_with_second_factor

    settings.RATELIMIT_ENABLE = False
    settings.AXES_ENABLED = False
    anonymous = Client(raise_request_exception=False)
    patient.raise_request_exception = False
    staff = log_in_with_second_factor(Client(raise_request_exception=False), staff_a)
    admin = log_in_with_second_factor(Client(raise_request_exception=False), admin_user)
    visitors = {"anonymous": anonymous, "patient": patient, "staff": staff, "admin": admin}
    relogin = {"staff": staff_a, "admin": admin_user}
    for client in visitors.values():
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    html_lang = {"en": 'lang="en"', "zh-hans": 'lang="zh-Hans"'}[language]
    for visitor, client in visitors.items():  # each visitor really sees the pages in this language
        page = client.get(reverse("staff:profile" if visitor == "staff" else "questionnaire:start"))
        assert html_lang in page.content.decode()[:300], visitor
    ids = {
        "screening_id": patient.screening_id,
        "site_id": site_a.public_id,
        "referral_id": referral_a.id,
        "key": "fev1_pct_pred",
        "nct_id": site_a.trial.nct_id,
    }
    urls = sorted(real_urls(ids), key=lambda entry: "logout" in entry[0])  # logging out last
    # Each language takes its share of the rotations: together they give every field every value. A GET
    # meets one rotation (few views read a query string), a POST every rotation of its share.
    shares = {"en": range(0, len(HOSTILE), 2), "zh-hans": range(1, len(HOSTILE), 2)}[language]
    failures, requests = [], 0
    for number, (name, url, segment_language) in enumerate(urls):
        if segment_language not in (None, language):
            continue  # the languages share the hostile ids between them
        area = name.split(":")[0]
        who = {"staff": ["staff"], "otpadmin": ["admin"]}.get(area, ["anonymous", "patient"])
        if segment_language is None and area in ("staff", "otpadmin"):
            who = ["anonymous", *who]  # sent to the login page, which meets the hostile values too
        for visitor in who:
            client = visitors[visitor]
            if segment_language is not None or visitor == "anonymous":  # refused before any form is read
                sent = [("get", NUL_BODY) if number % 2 else ("post", hostile_body(number, number))]
            else:
                sent = [("get", hostile_body(number, number))]
                if not name.endswith("_delete"):  # any POST there confirms a deletion, of the admin too
                    sent += [("post", hostile_body(turn, half)) for turn in shares for half in (0, 1)]
            for method, body in sent:
                if method == "get":
                    response = client.get(f"{url}?{body}", HTTP_ACCEPT_LANGUAGE=language)
                else:
                    response = client.generic(
                        "POST", url, body, "application/x-www-form-urlencoded", HTTP_ACCEPT_LANGUAGE=language
                    )
                requests += 1
                if response.status_code >= 500 or response.status_code == 413:
                    failures.append(f"{response.status_code} {method.upper()} {name} {url[:80]} as {visitor}")
                if "logout" in name and visitor in relogin:
                    log_in_with_second_factor(client, relogin[visitor])
    assert failures == [], f"{len(failures)} of {requests} requests failed:\n" + "\n".join(failures[:60])

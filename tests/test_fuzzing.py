"""Random and hostile input against every public and staff form: never a server error, never stored or
shown unescaped, and nothing already entered is lost."""

import pytest
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
    assert response.status_code in (200, 302, 404, 429), response.status_code
    html = response.content.decode(errors="replace")
    for value in data.values():
        for piece in value if isinstance(value, list) else [value]:
            if "<" in piece and len(piece) > 3:
                assert piece not in html, "echoed unescaped"
    return response


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
        assert response.status_code == 200
        client.get(reverse("staff:export"), params)
        post_form(client, reverse("staff:status", args=[referral_a.id]), {"status": status, "note": note})
        post_form(client, reverse("staff:note", args=[referral_a.id]), {"note": note})
        post_form(client, reverse("staff:check_answer", args=[referral_a.id, "age"]), {"state": state, "note": note})
        detail = client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
        assert "<script>alert(1)</script>" not in detail

    fuzz()

"""The patient asks a study team to contact them: consent, one request however often it is sent,
a reference code, status in plain words, and withdrawal that erases their contact details."""

import pytest
from django.core import mail
from django.urls import reverse

from screener.referrals.models import REFERENCE_ALPHABET, AccessLog, ConsentText, Referral, normalise_reference
from tests.conftest import CONTACT
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import answer_everything, start
from tests.trials.profiles import MATCHES_ILD
from trials.models import Criterion

pytestmark = pytest.mark.django_db


def refer_url(client, site):
    return reverse("referrals:refer", args=[client.screening_id, site.public_id])


def test_the_results_offer_to_contact_each_site_of_a_possible_study(patient, site_a):
    html = patient.get(reverse("questionnaire:results", args=[patient.screening_id])).content.decode()
    assert f'href="{refer_url(patient, site_a)}"' in html
    assert "Ask the study team to contact me" in html


def test_the_form_states_what_is_shared_with_whom_and_why(patient, site_a):
    html = patient.get(refer_url(patient, site_a)).content.decode()
    assert "my answers to these questions and the contact details above will be shared with the team running" in html
    assert "The Fourth Hospital of Zhejiang University School of Medicine" in html
    assert 'type="checkbox" name="consent"' in html and "checked" not in html.split('name="consent"')[1].split(">")[0]


def test_a_referral_records_consent_contact_and_a_snapshot(referral_a, site_a):
    referral = referral_a
    assert referral.site == site_a and referral.trial.nct_id == "NCT07355868"
    assert (referral.name, referral.phone, referral.email) == ("Li Wei", "+8657989979999", "li.wei@example.org")
    assert referral.consent == ConsentText.current() and referral.consent.version == "2026-12-v2"
    assert "Fourth Hospital" in referral.consent_wording and referral.consent_given_at is not None
    assert referral.verdict == "match" and referral.status == "new"
    assert {
        "key": "sixmwd_m",
        "question": "How far did you walk in your most recent six-minute walk test?",
        "short_label": "six-minute walk distance",
        "answer": "300 m",
        "stored": "300",
    } in referral.answers_snapshot
    walk = next(o for o in referral.outcomes_snapshot if o["question"] == "sixmwd_m")
    assert walk["outcome"] == "met" and walk["rule"] == "150 m ≤ six-minute walk distance < 600 m"
    assert len(referral.reference) == 8 and set(referral.reference) <= set(REFERENCE_ALPHABET)


def test_the_confirmation_shows_the_reference_and_what_happens_next(patient, referral_a):
    response = patient.get(reverse("referrals:sent", args=[patient.screening_id, referral_a.id]))
    html = response.content.decode()
    assert referral_a.display_reference in html
    assert "What happens next" in html and "withdraw your request at any time" in html


@pytest.mark.parametrize("times", [2, 3])
def test_sending_twice_makes_one_referral(patient, site_a, staff_a, times):
    locations = {patient.post(refer_url(patient, site_a), CONTACT)["Location"] for _ in range(times)}
    assert Referral.objects.count() == 1
    assert len(locations) == 1


def test_back_then_submit_again_makes_no_second_referral(patient, referral_a, site_a):
    response = patient.get(refer_url(patient, site_a))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:sent", args=[patient.screening_id, referral_a.id])
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"consent": ""}, "consent", "Tick the box to agree"),
        ({"name": "  "}, "name", "Enter your name."),
        ({"phone": "", "email": ""}, "phone", "Enter a phone number or an email address"),
        ({"phone": "12"}, "phone", "Enter a phone number that can be called"),
        ({"phone": "call me maybe"}, "phone", "Use digits only in a phone number"),
        ({"email": "not-an-email"}, "email", "Enter an email address like name@example.com."),
        ({"contact_by": "phone", "phone": ""}, "phone", "Enter a phone number, or choose to be contacted by email."),
        ({"contact_by": "pigeon"}, "contact_by", "Select a valid choice"),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_typed_is_lost(patient, site_a, changes, field, message):
    response = patient.post(refer_url(patient, site_a), {**CONTACT, **changes})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'href="#id_{field}' in html  # the error summary links to the field
    assert Referral.objects.count() == 0
    if "name" not in changes:
        assert 'value="Li Wei"' in html
    if "email" not in changes:
        assert 'value="li.wei@example.org"' in html


@pytest.mark.parametrize("phone", ["0579 8997 abcd", "0579 8997 999O", "0579 8997 9999 ext 12"])
def test_letters_in_a_phone_number_are_refused_never_read_as_keypad_digits(patient, site_a, phone):
    html = patient.post(refer_url(patient, site_a), {**CONTACT, "phone": phone}).content.decode()
    assert "Use digits only in a phone number" in html
    assert Referral.objects.count() == 0
    assert f'value="{phone}"' in html and 'value="Li Wei"' in html and "Mornings are best." in html


def test_a_phone_number_of_digits_spaces_dashes_and_a_plus_is_accepted(patient, site_a, staff_a):
    response = patient.post(refer_url(patient, site_a), {**CONTACT, "phone": "+86 (579) 8997-9999"})
    assert response.status_code == 302
    assert Referral.objects.get().phone == "+8657989979999"


def test_the_confirmation_shows_the_contact_details_back_so_a_typo_can_be_spotted(patient, referral_a):
    html = patient.get(reverse("referrals:sent", args=[patient.screening_id, referral_a.id])).content.decode()
    assert "+86 579 8997 9999" in html and "li.wei@example.org" in html


def test_the_status_page_shows_the_contact_details_only_in_the_browser_that_sent_the_request(patient, referral_a):
    lookup = {"reference": referral_a.reference}
    own = patient.post(reverse("referrals:request_status"), lookup).content.decode()
    assert "+86 579 8997 9999" in own and "li.wei@example.org" in own
    other = BrowserClient().post(reverse("referrals:request_status"), lookup).content.decode()
    assert referral_a.display_reference in other
    assert "+86 579 8997 9999" not in other and "li.wei@example.org" not in other


def test_a_phone_number_is_read_with_the_site_s_country_as_default(patient, site_a, staff_a):
    patient.post(refer_url(patient, site_a), {**CONTACT, "phone": "+44 20 7946 0958"})
    assert Referral.objects.get().phone == "+442079460958"


def test_a_study_the_answers_rule_out_cannot_be_requested(client, site_a, seed_trials):
    client.screening_id = start(client)
    answer_everything(client, client.screening_id, MATCHES_ILD)
    response = client.post(refer_url(client, site_a), CONTACT)
    assert "This request cannot be sent" in response.content.decode()
    assert Referral.objects.count() == 0


def test_someone_else_s_screening_cannot_send_a_request(patient, site_a, django_app_client):
    response = django_app_client.post(refer_url(patient, site_a), CONTACT)
    assert response.status_code == 404 and Referral.objects.count() == 0


def test_the_snapshot_survives_a_later_criteria_edit(referral_a):
    walk = Criterion.objects.get(trial__nct_id="NCT07355868", question__key="sixmwd_m")
    walk.min_value = 350
    walk.explanation = "Changed"
    walk.save()
    referral_a.refresh_from_db()
    outcome = next(o for o in referral_a.outcomes_snapshot if o["question"] == "sixmwd_m")
    assert outcome["outcome"] == "met" and outcome["rule"] == "150 m ≤ six-minute walk distance < 600 m"


def test_the_site_staff_get_an_email_with_a_link_and_no_health_data(
    patient, site_a, staff_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        patient.post(refer_url(patient, site_a), CONTACT)
    [message] = mail.outbox
    referral = Referral.objects.get()
    assert message.to == ["nurse_a@hospital.example"]
    assert f"/staff/referrals/{referral.id}/" in message.body
    text = (message.subject + message.body).replace(str(referral.id), "")
    for private in ("Li Wei", "li.wei@example.org", "8997", "300 m", "six-minute", "copd", "COPD (", "Mornings"):
        assert private not in text


def test_the_reference_code_never_travels_by_email(patient, site_a, staff_a, django_capture_on_commit_callbacks):
    """The code is the patient's key to their request (it withdraws it): the link is enough for staff."""
    with django_capture_on_commit_callbacks(execute=True):
        patient.post(refer_url(patient, site_a), CONTACT)
    [message] = mail.outbox
    referral = Referral.objects.get()
    for shown in (referral.reference, referral.display_reference, referral.reference.lower()):
        assert shown not in message.subject and shown not in message.body


# Status and withdrawal with the reference code


def look_up(client, reference):
    return client.post(reverse("referrals:request_status"), {"reference": reference}).content.decode()


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{dashed}", " {dashed} "])
def test_a_patient_sees_their_request_s_status_in_plain_words(referral_a, typed):
    """In another browser, with the code alone: the status, never the contact details."""
    code = referral_a.reference
    typed = typed.format(code=code, lower=code.lower(), dashed=f"{code[:4]}-{code[4:]}")
    html = look_up(BrowserClient(), typed)
    assert "Sent. The study team has not contacted you yet." in html
    assert "Li Wei" not in html and "li.wei" not in html


def test_a_wrong_code_is_politely_not_found(client, referral_a):
    assert "We could not find that request" in look_up(client, "ABCD-EFGH")
    assert "Enter the code as it was given to you" in look_up(client, "0000-OOOO")
    assert "Enter your reference code." in look_up(client, "")


def test_withdrawal_asks_first_then_erases_contact_details_and_tells_the_site(client, referral_a, staff_a_client):
    html = client.post(reverse("referrals:withdraw"), {"reference": referral_a.reference}).content.decode()
    assert "Are you sure?" in html
    referral_a.refresh_from_db()
    assert referral_a.status == "new"
    html = client.post(
        reverse("referrals:withdraw"), {"reference": referral_a.reference, "confirm": "yes"}
    ).content.decode()
    assert "Your request has been withdrawn" in html
    referral_a.refresh_from_db()
    assert referral_a.status == "withdrawn"
    assert (referral_a.name, referral_a.phone, referral_a.email, referral_a.message) == ("", "", "", "")
    assert referral_a.contact_erased_at is not None
    staff_page = staff_a_client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
    assert "Withdrawn by the patient" in staff_page and "Contact details, message and answers were erased" in staff_page
    assert "Li Wei" not in staff_page


def test_after_withdrawing_the_patient_may_answer_again_and_ask_again(patient, referral_a, site_a):
    from tests.trials.profiles import MATCHES_COPD

    referral_a.withdraw()
    answer_everything(patient, patient.screening_id, MATCHES_COPD)  # their answers went with the withdrawal
    response = patient.post(refer_url(patient, site_a), CONTACT)
    assert response.status_code == 302 and Referral.objects.count() == 2


@pytest.mark.parametrize(
    "typed, stored",
    [("abcd-3467", "ABCD3467"), ("ABCD 3467", "ABCD3467"), ("ABCD-346", ""), ("ABCD-3O67", ""), ("ABCD-3I67", "")],
)
def test_reference_codes_are_read_forgivingly_but_never_guessed(typed, stored):
    assert normalise_reference(typed) == stored


def test_reference_codes_avoid_look_alike_characters():
    assert not set("0O1IL5S2Z") & set(REFERENCE_ALPHABET)


def test_no_access_log_entry_is_written_for_the_patient(referral_a, client):
    look_up(client, referral_a.reference)
    assert AccessLog.objects.count() == 0


def withdraw(client, referral) -> str:
    return client.post(
        reverse("referrals:withdraw"), {"reference": referral.reference, "confirm": "yes"}
    ).content.decode()


def test_withdrawal_erases_notes_checks_answers_and_the_message_but_keeps_who_changed_what_when(
    patient, referral_a, staff_a
):
    from screener.referrals.models import ERASED_ON_WITHDRAWAL

    referral_a.add_note("Li Wei prefers mornings, 0579 8997 9999", by=staff_a)
    referral_a.check_answer("sixmwd_m", "contradicted", "measured 280 m", by=staff_a)
    referral_a.move_to("contacted", by=staff_a, note="Spoke to Li Wei")
    html = withdraw(patient, referral_a)
    referral_a.refresh_from_db()
    assert (referral_a.name, referral_a.phone, referral_a.email, referral_a.message) == ("", "", "", "")
    assert referral_a.answers_snapshot == [] and referral_a.screening.answers == {}
    assert referral_a.outcomes_snapshot and all("stored" not in row for row in referral_a.outcomes_snapshot)
    staff_notes = referral_a.events.exclude(by=None).exclude(note="")
    assert set(staff_notes.values_list("note", flat=True)) == {ERASED_ON_WITHDRAWAL}
    assert set(staff_notes.values_list("by__username", flat=True)) == {"nurse_a"}
    check = referral_a.answer_checks.get()
    assert (check.note, check.by, check.state) == (ERASED_ON_WITHDRAWAL, staff_a, "contradicted")
    skeleton = list(referral_a.events.filter(kind="status").values_list("by__username", "from_status", "to_status"))
    assert skeleton == [("nurse_a", "new", "contacted"), (None, "contacted", "withdrawn")]
    for said in (
        "your name, phone number and email address",
        "your message",
        "the answers you sent with this request",
        "your answers to the questionnaire",
        "notes the study team wrote",
    ):
        assert said in html, said


def test_withdrawing_one_request_keeps_the_questionnaire_answers_another_request_still_needs(
    patient, referral_a, site_b
):
    response = patient.post(refer_url(patient, site_b), CONTACT)
    assert response.status_code == 302
    html = withdraw(patient, referral_a)
    referral_a.refresh_from_db()
    assert referral_a.answers_snapshot == [] and referral_a.screening.answers != {}
    assert "your answers to the questionnaire</li>" not in html
    assert "stay with your other request, which you have not withdrawn" in html

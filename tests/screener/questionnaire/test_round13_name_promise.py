"""The start page's promise about a patient's name is true: the questions never ask for it, and the contact
form, which does, is the one place it is asked (walkthrough 13 read "We do not ask for your name" and then a
"Your name" box)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.parametrize(
    "language, promise",
    [
        (
            "en",
            "We do not ask for your name while you answer; we ask for it only if you choose to ask a study’s team "
            "to contact you.",
        ),
        ("zh-hans", "您回答问题时，我们不会询问您的姓名；只有当您选择请某项研究的团队联系您时，我们才会请您留下姓名。"),
    ],
)
def test_the_start_page_says_the_name_is_asked_only_of_someone_who_asks_to_be_contacted(client, language, promise):
    client.cookies["django_language"] = language
    page = text(client.get(reverse("questionnaire:start")))
    assert promise in page
    assert "We do not ask for your name." not in page and "我们不会询问您的姓名。" not in page


def test_the_contact_form_is_where_the_name_is_asked(patient, site_a):
    form = text(patient.get(reverse("referrals:refer", args=[patient.screening_id, site_a.public_id])))
    assert "Your name" in form

"""An admin edits a site's contacts as rows of labelled fields (name, role, phone, email), not as raw JSON: an empty
row adds a contact, "Remove" takes one away, and a refused form keeps every row as typed and says what is wrong under
the field, in the admin's language. The model keeps the same list of {name, role, phone, email}."""

import re

import pytest
from django.urls import reverse

from tests.formdata import form_data
from trials.models import Site

pytestmark = pytest.mark.django_db

STORED = [{"name": "Shaohua Zhang", "role": "CONTACT", "email": "z16zsh@126.com", "phone": "086-0579-89979999"}]


def site_url(site):
    return reverse("admin:trials_site_change", args=[site.pk])


def site_form(admin_client, site, **headers) -> dict:
    return form_data(admin_client.get(site_url(site), **headers).content.decode(), "site_form")


def test_the_site_page_shows_each_contact_in_labelled_fields_and_empty_rows_to_add_one(admin_client, site_a):
    assert site_a.contacts == STORED
    page = admin_client.get(site_url(site_a)).content.decode()
    assert '<label for="id_contacts-0-name">Name</label>' in page
    assert '<label for="id_contacts-0-email">Email</label>' in page
    assert 'name="contacts-0-phone" id="id_contacts-0-phone" value="086-0579-89979999"' in page
    assert "<legend>Contact 3</legend>" in page and "<legend>Contact 4</legend>" not in page  # two empty rows
    assert '<textarea name="contacts"' not in page and "A list of {name, role, phone, email}" not in page


def test_the_fields_are_labelled_in_chinese_for_a_chinese_speaking_admin(admin_client, site_a):
    page = admin_client.get(site_url(site_a), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<legend>联系人1</legend>" in page
    for label in ("姓名", "角色", "电话", "电子邮件", "删除"):
        assert f">{label}</label>" in page


def test_saving_the_page_unchanged_keeps_the_contacts_exactly(admin_client, site_a):
    response = admin_client.post(site_url(site_a), site_form(admin_client, site_a))
    assert response.status_code == 302
    site_a.refresh_from_db()
    assert site_a.contacts == [
        {"name": "Shaohua Zhang", "role": "CONTACT", "phone": "086-0579-89979999", "email": "z16zsh@126.com"}
    ]


def test_an_empty_row_filled_in_adds_a_contact_that_patients_see(admin_client, site_a):
    from tests.formdata import BrowserClient

    data = site_form(admin_client, site_a)
    data.update(
        {"contacts-1-name": " Li Na ", "contacts-1-role": "Study nurse", "contacts-1-phone": "+86 579 8997 1234"}
    )
    assert admin_client.post(site_url(site_a), data).status_code == 302
    site_a.refresh_from_db()
    assert site_a.contacts[1] == {"name": "Li Na", "role": "Study nurse", "phone": "+86 579 8997 1234", "email": ""}
    study = BrowserClient().get(reverse("questionnaire:study", args=[site_a.trial.nct_id])).content.decode()
    assert "+86 579 8997 1234" in study
    # Saved with its row filled, the page offers two empty rows again.
    assert "<legend>Contact 4</legend>" in admin_client.get(site_url(site_a)).content.decode()


@pytest.mark.parametrize("how", ["remove", "clear"])
def test_a_contact_is_taken_away_by_ticking_remove_or_clearing_its_row(admin_client, site_a, how):
    data = site_form(admin_client, site_a)
    if how == "remove":
        data["contacts-0-remove"] = "on"
    else:
        data.update({f"contacts-0-{key}": "" for key in ("name", "role", "phone", "email")})
    assert admin_client.post(site_url(site_a), data).status_code == 302
    site_a.refresh_from_db()
    assert site_a.contacts == []


@pytest.mark.parametrize(
    ("field", "typed", "problem"),
    [
        ("email", "z16zsh@", "Contact 1: this is not an email address; give one like name@hospital.cn."),
        ("phone", "call the ward", "Contact 1: a phone number holds digits, spaces and + - ( ) only"),
        ("phone", "1234", "Contact 1: this phone number is too short: give it with its area code."),
    ],
)
def test_a_wrong_value_is_refused_kept_as_typed_and_named_under_its_field(admin_client, site_a, field, typed, problem):
    data = site_form(admin_client, site_a)
    data[f"contacts-0-{field}"] = typed
    data["contacts-1-name"] = "Li Na"  # another row typed meanwhile is kept too
    response = admin_client.post(site_url(site_a), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert problem in page
    assert (
        f'id="id_contacts-0-{field}" value="{typed}" aria-invalid="true" aria-describedby="id_contacts-0-{field}-error"'
        in page
    )
    assert f'<p class="errornote" id="id_contacts-0-{field}-error">{problem}' in page
    assert 'id="id_contacts-1-name" value="Li Na"' in page
    site_a.refresh_from_db()
    assert site_a.contacts == STORED


def test_the_problem_is_told_in_chinese_to_a_chinese_speaking_admin(admin_client, site_a):
    data = site_form(admin_client, site_a, HTTP_ACCEPT_LANGUAGE="zh-hans")
    data["contacts-0-email"] = "z16zsh@"
    page = admin_client.post(site_url(site_a), data, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "联系人1：这不是有效的电子邮件地址，请按 name@hospital.cn 的格式填写。" in page


def test_a_row_with_only_a_role_asks_for_a_way_to_reach_or_name_the_contact(admin_client, site_a):
    data = site_form(admin_client, site_a)
    data["contacts-1-role"] = "CONTACT"
    page = admin_client.post(site_url(site_a), data).content.decode()
    assert "Contact 2: give a name, a phone number or an email address, or tick “Remove”." in page
    assert 'aria-describedby="id_contacts-1-error"' in page


def test_a_wrong_row_ticked_for_removal_is_not_judged(admin_client, site_a):
    data = site_form(admin_client, site_a)
    data.update({"contacts-0-email": "z16zsh@", "contacts-0-remove": "on"})
    assert admin_client.post(site_url(site_a), data).status_code == 302
    site_a.refresh_from_db()
    assert site_a.contacts == []


@pytest.mark.parametrize(
    ("phone", "accepted"),
    [
        ("12345", True),
        ("1234", False),
        ("086-0579-89979999", True),
        ("(0571) 8888.1234", True),
        ("+86 571 8888 1234 ext 12", True),
        ("0571 8888 1234 转 12", True),
        ("０５７１ ８８８８ １２３４", True),
        ("0571 8888 123A", False),
        ("+86 571 8888 1234; +86 571 8888 5678", False),
    ],
)
def test_phone_numbers_as_registries_write_them_are_accepted_and_letters_refused(admin_client, site_a, phone, accepted):
    data = site_form(admin_client, site_a)
    data["contacts-0-phone"] = phone
    response = admin_client.post(site_url(site_a), data)
    assert (response.status_code == 302) is accepted
    site_a.refresh_from_db()
    assert (site_a.contacts[0]["phone"] == phone) is accepted


def test_a_site_without_contacts_saved_with_empty_rows_keeps_an_empty_list(admin_client, site_b):
    assert admin_client.post(site_url(site_b), site_form(admin_client, site_b)).status_code == 302
    site_b.refresh_from_db()
    assert site_b.contacts == []


def test_the_trials_page_edits_each_sites_contacts_the_same_way(admin_client, site_a):
    url = reverse("admin:trials_trial_change", args=[site_a.trial.pk])
    page = admin_client.get(url).content.decode()
    assert re.search(r'<label for="id_sites-0-contacts-0-name">Name</label>', page)
    data = form_data(page, "trial_form")
    data["sites-0-contacts-0-email"] = "kaiw@zju.edu.cn"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Site.objects.get(pk=site_a.pk).contacts[0]["email"] == "kaiw@zju.edu.cn"


def test_a_new_site_is_added_with_its_contact(admin_client, site_a):
    url = reverse("admin:trials_site_add")
    data = form_data(admin_client.get(url).content.decode(), "site_form")
    assert data["contacts-rows"] == "2"
    data.update(
        {
            "trial": str(site_a.trial.pk),
            "facility_en": "Hospital C",
            "city_en": "Hangzhou",
            "contacts-0-name": "Wang Fang",
            "contacts-0-email": "wang.fang@hospital.cn",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    site = Site.objects.get(facility_en="Hospital C")
    assert site.contacts == [{"name": "Wang Fang", "role": "", "phone": "", "email": "wang.fang@hospital.cn"}]


IMPORTED = [{"name": "Study desk", "role": "CONTACT", "phone": "(866) 123-4567 (toll free)", "email": ""}]


def test_a_registry_contact_the_phone_rule_would_refuse_never_blocks_saving_the_site_or_its_trial(admin_client, site_a):
    site_a.contacts = IMPORTED
    site_a.save()
    assert admin_client.post(site_url(site_a), site_form(admin_client, site_a)).status_code == 302
    url = reverse("admin:trials_trial_change", args=[site_a.trial.pk])
    assert admin_client.post(url, form_data(admin_client.get(url).content.decode(), "trial_form")).status_code == 302
    site_a.refresh_from_db()
    assert site_a.contacts == IMPORTED


def test_the_same_phone_typed_anew_or_changed_is_still_judged(admin_client, site_a):
    site_a.contacts = IMPORTED
    site_a.save()
    data = site_form(admin_client, site_a)
    data["contacts-0-phone"] = "(866) 123-4567 (call us)"
    response = admin_client.post(site_url(site_a), data)
    assert response.status_code == 200 and 'value="(866) 123-4567 (call us)"' in response.content.decode()

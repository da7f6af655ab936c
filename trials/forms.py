"""A site's contacts as an admin edits them: a row of labelled fields per contact instead of raw JSON.

The model keeps its JSON list of {name, role, phone, email} (what the registry import writes and the study page
reads); only the form changes. No script: empty rows at the end add a contact, a "Remove" box takes one away,
and saving brings new empty rows. A refused form shows every row as typed, each problem under its field.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

CONTACT_KEYS = ("name", "role", "phone", "email")
MAX_CONTACTS = 50
EMPTY_ROWS = 2
MAX_LENGTHS = {"name": 200, "role": 200, "phone": 60, "email": 254}
# Digits (full-width too), spaces and + - ( ) . / as registries write numbers, with an optional extension.
PHONE = re.compile(r"^\+?[\d\s\-()./]+(?:\s*(?:ext\.?|x|转|分机)\s*\d+)?$", re.IGNORECASE)


class PostedContacts(list):
    """The rows as typed in a submitted form (each a dict of the row's strings and its "remove" box)."""


def _row(contact) -> dict:
    contact = contact if isinstance(contact, dict) else {}
    return {key: str(contact.get(key) or "").strip() for key in CONTACT_KEYS}


def _is_empty(row: dict) -> bool:
    return not any(row.get(key) for key in CONTACT_KEYS)


def contact_problems(row: dict, number: int) -> dict[str, str]:
    """What is wrong with one typed contact, by field ("" for the row as a whole); empty when it can be saved."""
    values = {"number": number}
    problems: dict[str, str] = {}
    row = _row(row)
    if row["name"] and len(row["name"]) > MAX_LENGTHS["name"]:
        problems["name"] = gettext("Contact %(number)s: the name is too long (at most 200 characters).") % values
    if row["role"] and len(row["role"]) > MAX_LENGTHS["role"]:
        problems["role"] = gettext("Contact %(number)s: the role is too long (at most 200 characters).") % values
    phone = row["phone"]
    if phone:
        if len(phone) > MAX_LENGTHS["phone"] or not PHONE.match(phone):
            problems["phone"] = (
                gettext(
                    "Contact %(number)s: a phone number holds digits, spaces and + - ( ) only, "
                    "like +86 571 8888 1234 (an extension may follow as “ext 12”)."
                )
                % values
            )
        elif sum(character.isdigit() for character in phone) < 5:
            problems["phone"] = (
                gettext("Contact %(number)s: this phone number is too short: give it with its area code.") % values
            )
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            problems["email"] = (
                gettext("Contact %(number)s: this is not an email address; give one like name@hospital.cn.") % values
            )
    if not (row["name"] or row["phone"] or row["email"]):
        problems[""] = (
            gettext("Contact %(number)s: give a name, a phone number or an email address, or tick “Remove”.") % values
        )
    return problems


def _rows_to_show(value) -> list[dict]:
    """The rows as typed (or as stored), then empty rows to add contacts in."""
    rows = [
        {**_row(contact), "remove": bool(isinstance(contact, dict) and contact.get("remove"))}
        for contact in (value if isinstance(value, list) else [])
    ]
    while len(rows) < EMPTY_ROWS or any(not _is_empty(row) for row in rows[-EMPTY_ROWS:]):
        rows.append({**_row({}), "remove": False})
    return rows


class ContactsWidget(forms.Widget):
    template_name = "admin/trials/site/contacts_widget.html"
    stored: list[dict] = []  # the contacts as saved: a row left as it was is not judged again (see ContactsField)

    class Media:
        css = {"all": ["trials/contacts.css"]}

    def format_value(self, value):
        return value

    def render(self, name, value, attrs=None, renderer=None):
        base_id = (attrs or {}).get("id") or f"id_{name}"
        posted = isinstance(value, PostedContacts)
        rows = []
        for index, row in enumerate(_rows_to_show(value)):
            judged = posted and not row["remove"] and not _is_empty(row) and _row(row) not in self.stored
            problems = contact_problems(row, index + 1) if judged else {}
            rows.append(
                {
                    "number": index + 1,
                    "prefix": f"{name}-{index}",
                    "id": f"{base_id}-{index}",
                    "values": row,
                    "problems": problems,
                    "whole_problem": problems.get("", ""),
                    "fields": [
                        {"key": key, "label": label, "type": kind, "value": row[key], "problem": problems.get(key, "")}
                        for key, label, kind in (
                            ("name", gettext("Name"), "text"),
                            ("role", gettext("Role"), "text"),
                            ("phone", gettext("Phone"), "tel"),
                            ("email", gettext("Email"), "email"),
                        )
                    ],
                }
            )
        return render_to_string(
            self.template_name, {"name": name, "id": base_id, "rows": rows, "label": self.attrs.get("aria-label", "")}
        )

    def value_from_datadict(self, data, files, name):
        try:
            count = int(data.get(f"{name}-rows", ""))
        except ValueError:
            return None
        rows = PostedContacts()
        for index in range(max(0, min(count, MAX_CONTACTS + EMPTY_ROWS))):
            row = {key: data.get(f"{name}-{index}-{key}", "") for key in CONTACT_KEYS}
            row["remove"] = bool(data.get(f"{name}-{index}-remove"))
            rows.append(row)
        return rows

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-rows" not in data

    def id_for_label(self, id_):
        return ""  # the field's label names the whole group (below); each input has its own label


class ContactsField(forms.Field):
    """The contacts as a list of {name, role, phone, email}, in the order typed, empty and removed rows left out.

    Only new or changed rows are judged: a contact saved before (one the registry gave, say "+86 138 0000 0000;
    +86 139 0000 0000") and left as it was never stops the site, or its trial, from being saved."""

    widget = ContactsWidget
    default_error_messages = {
        "too_many": gettext_lazy("A site can list at most %(limit)s contacts: remove some before adding more."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", capfirst(gettext_lazy("contacts")))
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "One row per contact: fill in an empty row to add one (save to get more empty rows), "
                "tick “Remove” to take one away."
            ),
        )
        super().__init__(**kwargs)
        self.widget.attrs["aria-label"] = self.label

    def prepare_value(self, value):
        return value

    def bound_data(self, data, initial):
        return initial if data is None else data

    def to_python(self, value) -> list[dict]:
        if value is None:
            return []
        if not isinstance(value, PostedContacts):
            return [_row(contact) for contact in value] if isinstance(value, list) else []
        kept = [(index, _row(row)) for index, row in enumerate(value) if not row.get("remove")]
        kept = [(index, row) for index, row in kept if not _is_empty(row)]
        stored = self.widget.stored
        problems = [
            message for index, row in kept if row not in stored for message in contact_problems(row, index + 1).values()
        ]
        if problems:
            raise ValidationError(problems)
        if len(kept) > MAX_CONTACTS:
            raise ValidationError(self.error_messages["too_many"], code="too_many", params={"limit": MAX_CONTACTS})
        return [row for _index, row in kept]

    def has_changed(self, initial, data) -> bool:
        if data is None:
            return False
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


class SiteForm(forms.ModelForm):
    contacts = ContactsField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["contacts"].widget
        widget.stored = [_row(contact) for contact in self.instance.contacts or []] if self.instance.pk else []

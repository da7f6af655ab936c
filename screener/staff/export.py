"""The referral list as a CSV file for a spreadsheet, recorded in the access log as it is made."""

from __future__ import annotations

import csv
import re

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from screener.questionnaire.templatetags.registry_words import in_zone, place_names
from screener.referrals.models import AccessLog, Referral, display_reference
from screener.referrals.templatetags.staff_notes import phone_shown
from screener.staff.checks import answers_to_check
from screener.staff.wording import verdict_words
from trials.models import Site, day_at_sites

# In the language of the staff member who exports (their preference, or the page's).
HEADER = [
    _("reference"),
    _("sent"),
    _("status"),
    _("study"),
    _("site"),
    _("name"),
    _("phone"),
    _("email"),
    _("contact by"),
    _("best time"),
    _("result when sent"),
    _("language"),
    _("answers to check"),
]

# Only what the rows show (as plain values): never a trial's stored registry record, nor the snapshots.
COLUMNS = [
    "reference",
    "created_at",
    "status",
    "name",
    "phone",
    "email",
    "contact_by",
    "contact_time",
    "verdict",
    "language",
    "trial__nct_id",
    "site__facility",
    "site__city",
    "site__country",
    "site_id",
    "pk",
]


class _Line:
    """csv.writer writes into this and gets the line back, so each row can be streamed as it is made."""

    def write(self, text: str) -> str:
        return text


def referrals_csv(referrals, by, filters: str) -> StreamingHttpResponse:
    """The referrals as CSV (UTF-8 with a byte-order mark, which Excel needs for Chinese names), streamed."""
    AccessLog.record(by, AccessLog.Action.EXPORT, detail=filters)
    response = StreamingHttpResponse(
        in_language(get_language(), rows(referrals)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="referrals-{export_day(by):%Y-%m-%d}.csv"'
    return response


def export_day(user):
    """The day the file is named after, as the reader's sites count it (the rows show their times in the site's
    zone: a file made at 01:00 in Shanghai was named after yesterday's UTC date); the server's day when the reader's
    sites are in more than one zone, or none."""
    return day_at_sites(m.site for m in user.site_memberships.select_related("site"))


def in_language(language, lines):
    """The lines made in the exporter's language, whenever the server streams them."""
    with translation.override(language):
        yield from lines


def rows(referrals):
    """One line at a time, from plain values: no model instance, no registry record, no snapshot per row."""
    writer = csv.writer(_Line())
    status, contact_by, contact_time = (
        dict(Referral.Status.choices),
        dict(Referral.ContactBy.choices),
        dict(Referral.ContactTime.choices),
    )
    languages = {code: gettext(name) for code, name in settings.LANGUAGES}
    # Each site once (one query), for the time zone its staff read times in.
    zones = {site.pk: site for site in Site.objects.filter(pk__in=referrals.values("site_id"))}
    # The checked answers each review page flags, for the whole list at once (a fixed number of queries).
    to_check = answers_to_check(referrals)
    yield "\ufeff" + writer.writerow([safe_cell(str(heading)) for heading in HEADER])
    for row in referrals.values_list(*COLUMNS).iterator(chunk_size=2000):
        (reference, sent, state, name, phone, email, by, time, verdict, language, nct_id, facility, city, country) = (
            row[:-2]
        )
        site_id, referral_id = row[-2:]
        # Every cell, not only the ones patients type: a site's facility and city come from the registry,
        # which is outside input too (a facility named `=HYPERLINK(...)`).
        cells = [
            display_reference(reference),
            in_zone(sent, zones.get(site_id)),
            status.get(state, state),
            nct_id,
            site_words(zones.get(site_id)) or ", ".join(part for part in (facility, city, country) if part),
            name,
            phone_cell(phone),
            email,
            contact_by.get(by, by),
            contact_time.get(time, time),
            verdict_words(verdict),
            languages.get(language, language),
            checks_cell(to_check.get(referral_id, ())),
        ]
        yield writer.writerow([safe_cell(cell) for cell in cells])


def site_words(site) -> str:
    """The site as the referral list shows it, in the exporter's language (a name an admin translated, a city or
    country from the tables where one knows it), with its place."""
    if site is None:
        return ""
    return gettext(", ").join(part for part in (site.facility, *place_names(site)) if part)


def checks_cell(rows) -> str:
    """The answers the review page flags, in the exporter's language: each question's short label and what its
    page says of it (the criteria the recorded value would not meet, or why the note was not judged). Only what that
    page shows: no value from the note, no answer the patient gave."""
    lines = []
    for row in rows:
        question = capfirst(row.question.short_label or row.question.key)
        lines += [
            gettext("%(question)s: the value would not meet %(rule)s") % {"question": question, "rule": rule}
            for rule in (criterion.rule_in_words() for criterion in row.not_met)
        ]
        if row.unclear == "several":
            lines.append(
                gettext("%(question)s: the note holds more than one value, not judged") % {"question": question}
            )
        elif row.unclear == "none":
            lines.append(
                gettext("%(question)s: no value could be read from the note, not judged") % {"question": question}
            )
    return gettext("; ").join(lines)


def phone_cell(phone: str) -> str:
    """A phone number a spreadsheet keeps as text and staff can read and dial: "(+86) 138 1234 5678". A leading "+"
    would be read as a formula ("+86 138 …" is an error in Excel) or a number (losing the "+"), and an apostrophe
    before it shows in the cell. A number the library cannot read is written as stored, through `safe_cell`."""
    return re.sub(r"^\+(\d{1,3}) ", r"(+\1) ", phone_shown(phone)) if phone else ""


# A spreadsheet reads a cell as a formula when it starts with one of these, also after leading spaces or a
# line break, and (to be safe, it costs nothing) in their full-width forms.
FORMULA_START = re.compile(r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]")


def safe_cell(value) -> str:
    """Keep a spreadsheet from reading a cell as a formula: patient-typed text and registry text alike."""
    value = "" if value is None else str(value)
    return "'" + value if FORMULA_START.match(value) else value

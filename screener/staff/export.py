"""The referral list as a CSV file for a spreadsheet, recorded in the access log as it is made."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screener.referrals.models import AccessLog

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
]


def referrals_csv(referrals, by, filters: str) -> HttpResponse:
    """The referrals as CSV (UTF-8 with a byte-order mark, which Excel needs for Chinese names)."""
    AccessLog.record(by, AccessLog.Action.EXPORT, detail=filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="referrals-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in HEADER])
    for referral in referrals:
        writer.writerow(
            [
                referral.display_reference,
                referral.created_at.strftime("%Y-%m-%d %H:%M"),
                referral.get_status_display(),
                referral.trial.nct_id,
                str(referral.site),
                safe_cell(referral.name),
                safe_cell(referral.phone),
                safe_cell(referral.email),
                referral.get_contact_by_display(),
                referral.get_contact_time_display(),
                referral.verdict,
                referral.language,
            ]
        )
    return response


def safe_cell(value: str) -> str:
    """Keep a spreadsheet from reading patient-typed text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

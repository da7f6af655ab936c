"""The referral list as a CSV file for a spreadsheet, recorded in the access log as it is made."""

from __future__ import annotations

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

from screener.referrals.models import AccessLog

HEADER = [
    "reference",
    "sent",
    "status",
    "study",
    "site",
    "name",
    "phone",
    "email",
    "contact by",
    "best time",
    "result when sent",
]

# Only what the rows show: never a trial's stored registry record, nor the snapshots, per row.
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
    "trial__nct_id",
    "site__facility",
    "site__city",
    "site__country",
]


class _Line:
    """csv.writer writes into this and gets the line back, so each row can be streamed as it is made."""

    def write(self, text: str) -> str:
        return text


def referrals_csv(referrals, by, filters: str) -> StreamingHttpResponse:
    """The referrals as CSV (UTF-8 with a byte-order mark, which Excel needs for Chinese names), streamed."""
    AccessLog.record(by, AccessLog.Action.EXPORT, detail=filters)
    response = StreamingHttpResponse(rows(referrals), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="referrals-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


def rows(referrals):
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(HEADER)
    for referral in referrals.select_related("trial", "site").only(*COLUMNS).iterator(chunk_size=2000):
        yield writer.writerow(
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
            ]
        )


def safe_cell(value: str) -> str:
    """Keep a spreadsheet from reading patient-typed text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

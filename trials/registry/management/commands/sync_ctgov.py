"""`manage.py sync_ctgov [--condition TEXT]... [--status STATUS]...`: bring the catalogue up to date from
ClinicalTrials.gov's API v2 (`CTGOV_API_URL`).

Lists every study of each condition (default: the setting `CTGOV_SYNC_CONDITIONS`) under the status filter
(default: RECRUITING and NOT_YET_RECRUITING) and upserts it through the import (unchanged studies skipped by their
hash; criteria drafted in the background by `db_worker`). Studies we hold that no longer come back are asked for
by id, and those that stopped recruiting are closed. See `trials.registry.syncing`.

A progress bar on a terminal; at the end a summary (fetched, created, updated, unchanged, closed, refused,
requests made) and a line per refused study. Without the network it says so and stops, having changed nothing
it could not finish; the app itself never waits on it. Runs daily from a timer (docs/sync.md).
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from trials.registry import api
from trials.registry.ctgov import STATUSES
from trials.registry.syncing import Sync
from trials.registry.tasks import start_drafting

DEFAULT_STATUSES = ["RECRUITING", "NOT_YET_RECRUITING"]


class Command(BaseCommand):
    help = "Bring the catalogue up to date from ClinicalTrials.gov (API v2): new, changed and closed studies."

    def add_arguments(self, parser):
        parser.add_argument(
            "--condition",
            action="append",
            dest="conditions",
            metavar="TEXT",
            help="A condition to sync (query.cond); repeat for more. Default: the setting CTGOV_SYNC_CONDITIONS.",
        )
        parser.add_argument(
            "--status",
            action="append",
            dest="statuses",
            metavar="STATUS",
            help="An overall status to list (filter.overallStatus); repeat for more. "
            "Default: RECRUITING and NOT_YET_RECRUITING.",
        )

    def handle(self, *args, conditions=None, statuses=None, verbosity=1, **options):
        conditions = [c.strip() for c in (conditions or settings.CTGOV_SYNC_CONDITIONS) if c.strip()]
        statuses = [s.strip().upper() for s in (statuses or DEFAULT_STATUSES) if s.strip()]
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown:
            raise CommandError(f"Not a registry status: {', '.join(unknown)}. Statuses: {', '.join(sorted(STATUSES))}.")
        if not conditions:
            raise CommandError("No condition to sync: name one with --condition, or set CTGOV_SYNC_CONDITIONS.")
        client = api.Client(
            settings.CTGOV_API_URL,
            timeout=settings.CTGOV_TIMEOUT_SECONDS,
            retries=settings.CTGOV_RETRIES,
            backoff=settings.CTGOV_BACKOFF_SECONDS,
            max_wait=settings.CTGOV_MAX_WAIT_SECONDS,
            page_size=settings.CTGOV_PAGE_SIZE,
        )
        progress = tqdm(unit=" studies", disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True)

        def set_total(total: int) -> None:
            progress.total = total
            progress.refresh()

        sync = Sync(client, on_study=lambda: progress.update(1), on_total=set_total)
        failure = None
        try:
            summary = sync.run(conditions, statuses)
        except api.ApiError as error:
            summary, failure = sync.summary, error
        finally:
            progress.close()
            client.close()
        self.stdout.write(summary.line())
        start_drafting(self.stdout.write)
        for line in summary.notes if verbosity >= 1 else []:
            self.stdout.write(line)
        for line in summary.refusals:
            self.stderr.write(line)
        if failure is not None:
            raise CommandError(
                f"Could not reach ClinicalTrials.gov at {settings.CTGOV_API_URL} ({failure}). Every study stored "
                "so far is whole; the next run carries on from there."
            )
        if summary.refusals:
            raise CommandError(f"{summary.counts['refused']} refused; nothing was written for the studies named above.")

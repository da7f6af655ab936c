"""Keeping the catalogue current from ClinicalTrials.gov (`manage.py sync_ctgov`).

1. List every study of each condition under the status filter, page by page, and upsert each through the import
   (`import_record`: the hash skip, drafting left to the background worker).
2. Only when that listing came back whole: the studies we hold with one of the filter's statuses that it did not
   return are asked for by id (`filter.ids`, 100 a request) and upserted too. One that stopped recruiting is closed.
3. Closing (a study that was recruiting and no longer is): no longer published, so no patient is offered it; the
   sites of its open referrals are told (`signals.trial_closed`, which referrals answers with emails in each
   member's language); the patient's request page says so (it reads the trial's status).

Each study is one transaction (its import and its closing together): a run stopped anywhere leaves every study
whole, and the next run does what is left. A study that cannot be read is refused with a line; the run goes on.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from trials import signals
from trials.models import RECRUITING_STATUSES, Trial
from trials.registry import api, ctgov
from trials.registry.importing import IMPORT_QUESTION_KEYS, ensure_questions, import_record

LARGEST_STUDY_CHARACTERS = 5 * 1024 * 1024  # one study's JSON; a study larger than this is refused


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    requests: int = 0
    complete: bool = True

    def line(self) -> str:
        c = self.counts
        return (
            f"{c['fetched']} fetched, {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['closed']} closed, {c['refused']} refused; {self.requests} requests made"
        )


class Sync:
    def __init__(
        self,
        client: api.Client,
        on_study: Callable[[], None] = lambda: None,
        on_total: Callable[[int], None] = lambda total: None,
    ):
        self.client = client
        self.on_study = on_study
        self.on_total = on_total
        self.expected = 0
        self.summary = Summary()
        self.questions = None
        self.hashes: dict[str, str] = {}
        self.statuses: dict[str, str] = {}
        self.seen: set[str] = set()

    def run(self, conditions: list[str], statuses: list[str]) -> Summary:
        from trials.registry.management.commands.import_ctgov import record_hash

        self.record_hash = record_hash
        for nct_id, digest, status in Trial.objects.values_list("nct_id", "source_hash", "overall_status"):
            self.hashes[nct_id] = digest
            self.statuses[nct_id] = status
        try:
            with signals.batched():  # the whole run is one catalogue change
                for condition in conditions:
                    self.list_condition(condition, statuses)
                if self.summary.complete:
                    self.check_dropouts(statuses)
                else:
                    self.summary.notes.append(
                        "The listing was not complete: studies missing from it are checked on the next complete run."
                    )
        finally:
            self.summary.requests = self.client.requests
        return self.summary

    def list_condition(self, condition: str, statuses: list[str]) -> None:
        try:
            for page in self.client.search(condition, statuses):
                total = page.get("totalCount")
                if isinstance(total, int) and not isinstance(total, bool) and total >= 0:
                    self.expected += total
                    self.on_total(self.expected)
                self.take_page(page, f"condition {condition!r}")
        except api.MalformedPage as error:
            self.summary.complete = False
            self.refuse(f"a page of condition {condition!r}: {error}; the rest of its pages were not listed")

    def check_dropouts(self, statuses: list[str]) -> None:
        missing = sorted(
            nct_id
            for nct_id, status in self.statuses.items()
            if status in statuses and nct_id not in self.seen and api.NCT_ID.match(nct_id)
        )
        if not missing:
            return
        try:
            for page in self.client.by_ids(missing):
                self.take_page(page, "studies asked for by id")
        except api.MalformedPage as error:
            self.refuse(f"studies asked for by id: {error}; they are asked for again on the next run")
            return
        for nct_id in missing:
            if nct_id not in self.seen:
                self.summary.notes.append(f"{nct_id}: the registry no longer has this study; left as it is")

    def take_page(self, page: dict, where: str) -> None:
        for index, study in enumerate(page.get("studies") or [], start=1):
            self.counts["fetched"] += 1
            self.take_study(study, f"{where}, study {index}")
            self.on_study()

    @property
    def counts(self) -> Counter:
        return self.summary.counts

    def take_study(self, study, where: str) -> None:
        if not isinstance(study, dict):
            return self.refuse(f"{where}: not a study object")
        if len(json.dumps(study, ensure_ascii=False)) > LARGEST_STUDY_CHARACTERS:
            return self.refuse(f"{where}: larger than {LARGEST_STUDY_CHARACTERS // (1024 * 1024)} MB")
        try:
            [result] = ctgov.read_studies(study)
        except (ctgov.DocumentError, ValueError) as error:
            return self.refuse(f"{where}: {error}")
        if isinstance(result, ctgov.StudyProblems):
            self.seen.add(_nct_id_of(study))  # it did come back: not to be asked for again as dropped out
            return self.refuse(*(f"{where}: {result.label}: {problem}" for problem in result.problems))
        self.seen.add(result.nct_id)
        digest = self.record_hash(result)
        if self.hashes.get(result.nct_id) == digest:
            self.counts["unchanged"] += 1
            return None
        if self.questions is None:
            self.questions = ensure_questions(IMPORT_QUESTION_KEYS)
        before = self.statuses.get(result.nct_id)
        with transaction.atomic():
            outcome = import_record(result, self.questions, draft_now=False, source_hash=digest)
            stopped = before in RECRUITING_STATUSES and result.overall_status not in RECRUITING_STATUSES
            # "UNKNOWN": the registry has not heard from the sponsor in two years; not a sign that it stopped.
            closing = stopped and result.overall_status != Trial.Status.UNKNOWN
            if closing:
                close(Trial.objects.get(nct_id=result.nct_id))
        self.hashes[result.nct_id] = digest
        self.statuses[result.nct_id] = result.overall_status
        self.counts["created" if outcome.created else ("updated" if outcome.changed else "unchanged")] += 1
        if closing:
            self.counts["closed"] += 1
        elif stopped:
            self.summary.notes.append(
                f"{result.nct_id}: the registry now gives its status as {result.overall_status}; left as it is"
            )
        return None

    def refuse(self, *lines: str) -> None:
        self.counts["refused"] += 1
        self.summary.refusals.extend(lines)


def close(trial: Trial) -> None:
    """The study stopped recruiting: offered to no patient from now on, and whoever has open requests is told.
    Called inside the transaction that stored its new status."""
    if trial.is_published:
        trial.is_published = False
        trial.save(update_fields=["is_published", "updated_at"])
    signals.trial_closed.send(sender=Trial, trial_id=trial.pk)


def _nct_id_of(study: dict) -> str:
    protocol = study.get("protocolSection")
    identification = protocol.get("identificationModule") if isinstance(protocol, dict) else None
    nct_id = identification.get("nctId") if isinstance(identification, dict) else None
    return nct_id if isinstance(nct_id, str) else ""

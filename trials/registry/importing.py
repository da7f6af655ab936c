"""Writes what `trials.ctgov` reads: trials, sites, the registry's age and sex limits as criteria, and a
draft criterion for every clause of the eligibility text (`trials.registry.drafting`).

One transaction per study. Re-importing updates a trial by NCT id; criteria an admin wrote, edited, approved
or rejected are never touched, nor are the fields the registry does not hold (plain summary, publication).

Drafting holds no lock while the extractor works: its proposals are computed outside any transaction, then
written in a short one that first checks, with the trial's row locked, that the text they were made from is
still the trial's (SQLite has one write lock for the whole database: patients' answers wait for it).
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation
from simple_history.utils import bulk_create_with_history

from trials import signals
from trials.models import OTHER_LANGUAGES, Criterion, Question, Site, Trial
from trials.registry import changes, ctgov, drafting
from trials.registry.concepts import matching
from trials.registry.extraction.engine import RECORD_NO_MAXIMUM

logger = logging.getLogger(__name__)
VOCABULARY = Path(__file__).parent / "seed" / "questions.json"


@dataclass
class ImportOutcome:
    nct_id: str
    created: bool
    changed: bool


def ensure_questions(keys=None) -> dict[str, Question]:
    """Create the vocabulary's questions that are missing and add the choices an existing question lacks (before
    “None of these”); an admin's wording of existing questions and choices stays.

    Of an existing question, only translations nobody has written yet are filled in from the vocabulary.
    The vocabulary's plain fields are English, whatever language the caller has active.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _ensure_questions(keys)


def _ensure_questions(keys=None) -> dict[str, Question]:
    definitions = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    wanted = [d for d in definitions if keys is None or d["key"] in keys]
    existing = {q.key: q for q in Question.objects.filter(key__in=[d["key"] for d in wanted])}
    for definition in wanted:
        if definition["key"] in existing:
            _add_missing_choices(existing[definition["key"]], definition.get("choices") or [])
            fill_missing_translations(existing[definition["key"]], definition)
            _replace_retired_wordings(existing[definition["key"]], definition)
            continue
        fields = dict(definition)
        gate_key = fields.pop("asked_only_if", None)
        if gate_key:
            fields["asked_only_if"] = existing.get(gate_key) or _ensure_questions([gate_key])[gate_key]
        question = Question(**fields)
        question.full_clean()
        question.save()
        existing[question.key] = question
    return existing


def fill_missing_translations(question: Question, definition: dict) -> None:
    """Add the vocabulary's translations where the question has none (never over an admin's words)."""
    changed = []
    for name, value in definition.items():
        if name.endswith(tuple(f"_{suffix}" for suffix in OTHER_LANGUAGES)) and not getattr(question, name, None):
            setattr(question, name, value)
            changed.append(name)
    if question.choices and definition.get("choices"):
        seeded = {c["code"]: c for c in definition["choices"]}
        choices = [
            {**{k: v for k, v in seeded.get(c.get("code"), {}).items() if k.startswith("label_")}, **c}
            if isinstance(c, dict)
            else c
            for c in question.choices
        ]
        if choices != question.choices:
            question.choices = choices
            changed.append("choices")
    if changed:
        question.save(update_fields=changed)


RETIRED_WORDINGS = VOCABULARY.parent / "retired_question_wordings.json"


@functools.cache
def _retired_wordings() -> dict[str, list[dict]]:
    """Earlier vocabulary wordings, by question key: `{"field", "old"}` and, for a choice's label, `"choice"`."""
    rows: dict[str, list[dict]] = {}
    for row in json.loads(RETIRED_WORDINGS.read_text(encoding="utf-8")):
        rows.setdefault(row["key"], []).append(row)
    return rows


def _replace_retired_wordings(question: Question, definition: dict) -> None:
    """A wording the vocabulary has since improved is replaced where the database still holds the old one word for
    word: nobody has changed it, so the better wording reaches databases loaded before it (walkthrough 11 met "Has
    a doctor ever told you…" above fainting at injections). Anything an admin wrote stays."""
    changed = set()
    for row in _retired_wordings().get(question.key, []):
        field = row["field"]
        stored_name = field if field.endswith(tuple(f"_{s}" for s in OTHER_LANGUAGES)) else f"{field}_en"
        if "choice" in row:
            current = next((c for c in definition.get("choices") or [] if c["code"] == row["choice"]), None)
            for choice in question.choices or []:
                if isinstance(choice, dict) and current and choice.get("code") == row["choice"]:
                    if choice.get(field) == row["old"] and current.get(field) and current[field] != row["old"]:
                        choice[field] = current[field]
                        changed.add("choices")
        elif getattr(question, stored_name, None) == row["old"] and definition.get(field) not in (None, row["old"]):
            setattr(question, stored_name, definition[field])
            changed.add(stored_name)
    if changed:
        question.save(update_fields=sorted(changed))


def _add_missing_choices(question: Question, choices: list[dict]) -> None:
    if question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return
    have = list(question.choices or [])
    codes = {c.get("code") for c in have}
    missing = [c for c in choices if c["code"] not in codes]
    if not missing:
        return
    at = next((i for i, c in enumerate(have) if c.get("code") == "none"), len(have))
    question.choices = have[:at] + missing + have[at:]
    question.full_clean()
    question.save()


# The questions an import writes criteria on: the registry's age and sex limits, and every question drafting uses.
IMPORT_QUESTION_KEYS = ["age", "sex", *drafting.QUESTION_KEYS, *matching.question_keys()]


def import_record(
    record: ctgov.StudyRecord,
    questions: dict[str, Question] | None = None,
    draft_now: bool = True,
    source_hash: str | None = None,
) -> ImportOutcome:
    """Import one study. A bulk import passes `questions` (`ensure_questions(IMPORT_QUESTION_KEYS)`, made once
    for the whole run) instead of having them looked up again for every study, `draft_now=False`: a study that
    changed is then marked `needs_drafting`, and `draft_pending` writes its drafts later, in the background;
    and the record's `source_hash`, kept on the trial so that the next run can skip it while it is unchanged."""
    # The registry writes English: every field set here is the English one, whatever the caller's language.
    with translation.override(settings.LANGUAGE_CODE):
        return _import_record(record, questions or ensure_questions(IMPORT_QUESTION_KEYS), draft_now, source_hash)


def _import_record(
    record: ctgov.StudyRecord, questions: dict[str, Question], draft_now: bool, source_hash: str | None
) -> ImportOutcome:
    with transaction.atomic():
        trial = Trial.objects.select_for_update().filter(nct_id=record.nct_id).first()
        created = trial is None
        trial = trial or Trial(nct_id=record.nct_id)
        before = _snapshot(trial)
        text_before = trial.eligibility_text
        trial.brief_title = record.brief_title
        trial.official_title = record.official_title
        trial.registry_summary = record.summary
        trial.conditions = record.conditions
        trial.phase = record.phase
        trial.overall_status = (
            record.overall_status if record.overall_status in Trial.Status.values else Trial.Status.UNKNOWN
        )
        trial.sponsor = record.sponsor
        trial.enrollment_target = record.enrollment
        trial.start_date = record.start_date
        trial.primary_completion_date = record.primary_completion_date
        trial.completion_date = record.completion_date
        trial.first_posted = record.first_posted
        trial.last_updated = record.last_updated
        trial.eligibility_text = record.eligibility_text
        trial.source_record = record.raw
        changed = created or _snapshot(trial) != before
        marks = {}  # written with the trial when it is saved anyway, else by one UPDATE at the end
        if source_hash is not None and trial.source_hash != source_hash:
            marks["source_hash"] = source_hash
        if changed and not draft_now:
            marks["needs_drafting"] = True
        if changed:
            for name, value in marks.items():
                setattr(trial, name, value)
            trial.full_clean()
            trial.save()
            if not created and trial.eligibility_text != text_before:
                changes.review_changed_clauses(trial, text_before, questions)  # the changed clauses go to review
        changed |= _import_sites(trial, record.sites, created)
        changed |= _import_registry_criteria(trial, record, questions, created)
        if draft_now or changed:
            # Drafted below (draft_now), after this transaction, or later by the background worker.
            marks["needs_drafting"] = True  # also when a site or a registry limit changed, not the trial itself
        if any(getattr(trial, name) != value for name, value in marks.items()):
            Trial.objects.filter(pk=trial.pk).update(**marks)
            for name, value in marks.items():
                setattr(trial, name, value)
    if draft_now:
        changed |= bool(draft_stored(trial.pk, questions, created=created, record=record))
    return ImportOutcome(record.nct_id, created, changed)


def draft_pending(trial_ids=None, questions: dict[str, Question] | None = None) -> int:
    """Draft the criteria of the stored studies a bulk import left `needs_drafting` (of `trial_ids` only, when
    given), each in its own transaction; returns how many were drafted. A study whose drafting fails keeps its
    mark for the next run and does not stop the others."""
    pending = Trial.objects.filter(needs_drafting=True)
    if trial_ids is not None:
        pending = pending.filter(pk__in=list(trial_ids))
    drafted, after = 0, 0
    with translation.override(settings.LANGUAGE_CODE), signals.batched():
        while True:
            ids = list(pending.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:200])
            if not ids:
                return drafted
            questions = questions or ensure_questions(IMPORT_QUESTION_KEYS)
            for pk in ids:
                after = pk
                try:
                    drafted += draft_stored(pk, questions) is not None
                except Exception:  # noqa: BLE001 - one bad study must not stop the rest; it stays marked
                    logger.exception("Drafting the criteria of trial %s failed; it stays marked for the next run", pk)


ATTEMPTS = 3  # a study whose text keeps changing while it is drafted stays marked for the next run


def draft_stored(
    pk: int, questions: dict[str, Question], created: bool = False, record: ctgov.StudyRecord | None = None
) -> bool | None:
    """Draft one trial still marked `needs_drafting`: None if it is not (drafted meanwhile), else whether anything
    changed. The extractor runs first, outside any transaction, on the text as read then; the drafts are written
    in a short transaction, and only if the trial's text and record are still those (else it starts again)."""
    for _attempt in range(ATTEMPTS):
        seen = Trial.objects.filter(pk=pk, needs_drafting=True).values("eligibility_text", "source_hash").first()
        if seen is None:
            return None
        proposals = drafting.propose_all(seen["eligibility_text"])  # the slow part: no lock held
        with transaction.atomic():
            trial = Trial.objects.select_for_update().filter(pk=pk, needs_drafting=True).first()
            if trial is None:  # drafted meanwhile (another worker)
                return None
            if trial.eligibility_text != seen["eligibility_text"] or trial.source_hash != seen["source_hash"]:
                continue  # re-imported while the extractor worked: its proposals are of an old text
            if record is None or record.raw != trial.source_record:
                [record] = ctgov.read_studies(trial.source_record)  # the record it was imported from: one study
            changed = False
            if isinstance(record, ctgov.StudyRecord):
                changed = drafting.draft_criteria(trial, record, questions, created, proposals)
            Trial.objects.filter(pk=pk).update(needs_drafting=False)
            trial.needs_drafting = False
            return changed
    logger.warning("Trial %s changed while it was drafted, %s times; it stays marked for the next run", pk, ATTEMPTS)
    return None


def _snapshot(trial: Trial) -> dict:
    """The trial's fields the registry fills (not the marks the import keeps for itself)."""
    return {
        f.attname: getattr(trial, f.attname)
        for f in Trial._meta.concrete_fields
        if f.attname not in ("updated_at", "source_hash", "needs_drafting")
    }


def _import_sites(trial: Trial, sites: list[ctgov.SiteRecord], created: bool) -> bool:
    changed = False
    for record in sites:
        values = {
            "state": record.state,
            "country": record.country,
            "postal_code": record.postal_code,
            "latitude": record.latitude,
            "longitude": record.longitude,
            "recruitment_status": record.status,
            "contacts": record.contacts,
        }
        site = None if created else Site.objects.filter(trial=trial, facility=record.facility, city=record.city).first()
        if site is None:
            Site.objects.create(trial=trial, facility=record.facility, city=record.city, **values)
            changed = True
        elif any(getattr(site, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(site, name, value)
            site.save()
            changed = True
    return changed


def _registry_criteria(record: ctgov.StudyRecord, questions: dict[str, Question]) -> list[Criterion]:
    criteria = []
    # A maximumAge of 99 years or more is how registries write "no upper limit" (decision 0058): it bounds nothing,
    # and a record with no other age limit gets no age criterion
    maximum = record.maximum_age if record.maximum_age and record.maximum_age.years < RECORD_NO_MAXIMUM else None
    if record.minimum_age or maximum:
        words = [
            f"Minimum age: {record.minimum_age.text}" if record.minimum_age else "",
            f"Maximum age: {record.maximum_age.text}" if record.maximum_age else "",
        ]
        criteria.append(
            Criterion(
                kind=Criterion.Kind.INCLUSION,
                question=questions["age"],
                min_value=record.minimum_age.years if record.minimum_age else None,
                max_value=maximum.years if maximum else None,
                min_inclusive=True,
                max_inclusive=True,
                source_text="; ".join(w for w in words if w) + " (registry eligibility limits)",
                staff_note=(
                    "The registry's age limits include both ends: someone whose age in whole years equals the "
                    "minimum or the maximum can take part."
                ),
            )
        )
    if record.sex in ("FEMALE", "MALE"):
        criteria.append(
            Criterion(
                kind=Criterion.Kind.INCLUSION,
                question=questions["sex"],
                values=[record.sex.lower()],
                source_text=f"Sex: {record.sex} (registry eligibility limits)",
                staff_note=f"The registry lists this study for {record.sex.lower()} participants only.",
            )
        )
    return criteria


def _import_registry_criteria(trial: Trial, record: ctgov.StudyRecord, questions, created: bool) -> bool:
    """Replace the criteria the importer owns; a question an admin has edited a criterion for is left alone."""
    mine = (
        []
        if created  # a new trial has no criteria yet
        else list(
            trial.criteria.filter(origin__in=[Criterion.Origin.IMPORT, Criterion.Origin.EDITED]).select_related(
                "question"
            )
        )
    )
    owned = [c for c in mine if c.origin == Criterion.Origin.IMPORT]
    edited_keys = {
        c.question.key
        for c in mine
        if c.origin == Criterion.Origin.EDITED and c.question_id and c.question.key in ("age", "sex")
    }
    wanted = [c for c in _registry_criteria(record, questions) if c.question.key not in edited_keys]
    if sorted(map(_rule_key, owned)) == sorted(map(_rule_key, wanted)):
        return False
    for criterion in owned:
        criterion.delete()
    for order, criterion in enumerate(wanted):
        criterion.trial = trial
        criterion.status = Criterion.Status.APPROVED
        criterion.origin = Criterion.Origin.IMPORT
        criterion.order = order
        criterion.full_clean(exclude=["trial", "question"])  # the trial is this one, the questions were just read
    if wanted:
        # Written together, as one new version of the trial's approved criteria (not one per criterion).
        bulk_create_with_history(wanted, Criterion)
        signals.changed(trial.nct_id)
        version = trial.bump_criteria_version()
        signals.criteria_version_changed.send(sender=Trial, trial_id=trial.pk, version=version)
    return True


def _rule_key(criterion: Criterion) -> tuple:
    def number(value):
        return None if value is None else Decimal(value).normalize()

    return (
        criterion.kind,
        criterion.question.key,
        number(criterion.min_value),
        criterion.min_inclusive,
        number(criterion.max_value),
        criterion.max_inclusive,
        tuple(criterion.values),
        criterion.source_text,
    )

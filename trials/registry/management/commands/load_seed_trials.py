import json

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from trials.models import Criterion, Question, Trial
from trials.registry.drafting import adopt_clauses
from trials.registry.importing import VOCABULARY, ensure_questions

SEED_DIR = VOCABULARY.parent


class Command(BaseCommand):
    help = "Load the two seed trials with their questions and structured criteria, published. Safe to run again."

    def handle(self, *args, **options):
        ensure_questions()
        seeds = json.loads((SEED_DIR / "criteria.json").read_text(encoding="utf-8"))
        call_command("import_ctgov", *[str(SEED_DIR / f"{nct_id}.json") for nct_id in seeds], stdout=self.stdout)
        questions = {q.key: q for q in Question.objects.all()}
        for nct_id, seed in seeds.items():
            with transaction.atomic():
                trial = Trial.objects.select_for_update().get(nct_id=nct_id)
                self.load_trial(trial, seed, questions)

    def load_trial(self, trial, seed, questions):
        if trial.criteria.filter(origin=Criterion.Origin.EDITED).exists():
            self.stdout.write(f"{trial.nct_id}: criteria already loaded, left as they are")
            self.retire_old_notes(trial)
        else:
            for order, fields in enumerate(seed["criteria"], start=10):
                fields = dict(fields)
                question = questions[fields.pop("question")] if fields.get("question") else None
                fields.pop("question", None)
                Criterion(
                    trial=trial, question=question, order=order, status=Criterion.Status.APPROVED, **fields
                ).save()
            self.stdout.write(f"{trial.nct_id}: {len(seed['criteria'])} criteria loaded")
        # The hand-written criteria cover every clause: the import's drafts for those clauses are not needed.
        adopt_clauses(trial)
        if not trial.plain_summary:
            trial.plain_summary = seed["plain_summary"]
            trial.is_published = True
            trial.save(update_fields=["plain_summary", "is_published", "updated_at"])

    def retire_old_notes(self, trial):
        """Notes of the first seed that restated a limit (and went stale when the limit changed), or spoke to
        staff, are replaced where nobody has changed them since; anything an admin wrote stays."""
        retired = json.loads((SEED_DIR / "retired_notes.json").read_text(encoding="utf-8"))
        for note in (n for n in retired if n["nct_id"] == trial.nct_id):
            for criterion in trial.criteria.filter(
                question__key=note["question"], kind=note["kind"], explanation=note["old_explanation"]
            ):
                criterion.explanation, criterion.staff_note = note["explanation"], note["staff_note"]
                criterion.save(update_fields=["explanation", "staff_note"])

import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from trials.models import Criterion, Question, Trial
from trials.registry.drafting import adopt_clauses
from trials.registry.importing import VOCABULARY, ensure_questions

SEED_DIR = VOCABULARY.parent
PER_LANGUAGE_TRIAL_FIELDS = ["patient_title_en", "patient_title_zh_hans", "plain_summary_zh_hans"]


class Command(BaseCommand):
    help = "Load the two seed trials with their questions and structured criteria, published. Safe to run again."

    def handle(self, *args, **options):
        # The seed's plain fields are English, whatever language the caller has active.
        with translation.override(settings.LANGUAGE_CODE):
            self.load()

    def load(self):
        ensure_questions()
        # Drafted now, not by the worker: the hand-written criteria below replace the drafts of every clause, so
        # nothing is left to draft and the command never says criteria "are being drafted" (walkthrough 10).
        seeds = json.loads((SEED_DIR / "criteria.json").read_text(encoding="utf-8"))
        call_command(
            "import_ctgov", *[str(SEED_DIR / f"{nct_id}.json") for nct_id in seeds], draft_now=True, stdout=self.stdout
        )
        questions = {q.key: q for q in Question.objects.all()}
        for nct_id, seed in seeds.items():
            with transaction.atomic():
                trial = Trial.objects.select_for_update().get(nct_id=nct_id)
                self.load_trial(trial, seed, questions)

    def load_trial(self, trial, seed, questions):
        if trial.criteria.filter(origin=Criterion.Origin.EDITED).exists():
            self.stdout.write(f"{trial.nct_id}: criteria already loaded, left as they are")
            self.retire_old_notes(trial)
            self.fill_missing_explanations(trial, seed)
        else:
            for order, fields in enumerate(seed["criteria"], start=10):
                fields = dict(fields)
                question = questions[fields.pop("question")] if fields.get("question") else None
                fields.pop("question", None)
                fields["explanation_en"] = fields.pop("explanation", "")
                Criterion(
                    trial=trial, question=question, order=order, status=Criterion.Status.APPROVED, **fields
                ).save()
            self.stdout.write(f"{trial.nct_id}: {len(seed['criteria'])} criteria loaded")
        # The hand-written criteria cover every clause: the import's drafts for those clauses are not needed.
        adopt_clauses(trial)
        if not trial.plain_summary_en:
            trial.plain_summary_en = seed["plain_summary"]
            trial.is_published = True
            trial.save(update_fields=["plain_summary", "plain_summary_en", "is_published", "updated_at"])
            self.stdout.write(f"{trial.nct_id}: published")
        # Patient titles and translations: filled in where nobody has written them, never overwritten.
        filled = [name for name in PER_LANGUAGE_TRIAL_FIELDS if name in seed and not getattr(trial, name)]
        for name in filled:
            setattr(trial, name, seed[name])
        if filled:
            trial.save(update_fields=[*filled, "updated_at"])
        for site in trial.sites.all():
            names = seed.get("sites", {}).get(site.facility_en or "", {})
            missing = [name for name, value in names.items() if not getattr(site, name)]
            for name in missing:
                setattr(site, name, names[name])
            if missing:
                site.save(update_fields=missing)

    def fill_missing_explanations(self, trial, seed):
        """Chinese explanations for seed criteria loaded before they existed (the English words must match)."""
        for fields in seed["criteria"]:
            translations = {k: v for k, v in fields.items() if k.startswith("explanation_")}
            for criterion in trial.criteria.filter(
                source_text=fields["source_text"], explanation_en=fields.get("explanation", "")
            ):
                missing = [name for name in translations if not getattr(criterion, name)]
                if missing:
                    Criterion.objects.filter(pk=criterion.pk).update(**{name: translations[name] for name in missing})

    def retire_old_notes(self, trial):
        """Notes of the first seed that restated a limit (and went stale when the limit changed), or spoke to
        staff, are replaced where nobody has changed them since; anything an admin wrote stays."""
        retired = json.loads((SEED_DIR / "retired_notes.json").read_text(encoding="utf-8"))
        for note in (n for n in retired if n["nct_id"] == trial.nct_id):
            for criterion in trial.criteria.filter(
                question__key=note["question"], kind=note["kind"], explanation_en=note["old_explanation"]
            ):
                # The old note's translation said the old words: it is filled in again from the seed.
                criterion.explanation_en, criterion.explanation_zh_hans = note["explanation"], ""
                criterion.staff_note = note["staff_note"]
                criterion.save(update_fields=["explanation_en", "explanation_zh_hans", "staff_note"])

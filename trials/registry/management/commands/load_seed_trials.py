import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from trials.models import Criterion, Question, Trial
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
        seeds = json.loads((SEED_DIR / "criteria.json").read_text(encoding="utf-8"))
        call_command("import_ctgov", *[str(SEED_DIR / f"{nct_id}.json") for nct_id in seeds], stdout=self.stdout)
        questions = {q.key: q for q in Question.objects.all()}
        for nct_id, seed in seeds.items():
            with transaction.atomic():
                trial = Trial.objects.select_for_update().get(nct_id=nct_id)
                self.load_trial(trial, seed, questions)

    def load_trial(self, trial, seed, questions):
        if not trial.plain_summary_en:
            trial.plain_summary_en = seed["plain_summary"]
            trial.is_published = True
            trial.save(update_fields=["plain_summary", "plain_summary_en", "is_published", "updated_at"])
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
        if trial.criteria.exclude(origin=Criterion.Origin.IMPORT).exists():
            self.fill_missing_explanations(trial, seed)
            self.stdout.write(f"{trial.nct_id}: criteria already loaded, left as they are")
            return
        for order, fields in enumerate(seed["criteria"], start=10):
            fields = dict(fields)
            question = questions[fields.pop("question")] if fields.get("question") else None
            fields.pop("question", None)
            fields["explanation_en"] = fields.pop("explanation")
            Criterion(trial=trial, question=question, order=order, status=Criterion.Status.APPROVED, **fields).save()
        self.stdout.write(f"{trial.nct_id}: {len(seed['criteria'])} criteria loaded")

    def fill_missing_explanations(self, trial, seed):
        """Chinese explanations for seed criteria loaded before they existed (the English words must match)."""
        for fields in seed["criteria"]:
            translations = {k: v for k, v in fields.items() if k.startswith("explanation_")}
            for criterion in trial.criteria.filter(
                source_text=fields["source_text"], explanation_en=fields["explanation"]
            ):
                missing = [name for name in translations if not getattr(criterion, name)]
                if missing:
                    Criterion.objects.filter(pk=criterion.pk).update(**{name: translations[name] for name in missing})

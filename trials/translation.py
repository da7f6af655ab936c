"""What admins write for patients, per language (django-modeltranslation adds `<field>_en`, `<field>_zh_hans`).

Reading `question.prompt` gives the active language's text, or the English one where it is missing; admin
shows every field in both languages side by side and marks what is missing (trials.admin). What the
registry says (titles, eligibility text, a criterion's `source_text`) stays in the registry's language.
"""

from modeltranslation.translator import TranslationOptions, register

from trials.models import Criterion, Question, Site, Trial


@register(Trial)
class TrialTranslation(TranslationOptions):
    fields = ("patient_title", "plain_summary")


@register(Site)
class SiteTranslation(TranslationOptions):
    fields = ("facility", "city", "state", "country")
    # Left empty, a name is NULL, so the per-language copies of "one site per trial, facility and city"
    # never clash between sites nobody has translated yet.
    empty_values = {"facility": None, "city": None}


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("prompt", "short_label", "help_text")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("explanation",)

"""Consent wording per language: each version holds its English and its Chinese words."""

from modeltranslation.translator import TranslationOptions, register

from screener.referrals.models import ConsentText


@register(ConsentText)
class ConsentTextTranslation(TranslationOptions):
    fields = ("text",)
    # No fallback: a patient must never agree to words in a language they did not choose without being told.
    fallback_languages = {"default": ()}

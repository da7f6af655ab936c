from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def lang_of(obj, field: str) -> str:
    """` lang="en"` where a page in another language shows a field's English text (its translation is missing),
    so a screen reader reads it with the right voice. Works with any per-language field (`<field>_zh_hans`)."""
    from django.conf import settings
    from django.utils.html import format_html
    from django.utils.translation import get_language

    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or getattr(obj, f"{field}_{language.replace('-', '_')}", None):
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)

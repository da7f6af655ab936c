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


@register.filter
def in_english(value) -> str:
    """A name that stays in the registry's English (a sponsor), marked as such on a page in another language."""
    from django.conf import settings
    from django.utils.html import format_html
    from django.utils.translation import get_language

    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return value
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, value)


@register.simple_tag
def between_sentences() -> str:
    """What goes between two sentences: a space in English, nothing after a Chinese full stop."""
    from django.utils.translation import get_language

    return "" if (get_language() or "").startswith("zh") else " "


@register.simple_tag
def between_words() -> str:
    """What goes between a link and the words in brackets after it: a space in English, nothing in Chinese,
    which sets a full-width bracket close to what it follows."""
    return between_sentences()

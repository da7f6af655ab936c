import re

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


LATIN_LETTER = re.compile(r"[A-Za-z]")


@register.filter
def spaced_in_chinese(value, text: str | None = None):
    """A name set inside a Chinese sentence whose words hold it with no space (decision 0117): a space on each side
    where the name starts or ends with a Latin letter, as 0106 keeps Latin names apart ("请 Beijing … 的团队"), none
    where it meets a Chinese character, a full-width bracket or a number ("请北京朝阳医院（中国北京）的团队"). `text`
    is the name as read, when `value` is markup. Other languages' sentences hold their own spaces: unchanged."""
    from django.utils.html import strip_tags
    from django.utils.safestring import SafeData, mark_safe
    from django.utils.translation import get_language

    if not value or not (get_language() or "").startswith("zh"):
        return value
    read = strip_tags(str(value)) if text is None else text
    spaced = (" " if LATIN_LETTER.match(read[:1]) else "") + str(value) + (" " if LATIN_LETTER.match(read[-1:]) else "")
    return mark_safe(spaced) if isinstance(value, SafeData) else spaced  # noqa: S308 (markup given as safe stays so)


@register.filter
def in_english(value) -> str:
    """A name that stays in the registry's English (a sponsor), marked as such on a page in another language."""
    from django.conf import settings
    from django.utils.html import format_html
    from django.utils.translation import get_language

    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return value
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, value)


@register.filter
def unbroken(value) -> str:
    """A short value kept on one line, such as a date whose hyphens a 360 px screen would otherwise break at
    ("2026-12-" / "07")."""
    from django.utils.html import format_html

    return format_html('<span class="nowrap">{}</span>', value)


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

from django import template

register = template.Library()


@register.filter
def staff_note(note: str) -> str:
    """A note as staff read it: one the screener wrote itself ("Erased on withdrawal.") in their language,
    one a person wrote as they wrote it."""
    from django.utils.translation import gettext

    from screener.referrals.models import SYSTEM_NOTES

    return gettext(note) if note in SYSTEM_NOTES else note

from django import template

register = template.Library()


@register.filter
def staff_note(note: str) -> str:
    """A note as staff read it: one the screener wrote itself ("Erased on withdrawal.") in their language,
    one a person wrote as they wrote it."""
    from django.utils.translation import gettext

    from screener.referrals.models import SYSTEM_NOTES

    return gettext(note) if note in SYSTEM_NOTES else note


@register.filter
def phone_shown(phone: str) -> str:
    """A stored phone number (E.164, "+8613812342223") in groups staff can read and dial: "+86 138 1234 2223".
    A number the library cannot read is shown as stored."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone or "", None)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

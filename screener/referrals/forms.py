from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from screener.referrals.models import Referral, normalise_reference


class ReferralForm(forms.Form):
    """The patient's request to be contacted: who, how, when, and explicit consent."""

    name = forms.CharField(label=_("Your name"), max_length=200, error_messages={"required": _("Enter your name.")})
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        help_text=_("Include the country code if the number is not in the same country as the hospital."),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    contact_by = forms.ChoiceField(
        label=_("How would you like to be contacted?"),
        choices=Referral.ContactBy.choices,
        initial=Referral.ContactBy.EITHER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would like to be contacted.")},
    )
    contact_time = forms.ChoiceField(
        label=_("When is the best time to call?"),
        choices=Referral.ContactTime.choices,
        initial=Referral.ContactTime.ANY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a time.")},
    )
    message = forms.CharField(
        label=_("Anything you would like the study team to know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Please do not include more health details than you are happy to share."),
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Tick the box to agree to share your answers, or go back.")},
    )

    def __init__(self, *args, region: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name or any(ord(ch) < 32 for ch in name):
            raise ValidationError(_("Enter your name."))
        return name

    def clean_phone(self):
        import phonenumbers

        text = self.cleaned_data["phone"].strip()
        if not text:
            return ""
        if any(ch.isalpha() for ch in text):
            # phonenumbers reads keypad letters as digits ("abcd" → 2223): a letter is a typo, never a digit
            raise ValidationError(
                _("Use digits only in a phone number (and + before a country code), like +86 579 8997 9999.")
            )
        try:
            number = phonenumbers.parse(text, self.region)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValidationError(_("Enter a phone number that can be called, like +86 579 8997 9999."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean_message(self):
        return "".join(ch for ch in self.cleaned_data["message"] if ch in "\n\t" or ord(ch) >= 32).strip()

    def clean(self):
        data = super().clean()
        if (
            not self.errors.get("phone")
            and not self.errors.get("email")
            and not data.get("phone")
            and not data.get("email")
        ):
            self.add_error("phone", _("Enter a phone number or an email address, so the team can reach you."))
        contact_by = data.get("contact_by")
        if contact_by == Referral.ContactBy.PHONE and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Enter a phone number, or choose to be contacted by email."))
        if contact_by == Referral.ContactBy.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter an email address, or choose to be contacted by phone."))
        return data


class ReferenceForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference code"),
        max_length=20,
        help_text=_("8 letters and numbers, for example ABCD-3467. It is on your confirmation page."),
        error_messages={"required": _("Enter your reference code.")},
    )

    def clean_reference(self):
        reference = normalise_reference(self.cleaned_data["reference"])
        if not reference:
            raise ValidationError(_("Enter the code as it was given to you: 8 letters and numbers, like ABCD-3467."))
        return reference

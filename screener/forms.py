from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from screener.referrals import Referral, normalise_reference
from trials.models import Question

DONT_KNOW_BUTTON = "dont_know"
EXCLUSIVE_CODE = "none"


class AnswerForm(forms.Form):
    """One question's answer. `cleaned_data["answer"]` holds its stored form; None means "I don't know"."""

    def __init__(self, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        required = {"required": self.required_message()}
        if question.kind == Question.Kind.NUMBER:
            field = forms.CharField(max_length=50, strip=True, error_messages=required)
        elif question.kind == Question.Kind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=self.choices, widget=forms.CheckboxSelectMultiple, error_messages={
                    **required, "invalid_choice": _("Choose from the list."), "invalid_list": _("Choose from the list.")}
            )
        else:
            field = forms.ChoiceField(
                choices=self.choices, widget=forms.RadioSelect,
                error_messages={**required, "invalid_choice": _("Choose one of the answers.")},
            )
        field.label = question.prompt
        field.help_text = question.help_text
        self.fields["answer"] = field

    @property
    def said_dont_know(self) -> bool:
        return self.is_bound and DONT_KNOW_BUTTON in self.data

    def choices(self):
        # Passed to the field uncalled: Django normalises a list of choices at once (slow for long lists),
        # a callable only when the options are drawn or checked, which a remembered page never does.
        return [(c["code"], c["label"]) for c in self.question.choice_list()]

    def required_message(self):
        if self.question.kind == Question.Kind.NUMBER:
            if self.question.allow_dont_know:
                return _("Enter a number, or choose “I don’t know”.")
            return _("Enter a number.")
        if self.question.kind == Question.Kind.MULTIPLE:
            return _("Choose at least one answer.")
        if self.question.allow_dont_know:
            return _("Choose an answer, or choose “I don’t know”.")
        return _("Choose an answer.")

    def full_clean(self):
        if self.said_dont_know:
            # "I don't know" is a normal answer: whatever else was entered is not validated.
            self.cleaned_data, self._errors = {}, forms.utils.ErrorDict()
            try:
                self.cleaned_data["answer"] = self.question.clean_answer(None)
            except ValidationError as error:
                self.add_error("answer", error)
            return
        super().full_clean()

    def clean_answer(self):
        value = self.cleaned_data["answer"]
        if self.question.kind == Question.Kind.MULTIPLE and EXCLUSIVE_CODE in value and len(value) > 1:
            raise ValidationError(_("Choose “None of these” on its own, or untick it."), code="exclusive")
        return self.question.clean_answer(value)


class ReferralForm(forms.Form):
    """The patient's request to be contacted: who, how, when, and explicit consent."""

    name = forms.CharField(label=_("Your name"), max_length=200, error_messages={"required": _("Enter your name.")})
    phone = forms.CharField(
        label=_("Phone number"), max_length=40, required=False,
        help_text=_("Include the country code if the number is not in the same country as the hospital."),
    )
    email = forms.EmailField(
        label=_("Email address"), max_length=254, required=False,
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    contact_by = forms.ChoiceField(
        label=_("How would you like to be contacted?"), choices=Referral.ContactBy.choices,
        initial=Referral.ContactBy.EITHER, widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would like to be contacted.")},
    )
    contact_time = forms.ChoiceField(
        label=_("When is the best time to call?"), choices=Referral.ContactTime.choices,
        initial=Referral.ContactTime.ANY, widget=forms.RadioSelect,
        error_messages={"required": _("Choose a time.")},
    )
    message = forms.CharField(
        label=_("Anything you would like the study team to know (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Please do not include more health details than you are happy to share."),
    )
    consent = forms.BooleanField(
        label=_("I agree"), error_messages={"required": _("Tick the box to agree to share your answers, or go back.")},
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
        if not self.errors.get("phone") and not self.errors.get("email") and not data.get("phone") and not data.get("email"):
            self.add_error("phone", _("Enter a phone number or an email address, so the team can reach you."))
        contact_by = data.get("contact_by")
        if contact_by == Referral.ContactBy.PHONE and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Enter a phone number, or choose to be contacted by email."))
        if contact_by == Referral.ContactBy.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter an email address, or choose to be contacted by phone."))
        return data


class ReferenceForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference code"), max_length=20,
        help_text=_("8 letters and numbers, for example ABCD-3467. It is on your confirmation page."),
        error_messages={"required": _("Enter your reference code.")},
    )

    def clean_reference(self):
        reference = normalise_reference(self.cleaned_data["reference"])
        if not reference:
            raise ValidationError(_("Enter the code as it was given to you: 8 letters and numbers, like ABCD-3467."))
        return reference

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from trials.models import Question

DONT_KNOW_BUTTON = "dont_know"
EXCLUSIVE_CODE = "none"


class AnswerForm(forms.Form):
    """One question's answer. `cleaned_data["answer"]` holds its stored form; None means "I don't know"."""

    def __init__(self, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        required = {"required": self.required_message()}
        help_text = question.help_text
        if question.kind == Question.Kind.NUMBER:
            field = forms.CharField(
                max_length=50,
                strip=True,
                error_messages=required,
                widget=forms.TextInput(
                    attrs={"class": "input", "inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
                ),
            )
        elif question.kind == Question.Kind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=self.choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    **required,
                    "invalid_choice": _("Choose from the list."),
                    "invalid_list": _("Choose from the list."),
                },
            )
            help_text = format_lazy("{} {}", _("Select all that apply."), help_text)
        else:
            field = forms.ChoiceField(
                choices=self.choices,
                widget=forms.RadioSelect,
                error_messages={**required, "invalid_choice": _("Choose one of the answers.")},
            )
        field.label = question.prompt
        field.help_text = help_text
        self.fields["answer"] = field

    @property
    def unit_shown(self) -> str:
        """The unit written after the box ("m", "%"); a ratio has none."""
        return (
            self.question.unit if self.question.kind == Question.Kind.NUMBER and self.question.unit != "ratio" else ""
        )

    @property
    def said_dont_know(self) -> bool:
        return self.is_bound and DONT_KNOW_BUTTON in self.data

    def choices(self):
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


class StudySearchForm(forms.Form):
    """The start page's search: words of a condition or title, and a place (city, region or country)."""

    q = forms.CharField(
        label=_("Condition or study name"),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(attrs={"class": "input", "type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Use at most 100 characters.")},
    )
    place = forms.CharField(
        label=_("City, region or country"),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(attrs={"class": "input", "type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Use at most 100 characters.")},
    )

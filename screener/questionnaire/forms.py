from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from trials import places
from trials.eligibility import NEVER
from trials.models import Question, fallback_language

DONT_KNOW_BUTTON = "dont_know"
NEVER_BUTTON = "never"
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
        # A prompt or hint not yet translated shows in English, and says so to screen readers.
        self.label_lang = fallback_language(question, "prompt")
        self.help_lang = fallback_language(question, "help_text")

    @property
    def unit_shown(self) -> str:
        """The unit written after the box ("m", "%"), in the page's language; a ratio has none."""
        return self.question.unit_shown

    @property
    def said_dont_know(self) -> bool:
        return self.is_bound and DONT_KNOW_BUTTON in self.data

    @property
    def said_never(self) -> bool:
        return self.is_bound and NEVER_BUTTON in self.data and not self.said_dont_know

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
        if self.said_dont_know or self.said_never:
            # "I don't know" and "Never" are normal answers: whatever else was entered is not validated.
            self.cleaned_data, self._errors = {}, forms.utils.ErrorDict()
            try:
                self.cleaned_data["answer"] = self.question.clean_answer(None if self.said_dont_know else NEVER)
            except ValidationError as error:
                self.add_error("answer", error)
            return
        super().full_clean()

    def clean_answer(self):
        value = self.cleaned_data["answer"]
        if self.question.kind == Question.Kind.MULTIPLE and EXCLUSIVE_CODE in value and len(value) > 1:
            raise ValidationError(_("Choose “None of these” on its own, or untick it."), code="exclusive")
        return self.question.clean_answer(value)


def travel_choices() -> list[tuple[str, str]]:
    """Drawn when a form is drawn, so in the reader's language (a list built at import would stay English)."""
    return [(str(km), _("Up to %(km)s km") % {"km": km}) for km in places.TRAVEL_CHOICES_KM] + [
        ("anywhere", _("Any distance"))
    ]


class WhereForm(forms.Form):
    """Where the patient is (a city, or the browser's location) and how far they can travel."""

    ANYWHERE = "anywhere"

    place = forms.CharField(
        label=_("Your town or city"),
        help_text=_("In English or Chinese, for example Hangzhou or 杭州. Leave it empty to see studies anywhere."),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "class": "input",
                "autocomplete": "off",
                "spellcheck": "false",
                "list": "place-suggestions",
                "hx-get": reverse_lazy("questionnaire:place_suggestions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#place-suggestions",
                "hx-swap": "innerHTML",
            }
        ),
    )
    travel = forms.ChoiceField(
        label=_("How far can you travel to a study’s hospital?"),
        choices=travel_choices,
        initial=ANYWHERE,
        required=False,
        widget=forms.RadioSelect,
    )
    latitude = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        latitude, longitude, text = cleaned.get("latitude"), cleaned.get("longitude"), cleaned.get("place", "")
        place = {}
        if latitude is not None and longitude is not None:
            # Rounded to about a kilometre: enough to find hospitals, not enough to find a home.
            place = {
                "label": str(_("where you are now")),
                "latitude": round(latitude, 2),
                "longitude": round(longitude, 2),
                "source": "browser",
            }
        elif text:
            found = places.find(text)
            if not found:
                self.add_error(
                    "place",
                    _(
                        "We could not find “%(text)s”. Check the spelling, try the nearest larger city, or leave it empty."
                    )
                    % {"text": text},
                )
                return cleaned
            best = found[0]
            namesakes = [p for p in found if p.region and p.population == best.population]
            if best.region and len(namesakes) > 1 and "(" not in text:  # two districts of one name: ask which
                self.add_error(
                    "place",
                    _("There is more than one “%(text)s”. Type or choose one of: %(choices)s.")
                    % {"text": text, "choices": "; ".join(p.label for p in namesakes[:5])},
                )
                return cleaned
            place = {"label": best.label, "latitude": best.latitude, "longitude": best.longitude, "source": "city"}
        travel = cleaned.get("travel") or self.ANYWHERE
        if travel != self.ANYWHERE and not place:
            self.add_error("place", _("Say where you are, or choose “Any distance”."))
        cleaned["place_found"] = place
        cleaned["travel_km"] = None if travel == self.ANYWHERE or not place else int(travel)
        return cleaned


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

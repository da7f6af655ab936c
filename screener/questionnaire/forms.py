from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from screener.questionnaire import answer_helpers
from trials import places, screens
from trials.eligibility import NEVER, ItemsAnswer
from trials.models import Question, fallback_language
from trials.number_input import approximately, read_as_none, says_dont_know

EXCLUSIVE_CODE = "none"
# "I don't know" is one of each question's answers, on a page of its own as on a screen: the last of a list's
# choices, or a tick box under a number's box (with "Never", where it is offered); chosen, then sent with the rest.
DONT_KNOW_CODE = "dont_know"


def select_all_that_apply(help_text) -> str:
    """A list's hint as one sentence pair per language: no space after a Chinese full stop."""
    if not help_text:
        return gettext("Select all that apply.")
    return gettext("Select all that apply. %(help)s") % {"help": help_text}


class AnswerForm(forms.Form):
    """One question's answer. `cleaned_data["answer"]` holds its stored form; None means "I don't know".

    `items`: a multiple-choice question shown item by item offers only these items (and "None of these");
    its answer is stored as `ItemsAnswer.stored()`, unless every item was shown. `grouped`: the question is
    one of several on a screen (its fields carry the question's key as prefix). Alone or on a screen, "I don't
    know" and "Never" are answers to choose or tick like any other, never buttons that send the form."""

    taken_as = ""  # a number said to be about right ("大约300米"), as the screener took it: the next page says so

    def __init__(self, question: Question, *args, items=None, grouped: bool = False, **kwargs):
        if grouped:
            kwargs.setdefault("prefix", question.key)
        super().__init__(*args, **kwargs)
        self.question = question
        self.grouped = grouped
        every = [code for code in question.choice_codes() if code != EXCLUSIVE_CODE]
        self.items = None if items is None or set(every) <= set(items) else [c for c in every if c in items]
        required = {"required": self.required_message()}
        # On a screen, a question's short hint stands for its help text (the screen's introduction says the rest)
        on_screen = screens.hint(question.key) if grouped else None
        help_text = on_screen[0] if on_screen else question.help_text
        if question.kind == Question.Kind.NUMBER:
            field = forms.CharField(
                max_length=50,
                strip=True,
                required=False,  # ticking "I don't know" or "Never" instead is an answer too: `clean_answer`
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
            help_text = lazy(select_all_that_apply, str)(help_text)
        else:
            field = forms.ChoiceField(
                choices=self.choices,
                widget=forms.RadioSelect,
                error_messages={**required, "invalid_choice": _("Choose one of the answers.")},
            )
        field.label = question.prompt
        field.help_text = help_text
        self.fields["answer"] = field
        if question.kind == Question.Kind.NUMBER:
            if question.allow_never:
                self.fields["never"] = forms.BooleanField(label=_("Never"), required=False)
            if question.allow_dont_know:
                self.fields["dont_know"] = forms.BooleanField(label=_("I don’t know"), required=False)
        self.helper_link = answer_helpers.link_text(question) if grouped else ""  # a single page adds its own
        # A prompt or hint not yet translated shows in English, and says so to screen readers.
        self.label_lang = fallback_language(question, "prompt")
        self.help_lang = on_screen[1] if on_screen else fallback_language(question, "help_text")

    @property
    def unit_shown(self) -> str:
        """The unit written after the box ("m", "%"), in the page's language; a ratio has none."""
        return self.question.unit_shown

    def choices(self):
        shown = [
            (c["code"], c["label"])
            for c in self.question.choice_list()
            if self.items is None or c["code"] in self.items or c["code"] == EXCLUSIVE_CODE
        ]
        if self.question.allow_dont_know:
            shown.append((DONT_KNOW_CODE, _("I don’t know")))
        return shown

    def required_message(self):
        if self.question.kind == Question.Kind.NUMBER:
            # "Never" and "I don't know" are tick boxes under the number: the message names every way out that
            # the patient can see, in the words the page uses for it.
            never, dont_know = self.question.allow_never, self.question.allow_dont_know
            if never and dont_know:
                return _("Enter a number, or tick “Never” or “I don’t know”.")
            if dont_know:
                return _("Enter a number, or tick “I don’t know”.")
            if never:
                return _("Enter a number, or tick “Never”.")
            return _("Enter a number.")
        if self.question.kind == Question.Kind.MULTIPLE:
            offers_none = any(choice["code"] == EXCLUSIVE_CODE for choice in self.question.choice_list())
            if offers_none and self.question.allow_dont_know:
                # Someone with none of the few items shown ticks nothing: say which tick answers that.
                return _("Tick each one that applies, or “None of these” or “I don’t know”.")
            if offers_none:
                return _("Tick each one that applies, or “None of these”.")
            return _("Choose at least one answer.")
        if self.question.allow_dont_know:
            return _("Choose an answer, or choose “I don’t know”.")
        return _("Choose an answer.")

    def clean_answer(self):
        value = self.cleaned_data["answer"]
        kind = self.question.kind
        if kind == Question.Kind.MULTIPLE and len(value) > 1 and self.initial.get("answer") == [DONT_KNOW_CODE]:
            value = [code for code in value if code != DONT_KNOW_CODE]  # the old "I don't know" left ticked
        said = self._ticked_instead(value)
        if said is not None:
            return self.question.clean_answer(None if said == DONT_KNOW_CODE else said)
        if kind == Question.Kind.NUMBER and not value:
            raise ValidationError(self.required_message(), code="required")
        if kind == Question.Kind.NUMBER and "dont_know" in self.fields and says_dont_know(value):
            self.taken_as = dont_know_sentence(value.strip())  # "不知道" typed: the tick box below, as meant
            return self.question.clean_answer(None)
        if kind == Question.Kind.MULTIPLE and EXCLUSIVE_CODE in value and len(value) > 1:
            raise ValidationError(_("Choose “None of these” on its own, or untick it."), code="exclusive")
        if kind == Question.Kind.MULTIPLE and self.items is not None:
            self.question.clean_answer(value)  # codes of this question, or a ValidationError
            ticked = frozenset(value) - {EXCLUSIVE_CODE}
            return ItemsAnswer(ticked, frozenset(self.items)).stored()
        stored = self.question.clean_answer(value)
        # a number said to be about right, or "没有" / "none" taken as 0 for a count: the next page says which
        if kind == Question.Kind.NUMBER and (approximately(value) or read_as_none(value, self.question.unit)):
            self.taken_as = taken_as_sentence(value.strip(), self.question.display_answer(stored))
        return stored

    def _ticked_instead(self, value) -> str | None:
        """DONT_KNOW_CODE or NEVER when that was ticked or chosen instead of an answer typed or chosen, None when
        it was not; a ValidationError when both were given. A tick that was the stored answer, left on beside a
        number typed now, is the old answer: the number is the new one (the form's `initial` is the stored answer)."""
        if self.question.kind == Question.Kind.NUMBER:
            dont_know = "dont_know" in self.fields and bool(self.data.get(self.add_prefix("dont_know")))
            never = "never" in self.fields and bool(self.data.get(self.add_prefix("never")))
            if dont_know and never:
                raise ValidationError(_("Tick “Never” or “I don’t know”, not both."), code="both")
            if value and (dont_know and self.initial.get("dont_know") or never and self.initial.get("never")):
                return None
            if (dont_know or never) and value:
                raise ValidationError(
                    _("Enter a number, or tick “Never”, not both.")
                    if never
                    else _("Enter a number, or tick “I don’t know”, not both."),
                    code="both",
                )
            return DONT_KNOW_CODE if dont_know else NEVER if never else None
        codes = value if isinstance(value, list) else [value]
        if DONT_KNOW_CODE in codes:
            if len(codes) > 1:
                raise ValidationError(_("Choose “I don’t know” on its own, or untick it."), code="exclusive")
            return DONT_KNOW_CODE
        return None


def taken_as_sentence(typed: str, value: str) -> str:
    """What the patient reads on the next page after typing a number said to be about right (walkthrough 10: "大约300米"
    was stored as 300 without a word): the screener needs one number, and says which it took."""
    return gettext(
        "You wrote “%(typed)s”, so we took it as %(value)s. If that is not right, go back and change it."
    ) % {
        "typed": typed,
        "value": value,
    }


def dont_know_sentence(typed: str) -> str:
    """What the patient reads on the next page after typing "不知道" or "I don't know" into a number's box that has
    an "I don't know" tick box: that answer was taken, and how to give the number instead."""
    return gettext(
        "You wrote “%(typed)s”, so we took your answer as “I don’t know”. If you find the number, go back and enter it."
    ) % {"typed": typed}


def initial_for(question: Question, stored, items=None) -> dict:
    """A form's starting values for a stored answer: "I don't know" and "Never" start ticked or chosen."""
    if isinstance(stored, dict):  # answered item by item: what was ticked, or "None of these" among these items
        ticked = [code for code in stored.get("ticked", []) if isinstance(code, str)]
        shown = set(stored.get("shown", []))
        return {"answer": ticked or ([EXCLUSIVE_CODE] if items is None or set(items) <= shown else [])}
    if stored is None:
        if question.kind == Question.Kind.NUMBER:
            return {"dont_know": True}
        return {"answer": [DONT_KNOW_CODE] if question.kind == Question.Kind.MULTIPLE else DONT_KNOW_CODE}
    if stored == NEVER and question.kind == Question.Kind.NUMBER and question.allow_never:
        return {"never": True}
    return {"answer": stored}


class ScreenForm:
    """A screen of several questions: one `AnswerForm` per question (its key as prefix), valid when each is;
    `answers()` gives {key: stored answer}. Every form keeps what was entered, errors or not."""

    def __init__(self, questions: list[Question], data=None, items=None, initial=None):
        items = items or {}
        initial = initial or {}
        self.forms = [
            AnswerForm(q, data, items=items.get(q.key), grouped=True, initial=initial.get(q.key, {})) for q in questions
        ]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])  # a list: every form is cleaned, for its errors

    @property
    def errors(self) -> list:
        return [form for form in self.forms if form.errors]

    def answers(self) -> dict:
        return {form.question.key: form.cleaned_data["answer"] for form in self.forms}


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
            place = best.saved()
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
        label=_("Where the study runs: city, region or country"),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(attrs={"class": "input", "type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Use at most 100 characters.")},
    )

"""The staff workspace's forms: the list's filters, a status change, a note, an answer check."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from screener.questionnaire.templatetags.registry_words import site_name
from screener.referrals.models import AnswerCheck, Referral, normalise_reference
from trials.models import Site, Trial


class ChoiceFromQuery(forms.ModelChoiceField):
    """A choice looked up in the database: text PostgreSQL cannot even compare (a NUL byte) is just invalid."""

    def label_from_instance(self, obj):
        # A study by its number and the title patients see (in the reader's language); a site by its name and
        # place in the reader's language, as the staff pages name it.
        return f"{obj.nct_id}: {obj.title_for_patients}" if hasattr(obj, "nct_id") else site_name(obj)

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReferralFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference or name"), required=False, max_length=100)
    trial = ChoiceFromQuery(
        label=_("Study"), queryset=Trial.objects.none(), required=False, to_field_name="nct_id", empty_label=_("Any")
    )
    site = ChoiceFromQuery(
        label=_("Site"), queryset=Site.objects.none(), required=False, to_field_name="public_id", empty_label=_("Any")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any"))] + Referral.Status.choices, required=False)
    changed = forms.ChoiceField(
        label=_("Criteria changed since sent"),
        choices=[("", _("Any")), ("yes", _("Changed: another result now")), ("no", _("No change"))],
        required=False,
    )
    date_from = forms.DateField(
        label=_("Sent from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2026-11-22.")},
    )
    date_to = forms.DateField(
        label=_("Sent to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2026-11-22.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Site.objects.filter(memberships__user=user).select_related("trial")
        self.fields["site"].queryset = sites
        self.fields["trial"].queryset = Trial.objects.filter(sites__in=sites).distinct()

    @property
    def more_filters_used(self) -> bool:
        """Whether a filter beyond the search box is set: the list then shows them unfolded."""
        return self.is_bound and any(self.data.get(name) for name in self.fields if name != "q")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def apply(self, referrals):
        """Only the filters that are valid narrow the list; a bad one is reported beside its field."""
        self.is_valid()
        data = self.cleaned_data
        if q := data.get("q"):
            reference = normalise_reference(q)
            referrals = referrals.filter(reference=reference) if reference else referrals.filter(name__icontains=q)
        if data.get("trial"):
            referrals = referrals.filter(trial=data["trial"])
        if data.get("site"):
            referrals = referrals.filter(site=data["site"])
        if data.get("status"):
            referrals = referrals.filter(status=data["status"])
        if data.get("changed"):
            referrals = referrals.filter(criteria_changed=data["changed"] == "yes")
        if data.get("date_from"):
            referrals = referrals.filter(created_at__date__gte=data["date_from"])
        if data.get("date_to") and "date_to" not in self.errors:
            referrals = referrals.filter(created_at__date__lte=data["date_to"])
        return referrals

    def loggable(self) -> str:
        """The valid filters as applied, minus the free-text search (which may be a patient's name)."""
        shown = {"trial": lambda t: t.nct_id, "site": lambda s: s.public_id}
        return "&".join(
            f"{name}={shown.get(name, str)(value)}"
            for name, value in sorted(self.cleaned_data.items())
            if name != "q" and value and name not in self.errors
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=Referral.Status.choices,
        error_messages={"required": _("Choose a status."), "invalid_choice": _("Choose a status from the list.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = set(referral.allowed_statuses())
        self.fields["status"].choices = [(v, label) for v, label in Referral.Status.choices if v in allowed]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a note first.")},
    )


class AnswerCheckForm(forms.Form):
    state = forms.ChoiceField(
        choices=AnswerCheck.State.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose verified, contradicted or measured.")},
    )
    note = forms.CharField(label=_("Measured value or note"), required=False, max_length=500)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == AnswerCheck.State.MEASURED and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Enter the value the team measured."))
        return cleaned


class AuthenticatorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits the app shows for “Lung disease study finder”, after you scan the code."),
        max_length=12,
        error_messages={"required": _("Enter the 6-digit code from your app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "class": "input input-small"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == self.device.digits):
            raise ValidationError(_("Enter the 6 digits your app shows, like 123456."))
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise ValidationError(_("Too many tries in a row. Wait a few seconds, then enter the newest code."))
        if not self.device.verify_token(code):
            raise ValidationError(
                _(
                    "That code does not match. Check that the app shows “Lung disease study finder” and try the newest code."
                )
            )
        return code

"""The research staff's workspace: the referrals of their own sites, and nothing else.

Every view starts from `Referral.objects.visible_to(request.user)`, so another site's referral is a 404
whatever the URL says. Every view of a referral, every export and every change is in the access log.
"""

from __future__ import annotations

import csv
from functools import wraps
from uuid import UUID

from django import forms
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp import forms as otp_forms
from django_otp import views as otp_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from screener.referrals import AccessLog, AnswerCheck, Referral
from screener.security import SecondFactorMixin
from screener.views import NEVER_STORE, render
from trials.models import Site, Trial

PAGE_SIZE = 25


class StaffAuthenticationForm(SecondFactorMixin, otp_forms.OTPAuthenticationForm):
    pass


class StaffTokenForm(SecondFactorMixin, otp_forms.OTPTokenForm):
    pass


class StaffLoginView(otp_views.LoginView):
    """Username, password and a one-time code from the staff member's authenticator app."""

    template_name = "staff/login.html"
    otp_authentication_form = StaffAuthenticationForm
    otp_token_form = StaffTokenForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "timed_out": "timed_out" in self.request.GET}


def staff_required(view):
    """Logged in with a password *and* a second factor; anyone else goes to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_verified()):
            return redirect_to_login(request.get_full_path(), reverse("staff:login"))
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = NEVER_STORE
        return response

    return wrapper


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    response = redirect("staff:login")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


class ChoiceFromQuery(forms.ModelChoiceField):
    """A choice looked up in the database: text PostgreSQL cannot even compare (a NUL byte) is just invalid."""

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReferralFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference or name"), required=False, max_length=100)
    trial = ChoiceFromQuery(label=_("Study"), queryset=Trial.objects.none(), required=False, to_field_name="nct_id")
    site = ChoiceFromQuery(label=_("Site"), queryset=Site.objects.none(), required=False, to_field_name="public_id")
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any"))] + Referral.Status.choices, required=False)
    date_from = forms.DateField(label=_("Sent from"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": _("Enter a date like 2026-11-22.")})
    date_to = forms.DateField(label=_("Sent to"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": _("Enter a date like 2026-11-22.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Site.objects.filter(memberships__user=user).select_related("trial")
        self.fields["site"].queryset = sites
        self.fields["trial"].queryset = Trial.objects.filter(sites__in=sites).distinct()

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
            from screener.referrals import normalise_reference

            reference = normalise_reference(q)
            referrals = referrals.filter(reference=reference) if reference else referrals.filter(name__icontains=q)
        if data.get("trial"):
            referrals = referrals.filter(trial=data["trial"])
        if data.get("site"):
            referrals = referrals.filter(site=data["site"])
        if data.get("status"):
            referrals = referrals.filter(status=data["status"])
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


def filtered(request: HttpRequest):
    form = ReferralFilterForm(request.GET, user=request.user)
    referrals = form.apply(Referral.objects.visible_to(request.user)).select_related("trial", "site")
    return form, referrals


@staff_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    form, referrals = filtered(request)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "staff/list.html", context, partial="results")


@staff_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    form, referrals = filtered(request)
    AccessLog.record(request.user, AccessLog.Action.EXPORT, detail=form.loggable())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="referrals-{timezone.localdate():%Y-%m-%d}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # Excel reads UTF-8 (and so Chinese names) only with a byte-order mark
    writer = csv.writer(response)
    writer.writerow(["reference", "sent", "status", "study", "site", "name", "phone", "email",
                     "contact by", "best time", "result when sent"])
    for referral in referrals:
        writer.writerow([
            referral.display_reference, referral.created_at.strftime("%Y-%m-%d %H:%M"), referral.get_status_display(),
            referral.trial.nct_id, str(referral.site), safe_cell(referral.name), safe_cell(referral.phone),
            safe_cell(referral.email), referral.get_contact_by_display(), referral.get_contact_time_display(),
            referral.verdict,
        ])
    return response


def safe_cell(value: str) -> str:
    """Keep a spreadsheet from reading patient-typed text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def staff_referral(request: HttpRequest, referral_id: UUID) -> Referral:
    return get_object_or_404(Referral.objects.visible_to(request.user).select_related("trial", "site"), pk=referral_id)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Referral.Status.choices,
                               error_messages={"required": _("Choose a status."), "invalid_choice": _("Choose a status from the list.")})
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = set(referral.allowed_statuses())
        self.fields["status"].choices = [(v, label) for v, label in Referral.Status.choices if v in allowed]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Write a note first.")})


class AnswerCheckForm(forms.Form):
    state = forms.ChoiceField(choices=AnswerCheck.State.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Choose verified or contradicted.")})
    note = forms.CharField(label=_("Measured value or note"), required=False, max_length=500)


def detail_context(request, referral, **forms_) -> dict:
    checks = {c.question_key: c for c in referral.answer_checks.select_related("by")}
    answers = [{**row, "check": checks.get(row["key"])} for row in referral.answers_snapshot]
    return {
        "referral": referral,
        "answers": answers,
        "outcomes": referral.outcomes_snapshot,
        "events": referral.events.select_related("by"),
        "status_form": forms_.get("status_form") or StatusForm(referral=referral),
        "note_form": forms_.get("note_form") or NoteForm(),
        "check_form_errors": forms_.get("check_form_errors"),
        "status_error": forms_.get("status_error"),
    }


@staff_required
@require_GET
def referral_detail(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    referral = staff_referral(request, referral_id)
    AccessLog.record(request.user, AccessLog.Action.VIEW, referral)
    return render(request, "staff/detail.html", detail_context(request, referral))


@staff_required
@require_POST
def change_status(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    referral = staff_referral(request, referral_id)
    form = StatusForm(request.POST, referral=referral)
    if form.is_valid():
        try:
            referral.move_to(form.cleaned_data["status"], by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error("status", error)
        else:
            AccessLog.record(request.user, AccessLog.Action.STATUS, referral, detail=referral.status)
            return redirect("staff:detail", referral.id)
    return render(request, "staff/detail.html", detail_context(request, referral, status_form=form))


@staff_required
@require_POST
def add_note(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    referral = staff_referral(request, referral_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        referral.add_note(form.cleaned_data["note"], by=request.user)
        AccessLog.record(request.user, AccessLog.Action.NOTE, referral)
        return redirect("staff:detail", referral.id)
    return render(request, "staff/detail.html", detail_context(request, referral, note_form=form))


@staff_required
@require_POST
def check_answer(request: HttpRequest, referral_id: UUID, key: str) -> HttpResponse:
    referral = staff_referral(request, referral_id)
    if key not in {row["key"] for row in referral.answers_snapshot}:
        return render(request, "staff/detail.html", detail_context(request, referral), status=404)
    form = AnswerCheckForm(request.POST)
    if form.is_valid():
        AnswerCheck.objects.update_or_create(
            referral=referral, question_key=key,
            defaults={"state": form.cleaned_data["state"], "note": form.cleaned_data["note"], "by": request.user,
                      "at": timezone.now()},
        )
        label = AnswerCheck.State(form.cleaned_data["state"]).label
        referral.events.create(kind="verification", by=request.user, note=f"{key}: {label}. {form.cleaned_data['note']}".strip())
        AccessLog.record(request.user, AccessLog.Action.CHECK, referral, detail=key)
        return redirect("staff:detail", referral.id)
    context = detail_context(request, referral, check_form_errors={key: form.errors})
    return render(request, "staff/detail.html", context)


@staff_required
@require_GET
def keepalive(request: HttpRequest) -> HttpResponse:
    """Touching the session is all it takes: the session-limits middleware notes the time."""
    return HttpResponse(status=204)

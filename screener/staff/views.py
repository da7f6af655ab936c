"""The research staff's workspace: the referrals of their own sites, and nothing else.

Every view starts from `Referral.objects.visible_to(request.user)`, so another site's referral is a 404
whatever the URL says. Every view of a referral, every export and every change is in the access log.
"""

from __future__ import annotations

from functools import wraps
from uuid import UUID

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import forms as otp_forms
from django_otp import views as otp_views

from screener.pages import never_store, render_page
from screener.referrals.models import Referral
from screener.second_factor import SecondFactorMixin
from screener.staff.export import referrals_csv
from screener.staff.forms import AnswerCheckForm, NoteForm, ReferralFilterForm, StatusForm

PAGE_SIZE = 25
VERDICT_LABELS = {"match": _("may match"), "possible": _("might match"), "no_match": _("not a match")}

OUTCOME_LABELS = {
    "met": _("met"),
    "not_met": _("not met"),
    "unknown": _("unknown"),
    "study_team": _("for the study team"),
}
KIND_LABELS = {"inclusion": _("Inclusion"), "exclusion": _("Exclusion")}


def language_name(code: str) -> str:
    """A referral's language as the reader's language names it ("Simplified Chinese" / "简体中文")."""
    names = dict(settings.LANGUAGES)
    return str(names.get(code, names[settings.LANGUAGE_CODE] if not code else code))


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
    @never_store
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_verified()):
            return redirect_to_login(request.get_full_path(), reverse("staff:login"))
        return view(request, *args, **kwargs)

    return wrapper


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    response = redirect("staff:login")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


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
    return render_page(request, "staff/list.html", context, partial="results")


@staff_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    form, referrals = filtered(request)
    return referrals_csv(referrals, by=request.user, filters=form.loggable())


def staff_referral(request: HttpRequest, referral_id: UUID) -> Referral:
    return get_object_or_404(Referral.objects.visible_to(request.user).select_related("trial", "site"), pk=referral_id)


def detail_context(request, referral, **forms_) -> dict:
    checks = {c.question_key: c for c in referral.answer_checks.select_related("by")}
    answers = [{**row, "check": checks.get(row["key"])} for row in referral.answers_snapshot]
    return {
        "referral": referral,
        "patient_language_name": language_name(referral.language),
        # Answers and rules were written down in the patient's language when they sent the request.
        "snapshot_lang": "zh-Hans" if referral.language == "zh-hans" else (referral.language or settings.LANGUAGE_CODE),
        "consent_language_name": language_name(referral.consent_language or referral.language),
        "verdict_label": VERDICT_LABELS.get(referral.verdict, referral.verdict),
        "answers": answers,
        "outcomes": [
            {
                **row,
                "outcome_label": OUTCOME_LABELS.get(row.get("outcome"), row.get("outcome")),
                "kind_label": KIND_LABELS.get(row.get("kind"), row.get("kind")),
            }
            for row in referral.outcomes_snapshot
        ],
        "events": referral.events.select_related("by"),
        "status_form": forms_.get("status_form") or StatusForm(referral=referral),
        "note_form": forms_.get("note_form") or NoteForm(),
        "check_form_errors": forms_.get("check_form_errors"),
        "status_error": forms_.get("status_error"),
    }


@staff_required
@require_GET
def referral_detail(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    try:
        referral = Referral.objects.open_for_review(request.user, referral_id)
    except Referral.DoesNotExist:
        raise Http404 from None
    return render_page(request, "staff/detail.html", detail_context(request, referral))


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
            return redirect("staff:detail", referral.id)
    return render_page(request, "staff/detail.html", detail_context(request, referral, status_form=form))


@staff_required
@require_POST
def add_note(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    referral = staff_referral(request, referral_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        referral.add_note(form.cleaned_data["note"], by=request.user)
        return redirect("staff:detail", referral.id)
    return render_page(request, "staff/detail.html", detail_context(request, referral, note_form=form))


@staff_required
@require_POST
def check_answer(request: HttpRequest, referral_id: UUID, key: str) -> HttpResponse:
    referral = staff_referral(request, referral_id)
    if key not in referral.answer_keys():
        return render_page(request, "staff/detail.html", detail_context(request, referral), status=404)
    form = AnswerCheckForm(request.POST)
    if form.is_valid():
        referral.check_answer(key, form.cleaned_data["state"], form.cleaned_data["note"], by=request.user)
        return redirect("staff:detail", referral.id)
    context = detail_context(request, referral, check_form_errors={key: form.errors})
    return render_page(request, "staff/detail.html", context)


@staff_required
@require_GET
def keepalive(request: HttpRequest) -> HttpResponse:
    """Touching the session is all it takes: the session-limits middleware notes the time."""
    return HttpResponse(status=204)

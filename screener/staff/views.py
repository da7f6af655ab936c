"""The research staff's workspace: the referrals of their own sites, and nothing else.

Every view starts from `Referral.objects.visible_to(request.user)`, so another site's referral is a 404
whatever the URL says. Every view of a referral, every export and every change is in the access log.
"""

from __future__ import annotations

from base64 import b32encode
from functools import wraps
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import forms as otp_forms
from django_otp import login as otp_login
from django_otp import views as otp_views
from django_otp.plugins.otp_totp.models import TOTPDevice

from screener.pages import render_page
from screener.referrals.models import Referral
from screener.second_factor import SecondFactorMixin, has_authenticator, set_up_app_first, used_backup_code
from screener.staff import dashboard as charts
from screener.staff import snapshots
from screener.staff.checks import checked_questions, criteria_not_met, unclear_value
from screener.staff.export import referrals_csv
from screener.staff.forms import AnswerCheckForm, AuthenticatorCodeForm, NoteForm, ReferralFilterForm, StatusForm
from screener.staff.wording import because, plain_rows, to_check_first, verdict_words
from trials.models import Question, fallback_language

PAGE_SIZE = 25

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


class StaffLoginView(otp_views.LoginView):
    """Username, password and a one-time code from the staff member's authenticator app.

    Always all three: django-otp would ask someone already logged in but unverified for the code alone,
    a form that never asks django-axes whether the login is locked.
    """

    template_name = "staff/login.html"
    authentication_form = StaffAuthenticationForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "timed_out": "timed_out" in self.request.GET}


def staff_required(view):
    """Logged in with a password *and* a second factor; anyone else goes to the login page.

    Someone who logged in with a backup code and has no authenticator app yet sets one up first.
    """

    @wraps(view)
    @never_cache
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_verified()):
            return redirect_to_login(request.get_full_path(), reverse("staff:login"))
        setting_up = request.resolver_match and request.resolver_match.url_name in ("authenticator", "logout")
        if not setting_up and used_backup_code(request) and not has_authenticator(request.user):
            return set_up_app_first(request)
        return view(request, *args, **kwargs)

    return wrapper


def way_back(request: HttpRequest) -> str:
    """Where the user was going before the set-up: `next`, if it is a page of this site, else their own page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else reverse("staff:profile")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    response = redirect("staff:login")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


def filtered(request: HttpRequest):
    form = ReferralFilterForm(request.GET, user=request.user)
    referrals = form.apply(Referral.objects.visible_to(request.user).with_criteria_changed()).select_related(
        "trial", "site"
    )
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
def dashboard(request: HttpRequest) -> HttpResponse:
    """Charts of the user's own sites' referrals, narrowed by the same filters as the list."""
    form, referrals = filtered(request)
    query = request.GET.copy()
    context = {
        "form": form,
        "query": query.urlencode(),
        "by_status": charts.per_status(referrals),
        "over_time": charts.per_trial_over_time(referrals),
        "funnel": charts.funnel(referrals),
    }
    return render_page(request, "staff/dashboard.html", context, partial="results")


@staff_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    form, referrals = filtered(request)
    return referrals_csv(referrals, by=request.user, filters=form.loggable())


def staff_referral(request: HttpRequest, referral_id: UUID) -> Referral:
    return get_object_or_404(Referral.objects.visible_to(request.user).select_related("trial", "site"), pk=referral_id)


def detail_context(request, referral, **forms_) -> dict:
    checks = {c.question_key: c for c in referral.answer_checks.select_related("by")}
    not_met = criteria_not_met(referral, checks)
    questions = checked_questions(checks)
    answers = [
        {
            **row,
            "check": checks.get(row["key"]),
            "not_met": not_met.get(row["key"], []),
            "unclear": unclear_value(checks.get(row["key"]), questions.get(row["key"])),
        }
        for row in snapshots.answer_rows(referral.answers_snapshot, referral.language)
    ]
    snapshot_lang = "zh-Hans" if referral.language == "zh-hans" else (referral.language or settings.LANGUAGE_CODE)
    events = list(referral.events.select_related("by"))
    wording = question_names(
        {event.question_key for event in events if event.question_key},
        {row["key"]: row.get("short_label") for row in answers},
        snapshot_lang,
    )
    rejudged = referral.latest_rejudgement()
    rejudged_rows = snapshots.outcome_rows(rejudged.outcomes, referral.language) if rejudged else []
    return {
        "referral": referral,
        "patient_language_name": language_name(referral.language),
        # Answers and rules were written down in the patient's language when they sent the request.
        "snapshot_lang": snapshot_lang,
        "consent_language_name": language_name(referral.consent_language or referral.language),
        "answers": answers,
        "outcomes": to_check_first(plain_rows(snapshots.outcome_rows(referral.outcomes_snapshot, referral.language))),
        "sent_verdict": verdict_words(referral.verdict),
        "rejudged": rejudged,
        "rejudged_verdict": verdict_words(rejudged.verdict) if rejudged else "",
        "rejudged_because": because(rejudged.verdict, rejudged_rows) if rejudged else "",
        "rejudged_outcomes": to_check_first(plain_rows(rejudged_rows)),
        "rejudging_pending": referral.criteria_version < referral.trial.criteria_version
        and (rejudged is None or rejudged.version < referral.trial.criteria_version),
        "events": [with_question_wording(event, wording) for event in events],
        "status_form": forms_.get("status_form") or StatusForm(referral=referral),
        "note_form": forms_.get("note_form") or NoteForm(auto_id="note-%s"),
        "check_form_errors": forms_.get("check_form_errors"),
        "check_forms": forms_.get("check_forms") or {},
        "status_error": forms_.get("status_error"),
    }


def with_question_wording(event, wording: dict):
    """An answer check's history line names the question in the reader's language, not its key: its short label
    (`question_names`); a question no longer in the vocabulary as the patient's answers named it."""
    if event.kind == event.Kind.VERIFICATION and event.question_key:
        event.question_name = wording.get(event.question_key) or event.question_key
    return event


def question_names(keys, snapshot: dict, snapshot_lang: str) -> dict:
    """{key: "Six-minute walk distance"} in the reader's language; a name not translated, or only in the patient's
    answers as sent (in their language), is marked with its language."""
    names = {}
    for question in Question.objects.filter(key__in=keys):
        language = fallback_language(question, "short_label")
        name = capfirst(question.short_label or question.key)
        names[question.key] = format_html('<span lang="{}">{}</span>', language, name) if language else name
    for key in set(keys) - set(names):
        if snapshot.get(key):
            names[key] = format_html('<span lang="{}">{}</span>', snapshot_lang, capfirst(snapshot[key]))
    return names


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
    form = NoteForm(request.POST, auto_id="note-%s")
    if form.is_valid():
        try:
            referral.add_note(form.cleaned_data["note"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("staff:detail", referral.id)
    return render_page(request, "staff/detail.html", detail_context(request, referral, note_form=form))


@staff_required
@require_POST
def check_answer(request: HttpRequest, referral_id: UUID, key: str) -> HttpResponse:
    referral = staff_referral(request, referral_id)
    if key not in referral.answer_keys():
        return render_page(request, "staff/detail.html", detail_context(request, referral), status=404)
    form = AnswerCheckForm(request.POST)
    saved = form.is_valid()
    if saved:
        referral.check_answer(key, form.cleaned_data["state"], form.cleaned_data["note"], by=request.user)
        if not request.htmx:  # back to the same check, not to the top of a long page
            return redirect(reverse("staff:detail", args=[referral.id]) + f"#check-{key}")
    context = detail_context(
        request,
        referral,
        check_form_errors={} if saved else {key: form.errors},
        check_forms={} if saved else {key: form},  # what was typed, kept on an error
    )
    if request.htmx:  # only this answer's cell, saved in place
        row = next(row for row in context["answers"] if row["key"] == key)
        context.update(row=row, saved_key=key if saved else None)
        return render_page(request, "staff/detail.html", context, partial="answer_check", push=False)
    return render_page(request, "staff/detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def authenticator(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, or replace a lost one: open only to a login made with a backup code.

    The new device stays unconfirmed (it cannot log anyone in) until the user types a code it shows; then
    it replaces any older app, and this session counts as verified by it.
    """
    if not used_backup_code(request):
        has_app = has_authenticator(request.user)
        # A second visit after the set-up (or a login with the app) is told the app is set up, and how to replace
        # it; only someone with no app at all, who cannot have logged in with one, is refused.
        context = {"needs_backup_code": True, "has_app": has_app, "next": way_back(request)}
        return render_page(request, "staff/authenticator.html", context, status=200 if has_app else 403)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by(
        "-pk"
    ).first() or TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = AuthenticatorCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Your authenticator app is set up. Use its codes from now on."))
        return redirect(way_back(request))
    context = {
        "form": form,
        "qr_svg": qr_svg(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
        "next": way_back(request),
    }
    return render_page(request, "staff/authenticator.html", context)


def qr_svg(text: str) -> str:
    """The QR code as inline SVG markup: no image request, nothing inline that the CSP would block."""
    import qrcode
    import qrcode.image.svg

    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    label = escape(_("QR code to scan with your authenticator app"))
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1))  # noqa: S308


@staff_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    """The staff member's own page: whether new-referral emails reach them, and their second factor."""
    user = request.user
    sites = [m.site for m in user.site_memberships.select_related("site__trial")]
    context = {
        "sites": sites,
        "notified": bool(user.email and user.is_active),
        "has_app": has_authenticator(user),
        "used_backup_code": used_backup_code(request),
    }
    return render_page(request, "staff/profile.html", context)


@staff_required
@require_GET
def keepalive(request: HttpRequest) -> HttpResponse:
    """Touching the session is all it takes: the session-limits middleware notes the time."""
    return HttpResponse(status=204)

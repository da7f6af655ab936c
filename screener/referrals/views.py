"""The patient's side of referrals: ask a study team to get in touch, see the request, withdraw it."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from screener.pages import render_page
from screener.questionnaire.ownership import owned_screening, screening_ids
from screener.ratelimits import limit
from screener.referrals.forms import ReferenceForm, ReferralForm
from screener.referrals.models import ConsentText, Referral
from screener.referrals.sending import NotReferable, notifiable_members, send_referral, withdraw_and_tell_the_site
from trials import catalogue
from trials.models import Site


@require_http_methods(["GET", "POST"])
@limit("RATE_REFERRALS", "referrals")
def refer(request: HttpRequest, screening_id: UUID, site_id: UUID) -> HttpResponse:
    screening = owned_screening(request, screening_id)
    site = get_object_or_404(Site.objects.select_related("trial").filter(trial__is_published=True), public_id=site_id)
    existing = Referral.objects.active().filter(screening=screening, site=site).first()
    if existing:
        return redirect("referrals:sent", screening.id, existing.id)
    form = ReferralForm(request.POST or None, region=site.country_code())
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            referral, _created = send_referral(
                screening, site, form.cleaned_data, catalogue.current(screening.catalogue_version), get_language()
            )
        except NotReferable:
            problem = "not_referable"
        else:
            return redirect("referrals:sent", screening.id, referral.id)
    consent_wording, consent_language = ConsentText.current().wording_for(site, get_language())
    context = {
        "screening": screening,
        "site": site,
        "form": form,
        "consent_wording": consent_wording,
        "consent_language": consent_language,
        "consent_in_other_language": consent_language != get_language(),
        "problem": problem,
        "site_staffed": bool(notifiable_members(site)),
        "back_url": reverse("questionnaire:results", args=[screening.id]),
    }
    return render_page(request, "referrals/refer.html", context)


@require_GET
def referral_sent(request: HttpRequest, screening_id: UUID, referral_id: UUID) -> HttpResponse:
    screening = owned_screening(request, screening_id)
    referral = get_object_or_404(Referral.objects.select_related("trial", "site"), screening=screening, pk=referral_id)
    context = {
        "screening": screening,
        "referral": referral,
        "withdraw_url": reverse("referrals:request_status"),
        "site_staffed": bool(notifiable_members(referral.site)),
    }
    return render_page(request, "referrals/referral_sent.html", context)


@require_http_methods(["GET", "POST"])
@limit("RATE_REFERENCE_LOOKUPS", "reference")
def request_status(request: HttpRequest) -> HttpResponse:
    """Look a request up by its reference code. POST, so the code never lands in a URL or a log."""
    form = ReferenceForm(request.POST or None)
    referral = None
    not_found = False
    if request.method == "POST" and form.is_valid():
        referral = (
            Referral.objects.select_related("trial", "site").filter(reference=form.cleaned_data["reference"]).first()
        )
        not_found = referral is None
    change = referral.change_for_patient() if referral and referral.status in Referral.OPEN_STATUSES else None
    # the contact details are shown back only in the browser that sent the request, never to a code alone
    own = referral is not None and str(referral.screening_id) in screening_ids(request)
    return render_page(
        request,
        "referrals/request_status.html",
        {
            "form": form,
            "referral": referral,
            "not_found": not_found,
            "change": change,
            "open_statuses": Referral.OPEN_STATUSES,
            "show_contact": own,
        },
    )


@require_POST
@limit("RATE_REFERENCE_LOOKUPS", "reference")
def withdraw(request: HttpRequest) -> HttpResponse:
    form = ReferenceForm(request.POST)
    referral = None
    if form.is_valid():
        referral = (
            Referral.objects.select_related("trial", "site").filter(reference=form.cleaned_data["reference"]).first()
        )
    if referral is None:
        return render_page(
            request, "referrals/request_status.html", {"form": form, "referral": None, "not_found": form.is_valid()}
        )
    if request.POST.get("confirm") == "yes":
        withdraw_and_tell_the_site(referral)
        referral.refresh_from_db()
        return render_page(
            request, "referrals/request_status.html", {"form": form, "referral": referral, "just_withdrawn": True}
        )
    return render_page(
        request, "referrals/request_status.html", {"form": form, "referral": referral, "confirming": True}
    )

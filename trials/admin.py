from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from trials import review, signals
from trials.forms import SiteForm
from trials.models import OTHER_LANGUAGES, Criterion, Question, Site, StaffMembership, Trial

# A trial's columns that hold the registry's texts (up to `ctgov.LONGEST_TEXT` characters each) or its whole
# record: never read for a list.
REGISTRY_TEXTS = ["official_title", "registry_summary", "eligibility_text", "source_record", "conditions"]
CRITERION_TEXTS = ["source_text", "clause_text", "quote", "proposal", "staff_note"]


def translated(name: str) -> list[str]:
    return [name, *(f"{name}_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES)]


def _is_list(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


def translation_gaps(obj) -> str:
    """What still lacks a translation: an admin sees it before a patient meets English on a Chinese page."""
    missing = obj.missing_translations()
    return _("missing: %(fields)s") % {"fields": ", ".join(missing)} if missing else "✓"


class SiteInline(TranslationStackedInline):
    model = Site
    form = SiteForm
    extra = 0
    fields = [
        ("facility", "recruitment_status"),
        ("city", "state", "postal_code", "country"),
        ("latitude", "longitude"),
        "contacts",
    ]


class CriterionInline(TranslationStackedInline):
    """Collapsed: a trial with dozens of criteria stays readable; the criteria list is the place to review them."""

    model = Criterion
    extra = 0
    classes = ["collapse"]
    ordering = ["order", "pk"]
    autocomplete_fields = ["question"]
    readonly_fields = ["rule_in_words", "origin"]
    fields = [
        ("kind", "status", "order"),
        "question",
        ("min_value", "min_inclusive", "max_value", "max_inclusive", "time_unit"),
        ("values", "uncertain_values"),
        "rule_in_words",
        "source_text",
        "quote",
        "explanation",
        "staff_note",
        "origin",
    ]

    @admin.display(description=_("rule in words"))
    def rule_in_words(self, criterion):
        return criterion.rule_in_words() if criterion.pk else "—"


@admin.register(Trial)
class TrialAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = [
        "nct_id",
        "brief_title",
        "overall_status",
        "is_published",
        "approved_count",
        "draft_count",
        "coverage",
        "chinese",
    ]
    list_filter = ["overall_status", "is_published"]
    actions = ["publish_selected"]
    search_fields = ["nct_id", "brief_title", "official_title"]
    readonly_fields = ["created_at", "updated_at", "criteria_version", "criteria_link"]
    inlines = [SiteInline, CriterionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "nct_id",
                    "is_published",
                    "brief_title",
                    "patient_title",
                    "plain_summary",
                    "criteria_version",
                    "criteria_link",
                ]
            },
        ),
        (
            _("From the registry"),
            {
                "fields": [
                    "official_title",
                    "registry_summary",
                    "conditions",
                    "phase",
                    "overall_status",
                    "sponsor",
                    "enrollment_target",
                    ("start_date", "primary_completion_date", "completion_date"),
                    ("first_posted", "last_updated"),
                    "eligibility_text",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        clause_fields = Criterion.objects.only(
            "trial_id", "clause_start", "clause_end", "status", "question_id", "proposal"
        )
        queryset = super().get_queryset(request)
        if _is_list(request):
            # A registry text can be megabytes: the list shows none of it, so none of it is read.
            queryset = queryset.defer(*REGISTRY_TEXTS)
        return (
            queryset.prefetch_related(
                Prefetch(
                    "criteria", queryset=Criterion.objects.only("trial_id", "question_id", *translated("explanation"))
                ),
                Prefetch("sites", queryset=Site.objects.defer("contacts")),
            )
            .annotate(
                approved=Count("criteria", filter=Q(criteria__status=Criterion.Status.APPROVED)),
                drafts=Count("criteria", filter=Q(criteria__status=Criterion.Status.DRAFT)),
            )
            .prefetch_related(Prefetch("criteria", queryset=clause_fields, to_attr="coverage_criteria"))
        )

    @admin.display(description=_("coverage of the clauses"))
    def coverage(self, trial):
        coverage = trial.coverage()
        return format_html(
            '<a href="{}"><meter min="0" max="{}" value="{}" aria-hidden="true"></meter> {}</a>',
            reverse("admin:trials_trial_review", args=[trial.pk]),
            max(coverage.clauses, 1),
            coverage.reviewed,
            _(
                "%(reviewed)s of %(clauses)s clauses reviewed: %(answerable)s answerable, %(study_team)s for the study team"
            )
            % {
                "reviewed": coverage.reviewed,
                "clauses": coverage.clauses,
                "answerable": coverage.answerable,
                "study_team": coverage.study_team,
            },
        )

    def get_urls(self):
        review_urls = [
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="trials_trial_review",
            ),
            path(
                "<path:object_id>/review/act/",
                self.admin_site.admin_view(self.review_action_or_back),
                name="trials_trial_review_action",
            ),
        ]
        return review_urls + super().get_urls()

    def reviewable_trial(self, request: HttpRequest, object_id: str) -> Trial:
        if not request.user.has_perm("trials.change_criterion"):
            raise PermissionDenied
        return get_object_or_404(Trial, pk=object_id)

    def review_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Every clause with its criteria, the quoted spans marked, approve / edit / reject, and a profile to try."""
        trial = self.reviewable_trial(request, object_id)
        if trial.needs_drafting:  # a bulk import left its drafts to the background worker: they are wanted now
            signals.drafts_wanted.send(sender=Trial, trial_id=trial.pk)  # queued, never drafted in this request
            trial.refresh_from_db(fields=["needs_drafting"])
        page, loose = review.clauses(trial, _whole_number(request.GET.get("page", "1")))
        coverage = trial.coverage()
        tried = review.try_profile(trial, request.GET["answers"]) if "answers" in request.GET else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": trial,
            "trial": trial,
            "title": _("Review the criteria of %(nct_id)s") % {"nct_id": trial.nct_id},
            "clauses": page.clauses,
            "page": page,
            "loose": loose,
            "coverage": coverage,
            "bar": _coverage_bar(coverage),
            "tried": tried,
            "answers": request.GET.get("answers") or review.profile_template(trial),
            "publishing_problem": _publishing_problem(trial, on_review_page=True),
            "approve_all_percent": round(review.APPROVE_ALL_AT_LEAST * 100),
            "being_drafted": trial.needs_drafting,
            "reviewed": _shown_here(request.GET.get("reviewed", ""), page.clauses, loose),
        }
        return TemplateResponse(request, "admin/trials/trial/review.html", context)

    def review_action_or_back(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The review page's buttons post here; the address opened again (the address bar, a new tab, a reload of
        the publish confirmation) is sent back to the review page, saying nothing was changed, not a bare 405."""
        if request.method in ("GET", "HEAD"):
            trial = self.reviewable_trial(request, object_id)
            self.message_user(
                request,
                _(
                    "Nothing was changed: that address only acts on a button pressed on the review page. Choose again below."
                ),
                messages.INFO,
            )
            return HttpResponseRedirect(reverse("admin:trials_trial_review", args=[trial.pk]))
        return require_POST(self.review_action)(request, object_id)

    def review_action(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Approve, reject or approve-all for a clause; publish. A redirect back to the review page; for htmx, an
        approve or reject answers with only the clause it changed and the coverage (its counts, whether the trial
        can be published), so fifteen drafts are not fifteen reloads of the whole page (walk10)."""
        trial = self.reviewable_trial(request, object_id)
        action = request.POST.get("action", "")
        back = reverse("admin:trials_trial_review", args=[trial.pk])
        acted: tuple[int | None, int | None] | None = None
        with transaction.atomic():
            if action in ("approve", "reject"):
                criterion = get_object_or_404(trial.criteria, pk=_whole_number(request.POST.get("criterion")))
                order = _clause_order(trial, criterion.clause_start, criterion.clause_end)
                try:
                    if action == "approve":
                        criterion.approve()
                        self.message_user(request, gettext("Approved: %(rule)s") % {"rule": criterion.rule_in_words()})
                    else:
                        left = criterion.reject()
                        note = gettext(" The clause is left for the study team.") if left else ""
                        self.message_user(
                            request, gettext("Rejected: %(rule)s.") % {"rule": criterion.rule_in_words()} + note
                        )
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                back += _place_after(trial, criterion.clause_start, criterion.clause_end, order)
                acted = (criterion.clause_start, criterion.clause_end)
            elif action == "approve_clause":
                start, end = _whole_number(request.POST.get("start")), _whole_number(request.POST.get("end"))
                order = _clause_order(trial, start, end)
                waiting = list(trial.criteria.filter(clause_start=start, clause_end=end, status=Criterion.Status.DRAFT))
                sure = [c for c in waiting if review.sure_enough(c)]
                for criterion in sure:
                    criterion.approve()
                back += _place_after(trial, start, end, order)
                acted = (start, end)
                self.message_user(request, gettext("Approved %(count)s criteria of the clause.") % {"count": len(sure)})
                if len(sure) < len(waiting):
                    self.message_user(
                        request,
                        gettext("%(left)s drafts below %(percent)s%% confidence were left for you to check one by one.")
                        % {"left": len(waiting) - len(sure), "percent": round(review.APPROVE_ALL_AT_LEAST * 100)},
                        messages.WARNING,
                    )
            elif action == "publish":
                if not request.user.has_perm("trials.change_trial"):
                    raise PermissionDenied
                problem = _publishing_problem(trial, on_review_page=True)
                if problem:  # said on the review page, where the criteria to review are
                    self.message_user(request, problem, messages.ERROR)
                    return HttpResponseRedirect(back)
                if request.POST.get("confirmed") != "yes" and _worth_asking(trial):
                    return self.confirm_publishing(request, [trial], back)
                trial.is_published = True
                try:
                    trial.save()
                    self.message_user(request, gettext("%(nct_id)s is published.") % {"nct_id": trial.nct_id})
                    warn_of_unstaffed_sites(self, request, trial)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, gettext("Choose approve, reject or publish."), messages.ERROR)
        if request.htmx and acted is not None:
            return self.acted_on(request, trial, *acted) or HttpResponseClientRedirect(back)
        return HttpResponseRedirect(back)

    def acted_on(self, request: HttpRequest, trial: Trial, start: int | None, end: int | None) -> HttpResponse | None:
        """The clause an action changed (or the loose criteria), with its message, and the coverage to swap out of
        band; None when the clause is no longer on any page (the whole page is reloaded instead)."""
        trial.refresh_from_db()
        if start is None:
            page, loose = review.clauses(trial)
            clause, partial = None, "acted_loose"
        else:
            page, loose = review.clauses(trial, review.page_of(trial, start, end))
            clause = next((c for c in page.clauses if (c.start, c.end) == (start, end)), None)
            partial = "acted_clause"
        if clause is None and not loose:
            return None
        coverage = trial.coverage()
        context = {
            "trial": trial,
            "clause": clause,
            "loose": loose,
            "coverage": coverage,
            "bar": _coverage_bar(coverage),
            "publishing_problem": _publishing_problem(trial, on_review_page=True),
            "approve_all_percent": round(review.APPROVE_ALL_AT_LEAST * 100),
            "reviewed": clause.dom_id if clause else "loose-heading",
            "out_of_band": True,
        }
        response = TemplateResponse(request, f"admin/trials/trial/review.html#{partial}", context)
        patch_vary_headers(response, ["HX-Request"])
        return response

    def confirm_publishing(self, request: HttpRequest, trials: list[Trial], back: str) -> HttpResponse:
        """Before a trial is published with texts its patients in another language would read in English (what
        is missing, per language, each criterion and site named with a link to where it is edited), or with no
        site to refer patients to: a button to publish all the same (registries are often English only, and list
        their hospitals late)."""
        rows = [
            {
                "trial": trial,
                "gaps": untranslated(trial),
                "problem": _publishing_problem(trial),
                "no_site": not trial.sites.exists(),
            }
            for trial in trials
        ]
        any_gaps = any(row["gaps"] for row in rows)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": (
                ngettext(
                    "Publish %(count)s trial without all its translations?",
                    "Publish %(count)s trials without all their translations?",
                    len(trials),
                )
                if any_gaps
                else ngettext(
                    "Publish %(count)s trial that lists no hospital?",
                    "Publish %(count)s trials, not all listing a hospital?",
                    len(trials),
                )
            )
            % {"count": len(trials)},
            "any_gaps": any_gaps,
            "no_site_sentence": no_site_sentence(),
            "trials": rows,
            "back": back,
            "bulk": request.POST.get("action") == "publish_selected",
            "selected": [trial.pk for trial in trials],
        }
        return TemplateResponse(request, "admin/trials/trial/publish_confirm.html", context)

    @admin.action(description=_("Publish the selected trials"), permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset) -> HttpResponse | None:
        """The list's way to publish: the same checks as one trial's, the same question first when a translation
        is missing, and a line for each trial that cannot be published yet."""
        trials = list(Trial.objects.filter(pk__in=queryset.values("pk"), is_published=False).order_by("nct_id"))
        if not trials:
            self.message_user(request, gettext("The selected trials are published already."), messages.WARNING)
            return None
        if request.POST.get("confirmed") != "yes":
            missing = [trial for trial in trials if not _publishing_problem(trial) and _worth_asking(trial)]
            if missing:
                return self.confirm_publishing(request, trials, reverse("admin:trials_trial_changelist"))
        for trial in trials:
            trial.is_published = True
            try:
                with transaction.atomic():
                    trial.save()
            except ValidationError as error:
                self.message_user(request, f"{trial.nct_id}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, gettext("%(nct_id)s is published.") % {"nct_id": trial.nct_id})
                warn_of_unstaffed_sites(self, request, trial)
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "review_url": reverse("admin:trials_trial_review", args=[object_id])}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.is_published and "is_published" in form.changed_data:
            warn_of_unstaffed_sites(self, request, obj)
            if not obj.sites.exists():
                self.message_user(request, no_site_sentence(), messages.WARNING)
            for gap in untranslated(obj):  # the form's tick is its own confirmation: said afterwards, not asked
                self.message_user(request, gap["sentence"], messages.WARNING)

    @admin.display(description=_("approved criteria"), ordering="approved")
    def approved_count(self, trial):
        return trial.approved

    @admin.display(description=_("draft criteria"), ordering="drafts")
    def draft_count(self, trial):
        return trial.drafts

    @admin.display(description=_("Chinese"))
    def chinese(self, trial):
        gaps = trial.missing_translations()
        if any(criterion.missing_translations() for criterion in trial.criteria.all()):
            gaps.append(str(_("criteria")))
        if any(site.missing_translations() for site in trial.sites.all()):
            gaps.append(str(_("sites")))
        return _("missing: %(fields)s") % {"fields": ", ".join(gaps)} if gaps else "✓"

    def save_formset(self, request, form, formset, change):
        if formset.model is Criterion:
            # A criterion an admin has touched is theirs: re-imports leave it alone from now on.
            for criterion_form in formset.forms:
                if criterion_form.has_changed() and criterion_form.instance.origin == Criterion.Origin.IMPORT:
                    criterion_form.instance.origin = Criterion.Origin.EDITED
        super().save_formset(request, form, formset, change)


def warn_of_unstaffed_sites(model_admin, request: HttpRequest, trial: Trial) -> None:
    """Publishing a study whose sites nobody staffs: patients' requests to them would reach no one."""
    unstaffed = list(trial.sites.unstaffed().order_by("facility")[:20])
    if unstaffed:
        names = gettext("; ").join(str(site) for site in unstaffed)
        model_admin.message_user(
            request,
            gettext(
                "No member of these sites receives emails, so patients' requests to them wait until someone is "
                "added (admins are emailed when one arrives): %(sites)s"
            )
            % {"sites": names},
            messages.WARNING,
        )


def no_site_sentence() -> str:
    return gettext(
        "This trial lists no hospital (site), so patients cannot be referred to it yet, and patients who limit "
        "their search to a distance are not asked about it. You may publish it all the same, and add its sites later."
    )


def _worth_asking(trial: Trial) -> bool:
    """Whether publishing should first be confirmed: a text without its translation, or no site at all."""
    return bool(untranslated(trial)) or not trial.sites.exists()


def untranslated(trial: Trial) -> list[dict]:
    """Per language besides English, what its patients would read in English once the trial is published: the
    trial's own texts, its approved criteria's notes, its sites' names. Empty when nothing is missing."""
    criteria = list(trial.criteria.filter(status=Criterion.Status.APPROVED))
    sites = list(trial.sites.all())
    names = {code.replace("-", "_"): name for code, name in settings.LANGUAGES}
    gaps = []
    for suffix in OTHER_LANGUAGES:
        missing = trial.missing_translations([suffix])
        lacking_criteria = [criterion for criterion in criteria if criterion.missing_translations([suffix])]
        count = len(lacking_criteria)
        if count:
            missing.append(ngettext("%(count)s criterion", "%(count)s criteria", count) % {"count": count})
        lacking_sites = [site for site in sites if site.missing_translations([suffix])]
        count = len(lacking_sites)
        if count:
            missing.append(ngettext("%(count)s site", "%(count)s sites", count) % {"count": count})
        if missing:
            words = {"language": names[suffix], "missing": gettext(", ").join(missing)}
            gaps.append(
                {
                    "language": names[suffix],
                    "missing": missing,
                    "criteria": lacking_criteria,  # named on the confirmation, each linked to where it is edited
                    "sites": lacking_sites,
                    "sentence": gettext(
                        "Patients reading %(language)s will see these in English, marked as the registry's words: "
                        "%(missing)s."
                    )
                    % words,
                }
            )
    return gaps


def _criteria_link(self, trial):
    if not trial.pk:
        return "—"
    url = reverse("admin:trials_criterion_changelist") + f"?trial__id__exact={trial.pk}"
    return format_html('<a href="{}">{}</a>', url, _("Review and edit this trial’s criteria one by one"))


TrialAdmin.criteria_link = admin.display(description=_("criteria"))(_criteria_link)


def _shown_here(place: str, clauses, loose) -> str:
    """The clause (or the loose criteria's heading) an action returned to, when it is on this page: the action's
    message is shown there instead of at the top, out of sight."""
    if place == "loose-heading" and loose:
        return place
    return place if any(clause.dom_id == place for clause in clauses) else ""


def _clause_order(trial: Trial, start: int | None, end: int | None) -> list[tuple[int, int]]:
    """The clauses of the page this clause is on, in the order the page shows them (to review first)."""
    if start is None:
        return []
    return [(c.start, c.end) for c in review.clauses(trial, review.page_of(trial, start, end))[0].clauses]


def _place_after(trial: Trial, start: int | None, end: int | None, before: list[tuple[int, int]]) -> str:
    """Where the review page opens after an approve or reject: at the clause while it still has drafts, else at
    the clause that now stands where it stood (clauses to review come first, so it is the next one to review while
    any is left on the page). `reviewed` names it, so the page shows the action's message there."""
    if start is None:
        return "?reviewed=loose-heading#loose-heading"
    page = review.page_of(trial, start, end)
    now = review.clauses(trial, page)[0].clauses
    target = (start, end)
    acted = next((c for c in now if (c.start, c.end) == target), None)
    if now and (acted is None or not acted.waiting):
        at = before.index(target) if target in before else 0
        target = (now[min(at, len(now) - 1)].start, now[min(at, len(now) - 1)].end)
    place = f"clause-{target[0]}-{target[1]}"
    return (f"?page={page}&" if page > 1 else "?") + f"reviewed={place}#{place}"


def _whole_number(value) -> int:
    """A posted id or offset; anything else matches nothing (a 404 or an empty clause), never a server error."""
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else -1


def _publishing_problem(trial: Trial, on_review_page: bool = False) -> str | None:
    if trial.is_published:
        return None
    trial.is_published = True
    try:
        return trial.publishing_problem(on_review_page)
    finally:
        trial.is_published = False


def _coverage_bar(coverage) -> list[dict]:
    """The coverage bar's segments as SVG rectangles (x and width in % of the bar), in a fixed order."""
    total = max(coverage.clauses, 1)
    segments, x = [], 0.0
    for state, count, label in (
        ("answerable", coverage.answerable, _("patient-answerable")),
        ("study-team", coverage.study_team, _("for the study team")),
        ("to-review", coverage.to_review, _("still to review")),
    ):
        width = 100 * count / total
        segments.append({"state": state, "count": count, "label": label, "x": f"{x:.2f}", "width": f"{width:.2f}"})
        x += width
    return segments


class TrialFilter(admin.RelatedFieldListFilter):
    """Trials by NCT number, read from two short columns (the default reads every trial's whole row)."""

    def field_choices(self, field, request, model_admin):
        return list(Trial.objects.order_by("nct_id").values_list("pk", "nct_id"))


@admin.register(Criterion)
class CriterionAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["trial", "kind", "rule_in_words", "status", "origin", "order", "chinese"]
    list_filter = ["status", "kind", "origin", ("trial", TrialFilter)]
    search_fields = ["trial__nct_id", "source_text", "explanation", "question__key"]
    list_select_related = ["trial", "question"]
    autocomplete_fields = ["question"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if _is_list(request):
            queryset = queryset.defer(*CRITERION_TEXTS, *(f"trial__{name}" for name in REGISTRY_TEXTS))
        return queryset

    @admin.display(description=_("rule in words"))
    def rule_in_words(self, criterion):
        return criterion.rule_in_words()

    readonly_fields = ["origin", "quote", "confidence", "clause_text"]

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.origin = Criterion.Origin.EDITED
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Chinese"))
    def chinese(self, criterion):
        return translation_gaps(criterion)

    def response_change(self, request, obj):
        """Back to the trial's review page when the edit started there."""
        back = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure())
        if back and safe:  # same host, and never from https down to http
            self.message_user(request, gettext("Saved: %(rule)s") % {"rule": obj.rule_in_words()})
            return HttpResponseRedirect(back)
        return super().response_change(request, obj)


@admin.register(Question)
class QuestionAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["key", "prompt", "kind", "unit", "allow_dont_know", "priority", "chinese"]
    list_filter = ["kind", "allow_dont_know"]
    search_fields = ["key", "prompt", "short_label"]
    list_editable = ["priority"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "key",
                    "kind",
                    "prompt",
                    "short_label",
                    "help_text",
                    "allow_dont_know",
                    "allow_never",
                    "priority",
                ]
            },
        ),
        (_("Numbers"), {"fields": ["unit", ("min_value", "max_value"), "whole_number", "standard_code"]}),
        (
            _("Choices"),
            {
                "fields": ["choices"],
                "description": _(
                    'Each choice: {"code": ..., "label": English, "label_zh_hans": Chinese}. '
                    "A choice without a Chinese label shows its English one to Chinese-speaking patients."
                ),
            },
        ),
        (
            _("Asked only when"),
            {
                "fields": [
                    "asked_only_if",
                    "asked_only_if_codes",
                    "asked_only_under_age",
                    "asked_only_under_age_for",
                    "implied_answer",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Answers are stored under the key and the choice codes: changing them would orphan answers.
        return ["key", "kind"] if obj and obj.criteria.exists() else []

    @admin.display(description=_("Chinese"))
    def chinese(self, question):
        return translation_gaps(question)


class StaffMembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name = _("staff member")
    verbose_name_plural = _("staff who see this site's referrals")


NOTIFIABLE = Q(memberships__user__is_active=True) & ~Q(memberships__user__email="")


@admin.register(Site)
class SiteAdmin(TranslationAdmin, SimpleHistoryAdmin):
    form = SiteForm
    list_display = ["facility", "city", "country", "trial", "recruitment_status", "notified", "chinese"]
    list_filter = ["country", "recruitment_status"]
    search_fields = ["facility", "city", "trial__nct_id"]
    list_select_related = ["trial"]
    inlines = [StaffMembershipInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if _is_list(request):
            queryset = queryset.defer("contacts", *(f"trial__{name}" for name in REGISTRY_TEXTS))
        return queryset.annotate(notifiable=Count("memberships", filter=NOTIFIABLE, distinct=True))

    @admin.display(description=_("who hears of new referrals"), ordering="notifiable")
    def notified(self, site):
        if site.notifiable:
            return _("%(count)s staff member(s) by email") % {"count": site.notifiable}
        return format_html('<strong class="errornote">{}</strong>', _("No one: no active member has an email address"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        site = self.get_object(request, object_id)
        if site is not None and request.method == "GET" and not self.get_queryset(request).get(pk=site.pk).notifiable:
            messages.warning(
                request,
                _(
                    "No one will hear of new referrals to this site: add a staff member who is active and has an "
                    "email address (their user page), or patients' requests wait unseen."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("Chinese"))
    def chinese(self, site):
        return translation_gaps(site)


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "site", "created_at"]
    list_filter = ["site__trial"]
    search_fields = ["user__username", "user__email", "site__facility", "site__trial__nct_id"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "site", "site__trial"]

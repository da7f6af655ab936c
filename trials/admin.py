from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from trials.models import Criterion, Question, Site, StaffMembership, Trial


def translation_gaps(obj) -> str:
    """What still lacks a translation: an admin sees it before a patient meets English on a Chinese page."""
    missing = obj.missing_translations()
    return _("missing: %(fields)s") % {"fields": ", ".join(missing)} if missing else "✓"


class SiteInline(TranslationStackedInline):
    model = Site
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
        ("min_value", "min_inclusive", "max_value", "max_inclusive"),
        ("values", "uncertain_values"),
        "rule_in_words",
        "source_text",
        "explanation",
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
        "chinese",
    ]
    list_filter = ["overall_status", "is_published"]
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
        return (
            super()
            .get_queryset(request)
            .prefetch_related("criteria", "sites")
            .annotate(
                approved=Count("criteria", filter=Q(criteria__status=Criterion.Status.APPROVED)),
                drafts=Count("criteria", filter=Q(criteria__status=Criterion.Status.DRAFT)),
            )
        )

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


def _criteria_link(self, trial):
    if not trial.pk:
        return "—"
    url = reverse("admin:trials_criterion_changelist") + f"?trial__id__exact={trial.pk}"
    return format_html('<a href="{}">{}</a>', url, _("Review and edit this trial’s criteria one by one"))


TrialAdmin.criteria_link = admin.display(description=_("criteria"))(_criteria_link)


@admin.register(Criterion)
class CriterionAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["trial", "kind", "rule_in_words", "status", "origin", "order", "chinese"]
    list_filter = ["status", "kind", "origin", "trial"]
    search_fields = ["trial__nct_id", "source_text", "explanation", "question__key"]
    list_select_related = ["trial", "question"]
    autocomplete_fields = ["question"]
    readonly_fields = ["origin"]

    @admin.display(description=_("rule in words"))
    def rule_in_words(self, criterion):
        return criterion.rule_in_words()

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.origin = Criterion.Origin.EDITED
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Chinese"))
    def chinese(self, criterion):
        return translation_gaps(criterion)


@admin.register(Question)
class QuestionAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["key", "prompt", "kind", "unit", "allow_dont_know", "priority", "chinese"]
    list_filter = ["kind", "allow_dont_know"]
    search_fields = ["key", "prompt", "short_label"]
    list_editable = ["priority"]
    fieldsets = [
        (None, {"fields": ["key", "kind", "prompt", "short_label", "help_text", "allow_dont_know", "priority"]}),
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
        (_("Asked only when"), {"fields": ["asked_only_if", "asked_only_if_codes", "implied_answer"]}),
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
    list_display = ["facility", "city", "country", "trial", "recruitment_status", "notified", "chinese"]
    list_filter = ["country", "recruitment_status"]
    search_fields = ["facility", "city", "trial__nct_id"]
    list_select_related = ["trial"]
    inlines = [StaffMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(notifiable=Count("memberships", filter=NOTIFIABLE, distinct=True))

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

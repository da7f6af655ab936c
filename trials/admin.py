from django.contrib import admin
from django.db.models import Count, Q
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
    model = Criterion
    extra = 0
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
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SiteInline, CriterionInline]
    fieldsets = [
        (None, {"fields": ["nct_id", "is_published", "brief_title", "patient_title", "plain_summary"]}),
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


@admin.register(Site)
class SiteAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["facility", "city", "country", "trial", "recruitment_status", "chinese"]
    list_filter = ["country", "recruitment_status"]
    search_fields = ["facility", "city", "trial__nct_id"]
    list_select_related = ["trial"]
    inlines = [StaffMembershipInline]

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

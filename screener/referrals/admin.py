from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from screener.referrals.models import AccessLog, ConsentText, Referral, ReferralEvent


@admin.register(ConsentText)
class ConsentTextAdmin(TranslationAdmin):
    list_display = ["version", "created_at", "languages_written"]

    def get_readonly_fields(self, request, obj=None):
        # A wording patients have agreed to is evidence: a new wording is a new version.
        return ["version", *self.get_translation_field_names()] if obj and obj.referrals.exists() else []

    def get_translation_field_names(self):
        return ["text", *(f"text_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES)]

    @admin.display(description=_("languages"))
    def languages_written(self, consent):
        missing = [str(name) for code, name in settings.LANGUAGES if code not in consent.languages()]
        written = ", ".join(consent.languages())
        if missing:
            return _("%(written)s (missing: %(missing)s: those patients see the English words and are told so)") % {
                "written": written,
                "missing": ", ".join(missing),
            }
        return written


class ReferralEventInline(admin.TabularInline):
    model = ReferralEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "by", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["display_reference", "trial", "site", "status", "created_at"]
    list_filter = ["status", "trial", "site"]
    search_fields = ["reference", "trial__nct_id"]
    list_select_related = ["trial", "site"]
    inlines = [ReferralEventInline]
    exclude = ["screening"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Referral._meta.concrete_fields if f.name != "screening"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("reference"), ordering="reference")
    def display_reference(self, referral):
        return referral.display_reference


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "referral", "detail"]
    list_filter = ["action", "user"]
    search_fields = ["user__username", "referral__reference", "detail"]
    date_hierarchy = "at"
    list_select_related = ["user", "referral"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.conf import settings
from django.contrib import admin
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from screener.referrals.models import AccessLog, ConsentText, OutgoingEmail, Referral, ReferralEvent
from screener.referrals.sending import enqueue_delivery


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

    # What says who the patient is, or what they wrote or answered. Django lets a list be filtered by any
    # field of its own model from the query string (?name__startswith=L&message__icontains=copd), which would
    # reveal these a letter at a time without opening a referral, so without an access-log entry.
    PERSONAL_FIELDS = frozenset(
        ["name", "phone", "email", "message", "answers_snapshot", "consent_wording", "screening", "events"]
    )

    def lookup_allowed(self, lookup, value, request=None):
        """Filtering by a personal field is refused (a 400, logged by Django without the value)."""
        if lookup.split(LOOKUP_SEP)[0] in self.PERSONAL_FIELDS:
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Referral._meta.concrete_fields if f.name != "screening"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The page shows the patient's contact details: recorded like a staff member's view of them.
        if obj is not None:
            AccessLog.record(request.user, AccessLog.Action.VIEW, obj, detail="admin")
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("reference"), ordering="reference")
    def display_reference(self, referral):
        return referral.display_reference


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "referral", "detail", "address"]
    list_filter = ["action", "user"]
    search_fields = ["user__username", "referral__reference", "detail", "address"]
    date_hierarchy = "at"
    list_select_related = ["user", "referral"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, what waits for a retry, what failed (and why)."""

    list_display = ["subject", "state", "attempts", "next_attempt_at", "sent_at", "created_at"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again now (failed or waiting emails)"))
    def retry_now(self, request, queryset):
        emails = list(queryset.exclude(state__in=[OutgoingEmail.State.SENT, OutgoingEmail.State.SENDING]))
        for email in emails:
            email.state, email.next_attempt_at = OutgoingEmail.State.PENDING, timezone.now()
            email.save(update_fields=["state", "next_attempt_at"])
            enqueue_delivery(email)
        self.message_user(
            request,
            ngettext("%(count)s email queued.", "%(count)s emails queued.", len(emails)) % {"count": len(emails)},
        )

import inspect
from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from screener.second_factor import SecondFactorMixin, has_authenticator, set_up_app_first, used_backup_code


class AdminLoginForm(SecondFactorMixin, OTPAdminAuthenticationForm):
    pass


def is_stored_key(field, text: str) -> bool:
    """Could `text` (from a URL) be a value of this key field in the database? Never a NUL, a number out of the
    column's range, an id of the wrong shape or longer than the column."""
    if "\x00" in text or len(text) > 255:
        return False
    try:
        value = field.to_python(text)
    except (ValidationError, ValueError, TypeError):
        return False
    if isinstance(value, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or value >= low) and (high is None or value <= high)
    max_length = getattr(field, "max_length", None)
    return not (isinstance(value, str) and max_length and len(value) > max_length)


def ids_checked(view):
    """A model admin's view (Django's, django-otp's, django-simple-history's or ours) gets a 404, not a server
    error, for an id in the URL that no row of its model could have."""
    model = getattr(getattr(inspect.unwrap(view), "__self__", None), "model", None)
    if model is None:
        return view

    @wraps(view)
    def checked(request, *args, **kwargs):
        ids = [kwargs.get("object_id"), kwargs.get("pk"), *args[:1]]
        if any(value is not None and not is_stored_key(model._meta.pk, unquote(str(value))) for value in ids):
            raise Http404
        versions = [kwargs.get("version_id"), *args[1:2]]
        history = getattr(model, "history", None)
        version_field = history.model._meta.pk if history is not None else None
        if version_field and any(v is not None and not is_stored_key(version_field, str(v)) for v in versions):
            raise Http404
        return view(request, *args, **kwargs)

    return checked


class SecondFactorAdminSite(OTPAdminSite):
    """Django admin behind a password and a one-time code, entered together on one page.

    Its own login page: django-otp's shows a device list only once the password is right, which tells.
    Ids in admin URLs are checked before any view reads them (see `ids_checked`).
    """

    login_form = AdminLoginForm
    # The product's own name, in the reader's language, not "Django administration"
    site_header = _("Lung disease study finder: administration")
    site_title = _("Lung disease study finder admin")
    index_title = _("Trials, referrals and accounts")
    login_template = "admin/second_factor_login.html"

    index_template = "admin/screener_index.html"

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(ids_checked(view), cacheable)

        @wraps(inner)
        def app_set_up_first(request, *args, **kwargs):
            """As on the staff pages: who logged in with a backup code and has no authenticator app sets one
            up before anything else (a backup code is for a lost phone, not a way round the app)."""
            leaving = request.resolver_match is not None and request.resolver_match.url_name == "logout"
            if not leaving and used_backup_code(request) and not has_authenticator(request.user):
                return set_up_app_first(request)
            return inner(request, *args, **kwargs)

        return app_set_up_first

    # Apps of the libraries the admin index would show by their raw labels ("OTP_TOTP", "AXES"): readable names.
    APP_NAMES = {
        "axes": _("Login attempts and lockouts"),
        "otp_static": _("Backup codes"),
        "otp_totp": _("Authenticator apps"),
        "django_tasks_database": _("Background tasks"),
    }

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] in self.APP_NAMES:
                app["name"] = self.APP_NAMES[app["app_label"]]
        return apps

    def index(self, request, extra_context=None):
        """The home page says when background work failed (re-judging referrals, drafting, email), which
        otherwise only the task list would show."""
        return super().index(request, {**(extra_context or {}), "failed_tasks": failed_tasks(request)})


FAILED_TASKS_SHOWN_DAYS = 7


def failed_tasks(request) -> dict | None:
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not request.user.has_perm("django_tasks_database.view_dbtaskresult"):
        return None
    since = timezone.now() - timedelta(days=FAILED_TASKS_SHOWN_DAYS)
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, finished_at__gte=since)
    count = failed.count()
    if not count:
        return None
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist") + f"?status__exact={TaskResultStatus.FAILED}"
    return {"count": count, "days": FAILED_TASKS_SHOWN_DAYS, "url": url}

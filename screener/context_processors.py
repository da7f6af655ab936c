from django.conf import settings


def staff_session(request):
    return {
        "staff_idle_seconds": settings.STAFF_IDLE_SECONDS,
        "staff_idle_warning_seconds": settings.STAFF_IDLE_WARNING_SECONDS,
    }

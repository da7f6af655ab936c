from django.contrib import admin
from django.urls import include, path

from screener.pages import favicon
from screener.preferences.views import set_language

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("language/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("staff/", include("screener.staff.urls")),
    path("", include("screener.referrals.urls")),
    path("", include("screener.questionnaire.urls")),
]

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include("screener.staff.urls")),
    path("", include("screener.referrals.urls")),
    path("", include("screener.questionnaire.urls")),
]

from django.contrib import admin
from django.urls import include, path

from screener import views


screener_patterns = [
    path("", views.start, name="start"),
    path("studies/<str:nct_id>/", views.study, name="study"),
    path("screening/<uuid:screening_id>/", views.resume, name="resume"),
    path("screening/<uuid:screening_id>/questions/<slug:key>/", views.question, name="question"),
    path("screening/<uuid:screening_id>/check/", views.check_answers, name="check"),
    path("screening/<uuid:screening_id>/results/", views.results, name="results"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((screener_patterns, "screener"))),
]

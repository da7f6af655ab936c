from django.urls import path

from screener.questionnaire import views

app_name = "questionnaire"
urlpatterns = [
    path("", views.start, name="start"),
    path("studies/<str:nct_id>/", views.study, name="study"),
    path("places/", views.place_suggestions, name="place_suggestions"),
    path("screening/<uuid:screening_id>/where/", views.where, name="where"),
    path("screening/<uuid:screening_id>/", views.resume, name="resume"),
    path("screening/<uuid:screening_id>/questions/<slug:key>/", views.question, name="question"),
    path("screening/<uuid:screening_id>/screens/<slug:key>/", views.screen, name="screen"),
    path("screening/<uuid:screening_id>/questions/<slug:key>/work-it-out/", views.answer_helper, name="helper"),
    path("screening/<uuid:screening_id>/check/", views.check_answers, name="check"),
    path("screening/<uuid:screening_id>/results/", views.results, name="results"),
    path("screening/<uuid:screening_id>/summary/", views.summary, name="summary"),
]

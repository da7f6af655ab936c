from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from screener import referral_views, staff_views, views


screener_patterns = [
    path("", views.start, name="start"),
    path("studies/<str:nct_id>/", views.study, name="study"),
    path("screening/<uuid:screening_id>/", views.resume, name="resume"),
    path("screening/<uuid:screening_id>/questions/<slug:key>/", views.question, name="question"),
    path("screening/<uuid:screening_id>/check/", views.check_answers, name="check"),
    path("screening/<uuid:screening_id>/results/", views.results, name="results"),
    path("screening/<uuid:screening_id>/contact/<uuid:site_id>/", referral_views.refer, name="refer"),
    path("screening/<uuid:screening_id>/requests/<uuid:referral_id>/", referral_views.referral_sent, name="referral_sent"),
    path("request/", referral_views.request_status, name="request_status"),
    path("request/withdraw/", referral_views.withdraw, name="withdraw"),
]

staff_patterns = [
    path("", RedirectView.as_view(pattern_name="staff:list"), name="home"),
    path("login/", staff_views.StaffLoginView.as_view(), name="login"),
    path("logout/", staff_views.logout, name="logout"),
    path("keepalive/", staff_views.keepalive, name="keepalive"),
    path("referrals/", staff_views.referral_list, name="list"),
    path("referrals/export.csv", staff_views.export, name="export"),
    path("referrals/<uuid:referral_id>/", staff_views.referral_detail, name="detail"),
    path("referrals/<uuid:referral_id>/status/", staff_views.change_status, name="status"),
    path("referrals/<uuid:referral_id>/note/", staff_views.add_note, name="note"),
    path("referrals/<uuid:referral_id>/answers/<slug:key>/", staff_views.check_answer, name="check_answer"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include((staff_patterns, "staff"))),
    path("", include((screener_patterns, "screener"))),
]

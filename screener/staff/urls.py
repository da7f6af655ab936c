from django.urls import path
from django.views.generic import RedirectView

from screener.staff import views

app_name = "staff"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="staff:list"), name="home"),
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("authenticator/", views.authenticator, name="authenticator"),
    path("profile/", views.profile, name="profile"),
    path("keepalive/", views.keepalive, name="keepalive"),
    path("referrals/", views.referral_list, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("referrals/export.csv", views.export, name="export"),
    path("referrals/<uuid:referral_id>/", views.referral_detail, name="detail"),
    path("referrals/<uuid:referral_id>/status/", views.change_status, name="status"),
    path("referrals/<uuid:referral_id>/note/", views.add_note, name="note"),
    path("referrals/<uuid:referral_id>/answers/<slug:key>/", views.check_answer, name="check_answer"),
]

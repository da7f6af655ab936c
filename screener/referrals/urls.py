from django.urls import path

from screener.referrals import views

app_name = "referrals"
urlpatterns = [
    path("screening/<uuid:screening_id>/contact/<uuid:site_id>/", views.refer, name="refer"),
    path("screening/<uuid:screening_id>/requests/<uuid:referral_id>/", views.referral_sent, name="sent"),
    path("request/", views.request_status, name="request_status"),
    path("request/withdraw/", views.withdraw, name="withdraw"),
]

from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from screener.second_factor import SecondFactorMixin


class AdminLoginForm(SecondFactorMixin, OTPAdminAuthenticationForm):
    pass


class SecondFactorAdminSite(OTPAdminSite):
    """Django admin behind a password and a one-time code, entered together on one page."""

    login_form = AdminLoginForm

from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from screener.second_factor import SecondFactorMixin


class AdminLoginForm(SecondFactorMixin, OTPAdminAuthenticationForm):
    pass


class SecondFactorAdminSite(OTPAdminSite):
    """Django admin behind a password and a one-time code, entered together on one page.

    Its own login page: django-otp's shows a device list only once the password is right, which tells.
    """

    login_form = AdminLoginForm
    login_template = "admin/second_factor_login.html"

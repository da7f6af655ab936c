"""
WSGI config for screener project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")

application = get_wsgi_application()

# Each worker loads the catalogue in the background as it starts and keeps it current (trials.catalogue).
from trials import catalogue  # noqa: E402

catalogue.start_keeper()

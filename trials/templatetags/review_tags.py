"""The admin's review page shows the registry's words as patients and staff read them (`readable`)."""

from django import template

from trials.registry.extraction.text import readable

register = template.Library()

register.filter("readable", readable)

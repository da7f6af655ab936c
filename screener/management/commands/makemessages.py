"""Django's makemessages, without msgmerge's fuzzy matching: a guessed translation ("Phase 1" given the
Chinese for "Phase") would be marked fuzzy and silently left out of the catalogue."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

"""The Simplified Chinese message catalogue: complete, consistent with its compiled form, placeholders intact."""

import re
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from screener.management.commands.compile_translations import stale

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{\w+\}")


def test_the_committed_mo_is_what_the_po_compiles_to():
    assert stale(PO) == []
    call_command("compile_translations", "--check", stdout=open("/dev/null", "w"))


def test_a_stale_mo_is_caught(tmp_path):
    po = polib.pofile(str(PO))
    po.save(str(tmp_path / "django.po"))
    po.save_as_mofile(str(tmp_path / "django.mo"))
    assert stale(tmp_path / "django.po") == []
    po[0].msgstr += "!"
    po.save(str(tmp_path / "django.po"))
    assert stale(tmp_path / "django.po") == [f"differs: {po[0].msgid!r}"]


def test_check_fails_when_a_catalogue_is_stale(settings, tmp_path):
    (tmp_path / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)
    polib.pofile(str(PO)).save(str(tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    settings.LOCALE_PATHS = [tmp_path]
    with pytest.raises(CommandError, match="missing"):
        call_command("compile_translations", "--check", stdout=open("/dev/null", "w"))


def test_every_message_has_a_chinese_translation():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_every_translation_keeps_the_placeholders_of_its_message():
    mismatched = []
    for entry in polib.pofile(str(PO)):
        source = entry.msgid_plural or entry.msgid
        target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(target))):
            mismatched.append(entry.msgid)
    assert mismatched == []


def test_django_reads_the_catalogue():
    with translation.override("zh-hans"):
        assert translation.gettext("I don’t know") == "我不知道"
        assert translation.pgettext("a distance", "%(number)s m") % {"number": "350"} == "350米"

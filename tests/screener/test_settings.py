"""Settings are read from the environment and are safe by default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_value(expression: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "SQLITE_PATH")}
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "screener.settings", **env},
    )


def test_debug_is_off_unless_asked_for():
    assert settings_value("settings.DEBUG", SECRET_KEY="x").stdout.strip() == "False"
    assert settings_value("settings.DEBUG", DEBUG="1").stdout.strip() == "True"


def test_a_secret_key_is_required_when_debug_is_off():
    result = settings_value("settings.SECRET_KEY")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_sqlite_is_the_default_and_database_url_selects_postgresql():
    sqlite = settings_value("settings.DATABASES['default']['ENGINE']", SECRET_KEY="x")
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3"
    pg = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        SECRET_KEY="x",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
    )
    assert pg.stdout.strip() == "django.db.backends.postgresql test"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    path = tmp_path / "db.sqlite3"
    expression = (
        "(lambda c: (c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0]))"
        "(__import__('django.db', fromlist=['connection']).connection.cursor())"
    )
    result = settings_value(expression, SECRET_KEY="x", SQLITE_PATH=str(path))
    assert result.stdout.strip() == "('wal', 20000)", result.stderr


def test_a_sqlite_database_url_gets_wal_immediate_transactions_and_the_busy_timeout(tmp_path):
    expression = (
        "(lambda c: (c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0]))"
        "(__import__('django.db', fromlist=['connection']).connection.cursor()),"
        " settings.DATABASES['default']['OPTIONS']['transaction_mode']"
    )
    result = settings_value(expression, SECRET_KEY="x", DATABASE_URL=f"sqlite:///{tmp_path / 'named.sqlite3'}")
    assert result.stdout.strip() == "('wal', 20000) IMMEDIATE", result.stderr


def test_management_commands_print_no_lockout_banner():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "AXES" not in result.stdout + result.stderr

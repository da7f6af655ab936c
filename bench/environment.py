"""The environment every benchmark measures in: a throwaway SQLite database in a temporary folder, settings
read from the environment as in production (no DEBUG), and quiet logs. One place, so the benchmarks agree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def throwaway(folder: Path | str, **extra: str) -> dict[str, str]:
    """This process's environment with a SQLite database in `folder` and production-like settings."""
    folder = Path(folder)
    env = {
        **os.environ,
        "SQLITE_PATH": str(folder / "bench.sqlite3"),
        "SECRET_KEY": "benchmark-only",
        "DEBUG": "",
        "DATABASE_URL": "",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "WARNING",
        # No collectstatic: static URLs come from the finders, as in the tests.
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "STATIC_ROOT": str(folder),
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def measure_in_fresh_process(module: str, arguments: str, folder: Path | str, **extra: str) -> None:
    """Runs `module.measure(arguments)` in a new process with the throwaway environment (a fresh database and
    a fresh in-process catalogue each time)."""
    code = f"from {module} import measure; measure({arguments})"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=throwaway(folder, **extra), check=True)


def dont_know(page: str) -> dict:
    """What a browser posts for "I don't know" on a question's page: its tick under a number's box, else a list's
    last choice (the same control for every kind of question)."""
    return {"dont_know": "on"} if 'name="dont_know"' in page else {"answer": "dont_know"}

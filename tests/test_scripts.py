"""The benchmark and the load test still run end to end (tiny sizes; their figures are not judged here)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each starts a process of its own (some a gunicorn): minutes in all, so they stay out of the fast loop.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    # As from a shell: nothing the test run itself sets up.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "STATICFILES_BACKEND", "SECRET_KEY")
    }
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_the_benchmark_drives_screenings_and_prints_its_figures():
    result = run("bench.benchmark_questionnaire", "--sizes", "20", "--screenings", "2")
    assert result.returncode == 0, result.stderr
    for words in ("every step (htmx)", "every step (no JS)", "minimal view", "step / minimal view (htmx): p50"):
        assert words in result.stdout


def test_the_export_benchmark_streams_every_referral_and_prints_its_time():
    result = run("bench.benchmark_export", "--referrals", "50", "--runs", "1")
    assert result.returncode == 0, result.stderr
    assert "export of 50 referrals:" in result.stdout and " s (median " in result.stdout


def test_the_load_test_refers_patients_through_gunicorn_exactly_once():
    result = run("bench.load_test", "--patients", "4", "--concurrency", "2", "--databases", "sqlite")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "server errors: 0; 'database is locked': 0; failed flows: 0" in result.stdout
    assert "each exactly once: True" in result.stdout


def test_the_scale_benchmark_prints_every_figure_of_its_table():
    result = run(
        "bench.benchmark_scale", "--sizes", "300", "--patients", "1", "--concurrency", "2", "--seconds", "4",
        "--workers", "2",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for words in (
        "snapshot load in a fresh process",
        "a full garbage collection after the load",
        "first request after gunicorn starts",
        "worker memory once warm",
        "every step (one at a time)",
        "start page /?place=Lyon",
        "old rule still served after the edit",
        "0 errors",
    ):
        assert words in result.stdout


def test_the_import_benchmark_imports_a_zip_twice():
    result = run("bench.benchmark_import", "--studies", "20")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "20 created, 0 updated, 0 unchanged, 0 refused" in result.stdout
    assert "0 created, 0 updated, 20 unchanged, 0 refused" in result.stdout


def test_the_hostile_import_benchmark_refuses_every_bomb_and_prints_its_peaks():
    result = run("bench.bench_hostile_import", "--bomb-gb", "0.05", "--big-mb", "20", "--studies-in-one-file", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("more than 16 MB once unpacked; not read further") == 2  # bzip2, and the 20 MB file
    assert "3 real studies in one file" in result.stdout and "resident before the command" in result.stdout


def test_the_hostile_drafting_benchmark_times_a_patient_s_answers_while_a_study_is_drafted():
    result = run("bench.bench_hostile_drafting", "--chars", "2000")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "drafting: 1 study in" in result.stdout and " 0 failed" in result.stdout
    assert "longest wait" in result.stdout


def test_the_sync_benchmark_runs_against_its_fake_registry_and_prints_every_run():
    result = run(
        "bench.bench_sync", "--studies", "20", "--status-changes", "3", "--text-changes", "2", "--changed", "4"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "20 fetched, 20 created, 0 updated, 0 unchanged, 0 closed, 0 refused; 1 requests made" in result.stdout
    assert "20 fetched, 0 created, 0 updated, 20 unchanged" in result.stdout
    assert "20 fetched, 0 created, 5 updated, 15 unchanged, 3 closed, 0 refused; 2 requests made" in result.stdout
    assert "4 studies changed" in result.stdout


def test_the_extraction_benchmark_times_every_hostile_input_the_tests_read():
    result = run("bench.bench_extraction", "--only-tests")
    assert result.returncode == 0, result.stderr
    for test in (
        "test_a_huge_clause_with_no_breaks_is_read",
        "test_the_tenth_rounds_time_readings_never_raise_on_a_megabyte [washout-rows]",
        "test_hostile_lines_of_bars_digits_and_row_numbers_are_cut_into_few_clauses [row numbers]",
        "test_organ_lists_on_hostile_text_never_raise [negated lists]",
    ):
        assert test in result.stdout
    assert result.stdout.count(" s, CPU ") == 31

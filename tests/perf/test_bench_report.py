"""Where `make bench` writes its report (the benchmark itself never runs in the tests)."""

import argparse
import datetime
import importlib

import pytest


@pytest.fixture
def bench(monkeypatch, tmp_path):
    monkeypatch.setenv("BENCH_REDIS_URL", "")  # importing the runner must not look for Redis
    report = importlib.import_module("benchmarks.report")
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    monkeypatch.setattr(report, "_REPORT_PATHS", {})
    return report


def _args(**kwargs):
    return argparse.Namespace(output=kwargs.get("output"), bulk_only=kwargs.get("bulk_only", False))


def test_a_second_run_the_same_day_keeps_the_first_report(bench, tmp_path):
    today = f"{datetime.date.today():%Y-%m-%d}"
    first = tmp_path / f"{today}-postgresql.md"
    first.write_text("first run")

    path = bench.report_path(_args(), "postgresql")

    assert path == tmp_path / f"{today}-postgresql-2.md"
    assert bench.report_path(_args(), "postgresql") == path  # partial and final reports of one run: the same file
    assert first.read_text() == "first run"


def test_the_first_report_of_the_day_and_an_explicit_output(bench, tmp_path):
    today = f"{datetime.date.today():%Y-%m-%d}"
    assert bench.report_path(_args(bulk_only=True), "sqlite") == tmp_path / f"{today}-sqlite-bulk.md"
    assert bench.report_path(_args(output=str(tmp_path / "x.md")), "sqlite") == tmp_path / "x.md"

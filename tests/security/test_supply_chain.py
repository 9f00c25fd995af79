"""Supply chain: every requirement is pinned to one exact version, so every install gets the audited packages."""

import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9.+!-]+$")


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_pinned(name):
    lines = [line.split("#", 1)[0].strip() for line in (BASE_DIR / name).read_text(encoding="utf-8").splitlines()]
    requirements = [line for line in lines if line and not line.startswith("-r ")]
    assert requirements
    assert [line for line in requirements if not PINNED.match(line)] == []


def test_ci_runs_the_supply_chain_checks():
    ci = (BASE_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip-audit --local" in ci
    assert "bandit -q -r core alliance_portal members events awards dashboard" in ci

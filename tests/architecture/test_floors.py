"""The floors of docs/architecture.md hold: lint-imports passes on the portal and fails when a lower app imports a
higher one, at the top of a module or inside a function."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ["core", "members", "events", "awards", "dashboard", "alliance_portal"]


def lint_imports(project):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def project_copy(tmp_path):
    """The portal's Python packages and pyproject.toml, copied so that a test can break them."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_portal_keeps_its_floors():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("members/models.py", "from awards.models import Honour  # noqa\n"),
        ("core/text.py", "import members.models  # noqa\n"),
        ("events/views.py", "def reach_up():\n    from dashboard import views  # noqa\n"),
    ],
)
def test_a_lower_floor_importing_a_higher_one_is_refused(project_copy, module, line):
    with open(project_copy / module, "a", encoding="utf-8") as f:
        f.write("\n" + line)
    result = lint_imports(project_copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout

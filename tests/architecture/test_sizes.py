"""Every module of the portal is short and says what it holds; every function fits on a screen (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["core", "alliance_portal", "members", "events", "awards", "dashboard", "benchmarks"]
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def portal_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def functions(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_there_are_modules_to_check():
    assert len(list(portal_modules())) > 50


@pytest.mark.parametrize("path", portal_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_module_is_short_and_opens_with_what_it_holds(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path.name} is longer than {MAX_MODULE_LINES} lines"
    tree = ast.parse(source)
    if path.name == "__init__.py" and not source.strip():
        return
    docstring = ast.get_docstring(tree)
    assert docstring, f"{path.name} does not open with a line that says what it holds"


@pytest.mark.parametrize("path", portal_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_function_is_longer_than_a_screen(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} (line {node.lineno}, {node.end_lineno - node.lineno + 1} lines)"
        for node in functions(tree)
        if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {', '.join(long)}"

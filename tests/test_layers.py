"""Layers point one way: a lower app never imports a higher one, and no import hides
inside a function to get round a cycle (only `AppConfig.ready()` imports late, to
register)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "casereviews"


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, whether at module level) for every `casereviews` import."""
    tree = ast.parse(path.read_text(), str(path))
    top = {id(node) for node in tree.body}
    guarded: set[int] = set()  # imports under `if TYPE_CHECKING:` are for the type checker only
    for statement in tree.body:
        if isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.unparse(statement.test):
            guarded.update(id(child) for child in ast.walk(statement))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            if name.startswith("casereviews"):
                found.append((name, id(node) in top or id(node) in guarded))
    return found


def _modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


def test_no_function_imports_part_of_the_service_except_to_register() -> None:
    hidden = [
        f"{path.relative_to(PACKAGE)} imports {module} inside a function"
        for path in _modules()
        if path.name not in {"apps.py", "settings.py"}
        for module, at_top in _imports(path)
        if not at_top
    ]
    assert hidden == []


# An app and the apps above it, which it must never import.
ABOVE = {
    "boards": [
        "notifications",
        "assessments",
        "decisions",
        "involvement",
        "communications",
        "single_agency",
        "reviews",
        "workflow",
        "learning",
        "demo",
        "api",
    ],
    "notifications/models.py": [
        "workflow",
        "decisions",
        "involvement",
        "communications",
        "single_agency",
        "reviews",
        "assessments",
        "learning",
        "api",
        "demo",
    ],
    "workflow": [
        "decisions",
        "involvement",
        "communications",
        "single_agency",
        "reviews",
        "assessments",
        "learning",
        "api",
        "administration",
        "demo",
    ],
    # The step kit sits just below the workflow, so the workflow's own pages and every
    # records app build on it (docs/adr/0028-the-step-kit.md).
    "kit": [
        "workflow",
        "decisions",
        "involvement",
        "communications",
        "single_agency",
        "reviews",
        "assessments",
        "deadlines",
        "learning",
        "api",
        "administration",
        "demo",
    ],
    # The review reads the decisions and the agencies' answers; they never read it.
    "decisions": ["reviews", "learning"],
    "involvement": ["reviews", "learning"],
    "reviews": ["api", "administration", "demo", "learning"],
    # Search, the lessons library and the figures read the records of the apps below
    # them; none of those reads them back.
    "assessments": ["learning"],
    "deadlines": ["learning"],
    "learning": ["api", "demo", "administration"],
    "criteria": ["*"],
    "frameworks": ["*"],
}


@pytest.mark.parametrize("lower", sorted(ABOVE))
def test_a_lower_layer_imports_nothing_above_it(lower: str) -> None:
    target = PACKAGE / lower
    paths = [target] if target.suffix == ".py" else list(target.rglob("*.py"))
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in paths
        for module, _ in _imports(path)
        if module.split(".")[1] != lower.split("/")[0]
        and ("*" in ABOVE[lower] or module.split(".")[1] in ABOVE[lower])
    ]
    assert wrong == []


def test_nothing_but_the_demo_app_imports_the_demo_data() -> None:
    importers = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if "demo" not in path.relative_to(PACKAGE).parts[:1]
        for module, _ in _imports(path)
        if module.startswith("casereviews.demo")
    ]
    assert importers == []

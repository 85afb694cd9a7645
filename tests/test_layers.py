"""No import hides inside a function to get round a cycle (only `AppConfig.ready()`
imports late, to register). The layer order itself is import-linter's contract in
pyproject.toml (docs/adr/0037-layers-as-import-contracts.md), run by `make lint`."""

from __future__ import annotations

import ast
from pathlib import Path

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

"""DESIGN.md's layers: nothing below app/ui imports Qt, models import nothing above them."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            prefix = "app." if node.level and path.parent.name == "models" else ""
            names.add(prefix + node.module if node.level == 0 else node.module)
    return names


def test_no_qt_below_the_ui() -> None:
    offenders = [
        str(p.relative_to(APP))
        for p in APP.rglob("*.py")
        if "ui" not in p.relative_to(APP).parts[:1]
        and any(
            n.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} for n in imports_of(p)
        )
    ]
    assert offenders == []


def test_lower_layers_do_not_import_upper_ones() -> None:
    rules = {
        "models": ("app.services", "app.reports", "app.ui"),
        "services": ("app.ui",),
        "reports": ("app.ui",),
    }
    offenders = []
    for package, banned in rules.items():
        for p in (APP / package).rglob("*.py"):
            if any(n.startswith(banned) for n in imports_of(p)):
                offenders.append(str(p.relative_to(APP)))
    assert offenders == []

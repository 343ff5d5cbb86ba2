"""Export a table to .xlsx or .csv from the window: ask where, run ``services.exports``
in a worker with progress and Cancel, and say what was written. Shared by the pages that
export their view (tasks, pipeline) and File ▸ Export data…; sheet names and headers are
in the interface language (the service's English titles translated in context
"ExportColumns")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.db import Database
from app.services import exports
from app.services.users import UserInfo

from .labels import label
from .operations import Operation


def _tr(text: str) -> str:
    return QCoreApplication.translate("TableExport", text)


def table_names() -> dict[str, str]:
    return {
        "customers": _tr("Customers"),
        "contacts": _tr("Contact persons"),
        "vehicles": _tr("Vehicles"),
        "activities": _tr("Activities"),
        "orders": _tr("Orders"),
        "payments": _tr("Payments"),
        "deals": _tr("Deals"),
        "tasks": _tr("Tasks"),
        "cases": _tr("Complaint cases"),
        "products": _tr("Products"),
    }


def column_titles(what: str) -> dict[str, str]:
    return {
        col.key: QCoreApplication.translate("ExportColumns", col.header)
        for col in exports.columns_for(what)
    }


def ask_path(parent: QWidget, title: str, stem: str) -> str | None:
    """A save dialog for .xlsx (default) or .csv; None when the person cancels."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, stem + ".xlsx", _tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)")
    )
    if not path:
        return None
    if Path(path).suffix.lower() not in (".xlsx", ".csv"):
        path += ".csv" if "*.csv" in chosen else ".xlsx"
    return path


def start(
    parent: QWidget,
    db: Database,
    user: UserInfo | None,
    request: exports.ExportRequest,
    path: str,
    *,
    done: Callable[[exports.ExportResult], None] | None = None,
) -> Operation:
    """Run the export off the UI thread; on success ``done`` (default: a short note)."""
    headers = column_titles(request.what)
    sheet = table_names().get(request.what, request.what)
    user_id = user.id if user else None

    def work(progress: Any) -> exports.ExportResult:
        return exports.export(
            db,
            user_id,
            request,
            path,
            headers=headers,
            sheet=sheet,
            translate=label,
            progress=progress,
            cancelled=lambda: progress.cancelled,
        )

    return (
        Operation(parent, work, writes=False)
        .with_progress(_tr("Exporting %1…").replace("%1", sheet.lower()))
        .success(done or (lambda result: show_done(parent, result)))
        .run()
    )


def show_done(parent: QWidget, result: exports.ExportResult) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("exportDoneBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_tr("Export"))
    box.setText(
        QCoreApplication.translate(
            "TableExport", "%n row(s) exported to %1", "", result.rows
        ).replace("%1", str(result.path))
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box

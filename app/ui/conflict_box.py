"""The one question a form asks when another PC saved the same record first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

RELOAD, KEEP_MINE, CANCEL = "reload", "keep_mine", "cancel"


def _t(text: str) -> str:
    return QCoreApplication.translate("ConflictBox", text)


def conflict_box(parent: QWidget, text: str) -> QMessageBox:
    """``text`` names the record ("Someone else saved this customer meanwhile.")."""
    box = QMessageBox(parent)
    box.setObjectName("conflictBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_t("Saved elsewhere"))
    box.setText(text)
    box.setInformativeText(
        _t(
            "Reload theirs: show their version; your changes are discarded.\n"
            "Keep mine: save your version over theirs."
        )
    )
    reload = box.addButton(_t("Reload theirs"), QMessageBox.ButtonRole.DestructiveRole)
    reload.setObjectName("reloadButton")
    keep = box.addButton(_t("Keep mine"), QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keepMineButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("cancelButton")
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    return box


def answer(box: QMessageBox) -> str:
    """Show ``box`` and return RELOAD, KEEP_MINE or CANCEL."""
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    box.deleteLater()
    return {"reloadButton": RELOAD, "keepMineButton": KEEP_MINE}.get(name, CANCEL)

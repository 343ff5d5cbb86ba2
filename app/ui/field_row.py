"""A form row whose field has its error line under it, hidden until a save names the
field: the forms mark the bad field in place instead of a message box."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget


def add_field_row(
    form: QFormLayout, parent: QWidget, key: str, text: str, field: QWidget | QLayout
) -> QLabel:
    """Add ``text: field`` to ``form``; returns the (hidden) error label, named
    ``<key>Error`` for tests."""
    error = QLabel(parent)
    error.setProperty("fieldError", True)
    error.setObjectName(f"{key}Error")
    error.setWordWrap(True)
    error.hide()
    cell = QVBoxLayout()
    cell.setSpacing(2)
    if isinstance(field, QWidget):
        cell.addWidget(field)
    else:
        cell.addLayout(field)
    cell.addWidget(error)
    form.addRow(text, cell)
    return error

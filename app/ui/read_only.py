"""Showing a form to someone who may only read it (a viewer): its fields stay legible
and selectable, but nothing in it can be changed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def set_read_only(root: QWidget, read_only: bool) -> None:
    """Text fields, numbers and dates of ``root`` become read-only; choices, ticks and
    buttons are disabled (both back again with ``read_only`` False)."""
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
            w.setReadOnly(read_only)
        elif isinstance(w, QComboBox | QAbstractButton):
            w.setEnabled(not read_only)

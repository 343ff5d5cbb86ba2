"""The progress window an operation shows when it lasts longer than half a second.

A small window-modal QDialog rather than QProgressDialog: a modal QProgressDialog calls
``processEvents()`` from ``setValue()``, and nothing in this program may do that.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ProgressDialog(QDialog):
    """Label, bar and (when the work can stop) Cancel. Shown with ``show()``, never
    ``exec()``; the operation that owns it closes it with ``finish()``."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None, label: str, *, cancellable: bool) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(self.tr("Clientela"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, cancellable)
        self.setMinimumWidth(380)
        self._cancellable = cancellable
        self._finishing = False

        self.label = QLabel(label, self)
        self.label.setObjectName("progressLabel")
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progressBar")
        self.bar.setRange(0, 0)  # busy until a total is known
        self.bar.setTextVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.cancel_button: QPushButton | None = None
        if cancellable:
            buttons = QDialogButtonBox(self)
            self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.cancel_button.setObjectName("progressCancel")
            self.cancel_button.clicked.connect(self.reject)
            layout.addWidget(buttons)

    def set_progress(self, done: int, total: int, text: str | None = None) -> None:
        if total > 0:
            self.bar.setTextVisible(True)
            if self.bar.maximum() != total:
                self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
            self.bar.setTextVisible(False)
        if text:
            self.label.setText(text)

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def reject(self) -> None:
        """Esc, the close button and Cancel ask the work to stop; the dialog stays until
        the work has stopped."""
        if not self._cancellable or self._finishing:
            return
        if self.cancel_button is not None and self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))
            self.cancelRequested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finishing:
            event.accept()
            return
        event.ignore()
        self.reject()

    def finish(self) -> None:
        self._finishing = True
        self.close()
        self.deleteLater()

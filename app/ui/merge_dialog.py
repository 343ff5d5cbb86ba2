"""Choose which of two customer files stays when they are merged."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class MergeDialog(QDialog):
    """Two files, one kept: everything of the other moves to it and the other is hidden."""

    def __init__(
        self, first: tuple[int, str, str], second: tuple[int, str, str], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge customers"))
        self._ids = (first[0], second[0])
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Everything of the other file — people, vehicles, activities, orders, "
                "payments, deals and tasks — moves to the file you keep. Which one stays?"
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.keep_first = QRadioButton(f"{first[1]}  {first[2]}", self)
        self.keep_first.setObjectName("keepFirst")
        self.keep_second = QRadioButton(f"{second[1]}  {second[2]}", self)
        self.keep_second.setObjectName("keepSecond")
        self.keep_first.setChecked(True)
        layout.addWidget(self.keep_first)
        layout.addWidget(self.keep_second)
        buttons = QDialogButtonBox(self)
        merge = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setObjectName("mergeButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[int, int]:
        """(kept, merged into it)."""
        a, b = self._ids
        return (a, b) if self.keep_first.isChecked() else (b, a)

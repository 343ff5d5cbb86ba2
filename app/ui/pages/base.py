"""What every page of the main window has: a name, a title and room for its content.

Pages that later work fills show their title and one placeholder line until then.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.db import Database
from app.services.users import UserInfo


class Page(QWidget):
    """A page of the main window. ``name`` is stable (settings, ``switch_to_page``);
    ``title()`` is what the navigation shows."""

    name = ""
    openCustomer = Signal(int)
    """Ask the window to open this customer's file."""
    openDeal = Signal(int)
    """Ask the window to open this deal's form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{self.name}")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(28, 20, 28, 20)
        self.layout_.setSpacing(8)
        self.heading = QLabel(self.title(), self)
        self.heading.setObjectName("pageTitle")
        self.layout_.addWidget(self.heading)

    def title(self) -> str:
        raise NotImplementedError

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        """The window opened another database or another user signed in."""
        self.db = db
        self.user = user
        for widget in self.write_controls():
            widget.setVisible(self.may_write)

    @property
    def may_write(self) -> bool:
        """The signed-in user may change data (not a viewer)."""
        return self.user is None or self.user.may_write

    def write_controls(self) -> list[QWidget]:
        """The page's buttons that change data: hidden for a user who may not write.
        Their slots (and shortcuts) check ``may_write`` too."""
        return []

    def data_changed(self) -> None:
        """Someone saved something (another PC, or another window of this one): a page
        on screen reads its data again now, the others when they are next shown."""
        if self.isVisible():
            self.refresh_data()
        else:
            self._data_stale = True

    def refresh_data(self) -> None:
        """Read what the page shows again, keeping filters and selection (pages that show
        data override this)."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_data_stale", False):
            self._data_stale = False
            self.refresh_data()


class PlaceholderPage(Page):
    """A page whose content arrives with later work: its title and one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder_label = QLabel(self.placeholder(), self)
        self.placeholder_label.setObjectName("pagePlaceholder")
        self.placeholder_label.setWordWrap(True)
        self.placeholder_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.layout_.addWidget(self.placeholder_label)
        self.layout_.addStretch(1)

    def placeholder(self) -> str:
        raise NotImplementedError

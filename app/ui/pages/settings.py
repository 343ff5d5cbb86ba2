"""Settings: the pipeline's stages and the reminder rules; users, pipelines and
preferences later."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from app.db import Database
from app.services.users import UserInfo

from ..audit_view import AuditView
from ..credit_settings import CreditSettingsTab
from ..database_settings import DatabaseSettingsTab
from ..loyalty_settings import LoyaltySettingsTab
from ..office_settings import OfficeSettingsTab
from ..privacy_notice import PrivacyNoticeTab
from ..reminder_settings import ReminderSettingsTab
from ..stage_settings import StageSettings
from ..user_settings import UserSettingsTab
from .base import Page
from .products import ProductsWidget


class SettingsPage(Page):
    name = "settings"
    stagesChanged = Signal()
    """The pipeline's stages were changed here (the board reloads)."""
    openDatabaseRequested = Signal(str)
    """Open this database (a server address) in the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setDocumentMode(True)
        self.stage_settings = StageSettings(self.tabs)
        self.stage_settings.stagesChanged.connect(self.stagesChanged)
        self.tabs.addTab(self.stage_settings, self.tr("Pipeline stages"))
        self.reminder_settings = ReminderSettingsTab(self.tabs)
        self.tabs.addTab(self.reminder_settings, self.tr("Reminders"))
        self.loyalty_settings = LoyaltySettingsTab(self.tabs)
        self.tabs.addTab(self.loyalty_settings, self.tr("Service and loyalty"))
        self.product_settings = ProductsWidget(self.tabs)  # the Products page's own
        self.product_settings.layout().setContentsMargins(0, 8, 0, 0)
        self.tabs.addTab(self.product_settings, self.tr("Products"))
        self.credit_settings = CreditSettingsTab(self.tabs)
        self.tabs.addTab(self.credit_settings, self.tr("Credit"))
        self.office_settings = OfficeSettingsTab(self.tabs)
        self.tabs.addTab(self.office_settings, self.tr("Office and language"))
        self.user_settings = UserSettingsTab(self.tabs)
        self.tabs.addTab(self.user_settings, self.tr("Users"))
        self.audit_view = AuditView(self.tabs)
        self.tabs.addTab(self.audit_view, self.tr("Audit log"))
        self.database_settings = DatabaseSettingsTab(self.tabs)
        self.database_settings.openRequested.connect(self.openDatabaseRequested)
        self.tabs.addTab(self.database_settings, self.tr("Database and backups"))
        self.privacy_notice = PrivacyNoticeTab(self.tabs)
        self.tabs.addTab(self.privacy_notice, self.tr("Privacy"))
        self.layout_.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("Settings")

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        super().set_context(db, user)
        self.stage_settings.set_context(db, user)
        self.reminder_settings.set_context(db, user)
        self.loyalty_settings.set_context(db, user)
        self.product_settings.set_context(db, user)
        self.credit_settings.set_context(db, user)
        self.office_settings.set_context(db, user)
        self.user_settings.set_context(db, user)
        self.audit_view.set_context(db, user)
        self.database_settings.set_context(db, user)
        self.privacy_notice.set_context(db, user)

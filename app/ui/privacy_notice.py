"""Settings ▸ Privacy: a short notice of what Clientela stores about customers, where it
is kept, who sees it and what a customer may ask (a copy, erasure, opting out), with
this office's own database, backup and log locations."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app import paths
from app.db import Database
from app.services.users import UserInfo

from .operations import Operation


class PrivacyNoticeTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyNotice")
        self.db: Database | None = None
        self.backups: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.text = QTextBrowser(self)
        self.text.setObjectName("privacyText")
        self.text.setOpenLinks(False)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        self._show()

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db = db
        self.backups = None
        self._show()
        if db is not None and db.path is not None:
            from app.services import backup

            Operation(self, lambda _p: backup.backup_folder(db), writes=False).success(
                self._backups_read
            ).run()

    def _backups_read(self, folder: Any) -> None:
        self.backups = Path(folder) if folder else None
        self._show()

    def _where(self) -> str:
        db = self.db
        if db is None:
            return self.tr("No database is open.")
        if db.path is None:
            place = self.tr("on the database server %1").replace("%1", db.location)
        else:
            place = self.tr("in the database file %1").replace("%1", db.location)
        return place

    def _show(self) -> None:
        db = self.db
        backups = (
            str(self.backups)
            if self.backups is not None
            else self.tr("the backup folder chosen under Database and backups")
        )
        paragraphs = [
            (
                self.tr("What is stored"),
                self.tr(
                    "Customer files: names, phones, emails, addresses, birthdays, identity "
                    "and bank numbers, personal and company details, contact persons and "
                    "vehicles; every call, visit and note; orders, returns, payments, "
                    "contracts, deals, tasks, complaints, loyalty points and campaign "
                    "responses; consent to be contacted per channel with its history; and "
                    "an audit log of who changed what and when."
                ),
            ),
            (
                self.tr("Where"),
                self.tr(
                    "Everything is kept %1. Copies of the database file go to %2 (daily "
                    "backups). Logs in %3 record errors and never personal data. Nothing is "
                    "sent anywhere else."
                )
                .replace("%1", self._where() if db is not None else self.tr("in the database"))
                .replace("%2", backups)
                .replace("%3", str(paths.log_dir())),
            ),
            (
                self.tr("Who sees it and why"),
                self.tr(
                    "The office's users, to serve the customer: salespeople see their own "
                    "customers and those shared with them, managers and administrators see "
                    "all. It is not shared outside the office without the customer's "
                    "permission."
                ),
            ),
            (
                self.tr("The customer's choices"),
                self.tr(
                    "A customer may withdraw consent to phone, SMS, email or post at any "
                    "time (invitations then leave them out), ask for a copy of everything "
                    "held about them, have their data corrected, or have it erased. In the "
                    "customer file, Privacy ▸ Export everything… and Erase this person… do "
                    "the last two (managers and administrators; both are in the audit log)."
                ),
            ),
            (
                self.tr("How it is protected"),
                self.tr(
                    "Users sign in and see only what their role allows; the database and "
                    "its backups should sit on a drive only the office can reach."
                ),
            ),
        ]
        body = "".join(
            f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>" for title, text in paragraphs
        )
        self.text.setHtml(body)

"""The customer file window: the 360° view of one customer, and the form that creates
and edits it.

``CustomerForm(db, user, customer_id=None, parent=None, region=None)`` (phones without a
prefix belong to ``region``, by default the office's country) is a top-level
window; ``customer_id=None`` makes a new customer. It loads in a read operation and saves
in a write operation; the UI thread never queries.

- Signals: ``saved(int)`` after every save (the customer id), ``openCustomer(int)`` when
  the person chose "Open that one" among possible duplicates (the opener shows that
  file; this window closes), ``loaded(int)`` whenever loaded data was shown.
- Questions go through hook methods that tests replace: ``_ask_unsaved()`` → SAVE,
  DISCARD or CANCEL; ``_ask_conflict()`` → RELOAD, KEEP_MINE or CANCEL;
  ``_ask_duplicates(dups)`` → (OPEN, id), (CREATE_ANYWAY, None) or (CANCEL, None).
- Keys: Ctrl+S saves, Esc closes (asking when there are unsaved changes), Ctrl+L then
  C, V, N, K, P or S logs a call, visit, note, complaint, praise or suggestion.

The window does not delete itself on close; an opener that keeps no reference sets
``Qt.WA_DeleteOnClose``.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError, ConflictError, ValidationError
from app.models.enums import ActivityKind
from app.services import activities, customer_file, customers, duplicates
from app.services.customer_file import CustomerFile
from app.services.customers import CustomerData, Saved
from app.services.duplicates import Duplicate
from app.services.users import UserInfo

from . import conflict_box, errors, formats
from .audit_view import HistoryTab
from .customer_form_tabs import (
    QUICK_KEYS,
    QUICK_PREFIX,
    MoneyTab,
    ProfileTab,
    TimelineTab,
    deals_tab,
    fill_lists,
    format_datetime,
    format_money,
    people_tab,
    tasks_tab,
    vehicles_tab,
)
from .key_account_tab import KeyAccountTab
from .labels import label
from .new_deal_dialog import NewDealDialog
from .operations import Operation, show_failure
from .read_only import set_read_only
from .service_tab import ServiceTab
from .style import FORM as STYLE
from .team_tab import TeamTab

if TYPE_CHECKING:
    from .deal_form import DealForm

DEFAULT_SIZE = (1100, 750)


class Answer(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"
    RELOAD = "reload"
    KEEP_MINE = "keep_mine"
    OPEN = "open"
    CREATE_ANYWAY = "create_anyway"


class CustomerForm(QWidget):
    saved = Signal(int)
    openCustomer = Signal(int)
    loaded = Signal(int)

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        customer_id: int | None = None,
        parent: QWidget | None = None,
        region: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("CustomerForm")
        self.setStyleSheet(STYLE)
        self.db = db
        self.user = user
        self.customer_id = customer_id
        self.region = region or formats.office_country()
        self.file: CustomerFile | None = None
        self._data = CustomerData()
        self._version: int | None = None
        self._edits = 0
        self._edits_at_save = 0
        self._busy = False
        self._close_after_save = False
        self._discarding = False
        self._load_generation = 0
        self.load_operation: Operation | None = None
        self.save_operation: Operation | None = None
        self.log_operation: Operation | None = None
        self.case_operation: Operation | None = None

        self._build()
        self._show_rights()
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(760, 520)
        if customer_id is None:
            self.profile.set_data(self._data, new=True)
            self.profile.campaign.load(self.db)
            self._show_new()
        else:
            self.tabs.setEnabled(False)
            self.load()

    # ------------------------------------------------------------------ build
    def _show_rights(self) -> None:
        """A viewer reads the file: no Save, no new orders or payments, fields read-only."""
        writes = self.may_write
        buttons = (
            self.save_button,
            self.money.order_button,
            self.money.payment_button,
            self.new_deal_button,
        )
        for button in buttons:
            button.setVisible(writes)
        # the statement of account is all money: not for a user who may not see it
        self.money.statement_button.setVisible(self.user is None or self.user.may_see_financials)
        if not writes:
            set_read_only(self.profile, True)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)

        self.header_name = QLabel(self)
        self.header_name.setObjectName("headerName")
        self.header_name.setWordWrap(True)
        self.header_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header_facts = QLabel(self)
        self.header_facts.setObjectName("headerFacts")
        self.header_facts.setWordWrap(True)
        # What services.segments last worked out (class, RFM, key score, tier, stage).
        self.header_segments = QLabel(self)
        self.header_segments.setObjectName("headerSegments")
        self.header_segments.setWordWrap(True)
        self.header_segments.hide()
        self.deleted_banner = QLabel(
            self.tr("This customer was deleted. Restore it from the customer list to edit."),
            self,
        )
        self.deleted_banner.setObjectName("deletedBanner")
        self.deleted_banner.setWordWrap(True)
        self.deleted_banner.hide()
        layout.addWidget(self.header_name)
        layout.addWidget(self.header_facts)
        layout.addWidget(self.header_segments)
        layout.addWidget(self.deleted_banner)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.profile = ProfileTab(self.region, self.tabs)
        self.profile.edited.connect(self._on_edited)
        self.profile.name.textChanged.connect(self._update_title)
        self.people = people_tab(self.tabs)
        self.vehicles = vehicles_tab(self.tabs)
        self.timeline = TimelineTab(self.tabs)
        self.timeline.logRequested.connect(self.log_activity)
        self.money = MoneyTab(self.tabs)
        self.money.statementRequested.connect(self.open_statement)
        self.money.orderRequested.connect(self.new_order)
        self.money.creditRequested.connect(self.open_credit)
        self.money.contractsRequested.connect(self.open_contracts)
        self.money.paymentRequested.connect(self.record_payment)
        self.money.orders_list.activated.connect(self.open_order)
        self.deals = deals_tab(self.tabs)
        self.new_deal_button = self.deals.add_action(self.tr("New deal…"), "newDealButton")
        self.new_deal_button.clicked.connect(self.new_deal)
        self.deals.activated.connect(self.open_deal)
        self.deal_forms: dict[int, DealForm] = {}
        self.tasks = tasks_tab(self.tabs)
        self.service = ServiceTab(self.tabs)
        self.team = TeamTab(self.tabs)
        self.key_account = KeyAccountTab(self.tabs)
        self.key_account.saved.connect(self._strategy_saved)
        self.history = HistoryTab(self.tabs)
        for page in (
            self.profile,
            self.people,
            self.vehicles,
            self.timeline,
            self.money,
            self.deals,
            self.tasks,
            self.service,
            self.team,
            self.key_account,
            self.history,
        ):
            self.tabs.addTab(page, "")
        self.tabs.currentChanged.connect(self._load_history)
        layout.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save (%1)").replace("%1", self._keys_text("Ctrl+S")))
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.status, 1)
        from .privacy_actions import PrivacyButton  # consent history, export, erasure

        self.privacy = PrivacyButton(self)
        bottom.addWidget(self.privacy)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.activated.connect(self.save)
        self.quick_shortcuts: dict[ActivityKind, QShortcut] = {}
        for kind, key in QUICK_KEYS.items():
            shortcut = QShortcut(QKeySequence(f"{QUICK_PREFIX}, {key}"), self)
            shortcut.activated.connect(functools.partial(self.start_quick, kind))
            self.quick_shortcuts[kind] = shortcut
        self._tab_titles()

    @staticmethod
    def _keys_text(keys: str) -> str:
        return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)

    def _tab_titles(self) -> None:
        f = self.file
        titles = [
            (self.profile, self.tr("Profile"), None),
            (self.people, self.tr("People"), len(f.people) if f else None),
            (self.vehicles, self.tr("Vehicles"), len(f.vehicles) if f else None),
            (self.timeline, self.tr("Timeline"), len(f.timeline) if f else None),
            (self.money, self.tr("Purchases && payments"), None),
            (self.deals, self.tr("Deals"), len(f.deals) if f else None),
            (self.tasks, self.tr("Tasks"), len(f.tasks) if f else None),
            (self.service, self.tr("Service"), None),
            (self.team, self.tr("Team"), None),
            (self.key_account, self.tr("Key account"), None),
            (self.history, self.tr("History"), None),
        ]
        for page, title, count in titles:
            text = f"{title} ({count})" if count else title
            self.tabs.setTabText(self.tabs.indexOf(page), text)

    # ---------------------------------------------------------------- state
    def _show_new(self) -> None:
        self.header_name.setText(self.tr("New customer"))
        self.header_facts.setText(
            self.tr("Fill in at least the name, then save with %1.").replace(
                "%1", self._keys_text("Ctrl+S")
            )
        )
        pages = (self.people, self.vehicles, self.timeline, self.money, self.deals, self.tasks)
        for page in (*pages, self.service, self.team, self.key_account, self.history):
            index = self.tabs.indexOf(page)
            self.tabs.setTabEnabled(index, False)
            self.tabs.setTabToolTip(index, self.tr("Save the new customer first"))
        self._set_quick_enabled(False)
        self.save_button.setEnabled(self._writable)
        self._update_title()

    def _load_history(self, *_args: Any) -> Operation | None:
        """The History and Service tabs read when they are shown (and again after each
        load of the file while they are)."""
        if self.customer_id is None:
            return None
        if self.tabs.currentWidget() is self.service:
            return self.service.load(self.db, self.user, self.customer_id)
        for tab in (self.team, self.key_account):  # account team, key-account cards
            if self.tabs.currentWidget() is tab:
                return tab.load(self.db, self.user, self.customer_id)
        if self.tabs.currentWidget() is not self.history:
            return None
        return self.history.load(self.db, self.user, customer_id=self.customer_id)

    def _strategy_saved(self, _customer_id: int) -> None:
        """The strategy card moved the customer's version on: read it again, unless the
        profile holds unsaved edits (saving them then asks about the newer version)."""
        if not self.isWindowModified():
            self.load()

    def _set_quick_enabled(self, enabled: bool) -> None:
        for shortcut in self.quick_shortcuts.values():
            shortcut.setEnabled(enabled)
        self.timeline.set_enabled_quick(enabled)

    def _update_title(self, *_args: Any) -> None:
        name = self.profile.name.text().strip()
        if not name:
            name = self.file.data.name if self.file else self.tr("New customer")
        self.setWindowTitle(self.tr("%1[*] — Customer").replace("%1", name))

    @Slot()
    def _on_edited(self) -> None:
        self._edits += 1
        self.setWindowModified(True)
        if not self._busy:
            self.status.clear()

    @property
    def may_write(self) -> bool:
        """The signed-in user may change data (a viewer may not)."""
        return self.user is None or self.user.may_write

    @property
    def _writable(self) -> bool:
        """Saving is possible: the database is writable, the customer not deleted and the
        user no viewer."""
        return (
            self.may_write
            and not self.db.read_only
            and not (self.file is not None and self.file.deleted)
        )

    @property
    def is_new(self) -> bool:
        return self.customer_id is None

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy and self._writable)
        if text is not None:
            self.status.setText(text)

    # ----------------------------------------------------------------- load
    def load(self, *, profile: bool = True) -> Operation | None:
        """Read the file again. With ``profile=False`` (or while there are unsaved
        changes) the profile fields keep what the person typed; the lists refresh."""
        if self.customer_id is None:
            return None
        db, customer_id, user_id = self.db, self.customer_id, self._user_id()
        if self.file is None:
            self.status.setText(self.tr("Loading…"))

        def work(_progress: Any) -> CustomerFile:
            with db.session() as s:
                return customer_file.load(s, customer_id, user_id)

        self._load_generation += 1
        generation = self._load_generation

        def loaded(f: CustomerFile) -> None:
            if generation == self._load_generation:  # an older read finishing late is dropped
                self._loaded(profile, f)

        self.load_operation = (
            Operation(self, work, writes=False).success(loaded).failure(self._load_failed).run()
        )
        return self.load_operation

    def _loaded(self, profile: bool, f: CustomerFile) -> None:
        if f.id != self.customer_id:
            return
        with_profile = profile and not self.isWindowModified()
        self.file = f
        self.profile.set_new(False)
        if with_profile or self._version is None:
            self._data = f.data
            self._version = f.version
            self.profile.set_data(f.data, new=False)
            self.profile.campaign.load(self.db, f.data.campaign_id)
            self.setWindowModified(False)
            self._edits_at_save = self._edits
        fill_lists(f, self.people, self.vehicles, self.deals, self.tasks)
        self.timeline.set_events(f)
        self.money.set_money(f.money)
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
            self.tabs.setTabToolTip(index, "")
        self.tabs.setEnabled(True)
        self.deleted_banner.setVisible(f.deleted)
        self.profile.setEnabled(not f.deleted)
        if not self.may_write:
            set_read_only(self.profile, True)  # after set_data, which enables per field
        self.save_button.setEnabled(self._writable and not self._busy)
        self._set_quick_enabled(self._writable)
        self._show_header(f)
        self._load_segments(f.id)
        self._tab_titles()
        self._update_title()
        self._load_history()
        if self.status.text() == self.tr("Loading…"):
            self.status.clear()
        self.loaded.emit(f.id)

    @Slot()
    def new_deal(self) -> NewDealDialog | None:
        """A deal for this customer; the Deals tab shows it once saved."""
        if self.file is None or self.customer_id is None or not self._writable:
            return None
        dialog = NewDealDialog(
            self.db, self.user, self, customer=(self.file.id, self.file.data.name or "")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda _id: self.load(profile=False))
        dialog.open()
        return dialog

    @Slot()
    def new_order(self) -> QDialog | None:
        """A new order with lines for this customer (app.ui.order_dialog)."""
        if self.file is None or self.customer_id is None or not self._writable:
            return None
        from .order_dialog import OrderDialog

        dialog = OrderDialog(
            self.db, self.user, self.customer_id, self.file.data.name or self.file.number, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.load(profile=False))
        dialog.open()
        return dialog

    @Slot(int)
    def open_order(self, order_id: int) -> QDialog | None:
        """An order to edit (app.ui.order_dialog), its Return… button opening the return
        dialog; for someone who may not edit the customer, its lines and returns."""
        if self.file is None or self.customer_id is None or not self._writable:
            return self.open_return(order_id)
        from .order_dialog import OrderDialog

        dialog = OrderDialog(
            self.db,
            self.user,
            self.customer_id,
            self.file.data.name or self.file.number,
            self,
            order_id=order_id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.load(profile=False))
        dialog.returnRequested.connect(self.open_return)
        dialog.open()
        return dialog

    @Slot(int)
    def open_return(self, order_id: int) -> QDialog | None:
        """An order's lines and a return against it (app.ui.return_dialog)."""
        from .return_dialog import ReturnDialog

        dialog = ReturnDialog(self.db, self.user, order_id, self, writable=self._writable)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.load(profile=False))
        dialog.open()
        return dialog

    @Slot()
    def record_payment(self) -> QDialog | None:
        """A payment received from this customer (app.ui.payment_dialog)."""
        if self.file is None or self.customer_id is None or not self._writable:
            return None
        from .payment_dialog import PaymentDialog

        dialog = PaymentDialog(
            self.db, self.user, self.customer_id, self.file.data.name or self.file.number, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.load(profile=False))
        dialog.open()
        return dialog

    @Slot()
    def open_contracts(self) -> QDialog | None:
        """This customer's contracts (app.ui.contracts_dialog)."""
        if self.file is None or self.customer_id is None:
            return None
        from .contracts_dialog import ContractsDialog

        dialog = ContractsDialog(
            self.db,
            self.user,
            self.customer_id,
            self.file.data.name or self.file.number,
            self,
            writable=self._writable,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def open_credit(self) -> QDialog | None:
        """This customer's credit terms and receivables by age (app.ui.credit_settings)."""
        if self.file is None or self.customer_id is None:
            return None
        from .credit_settings import CustomerCreditDialog

        dialog = CustomerCreditDialog(
            self.db, self.user, self.customer_id, self.file.data.name or self.file.number, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.save_button.setEnabled(self._writable)
        dialog.open()
        return dialog

    @Slot()
    def open_statement(self) -> QDialog | None:
        """The statement of account of this customer (app.ui.statement_dialog)."""
        if self.file is None or self.customer_id is None:
            return None
        from .statement_dialog import StatementDialog

        dialog = StatementDialog(
            self.db, self.user, self.customer_id, self.file.data.name or self.file.number, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot(int)
    def open_deal(self, deal_id: int) -> DealForm:
        from .deal_form import DealForm  # the deal form borrows this module's style

        form = self.deal_forms.get(deal_id)
        if form is None:
            form = DealForm(self.db, self.user, deal_id, self)
            form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            form.saved.connect(lambda _id: self.load(profile=False))
            form.openCustomer.connect(self.openCustomer)
            form.destroyed.connect(lambda *_a, d=deal_id: self.deal_forms.pop(d, None))
            self.deal_forms[deal_id] = form
        form.show()
        form.raise_()
        form.activateWindow()
        return form

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The customer file could not be loaded."))
        show_failure(self, error)

    def _show_header(self, f: CustomerFile) -> None:
        self.header_name.setText(f.data.name)
        facts = [f.number, label(f.data.kind)]
        if f.owner:
            facts.append(self.tr("Owner: %1").replace("%1", f.owner))
        facts.append(self.tr("Created %1").replace("%1", format_datetime(f.created_at)))
        if f.last_visit is not None:
            facts.append(self.tr("Last visit %1").replace("%1", format_datetime(f.last_visit)))
        facts.append(self.tr("Visits in 90 days: %1").replace("%1", str(f.visits_90_days)))
        if f.money is not None and f.money.owed:
            facts.append(self.tr("Owed: %1").replace("%1", format_money(f.money.owed)))
        self.header_facts.setText(" · ".join(facts))

    def _load_segments(self, customer_id: int) -> None:
        from app.services import segments

        db = self.db

        def work(_progress: Any) -> segments.CustomerSegmentInfo | None:
            with db.session() as s:
                return segments.for_customer(s, customer_id)

        Operation(self, work, writes=False).success(self._show_segments).run()

    def _show_segments(self, info: Any) -> None:
        from .segment_labels import class_label, rfm_label, tier_label

        if info is None or info.customer_id != self.customer_id:
            self.header_segments.hide()
            return
        facts = [label(info.lifecycle)]
        if info.abc_class:
            facts.append(class_label(info.abc_class))
        if info.rfm_segment:
            facts.append(f"RFM {info.rfm} {rfm_label(info.rfm_segment)}")
        if info.key_score is not None:
            score = self.tr("Key score %1").replace("%1", f"{info.key_score:.1f}")
            facts.append(score + (" ★" if info.starred else ""))
        if info.tier:
            facts.append(tier_label(info.tier))
        self.header_segments.setText(" · ".join(facts))
        self.header_segments.show()

    # ----------------------------------------------------------------- save
    @Slot()
    def save(self) -> None:
        """Check the fields, then create (after a look for duplicates) or update."""
        if self._busy or (self.customer_id is not None and self._version is None):
            return
        if not self._writable:
            self._close_after_save = False
            return
        self.profile.clear_errors()
        try:
            data = self.profile.collect(self._data)
            cleaned = customers.clean(data, self.region)  # no database: the same rules
        except ValidationError as exc:
            self._show_validation(exc)
            return
        self._edits_at_save = self._edits
        if self.customer_id is None:
            self._check_duplicates(data, cleaned)
        else:
            assert self._version is not None
            self._write_update(data, self._version)

    def _check_duplicates(self, data: CustomerData, cleaned: CustomerData) -> None:
        db = self.db

        def work(_progress: Any) -> list[Duplicate]:
            with db.session() as s:
                return duplicates.find(
                    s,
                    name=cleaned.name,
                    city=cleaned.city,
                    phones=[p for p in (cleaned.phone, cleaned.phone2) if p],
                    email=cleaned.email,
                    plates=cleaned.plates,
                )

        self._set_busy(True, self.tr("Looking for duplicates…"))
        self.save_operation = (
            Operation(self, work, writes=False)
            .success(functools.partial(self._duplicates_checked, data))
            .failure(self._save_failed)
            .run()
        )

    def _duplicates_checked(self, data: CustomerData, found: list[Duplicate]) -> None:
        if found:
            answer, other_id = self._ask_duplicates(found)
            if answer == Answer.OPEN and other_id is not None:
                self._set_busy(False, "")
                self.openCustomer.emit(other_id)
                self._discarding = True
                self.close()
                return
            if answer != Answer.CREATE_ANYWAY:
                self._close_after_save = False
                self._set_busy(False, self.tr("Not saved."))
                return
        self._write_create(data)

    def _write_create(self, data: CustomerData) -> None:
        db, user_id, region = self.db, self._user_id(), self.region
        self._set_busy(True, self.tr("Saving…"))
        self.save_operation = (
            Operation(self, lambda p: customers.create(db, user_id, data, region))
            .success(self._saved)
            .failure(self._save_failed)
            .run()
        )

    def _write_update(self, data: CustomerData, version: int) -> None:
        db, user_id, region = self.db, self._user_id(), self.region
        customer_id = self.customer_id
        assert customer_id is not None
        self._set_busy(True, self.tr("Saving…"))
        self.save_operation = (
            Operation(
                self, lambda p: customers.update(db, user_id, customer_id, version, data, region)
            )
            .success(self._saved)
            .failure(self._save_failed)
            .run()
        )

    def _user_id(self) -> int | None:
        return self.user.id if self.user is not None else None

    def _saved(self, result: Saved) -> None:
        self.customer_id = result.customer_id
        self._version = result.version
        unchanged = self._edits == self._edits_at_save
        if unchanged:
            self.setWindowModified(False)
        self._set_busy(False, self.tr("Saved."))
        self.saved.emit(result.customer_id)
        if self._close_after_save:
            if unchanged:
                self._close_after_save = False
                self.close()
            else:
                self.save()  # "Save" on close came while typing went on: save that too
            return
        self.load(profile=unchanged)

    def _save_failed(self, error: BaseException) -> None:
        self._close_after_save = False
        self._set_busy(False, self.tr("Not saved."))
        if isinstance(error, ValidationError):
            self._show_validation(error)
        elif isinstance(error, ConflictError):
            self._conflict()
        else:
            show_failure(self, error)

    def _show_validation(self, exc: ValidationError) -> None:
        self._close_after_save = False
        self.status.setText(self.tr("Not saved: please correct the marked field."))
        editor = self.profile.show_error(exc.field, errors.error_text(exc))
        self.tabs.setCurrentWidget(self.profile)
        if editor is not None and exc.field is not None:
            self.profile.focus_field(exc.field)

    # ------------------------------------------------------------- conflict
    def _conflict(self) -> None:
        answer = self._ask_conflict()
        if answer == Answer.RELOAD:
            self.setWindowModified(False)
            self.status.setText(self.tr("Showing their version."))
            self.load(profile=True)
        elif answer == Answer.KEEP_MINE:
            self._keep_mine()
        else:
            self.status.setText(self.tr("Not saved: someone else saved this customer meanwhile."))

    def _keep_mine(self) -> None:
        """Save what is in the form over the version now stored. Fields the form does not
        show (the owner) keep their new values."""
        db, customer_id, user_id = self.db, self.customer_id, self._user_id()
        assert customer_id is not None
        self._edits_at_save = self._edits

        def work(_progress: Any) -> CustomerFile:
            with db.session() as s:
                return customer_file.load(s, customer_id, user_id)

        def current(f: CustomerFile) -> None:
            self._load_generation += 1
            self._set_busy(False)
            self._loaded(False, f)  # their lists, my fields
            if f.deleted:
                self.status.setText(self.tr("Not saved: someone deleted this customer meanwhile."))
                return
            try:
                data = self.profile.collect(f.data)
            except ValidationError as exc:
                self._show_validation(exc)
                return
            self._data = f.data
            self._version = f.version
            self._write_update(data, f.version)

        self._set_busy(True, self.tr("Saving…"))
        self.save_operation = (
            Operation(self, work, writes=False).success(current).failure(self._save_failed).run()
        )

    # ------------------------------------------------------------- timeline
    def start_quick(self, kind: ActivityKind) -> None:
        """Open the quick-add editor for ``kind`` on the timeline tab."""
        if self.customer_id is None or not self._writable:
            return
        self.tabs.setCurrentWidget(self.timeline)
        self.timeline.start_quick(kind)

    def log_activity(self, kind: ActivityKind, text: str) -> Operation | None:
        if self.customer_id is None or (self.log_operation and self.log_operation.running):
            return None
        db, user_id, customer_id = self.db, self._user_id(), self.customer_id
        self.timeline.set_busy(True)

        def failed(error: BaseException) -> None:
            if isinstance(error, ClientelaError):
                self.timeline.failed(errors.error_text(error))
            else:
                self.timeline.set_busy(False)
                show_failure(self, error)

        def done(result: Any) -> None:
            self.timeline.logged()
            self.status.setText(self.tr("%1 logged.").replace("%1", label(kind)))
            self.load(profile=False)
            if kind is ActivityKind.COMPLAINT and self._writable:
                from .case_dialogs import offer_case

                self.case_operation = offer_case(self, db, user_id, result, text)

        self.log_operation = (
            Operation(self, lambda p: activities.log(db, user_id, customer_id, kind, text))
            .success(done)
            .failure(failed)
            .run()
        )
        return self.log_operation

    # -------------------------------------------------------------- closing
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            if self.timeline.editing:
                self.timeline.cancel_quick()
            else:
                self.close()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._discarding = False
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._discarding or not self.isWindowModified():
            event.accept()
            return
        answer = self._ask_unsaved()
        if answer == Answer.DISCARD:
            self._discarding = True
            event.accept()
        elif answer == Answer.SAVE:
            event.ignore()
            self._close_after_save = True
            if not self._busy:
                self.save()
        else:
            event.ignore()

    # ---------------------------------------------------------------- hooks
    def _unsaved_box(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("unsavedBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        name = self.profile.name.text().strip() or self.tr("the new customer")
        box.setText(self.tr("Save the changes to %1?").replace("%1", name))
        box.setInformativeText(self.tr("If you don't save, your changes are lost."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        for button, name in (
            (QMessageBox.StandardButton.Save, "saveButton"),
            (QMessageBox.StandardButton.Discard, "discardButton"),
            (QMessageBox.StandardButton.Cancel, "cancelButton"),
        ):
            box.button(button).setObjectName(name)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return box

    def _ask_unsaved(self) -> Answer:
        """Closing with unsaved changes: SAVE, DISCARD or CANCEL."""
        box = self._unsaved_box()
        button = QMessageBox.StandardButton(box.exec())
        box.deleteLater()
        return {
            QMessageBox.StandardButton.Save: Answer.SAVE,
            QMessageBox.StandardButton.Discard: Answer.DISCARD,
        }.get(button, Answer.CANCEL)

    def _conflict_box(self) -> QMessageBox:
        return conflict_box.conflict_box(
            self, self.tr("Someone else saved this customer meanwhile.")
        )

    def _ask_conflict(self) -> Answer:
        """Someone else saved first: RELOAD, KEEP_MINE or CANCEL."""
        return Answer(conflict_box.answer(self._conflict_box()))

    def _ask_duplicates(self, found: list[Duplicate]) -> tuple[Answer, int | None]:
        """Possible duplicates of the new customer: (OPEN, id), (CREATE_ANYWAY, None)
        or (CANCEL, None)."""
        dialog = DuplicatesDialog(found, self)
        dialog.exec()
        choice = dialog.choice
        dialog.deleteLater()
        return choice


class DuplicatesDialog(QDialog):
    """Lists the customers the new one may duplicate; "Open that one" or "Create anyway"."""

    def __init__(self, found: list[Duplicate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.choice: tuple[Answer, int | None] = (Answer.CANCEL, None)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("These customers look like the one you are creating. Is it one of them?"),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.list = QTreeWidget(self)
        self.list.setObjectName("duplicatesList")
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [self.tr("Number"), self.tr("Name"), self.tr("City"), self.tr("Same")]
        )
        reasons = {
            "phone": self.tr("phone"),
            "email": self.tr("email"),
            "plate": self.tr("plate"),
            "name": self.tr("similar name"),
        }
        for dup in found:
            item = QTreeWidgetItem(
                [dup.number, dup.name, dup.city or "", reasons.get(dup.reason, dup.reason)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, dup.id)
            self.list.addTopLevelItem(item)
        for column, width in enumerate((100, 260, 120)):
            self.list.setColumnWidth(column, width)
        if found:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.itemActivated.connect(self._open)
        layout.addWidget(self.list, 1)

        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(
            self.tr("Open that one"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setObjectName("openThatOneButton")
        self.create_button = buttons.addButton(
            self.tr("Create anyway"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.create_button.setObjectName("createAnywayButton")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        self.open_button.clicked.connect(self._open)
        self.create_button.clicked.connect(self._create)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 320)

    def _open(self, *_args: Any) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.choice = (Answer.OPEN, int(item.data(0, Qt.ItemDataRole.UserRole)))
        self.accept()

    def _create(self) -> None:
        self.choice = (Answer.CREATE_ANYWAY, None)
        self.accept()

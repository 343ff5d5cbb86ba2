"""Settings ▸ Pipeline stages: a pipeline's stages in board order, with Add, Edit, Move
up/down and Delete. A chooser above picks the pipeline (the default one first) and sits
beside New pipeline…, Rename… and Deactivate/Activate (``services.pipelines``).

Every change is one write operation through ``services.pipeline`` (``save_stage``,
``reorder_stages``, ``delete_stage``) that reads the list again in the same trip;
``stagesChanged`` then tells the board to reload. Two hooks stand in for the modal
questions so tests can answer them: ``pick_color(current) -> QColor`` and
``pick_move_target(row, others) -> stage id or None``; a third, ``ask_pipeline_name(title,
current) -> str or None``, for the pipeline's name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TR_NOOP, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPixmap,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.services import pipeline as service
from app.services import pipelines
from app.services.pipeline import StageData, StageRow
from app.services.pipelines import PipelineInfo
from app.services.users import UserInfo

from . import errors
from .operations import Operation, show_failure

ROLE_ID = Qt.ItemDataRole.UserRole + 1

ColorPicker = Callable[[QColor], QColor]
MoveTargetPicker = Callable[[StageRow, list[StageRow]], "int | None"]
NameAsker = Callable[[str, str], "str | None"]
Read = tuple[int | None, list[StageRow], list[PipelineInfo]]


class StageDialog(QDialog):
    """Add or edit one stage: name (required), win probability 0–100 %, colour, won or
    lost (not both) and the days after which a card shows as aging."""

    def __init__(self, row: StageRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageDialog")
        self.setWindowTitle(self.tr("Edit stage") if row else self.tr("New stage"))
        self.pick_color: ColorPicker = self._color_dialog
        st = row.stage if row else None
        form = QFormLayout(self)
        self.name_edit = QLineEdit(st.name if st else "", self)
        self.name_edit.setObjectName("stageName")
        self.name_edit.setMaxLength(100)
        self.probability_box = QSpinBox(self)
        self.probability_box.setObjectName("stageProbability")
        self.probability_box.setRange(0, 100)
        self.probability_box.setSuffix(" %")
        self.probability_box.setValue(st.probability if st else 50)
        self.color: str | None = st.color if st else None
        self.color_button = QPushButton(self)
        self.color_button.setObjectName("stageColor")
        self.color_button.clicked.connect(self.choose_color)
        self.clear_color_button = QPushButton(self.tr("No colour"), self)
        self.clear_color_button.setObjectName("stageColorClear")
        self.clear_color_button.clicked.connect(lambda: self._set_color(None))
        color_row = QHBoxLayout()
        color_row.addWidget(self.color_button)
        color_row.addWidget(self.clear_color_button)
        color_row.addStretch(1)
        self.won_box = QCheckBox(self.tr("Won stage"), self)
        self.won_box.setObjectName("stageWon")
        self.won_box.setChecked(bool(st and st.is_won))
        self.lost_box = QCheckBox(self.tr("Lost stage"), self)
        self.lost_box.setObjectName("stageLost")
        self.lost_box.setChecked(bool(st and st.is_lost))
        self.won_box.toggled.connect(lambda on: on and self.lost_box.setChecked(False))
        self.lost_box.toggled.connect(lambda on: on and self.won_box.setChecked(False))
        flags = QHBoxLayout()
        flags.addWidget(self.won_box)
        flags.addWidget(self.lost_box)
        flags.addStretch(1)
        self.aging_box = QSpinBox(self)
        self.aging_box.setObjectName("stageAging")
        self.aging_box.setRange(0, 3650)
        self.aging_box.setSuffix(self.tr(" days"))
        self.aging_box.setValue(st.aging_days if st else 14)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("stageError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Win probability"), self.probability_box)
        form.addRow(self.tr("Colour"), color_row)
        form.addRow("", flags)
        form.addRow(self.tr("Aging after"), self.aging_box)
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._set_color(self.color)
        self.setMinimumWidth(380)

    def _color_dialog(self, current: QColor) -> QColor:
        return QColorDialog.getColor(current, self, self.tr("Stage colour"))

    @Slot()
    def choose_color(self) -> None:
        chosen = self.pick_color(QColor(self.color or "#90a4ae"))
        if chosen.isValid():
            self._set_color(chosen.name())

    def _set_color(self, color: str | None) -> None:
        self.color = color
        if color:
            swatch = QPixmap(16, 16)
            swatch.fill(QColor(color))
            self.color_button.setIcon(QIcon(swatch))
            self.color_button.setText(color)
        else:
            self.color_button.setIcon(QIcon())
            self.color_button.setText(self.tr("Choose…"))
        self.clear_color_button.setEnabled(color is not None)

    def data(self) -> StageData:
        return StageData(
            name=self.name_edit.text().strip(),
            probability=self.probability_box.value(),
            color=self.color,
            is_won=self.won_box.isChecked(),
            is_lost=self.lost_box.isChecked(),
            aging_days=self.aging_box.value(),
        )

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @Slot()
    def _check(self) -> None:
        if not self.name_edit.text().strip():
            self.show_error(self.tr("A stage needs a name."))
            self.name_edit.setFocus()
            return
        self.show_error("")
        self.accept()


class PipelineChoice:
    """A write's result naming the pipeline to show next (the one added or changed)."""

    def __init__(self, pipeline_id: int) -> None:
        self.pipeline_id = pipeline_id


class StageSettings(QWidget):
    """The list of a pipeline's stages and the buttons that change them."""

    stagesChanged = Signal()
    """A change was saved: the board should read its stages again."""
    loaded = Signal()
    """The list shows what the database holds (after a load or a change)."""
    dialogOpened = Signal(QDialog)
    """A stage dialog is open (tests fill it in through this)."""

    HEADERS = (
        QT_TR_NOOP("Name"),
        QT_TR_NOOP("Order"),
        QT_TR_NOOP("Win probability"),
        QT_TR_NOOP("Colour"),
        QT_TR_NOOP("Won"),
        QT_TR_NOOP("Lost"),
        QT_TR_NOOP("Aging days"),
        QT_TR_NOOP("Deals"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageSettings")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.pipeline_id: int | None = None
        self.rows: list[StageRow] = []
        self.dialog: StageDialog | None = None
        self.pick_color: ColorPicker | None = None
        """Replaces the colour dialog in the stage dialogs (tests)."""
        self.pick_move_target: MoveTargetPicker = self._ask_move_target
        self.confirm_delete: Callable[[StageRow], bool] = self._ask_confirm_delete
        self.ask_pipeline_name: NameAsker = self._ask_pipeline_name
        self.pipelines: list[PipelineInfo] = []
        self._busy = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        intro = QLabel(
            self.tr(
                "The stages of the pipeline, in the order the board shows them. "
                "A stage that holds deals can only be deleted by moving its deals."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        choose = QHBoxLayout()
        self.pipeline_box = QComboBox(self)
        self.pipeline_box.setObjectName("stagePipeline")
        self.pipeline_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.pipeline_box.setMinimumContentsLength(6)
        self.pipeline_box.activated.connect(self._pipeline_chosen)
        self.new_pipeline_button = self._button(
            "newPipeline", self.tr("New pipeline…"), self.new_pipeline
        )
        self.rename_pipeline_button = self._button(
            "renamePipeline", self.tr("Rename…"), self.rename_pipeline
        )
        self.active_button = self._button(
            "deactivatePipeline", self.tr("Deactivate"), self.toggle_active
        )
        self.active_button.setToolTip(
            self.tr("An inactive pipeline leaves the board's chooser and the new-deal dialog")
        )
        choose.addWidget(QLabel(self.tr("Pipeline"), self))
        choose.addWidget(self.pipeline_box, 1)
        for b in (self.new_pipeline_button, self.rename_pipeline_button, self.active_button):
            choose.addWidget(b)
        layout.addLayout(choose)
        self.model = QStandardItemModel(0, len(self.HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.view = QTableView(self)
        self.view.setObjectName("stageTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.edit_stage())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        buttons = QVBoxLayout()
        self.add_button = self._button("addStage", self.tr("Add…"), self.add_stage)
        self.edit_button = self._button("editStage", self.tr("Edit…"), self.edit_stage)
        self.up_button = self._button("moveStageUp", self.tr("Move up"), lambda: self.move(-1))
        self.down_button = self._button("moveStageDown", self.tr("Move down"), lambda: self.move(1))
        self.delete_button = self._button("deleteStage", self.tr("Delete…"), self.delete_stage)
        for b in (
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        body.addLayout(buttons)
        layout.addLayout(body, 1)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("stageMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #c62828;")
        layout.addWidget(self.message_label)
        self._update_buttons()

    def _button(self, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(slot)
        return b

    # ---------------------------------------------------------------- load
    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db = db
        self.user = user
        self.pipeline_id = None
        self.rows = []
        self.model.removeRows(0, self.model.rowCount())
        if db is not None:
            self.reload()

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the tab shows what other PCs changed meanwhile."""
        super().showEvent(event)
        if self.db is not None and not self.busy and self.dialog is None:
            self.reload()

    def _user_id(self) -> int | None:
        return self.user.id if self.user else None

    @staticmethod
    def _read(db: Database, pipeline_id: int | None) -> Read:
        with db.session() as s:
            pid = pipeline_id or service.default_pipeline_id(s)
            rows = service.stage_rows(s, pid) if pid is not None else []
            return pid, rows, pipelines.pipelines(s, active_only=False)

    def reload(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self._busy += 1
        pid = self.pipeline_id
        return (
            Operation(self, lambda _p: self._read(db, pid), writes=False)
            .success(lambda result: self._show(result, None))
            .failure(self._load_failed)
            .run()
        )

    def _show(self, result: Read, select: int | None) -> None:
        self._busy = max(self._busy - 1, 0)
        self.pipeline_id, self.rows, self.pipelines = result
        self._fill_pipelines()
        current = select if select is not None else self.selected_id()
        self.model.removeRows(0, self.model.rowCount())
        for order, row in enumerate(self.rows, start=1):
            st = row.stage
            name = QStandardItem(st.name)
            name.setData(st.id, ROLE_ID)
            color = QStandardItem(st.color or "")
            if st.color:
                color.setData(QColor(st.color), Qt.ItemDataRole.DecorationRole)
            items = [
                name,
                self._number(order),
                self._number(st.probability, " %"),
                color,
                QStandardItem(self.tr("yes") if st.is_won else ""),
                QStandardItem(self.tr("yes") if st.is_lost else ""),
                self._number(st.aging_days),
                self._number(row.deals),
            ]
            self.model.appendRow(items)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if current is not None:
            self.select_stage(current)
        self._update_buttons()
        self.loaded.emit()

    @staticmethod
    def _number(value: int, suffix: str = "") -> QStandardItem:
        item = QStandardItem(f"{value}{suffix}")
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _load_failed(self, error: BaseException) -> None:
        self._busy = max(self._busy - 1, 0)
        show_failure(self, error)

    def _failed(self, error: BaseException) -> None:
        self._busy = max(self._busy - 1, 0)
        if isinstance(error, ClientelaError):
            self.message_label.setText(errors.error_text(error))
            if not isinstance(error, ValidationError):
                show_failure(self, error)
        else:
            show_failure(self, error)
        self.reload()

    # ----------------------------------------------------------- selection
    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROLE_ID)  # type: ignore[no-any-return]

    def selected_row(self) -> StageRow | None:
        sid = self.selected_id()
        return next((r for r in self.rows if r.stage.id == sid), None)

    def select_stage(self, stage_id: int) -> None:
        for i in range(self.model.rowCount()):
            if self.model.item(i, 0).data(ROLE_ID) == stage_id:
                self.view.selectRow(i)
                self.view.scrollTo(self.model.index(i, 0))
                return

    def _update_buttons(self, *_args: Any) -> None:
        row = self.selected_row()
        index = self.rows.index(row) if row is not None else -1
        editable = self.db is not None
        pipe = self.current_pipeline()
        self.new_pipeline_button.setEnabled(editable)
        self.rename_pipeline_button.setEnabled(editable and pipe is not None)
        self.active_button.setEnabled(editable and pipe is not None and not pipe.is_default)
        self.active_button.setText(
            self.tr("Activate") if pipe is not None and not pipe.active else self.tr("Deactivate")
        )
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and row is not None)
        self.delete_button.setEnabled(editable and row is not None)
        self.up_button.setEnabled(editable and index > 0)
        self.down_button.setEnabled(editable and 0 <= index < len(self.rows) - 1)

    # -------------------------------------------------------------- writes
    def _write(
        self, work: Callable[[Database], Any], select: int | None = None
    ) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self.message_label.clear()
        self._busy += 1
        pid = self.pipeline_id

        def run(_progress: Any) -> tuple[Any, Read]:
            value = work(db)
            if isinstance(value, PipelineChoice):  # a pipeline was added: show it
                return value, self._read(db, value.pipeline_id)
            return value, self._read(db, pid)

        def done(result: tuple[Any, Read]) -> None:
            value, rows = result
            if isinstance(value, PipelineChoice):
                value = None
            chosen = select if select is not None else value if isinstance(value, int) else None
            self._show(rows, chosen)
            self.stagesChanged.emit()

        return Operation(self, run).success(done).failure(self._failed).run()

    def save(
        self, data: StageData, stage_id: int | None = None, version: int | None = None
    ) -> Operation | None:
        """Create a stage (``stage_id`` None) or change one."""
        pid, uid = self.pipeline_id, self._user_id()
        if pid is None:
            return None
        return self._write(
            lambda db: service.save_stage(db, uid, pid, data, stage_id, version),
            select=stage_id,
        )

    def _open_dialog(self, row: StageRow | None) -> StageDialog:
        dialog = StageDialog(row, self)
        if self.pick_color is not None:
            dialog.pick_color = self.pick_color
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        stage_id = row.stage.id if row else None
        version = row.version if row else None
        dialog.accepted.connect(lambda: self.save(dialog.data(), stage_id, version))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    @Slot()
    def add_stage(self) -> StageDialog | None:
        if self.db is None or self.pipeline_id is None:
            return None
        return self._open_dialog(None)

    @Slot()
    def edit_stage(self) -> StageDialog | None:
        row = self.selected_row()
        if row is None or self.db is None:
            return None
        return self._open_dialog(row)

    def move(self, step: int) -> Operation | None:
        """Move the selected stage up (-1) or down (+1) among all stages."""
        row = self.selected_row()
        pid, uid = self.pipeline_id, self._user_id()
        if row is None or pid is None:
            return None
        ids = [r.stage.id for r in self.rows]
        i = ids.index(row.stage.id)
        j = i + step
        if not 0 <= j < len(ids):
            return None
        ids[i], ids[j] = ids[j], ids[i]
        return self._write(lambda db: service.reorder_stages(db, uid, pid, ids), row.stage.id)

    @Slot()
    def delete_stage(self) -> Operation | None:
        """Delete the selected stage; one in use asks where its deals go first."""
        row = self.selected_row()
        uid = self._user_id()
        if row is None:
            return None
        move_to: int | None = None
        if row.in_use:
            others = [r for r in self.rows if r.stage.id != row.stage.id]
            move_to = self.pick_move_target(row, others)
            if move_to is None:
                return None
        elif not self.confirm_delete(row):
            return None
        sid, version = row.stage.id, row.version
        return self._write(lambda db: service.delete_stage(db, uid, sid, version, move_to))

    def _ask_move_target(self, row: StageRow, others: list[StageRow]) -> int | None:
        names = [r.stage.name for r in others]
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Delete stage"),
            self.tr("{count} deal(s) are in “{name}”. Move them to:").format(
                count=row.deals, name=row.stage.name
            ),
            names,
            0,
            False,
        )
        if not ok or name not in names:
            return None
        return others[names.index(name)].stage.id

    # ------------------------------------------------------------ pipelines
    def _fill_pipelines(self) -> None:
        box = self.pipeline_box
        box.blockSignals(True)
        box.clear()
        for p in self.pipelines:
            name = p.name if p.active else self.tr("%1 (inactive)").replace("%1", p.name)
            box.addItem(name, p.id)
        box.setCurrentIndex(max(box.findData(self.pipeline_id), 0))
        box.blockSignals(False)

    def current_pipeline(self) -> PipelineInfo | None:
        return next((p for p in self.pipelines if p.id == self.pipeline_id), None)

    def choose_pipeline(self, pipeline_id: int) -> Operation | None:
        """Show this pipeline's stages."""
        if self.db is None:
            return None
        self.pipeline_id = pipeline_id
        return self.reload()

    @Slot(int)
    def _pipeline_chosen(self, index: int) -> None:
        pid = self.pipeline_box.itemData(index)
        if pid is not None and pid != self.pipeline_id:
            self.choose_pipeline(int(pid))

    @Slot()
    def new_pipeline(self) -> Operation | None:
        """A new pipeline, its stages copied from the one shown, then shown."""
        if self.db is None:
            return None
        name = self.ask_pipeline_name(self.tr("New pipeline"), "")
        if not name:
            return None
        uid, source = self._user_id(), self.pipeline_id
        return self._write(
            lambda db: PipelineChoice(pipelines.add_pipeline(db, uid, name, copy_from=source))
        )

    @Slot()
    def rename_pipeline(self) -> Operation | None:
        pipe = self.current_pipeline()
        if pipe is None:
            return None
        name = self.ask_pipeline_name(self.tr("Rename pipeline"), pipe.name)
        if not name or name == pipe.name:
            return None
        uid = self._user_id()

        def work(db: Database) -> PipelineChoice:
            pipelines.rename_pipeline(db, uid, pipe.id, name, pipe.version)
            return PipelineChoice(pipe.id)

        return self._write(work)

    @Slot()
    def toggle_active(self) -> Operation | None:
        """Deactivate the pipeline shown (refused while it holds open deals) or activate it."""
        pipe = self.current_pipeline()
        if pipe is None:
            return None
        uid = self._user_id()

        def work(db: Database) -> PipelineChoice:
            pipelines.set_active(db, uid, pipe.id, not pipe.active, pipe.version)
            return PipelineChoice(pipe.id)

        return self._write(work)

    def _ask_pipeline_name(self, title: str, current: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, self.tr("Name of the pipeline"), text=current)
        return name.strip() if ok and name.strip() else None

    def _ask_confirm_delete(self, row: StageRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete stage"),
            self.tr("Delete the stage “{name}”?").format(name=row.stage.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def index_of(self, stage_id: int) -> QModelIndex:
        for i in range(self.model.rowCount()):
            if self.model.item(i, 0).data(ROLE_ID) == stage_id:
                return self.model.index(i, 0)
        return QModelIndex()

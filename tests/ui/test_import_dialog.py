"""File ▸ Import customers…: the dialog driven end to end, as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from sqlalchemy import func, select

from app.db import Database
from app.models import Customer
from app.services import import_mapping
from app.services.users import current_user
from app.ui.import_dialog import ImportDialog

pytestmark = pytest.mark.gui

TIMEOUT = 15_000
ZH_CSV = (
    "姓名,手机,邮箱,车牌,生日\n"
    "张三,13800138000,zs@example.com,粤B12345,1990/3/5\n"
    "李四,13900139000,ls@example.com,,32937\n"
    "王芳,13700137000,wf@example.com,京A00001,1985年12月1日\n"
)


def customers_in(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Customer)) or 0


def open_dialog(qtbot, db: Database, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(db, current_user(db, None))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ask_file = lambda: str(path)  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.prepared is not None and dialog.import_button.isEnabled(), timeout=TIMEOUT
    )
    return dialog


def press(qtbot, dialog: ImportDialog, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    op = dialog.operation
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)


def test_a_gbk_csv_checked_then_imported(
    qtbot, qtmodeltester, admin_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "会员.csv"
    path.write_bytes(ZH_CSV.encode("gbk"))
    dialog = open_dialog(qtbot, admin_db, path)

    assert "gb18030" in dialog.info_label.text()
    qtmodeltester.check(dialog.preview_model)
    assert dialog.preview_model.rowCount() == 3
    assert dialog.preview_model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    assert dialog.preview_model.headerData(0, Qt.Orientation.Vertical) == "2"
    assert dialog.mapping() == {0: "name", 1: "phone", 2: "email", 3: "plates", 4: "birthday"}
    assert dialog.findChild(QLabel, "importSample_1").text() == "13800138000"

    # the person decides the email column stays out
    email_combo = dialog.findChild(QComboBox, "importMap_2")
    email_combo.setCurrentIndex(email_combo.findData(None))
    assert 2 not in dialog.mapping()

    press(qtbot, dialog, dialog.check_button)
    assert "created 3" in dialog.result_label.text()
    assert customers_in(admin_db) == 0

    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT) as signal:
        press(qtbot, dialog, dialog.import_button)
    assert signal.args[0].created == 3
    assert "Imported" in dialog.result_label.text()
    with admin_db.session() as s:
        rows = s.execute(select(Customer.name, Customer.phone, Customer.email)).all()
    assert sorted(rows) == [
        ("张三", "+8613800138000", None),
        ("李四", "+8613900139000", None),
        ("王芳", "+8613700137000", None),
    ]


def test_invalid_rows_stop_the_import_unless_skipped(
    qtbot, admin_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text("姓名,手机\n甲,13800000001\n乙,12\n丙,13800000003\n", encoding="utf-8")
    dialog = open_dialog(qtbot, admin_db, path)
    press(qtbot, dialog, dialog.import_button)
    text = dialog.result_label.text()
    assert "Nothing imported" in text and "Row 3" in text
    assert (tmp_path / "bad.errors.xlsx").exists()
    assert customers_in(admin_db) == 0

    dialog.skip_invalid.setChecked(True)
    press(qtbot, dialog, dialog.import_button)
    assert "created 2" in dialog.result_label.text() and "rejected 1" in dialog.result_label.text()
    assert customers_in(admin_db) == 2

    dialog.policy_buttons["update"].setChecked(True)
    press(qtbot, dialog, dialog.import_button)
    assert "updated 2" in dialog.result_label.text()
    assert "Already there: 2 × phone" in dialog.result_label.text()
    assert customers_in(admin_db) == 2


def test_a_saved_mapping_comes_back_for_next_months_file(
    qtbot, admin_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "三月.csv"
    path.write_text("客户,号码,备用列\n张三,13800138000,x\n", encoding="utf-8")
    dialog = open_dialog(qtbot, admin_db, path)
    assert dialog.mapping() == {0: "name"}  # 号码 ("number") is not guessed
    dialog.set_mapping(1, "phone")
    dialog.ask_mapping_name = lambda: "月度会员表"  # type: ignore[method-assign]
    press(qtbot, dialog, dialog.save_button)
    assert dialog.saved_box.currentText() == "月度会员表"
    with admin_db.session() as s:
        saved = import_mapping.load_saved(s)
    assert [(m.name, m.columns) for m in saved] == [
        ("月度会员表", {"客户": "name", "号码": "phone"})
    ]
    dialog.close()

    april = tmp_path / "四月.csv"
    april.write_text("号码,客户,备用列\n13900139000,李四,y\n", encoding="utf-8")
    again = open_dialog(qtbot, admin_db, april)
    assert again.saved_box.currentText() == "月度会员表"
    assert again.mapping() == {0: "phone", 1: "name"}
    again.saved_box.setCurrentIndex(0)
    again.saved_box.activated.emit(0)  # back to the guess
    assert again.mapping() == {1: "name"}


def test_a_file_that_cannot_be_read_says_why(qtbot, admin_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    dialog = ImportDialog(admin_db)
    qtbot.addWidget(dialog)
    op = dialog.load(path)
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "cannot be read as a spreadsheet" in dialog.result_label.text()
    assert not dialog.import_button.isEnabled() and dialog.choose_button.isEnabled()


def test_file_menu_import_refreshes_the_customers_page(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "clientes.csv"
    path.write_bytes("nombre;teléfono\nJosé;600123456\nMaría;600654321\n".encode("cp1252"))
    window.switch_to_page("customers")
    page = window.page("customers")
    qtbot.waitUntil(lambda: not page.model.loading, timeout=TIMEOUT)
    assert page.model.rowCount() == 0
    assert window.import_action.objectName() == "actionImportCustomers"
    assert (
        window.import_action
        in window.findChild(type(window.menuBar().actions()[0].menu()), "fileMenu").actions()
    )
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog, "importDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.ask_file = lambda: str(path)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=TIMEOUT)
    assert "cp1252" in dialog.info_label.text()
    press(qtbot, dialog, dialog.import_button)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=TIMEOUT)
    dialog.close()


def test_cancel_leaves_nothing_behind(qtbot, admin_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "many.csv"
    lines = ["姓名,手机"] + [f"客{i},1370000{i:04d}" for i in range(3000)]
    path.write_text("\n".join(lines), encoding="utf-8")
    dialog = open_dialog(qtbot, admin_db, path)
    op = dialog.run_import()
    assert op is not None and not dialog.import_button.isEnabled()
    op.cancel()  # as the progress window's Cancel does
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.was_cancelled
    assert dialog.result_label.text() == "Cancelled; nothing was written."
    assert dialog.import_button.isEnabled()
    assert customers_in(admin_db) == 0


def test_the_header_row_can_be_set_by_hand(qtbot, admin_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lista.csv"
    path.write_text("Lista,de,clientes\nQuién,Tlf,Dónde\nAna,600123456,Madrid\n", "utf-8")
    dialog = open_dialog(qtbot, admin_db, path)
    assert dialog.header_spin.value() == 1  # no known word: the first row of text
    assert dialog.preview_model.rowCount() == 2
    dialog.header_spin.setValue(2)
    qtbot.waitUntil(
        lambda: dialog.prepared is not None and dialog.prepared.table.header_rows == [2],
        timeout=TIMEOUT,
    )
    assert dialog.headers() == ["Quién", "Tlf", "Dónde"]
    assert dialog.preview_model.rowCount() == 1
    dialog.set_mapping(0, "name")
    dialog.set_mapping(1, "phone")
    press(qtbot, dialog, dialog.import_button)
    assert "created 1" in dialog.result_label.text()

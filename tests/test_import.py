"""Importing customers: messy files in every encoding, dates in every form, duplicates,
all-or-nothing with an error workbook, audit and search index, round trips with the
export, and the ``import`` command's exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app import cli
from app.db import Database, open_database
from app.errors import ValidationError
from app.models import AuditEntry, ContactPerson, Customer, Order, Vehicle
from app.models.enums import AuditAction, CustomerKind, Source
from app.services import customers, exports, importer, search, search_index
from app.services.importer import ImportOptions, parse_amount, parse_date

REPO = Path(__file__).resolve().parents[1]
DATA = Path("/work/shared/data")
TODAY = dt.date(2026, 11, 24)

ZH_CSV = (
    "客户信息表,,,,,,\n"
    "姓名,手机,车牌,生日,地址,联系人,邮箱\n"
    "张三,138 0013 8000,粤B·12345,1990/3/5,北京市朝阳区,张小三,zhang@example.com\n"
    '李四,13900139000,"京A88888, 京B66666",32937,上海市浦东新区,,\n'
    "王芳,+86 137-0013-7003,,1985年12月1日,广州市天河区,,wf@example.com\n"
)
ES_CSV = (
    "nombre;teléfono;correo;dirección;fecha de nacimiento;matrícula\n"
    "José Núñez;600 12 34 56;jose@correo.es;Calle Añil 3;05/03/1980;1234 BCD\n"
    "María Peña;+34 911 22 33 44;maria@correo.es;Plaza Mayor 1;1985-12-01;\n"
)


def run(
    db: Database, path: Path, user_id: int | None = None, **options: object
) -> importer.ImportResult:
    prepared = importer.prepare(db, path)
    errors = options.pop("errors_path", None)
    opts = ImportOptions(today=TODAY, **options)  # type: ignore[arg-type]
    return importer.import_table(
        db,
        user_id,
        prepared.table,
        prepared.mapping,
        opts,
        file_name=path.name,
        errors_path=errors,  # type: ignore[arg-type]
    )


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def by_name(db: Database, name: str) -> Customer:
    with db.session() as s:
        c = s.scalars(select(Customer).where(Customer.name == name)).one()
        s.expunge(c)
        return c


def xlsx(path: Path, rows: list[list[object]], sheet: str = "客户") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


# ------------------------------------------------------------------ values
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(1990, 3, 5), dt.date(1990, 3, 5)),
        (dt.datetime(1990, 3, 5, 14, 0), dt.date(1990, 3, 5)),
        (32937, dt.date(1990, 3, 5)),  # Excel serial
        (32937.75, dt.date(1990, 3, 5)),
        ("32937", dt.date(1990, 3, 5)),
        (45000, dt.date(2023, 3, 15)),
        ("2026/3/5", dt.date(2026, 3, 5)),
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("2026.3.5", dt.date(2026, 3, 5)),
        ("2026年3月5日", dt.date(2026, 3, 5)),
        ("20260305", dt.date(2026, 3, 5)),
        ("05/03/2026", dt.date(2026, 3, 5)),  # day first
        ("25/12/1980", dt.date(1980, 12, 25)),
        ("12/25/1980", dt.date(1980, 12, 25)),  # only a month-first reading is possible
        ("2021-01-28 05:14:15", dt.date(2021, 1, 28)),
        ("", None),
    ],
)
def test_dates_in_the_usual_forms(value: object, expected: dt.date | None) -> None:
    assert parse_date(value, "birthday") == expected


def test_month_first_for_us_offices_and_bad_dates() -> None:
    assert parse_date("03/05/2026", "d", month_first=True) == dt.date(2026, 3, 5)
    for bad in ("2026/2/30", "soon", "32/13/2020", 0, 99_999_999):
        with pytest.raises(ValidationError, match="is not a date"):
            parse_date(bad, "birthday")


def test_amounts_as_offices_write_them() -> None:
    assert parse_amount("1,234.56", "a") == Decimal("1234.56")
    assert parse_amount("1.234,56", "a") == Decimal("1234.56")
    assert parse_amount("¥88.50", "a") == Decimal("88.50")
    assert parse_amount("88,50 €", "a") == Decimal("88.50")
    assert parse_amount("1,200", "a") == Decimal("1200.00")
    assert parse_amount(10.0, "a") == Decimal("10.00")
    with pytest.raises(ValidationError):
        parse_amount("$-142.85", "a")


# ------------------------------------------------------------------ messy files
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_chinese_csv_in_each_encoding(db: Database, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "客户.csv"
    path.write_bytes(ZH_CSV.encode(encoding))
    result = run(db, path)
    assert (result.created, result.rejected, result.committed) == (3, 0, True)
    zhang = by_name(db, "张三")
    assert zhang.phone == "+8613800138000"
    assert zhang.birthday == dt.date(1990, 3, 5)
    assert zhang.address == "北京市朝阳区"
    assert zhang.email == "zhang@example.com"
    assert zhang.source is Source.IMPORT
    assert by_name(db, "李四").birthday == dt.date(1990, 3, 5)  # serial 32937
    assert by_name(db, "王芳").birthday == dt.date(1985, 12, 1)
    with db.session() as s:
        plates = sorted(s.scalars(select(Vehicle.plate)))
        contact = s.scalars(select(ContactPerson)).one()
    assert plates == ["京A88888", "京B66666", "粤B·12345"]
    assert (contact.name, contact.customer_id) == ("张小三", zhang.id)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_spanish_csv_with_semicolons(db: Database, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "clientes.csv"
    path.write_bytes(ES_CSV.encode(encoding))
    result = run(db, path, region="ES")
    assert (result.created, result.rejected) == (2, 0)
    jose = by_name(db, "José Núñez")
    assert (jose.phone, jose.email, jose.address) == (
        "+34600123456",
        "jose@correo.es",
        "Calle Añil 3",
    )
    assert jose.birthday == dt.date(1980, 3, 5)
    assert by_name(db, "María Peña").phone == "+34911223344"


def test_excel_serial_dates_and_date_cells(db: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "serial.xlsx",
        [
            ["Name", "Birthday", "Phone"],
            ["Ana", 29285, 13800000001],  # 1980-03-05 as a plain number cell
            ["Ben", dt.date(1975, 6, 30), "13800000002"],
            ["Cai", "2026/3/5", None],
            ["Dee", "1990年3月5日", None],
        ],
    )
    result = run(db, path)
    assert result.created == 4
    assert by_name(db, "Ana").birthday == dt.date(1980, 3, 5)
    assert by_name(db, "Ana").phone == "+8613800000001"
    assert by_name(db, "Ben").birthday == dt.date(1975, 6, 30)
    assert by_name(db, "Cai").birthday == dt.date(2026, 3, 5)
    assert by_name(db, "Dee").birthday == dt.date(1990, 3, 5)


def test_a_bad_row_in_the_middle_imports_nothing(db: Database, tmp_path: Path) -> None:
    rows: list[list[object]] = [["姓名", "手机", "邮箱", "生日"]]
    rows += [[f"客户{i}", f"1380000{i:04d}", f"c{i}@example.com", "1990-01-01"] for i in range(50)]
    rows[26] = ["坏客户", "12", "not-an-email", "2099-01-01"]  # file row 27
    path = xlsx(tmp_path / "bad.xlsx", rows)
    errors = tmp_path / "bad.errors.xlsx"
    audit_before = count(db, AuditEntry)
    checked = run(db, path, dry_run=True)
    assert (checked.created, checked.rejected, checked.committed) == (49, 1, False)
    result = run(db, path, errors_path=errors)
    assert not result.committed
    assert (result.created, result.rejected, result.exit_code) == (0, 1, 1)
    assert count(db, Customer) == 0 and count(db, AuditEntry) == audit_before

    wb = openpyxl.load_workbook(result.errors_path)
    ws = wb.active
    table = list(ws.iter_rows(values_only=True))
    assert table[0] == ("Row", "Column", "Value", "Reason")
    assert [r[:3] for r in table[1:]] == [
        (27, "手机", "12"),
        (27, "邮箱", "not-an-email"),
        (27, "生日", "2099-01-01"),
    ]
    assert "not a possible phone number" in table[1][3] or "not a phone number" in table[1][3]
    assert "not an email address" in table[2][3]
    assert "in the future" in table[3][3]
    assert ws["C2"].data_type == "s"  # the value stays text


def test_skip_invalid_imports_the_rest(db: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "some.xlsx",
        [["Name", "Email"], ["Ok One", "a@b.com"], ["", "nobody@b.com"], ["Ok Two", "x@qq.ocm"]],
    )
    result = run(db, path, skip_invalid=True, errors_path=tmp_path / "e.xlsx")
    assert (result.created, result.rejected, result.committed, result.exit_code) == (1, 2, True, 1)
    assert [(e.row, e.template) for e in result.errors] == [
        (3, "the name is required"),
        (4, "{value} looks mistyped (did you mean .com or .org?)"),
    ]
    assert count(db, Customer) == 1
    assert len(list(openpyxl.load_workbook(result.errors_path).active.iter_rows())) == 3


def test_dry_run_checks_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(ZH_CSV, encoding="utf-8")
    result = run(db, path, dry_run=True)
    assert (result.created, result.committed, result.dry_run) == (3, False, True)
    assert count(db, Customer) == 0


# ------------------------------------------------------------------ duplicates
@pytest.fixture
def existing(db: Database) -> Database:
    customers.create(
        db,
        None,
        customers.CustomerData(
            name="老张",
            phone="13800138000",
            email="old@example.com",
            city="厦门",
            plates=["闽D12345"],
        ),
    )
    return db


DUP_ROWS: list[list[object]] = [
    ["姓名", "手机", "邮箱", "车牌", "城市"],
    ["张三", "13800138000", None, None, "北京"],  # same phone
    ["张三丰", None, "OLD@example.com", None, None],  # same email (case)
    ["小张", None, None, "闽D-12345", None],  # same plate
    ["新人", "13911112222", "new@example.com", "闽D99999", "上海"],
    ["新人二号", "13911112222", None, None, None],  # same phone as the row above
]


def test_duplicates_skipped(existing: Database, tmp_path: Path) -> None:
    result = run(existing, xlsx(tmp_path / "d.xlsx", DUP_ROWS))
    assert (result.created, result.updated, result.skipped) == (1, 0, 4)
    assert [(row, reason) for row, _id, reason in result.duplicates] == [
        (2, "phone"),
        (3, "email"),
        (4, "plate"),
        (6, "phone"),
    ]
    assert count(existing, Customer) == 2
    assert by_name(existing, "老张").city == "厦门"


def test_duplicates_updated(existing: Database, tmp_path: Path) -> None:
    old = by_name(existing, "老张")
    result = run(existing, xlsx(tmp_path / "d.xlsx", DUP_ROWS), on_duplicate="update")
    assert (result.created, result.updated, result.skipped) == (1, 4, 0)
    assert count(existing, Customer) == 2
    with existing.session() as s:
        now = s.get(Customer, old.id)
        assert now is not None
        # the file's values win, row after row: the last name, the city of row 2
        assert (now.name, now.city, now.phone) == ("小张", "北京", old.phone)
        assert now.version == old.version + 1
        fields = set(
            s.scalars(
                select(AuditEntry.field).where(
                    AuditEntry.action == AuditAction.UPDATE, AuditEntry.entity_id == old.id
                )
            )
        )
        hits = search.search(s, "小张").hits
    assert {"name", "city"} <= fields
    assert old.id in [h.id for h in hits]  # the index follows the new name
    new = by_name(existing, "新人二号")  # the file's own duplicate updated the new customer
    assert new.phone == "+8613911112222" and new.city == "上海"


def test_duplicates_created(existing: Database, tmp_path: Path) -> None:
    result = run(existing, xlsx(tmp_path / "d.xlsx", DUP_ROWS), on_duplicate="create")
    assert (result.created, result.skipped) == (5, 0)
    assert count(existing, Customer) == 6


# ------------------------------------------------------------------ side effects
def test_audit_row_numbers_and_search_index(db: Database, tmp_path: Path) -> None:
    from app.services.users import ensure_admin

    admin_id = ensure_admin(db, "ada", "Ada Admin")
    customers.create(db, admin_id, customers.CustomerData(name="Before"))
    path = tmp_path / "c.csv"
    path.write_text(ZH_CSV, encoding="utf-8")
    result = run(db, path, user_id=admin_id)
    with db.session() as s:
        summary = s.scalars(
            select(AuditEntry).where(
                AuditEntry.action == AuditAction.IMPORT, AuditEntry.entity == "import"
            )
        ).one()
        per_customer = s.scalar(
            select(func.count()).where(
                AuditEntry.action == AuditAction.IMPORT, AuditEntry.entity == "customer"
            )
        )
        numbers = sorted(s.scalars(select(Customer.number)))
        owners = set(s.scalars(select(Customer.owner_id)))
        zhang = s.scalars(select(Customer).where(Customer.name == "张三")).one()
        hits = search.search(s, "zs").hits
        by_plate = search.search(s, "12345").hits
        by_contact = search.search(s, "张小三").hits
    assert summary.user_id == admin_id and "created 3" in (summary.note or "")
    assert per_customer == 3
    assert numbers == ["C000001", "C000002", "C000003", "C000004"]
    assert owners == {admin_id}
    assert zhang.sort_name and zhang.sort_name.startswith("zhang san")
    assert zhang.id in [h.id for h in hits]
    assert zhang.id in [h.id for h in by_plate]
    assert zhang.id in [h.id for h in by_contact]
    assert result.customer_ids == sorted(result.customer_ids)


def test_orders_come_in_with_their_customers(db: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "o.xlsx",
        [
            ["客户名称", "手机", "订单号", "下单日期", "金额"],
            ["甲公司", "13800000001", "SO-1", 45000, "¥1,200.50"],
            ["乙公司", "13800000002", None, "2026/3/5", 88],
            ["甲公司", "13800000001", "SO-2", "2026-01-02", 10],  # same customer, second order
        ],
    )
    result = run(db, path, on_duplicate="update")
    assert (result.created, result.updated, result.orders) == (2, 1, 3)
    with db.session() as s:
        orders = s.execute(
            select(Customer.name, Order.number, Order.order_date, Order.amount)
            .join(Customer, Customer.id == Order.customer_id)
            .order_by(Order.id)
        ).all()
    assert [tuple(o) for o in orders] == [
        ("甲公司", "SO-1", dt.date(2023, 3, 15), Decimal("1200.50")),
        ("甲公司", "SO-2", dt.date(2026, 1, 2), Decimal("10.00")),
        ("乙公司", None, dt.date(2026, 3, 5), Decimal("88.00")),
    ]
    again = run(db, path, on_duplicate="update")  # the order numbers exist now
    assert again.rejected == 2 and not again.committed


def test_a_failure_in_the_middle_leaves_the_database_as_before(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = count(demo_db, Customer), count(demo_db, Vehicle), count(demo_db, AuditEntry)
    rows: list[list[object]] = [["姓名", "手机", "车牌"]]
    rows += [[f"新客{i}", f"1390000{i:04d}", f"沪C{i:05d}"] for i in range(5000)]
    path = xlsx(tmp_path / "many.xlsx", rows)

    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(search_index, "reindex", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        run(demo_db, path)
    after = count(demo_db, Customer), count(demo_db, Vehicle), count(demo_db, AuditEntry)
    assert after == before


@pytest.mark.parametrize("after", [3000, 6000], ids=["while writing", "while indexing"])
def test_cancel_writes_nothing(db: Database, tmp_path: Path, after: int) -> None:
    rows: list[list[object]] = [["Name", "Phone"]]
    rows += [[f"P{i}", f"1390000{i:04d}"] for i in range(3000)]
    path = xlsx(tmp_path / "c.xlsx", rows)
    prepared = importer.prepare(db, path)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int, _text: str | None) -> None:
        seen.append((done, total))

    with pytest.raises(importer.ImportCancelled):
        importer.import_table(
            db,
            None,
            prepared.table,
            prepared.mapping,
            progress=progress,
            cancelled=lambda: bool(seen) and seen[-1][0] > after,
        )
    assert seen[-1][1] == 9000 and after < seen[-1][0] <= 9000  # before the commit
    assert count(db, Customer) == 0 and count(db, AuditEntry) == 0


@pytest.mark.sqlite_only
def test_killed_in_the_middle_leaves_the_database_as_before(
    demo_db_path: Path, tmp_path: Path
) -> None:
    db = open_database(demo_db_path)
    before = count(db, Customer)
    db.dispose()
    path = tmp_path / "big.csv"
    lines = ["姓名,手机,车牌"] + [f"客{i},1370000{i:04d},浙A{i:05d}" for i in range(20000)]
    path.write_text("\n".join(lines), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "import", "--db", str(demo_db_path), str(path)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + 120
    while b"import: 5" not in seen and time.monotonic() < deadline:  # 50 %: writing
        chunk = os.read(proc.stderr.fileno(), 64)
        if not chunk:
            break
        seen += chunk
    assert b"import: 5" in seen, seen
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    db = open_database(demo_db_path)
    try:
        assert count(db, Customer) == before
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        db.dispose()


# ------------------------------------------------------------------ round trips
FIELDS = (
    "number",
    "name",
    "kind",
    "phone",
    "phone2",
    "email",
    "city",
    "district",
    "source",
    "category",
    "membership_card",
    "membership_level",
    "birthday",
    "address",
)


def snapshot(db: Database) -> dict[str, tuple[object, ...]]:
    with db.session() as s:
        plates: dict[int, set[str]] = {}
        for cid, plate in s.execute(select(Vehicle.customer_id, Vehicle.plate)):
            plates.setdefault(cid, set()).add(plate)
        rows = s.execute(
            select(Customer.id, *(getattr(Customer, f) for f in FIELDS)).where(
                Customer.deleted_at.is_(None)
            )
        )
        return {r.number: (*r[1:], frozenset(plates.get(r.id, ()))) for r in rows}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_export_then_import(
    demo_db: Database, db: Database, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"customers{suffix}"
    exports.export(demo_db, None, exports.ExportRequest("customers"), out)
    result = run(db, out, on_duplicate="create")
    original = snapshot(demo_db)
    assert result.rejected == 0, result.errors[:3]
    assert result.created == len(original) == 300
    assert snapshot(db) == original
    # and into the database it came from: every row is a customer already there
    again = run(demo_db, out)
    assert (again.created, again.skipped) == (0, 300)
    assert snapshot(demo_db) == original


def test_kind_and_company_columns(db: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "k.xlsx",
        [
            ["Nombre", "Tipo", "Razón Social", "Persona de contacto"],
            ["Bodega Sur", "empresa", "Bodega Sur S.A. de C.V.", "Ana Gómez"],
            ["Juan López", "individual", None, None],
            ["X", "alien", None, None],
        ],
    )
    result = run(db, path, skip_invalid=True)
    assert result.rejected == 1 and result.errors[0].column == "Tipo"
    bodega = by_name(db, "Bodega Sur")
    assert (bodega.kind, bodega.legal_name) == (CustomerKind.COMPANY, "Bodega Sur S.A. de C.V.")
    assert by_name(db, "Juan López").kind is CustomerKind.PERSON


def test_owners_by_name_and_unknown_owners_kept_in_the_notes(db: Database, tmp_path: Path) -> None:
    from app.services.users import ensure_admin

    admin_id = ensure_admin(db, "ada", "Ada Admin")
    path = xlsx(
        tmp_path / "owners.xlsx",
        [["Name", "Comercial"], ["One", "ada admin"], ["Two", "ADA"], ["Three", "María García"]],
    )
    result = run(db, path)
    assert (result.created, result.rejected) == (3, 0)
    assert result.unknown_owners == ["María García"]
    with db.session() as s:
        rows = dict(s.execute(select(Customer.name, Customer.owner_id)).all())
    assert rows == {"One": admin_id, "Two": admin_id, "Three": None}
    assert by_name(db, "Three").notes == "Comercial: María García"


def test_a_viewer_may_check_but_not_import(db: Database, tmp_path: Path) -> None:
    from app.errors import PermissionDenied
    from app.models import User
    from app.models.enums import Role

    def add_viewer(s: object) -> int:
        user = User(username="vic", display_name="Vic Viewer", role=Role.VIEWER)
        s.add(user)  # type: ignore[attr-defined]
        s.flush()  # type: ignore[attr-defined]
        return user.id

    viewer = db.run_write(add_viewer)
    path = tmp_path / "c.csv"
    path.write_text(ZH_CSV, encoding="utf-8")
    assert run(db, path, user_id=viewer, dry_run=True).created == 3
    with pytest.raises(PermissionDenied):
        run(db, path, user_id=viewer)
    assert count(db, Customer) == 0


def test_a_read_only_database_is_refused(db_path: Path, tmp_path: Path) -> None:
    from app.errors import ReadOnlyError

    open_database(db_path).dispose()
    path = tmp_path / "c.csv"
    path.write_text(ZH_CSV, encoding="utf-8")
    ro = open_database(db_path, read_only=True)
    try:
        assert run(ro, path, dry_run=True).created == 3
        with pytest.raises(ReadOnlyError):
            run(ro, path)
    finally:
        ro.dispose()


# ------------------------------------------------------------------ real files
@pytest.mark.skipif(not DATA.is_dir(), reason="the shared sample files are absent")
def test_real_files_import(db: Database, tmp_path: Path) -> None:
    expected = {
        "en_akaunting_invoices_orders.xlsx": (1, 0),
        "en_invoiceninja_v4_clients_export.csv": (20, 0),
        "en_odoo12_res_partner.xls": (8, 0),
        "en_odoo18_res_partner.xlsx": (3, 0),
        "es_enerfone_plantilla_clientes.xlsx": (1, 0),
        "es_sv_bodega_plantilla_clientes.xlsx": (2, 0),
        "zh_aicustomer_customer_template.csv": (3, 0),
        "zh_en_customer_template_2header.xlsx": (0, 2),  # @qq.ocm
        "zh_jsherp_customer_template.xls": (2, 0),
    }
    for name, (created, rejected) in expected.items():
        result = run(db, DATA / name, skip_invalid=True, errors_path=tmp_path / f"{name}.err.xlsx")
        assert (result.created, result.rejected) == (created, rejected), name
    assert by_name(db, "客户a").phone == "+8613000000000"
    assert by_name(db, "Test Customer").email == "test@customer.com"
    assert by_name(db, "示例企业1").tax_id == "91110000123456789X"
    assert by_name(db, "示例企业1").postcode == "100000"
    spain = by_name(db, "Ejemplo Cliente S.L.")
    assert (spain.phone, spain.tax_id, spain.postcode) == ("+86912345678", "B12345678", "28001")
    assert spain.address == "Calle Mayor 10 A 3 B"  # street, number, stair, floor, door
    with db.session() as s:
        people = set(
            s.scalars(select(ContactPerson.name).where(ContactPerson.customer_id == spain.id))
        )
    assert people == {"Juan Pérez"}
    with pytest.raises(importer.ImportFileError, match="no rows under its header"):
        importer.prepare(db, DATA / "zh_crm_customer_template_is_biff8.xlsx")


def set_country(db: Database, country: str) -> None:
    from app.models import Setting

    db.run_write(lambda s: s.add(Setting(key="office.country", value=country)))


@pytest.mark.skipif(not DATA.is_dir(), reason="the shared sample files are absent")
def test_phones_without_country_code_take_the_offices_country(db: Database) -> None:
    set_country(db, "SV")
    result = run(db, DATA / "es_sv_bodega_plantilla_clientes.xlsx")
    assert (result.created, result.rejected) == (2, 0)
    juan = by_name(db, "Juan López")
    assert (juan.phone, juan.phone2, juan.number) == ("+50322335566", "+50377665544", "CLI-002")
    bodega = by_name(db, "Empresa Ejemplo S.A.")
    assert bodega.kind is CustomerKind.COMPANY and bodega.postcode == "01101"
    with db.session() as s:
        contact = s.scalars(
            select(ContactPerson).where(ContactPerson.customer_id == bodega.id)
        ).one()
    assert contact.email and contact.title


# ------------------------------------------------------------------ command line
def test_cli_exit_codes_and_summary(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_database(db_path).dispose()
    good = tmp_path / "good.csv"
    good.write_text(ZH_CSV, encoding="gbk")
    code = cli.main(["import", "--db", str(db_path), str(good), "--dry-run", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0 and "created 3, updated 0, skipped 0, rejected 0" in out and "dry run" in out
    assert cli.main(["import", "--db", str(db_path), str(good), "--quiet"]) == 0
    assert "imported good.csv" in capsys.readouterr().out
    assert cli.main(["import", "--db", str(db_path), str(good), "--quiet"]) == 0
    assert "skipped 3" in capsys.readouterr().out

    bad = xlsx(tmp_path / "bad.xlsx", [["姓名", "手机"], ["甲", "13800000009"], ["乙", "12"]])
    errors = tmp_path / "out" / "errors.xlsx"
    errors.parent.mkdir()
    code = cli.main(["import", "--db", str(db_path), str(bad), "--errors", str(errors), "--quiet"])
    captured = capsys.readouterr()
    assert code == 1 and "rejected 1" in captured.out and "row 3, 手机" in captured.err
    assert errors.exists() and "nothing imported" in captured.err
    code = cli.main(["import", "--db", str(db_path), str(bad), "--skip-invalid", "--quiet"])
    assert code == 1 and "created 1" in capsys.readouterr().out
    assert (tmp_path / "bad.errors.xlsx").exists()  # the default place, next to the file

    assert cli.main(["import", "--db", str(db_path), str(tmp_path / "nope.xlsx")]) == 2
    assert "no file" in capsys.readouterr().err
    nameless = xlsx(tmp_path / "nameless.xlsx", [["foo", "bar"], ["1", "2"]])
    assert cli.main(["import", "--db", str(db_path), str(nameless)]) == 2
    assert "name" in capsys.readouterr().err


def test_cli_mapping_sheet_and_update(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_database(db_path).dispose()
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["这是说明页"])
    ws = wb.create_sheet("数据")
    ws.append(["Col A", "Col B", "Col C"])
    ws.append(["Ana", "600123456", "Madrid"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Col A": "name", "B": "phone", "Col C": "city"}), "utf-8")
    args = ["import", "--db", str(db_path), str(path), "--sheet", "数据", "--quiet"]
    assert cli.main([*args, "--map", str(mapping)]) == 0
    assert "created 1" in capsys.readouterr().out
    ws["C2"] = "Sevilla"
    wb.save(path)
    assert cli.main([*args, "--map", str(mapping), "--on-duplicate", "update"]) == 0
    assert "updated 1" in capsys.readouterr().out
    db = open_database(db_path)
    try:
        ana = by_name(db, "Ana")
        assert (ana.city, ana.phone) == ("Sevilla", "+86600123456")  # the default region, CN
    finally:
        db.dispose()
    from app.services import import_mapping

    db = open_database(db_path)
    import_mapping.save(
        db, None, "hoja de datos", ["Col A", "Col B", "Col C"], {0: "name", 2: "city"}
    )
    db.dispose()
    ws["A2"], ws["C2"] = "Bea", "Cádiz"
    wb.save(path)
    assert cli.main([*args, "--map", "hoja de datos"]) == 0  # a saved mapping, by name
    assert "created 1" in capsys.readouterr().out
    assert cli.main([*args]) == 0  # the saved mapping fits these headers: used by itself
    assert "created 1" in capsys.readouterr().out  # no phone in that mapping: no duplicate
    db = open_database(db_path)
    with db.session() as s:
        beas = s.execute(select(Customer.phone, Customer.city).where(Customer.name == "Bea")).all()
    db.dispose()
    assert [tuple(b) for b in beas] == [(None, "Cádiz"), (None, "Cádiz")]
    assert cli.main([*args[:-3], "--sheet", "nope", "--quiet"]) == 2
    assert "no sheet nope" in capsys.readouterr().err


def test_an_import_works_out_segments_again(db: Database, tmp_path: Path) -> None:
    """The imported customers have their classes and lifecycle at once (the issue:
    recomputed after imports)."""
    from app.models import CustomerSegment
    from app.services import segments

    path = tmp_path / "c.csv"
    path.write_text("姓名,手机\n王师傅,13900000001\n李娜,13900000002\n", encoding="utf-8")
    assert cli.main(["import", "--db", db.target, str(path)]) == 0
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CustomerSegment)) == 2
        assert segments.last_computed(s) is not None


def test_a_salespersons_import_works_out_segments_too(db: Database, tmp_path: Path) -> None:
    """The segments after an import are worked out as the importing user, whom
    ``segments.recompute`` lets do it."""
    from app.models import CustomerSegment, User
    from app.models.enums import Role
    from app.services import importer

    with db.write() as s:
        sam = User(username="sam", display_name="Sam", role=Role.SALES)
        s.add(sam)
        s.flush()
        uid = sam.id
    path = tmp_path / "c.csv"
    path.write_text("姓名,手机\n王师傅,13900000001\n", encoding="utf-8")
    prepared = importer.prepare(db, path)
    result = importer.import_table(db, uid, prepared.table, prepared.mapping)
    assert result.created == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CustomerSegment)) == 1

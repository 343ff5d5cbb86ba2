"""Exports: typed cells that load back, CSV Excel opens, exactly the filtered and sorted
rows, cancel without a half file, the command line's one-line errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app import cli
from app.cli import main
from app.db import Database
from app.models import AuditEntry, Customer, Order, Task, User, Vehicle
from app.models.enums import AuditAction, Lifecycle
from app.reports.export import (
    Column,
    ExportCancelled,
    ExportError,
    Kind,
    write_table,
)
from app.services import customer_list, exports, pipeline
from app.services.customer_list import CustomerFilter
from app.services.exports import ExportRequest, export

DIGITS = ("13812345678", "0034600123456", "00000000000000000012", "1.5E+10")


def load(path: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    wb = openpyxl.load_workbook(path)
    return wb[wb.sheetnames[0]]


def calamine_rows(path: Path) -> list[list[object]]:
    wb = CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_index(0).to_python()


@pytest.fixture
def digits_db(db: Database) -> Database:
    """Customers whose phone, card, number and plate are all digits."""
    with db.write() as s:
        for i, digits in enumerate(DIGITS):
            c = Customer(
                number=f"00{i}7",
                name=f"王小明{i}",
                sort_name=f"wangxiaoming{i}",
                phone=digits,
                membership_card=f"0{digits}",
                birthday=dt.date(1990, 1, i + 1),
            )
            c.vehicles.append(Vehicle(plate=f"{i}2345"))
            s.add(c)
        s.add(Customer(number="C9", name="=1+1", sort_name="z", phone="+34 600 123 456"))
    return db


# ------------------------------------------------------------------- writer
def test_write_table_types_every_kind(tmp_path: Path) -> None:
    cols = [
        Column("n", "Número"),
        Column("p", "手机"),
        Column("d", "生日", Kind.DATE),
        Column("m", "Amount", Kind.MONEY),
        Column("t", "At", Kind.DATETIME),
        Column("x", "Pct", Kind.PERCENT),
        Column("i", "Count", Kind.INT),
    ]
    at = dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC)
    rows = [
        ("00123", "13812345678", dt.date(2026, 3, 5), Decimal("1234.50"), at, 35, 3),
        ("#N/A", "0034600123456", None, None, None, None, None),
    ]
    out = write_table(tmp_path / "t.xlsx", cols, rows, sheet="客户: 3/5", money_format="#,##0.00")
    assert out.rows == 2
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["客户  3 5"]
    ws = wb.active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G3"
    assert [c.value for c in ws[1]] == [c.header for c in cols]
    assert ws[1][0].font.bold
    n, p, d, m, t, x, i = ws[2]
    assert (n.value, n.data_type) == ("00123", "s")
    assert (p.value, p.data_type) == ("13812345678", "s")
    assert d.value == dt.datetime(2026, 3, 5) and d.is_date and d.number_format == "yyyy-mm-dd"
    assert m.value == 1234.5 and m.data_type == "n" and m.number_format == "#,##0.00"
    assert t.is_date and t.value == at.astimezone().replace(tzinfo=None)
    assert x.value == pytest.approx(0.35) and x.number_format == "0%"
    assert i.value == 3
    assert [(c.value, c.data_type) for c in ws[3][:2]] == [
        ("#N/A", "s"),
        ("0034600123456", "s"),
    ]
    assert ws.column_dimensions["B"].width >= len("0034600123456")
    assert ws.column_dimensions["C"].width >= 10


def test_text_openpyxl_would_refuse_or_misread(tmp_path: Path) -> None:
    rows = [("bell\x07 and tab\t",), ("x" * 40_000,), ("=SUM(A1:A2)",), ("",), (12,)]
    write_table(tmp_path / "t.xlsx", [Column("a", "A")], rows)
    ws = load(tmp_path / "t.xlsx")
    got = [c.value for (c,) in ws.iter_rows(min_row=2)]
    assert got == ["bell and tab\t", "x" * 32_767, "=SUM(A1:A2)", None, "12"]
    assert all(c.data_type == "s" for (c,) in ws.iter_rows(min_row=2) if c.value is not None)


def test_csv_has_bom_and_plain_values(tmp_path: Path) -> None:
    cols = [Column("n", "姓名"), Column("m", "金额", Kind.MONEY), Column("d", "日期", Kind.DATE)]
    rows = [("王小明", Decimal("12.5"), dt.date(2026, 3, 5)), ("=HYPERLINK()", None, None)]
    write_table(tmp_path / "t.csv", cols, rows)
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    got = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert got == [
        ["姓名", "金额", "日期"],
        ["王小明", "12.50", "2026-03-05"],
        ["'=HYPERLINK()", "", ""],
    ]


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"before")
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)

    rows = ((str(i), i) for i in range(10_000))
    with pytest.raises(ExportCancelled):
        write_table(
            target,
            [Column("a", "A"), Column("b", "B", Kind.INT)],
            rows,
            progress=progress,
            cancelled=lambda: len(calls) >= 2,
            every=100,
        )
    assert calls == [100, 200]
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_too_many_rows_for_a_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.reports import export as module

    monkeypatch.setattr(module, "SHEET_ROWS_MAX", 5)
    with pytest.raises(ExportError, match="do not fit on a sheet"):
        write_table(tmp_path / "a.xlsx", [Column("a", "A")], [(str(i),) for i in range(6)])
    assert list(tmp_path.iterdir()) == []
    write_table(tmp_path / "a.xlsx", [Column("a", "A")], [(str(i),) for i in range(5)])
    write_table(tmp_path / "a.csv", [Column("a", "A")], [(str(i),) for i in range(6)])


def test_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    def rows():  # type: ignore[no-untyped-def]
        yield ("a",)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_table(tmp_path / "out.csv", [Column("a", "A")], rows())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_is_not_private(tmp_path: Path) -> None:
    write_table(tmp_path / "out.csv", [Column("a", "A")], [("x",)])
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o644


def test_bad_target(tmp_path: Path) -> None:
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(ExportError, match="cannot write"):
        write_table(tmp_path / "folder.xlsx", [Column("a", "A")], [("x",)])
    assert [p.name for p in tmp_path.iterdir()] == ["folder.xlsx"]
    with pytest.raises(ExportError, match=r"use a \.xlsx or \.csv"):
        write_table(tmp_path / "out.txt", [Column("a", "A")], [])
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="no such folder"):
        write_table(tmp_path / "file" / "out.xlsx", [Column("a", "A")], [])


# ----------------------------------------------------------------- services
@pytest.mark.parametrize("what", exports.WHATS)
def test_every_table_exports_typed_cells(demo_db: Database, tmp_path: Path, what: str) -> None:
    path = tmp_path / f"{what}.xlsx"
    result = export(demo_db, None, ExportRequest(what), path)
    cols = exports.columns_for(what)
    with demo_db.session() as s:
        expected = exports.count(s, exports.build_query(s, ExportRequest(what), cols))
    assert result.rows == expected > 0
    ws = load(path)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.endswith(str(expected + 1))
    rows = list(ws.iter_rows())
    assert [c.value for c in rows[0]] == [c.header for c in cols]
    assert len(rows) == expected + 1
    seen: set[Kind] = set()
    for row in rows[1:]:
        for col, cell in zip(cols, row, strict=True):
            if cell.value is None:
                continue
            seen.add(col.kind)
            if col.kind in (Kind.DATE, Kind.DATETIME):
                assert isinstance(cell.value, dt.datetime) and cell.is_date, (col.key, cell.value)
            elif col.kind is Kind.MONEY:
                assert isinstance(cell.value, int | float), (col.key, cell.value)
                assert "0.00" in cell.number_format
            elif col.kind is Kind.INT:
                assert isinstance(cell.value, int)
            elif col.kind is Kind.PERCENT:
                assert 0 <= cell.value <= 1 and cell.number_format == "0%"
            else:
                assert isinstance(cell.value, str), (col.key, cell.value)
                assert cell.data_type == "s"
    if any(c.kind is Kind.MONEY for c in cols):
        assert Kind.MONEY in seen


def test_digit_strings_stay_text(digits_db: Database, tmp_path: Path) -> None:
    export(digits_db, None, ExportRequest("customers"), tmp_path / "c.xlsx")
    export(digits_db, None, ExportRequest("vehicles"), tmp_path / "v.xlsx")
    keys = [c.key for c in exports.columns_for("customers")]
    rows = list(load(tmp_path / "c.xlsx").iter_rows(min_row=2, values_only=True))
    phones = {r[keys.index("phone")] for r in rows}
    assert set(DIGITS) | {"+34 600 123 456"} == phones
    assert {r[keys.index("membership_card")] for r in rows} >= {"0" + d for d in DIGITS}
    assert {r[keys.index("number")] for r in rows} >= {"0007", "0017"}
    assert "=1+1" in {r[keys.index("name")] for r in rows}
    plates = [r[2] for r in load(tmp_path / "v.xlsx").iter_rows(min_row=2, values_only=True)]
    assert plates == [f"{i}2345" for i in range(len(DIGITS))]
    # calamine reads back exactly the same strings
    back = calamine_rows(tmp_path / "c.xlsx")[1:]
    assert {r[keys.index("phone")] for r in back} == phones
    assert {r[keys.index("plates")] for r in back} >= {f"{i}2345" for i in range(len(DIGITS))}


def test_calamine_round_trip_of_the_demo(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    export(demo_db, None, ExportRequest("customers"), path)
    keys = [c.key for c in exports.columns_for("customers")]
    with demo_db.session() as s:
        page = customer_list.page(s, CustomerFilter(), limit=1000)
    back = calamine_rows(path)
    assert back[0] == [c.header for c in exports.columns_for("customers")]
    for key in ("number", "name", "phone", "plates", "owner"):
        got = [r[keys.index(key)] for r in back[1:]]
        assert got == [r[key] or "" for r in page], key
    birthdays = [r[keys.index("birthday")] for r in back[1:]]
    assert any(isinstance(b, dt.date) for b in birthdays)


def test_csv_of_customers_opens_as_utf8_with_chinese(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    export(demo_db, None, ExportRequest("customers"), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    with demo_db.session() as s:
        names = [r["name"] for r in customer_list.page(s, CustomerFilter(), limit=1000)]
    assert [r[1] for r in rows[1:]] == names
    assert any("\u4e00" <= ch <= "\u9fff" for ch in names[0])


@pytest.mark.parametrize(
    ("flt", "sort", "descending"),
    [
        (CustomerFilter(), "name", False),
        (CustomerFilter(lifecycle=Lifecycle.STEADY), "created_at", True),
        (CustomerFilter(has_vehicle=True, owes_money=True), "owner", False),
        (CustomerFilter(), "plates", False),  # not sortable: falls back to the name, as the page
    ],
)
def test_customers_export_is_the_page(
    demo_db: Database, tmp_path: Path, flt: CustomerFilter, sort: str, descending: bool
) -> None:
    request = ExportRequest("customers", customer_filter=flt, sort=sort, descending=descending)
    path = tmp_path / "c.xlsx"
    export(demo_db, None, request, path)
    with demo_db.session() as s:
        expected = [r["number"] for r in customer_list.page(s, flt, sort, descending, limit=1000)]
    got = [r[0] for r in load(path).iter_rows(min_row=2, values_only=True)]
    assert got == expected
    assert 0 < len(got) <= 300


@pytest.mark.parametrize(
    "flt",
    [
        pipeline.BoardFilter(),
        pipeline.BoardFilter(min_amount=Decimal(100_000), closed_days=30),
    ],
)
def test_deals_export_is_the_board(
    demo_db: Database, tmp_path: Path, flt: pipeline.BoardFilter
) -> None:
    """Exactly the board's cards, column by column in its order; without a pipeline, the
    boards of every pipeline one after the other."""
    from app.services import pipelines

    path = tmp_path / "d.xlsx"
    export(demo_db, None, ExportRequest("deals", board_filter=flt), path)
    with demo_db.session() as s:
        boards = [pipeline.board(s, p.id, flt) for p in pipelines.pipelines(s)]
    assert len(boards) == 2
    expected = [
        (c.title, c.customer_name) for board in boards for col in board.columns for c in col.cards
    ]
    ws = load(path)
    header = [c.value for c in ws[1]]
    title, customer = header.index("Title"), header.index("Customer")
    got = [(r[title], r[customer]) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert got == expected and got


@pytest.mark.parametrize("status", ["open", "done", "all"])
def test_tasks_export_is_the_tasks_page(demo_db: Database, tmp_path: Path, status: str) -> None:
    from app.services import tasks

    path = tmp_path / "t.xlsx"
    with demo_db.session() as s:
        owner = s.scalar(select(Task.owner_id).where(Task.owner_id.is_not(None)).limit(1))
        total, rows = tasks.listing(s, owner, "mine", status, limit=100_000)  # type: ignore[arg-type]
    export(demo_db, None, ExportRequest("tasks", owner_id=owner, task_status=status), path)  # type: ignore[arg-type]
    ws = load(path)
    title = [c.value for c in ws[1]].index("Title")
    got = [r[title] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert got == [r.title for r in rows] and len(got) == total > 0


def test_owner_and_days(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.session() as s:
        owner_id, name, username = s.execute(
            select(Order.owner_id, User.display_name, User.username)
            .join(User, User.id == Order.owner_id)
            .group_by(Order.owner_id, User.display_name, User.username)
            .order_by(func.count().desc(), Order.owner_id)
        ).first()
        first, last = s.execute(
            select(func.min(Order.order_date), func.max(Order.order_date))
        ).one()
        assert exports.resolve_owner(s, username.upper()) == owner_id
        assert exports.resolve_owner(s, name) == owner_id
    middle = first + (last - first) / 2
    request = ExportRequest("orders", owner_id=owner_id, date_from=middle, date_to=last)
    result = export(demo_db, None, request, tmp_path / "o.xlsx")
    rows = list(load(tmp_path / "o.xlsx").iter_rows(min_row=2, values_only=True))
    keys = [c.key for c in exports.columns_for("orders")]
    assert len(rows) == result.rows > 0
    for r in rows:
        assert r[keys.index("owner")] == name
        assert middle <= r[keys.index("order_date")].date() <= last
    with demo_db.session() as s:
        expected = s.scalar(
            select(func.count())
            .select_from(Order)
            .join(Customer, Customer.id == Order.customer_id)
            .where(
                Order.owner_id == owner_id,
                Order.order_date.between(middle, last),
                Order.deleted_at.is_(None),
                Customer.deleted_at.is_(None),
            )
        )
    assert result.rows == expected


def test_datetime_days_are_local_whole_days(demo_db: Database, tmp_path: Path) -> None:
    day = dt.date(2025, 6, 1)
    export(
        demo_db, None, ExportRequest("activities", date_from=day, date_to=day), tmp_path / "a.xlsx"
    )
    for when, *_rest in load(tmp_path / "a.xlsx").iter_rows(min_row=2, values_only=True):
        assert when.date() == day


def test_audit_row_and_headers_and_translation(demo_db: Database, tmp_path: Path) -> None:
    export(
        demo_db,
        None,
        ExportRequest("customers", customer_filter=CustomerFilter(lifecycle=Lifecycle.LOST)),
        tmp_path / "c.xlsx",
        headers={"name": "姓名"},
        sheet="客户",
        translate=lambda v: {"lost": "流失"}.get(v, v),
    )
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    ws = wb["客户"]
    keys = [c.key for c in exports.columns_for("customers")]
    assert ws.cell(1, keys.index("name") + 1).value == "姓名"
    assert {r[keys.index("lifecycle")] for r in ws.iter_rows(min_row=2, values_only=True)} == {
        "流失"
    }
    with demo_db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
    assert entry.entity == "customers"
    assert "c.xlsx" in (entry.note or "") and "filtered" in (entry.note or "")


def test_no_money_for_a_user_without_financials(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.session() as s:
        user_id = s.scalar(select(User.id).where(User.may_see_financials.is_(False)).limit(1))
    assert user_id is not None
    export(demo_db, user_id, ExportRequest("orders"), tmp_path / "o.xlsx")
    rows = [[c.value for c in r] for r in load(tmp_path / "o.xlsx").iter_rows()]
    header, body = rows[0], rows[1:]
    assert "Amount" in header and "Cost" in header and "Number" in header  # kept, blank
    amount, cost, number = header.index("Amount"), header.index("Cost"), header.index("Number")
    assert body and all(r[amount] is None and r[cost] is None for r in body)
    assert all(r[number] for r in body)


def test_prefetch_stops_its_reader_and_passes_errors(demo_db: Database) -> None:
    import threading

    from sqlalchemy import text

    query = select(Customer.number).order_by(Customer.id)
    rows = exports.prefetch(demo_db.engine, query, batch=10, depth=1)
    first = [next(rows)[0] for _ in range(15)]
    rows.close()  # as a cancelled export does
    assert not any(t.name == "clientela-export-read" for t in threading.enumerate())
    with demo_db.session() as s:
        assert first == list(s.scalars(query.limit(15)))
        assert [r[0] for r in exports.prefetch(demo_db.engine, query)] == list(s.scalars(query))
    with pytest.raises(SQLAlchemyError):
        list(exports.prefetch(demo_db.engine, select(text("nope")).select_from(Customer)))


def test_cancelled_export_leaves_no_file_and_no_reader(demo_db: Database, tmp_path: Path) -> None:
    import threading

    folder = tmp_path / "out"
    folder.mkdir()
    seen: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled):
        export(
            demo_db,
            None,
            ExportRequest("activities"),
            folder / "a.xlsx",
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: bool(seen),
        )
    assert len(seen) == 1 and seen[0][0] == 500 and seen[0][1] > 500
    assert list(folder.iterdir()) == []
    assert not any(t.name == "clientela-export-read" for t in threading.enumerate())
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == AuditAction.EXPORT)) == 0


def test_request_validation() -> None:
    with pytest.raises(exports.ValidationError, match="cannot export"):
        ExportRequest("secrets")
    with pytest.raises(exports.ValidationError, match="comes after"):
        ExportRequest("orders", date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 1, 1))
    assert exports.parse_day("2026/3/5") == dt.date(2026, 3, 5)
    with pytest.raises(exports.ValidationError, match="bad date"):
        exports.parse_day("5 March")


# ------------------------------------------------------------- command line
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lists_every_table() -> None:
    assert cli.EXPORTABLE == exports.WHATS


def test_cli_export(capsys: pytest.CaptureFixture[str], demo_db_path: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "orders.csv"
    code, out, err = run(
        capsys,
        "export",
        "--db",
        str(demo_db_path),
        "--what",
        "orders",
        "--from",
        "2025-01-01",
        "--to",
        "2025/12/31",
        "--out",
        str(out_file),
    )
    assert (code, err) == (0, "")
    assert out.startswith("exported ") and str(out_file) in out
    rows = list(csv.reader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    assert len(rows) > 1
    assert all("2025-01-01" <= r[1] <= "2025-12-31" for r in rows[1:])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--owner", "nobody"], "unknown owner nobody"),
        (["--from", "2025-02-30"], "bad date 2025-02-30"),
        (["--to", "yesterday"], "bad date yesterday"),
    ],
)
def test_cli_export_errors(
    capsys: pytest.CaptureFixture[str],
    demo_db_path: Path,
    tmp_path: Path,
    extra: list[str],
    message: str,
) -> None:
    out_file = tmp_path / "x.xlsx"
    code, out, err = run(
        capsys,
        "export",
        "--db",
        str(demo_db_path),
        "--what",
        "deals",
        *extra,
        "--out",
        str(out_file),
    )
    assert code == 1 and out == ""
    assert err.startswith(f"clientela: error: {message}") and err.count("\n") == 1
    assert not out_file.exists()


def test_cli_export_unwritable_path(
    capsys: pytest.CaptureFixture[str], demo_db_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "x.xlsx"
    code, _, err = run(
        capsys, "export", "--db", str(demo_db_path), "--what", "tasks", "--out", str(target)
    )
    assert code == 1
    assert err.startswith("clientela: error: cannot write") and err.count("\n") == 1
    code, _, err = run(
        capsys,
        "export",
        "--db",
        str(demo_db_path),
        "--what",
        "tasks",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1 and "use a .xlsx or .csv file" in err


# --------------------------------------------------------------- PostgreSQL
@pytest.mark.pg
@pytest.mark.skipif(not os.environ.get("CLIENTELA_TEST_PG_URL"), reason="no PostgreSQL server")
def test_every_table_exports_on_postgresql(tmp_path: Path) -> None:
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.db import open_database
    from app.services import demo

    admin = create_engine(os.environ["CLIENTELA_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
    name = f"clientela_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(os.environ["CLIENTELA_TEST_PG_URL"]).set(database=name)
        database = open_database(url.render_as_string(hide_password=False))
        try:
            demo.generate(database, customers=60, seed=3, locale="zh_CN")
            for what in exports.WHATS:
                result = export(database, None, ExportRequest(what), tmp_path / f"{what}.xlsx")
                ws = load(tmp_path / f"{what}.xlsx")
                assert ws.max_row == result.rows + 1
            with database.session() as s:
                expected = [r["plates"] for r in customer_list.page(s, CustomerFilter(), limit=100)]
            keys = [c.key for c in exports.columns_for("customers")]
            got = [
                r[keys.index("plates")] or ""
                for r in load(tmp_path / "customers.xlsx").iter_rows(min_row=2, values_only=True)
            ]
            assert got == expected
        finally:
            database.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

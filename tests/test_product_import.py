"""Product lists from spreadsheets as offices write them: Chinese and Spanish headers
with stars and units, money as text, a title above the header; every bad row named,
nothing stored; a dry run counts without writing; the command line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app import cli
from app.db import Database
from app.errors import PermissionDenied
from app.models import Product, User
from app.models.enums import ProductCategory, Role
from app.services import product_import, products

D = Decimal


@pytest.fixture
def diesel(db: Database) -> int:
    with db.write() as s:
        p = Product(
            code="D0",
            name="0# 柴油",
            category=ProductCategory.FUEL,
            unit="L",
            list_price=D("7.20"),
            cost=D("6.50"),
        )
        s.add(p)
        s.flush()
        return p.id


def workbook(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "价目表"
    ws.append(["2026年价目表（含税）"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def all_products(db: Database) -> dict[str, Product]:
    with db.session() as s:
        return {p.name: p for p in s.scalars(select(Product))}


def test_chinese_headers_money_as_text(db: Database, diesel: int, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "价目表.xlsx",
        ["编码", "品名*", "类别", "单位", "售价(元)", "进价", "状态"],
        [
            ["D0", "0# 柴油", "燃油", "升", "¥7.50", "6.80", "在售"],
            [None, "洗车", "服务", "次", 30, None, None],
            ["GL-1", "玻璃水", "精品", "瓶", "1,234.50", "5", "停售"],
            [None, None, None, None, None, None, None],  # an empty row
        ],
    )
    result = product_import.import_products(db, None, path)
    assert (result.rows, result.added, result.updated, result.errors) == (3, 2, 1, [])
    got = all_products(db)
    assert got["0# 柴油"].list_price == D("7.50") and got["0# 柴油"].unit == "升"
    assert got["0# 柴油"].id == diesel  # updated by its code
    assert got["洗车"].category == ProductCategory.SERVICE and got["洗车"].cost == D("0.00")
    assert got["玻璃水"].list_price == D("1234.50") and got["玻璃水"].active is False
    assert got["玻璃水"].category == ProductCategory.ACCESSORY


def test_spanish_headers_csv(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "productos.csv"
    path.write_text(
        "Nombre;Categoría;Unidad;Precio;Coste\n"
        "Aceite 5W30;Repuestos;litro;12,50 €;8,10\n"
        "Lavado;Servicio;ud;15;\n",
        encoding="utf-8",
    )
    result = product_import.import_products(db, None, path)
    assert (result.added, result.errors) == (2, [])
    got = all_products(db)
    assert got["Aceite 5W30"].list_price == D("12.50")
    assert got["Aceite 5W30"].category == ProductCategory.PARTS


def test_every_bad_row_is_named_and_nothing_stored(
    db: Database, diesel: int, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "bad.xlsx",
        ["名称", "类别", "单价", "成本"],
        [
            ["好的", "燃油", "7.5", "6"],
            ["坏价格", "燃油", "abc", "1"],
            ["坏类别", "糖果", "1", "1"],
            ["负成本", "其他", "1", "-3"],
            ["好的", "燃油", "8", "6"],  # twice in the file
        ],
    )
    result = product_import.import_products(db, None, path)
    assert [e.row for e in result.errors] == [4, 5, 6, 7]
    assert [e.field for e in result.errors] == ["list_price", "category", "cost", "name"]
    assert "nothing imported" in result.summary()
    assert str(result.errors[0]) == "row 4: abc is not an amount"
    assert set(all_products(db)) == {"0# 柴油"}


def test_dry_run_counts_and_writes_nothing(db: Database, diesel: int, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "p.xlsx", ["Code", "Name", "Price"], [["D0", "Diesel", "7.9"], [None, "Wash", 3]]
    )
    result = product_import.import_products(db, None, path, dry_run=True)
    assert (result.added, result.updated, result.committed) == (1, 1, False)
    assert "dry run" in result.summary()
    assert set(all_products(db)) == {"0# 柴油"}


def test_a_file_without_a_name_column(db: Database, tmp_path: Path) -> None:
    path = workbook(tmp_path / "x.xlsx", ["Foo", "Bar"], [["1", "2"]])
    with pytest.raises(product_import.ImportFileError, match="no product name column"):
        product_import.import_products(db, None, path)


def test_only_managers(db: Database, tmp_path: Path) -> None:
    with db.write() as s:
        u = User(username="sam", display_name="Sam", role=Role.SALES, password_hash="x")
        s.add(u)
        s.flush()
        uid = u.id
    path = workbook(tmp_path / "p.xlsx", ["Name"], [["Wash"]])
    with pytest.raises(PermissionDenied):
        product_import.import_products(db, uid, path)


def test_exported_list_imports_again(db: Database, diesel: int, tmp_path: Path) -> None:
    out = tmp_path / "products.xlsx"
    products.export(db, out)
    result = product_import.import_products(db, None, out, dry_run=True)
    assert (result.rows, result.added, result.updated, result.errors) == (1, 0, 1, [])


def test_command_line(db: Database, diesel: int, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "p.xlsx", ["品名", "售价"], [["洗车", "30"], ["坏", "x"]])
    assert cli.main(["import-products", "--db", db.target, str(path), "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert "1 rows with errors" in captured.out
    assert "row 4: x is not an amount" in captured.err
    path = workbook(tmp_path / "q.xlsx", ["品名", "售价"], [["洗车", "30"]])
    assert cli.main(["import-products", "--db", db.target, str(path)]) == 0
    assert "added 1, updated 0" in capsys.readouterr().out
    assert all_products(db)["洗车"].list_price == D("30.00")


def test_export_command_and_a_file_without_prices(
    db: Database, diesel: int, tmp_path: Path
) -> None:
    out = tmp_path / "products.csv"
    assert cli.main(["export", "--db", db.target, "--what", "products", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "Code,Name,Category,Unit,List price,Cost,Still sold",
        "D0,0# 柴油,fuel,L,7.20,6.50,sold",
    ]
    # a list with no price column changes the unit and leaves the prices alone
    path = workbook(tmp_path / "units.xlsx", ["编码", "品名", "单位"], [["D0", "0# 柴油", "升"]])
    assert product_import.import_products(db, None, path).updated == 1
    got = all_products(db)["0# 柴油"]
    assert (got.unit, got.list_price, got.cost, got.active) == ("升", D("7.20"), D("6.50"), True)


def test_cancel_writes_nothing(db: Database, diesel: int, tmp_path: Path) -> None:
    path = workbook(tmp_path / "p.xlsx", ["品名", "售价"], [[f"产品{i}", i] for i in range(300)])
    seen: list[tuple[int, int]] = []
    calls = iter(range(10_000))

    def cancelled() -> bool:
        return next(calls) > 350  # Cancel pressed while writing

    with pytest.raises(product_import.ImportCancelled):
        product_import.import_products(
            db, None, path, progress=lambda d, t, _x: seen.append((d, t)), cancelled=cancelled
        )
    assert set(all_products(db)) == {"0# 柴油"}
    assert seen and seen[-1][0] >= 300 and seen[-1][1] == 600  # checked them all, then writing

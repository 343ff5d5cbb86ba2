"""The real import files in /work/shared/data (templates and exports of other CRMs and
ERPs, see its PROVENANCE.md), each through the importer it belongs to, in dry-run mode:
customer files through ``import``, the order file through ``import-orders``. Each is
read with sensible counts, or refused in one clear line; nothing is written.

The files are not copied into the project (several have no licence), so these tests
run only where the folder is (the development machines), and are skipped elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import cli
from app.db import Database
from app.models import Customer, Order

DATA = Path("/work/shared/data")

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="no /work/shared/data here")

# file: (created, skipped, rejected) in a dry run into an empty database
CUSTOMER_FILES = {
    "en_invoiceninja_v4_clients_export.csv": (20, 0, 0),  # header on line 4
    "en_odoo12_res_partner.xls": (8, 0, 0),  # legacy BIFF8
    "en_odoo18_res_partner.xlsx": (3, 0, 0),  # 545 empty rows inside its table
    "en_zoho_books_contacts_export.csv": (4, 1, 0),  # two contacts share a phone
    "es_enerfone_plantilla_clientes.xlsx": (1, 0, 0),
    "es_sv_bodega_plantilla_clientes.xlsx": (2, 0, 0),
    "zh_aicustomer_customer_template.csv": (3, 0, 0),
    "zh_jsherp_customer_template.xls": (2, 0, 0),  # header on row 2 under a paragraph
    "zh_en_customer_template_2header.xlsx": (0, 0, 2),  # both emails @qq.ocm: mistyped
    # the customer import also reads an invoice sheet's contacts (and totals)
    "en_akaunting_invoices_orders.xlsx": (1, 0, 0),
}
SUMMARY = re.compile(r"created (\d+), updated (\d+), skipped (\d+), rejected (\d+)")


def counts(out: str) -> tuple[int, int, int]:
    found = SUMMARY.search(out)
    assert found, out
    created, _updated, skipped, rejected = map(int, found.groups())
    return created, skipped, rejected


def customers(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Customer.id))) or 0


def one_line_error(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.startswith("clientela: error:")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("name", sorted(CUSTOMER_FILES))
def test_customer_files_dry_run(db: Database, tmp_path: Path, capsys, name: str) -> None:  # type: ignore[no-untyped-def]
    errors = tmp_path / "errors.xlsx"
    args = ["import", "--db", db.target, str(DATA / name), "--dry-run", "--quiet"]
    code = cli.main([*args, "--errors", str(errors)])
    out = capsys.readouterr().out
    assert "checked (dry run)" in out
    assert counts(out) == CUSTOMER_FILES[name]
    assert code == (1 if CUSTOMER_FILES[name][2] else 0)
    assert customers(db) == 0
    assert not (DATA / name).with_suffix(".errors.xlsx").exists()  # nothing written there


def test_a_template_without_rows_says_so(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # an .xlsx name on a BIFF8 .xls, header only, a hidden helper sheet of 401 rows
    name = "zh_crm_customer_template_is_biff8.xlsx"
    code = cli.main(["import", "--db", db.target, str(DATA / name), "--dry-run", "--quiet"])
    assert code != 0
    line = one_line_error(capsys.readouterr().err)
    assert "客户导入模板" in line and "no rows" in line


def test_the_order_file(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = str(DATA / "en_akaunting_invoices_orders.xlsx")
    # its customer is not here yet: one line naming the sheet, the row and the customer
    assert cli.main(["import-orders", "--db", db.target, path, "--dry-run"]) != 0
    line = one_line_error(capsys.readouterr().err)
    assert "invoice_items, row 2" in line and "Test Customer" in line
    # once the customer is here, the invoice and its line (on two sheets) are found
    with db.write() as s:
        s.add(Customer(number="C1", name="Test Customer"))
    assert cli.main(["import-orders", "--db", db.target, path, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would import 1 orders with 1 lines" in out
    with db.session() as s:
        assert s.scalar(select(func.count(Order.id))) == 0  # a dry run
    assert cli.main(["import-orders", "--db", db.target, path]) == 0
    with db.session() as s:
        order = s.scalars(select(Order)).one()
        assert order.order_date.isoformat() == "2020-01-01"  # an Excel serial date
        assert order.lines


def test_the_deal_file_is_not_an_order_file(db: Database, capsys) -> None:  # type: ignore[no-untyped-def]
    path = str(DATA / "zh_en_deal_template_2header.xlsx")
    assert cli.main(["import-orders", "--db", db.target, path, "--dry-run"]) != 0
    line = one_line_error(capsys.readouterr().err)
    assert "no sheet has order number, product and quantity columns" in line


def test_every_file_is_covered() -> None:
    here = {p.name for p in DATA.iterdir() if p.suffix in (".csv", ".xls", ".xlsx")}
    covered = set(CUSTOMER_FILES) | {
        "zh_crm_customer_template_is_biff8.xlsx",
        "zh_en_deal_template_2header.xlsx",
    }
    assert here == covered

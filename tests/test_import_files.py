"""Opening import files: the format from the bytes, CSV encodings and delimiters, the
header row under titles and the second header row, cells kept as people read them, and
every real file in /work/shared/data read sensibly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from app.services import import_mapping
from app.services.import_files import (
    ImportFileError,
    cell_text,
    column_letter,
    decode,
    open_source,
    sniff_delimiter,
)

DATA = Path("/work/shared/data")
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="the shared sample files are absent")

ZH = (
    "姓名,手机,车牌,生日,地址\n"
    "张三,13800138000,粤B12345,1990/3/5,北京市朝阳区\n"
    "李四,13900139000,京A88888,32937,上海市浦东新区\n"
)
ES = (
    "nombre;teléfono;correo;dirección;fecha de nacimiento\n"
    "José Núñez;600123456;jose@correo.es;Calle Añil 3;05/03/1980\n"
    "María Peña;+34 911 22 33 44;maria@correo.es;Plaza Mayor 1;1985-12-01\n"
)


def table_of(path: Path):  # type: ignore[no-untyped-def]
    return open_source(path).table(known=import_mapping.is_known)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (ZH, "utf-8", "utf-8"),
        (ZH, "utf-8-sig", "utf-8-sig"),
        (ZH, "gbk", "gb18030"),
        (ZH, "gb18030", "gb18030"),
        (ES, "cp1252", "cp1252"),
        (ES, "utf-8", "utf-8"),
        (ES, "utf-8-sig", "utf-8-sig"),
    ],
)
def test_csv_encodings_are_detected(
    tmp_path: Path, text: str, encoding: str, expected: str
) -> None:
    path = tmp_path / "clientes.csv"
    path.write_bytes(text.encode(encoding))
    source = open_source(path)
    assert (source.format, source.encoding) == ("csv", expected)
    table = source.table(known=import_mapping.is_known)
    first_line = text.splitlines()[0]
    assert table.headers == first_line.split(";" if ";" in first_line else ",")
    assert len(table.rows) == 2
    assert table.rows[0][0] == 2  # row numbers as a spreadsheet shows them
    assert table.rows[1][1][0] in ("李四", "María Peña")


def test_gbk_and_cp1252_bytes_are_told_apart() -> None:
    assert decode("客户名称,电话\n王五,010-12345678\n".encode("gbk"))[1] == "gb18030"
    assert decode("Nombre,Teléfono,Dirección\nÁngel,600,Cañada\n".encode("cp1252"))[1] == "cp1252"
    assert decode("Name,Café\n".encode("cp1252")) == ("Name,Café\n", "cp1252")


def test_gb18030_only_characters_survive(tmp_path: Path) -> None:
    text = "姓名,手机\n𠮷野家,13800138000\n李四,13900139000\n"  # 𠮷 is not in GBK
    path = tmp_path / "g.csv"
    path.write_bytes(text.encode("gb18030"))
    source = open_source(path)
    assert source.encoding == "gb18030"
    assert source.table().rows[0][1][0] == "𠮷野家"


def test_delimiters_are_sniffed() -> None:
    assert sniff_delimiter("a;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter('name,address\n"Ana","Calle 1; piso 2"\n') == ","


def test_title_rows_above_the_header_are_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户资料导出 2026年3月"])
    ws.append([])
    ws.append(["姓名", "手机", "邮箱", "生日"])
    ws.append(["王芳", 13812345678, "wf@example.com", dt.date(1990, 3, 5)])
    ws.append([None, None, None, None])
    ws.append(["赵六", "13987654321", None, 32937])
    wb.save(path)
    table = table_of(path)
    assert table.header_rows == [3]
    assert table.headers == ["姓名", "手机", "邮箱", "生日"]
    assert [n for n, _ in table.rows] == [4, 6]  # the empty row is gone, numbers kept
    assert cell_text(table.rows[0][1][1]) == "13812345678"
    assert cell_text(table.rows[0][1][3]) == "1990-03-05"


def test_two_header_rows_are_one_header(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户姓名", "手机号", "邮箱"])
    ws.append(["Customername", "MobilePhone", "Email"])
    ws.append(["雅旭科技", 18863332525, "a@b.com"])
    wb.save(path)
    table = table_of(path)
    assert table.header_rows == [1, 2]
    assert table.headers == ["客户姓名 / Customername", "手机号 / MobilePhone", "邮箱 / Email"]
    assert len(table.rows) == 1


def test_format_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "really-xlsx.xls"
    wb = openpyxl.Workbook()
    wb.active.append(["name", "phone"])
    wb.active.append(["Ana", "600123456"])
    wb.save(path)
    assert open_source(path).format == "xlsx"
    csv_named_xlsx = tmp_path / "text.xlsx"
    csv_named_xlsx.write_text("name,phone\nAna,600123456\n", encoding="utf-8")
    assert open_source(csv_named_xlsx).format == "csv"


def test_unreadable_files_say_why(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no file"):
        open_source(tmp_path / "missing.xlsx")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportFileError, match="empty"):
        open_source(empty)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(ImportFileError, match="cannot be read as a spreadsheet"):
        open_source(broken)
    assert ImportFileError("x").exit_code == 2


def test_cell_text_keeps_phones_and_ids_as_digits() -> None:
    assert cell_text(13000000000.0) == "13000000000"
    assert cell_text(95101.0) == "95101"
    assert cell_text(2.5) == "2.5"
    assert cell_text(" 0592-5214785 ") == "0592-5214785"
    assert cell_text(dt.datetime(2021, 1, 28, 5, 14, 15)) == "2021-01-28 05:14:15"
    assert cell_text(None) == "" and cell_text(True) == "1"
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


# ------------------------------------------------------------------ the real files
REAL = {
    # file: (sheet, header rows, data rows, {header: field}, (column, first value))
    "en_akaunting_invoices_orders.xlsx": (
        "invoices",
        [1],
        1,
        {"contact_name": "contact_name", "amount": "order_amount", "invoiced_at": "order_date"},
        ("contact_email", "test@customer.com"),
    ),
    "en_invoiceninja_v4_clients_export.csv": (
        "en_invoiceninja_v4_clients_export",
        [4],
        20,
        {"Name": "name", "Email": "email", "Billing City": "city", "First Name": "first_name"},
        ("Billing Postal Code", None),
    ),
    "en_odoo12_res_partner.xls": (
        "Sheet 1",
        [1],
        8,
        {"Name": "name", "Is a company": "kind", "ZIP": "postcode", "City": "city"},
        ("ZIP", "95101"),
    ),
    "en_odoo18_res_partner.xlsx": (
        "Contacts",
        [1],
        3,
        {"name": "name", "phone": "phone", "mobile": "phone2", "zip": "postcode", "vat": "tax_id"},
        ("name", "Deco Addict"),
    ),
    "en_zoho_books_contacts_export.csv": (
        "en_zoho_books_contacts_export",
        [1],
        5,
        {"Display Name": "name", "EmailID": "email", "MobilePhone": "phone2"},
        ("Customer ID", "2520018000000073005"),
    ),
    "es_enerfone_plantilla_clientes.xlsx": (
        "Clientes",
        [1],
        1,
        {"Nombre*": "name", "Teléfono": "phone", "Código Postal": "postcode", "Población": "city"},
        ("Teléfono", "912345678"),
    ),
    "es_sv_bodega_plantilla_clientes.xlsx": (
        "Worksheet",
        [1],
        2,
        {
            "Código *": "number",
            "Nombre *": "name",
            "Correo Electrónico": "email",
            "Celular": "phone2",
        },
        ("Código Postal Facturación", "01101"),
    ),
    "zh_aicustomer_customer_template.csv": (
        "zh_aicustomer_customer_template",
        [1],
        3,
        {"客户名称": "name", "联系人": "contact_name", "电话": "phone", "邮政编码": "postcode"},
        ("机构代码", "91110000123456789X"),
    ),
    "zh_crm_customer_template_is_biff8.xlsx": (
        "客户导入模板",
        [1],
        0,
        {"*客户名称": "name", "手机": "phone", "电话": "phone2", "详细地址": "address"},
        None,
    ),
    "zh_en_customer_template_2header.xlsx": (
        "sheet-1",
        [1, 2],
        2,
        {
            "客户姓名 / Customername": "name",
            "手机号 / MobilePhone": "phone",
            "省份 / Province": "region",
        },
        ("手机号 / MobilePhone", "18863332525"),
    ),
    "zh_en_deal_template_2header.xlsx": (
        "sheet-1",
        [1, 2],
        1,
        {"客户姓名 / Customername": "name", "客户编号 / CustomerCode": "number"},
        ("客户姓名 / Customername", "雅旭科技"),
    ),
    "zh_jsherp_customer_template.xls": (
        "信息",
        [2],
        2,
        {"名称*": "name", "手机号码": "phone", "联系电话": "phone2", "纳税人识别号": "tax_id"},
        ("手机号码", "13000000000"),
    ),
}


@needs_data
def test_every_real_file_is_covered() -> None:
    on_disk = {p.name for p in DATA.iterdir() if p.suffix.lower() in (".csv", ".xls", ".xlsx")}
    assert on_disk == set(REAL)


@needs_data
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_files_open_with_header_and_mapping(name: str) -> None:
    sheet, header_rows, count, expected, first = REAL[name]
    table = table_of(DATA / name)
    assert table.sheet == sheet
    assert table.header_rows == header_rows
    assert len(table.rows) == count
    guessed = import_mapping.by_header(table.headers, import_mapping.guess(table.header_words))
    assert {h: guessed.get(h) for h in expected} == expected
    if first is not None:
        column, value = first
        cell = table.rows[0][1][table.headers.index(column)]
        if value is None:
            assert cell_text(cell)  # present, whatever it is
        else:
            assert cell_text(cell) == value


@needs_data
def test_the_xlsx_that_is_an_xls_lists_its_hidden_sheet() -> None:
    source = open_source(DATA / "zh_crm_customer_template_is_biff8.xlsx")
    assert source.format == "xls"
    assert [(s.name, s.visible) for s in source.sheets] == [
        ("客户导入模板", True),
        ("注意事项", True),
        ("mapAddress", False),
    ]
    assert source.default_sheet() == "客户导入模板"


@needs_data
def test_invoice_ninja_keeps_zip_leading_zeros_and_both_phone_columns() -> None:
    table = table_of(DATA / "en_invoiceninja_v4_clients_export.csv")
    assert table.headers.count("Phone") == 2
    zips = {cell_text(r[table.headers.index("Billing Postal Code")]) for _, r in table.rows}
    assert any(z.startswith("0") for z in zips)
    mapping = import_mapping.guess(table.header_words)
    phones = sorted(k for i, k in mapping.items() if table.headers[i] == "Phone")
    assert phones == ["phone", "phone2"]

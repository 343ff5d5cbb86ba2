"""Header words to fields in English, Chinese and Spanish; saved mappings in the office
settings; mapping files for the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.db import Database
from app.errors import ValidationError
from app.services import import_mapping as m


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("姓名", "name"),
        ("手机", "phone"),
        ("电话", "phone"),
        ("车牌", "plates"),
        ("生日", "birthday"),
        ("地址", "address"),
        ("*客户名称", "name"),
        ("名称*", "name"),
        ("客户手机号", "phone"),
        ("nombre", "name"),
        ("Nombre *", "name"),
        ("Teléfono", "phone"),
        ("correo", "email"),
        ("Correo Electrónico", "email"),
        ("dirección", "address"),
        ("Matrícula", "plates"),
        ("Fecha de nacimiento", "birthday"),
        ("Tipo * (empresa/individual/gobierno/ong)", "kind"),
        ("E-mail", "email"),
        ("Mobile Phone", "phone"),
        ("Billing City", "city"),
        ("Phone 2", "phone2"),
        ("Number", "number"),
        ("Plates", "plates"),
        ("税率(%)", None),
        ("Contact Type", None),
        ("bank_ids/acc_number", None),
        ("Paid to Date", None),
        ("", None),
    ],
)
def test_headers_are_recognised(header: str, field: str | None) -> None:
    assert m.guess_field(header) == field


def test_norm_header_drops_marks_accents_and_remarks() -> None:
    assert m.norm_header("Teléfono *") == "telefono"
    assert m.norm_header("税率(%)") == "税率"
    assert m.norm_header("Código Postal") == "codigopostal"


def test_guess_gives_each_field_one_column_except_joined_ones() -> None:
    words = [["Nombre"], ["Teléfono"], ["Celular"], ["Dirección"], ["Número"], ["Piso"], ["Nombre"]]
    assert m.guess(words) == {
        0: "name",
        1: "phone",
        2: "phone2",
        3: "address",
        4: "address",
        5: "address",
    }


def test_two_header_rows_use_whichever_row_is_known() -> None:
    assert m.guess([["客户姓名", "Customername"], ["奇怪的列", "Email"]]) == {0: "name", 1: "email"}


def test_saved_mappings_round_trip(db: Database) -> None:
    headers = ["姓名", "手机", "备用"]
    saved = m.save(db, None, "每月会员表", headers, {0: "name", 1: "phone", 2: "phone2"})
    assert saved.columns == {"姓名": "name", "手机": "phone", "备用": "phone2"}
    m.save(db, None, "other", ["x"], {0: "name"})
    with db.session() as s:
        loaded = m.load_saved(s)
    assert [x.name for x in loaded] == ["other", "每月会员表"]
    # next month's file: same headers in another order, one more column
    next_month = ["手机", "新列", "备用", "姓名"]
    best = m.best_saved(loaded, next_month)
    assert best is not None and best.name == "每月会员表"
    assert best.apply(next_month) == {0: "phone", 2: "phone2", 3: "name"}
    assert m.best_saved(loaded, ["别的"]) is None
    m.delete_saved(db, None, "other")
    with db.session() as s:
        assert [x.name for x in m.load_saved(s)] == ["每月会员表"]
    with pytest.raises(ValidationError):
        m.save(db, None, "  ", headers, {})


def test_mapping_files_name_columns_by_header_letter_or_number(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    headers = ["客户 / Customer", "Tel", "Mail", "Extra"]
    path.write_text(
        json.dumps({"Customer": "name", "B": "phone", "3": "email", "Extra": "ignore"}),
        encoding="utf-8",
    )
    assert m.load_file(path, headers) == {0: "name", 1: "phone", 2: "email"}
    path.write_text(json.dumps({"Tel": "telephone"}), encoding="utf-8")
    with pytest.raises(ValidationError, match="unknown field telephone"):
        m.load_file(path, headers)
    path.write_text(json.dumps({"Nope": "name"}), encoding="utf-8")
    with pytest.raises(ValidationError, match="no column Nope"):
        m.load_file(path, headers)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="not JSON"):
        m.load_file(path, headers)

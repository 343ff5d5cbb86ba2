"""The monthly workbook's Targets sheet: for each salesperson, and the office in the total
row, each measure's target, actual figure and share reached (a percentage number), then
the targets narrowed to a product category or region (``services.targets.Progress``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from app.models.enums import ProductCategory

if TYPE_CHECKING:
    from app.services.monthly import Monthly
    from app.services.targets import Measured

    from .monthly_workbook import _Sheets

MEASURES = ("sales", "collections", "new_customers")
CATEGORIES: dict[str, dict[str, str]] = {
    "en": {
        "fuel": "Fuel",
        "vehicle": "Vehicles",
        "accessory": "Accessories",
        "service": "Service",
        "parts": "Parts",
        "other": "Other",
    },
    "zh": {
        "fuel": "油品",
        "vehicle": "整车",
        "accessory": "精品附件",
        "service": "服务",
        "parts": "配件",
        "other": "其他",
    },
    "es": {
        "fuel": "Combustible",
        "vehicle": "Vehículos",
        "accessory": "Accesorios",
        "service": "Servicio",
        "parts": "Recambios",
        "other": "Otros",
    },
}
assert all(set(c) == {p.value for p in ProductCategory} for c in CATEGORIES.values())


def _triple(m: Measured | None) -> list[Any]:
    if m is None:
        return [None, None, None]
    return [m.target, m.actual, m.share]


def targets_sheet(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    from .monthly_workbook import PERCENT, TEXTS

    t, money = out.t, out.money
    lang = next((k for k, v in TEXTS.items() if v is t), "en")
    ws = out.sheet("targets")
    prog = m.targets
    headers = [t["salesperson"]]
    formats: list[str | None] = [None]
    for key in MEASURES:
        what = t[key]
        headers += [t["target_of"].format(what=what), t["actual_of"].format(what=what)]
        headers.append(t["reached_of"].format(what=what))
        formats += [money if key != "new_customers" else "0"] * 2 + [PERCENT]
    people = list(prog.people) if prog is not None else []
    rows = [[p.name, *(v for k in MEASURES for v in _triple(p.main(k)))] for p in people]
    total = None
    if prog is not None and prog.office is not None:
        total = [t["total"], *(v for k in MEASURES for v in _triple(prog.office.main(k)))]
    _, last = out.table(ws, 1, headers, rows, formats, total=total)
    narrowed = [(p, x) for p in people for x in p.measures if x.dimension]
    if narrowed:
        top = last + 3
        categories = CATEGORIES[lang]
        rows = [
            [
                p.name,
                t[x.measure],
                t[f"dim_{x.dimension}"],
                categories.get(x.dimension_value, x.dimension_value)
                if x.dimension == "category"
                else x.dimension_value,
                x.target,
                x.actual,
                x.share,
            ]
            for p, x in narrowed
        ]
        keys = ("salesperson", "figure", "by", "value", "target", "actual", "reached")
        _, last = out.table(
            ws,
            top,
            [t[k] for k in keys],
            rows,
            [None, None, None, None, money, money, PERCENT],
            filter_=False,
            freeze=False,
        )
        for i, (_, x) in enumerate(narrowed, top + 1):
            if x.measure == "new_customers":
                for c in (5, 6):
                    ws.cell(row=i, column=c).number_format = "0"
    ws.cell(row=last + 2, column=1, value=t["targets_note"])

"""The manager's monthly workbook: ten sheets from ``services.monthly.Monthly``, with
native Excel charts (openpyxl.chart) on the Summary and Sales by salesperson sheets.

Every figure is a typed number (money with the office currency's format, counts as
integers, shares as percentages), every sheet has a bold frozen header and an autofilter
over its table, and totals rows are values, not formulas, so the file reads the same in
Excel, LibreOffice and any script. Sheet names, headers and vocabulary come in the
office's language (zh, es or en); the file appears only when complete.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.services.monthly import KeyFigures, Monthly

from .export import DATE_FORMAT, MONEY_FORMAT, ExportError, save_workbook, sheet_title

PERCENT = "0.0%"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "summary": "Summary",
        "people": "Sales by salesperson",
        "segments": "Sales by segment",
        "pipeline": "Pipeline and forecast",
        "new": "New customers",
        "lost": "Lost customers",
        "receivables": "Receivables by age",
        "key": "Key accounts",
        "activities": "Activities by salesperson",
        "title": "Monthly report {month}",
        "made": "Made on {day}; receivables as of {as_of}.",
        "figure": "Figure",
        "this": "This month",
        "previous": "Previous month",
        "last_year": "Same month last year",
        "vs_previous": "Change on previous month",
        "vs_last_year": "Change on last year",
        "sales": "Sales",
        "orders": "Orders",
        "buyers": "Buying customers",
        "collections": "Collections",
        "new_customers": "New customers",
        "lost_customers": "Lost customers",
        "activities_n": "Activities",
        "deals_won": "Deals won",
        "won_amount": "Won amount",
        "deals_lost": "Deals lost",
        "receivables_total": "Receivables",
        "month": "Month",
        "year_before": "A year before",
        "by_month": "Sales by month",
        "salesperson": "Salesperson",
        "nobody": "(no salesperson)",
        "total": "Total",
        "class": "Class",
        "unclassed": "(not classed)",
        "customers": "Customers",
        "share": "Share of sales",
        "stage": "Stage",
        "open_deals": "Open deals",
        "amount": "Amount",
        "weighted": "Weighted amount",
        "avg_days": "Average days in stage",
        "conversion": "Conversion to next stage",
        "forecast": "Weighted forecast by expected close month",
        "lost_reasons": "Deals lost this month by reason",
        "reason": "Reason",
        "reason_text": "Reason, in words",
        "count": "Count",
        "number": "Number",
        "name": "Name",
        "owner": "Owner",
        "created": "Created",
        "lost_on": "Lost on",
        "city": "City",
        "bought": "Bought in all",
        "d0": "0–30 days",
        "d31": "31–60 days",
        "d61": "61–90 days",
        "d90": "Over 90 days",
        "score": "Key-account score",
        "tier": "Tier",
        "month_sales": "Sales this month",
        "year_sales": "Sales, last 12 months",
        "owed": "Owed",
        "r_ours": "Our product or service",
        "r_competitor": "A competitor's offer",
        "r_customer": "The customer's own reasons",
        "r_": "(no reason given)",
        "targets": "Targets",
        "target_of": "{what}: target",
        "actual_of": "{what}: actual",
        "reached_of": "{what}: reached",
        "by": "Narrowed by",
        "value": "Category or region",
        "target": "Target",
        "actual": "Actual",
        "reached": "Reached",
        "dim_category": "Product category",
        "dim_region": "Region",
        "targets_note": (
            "Sales by order date, collections by payment date, new customers by when they "
            "were created; the total row is the sum of the targets against the whole "
            "office's figures."
        ),
    },
    "zh": {
        "summary": "概要",
        "people": "销售人员业绩",
        "segments": "客户分类销售",
        "pipeline": "销售漏斗与预测",
        "new": "新增客户",
        "lost": "流失客户",
        "receivables": "应收账龄",
        "key": "大客户",
        "activities": "销售人员活动",
        "title": "{month} 月度报表",
        "made": "制表日期 {day}；应收款截至 {as_of}。",
        "figure": "指标",
        "this": "本月",
        "previous": "上月",
        "last_year": "去年同月",
        "vs_previous": "环比",
        "vs_last_year": "同比",
        "sales": "销售额",
        "orders": "订单数",
        "buyers": "购买客户数",
        "collections": "回款",
        "new_customers": "新增客户",
        "lost_customers": "流失客户",
        "activities_n": "活动数",
        "deals_won": "赢单数",
        "won_amount": "赢单金额",
        "deals_lost": "输单数",
        "receivables_total": "应收款",
        "month": "月份",
        "year_before": "上年同期",
        "by_month": "按月销售额",
        "salesperson": "销售人员",
        "nobody": "（未分配）",
        "total": "合计",
        "class": "分类",
        "unclassed": "（未分类）",
        "customers": "客户数",
        "share": "销售占比",
        "stage": "阶段",
        "open_deals": "进行中商机",
        "amount": "金额",
        "weighted": "加权金额",
        "avg_days": "平均停留天数",
        "conversion": "转入下一阶段比例",
        "forecast": "按预计成交月份的加权预测",
        "lost_reasons": "本月输单原因",
        "reason": "原因",
        "reason_text": "原因说明",
        "count": "数量",
        "number": "编号",
        "name": "名称",
        "owner": "负责人",
        "created": "创建日期",
        "lost_on": "流失日期",
        "city": "城市",
        "bought": "累计购买",
        "d0": "0–30天",
        "d31": "31–60天",
        "d61": "61–90天",
        "d90": "90天以上",
        "score": "大客户评分",
        "tier": "等级",
        "month_sales": "本月销售额",
        "year_sales": "近12个月销售额",
        "owed": "欠款",
        "r_ours": "我方产品或服务",
        "r_competitor": "竞争对手报价",
        "r_customer": "客户自身原因",
        "r_": "（未填写原因）",
        "targets": "销售目标",
        "target_of": "{what}目标",
        "actual_of": "{what}实际",
        "reached_of": "{what}达成率",
        "by": "细分",
        "value": "类别或区域",
        "target": "目标",
        "actual": "实际",
        "reached": "达成率",
        "dim_category": "产品类别",
        "dim_region": "区域",
        "targets_note": (
            "销售额按订单日期、回款按收款日期、新增客户按创建日期统计；"
            "合计行为全部目标之和与全公司实际数之比。"
        ),
    },
    "es": {
        "summary": "Resumen",
        "people": "Ventas por vendedor",
        "segments": "Ventas por segmento",
        "pipeline": "Embudo y previsión",
        "new": "Clientes nuevos",
        "lost": "Clientes perdidos",
        "receivables": "Cobros por antigüedad",
        "key": "Cuentas clave",
        "activities": "Actividad por vendedor",
        "title": "Informe mensual {month}",
        "made": "Elaborado el {day}; saldos a {as_of}.",
        "figure": "Indicador",
        "this": "Este mes",
        "previous": "Mes anterior",
        "last_year": "Mismo mes del año pasado",
        "vs_previous": "Variación mensual",
        "vs_last_year": "Variación interanual",
        "sales": "Ventas",
        "orders": "Pedidos",
        "buyers": "Clientes que compraron",
        "collections": "Cobros",
        "new_customers": "Clientes nuevos",
        "lost_customers": "Clientes perdidos",
        "activities_n": "Actividades",
        "deals_won": "Oportunidades ganadas",
        "won_amount": "Importe ganado",
        "deals_lost": "Oportunidades perdidas",
        "receivables_total": "Pendiente de cobro",
        "month": "Mes",
        "year_before": "Un año antes",
        "by_month": "Ventas por mes",
        "salesperson": "Vendedor",
        "nobody": "(sin vendedor)",
        "total": "Total",
        "class": "Clase",
        "unclassed": "(sin clase)",
        "customers": "Clientes",
        "share": "Parte de las ventas",
        "stage": "Etapa",
        "open_deals": "Oportunidades abiertas",
        "amount": "Importe",
        "weighted": "Importe ponderado",
        "avg_days": "Días medios en la etapa",
        "conversion": "Paso a la etapa siguiente",
        "forecast": "Previsión ponderada por mes de cierre",
        "lost_reasons": "Oportunidades perdidas este mes por motivo",
        "reason": "Motivo",
        "reason_text": "Motivo, en palabras",
        "count": "Número",
        "number": "Número",
        "name": "Nombre",
        "owner": "Responsable",
        "created": "Alta",
        "lost_on": "Perdido el",
        "city": "Ciudad",
        "bought": "Compras totales",
        "d0": "0–30 días",
        "d31": "31–60 días",
        "d61": "61–90 días",
        "d90": "Más de 90 días",
        "score": "Puntuación de cuenta clave",
        "tier": "Nivel",
        "month_sales": "Ventas del mes",
        "year_sales": "Ventas, últimos 12 meses",
        "owed": "Pendiente",
        "r_ours": "Nuestro producto o servicio",
        "r_competitor": "Oferta de la competencia",
        "r_customer": "Motivos del cliente",
        "r_": "(sin motivo)",
        "targets": "Objetivos",
        "target_of": "{what}: objetivo",
        "actual_of": "{what}: real",
        "reached_of": "{what}: logrado",
        "by": "Desglose",
        "value": "Categoría o región",
        "target": "Objetivo",
        "actual": "Real",
        "reached": "Logrado",
        "dim_category": "Categoría de producto",
        "dim_region": "Región",
        "targets_note": (
            "Ventas por fecha del pedido, cobros por fecha de pago, clientes nuevos por "
            "fecha de alta; la fila de total suma los objetivos frente a las cifras de "
            "toda la oficina."
        ),
    },
}
ACTIVITY_KINDS: dict[str, dict[str, str]] = {
    "en": {
        "call": "Call",
        "visit": "Visit",
        "desk_visit": "Desk visit",
        "return_visit": "Return visit",
        "test_drive": "Test drive",
        "email": "Email",
        "sms": "SMS",
        "meeting": "Meeting",
        "note": "Note",
        "complaint": "Complaint",
        "praise": "Praise",
        "suggestion": "Suggestion",
        "level_change": "Level change",
    },
    "zh": {
        "call": "电话",
        "visit": "拜访",
        "desk_visit": "到店",
        "return_visit": "回访",
        "test_drive": "试驾",
        "email": "邮件",
        "sms": "短信",
        "meeting": "会议",
        "note": "备注",
        "complaint": "投诉",
        "praise": "表扬",
        "suggestion": "建议",
        "level_change": "等级变更",
    },
    "es": {
        "call": "Llamada",
        "visit": "Visita",
        "desk_visit": "Visita al mostrador",
        "return_visit": "Llamada de seguimiento",
        "test_drive": "Prueba",
        "email": "Correo",
        "sms": "SMS",
        "meeting": "Reunión",
        "note": "Nota",
        "complaint": "Queja",
        "praise": "Elogio",
        "suggestion": "Sugerencia",
        "level_change": "Cambio de nivel",
    },
}


def language(code: str | None) -> str:
    """zh, es or en from a locale name such as zh_CN or es_ES."""
    lang = (code or "en")[:2].lower()
    return lang if lang in TEXTS else "en"


def _change(now: Decimal | int, before: Decimal | int) -> float | None:
    if not before:
        return None
    return float((Decimal(now) - Decimal(before)) / Decimal(before))


class _Cell:
    __slots__ = ("data_type", "font", "number_format", "value")

    def __init__(self, value: Any = None) -> None:
        self.value = value
        self.font: Any = None
        self.number_format: str | None = None
        self.data_type: str | None = None


class _Dimension:
    __slots__ = ("width",)

    def __init__(self) -> None:
        self.width: float | None = None


class _Filter:
    __slots__ = ("ref",)

    def __init__(self) -> None:
        self.ref: str | None = None


class _Plan:
    """A sheet laid out cell by cell like a worksheet (``cell``, ``freeze_panes``,
    ``column_dimensions``, ``auto_filter``, ``add_chart``), then written in one pass by
    ``render`` into openpyxl's write-only mode, which streams rows through lxml: the
    sheets of an office with tens of thousands of customers are written in a fraction of
    the time the normal mode takes."""

    def __init__(self, title: str) -> None:
        from collections import defaultdict

        self.title = title
        self.cells: dict[int, dict[int, _Cell]] = defaultdict(dict)
        self.freeze_panes: str | None = None
        self.column_dimensions: dict[str, _Dimension] = defaultdict(_Dimension)
        self.auto_filter = _Filter()
        self.charts: list[tuple[Any, str]] = []

    def cell(self, row: int, column: int, value: Any = None) -> _Cell:
        found = self.cells[row].get(column)
        if found is None:
            found = self.cells[row][column] = _Cell()
        if value is not None:
            found.value = value
        return found

    def add_chart(self, chart: Any, anchor: str) -> None:
        self.charts.append((chart, anchor))

    def render(self, wb: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        ws = wb.create_sheet(self.title)
        for letter, dim in self.column_dimensions.items():
            if dim.width:
                ws.column_dimensions[letter].width = dim.width
        if self.freeze_panes:
            ws.freeze_panes = self.freeze_panes
        styled: dict[tuple[int, Any, str | None], Any] = {}
        last = max(self.cells, default=0)
        for r in range(1, last + 1):
            row = self.cells.get(r)
            if not row:
                ws.append([])
                continue
            out: list[Any] = []
            for c in range(1, max(row) + 1):
                cell = row.get(c)
                if cell is None or cell.value is None:
                    out.append(None)
                    continue
                value = cell.value
                text = isinstance(value, str)
                if cell.font is None and (cell.number_format is None or text):
                    if text and value[:1] in ("=", "#"):
                        forced = WriteOnlyCell(ws, value)
                        forced.data_type = "s"
                        out.append(forced)
                    else:
                        out.append(value)
                    continue
                key = (c, cell.font, None if text else cell.number_format)
                template = styled.get(key)
                if template is None:
                    template = styled[key] = WriteOnlyCell(ws)
                    if cell.font is not None:
                        template.font = cell.font
                    if key[2]:
                        template.number_format = key[2]
                template.value = value
                out.append(template)
            ws.append(out)
        if self.auto_filter.ref:
            ws.auto_filter.ref = self.auto_filter.ref
        for chart, anchor in self.charts:
            ws.add_chart(chart, anchor)


class _Sheets:
    """Lays out the tables: typed cells, bold header, frozen panes, autofilter, widths."""

    def __init__(self, lang: str, money: str) -> None:
        from openpyxl.styles import Font

        self.t = TEXTS[lang]
        self.kinds = ACTIVITY_KINDS[lang]
        self.money = money
        self.bold = Font(bold=True)
        self.big = Font(bold=True, size=14)
        self.plans: list[_Plan] = []

    def sheet(self, key: str) -> Any:
        plan = _Plan(sheet_title(self.t[key]))
        self.plans.append(plan)
        return plan

    def table(
        self,
        ws: Any,
        top: int,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        formats: Sequence[str | None],
        *,
        total: Sequence[Any] | None = None,
        filter_: bool = True,
        freeze: bool = True,
    ) -> tuple[int, int]:
        """Write a header at row ``top`` and the rows under it; returns (first data row,
        last row written)."""
        from openpyxl.utils import get_column_letter

        for c, title in enumerate(headers, 1):
            cell = ws.cell(row=top, column=c, value=title)
            cell.font = self.bold
        r = top
        for r, row in enumerate(rows, top + 1):
            for c, (value, fmt) in enumerate(zip(row, formats, strict=True), 1):
                cell = ws.cell(row=r, column=c, value=_value(value))
                if fmt and value is not None:
                    cell.number_format = fmt
                elif isinstance(value, str):
                    cell.data_type = "s"
        if not rows:
            r = top
        last_data = r
        if total is not None:
            r += 1
            for c, (value, fmt) in enumerate(zip(total, formats, strict=True), 1):
                cell = ws.cell(row=r, column=c, value=_value(value))
                cell.font = self.bold
                if fmt and value is not None and not isinstance(value, str):
                    cell.number_format = fmt
        if filter_:
            ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{max(last_data, top)}"
        if freeze:
            ws.freeze_panes = f"A{top + 1}"
        for c, title in enumerate(headers, 1):
            letter = get_column_letter(c)
            width = max(
                [_width(title)]
                + [_width(_shown(row[c - 1])) for row in rows[:200]]
                + ([_width(_shown(total[c - 1]))] if total is not None else [])
            )
            current = ws.column_dimensions[letter].width or 0
            ws.column_dimensions[letter].width = max(current, min(width + 2, 50))
        return top + 1, r


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}"
    if isinstance(value, dt.date):
        return "2026-01-01"
    return str(value)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write(
    path: str | os.PathLike[str],
    m: Monthly,
    *,
    lang: str = "en",
    currency_format: str = MONEY_FORMAT,
    made_on: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write the workbook to ``path`` (.xlsx) and return it."""
    from openpyxl import Workbook

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ExportError("the monthly workbook is a .xlsx file, not {name}", name=target.name)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("cannot write {path}: no such folder", path=str(target))
    lang = language(lang)
    wb = Workbook(write_only=True)
    out = _Sheets(lang, currency_format)
    steps = (
        _summary,
        _people,
        _targets,
        _segments,
        _pipeline,
        _new,
        _lost,
        _receivables,
        _key_accounts,
        _activities,
    )
    for i, step in enumerate(steps):
        step(out, m, made_on or dt.date.today())
        out.plans[-1].render(wb)
        out.plans[-1] = None  # type: ignore[call-overload]  # written: let it go
        if progress is not None:
            progress(i + 1, len(steps) + 1)
    save_workbook(wb, target)
    if progress is not None:
        progress(len(steps) + 1, len(steps) + 1)
    return target


# ------------------------------------------------------------------ sheets
def _summary(out: _Sheets, m: Monthly, made_on: dt.date) -> None:
    from openpyxl.chart import BarChart, Reference

    t, money = out.t, out.money
    ws = out.sheet("summary")
    ws.cell(row=1, column=1, value=t["title"].format(month=m.period.start.strftime("%Y-%m")))
    ws.cell(row=1, column=1).font = out.big
    ws.cell(
        row=2,
        column=1,
        value=t["made"].format(day=made_on.isoformat(), as_of=m.receivables.as_of.isoformat()),
    )

    def line(key: str, get: Callable[[KeyFigures], Any], fmt: str) -> list[Any]:
        now, prev, ly = get(m.this), get(m.previous), get(m.last_year)
        return [t[key], now, prev, ly, _change(now, prev), _change(now, ly), fmt]

    lines = [
        line("sales", lambda k: k.sales, money),
        line("orders", lambda k: k.orders, "0"),
        line("buyers", lambda k: k.buyers, "0"),
        line("collections", lambda k: k.collections, money),
        line("new_customers", lambda k: k.new_customers, "0"),
        line("lost_customers", lambda k: k.lost_customers, "0"),
        line("activities_n", lambda k: k.activities, "0"),
        line("deals_won", lambda k: k.deals_won, "0"),
        line("won_amount", lambda k: k.won_amount, money),
        line("deals_lost", lambda k: k.deals_lost, "0"),
        line("receivables_total", lambda k: k.receivables, money),
    ]
    headers = [t[k] for k in ("figure", "this", "previous", "last_year")]
    headers += [t["vs_previous"], t["vs_last_year"]]
    from openpyxl.utils import get_column_letter

    for c, title in enumerate(headers, 1):
        ws.cell(row=4, column=c, value=title).font = out.bold
    for r, row in enumerate(lines, 5):
        *values, fmt = row
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c, value=_value(value))
            if c in (2, 3, 4):
                cell.number_format = fmt
            elif c in (5, 6) and value is not None:
                cell.number_format = PERCENT
    ws.freeze_panes = "B5"
    ws.column_dimensions["A"].width = max(_width(r[0]) for r in lines) + 4
    for c in range(2, 7):
        ws.column_dimensions[get_column_letter(c)].width = max(18, _width(headers[c - 1]) + 2)

    top = 5 + len(lines) + 2
    ws.cell(row=top - 1, column=1, value=t["by_month"]).font = out.bold
    rows = [[month.strftime("%Y-%m"), sales, before] for month, sales, before in m.sales_by_month]
    out.table(
        ws,
        top,
        [t["month"], t["sales"], t["year_before"]],
        rows,
        [None, money, money],
        filter_=False,
        freeze=False,
    )
    chart = BarChart()
    chart.type = "col"
    chart.title = t["by_month"]
    chart.y_axis.title = t["sales"]
    chart.y_axis.numFmt = "#,##0"
    data = Reference(ws, min_col=2, max_col=3, min_row=top, max_row=top + len(rows))
    cats = Reference(ws, min_col=1, min_row=top + 1, max_row=top + len(rows))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height, chart.width = 9, 22
    ws.add_chart(chart, f"H{4}")


def _people(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    from openpyxl.chart import BarChart, Reference

    t, money = out.t, out.money
    ws = out.sheet("people")
    keys = (
        "salesperson",
        "orders",
        "buyers",
        "sales",
        "collections",
        "new_customers",
        "deals_won",
        "won_amount",
        "activities_n",
    )
    rows = [
        [
            p.name or t["nobody"],
            p.orders,
            p.buyers,
            p.sales,
            p.collections,
            p.new_customers,
            p.deals_won,
            p.won_amount,
            p.activities,
        ]
        for p in m.people
    ]
    k = m.this
    total = [
        t["total"],
        k.orders,
        k.buyers,
        k.sales,
        k.collections,
        k.new_customers,
        k.deals_won,
        k.won_amount,
        k.activities,
    ]
    fmts = [None, "0", "0", money, money, "0", "0", money, "0"]
    first, last = out.table(ws, 1, [t[key] for key in keys], rows, fmts, total=total)
    if rows:
        chart = BarChart()
        chart.type = "bar"
        chart.title = t["sales"]
        chart.x_axis.numFmt = "#,##0"
        data = Reference(ws, min_col=4, max_col=4, min_row=1, max_row=first + len(rows) - 1)
        cats = Reference(ws, min_col=1, min_row=first, max_row=first + len(rows) - 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.legend = None
        chart.height, chart.width = max(6, 1 + 0.8 * len(rows)), 16
        ws.add_chart(chart, f"B{last + 3}")


def _targets(out: _Sheets, m: Monthly, made_on: dt.date) -> None:
    from .targets_sheet import targets_sheet

    targets_sheet(out, m, made_on)


def _segments(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    t, money = out.t, out.money
    ws = out.sheet("segments")
    sales = m.this.sales
    rows = [
        [
            r.segment or t["unclassed"],
            r.customers,
            r.buyers,
            r.sales,
            float(r.sales / sales) if sales else None,
        ]
        for r in m.segments
    ]
    total = [
        t["total"],
        sum(r.customers for r in m.segments),
        sum(r.buyers for r in m.segments),
        sum((r.sales for r in m.segments), Decimal(0)),
        1.0 if sales else None,
    ]
    out.table(
        ws,
        1,
        [t["class"], t["customers"], t["buyers"], t["sales"], t["share"]],
        rows,
        [None, "0", "0", money, PERCENT],
        total=total,
    )


def _pipeline(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    t, money = out.t, out.money
    ws = out.sheet("pipeline")
    p = m.pipeline
    rows = [
        [
            f.stage.name,
            f.count,
            f.amount,
            f.weighted,
            round(f.avg_days, 1) if f.avg_days is not None else None,
            f.conversion,
        ]
        for f in p.stages
    ]
    total = [
        t["total"],
        sum(f.count for f in p.stages),
        sum((f.amount for f in p.stages), Decimal(0)),
        sum((f.weighted for f in p.stages), Decimal(0)),
        None,
        None,
    ]
    headers = [t[k] for k in ("stage", "open_deals", "amount", "weighted", "avg_days")]
    _, last = out.table(
        ws,
        1,
        [*headers, t["conversion"]],
        rows,
        [None, "0", money, money, "0.0", PERCENT],
        total=total,
    )
    top = last + 3
    ws.cell(row=top - 1, column=1, value=t["forecast"]).font = out.bold
    months = [d.strftime("%Y-%m") for d in p.forecast.months]
    rows = [[r.owner_name or t["nobody"], *r.by_month, r.total] for r in p.forecast.rows]
    total = [t["total"], *p.forecast.totals, sum(p.forecast.totals, Decimal(0))]
    _, last = out.table(
        ws,
        top,
        [t["owner"], *months, t["total"]],
        rows,
        [None, *([money] * len(months)), money],
        total=total,
        filter_=False,
        freeze=False,
    )
    top = last + 3
    ws.cell(row=top - 1, column=1, value=t["lost_reasons"]).font = out.bold
    rows = [[t[f"r_{key}"], n] for key, n in p.lost_by_reason.items()]
    out.table(
        ws,
        top,
        [t["reason"], t["count"]],
        rows,
        [None, "0"],
        total=[t["total"], sum(p.lost_by_reason.values())],
        filter_=False,
        freeze=False,
    )


def _new(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    t = out.t
    ws = out.sheet("new")
    rows = [[c.number, c.name, c.owner, c.day, c.city] for c in m.new]
    out.table(
        ws,
        1,
        [t["number"], t["name"], t["owner"], t["created"], t["city"]],
        rows,
        [None, None, None, DATE_FORMAT, None],
    )


def _lost(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    t, money = out.t, out.money
    ws = out.sheet("lost")
    rows = [
        [
            c.number,
            c.name,
            c.owner,
            c.day,
            c.city,
            t.get(f"r_{c.reason or ''}", c.reason or ""),
            c.reason_text,
            c.sales,
        ]
        for c in m.lost
    ]
    keys = ("number", "name", "owner", "lost_on", "city", "reason", "reason_text", "bought")
    out.table(
        ws,
        1,
        [t[k] for k in keys],
        rows,
        [None, None, None, DATE_FORMAT, None, None, None, money],
    )


def _receivables(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    t, money = out.t, out.money
    ws = out.sheet("receivables")
    rows = [[r.number, r.name, r.owner, *r.buckets, r.total] for r in m.receivables.rows]
    sums = [sum((r.buckets[i] for r in m.receivables.rows), Decimal(0)) for i in range(4)]
    keys = ("number", "name", "owner", "d0", "d31", "d61", "d90", "owed")
    out.table(
        ws,
        1,
        [t[k] for k in keys],
        rows,
        [None, None, None, money, money, money, money, money],
        total=[t["total"], None, None, *sums, sum(sums, Decimal(0))],
    )


def _key_accounts(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    t, money = out.t, out.money
    ws = out.sheet("key")
    rows = [
        [
            k.number,
            k.name,
            k.owner,
            k.abc_class,
            k.key_score,
            k.tier,
            k.month_sales,
            k.year_sales,
            k.owed,
        ]
        for k in m.key_accounts
    ]
    keys = (
        "number",
        "name",
        "owner",
        "class",
        "score",
        "tier",
        "month_sales",
        "year_sales",
        "owed",
    )
    out.table(
        ws,
        1,
        [t[k] for k in keys],
        rows,
        [None, None, None, None, "0.0", "0", money, money, money],
    )


def _activities(out: _Sheets, m: Monthly, _made_on: dt.date) -> None:
    t = out.t
    ws = out.sheet("activities")
    kinds = [k for k in m.kinds if any(p.by_kind.get(k) for p in m.people)] or m.kinds[:3]
    rows = [
        [p.name or t["nobody"], *(p.by_kind.get(k, 0) for k in kinds), p.activities]
        for p in m.people
    ]
    total = [
        t["total"],
        *(sum(p.by_kind.get(k, 0) for p in m.people) for k in kinds),
        m.this.activities,
    ]
    out.table(
        ws,
        1,
        [t["salesperson"], *(out.kinds.get(k, k) for k in kinds), t["total"]],
        rows,
        [None, *(["0"] * len(kinds)), "0"],
        total=total,
    )

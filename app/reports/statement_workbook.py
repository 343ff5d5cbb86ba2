"""The statement of account as a workbook a customer can be sent: the office's name,
the customer and the period at the top; then the opening balance, one row per order,
return and payment with its signed amount and the running balance, and the closing
balance; then what is overdue at the period's end.

Every cell is typed (dates are dates, money is a number in the office currency's
format). The totals are values, not formulas, and a person can check them: the opening
balance plus ``SUM`` of the Amount column is the closing balance, and the order, return
and payment totals are the ``SUM`` of their rows. Texts come in the office's language
(zh, es or en); the file appears only when complete.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.services.statement import Statement

from .export import DATE_FORMAT, MONEY_FORMAT, ExportError, save_workbook, sheet_title
from .monthly_workbook import _width, language

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "sheet": "Statement",
        "title": "Statement of account",
        "customer": "Customer",
        "period": "Period",
        "to": "to",
        "made": "Made on",
        "term": "Credit term (days)",
        "date": "Date",
        "kind": "Type",
        "ref": "Reference",
        "detail": "Detail",
        "due": "Due",
        "amount": "Amount",
        "balance": "Balance",
        "opening": "Opening balance",
        "closing": "Closing balance",
        "order": "Order",
        "return": "Return",
        "payment": "Payment",
        "orders": "Orders in the period",
        "returns": "Returns in the period",
        "payments": "Payments in the period",
        "overdue_title": "Overdue on {day}",
        "order_date": "Order date",
        "order_amount": "Order amount",
        "open": "Unpaid",
        "days": "Days overdue",
        "overdue": "Overdue in all",
        "nothing_overdue": "Nothing is overdue.",
    },
    "zh": {
        "sheet": "对账单",
        "title": "对账单",
        "customer": "客户",
        "period": "期间",
        "to": "至",
        "made": "制表日期",
        "term": "信用期限（天）",
        "date": "日期",
        "kind": "类型",
        "ref": "单号",
        "detail": "说明",
        "due": "到期日",
        "amount": "金额",
        "balance": "余额",
        "opening": "期初余额",
        "closing": "期末余额",
        "order": "订单",
        "return": "退货",
        "payment": "收款",
        "orders": "本期订单合计",
        "returns": "本期退货合计",
        "payments": "本期收款合计",
        "overdue_title": "截至 {day} 逾期款项",
        "order_date": "订单日期",
        "order_amount": "订单金额",
        "open": "未付金额",
        "days": "逾期天数",
        "overdue": "逾期合计",
        "nothing_overdue": "没有逾期款项。",
    },
    "es": {
        "sheet": "Extracto",
        "title": "Extracto de cuenta",
        "customer": "Cliente",
        "period": "Periodo",
        "to": "a",
        "made": "Emitido el",
        "term": "Plazo de crédito (días)",
        "date": "Fecha",
        "kind": "Tipo",
        "ref": "Referencia",
        "detail": "Detalle",
        "due": "Vencimiento",
        "amount": "Importe",
        "balance": "Saldo",
        "opening": "Saldo inicial",
        "closing": "Saldo final",
        "order": "Pedido",
        "return": "Devolución",
        "payment": "Pago",
        "orders": "Pedidos del periodo",
        "returns": "Devoluciones del periodo",
        "payments": "Pagos del periodo",
        "overdue_title": "Vencido al {day}",
        "order_date": "Fecha del pedido",
        "order_amount": "Importe del pedido",
        "open": "Pendiente",
        "days": "Días de retraso",
        "overdue": "Total vencido",
        "nothing_overdue": "No hay nada vencido.",
    },
}
METHODS: dict[str, dict[str, str]] = {
    "en": {
        "cash": "Cash",
        "card": "Card",
        "transfer": "Bank transfer",
        "cheque": "Cheque",
        "mobile": "Mobile payment",
        "other": "Other",
    },
    "zh": {
        "cash": "现金",
        "card": "刷卡",
        "transfer": "银行转账",
        "cheque": "支票",
        "mobile": "移动支付",
        "other": "其他",
    },
    "es": {
        "cash": "Efectivo",
        "card": "Tarjeta",
        "transfer": "Transferencia",
        "cheque": "Cheque",
        "mobile": "Pago móvil",
        "other": "Otro",
    },
}
TABLE_COLUMNS = 7  # date, type, reference, detail, due, amount, balance
AMOUNT_COLUMN = 6
BALANCE_COLUMN = 7


def _v(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def write(
    path: str | os.PathLike[str],
    st: Statement,
    *,
    office: str = "",
    lang: str = "en",
    currency_format: str = MONEY_FORMAT,
    made_on: dt.date | None = None,
) -> Path:
    """Write ``st`` to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ExportError("the statement is a .xlsx file, not {name}", name=target.name)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("cannot write {path}: no such folder", path=str(target))
    lang = language(lang)
    t = TEXTS[lang]
    methods = METHODS[lang]
    bold, big = Font(bold=True), Font(bold=True, size=14)
    money = currency_format
    widths = [0] * TABLE_COLUMNS

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(t["sheet"])

    def put(row: int, col: int, value: Any, fmt: str | None = None, font: Any = None) -> Any:
        cell = ws.cell(row=row, column=col, value=_v(value))
        if fmt and value is not None and not isinstance(value, str):
            cell.number_format = fmt
        if font is not None:
            cell.font = font
        if col <= TABLE_COLUMNS and row > 6:
            shown = (
                "2026-01-01"
                if isinstance(value, dt.date)
                else f"{value:,.2f}"
                if isinstance(value, Decimal)
                else str(value or "")
            )
            widths[col - 1] = max(widths[col - 1], _width(shown))
        return cell

    put(1, 1, office or t["title"], font=big)
    put(2, 1, t["title"] if office else "", font=bold)
    put(3, 1, t["customer"], font=bold)
    put(3, 2, f"{st.number} {st.name}")
    put(4, 1, t["period"], font=bold)
    put(4, 2, st.start, DATE_FORMAT)
    put(4, 3, t["to"])
    put(4, 4, st.end, DATE_FORMAT)
    put(5, 1, t["made"], font=bold)
    put(5, 2, made_on or dt.date.today(), DATE_FORMAT)
    put(5, 3, t["term"])
    put(5, 4, st.term_days)

    top = 7
    headers = ("date", "kind", "ref", "detail", "due", "amount", "balance")
    for c, key in enumerate(headers, 1):
        put(top, c, t[key], font=bold)
    r = top + 1
    put(r, 1, st.start, DATE_FORMAT)
    put(r, 2, t["opening"])
    put(r, BALANCE_COLUMN, st.opening, money)
    for ln in st.lines:
        r += 1
        detail = methods.get(ln.detail, ln.detail) if ln.kind == "payment" else ln.detail
        put(r, 1, ln.date, DATE_FORMAT)
        put(r, 2, t[ln.kind])
        put(r, 3, ln.ref)
        put(r, 4, detail)
        put(r, 5, ln.due, DATE_FORMAT)
        put(r, AMOUNT_COLUMN, ln.amount, money)
        put(r, BALANCE_COLUMN, ln.balance, money)
    last = r
    ws.auto_filter.ref = f"A{top}:{get_column_letter(TABLE_COLUMNS)}{last}"
    ws.freeze_panes = f"A{top + 1}"
    r += 1
    put(r, 1, st.end, DATE_FORMAT, font=bold)
    put(r, 2, t["closing"], font=bold)
    put(r, AMOUNT_COLUMN, st.closing - st.opening, money, font=bold)
    put(r, BALANCE_COLUMN, st.closing, money, font=bold)
    r += 1
    for kind, key in (("order", "orders"), ("return", "returns"), ("payment", "payments")):
        r += 1
        put(r, 2, t[key])
        put(r, AMOUNT_COLUMN, st.total(kind), money)

    r += 2
    put(r, 1, t["overdue_title"].format(day=st.end.isoformat()), font=bold)
    r += 1
    if not st.overdue_orders:
        put(r, 1, t["nothing_overdue"])
    else:
        for c, key in enumerate(("ref", "order_date", "due", "order_amount", "open", "days"), 1):
            put(r, c, t[key], font=bold)
        for o in st.overdue_orders:
            r += 1
            put(r, 1, o.ref)
            put(r, 2, o.order_date, DATE_FORMAT)
            put(r, 3, o.due, DATE_FORMAT)
            put(r, 4, o.amount, money)
            put(r, 5, o.open, money)
            put(r, 6, o.days)
        r += 1
        put(r, 1, t["overdue"], font=bold)
        put(r, 5, st.overdue, money, font=bold)

    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = max(12, min(width + 2, 50))

    save_workbook(wb, target)
    return target

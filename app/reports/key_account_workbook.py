"""Key-account cards as a workbook: one sheet per customer, with its strategy card (goals
and plans, how it buys, volumes, needs, budget, competitors, next steps), our team and
the counterparts of its people, then the monthly review card (orders, sales, margin,
payments, overdue, contacts by kind, complaints, satisfaction, deals moved) and the
manager's comment. Cells are typed (money as numbers in the office currency's format,
the month as a date); texts come in the office's language; the file appears only whole.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.services.key_accounts import ReviewCard, StrategyCard

from .export import DATE_FORMAT, MONEY_FORMAT, ExportError, save_workbook, sheet_title
from .monthly_workbook import ACTIVITY_KINDS, language

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "strategy": "Strategy card",
        "review": "Monthly review card",
        "customer": "Customer",
        "owner": "Owner",
        "key": "Key account",
        "yes": "yes",
        "no": "no",
        "goals_plans": "Goals and plans",
        "buying_method": "Buying method",
        "decision_process": "Decision process",
        "volumes": "Volumes",
        "needs": "Needs",
        "budget": "Budget",
        "competitors": "Competitors",
        "next_steps": "Next steps",
        "team": "Our team",
        "member": "Member",
        "role": "Role",
        "counterparts": "Their people and our counterparts",
        "contact": "Contact person",
        "buying_role": "Role in buying",
        "counterpart": "Our counterpart",
        "month": "Month",
        "orders": "Orders",
        "sales": "Sales less returns",
        "margin": "Gross margin",
        "margin_share": "Margin % of sales",
        "payments": "Payments received",
        "overdue": "Overdue at the month's end",
        "contacts": "Contacts",
        "complaints_opened": "Complaints opened",
        "complaints_resolved": "Complaints resolved",
        "complaints_open": "Complaints still open",
        "satisfaction": "Satisfaction (1–5)",
        "satisfaction_answers": "Satisfaction answers",
        "deals_moved": "Deals moved",
        "deals_won": "Deals won",
        "won_amount": "Won amount",
        "deals_lost": "Deals lost",
        "comment": "Manager's comment",
        "comment_by": "Comment by",
        "none": "—",
        "lead": "Account lead",
        "manager": "Account manager",
        "sponsor": "Executive sponsor",
        "service": "Service",
        "decision_maker": "Decision maker",
        "purchaser": "Purchaser",
        "window": "Window contact",
        "finance": "Finance",
        "other": "Other",
    },
    "zh": {
        "strategy": "客户策略卡",
        "review": "客户月评卡",
        "customer": "客户",
        "owner": "负责人",
        "key": "大客户",
        "yes": "是",
        "no": "否",
        "goals_plans": "目标与计划",
        "buying_method": "购买方式",
        "decision_process": "决策程序",
        "volumes": "采购量",
        "needs": "需求",
        "budget": "预算",
        "competitors": "竞争对手",
        "next_steps": "下一步",
        "team": "我方小组",
        "member": "成员",
        "role": "角色",
        "counterparts": "客户方人员与我方对口人",
        "contact": "联系人",
        "buying_role": "采购角色",
        "counterpart": "我方对口人",
        "month": "月份",
        "orders": "订单数",
        "sales": "销售额（扣除退货）",
        "margin": "毛利",
        "margin_share": "毛利率 %",
        "payments": "回款",
        "overdue": "月末逾期",
        "contacts": "联系次数",
        "complaints_opened": "新投诉",
        "complaints_resolved": "已解决投诉",
        "complaints_open": "未结投诉",
        "satisfaction": "满意度（1–5）",
        "satisfaction_answers": "满意度回答数",
        "deals_moved": "推进的商机",
        "deals_won": "赢单",
        "won_amount": "赢单金额",
        "deals_lost": "丢单",
        "comment": "经理评语",
        "comment_by": "评语人",
        "none": "—",
        "lead": "客户主管",
        "manager": "客户经理",
        "sponsor": "高层联系人",
        "service": "服务",
        "decision_maker": "决策人",
        "purchaser": "采购人",
        "window": "窗口联络人",
        "finance": "财务人员",
        "other": "其他",
    },
    "es": {
        "strategy": "Ficha de estrategia",
        "review": "Ficha de revisión mensual",
        "customer": "Cliente",
        "owner": "Responsable",
        "key": "Cliente clave",
        "yes": "sí",
        "no": "no",
        "goals_plans": "Objetivos y planes",
        "buying_method": "Forma de compra",
        "decision_process": "Proceso de decisión",
        "volumes": "Volúmenes",
        "needs": "Necesidades",
        "budget": "Presupuesto",
        "competitors": "Competidores",
        "next_steps": "Próximos pasos",
        "team": "Nuestro equipo",
        "member": "Miembro",
        "role": "Función",
        "counterparts": "Sus personas y nuestros interlocutores",
        "contact": "Persona de contacto",
        "buying_role": "Papel en la compra",
        "counterpart": "Nuestro interlocutor",
        "month": "Mes",
        "orders": "Pedidos",
        "sales": "Ventas menos devoluciones",
        "margin": "Margen bruto",
        "margin_share": "Margen % de ventas",
        "payments": "Cobros",
        "overdue": "Vencido a fin de mes",
        "contacts": "Contactos",
        "complaints_opened": "Quejas abiertas",
        "complaints_resolved": "Quejas resueltas",
        "complaints_open": "Quejas aún abiertas",
        "satisfaction": "Satisfacción (1–5)",
        "satisfaction_answers": "Respuestas de satisfacción",
        "deals_moved": "Oportunidades avanzadas",
        "deals_won": "Oportunidades ganadas",
        "won_amount": "Importe ganado",
        "deals_lost": "Oportunidades perdidas",
        "comment": "Comentario del responsable",
        "comment_by": "Comentado por",
        "none": "—",
        "lead": "Responsable de cuenta",
        "manager": "Gestor de cuenta",
        "sponsor": "Patrocinador ejecutivo",
        "service": "Servicio",
        "decision_maker": "Decisor",
        "purchaser": "Comprador",
        "window": "Contacto de ventanilla",
        "finance": "Finanzas",
        "other": "Otro",
    },
}
STRATEGY_KEYS = (
    "goals_plans",
    "buying_method",
    "decision_process",
    "volumes",
    "needs",
    "budget",
    "competitors",
    "next_steps",
)
WIDTHS = (24, 60, 20)


def _v(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


class _Cells:
    """Typed cells and rows of one write-only sheet."""

    def __init__(self, ws: Any, wrap: Any) -> None:
        self.ws, self.wrap = ws, wrap

    def __call__(
        self, value: Any, fmt: str | None = None, font: Any = None, wrapped: bool = False
    ) -> Any:
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(self.ws, _v(value))
        if isinstance(value, str):
            c.data_type = "s"  # text stays text, even "=…"
        if fmt and value is not None and not isinstance(value, str):
            c.number_format = fmt
        if font is not None:
            c.font = font
        if wrapped:
            c.alignment = self.wrap
        return c

    def row(self, *values: Any) -> None:
        from openpyxl.cell.cell import Cell

        self.ws.append([v if isinstance(v, Cell) else self(v) for v in values])


def _unique_titles(names: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        base = sheet_title(name)
        title, n = base, 1
        while title.lower() in seen:
            n += 1
            suffix = f" ({n})"
            title = base[: 31 - len(suffix)] + suffix
        seen.add(title.lower())
        out.append(title)
    return out


def write(
    path: str | os.PathLike[str],
    cards: Sequence[tuple[StrategyCard, ReviewCard]],
    *,
    lang: str = "en",
    currency_format: str = MONEY_FORMAT,
    step: Callable[[int], None] | None = None,
) -> Path:
    """Write one sheet per (strategy, review) pair to ``path`` (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ExportError("the key-account cards are a .xlsx file, not {name}", name=target.name)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("cannot write {path}: no such folder", path=str(target))
    t = TEXTS[language(lang)]
    kinds = ACTIVITY_KINDS[language(lang)]
    bold, big = Font(bold=True), Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    wb = Workbook(write_only=True)
    titles = _unique_titles([s.name for s, _ in cards])
    for i, ((card, rv), title) in enumerate(zip(cards, titles, strict=True)):
        ws = wb.create_sheet(title)
        for col, width in enumerate(WIDTHS, 1):  # before any row: a write-only sheet
            ws.column_dimensions[get_column_letter(col)].width = width

        cell = _Cells(ws, wrap)
        row = cell.row

        row(cell(f"{card.number} {card.name}".strip(), font=big))
        row(cell(t["strategy"], font=bold))
        row(t["owner"], card.team.owner_name or t["none"])
        row(t["key"], t["yes"] if card.key_account else t["no"])
        for key in STRATEGY_KEYS:
            value = getattr(card.data, key)
            if key == "budget":
                row(cell(t[key], font=bold), cell(value, currency_format))
            else:
                row(cell(t[key], font=bold), cell(value or "", wrapped=True))
        row()
        row(cell(t["team"], font=bold))
        row(cell(t["member"], font=bold), cell(t["role"], font=bold))
        if card.team.owner_name:
            row(card.team.owner_name, t["owner"])
        for m in card.team.members:
            if not m.is_owner:
                row(m.name, t.get(m.role, m.role))
        if card.team.counterparts:
            row()
            row(cell(t["counterparts"], font=bold))
            row(
                cell(t["contact"], font=bold),
                cell(t["buying_role"], font=bold),
                cell(t["counterpart"], font=bold),
            )
            for cp in card.team.counterparts:
                row(cp.contact_name, t.get(cp.contact_role, cp.contact_role), cp.user_name or "")
        row()
        row(cell(t["review"], font=bold), cell(rv.month, "yyyy-mm"))
        money = currency_format
        for key, value, fmt in (
            ("orders", rv.orders, None),
            ("sales", rv.sales, money),
            ("margin", rv.margin, money),
            ("margin_share", rv.margin_share, "0.0"),
            ("payments", rv.payments, money),
            ("overdue", rv.overdue, money),
            ("contacts", rv.contacts_total, None),
        ):
            row(cell(t[key], font=bold), cell(value, fmt))
        for kind, n in sorted(rv.contacts.items(), key=lambda kv: -kv[1]):
            row("", kinds.get(kind, kind), n)
        for key in (
            "complaints_opened",
            "complaints_resolved",
            "complaints_open",
            "satisfaction",
            "satisfaction_answers",
            "deals_moved",
            "deals_won",
        ):
            row(cell(t[key], font=bold), getattr(rv, key))
        row(cell(t["won_amount"], font=bold), cell(rv.won_amount, money))
        row(cell(t["deals_lost"], font=bold), rv.deals_lost)
        row(cell(t["comment"], font=bold), cell(rv.comment or "", wrapped=True))
        if rv.comment_by:
            at = rv.comment_at.date() if isinstance(rv.comment_at, dt.datetime) else None
            row(cell(t["comment_by"], font=bold), rv.comment_by, cell(at, DATE_FORMAT))
        if step is not None:
            step(i + 1)
    if not cards:
        wb.create_sheet(sheet_title(t["strategy"]))
    save_workbook(wb, target)
    return target

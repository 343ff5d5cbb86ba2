"""Everything held about one person, as one workbook (the right of access): one sheet per
kind of record, each with a bold frozen header, typed cells (dates are dates, money is a
number in the office currency's format, phone numbers and plates stay text) and an
autofilter. Sheet names and headers come in the office's language (zh, es or en); the
file appears only when complete (written next to the target, renamed over it).

The rows come from ``services.privacy``; this module only lays them out.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from .export import (
    CELL_MAX,
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    ExportError,
    save_workbook,
    sheet_title,
)
from .monthly_workbook import _width

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        # sheets
        "profile": "Profile",
        "people": "People",
        "vehicles": "Vehicles",
        "activities": "Activities",
        "orders": "Orders",
        "payments": "Payments",
        "consent": "Consent history",
        "audit": "Audit entries",
        "deals": "Deals",
        "tasks": "Tasks",
        "cases": "Complaints",
        "contracts": "Contracts",
        "dates": "Important dates",
        "points": "Points",
        "campaigns": "Campaigns",
        # headers
        "field": "Field",
        "value": "Value",
        "name": "Name",
        "role": "Role",
        "title": "Title",
        "phone": "Phone",
        "mobile": "Mobile",
        "email": "Email",
        "birthday": "Birthday",
        "notes": "Notes",
        "plate": "Plate",
        "brand": "Brand",
        "model": "Model",
        "use": "Use",
        "nature": "Nature",
        "year": "Year",
        "color": "Colour",
        "vin": "VIN",
        "fuel": "Fuel",
        "when": "When",
        "kind": "Type",
        "subject": "Subject",
        "text": "Text",
        "amount": "Amount",
        "satisfaction": "Satisfaction",
        "outcome": "Outcome",
        "by": "By",
        "number": "Number",
        "date": "Date",
        "due": "Due",
        "status": "Status",
        "method": "Method",
        "reference": "Reference",
        "channel": "Channel",
        "granted": "Given or withdrawn",
        "note": "Note",
        "action": "Action",
        "record": "Record",
        "id": "Id",
        "old": "Old",
        "new": "New",
        "stage": "Stage",
        "expected": "Expected close",
        "description": "Description",
        "resolution": "Resolution",
        "starts": "Starts",
        "ends": "Ends",
        "label": "Label",
        "yearly": "Every year",
        "points_n": "Points",
        "reason": "Reason",
        "campaign": "Campaign",
        "response": "Response",
        "v_given": "given",
        "v_withdrawn": "withdrawn",
        "v_phone": "phone",
        "v_sms": "SMS",
        "v_email": "email",
        "v_post": "post",
    },
    "zh": {
        "profile": "基本信息",
        "people": "联系人",
        "vehicles": "车辆",
        "activities": "跟踪记录",
        "orders": "订单",
        "payments": "收款",
        "consent": "联系许可记录",
        "audit": "审计记录",
        "deals": "商机",
        "tasks": "待办事务",
        "cases": "投诉",
        "contracts": "合同",
        "dates": "重要日期",
        "points": "积分",
        "campaigns": "营销活动",
        "field": "字段",
        "value": "内容",
        "name": "姓名",
        "role": "角色",
        "title": "职务",
        "phone": "电话",
        "mobile": "手机",
        "email": "电子邮件",
        "birthday": "生日",
        "notes": "备注",
        "plate": "车牌",
        "brand": "品牌",
        "model": "车型",
        "use": "用途",
        "nature": "性质",
        "year": "年份",
        "color": "颜色",
        "vin": "车架号",
        "fuel": "燃料",
        "when": "时间",
        "kind": "类型",
        "subject": "主题",
        "text": "内容",
        "amount": "金额",
        "satisfaction": "满意度",
        "outcome": "结果",
        "by": "记录人",
        "number": "编号",
        "date": "日期",
        "due": "到期日",
        "status": "状态",
        "method": "方式",
        "reference": "参考号",
        "channel": "渠道",
        "granted": "同意或撤回",
        "note": "说明",
        "action": "操作",
        "record": "记录",
        "id": "编号",
        "old": "原值",
        "new": "新值",
        "stage": "阶段",
        "expected": "预计成交",
        "description": "描述",
        "resolution": "处理结果",
        "starts": "开始",
        "ends": "结束",
        "label": "名称",
        "yearly": "每年",
        "points_n": "积分",
        "reason": "原因",
        "campaign": "活动",
        "response": "响应",
        "v_given": "同意",
        "v_withdrawn": "撤回",
        "v_phone": "电话",
        "v_sms": "短信",
        "v_email": "电子邮件",
        "v_post": "邮寄",
    },
    "es": {
        "profile": "Perfil",
        "people": "Personas",
        "vehicles": "Vehículos",
        "activities": "Actividades",
        "orders": "Pedidos",
        "payments": "Pagos",
        "consent": "Historial de consentimiento",
        "audit": "Registro de auditoría",
        "deals": "Oportunidades",
        "tasks": "Tareas",
        "cases": "Reclamaciones",
        "contracts": "Contratos",
        "dates": "Fechas importantes",
        "points": "Puntos",
        "campaigns": "Campañas",
        "field": "Campo",
        "value": "Valor",
        "name": "Nombre",
        "role": "Función",
        "title": "Cargo",
        "phone": "Teléfono",
        "mobile": "Móvil",
        "email": "Correo electrónico",
        "birthday": "Cumpleaños",
        "notes": "Notas",
        "plate": "Matrícula",
        "brand": "Marca",
        "model": "Modelo",
        "use": "Uso",
        "nature": "Naturaleza",
        "year": "Año",
        "color": "Color",
        "vin": "Número de bastidor",
        "fuel": "Combustible",
        "when": "Cuándo",
        "kind": "Tipo",
        "subject": "Asunto",
        "text": "Texto",
        "amount": "Importe",
        "satisfaction": "Satisfacción",
        "outcome": "Resultado",
        "by": "Por",
        "number": "Número",
        "date": "Fecha",
        "due": "Vencimiento",
        "status": "Estado",
        "method": "Forma de pago",
        "reference": "Referencia",
        "channel": "Canal",
        "granted": "Dado o retirado",
        "note": "Nota",
        "action": "Acción",
        "record": "Registro",
        "id": "Id",
        "old": "Antes",
        "new": "Después",
        "stage": "Etapa",
        "expected": "Cierre previsto",
        "description": "Descripción",
        "resolution": "Resolución",
        "starts": "Inicio",
        "ends": "Fin",
        "label": "Nombre",
        "yearly": "Cada año",
        "points_n": "Puntos",
        "reason": "Motivo",
        "campaign": "Campaña",
        "response": "Respuesta",
        "v_given": "dado",
        "v_withdrawn": "retirado",
        "v_phone": "teléfono",
        "v_sms": "SMS",
        "v_email": "correo electrónico",
        "v_post": "correo postal",
    },
}

# Profile field names in Chinese and Spanish (English: the field name in words).
FIELDS: dict[str, dict[str, str]] = {
    "zh": {
        "number": "客户编号",
        "kind": "类型",
        "name": "名称",
        "phone": "电话",
        "phone2": "电话2",
        "email": "电子邮件",
        "website": "网站",
        "wechat": "微信",
        "address": "地址",
        "postcode": "邮编",
        "city": "城市",
        "district": "区县",
        "region": "地区",
        "country": "国家",
        "source": "来源",
        "referred_by_name": "推荐人",
        "owner": "负责人",
        "category": "类别",
        "scale": "规模",
        "industry": "行业",
        "membership_card": "会员卡号",
        "membership_level": "会员等级",
        "legal_name": "法定名称",
        "tax_id": "税号",
        "business_reg_no": "工商登记号",
        "bank_name": "开户银行",
        "bank_account": "银行帐号",
        "id_card_no": "身份证号",
        "gender": "性别",
        "birthday": "生日",
        "hometown": "籍贯",
        "birthplace": "出生地",
        "nationality": "国籍",
        "education": "教育背景",
        "experience": "经历",
        "title": "职务",
        "family": "家庭情况",
        "personality": "性格",
        "hobbies": "爱好",
        "preferences": "偏好",
        "notes": "备注",
        "consent_phone": "同意电话联系",
        "consent_sms": "同意短信联系",
        "consent_email": "同意邮件联系",
        "consent_post": "同意邮寄联系",
        "buying_method": "购买方式",
        "decision_process": "决策程序",
        "volumes": "采购量",
        "needs": "需求",
        "budget": "预算",
        "goals_plans": "目标与计划",
        "competitors": "竞争品牌",
        "next_steps": "下一步",
        "refuel_frequency": "加油频率",
        "fleet_vehicles_per_year": "每年购车数",
        "fleet_models": "使用车型",
        "credit_limit": "信用额度",
        "credit_term_days": "信用期限（天）",
        "payment_terms": "付款条件",
        "lost_at": "流失日期",
        "lost_reason_text": "流失原因",
        "created_at": "创建时间",
        "updated_at": "修改时间",
    },
    "es": {
        "number": "Número de cliente",
        "kind": "Tipo",
        "name": "Nombre",
        "phone": "Teléfono",
        "phone2": "Teléfono 2",
        "email": "Correo electrónico",
        "website": "Sitio web",
        "wechat": "WeChat",
        "address": "Dirección",
        "postcode": "Código postal",
        "city": "Ciudad",
        "district": "Distrito",
        "region": "Región",
        "country": "País",
        "source": "Origen",
        "referred_by_name": "Recomendado por",
        "owner": "Responsable",
        "category": "Categoría",
        "scale": "Tamaño",
        "industry": "Sector",
        "membership_card": "Tarjeta de socio",
        "membership_level": "Nivel de socio",
        "legal_name": "Razón social",
        "tax_id": "NIF",
        "business_reg_no": "Número de registro mercantil",
        "bank_name": "Banco",
        "bank_account": "Cuenta bancaria",
        "id_card_no": "Documento de identidad",
        "gender": "Sexo",
        "birthday": "Cumpleaños",
        "hometown": "Lugar de origen",
        "birthplace": "Lugar de nacimiento",
        "nationality": "Nacionalidad",
        "education": "Formación",
        "experience": "Experiencia",
        "title": "Cargo",
        "family": "Familia",
        "personality": "Personalidad",
        "hobbies": "Aficiones",
        "preferences": "Preferencias",
        "notes": "Notas",
        "consent_phone": "Acepta llamadas",
        "consent_sms": "Acepta SMS",
        "consent_email": "Acepta correo electrónico",
        "consent_post": "Acepta correo postal",
        "buying_method": "Forma de compra",
        "decision_process": "Proceso de decisión",
        "volumes": "Volúmenes",
        "needs": "Necesidades",
        "budget": "Presupuesto",
        "goals_plans": "Objetivos y planes",
        "competitors": "Marcas competidoras",
        "next_steps": "Próximos pasos",
        "refuel_frequency": "Frecuencia de repostaje",
        "fleet_vehicles_per_year": "Vehículos comprados al año",
        "fleet_models": "Modelos que usa",
        "credit_limit": "Límite de crédito",
        "credit_term_days": "Plazo de crédito (días)",
        "payment_terms": "Condiciones de pago",
        "lost_at": "Perdido el",
        "lost_reason_text": "Motivo de la pérdida",
        "created_at": "Alta",
        "updated_at": "Última modificación",
    },
}


def language(code: str | None) -> str:
    """zh, es or en from a locale name such as zh_CN or es_ES."""
    lang = (code or "en")[:2].lower()
    return lang if lang in TEXTS else "en"


def field_label(name: str, lang: str) -> str:
    return FIELDS.get(lang, {}).get(name) or name.replace("_", " ").capitalize()


@dataclass
class Sheet:
    """One sheet: its name key, header keys (into ``TEXTS``) and rows of plain values.
    ``money`` lists the columns (0-based) that are amounts."""

    key: str
    headers: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    money: Sequence[int] = ()
    vocabulary: Sequence[int] = ()
    """Columns of stored words (given, withdrawn, phone…) shown in the sheet's language."""


def _cell_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value.replace(microsecond=0)
    if isinstance(value, str) and len(value) > CELL_MAX:
        return value[:CELL_MAX]
    return value


def write(
    path: str | os.PathLike[str],
    sheets: Sequence[Sheet],
    *,
    lang: str = "en",
    money_format: str = MONEY_FORMAT,
) -> Path:
    """Write ``sheets`` to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ExportError(
            "the copy of a person's data is a .xlsx file, not {name}", name=target.name
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("cannot write {path}: no such folder", path=str(target))
    lang = language(lang)
    t = {**TEXTS["en"], **TEXTS[lang]}
    bold = Font(bold=True)
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet_title(t.get(sheet.key, sheet.key)))
        headers = [t.get(h, h) for h in sheet.headers]
        rows = [[_cell_value(v) for v in row] for row in sheet.rows]
        for row in rows:
            for i in sheet.vocabulary:
                if isinstance(row[i], str):
                    row[i] = t.get(f"v_{row[i]}", row[i])
            if sheet.key == "profile" and row:
                row[0] = field_label(str(row[0]), lang)
        widths = [_width(h) for h in headers]
        for row in rows:
            for i, v in enumerate(row):
                shown = (
                    "2026-01-01 00:00"
                    if isinstance(v, dt.datetime)
                    else "2026-01-01"
                    if isinstance(v, dt.date)
                    else f"{v:,.2f}"
                    if isinstance(v, Decimal)
                    else str(v if v is not None else "")
                )
                widths[i] = max(widths[i], _width(shown))
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(8, min(w + 2, 60))
        ws.freeze_panes = "A2"
        head = []
        for h in headers:
            cell = WriteOnlyCell(ws, h)
            cell.font = bold
            head.append(cell)
        ws.append(head)
        for row in rows:
            out: list[Any] = []
            for i, v in enumerate(row):
                if v is None:
                    out.append(None)
                    continue
                cell = WriteOnlyCell(ws, v)
                if isinstance(v, str):
                    cell.data_type = "s"  # never a formula or a number
                elif isinstance(v, dt.datetime):
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(v, dt.date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(v, Decimal) and i in sheet.money:
                    cell.number_format = money_format
                out.append(cell)
            ws.append(out)
        last = get_column_letter(max(len(headers), 1))
        ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"

    save_workbook(wb, target)
    return target

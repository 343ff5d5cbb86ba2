"""Which column of an import file goes into which field: the fields the import knows,
a guess from the header words in English, Chinese and Spanish, and mappings saved for
next month's file (office-wide, in the ``settings`` table).

A mapping is ``{column index: field key}``; columns not in it are ignored. Several
columns may feed one text field (Spanish addresses come as street, number, floor…): their
values are joined with a space. A second phone column goes to the second phone.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.models import Setting

from . import access
from .import_files import column_letter

SETTING_KEY = "import.mappings"


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # English; the window translates it
    kind: str = "text"  # text, phone, email, date, kind, source, plates, amount, owner
    group: str = "customer"  # customer, contact, order
    joins: bool = False  # several columns may be joined into it


def _f(
    key: str, label: str, kind: str = "text", group: str = "customer", joins: bool = False
) -> Field:
    return Field(key, label, kind, group, joins)


FIELDS: tuple[Field, ...] = (
    _f("number", "Customer number"),
    _f("name", "Name"),
    _f("first_name", "First name"),
    _f("last_name", "Last name"),
    _f("company", "Company"),
    _f("kind", "Person or company", "kind"),
    _f("phone", "Phone", "phone"),
    _f("phone2", "Phone 2", "phone"),
    _f("email", "Email", "email"),
    _f("address", "Address", joins=True),
    _f("postcode", "Postcode"),
    _f("city", "City"),
    _f("district", "District"),
    _f("region", "Province or state"),
    _f("source", "Source", "source"),
    _f("owner", "Owner", "owner"),
    _f("category", "Category"),
    _f("industry", "Industry"),
    _f("membership_card", "Card"),
    _f("membership_level", "Level", "level"),
    _f("birthday", "Birthday", "date"),
    _f("title", "Title"),
    _f("nationality", "Nationality"),
    _f("hometown", "Place of origin"),
    _f("tax_id", "Tax ID"),
    _f("notes", "Notes", joins=True),
    _f("plates", "Plates", "plates", joins=True),
    _f("contact_name", "Contact person", group="contact"),
    _f("contact_phone", "Contact phone", "phone", "contact"),
    _f("contact_email", "Contact email", "email", "contact"),
    _f("contact_title", "Contact title", group="contact"),
    _f("order_number", "Order number", group="order"),
    _f("order_date", "Order date", "date", "order"),
    _f("order_amount", "Order amount", "amount", "order"),
    _f("order_notes", "Order notes", group="order"),
)
BY_KEY = {f.key: f for f in FIELDS}

# Header words per field, in English, Chinese and Spanish (and the export's own titles).
# Compared after ``norm_header``: lower case, no accents, no spaces, punctuation,
# required-marks or remarks in brackets.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": (
        "number",
        "customernumber",
        "customerno",
        "customercode",
        "customerid",
        "clientid",
        "clientnumber",
        "code",
        "客户编号",
        "客户编码",
        "编号",
        "客户号",
        "会员编号",
        "codigo",
        "codigocliente",
        "numerocliente",
        "nocliente",
        "idcliente",
    ),
    "name": (
        "name",
        "customername",
        "customer",
        "fullname",
        "displayname",
        "client",
        "clientname",
        "contactname_customer",
        "姓名",
        "名称",
        "客户名称",
        "客户姓名",
        "客户",
        "客户全称",
        "单位名称",
        "公司名称",
        "企业名称",
        "nombre",
        "nombrecliente",
        "cliente",
        "nombrecompleto",
        "razonsocial_name",
    ),
    "first_name": ("firstname", "givenname", "forename", "名", "nombrepila", "primernombre"),
    "last_name": ("lastname", "surname", "familyname", "姓", "apellido", "apellidos"),
    "company": (
        "company",
        "companyname",
        "organization",
        "organisation",
        "relatedcompany",
        "公司",
        "单位",
        "企业",
        "empresa",
        "razonsocial",
        "compania",
        "nombreempresa",
    ),
    "kind": (
        "kind",
        "type",
        "customertype",
        "clienttype",
        "iscompany",
        "isacompany",
        "类型",
        "客户类型",
        "客户性质",
        "tipo",
        "tipocliente",
        "tipodecliente",
        "customersubtype",
    ),
    "phone": (
        "phone",
        "mobile",
        "mobilephone",
        "cellphone",
        "cell",
        "telephone",
        "tel",
        "phonenumber",
        "mobilenumber",
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "联系电话",
        "电话号码",
        "移动电话",
        "联系方式",
        "telefono",
        "celular",
        "movil",
        "telefonomovil",
        "numerodetelefono",
        "contactphone_customer",
    ),
    "phone2": (
        "phone2",
        "otherphone",
        "workphone",
        "homephone",
        "landline",
        "fax_phone",
        "座机",
        "固定电话",
        "固话",
        "办公电话",
        "备用电话",
        "telefono2",
        "telefonofijo",
        "otrotelefono",
    ),
    "email": (
        "email",
        "emailaddress",
        "mail",
        "emailid",
        "e_mail",
        "邮箱",
        "电子邮箱",
        "电子邮件",
        "邮件",
        "email地址",
        "correo",
        "correoelectronico",
        "email_es",
        "emailcliente",
    ),
    "address": (
        "address",
        "street",
        "streetaddress",
        "street2",
        "addressline1",
        "addressline2",
        "billingstreet",
        "billingaddress",
        "地址",
        "详细地址",
        "联系地址",
        "通讯地址",
        "住址",
        "家庭住址",
        "direccion",
        "calle",
        "domicilio",
        "direccionfacturacion",
        "numero",
        "escalera",
        "piso",
        "puerta",
    ),
    "postcode": (
        "postcode",
        "zip",
        "zipcode",
        "postalcode",
        "billingpostalcode",
        "billingcode",
        "邮编",
        "邮政编码",
        "codigopostal",
        "cp",
        "codigopostalfacturacion",
    ),
    "city": (
        "city",
        "town",
        "billingcity",
        "城市",
        "市",
        "所在城市",
        "ciudad",
        "poblacion",
        "localidad",
        "municipio",
        "ciudadfacturacion",
    ),
    "district": ("district", "county", "区", "区县", "地区", "所在地区", "distrito", "barrio"),
    "region": (
        "region",
        "state",
        "province",
        "stateid",
        "stateprovince",
        "省",
        "省份",
        "州",
        "provincia",
        "departamento",
        "estado_region",
        "comunidad",
        "comunidadautonoma",
        "billingstate",
        "billingstateprovince",
        "departamentofacturacion",
    ),
    "source": (
        "source",
        "leadsource",
        "customersource",
        "customerorigin",
        "origin",
        "来源",
        "客户来源",
        "渠道",
        "fuente",
        "origen",
        "canal",
    ),
    "owner": (
        "owner",
        "salesperson",
        "accountowner",
        "ownername",
        "assignedto",
        "负责人",
        "业务员",
        "销售",
        "所属销售",
        "跟进人",
        "comercial",
        "vendedor",
        "responsable",
        "agente",
    ),
    "category": (
        "category",
        "customerlevel",
        "grade",
        "rating",
        "客户级别",
        "客户等级",
        "级别",
        "等级",
        "类别",
        "客户类别",
        "categoria",
        "nivel",
        "clase",
    ),
    "membership_level": (
        "level",
        "membershiplevel",
        "memberlevel",
        "会员等级",
        "会员级别",
        "nivelsocio",
        "niveldesocio",
        "niveltarjeta",
    ),
    "industry": ("industry", "sector", "行业", "客户行业", "所属行业", "industria", "rubro"),
    "membership_card": (
        "card",
        "membershipcard",
        "cardnumber",
        "membercard",
        "会员卡",
        "会员卡号",
        "卡号",
        "tarjeta",
        "numerotarjeta",
        "tarjetasocio",
    ),
    "birthday": (
        "birthday",
        "birthdate",
        "dateofbirth",
        "dob",
        "生日",
        "出生日期",
        "出生年月",
        "fechanacimiento",
        "fechadenacimiento",
        "cumpleanos",
        "nacimiento",
    ),
    "title": (
        "title",
        "jobtitle",
        "position",
        "designation",
        "职务",
        "职位",
        "头衔",
        "cargo",
        "puesto",
    ),
    "nationality": ("nationality", "国籍", "nacionalidad"),
    "hometown": ("hometown", "placeoforigin", "籍贯", "老家", "lugardeorigen"),
    "tax_id": (
        "taxid",
        "vat",
        "vatnumber",
        "taxnumber",
        "idnumber",
        "税号",
        "纳税人识别号",
        "统一社会信用代码",
        "信用代码",
        "机构代码",
        "nif",
        "cif",
        "nit",
        "dnicif",
        "niftva",
        "nitdui",
        "rfc",
        "ruc",
    ),
    "notes": (
        "notes",
        "note",
        "remark",
        "remarks",
        "comment",
        "comments",
        "description",
        "备注",
        "说明",
        "描述",
        "notas",
        "observaciones",
        "comentarios",
        "nota",
    ),
    "plates": (
        "plate",
        "plates",
        "licenseplate",
        "licenceplate",
        "platenumber",
        "vehicleplate",
        "车牌",
        "车牌号",
        "车牌号码",
        "号牌",
        "车号",
        "matricula",
        "placa",
        "patente",
    ),
    "contact_name": (
        "contact",
        "contactperson",
        "contactname",
        "attention",
        "联系人",
        "联系人姓名",
        "contacto",
        "personadecontacto",
        "nombrecontacto",
        "representante",
    ),
    "contact_phone": (
        "contactphone",
        "contactmobile",
        "联系人电话",
        "联系人手机",
        "telefonocontacto",
    ),
    "contact_email": ("contactemail", "联系人邮箱", "correocontacto", "emailcontacto"),
    "contact_title": ("contacttitle", "联系人职务", "cargocontacto"),
    "order_number": (
        "ordernumber",
        "orderno",
        "invoicenumber",
        "订单号",
        "订单编号",
        "单号",
        "numeropedido",
        "numerodepedido",
        "pedido",
    ),
    "order_date": (
        "orderdate",
        "invoicedat",
        "invoicedate",
        "purchasedate",
        "date",
        "下单日期",
        "订单日期",
        "购买日期",
        "消费日期",
        "日期",
        "fechapedido",
        "fechacompra",
        "fecha",
    ),
    "order_amount": (
        "orderamount",
        "amount",
        "total",
        "ordertotal",
        "订单金额",
        "金额",
        "消费金额",
        "importe",
        "monto",
        "totalpedido",
    ),
    "order_notes": ("ordernotes", "订单备注", "notaspedido"),
}

# Known words that name nothing the import keeps (so "Contact Type" is not a contact).
IGNORED = (
    "contacttype",
    "status",
    "state_status",
    "estado",
    "状态",
    "客户状态",
    "id",
    "currency",
    "currencycode",
    "moneda",
    "货币",
    "fax",
    "传真",
    "website",
    "网址",
    "sitioweb",
    "balance",
    "paidtodate",
    "addresstype",
    "dnirepresentante",
    "iban",
    "createdtime",
    "lastmodifiedtime",
    "country",
    "countryid",
    "pais",
    "国家",
)

# Words too general to recognise inside a longer header ("bank_ids/acc_number" is no
# customer number); they still count when they are the whole header.
NOT_AFFIX = {
    "number",
    "customer",
    "client",
    "cliente",
    "contact",
    "contacto",
    "amount",
    "total",
    "title",
    "notes",
    "source",
    "origin",
    "state",
    "region",
    "level",
    "grade",
    "rating",
    "nombre",
    "numero",
    "codigo",
    "estado",
    "nivel",
    "clase",
    "fecha",
    "status",
    "orden",
}

_BRACKETS = re.compile(r"[\(\[（【].*?[\)\]）】]")


def norm_header(text: str) -> str:
    """``"Teléfono *"`` → ``telefono``, ``"*客户名称"`` → ``客户名称``, ``"税率(%)"`` → ``税率``."""
    t = _BRACKETS.sub("", text or "")
    t = unicodedata.normalize("NFKD", t.casefold())
    return "".join(
        ch for ch in t if unicodedata.category(ch)[0] in "LN" and not unicodedata.combining(ch)
    )


_INDEX: dict[str, str | None] = {norm_header(w): None for w in IGNORED}
for _key, _words in SYNONYMS.items():
    for _w in _words:
        _INDEX.setdefault(norm_header(_w), _key)
for _field in FIELDS:  # the labels themselves (the export's and the window's words)
    _INDEX.setdefault(norm_header(_field.label), _field.key)


def guess_field(header: str) -> str | None:
    """The field a header names, or None."""
    return match(header)[0]


def match(header: str) -> tuple[str | None, bool]:
    """(field, exact): the field a header names, and whether the header is one of its
    words (rather than starting or ending with one: "Billing Phone", "客户手机号")."""
    n = norm_header(header)
    if not n:
        return None, False
    if n in _INDEX:
        return _INDEX[n], True
    best: tuple[int, str | None] | None = None
    for word, key in _INDEX.items():
        if len(word) < (3 if _cjk(word) else 5) or word in NOT_AFFIX:
            continue
        if (n.startswith(word) or n.endswith(word)) and (best is None or len(word) > best[0]):
            best = (len(word), key)
    return (best[1], False) if best else (None, False)


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def is_known(header: str) -> bool:
    return guess_field(header) is not None


def guess(header_words: Sequence[Sequence[str]]) -> dict[int, str]:
    """A mapping for columns titled ``header_words`` (each column: its header texts)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for col, words in enumerate(header_words):
        found, exact = None, False
        for w in words:
            found, exact = match(w)
            if found:
                break
        if found is None:
            continue
        field = BY_KEY[found]
        if found in taken and not (field.joins and exact):
            if found == "phone" and exact and "phone2" not in taken:
                found = "phone2"
            else:
                continue
        mapping[col] = found
        taken.add(found)
    return mapping


# ------------------------------------------------------------ saved mappings
@dataclass(frozen=True)
class SavedMapping:
    name: str
    columns: dict[str, str]  # header text → field key

    def apply(self, headers: Sequence[str]) -> dict[int, str]:
        return {i: self.columns[h] for i, h in enumerate(headers) if self.columns.get(h) in BY_KEY}

    def fits(self, headers: Sequence[str]) -> float:
        if not self.columns:
            return 0.0
        return sum(1 for h in headers if h in self.columns) / len(self.columns)


def by_header(headers: Sequence[str], mapping: Mapping[int, str]) -> dict[str, str]:
    return {headers[i]: key for i, key in mapping.items() if 0 <= i < len(headers)}


def load_saved(session: Session) -> list[SavedMapping]:
    value = session.scalar(select(Setting.value).where(Setting.key == SETTING_KEY))
    if not isinstance(value, dict):
        return []
    out = []
    for name, columns in sorted(value.items()):
        if isinstance(columns, dict):
            out.append(SavedMapping(str(name), {str(k): str(v) for k, v in columns.items()}))
    return out


def save(
    db: Database,
    user_id: int | None,
    name: str,
    headers: Sequence[str],
    mapping: Mapping[int, str],
) -> SavedMapping:
    """Keep ``mapping`` under ``name`` for the office (replacing one of the same name):
    anyone who may import (not a viewer)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("give the mapping a name", field="mapping")
    if len(name) > 80:
        raise ValidationError(
            "at most {max} characters (this has {n})", field="mapping", max=80, n=len(name)
        )
    columns = by_header(headers, mapping)

    def work(s: Session) -> None:
        access.check_may_write(s, user_id)
        row = s.get(Setting, SETTING_KEY)
        current = dict(row.value) if row is not None and isinstance(row.value, dict) else {}
        current[name] = columns
        if row is None:
            s.add(Setting(key=SETTING_KEY, value=current))
        else:
            row.value = current

    db.run_write(work)
    return SavedMapping(name, columns)


def delete_saved(db: Database, user_id: int | None, name: str) -> None:
    def work(s: Session) -> None:
        access.check_may_write(s, user_id)
        row = s.get(Setting, SETTING_KEY)
        if row is None or not isinstance(row.value, dict) or name not in row.value:
            return
        current = dict(row.value)
        del current[name]
        row.value = current

    db.run_write(work)


def best_saved(saved: Sequence[SavedMapping], headers: Sequence[str]) -> SavedMapping | None:
    """The saved mapping made for a file with these headers (all its columns present)."""
    fitting = [m for m in saved if m.columns and m.fits(headers) == 1.0]
    return max(fitting, key=lambda m: len(m.columns)) if fitting else None


def load_file(path: str | os.PathLike[str], headers: Sequence[str]) -> dict[int, str]:
    """A mapping from a JSON file: ``{"header text" or column letter or number: field}``."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ValidationError(
            "cannot read the mapping {path}: {reason}", path=str(p), reason=exc.strerror or exc
        ) from exc
    except ValueError as exc:
        raise ValidationError(
            "the mapping {path} is not JSON: {reason}", path=str(p), reason=exc
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
    if not isinstance(data, dict):
        raise ValidationError("the mapping {path} must be an object of column: field", path=str(p))
    letters = {column_letter(i): i for i in range(len(headers))}
    mapping: dict[int, str] = {}
    for col, key in data.items():
        if key in (None, "", "ignore"):
            continue
        if key not in BY_KEY:
            raise ValidationError(
                "unknown field {key} in {path}; fields: {fields}",
                key=key,
                path=str(p),
                fields=", ".join(BY_KEY),
            )
        index = _column_index(str(col), headers, letters)
        if index is None:
            raise ValidationError("the file has no column {column}", field="mapping", column=col)
        mapping[index] = key
    return mapping


def _column_index(col: str, headers: Sequence[str], letters: Mapping[str, int]) -> int | None:
    if col in headers:
        return list(headers).index(col)
    for i, h in enumerate(headers):
        if col in h.split(" / "):
            return i
    if col.upper() in letters:
        return letters[col.upper()]
    if col.isdigit() and 1 <= int(col) <= len(headers):
        return int(col) - 1
    return None


def describe(mapping: Mapping[int, str], headers: Sequence[str]) -> dict[str, Any]:
    """The mapping as header → field, for JSON and messages."""
    return {headers[i]: k for i, k in sorted(mapping.items())}

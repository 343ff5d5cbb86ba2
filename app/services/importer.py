"""Customers in from a spreadsheet or CSV: every row checked, duplicates found, all of it
in one transaction.

1. ``validate``: each row's mapped cells become customer fields by the rules of the
   customer form (``customers.LIMITS``, ``validation.phone``/``email``/``past_date``/
   ``amount``); every bad cell is one ``RowError`` (row, column, value, reason).
2. ``import_rows``: in one write transaction, rows are matched against the customers
   already there (customer number, then phone, email, plate; and against earlier rows of
   the same file), and created, updated or skipped as the import asks. Rows are written
   with bulk inserts (no ORM objects, so no flush hook per row), the search index is
   rebuilt for exactly the customers touched, one audit row per customer and one for
   the import are written. Invalid rows stop the import before anything is written,
   unless ``skip_invalid``; then the error workbook lists them. Cancel, a crash or a
   killed process roll the whole transaction back: the database is as before.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import (
    AuditEntry,
    ContactPerson,
    Customer,
    Order,
    Setting,
    User,
    Vehicle,
    utcnow,
)
from app.models.enums import AuditAction, CustomerKind, MembershipLevel, Role, Source

from . import access, audit, customers, import_files, import_mapping, search_index, validation
from .import_files import ImportFileError, Table, cell_text
from .import_mapping import BY_KEY
from .search_keys import norm

POLICIES = ("skip", "update", "create")
CHUNK = 2000
CHECK_EVERY = 500
EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_SERIAL = 2_958_465  # 9999-12-31
TEXT_LIMITS = {
    **customers.LIMITS,
    "number": 32,
    "tax_id": 40,
    "region": 100,
    "company": 200,
    "first_name": 100,
    "last_name": 100,
    "contact_name": 200,
    "contact_title": 120,
    "order_number": 40,
    "order_notes": 10_000,
}
# Customer columns an import may set (besides the ones it derives).
CUSTOMER_FIELDS = (
    *customers.EDITABLE,
    "membership_level",
    "number",
    "tax_id",
    "region",
    "legal_name",
)
EMAIL_TYPOS = re.compile(r"\.(ocm|cmo|con|comm|coom|cpm|vom|xom|nte|ogr|orgg)$", re.IGNORECASE)
PLATE_SPLIT = re.compile(r"[,;，；、/|\n]+")
KINDS = {
    **dict.fromkeys(
        (
            "person",
            "individual",
            "particular",
            "personal",
            "persona",
            "private",
            "个人",
            "私人",
            "自然人",
            "persona física",
            "persona fisica",
            "false",
            "no",
            "0",
            "个体",
        ),
        CustomerKind.PERSON,
    ),
    **dict.fromkeys(
        (
            "company",
            "business",
            "organization",
            "organisation",
            "empresa",
            "compañía",
            "compania",
            "sociedad",
            "gobierno",
            "ong",
            "government",
            "ngo",
            "企业",
            "公司",
            "单位",
            "机构",
            "团体",
            "政府",
            "persona jurídica",
            "persona juridica",
            "true",
            "yes",
            "1",
        ),
        CustomerKind.COMPANY,
    ),
}
LEVELS = {
    **{m.value: m for m in MembershipLevel},
    **dict.fromkeys(("", "无", "ninguno", "sin nivel"), MembershipLevel.NONE),
    **dict.fromkeys(
        ("普通", "普通会员", "普通卡", "normal", "básico", "basico"), MembershipLevel.ORDINARY
    ),
    **dict.fromkeys(("银", "银卡", "银卡会员", "plata"), MembershipLevel.SILVER),
    **dict.fromkeys(("金", "金卡", "金卡会员", "oro"), MembershipLevel.GOLD),
    **dict.fromkeys(("vip会员", "钻石", "钻石卡"), MembershipLevel.VIP),
}
SOURCES = {
    **{s.value: s for s in Source},
    **dict.fromkeys(
        ("walk-in", "walkin", "到店", "进店", "自然到店", "上门", "visita"), Source.WALK_IN
    ),
    **dict.fromkeys(
        (
            "转介绍",
            "介绍",
            "推荐",
            "老客户介绍",
            "referido",
            "recomendación",
            "recomendacion",
            "referencia",
        ),
        Source.REFERRAL,
    ),
    **dict.fromkeys(("活动", "展会", "evento", "feria"), Source.EVENT),
    **dict.fromkeys(("营销活动", "campaña", "campana"), Source.CAMPAIGN),
    **dict.fromkeys(
        ("网站", "网络", "官网", "web", "internet", "online", "sitio web"), Source.WEBSITE
    ),
    **dict.fromkeys(("电话", "电话咨询", "来电", "teléfono", "telefono", "llamada"), Source.PHONE),
    **dict.fromkeys(("广告", "publicidad", "anuncio", "ads"), Source.ADVERTISING),
    **dict.fromkeys(("其他", "otro", "otros"), Source.OTHER),
}

log = logging.getLogger("clientela")


class ImportCancelled(ClientelaError):
    """The import was cancelled; nothing was written."""


@dataclass(frozen=True)
class ImportOptions:
    on_duplicate: str = "skip"  # skip, update or create
    skip_invalid: bool = False
    dry_run: bool = False
    region: str | None = None  # phones without a country code: None is the office's country
    today: dt.date | None = None

    def __post_init__(self) -> None:
        if self.on_duplicate not in POLICIES:
            raise ValidationError(
                "duplicates are skipped, updated or created, not {value}",
                field="on_duplicate",
                value=self.on_duplicate,
            )


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return self.template.format(**self.params) if self.params else self.template


@dataclass(frozen=True)
class Unknown:
    """An owner named in the file who is no user here."""

    name: str


@dataclass
class Parsed:
    """A valid row: customer fields, plates, contact person and order."""

    row: int
    values: dict[str, Any]
    plates: list[str]
    contact: dict[str, Any] | None
    order: dict[str, Any] | None


@dataclass
class ImportResult:
    file: str
    sheet: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    orders: int = 0
    dry_run: bool = False
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)
    errors_path: Path | None = None
    seconds: float = 0.0
    customer_ids: list[int] = field(default_factory=list)
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)  # row, id, reason
    unknown_owners: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"skipped {self.skipped}, rejected {self.rejected}"
        )

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


Progress = Callable[[int, int, str | None], None]


class _Steps:
    """Progress over three parts of equal weight (checking rows, writing them, indexing
    them) and the cancel check."""

    PARTS = 3

    def __init__(self, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None):
        self.total = max(total, 1)
        self.progress = progress
        self.cancelled = cancelled

    def report(self, done: int, part: int, text: str, of: int | None = None) -> None:
        """``done`` of ``of`` (default: the rows) in ``part`` 0 (checking), 1 (writing)
        or 2 (indexing); raises ImportCancelled when Cancel was pressed."""
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled("import cancelled; nothing was written")
        if self.progress is not None:
            share = min(done, of or self.total) * self.total // max(of or self.total, 1)
            self.progress(part * self.total + share, self.PARTS * self.total, text)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.PARTS * self.total, self.PARTS * self.total, "done")


# ------------------------------------------------------------------ values
def parse_date(value: Any, field: str, month_first: bool = False) -> dt.date | None:
    """A date from a cell: a date cell, an Excel serial number (45000), or text such as
    2026-03-05, 2026/3/5, 2026年3月5日, 20260305, 5/3/2026 (day first unless
    ``month_first``), with or without a time after it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, field, value)
    text = str(value).strip()
    if re.fullmatch(r"\d{1,5}(\.\d+)?", text):
        return _serial(float(text), field, text)
    if re.fullmatch(r"\d{8}", text):
        return _ymd(int(text[:4]), int(text[4:6]), int(text[6:]), field, text)
    t = text.replace("年", "-").replace("月", "-").replace("日", " ").replace("号", " ")
    t = re.split(r"[ T]", t.strip(), maxsplit=1)[0]
    parts = [p for p in re.split(r"[-/.]", t) if p]
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        a, b, c = (int(p) for p in parts)
        if len(parts[0]) == 4:
            return _ymd(a, b, c, field, text)
        if len(parts[2]) in (2, 4):
            year = c if len(parts[2]) == 4 else 2000 + c if c < 50 else 1900 + c
            if month_first and a <= 12:
                return _ymd(year, a, b, field, text)
            if b > 12 and a <= 12:
                return _ymd(year, a, b, field, text)
            return _ymd(year, b, a, field, text)
    raise ValidationError("{value} is not a date", field=field, value=text)


def _serial(number: float, field: str, shown: Any) -> dt.date:
    if not 1 <= number <= MAX_SERIAL:
        raise ValidationError("{value} is not a date", field=field, value=shown)
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _ymd(y: int, m: int, d: int, field: str, shown: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise ValidationError("{value} is not a date", field=field, value=shown) from None


def parse_amount(value: Any, field: str) -> Decimal | None:
    """Money as offices write it: 1200, 1,234.56, 1.234,56, ¥88.50, $10.00, 88,50 €."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        text = cell_text(value) if isinstance(value, float) else str(value)
    else:
        text = re.sub(r"[\s¥￥$€£元円]|RMB|CNY|EUR|USD", "", str(value), flags=re.IGNORECASE)
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
            text = text.replace(",", "")
    return validation.amount(text, field)


def parse_kind(value: str, field: str) -> CustomerKind:
    kind = KINDS.get(value.strip().casefold())
    if kind is None:
        raise ValidationError("{value} is neither a person nor a company", field=field, value=value)
    return kind


def parse_source(value: str) -> Source:
    return SOURCES.get(value.strip().casefold(), Source.IMPORT)


def plates_of(text: str) -> list[str]:
    out = []
    for part in PLATE_SPLIT.split(text):
        p = part.strip().upper()
        if p and p not in out:
            out.append(p)
    return out


# ------------------------------------------------------------------ validate
@dataclass
class _Column:
    key: str
    indexes: list[int]
    header: str


def _columns(table: Table, mapping: Mapping[int, str]) -> list[_Column]:
    by_key: dict[str, _Column] = {}
    for index in sorted(mapping):
        key = mapping[index]
        if key not in BY_KEY or index >= table.width:
            continue
        col = by_key.get(key)
        if col is None:
            by_key[key] = _Column(key, [index], table.headers[index])
        elif BY_KEY[key].joins:
            col.indexes.append(index)
    return list(by_key.values())


def check_mapping(mapping: Mapping[int, str]) -> None:
    names = {"name", "company", "first_name", "last_name", "contact_name"}
    if not names & set(mapping.values()):
        raise ImportFileError(
            "no column is mapped to the customer's name; map one (Name, 姓名, Nombre…)"
        )


def validate(
    table: Table,
    mapping: Mapping[int, str],
    options: ImportOptions,
    owners: Mapping[str, int] | None = None,
    steps: _Steps | None = None,
) -> tuple[list[Parsed], list[RowError]]:
    """Each row as customer fields, or the reasons it cannot be imported."""
    check_mapping(mapping)
    cols = _columns(table, mapping)
    owners = owners or {}
    region = options.region or validation.DEFAULT_REGION
    month_first = region.upper() in ("US", "PH", "CA")
    today = options.today or dt.date.today()
    parsed: list[Parsed] = []
    errors: list[RowError] = []
    for n, (number, row) in enumerate(table.rows):
        if steps is not None and n % CHECK_EVERY == 0:
            steps.report(n, 0, "checking")
        got: dict[str, Any] = {}
        bad: list[RowError] = []
        width = len(row)
        for col in cols:
            if len(col.indexes) == 1:
                i = col.indexes[0]
                raw = row[i] if i < width else None
            else:
                raw = " ".join(
                    t for t in (cell_text(row[i]) for i in col.indexes if i < width) if t
                )
            if raw is None or raw == "":
                continue
            try:
                value = _field_value(col.key, raw, region, month_first, today, owners)
            except ValidationError as exc:
                bad.append(RowError(number, col.header, cell_text(raw), exc.template, exc.params))
                continue
            if value is not None and value != "":
                got[col.key] = value
        record = _assemble(number, got, bad, cols)
        if bad:
            errors.extend(bad)
        elif record is not None:
            parsed.append(record)
    return parsed, errors


def _field_value(
    key: str,
    raw: Any,
    region: str,
    month_first: bool,
    today: dt.date,
    owners: Mapping[str, int],
) -> Any:
    kind = BY_KEY[key].kind
    if kind == "date":
        day = parse_date(raw, key, month_first)
        return validation.past_date(day, key, today) if key == "birthday" else day
    if kind == "amount":
        return parse_amount(raw, key)
    text = cell_text(raw)
    if not text:
        return None
    if kind == "phone":
        return validation.phone(text, region, key)
    if kind == "email":
        address = validation.email(text, key)
        if address and EMAIL_TYPOS.search(address):
            raise ValidationError(
                "{value} looks mistyped (did you mean .com or .org?)", field=key, value=text
            )
        return address
    if kind == "kind":
        return parse_kind(text, key)
    if kind == "source":
        return parse_source(text)
    if kind == "level":
        level = LEVELS.get(text.casefold())
        if level is None:
            raise ValidationError("{value} is not a membership level", field=key, value=text)
        return level
    if kind == "owner":
        return owners.get(text.casefold(), Unknown(text))
    if kind == "plates":
        plates = plates_of(text)
        for p in plates:
            if len(p) > 20:
                raise ValidationError("a licence plate has at most 20 characters", field=key)
        return plates
    limit = TEXT_LIMITS.get(key, 200)
    return validation.text(text, key, limit)


def _assemble(
    number: int, got: dict[str, Any], bad: list[RowError], cols: Sequence[_Column]
) -> Parsed | None:
    owner = got.pop("owner", None)
    if isinstance(owner, Unknown):
        # the customer goes in, owned by whoever imports; the file's words stay in the notes
        header = next((c.header for c in cols if c.key == "owner"), "owner")
        got["notes"] = "\n".join(x for x in (got.get("notes"), f"{header}: {owner.name}") if x)
        got["_unknown_owner"] = owner.name
    elif owner is not None:
        got["owner_id"] = owner
    first, last = got.pop("first_name", None), got.pop("last_name", None)
    person = _full_name(first, last)
    company = got.pop("company", None)
    contact_name = got.pop("contact_name", None)
    name = got.get("name") or company or person or contact_name
    if not name:
        if not bad:
            header = next((c.header for c in cols if c.key == "name"), "")
            bad.append(RowError(number, header, "", "the name is required"))
        return None
    got["name"] = name
    if company and company != name:
        if got.get("kind") == CustomerKind.COMPANY:
            got["legal_name"] = company
        else:
            got["notes"] = "\n".join(x for x in (got.get("notes"), company) if x)
    elif company and company == name and "kind" not in got:
        got["kind"] = CustomerKind.COMPANY
    if person and person != name and not contact_name:
        contact_name = person
    if contact_name == name:
        contact_name = None
        for mine, theirs in (("phone", "contact_phone"), ("email", "contact_email")):
            if not got.get(mine) and got.get(theirs):
                got[mine] = got.pop(theirs)
    contact = None
    c_phone, c_email, c_title = (
        got.pop("contact_phone", None),
        got.pop("contact_email", None),
        got.pop("contact_title", None),
    )
    if contact_name:
        contact = {"name": contact_name, "phone": c_phone, "email": c_email, "title": c_title}
    order = None
    o_number, o_date, o_amount, o_notes = (
        got.pop("order_number", None),
        got.pop("order_date", None),
        got.pop("order_amount", None),
        got.pop("order_notes", None),
    )
    if o_amount is not None:
        order = {"number": o_number, "order_date": o_date, "amount": o_amount, "notes": o_notes}
    plates = got.pop("plates", None) or []
    return Parsed(number, got, plates, contact, order)


def _full_name(first: str | None, last: str | None) -> str | None:
    """张 + 三 → 张三 (surname first, no space); Ana + López → Ana López."""
    from .search_keys import has_cjk

    if not first and not last:
        return None
    if has_cjk(f"{first or ''}{last or ''}"):
        return f"{last or ''}{first or ''}"
    return " ".join(p for p in (first, last) if p)


# ------------------------------------------------------------------ duplicates
@dataclass
class _Keys:
    numbers: dict[str, int] = field(default_factory=dict)
    phones: dict[str, int] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)
    plates: dict[str, int] = field(default_factory=dict)
    all_numbers: set[str] = field(default_factory=set)
    order_numbers: set[str] = field(default_factory=set)

    def find(self, p: Parsed) -> tuple[int, str] | None:
        v = p.values
        if v.get("number") and v["number"] in self.numbers:
            return self.numbers[v["number"]], "number"
        for key in ("phone", "phone2"):
            if v.get(key) and v[key] in self.phones:
                return self.phones[v[key]], "phone"
        if v.get("email") and v["email"].casefold() in self.emails:
            return self.emails[v["email"].casefold()], "email"
        for plate in p.plates:
            k = norm(plate)
            if k and k in self.plates:
                return self.plates[k], "plate"
        return None

    def add(self, p: Parsed, ref: int) -> None:
        v = p.values
        if v.get("number"):
            self.numbers.setdefault(v["number"], ref)
        for key in ("phone", "phone2"):
            if v.get(key):
                self.phones.setdefault(v[key], ref)
        if v.get("email"):
            self.emails.setdefault(v["email"].casefold(), ref)
        for plate in p.plates:
            if norm(plate):
                self.plates.setdefault(norm(plate), ref)


def load_keys(s: Session) -> _Keys:
    keys = _Keys()
    c = Customer.__table__.c
    for cid, number, phone, phone2, email, deleted in s.execute(
        select(c.id, c.number, c.phone, c.phone2, c.email, c.deleted_at)
    ):
        keys.all_numbers.add(number)
        if deleted is not None:
            continue
        keys.numbers[number] = cid
        for p in (phone, phone2):
            if p:
                keys.phones.setdefault(p, cid)
        if email:
            keys.emails.setdefault(email.casefold(), cid)
    live = select(c.id).where(c.deleted_at.is_(None))
    p = ContactPerson.__table__.c
    for cid, phone, mobile in s.execute(
        select(p.customer_id, p.phone, p.mobile).where(p.customer_id.in_(live))
    ):
        for x in (phone, mobile):
            if x:
                keys.phones.setdefault(x, cid)
    v = Vehicle.__table__.c
    for cid, plate in s.execute(select(v.customer_id, v.plate).where(v.customer_id.in_(live))):
        k = norm(plate)
        if k:
            keys.plates.setdefault(k, cid)
    o = Order.__table__.c
    keys.order_numbers = set(s.scalars(select(o.number).where(o.number.is_not(None))))
    return keys


def office_region(s: Session) -> str:
    """The office's country (setting ``office.country``), for phones written without one."""
    value = s.scalar(select(Setting.value).where(Setting.key == "office.country"))
    if isinstance(value, str) and len(value) == 2 and value.isalpha():
        return value.upper()
    return validation.DEFAULT_REGION


def owner_names(s: Session) -> dict[str, int]:
    """Users by sign-in name and display name (case-folded), for the owner column."""
    out: dict[str, int] = {}
    for uid, username, display in s.execute(select(User.id, User.username, User.display_name)):
        out.setdefault(display.casefold(), uid)
        out.setdefault(username.casefold(), uid)
    return out


# ------------------------------------------------------------------ import
def import_table(
    db: Database,
    user_id: int | None,
    table: Table,
    mapping: Mapping[int, str],
    options: ImportOptions = ImportOptions(),
    *,
    file_name: str = "",
    errors_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    translate: Callable[[str], str] | None = None,
) -> ImportResult:
    """Import the rows of ``table`` by ``mapping``; see the module docstring. The error
    workbook is written to ``errors_path`` when rows were rejected."""
    started = time.perf_counter()
    result = ImportResult(file_name, table.sheet, rows=len(table.rows), dry_run=options.dry_run)
    steps = _Steps(len(table.rows), progress, cancelled)
    with db.session() as s:
        if not options.dry_run and access.role(s, user_id) == Role.VIEWER:
            raise PermissionDenied("a viewer cannot import customers")
        owners = owner_names(s)
        if options.region is None:
            options = replace(options, region=office_region(s))
    parsed, invalid = validate(table, mapping, options, owners, steps)
    result.unknown_owners = sorted(
        {p.values.pop("_unknown_owner") for p in parsed if "_unknown_owner" in p.values}
    )
    errors: list[RowError] = []
    headers = {c.key: c.header for c in _columns(table, mapping)}

    def work(s: Session) -> None:
        # run_write may run this again after waiting for another PC: start afresh
        errors[:] = invalid
        result.created = result.updated = result.skipped = result.orders = 0
        result.duplicates = []
        rows = [_copy(p) for p in parsed]
        plan = _plan(s, rows, errors, options, result, headers)
        failed = bool(errors) and not options.skip_invalid
        if failed or options.dry_run:
            return
        _check_may_import(s, user_id, plan)
        _write(s, user_id, plan, options, result, steps, file_name)
        result.committed = True

    if options.dry_run:
        with db.session() as s:
            work(s)
    else:
        db.run_write(work)
        if result.committed and (result.created or result.updated):
            _reclassify(db, user_id)
    if errors and not options.skip_invalid and not options.dry_run:
        # a dry run tells what the valid rows would do; a real run wrote nothing
        result.created = result.updated = result.skipped = result.orders = 0
        result.customer_ids = []
    result.errors = sorted(errors, key=lambda e: e.row)
    result.rejected = len({e.row for e in errors})
    if errors and errors_path is not None:
        try:
            result.errors_path = write_errors(errors_path, result.errors, translate)
        except (OSError, ValidationError):
            # the file's folder may be read-only (a CD, a shared folder): the temp folder
            fallback = Path(tempfile.gettempdir()) / Path(errors_path).name
            result.errors_path = write_errors(fallback, result.errors, translate)
    result.seconds = time.perf_counter() - started
    steps.finish()
    return result


def _reclassify(db: Database, user_id: int | None) -> None:
    """Classes, RFM, stars and lifecycle again, with the imported customers and orders
    counted, as the importing user. The import is already in; a failure here is logged,
    and the Reports page's Work out segments (or the next day's start) does it later."""
    from . import segments

    try:
        segments.recompute(db, user_id)
    except (ClientelaError, SQLAlchemyError) as exc:
        log.warning("segments not worked out after the import: %s", exc)


def _copy(p: Parsed) -> Parsed:
    return Parsed(p.row, dict(p.values), list(p.plates), p.contact, p.order)


@dataclass
class _Plan:
    keys: _Keys
    creates: list[Parsed] = field(default_factory=list)
    updates: dict[int, list[Parsed]] = field(default_factory=dict)
    # rows merged into a row created by the same import (policy update)
    merged: dict[int, list[Parsed]] = field(default_factory=dict)


def _check_may_import(s: Session, user_id: int | None, plan: _Plan) -> None:
    """A salesperson's import may create customers for themselves and update the ones
    they may edit; giving customers to others is a manager's (app.services.access)."""
    role = access.role(s, user_id)
    if role is None or role in access.MANAGERS:
        return
    for rows in (plan.creates, *plan.updates.values(), *plan.merged.values()):
        for p in rows:
            access.check_may_assign_owner(s, user_id, p.values.get("owner_id"))
    for customer_id in plan.updates:
        access.check_may_edit_customer(s, user_id, customer_id)


def _plan(
    s: Session,
    parsed: list[Parsed],
    errors: list[RowError],
    options: ImportOptions,
    result: ImportResult,
    headers: Mapping[str, str],
) -> _Plan:
    keys = load_keys(s)
    plan = _Plan(keys)
    seen_orders: set[str] = set()
    for p in parsed:
        onum = p.order["number"] if p.order else None
        if onum and (onum in keys.order_numbers or onum in seen_orders):
            header = headers.get("order_number", "order_number")
            errors.append(
                RowError(
                    p.row, header, onum, "order number {value} already exists", {"value": onum}
                )
            )
            continue
        if options.on_duplicate == "create" and p.values.get("number") in keys.all_numbers:
            p.values.pop("number")
        found = keys.find(p) if options.on_duplicate != "create" else None
        if found is not None:
            ref, reason = found
            result.duplicates.append((p.row, ref, reason))
            if options.on_duplicate == "skip":
                result.skipped += 1
                continue
            if onum:
                seen_orders.add(onum)
            if ref < 0:  # a row of this file, created by this import
                plan.merged.setdefault(-ref - 1, []).append(p)
            else:
                plan.updates.setdefault(ref, []).append(p)
            continue
        if onum:
            seen_orders.add(onum)
        number = p.values.get("number")
        if number and number in keys.all_numbers:
            p.values.pop("number")  # someone else's number (a deleted customer): a new one
        elif number:
            keys.all_numbers.add(number)
        keys.add(p, -len(plan.creates) - 1)
        plan.creates.append(p)
    result.created = len(plan.creates)
    result.updated = sum(len(v) for v in plan.updates.values()) + sum(
        len(v) for v in plan.merged.values()
    )
    return plan


def _write(
    s: Session,
    user_id: int | None,
    plan: _Plan,
    options: ImportOptions,
    result: ImportResult,
    steps: _Steps,
    file_name: str,
) -> None:
    now = utcnow()
    today = options.today or dt.date.today()
    total = len(plan.creates) + len(plan.updates)
    done = 0
    # merged rows fill in what their first row left empty, and add plates/contacts/orders
    for index, extra in plan.merged.items():
        base = plan.creates[index]
        for p in extra:
            for k, v in p.values.items():
                if k != "number":
                    base.values[k] = v
            base.plates.extend(x for x in p.plates if x not in base.plates)
            if p.contact:
                base.contact = base.contact or p.contact
            if p.order:
                base.values.setdefault("_orders", []).append(p.order)
    top = s.scalar(select(func.max(Customer.id))) or 0
    candidate = top + 1
    taken = plan.keys.all_numbers
    ids: list[int] = []
    c_table = Customer.__table__
    for start in range(0, len(plan.creates), CHUNK):
        chunk = plan.creates[start : start + CHUNK]
        rows = []
        for p in chunk:
            values = {k: v for k, v in p.values.items() if k in CUSTOMER_FIELDS}
            if not values.get("number"):
                while f"C{candidate:06d}" in taken:
                    candidate += 1
                values["number"] = f"C{candidate:06d}"
                taken.add(values["number"])
                candidate += 1
            rows.append(_customer_row(values, user_id, now))
        new_ids = list(
            s.scalars(insert(c_table).returning(c_table.c.id, sort_by_parameter_order=True), rows)
        )
        ids.extend(new_ids)
        _children(s, list(zip(new_ids, chunk, strict=True)), user_id, today, now, result)
        _audit_rows(
            s,
            user_id,
            AuditAction.IMPORT,
            [(cid, {}, f"{file_name} row {p.row}") for cid, p in zip(new_ids, chunk, strict=True)],
            now,
        )
        done += len(chunk)
        steps.report(done, 1, "writing", total)
    updated_ids = _updates(s, user_id, plan.updates, today, now, result)
    steps.report(total, 1, "writing", total)
    # one reindex of exactly these customers (the flush hook sees no ORM objects here)
    touched = ids + updated_ids
    step = CHUNK * 5
    for start in range(0, len(touched), step):
        search_index.reindex(s, touched[start : start + step])
        steps.report(start + step, 2, "indexing", len(touched))
    result.customer_ids = touched
    steps.report(len(touched), 2, "indexing", len(touched))  # Cancel pressed: roll back
    audit.record(
        s,
        user_id,
        AuditAction.IMPORT,
        "import",
        None,
        note=(
            f"{file_name} [{result.sheet}]: {result.summary()}; duplicates "
            f"{options.on_duplicate}{', invalid rows skipped' if options.skip_invalid else ''}"
        ),
    )


def _customer_row(values: dict[str, Any], user_id: int | None, now: dt.datetime) -> dict[str, Any]:
    row: dict[str, Any] = {k: None for k in CUSTOMER_FIELDS}
    row.update(
        kind=CustomerKind.PERSON,
        source=Source.IMPORT,
        membership_level=MembershipLevel.NONE,
        consent_phone=True,
        consent_sms=True,
        consent_email=True,
        consent_post=True,
    )
    row.update(values)
    if row.get("owner_id") is None:
        row["owner_id"] = user_id
    row.update(created_by_id=user_id, created_at=now, updated_at=now, version=1)
    return row


def _children(
    s: Session,
    pairs: Iterable[tuple[int, Parsed]],
    user_id: int | None,
    today: dt.date,
    now: dt.datetime,
    result: ImportResult,
) -> None:
    contacts, vehicles, orders = [], [], []
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    for cid, p in pairs:
        for plate in p.plates:
            vehicles.append({"customer_id": cid, "plate": plate, **stamp})
        if p.contact:
            contacts.append(
                {
                    "customer_id": cid,
                    "name": p.contact["name"],
                    "phone": p.contact.get("phone"),
                    "email": p.contact.get("email"),
                    "title": p.contact.get("title"),
                    **stamp,
                }
            )
        for o in ([p.order] if p.order else []) + list(p.values.get("_orders", [])):
            orders.append(
                {
                    "customer_id": cid,
                    "owner_id": p.values.get("owner_id") or user_id,
                    "number": o.get("number"),
                    "order_date": o.get("order_date") or today,
                    "amount": o["amount"],
                    "notes": o.get("notes"),
                    **stamp,
                }
            )
    if vehicles:
        s.execute(insert(Vehicle.__table__), vehicles)
    if contacts:
        s.execute(insert(ContactPerson.__table__), contacts)
    if orders:
        s.execute(insert(Order.__table__), orders)
        result.orders += len(orders)


def _updates(
    s: Session,
    user_id: int | None,
    updates: dict[int, list[Parsed]],
    today: dt.date,
    now: dt.datetime,
    result: ImportResult,
) -> list[int]:
    """Existing customers take the file's non-empty values; plates and a contact person
    they do not have yet are added, orders added."""
    if not updates:
        return []
    t = Customer.__table__
    changed_ids: list[int] = []
    ids = sorted(updates)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        current = {
            r.id: r._mapping
            for r in s.execute(
                select(t.c.id, t.c.version, *(t.c[k] for k in CUSTOMER_FIELDS)).where(
                    t.c.id.in_(chunk)
                )
            )
        }
        plates = {
            (cid, norm(pl))
            for cid, pl in s.execute(
                select(Vehicle.customer_id, Vehicle.plate).where(Vehicle.customer_id.in_(chunk))
            )
        }
        people = {
            (cid, (nm or "").casefold())
            for cid, nm in s.execute(
                select(ContactPerson.customer_id, ContactPerson.name).where(
                    ContactPerson.customer_id.in_(chunk)
                )
            )
        }
        audit_rows: list[tuple[int, dict[str, tuple[Any, Any]], str]] = []
        children: list[tuple[int, Parsed]] = []
        for cid in chunk:
            row = current[cid]
            changes: dict[str, tuple[Any, Any]] = {}
            new_plates: list[str] = []
            contact = None
            orders: list[dict[str, Any]] = []
            rows_seen = []
            for p in updates[cid]:
                rows_seen.append(p.row)
                for k, v in p.values.items():
                    if k not in CUSTOMER_FIELDS or k == "number" or v is None:
                        continue
                    old = changes[k][0] if k in changes else row[k]
                    if old != v:
                        changes[k] = (old, v)
                for pl in p.plates:
                    if (cid, norm(pl)) not in plates and pl not in new_plates:
                        new_plates.append(pl)
                if p.contact and (cid, p.contact["name"].casefold()) not in people and not contact:
                    contact = p.contact
                if p.order:
                    orders.append(p.order)
            if changes:
                s.execute(
                    t.update()
                    .where(t.c.id == cid)
                    .values(
                        {
                            **{k: new for k, (_old, new) in changes.items()},
                            "version": t.c.version + 1,
                            "updated_at": now,
                        }
                    )
                )
            extra = Parsed(
                0, {"_orders": orders[1:]}, new_plates, contact, orders[0] if orders else None
            )
            children.append((cid, extra))
            if changes or new_plates or contact or orders:
                changed_ids.append(cid)
                note = "import, rows " + ", ".join(str(r) for r in rows_seen)
                if new_plates:
                    note += "; plates " + ", ".join(new_plates)
                audit_rows.append((cid, changes, note))
        _children(s, children, user_id, today, now, result)
        _audit_rows(s, user_id, AuditAction.UPDATE, audit_rows, now)
    return sorted(set(changed_ids) | set(ids))


def _audit_rows(
    s: Session,
    user_id: int | None,
    action: AuditAction,
    entries: Sequence[tuple[int, Mapping[str, tuple[Any, Any]], str]],
    now: dt.datetime,
) -> None:
    """The rows ``audit.record`` writes, for many customers in one statement."""
    rows = []
    for cid, changes, note in entries:
        base = {
            "at": now,
            "user_id": user_id,
            "action": action,
            "entity": "customer",
            "entity_id": cid,
            "note": note,
        }
        if changes:
            rows.extend(
                {
                    **base,
                    "field": k,
                    "old_value": audit.as_text(old),
                    "new_value": audit.as_text(new),
                }
                for k, (old, new) in changes.items()
            )
        else:
            rows.append({**base, "field": None, "old_value": None, "new_value": None})
    if rows:
        s.execute(insert(AuditEntry), rows)


# ------------------------------------------------------------------ errors
ERROR_HEADERS = ("Row", "Column", "Value", "Reason")


def write_errors(
    path: str | os.PathLike[str],
    errors: Sequence[RowError],
    translate: Callable[[str], str] | None = None,
) -> Path:
    """The rejected cells as a workbook: row number, column, value, reason (write-only,
    written to a temporary file and renamed, so no half file is left)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    tr = translate or (lambda t: t)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError("cannot write {path}: no such folder", path=str(target))
    fd, tmp_name = tempfile.mkstemp(prefix=".clientela-", suffix=".xlsx.part", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(tr("Errors"))
        ws.column_dimensions["A"].width = 8
        ws.column_dimensions["B"].width = 28
        ws.column_dimensions["C"].width = 32
        ws.column_dimensions["D"].width = 60
        ws.append([tr(h) for h in ERROR_HEADERS])
        for e in errors:
            value = WriteOnlyCell(ws, _clean(e.value))
            value.number_format = "@"
            reason = tr(e.template)
            try:
                reason = reason.format(**e.params) if e.params else reason
            except (KeyError, IndexError, ValueError):
                reason = e.reason
            ws.append([e.row, _clean(e.column), value, _clean(reason)])
        wb.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


_ILLEGAL = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}


def _clean(text: str) -> str:
    return str(text).translate(_ILLEGAL)[:32767]


# ------------------------------------------------------------------ one call
@dataclass(frozen=True)
class Prepared:
    """A file opened and its mapping decided, before the import runs."""

    source: import_files.SourceFile
    table: Table
    mapping: dict[int, str]
    mapping_name: str | None  # the saved mapping used, if any


def prepare(
    db: Database | None,
    path: str | os.PathLike[str],
    sheet: str | None = None,
    mapping: Mapping[int, str] | str | os.PathLike[str] | None = None,
    *,
    header_row: int | None = None,
) -> Prepared:
    """Open ``path``, find the header (or take ``header_row``, counted from 1), and take
    ``mapping``: a mapping, a JSON file, the name of a saved mapping, or (None) a saved
    one that fits these headers, else a guess."""
    source = import_files.open_source(path)
    table = source.table(sheet, known=import_mapping.is_known, header_row=header_row)
    if not table.rows:
        raise ImportFileError("the sheet {sheet} has no rows under its header", sheet=table.sheet)
    name = None
    if isinstance(mapping, Mapping):
        chosen = dict(mapping)
    elif mapping is not None:
        saved = _saved(db)
        by_name = {m.name: m for m in saved}
        if str(mapping) in by_name and not Path(mapping).is_file():
            chosen, name = by_name[str(mapping)].apply(table.headers), str(mapping)
        else:
            chosen = import_mapping.load_file(mapping, table.headers)
    else:
        best = import_mapping.best_saved(_saved(db), table.headers)
        if best is not None:
            chosen, name = best.apply(table.headers), best.name
        else:
            chosen = import_mapping.guess(table.header_words)
    return Prepared(source, table, chosen, name)


def _saved(db: Database | None) -> list[import_mapping.SavedMapping]:
    if db is None:
        return []
    with db.session() as s:
        return import_mapping.load_saved(s)


def default_errors_path(path: str | os.PathLike[str]) -> Path:
    p = Path(path)
    return p.with_name(f"{p.stem}.errors.xlsx")

"""One way to write any table view to a file: .xlsx (openpyxl write-only, streamed through
lxml) or .csv (UTF-8 with a BOM, so Excel on Windows opens Chinese correctly).

A sheet is described by ``Column`` specs; rows are sequences in the same order (SQL rows
straight from a streamed query). Cells are typed: dates are Excel dates, money is a
number with a currency format, and text stays text, so phone numbers, plates, card and
customer numbers never turn into numbers or scientific notation. Only the first
``SAMPLE_ROWS`` rows are held in memory (to size the columns); the rest stream through,
so memory does not grow with the row count.

The file appears only when complete: rows go to a temporary file next to the target,
renamed over it at the end; cancelling or failing removes the temporary file.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from itertools import chain, islice
from pathlib import Path
from typing import Any

from app.errors import ClientelaError

SAMPLE_ROWS = 200
CHECK_EVERY = 500
MAX_WIDTH = 60
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0%"
CURRENCY_FORMATS = {
    "CNY": '"¥"#,##0.00',
    "EUR": '#,##0.00 "€"',
    "USD": '"$"#,##0.00',
}
SHEET_NAME_MAX = 31
SHEET_ROWS_MAX = 1_048_575  # rows under the header Excel shows
CELL_MAX = 32767  # characters Excel holds in a cell
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})
# Control characters XML 1.0 refuses (openpyxl's ILLEGAL_CHARACTERS_RE, as a table).
_ILLEGAL = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}
# A CSV cell Excel would run as a formula (CSV injection); phone numbers like "+34 600…"
# and "-5" are left alone.
_FORMULA_START = ("=", "@", "\t", "\r")


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    PERCENT = "percent"


@dataclass(frozen=True)
class Column:
    """One column of a sheet. ``kind`` decides the cell type and number format;
    ``percent`` values are percentages (35 means 35 %). ``vocabulary`` marks stored enum
    values that the caller's ``translate`` turns into words."""

    key: str
    header: str
    kind: Kind = Kind.TEXT
    vocabulary: bool = False


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    seconds: float


class ExportCancelled(ClientelaError):
    """The export was cancelled; no file was written."""


class ExportError(ClientelaError):
    """The file cannot be written (unknown format, folder missing or not writable…)."""


Progress = Callable[[int, int], None]


def currency_format(currency: str | None) -> str:
    """The Excel number format for amounts in ``currency`` (an ISO code)."""
    return CURRENCY_FORMATS.get((currency or "").upper(), MONEY_FORMAT)


def file_format(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError("cannot export to {name}: use a .xlsx or .csv file", name=Path(path).name)
    return suffix[1:]


def write_table(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    total: int = 0,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    translate: Callable[[str], str] | None = None,
    money_format: str = MONEY_FORMAT,
    every: int = CHECK_EVERY,
) -> ExportResult:
    """Write ``rows`` under a header of ``columns`` to ``path`` (.xlsx or .csv).

    ``progress(done, total)`` and ``cancelled()`` are called every ``every`` rows (and at
    the end); ``cancelled()`` returning true stops the export with ``ExportCancelled``
    and no file. ``translate`` turns vocabulary values into words of the interface
    language, as the headers and ``sheet`` already are."""
    started = time.perf_counter()
    target = Path(path)
    fmt = file_format(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("cannot write {path}: no such folder", path=str(target))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".clientela-", suffix=f".{fmt}.part", dir=folder)
    except OSError as exc:
        raise ExportError(
            "cannot write {path}: {reason}", path=str(target), reason=exc.strerror or exc
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    converters = [_converter(c, translate) for c in columns]
    counter = _Counter(total, progress, cancelled, every)
    try:
        if fmt == "xlsx":
            written = _write_xlsx(tmp, columns, converters, rows, sheet, money_format, counter)
        else:
            written = _write_csv(tmp, columns, converters, rows, counter)
        counter.finish(written)
        put_in_place(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ExportResult(target, written, time.perf_counter() - started)


def put_in_place(tmp: Path, target: Path) -> None:
    """Rename the finished file over the target, with the target's permissions (or the
    usual ones: the temporary file was private)."""
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        raise ExportError(
            "cannot write {path}: {reason} (is it open in another program?)",
            path=str(target),
            reason=exc.strerror or exc,
        ) from exc


def save_workbook(wb: Any, target: Path) -> None:
    """Save ``wb`` under a temporary name in the target's folder, then rename it over the
    target: a failed or interrupted save never leaves half a workbook where one was asked."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".clientela-", suffix=".xlsx.part", dir=folder)
    except OSError as exc:
        raise ExportError(
            "cannot write {path}: {reason}", path=str(target), reason=exc.strerror or exc
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        put_in_place(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _Counter:
    def __init__(
        self,
        total: int,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        every: int,
    ) -> None:
        self.total = total
        self.progress = progress
        self.cancelled = cancelled
        self.every = max(1, every)

    def check(self, done: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("export cancelled")
        if self.progress is not None:
            self.progress(done, max(self.total, done))

    def finish(self, done: int) -> None:
        self.check(done)


# ------------------------------------------------------------------ values
def _text(value: Any) -> str | None:
    if type(value) is str and len(value) <= CELL_MAX and value.isprintable():
        return value  # the usual case, first
    if value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    text = str(value)
    if not text.isprintable():
        text = text.translate(_ILLEGAL)
    return text if len(text) <= CELL_MAX else text[:CELL_MAX]


def _local(value: dt.datetime) -> dt.datetime:
    """Excel has no time zones: an aware time becomes local wall-clock time."""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def _converter(column: Column, translate: Callable[[str], str] | None) -> Callable[[Any], Any]:
    kind = column.kind
    if kind is Kind.TEXT:
        if column.vocabulary and translate is not None:
            tr = translate

            def vocab(value: Any) -> Any:
                text = _text(value)
                return None if text is None else tr(text)

            return vocab
        return _text
    if kind is Kind.INT:
        return lambda v: None if v is None else int(v)
    if kind is Kind.MONEY:
        return lambda v: None if v is None else (v if isinstance(v, Decimal) else Decimal(str(v)))
    if kind is Kind.PERCENT:
        return lambda v: None if v is None else Decimal(str(v)) / 100
    if kind is Kind.DATE:
        return lambda v: v.date() if isinstance(v, dt.datetime) else v
    if kind is Kind.DATETIME:
        return lambda v: _local(v) if isinstance(v, dt.datetime) else v
    raise ValueError(f"unknown column kind {kind!r}")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_FIXED_WIDTH = {Kind.DATE: 11, Kind.DATETIME: 17, Kind.PERCENT: 7}


def _widths(columns: Sequence[Column], sample: Sequence[Sequence[Any]]) -> list[float]:
    widths = []
    for i, col in enumerate(columns):
        width = _display_width(col.header)
        if col.kind in _FIXED_WIDTH:
            width = max(width, _FIXED_WIDTH[col.kind])
        else:
            for row in sample:
                value = row[i]
                if value is None:
                    continue
                if col.kind is Kind.MONEY:
                    n = len(f"{value:,.2f}") + 2
                else:
                    n = _display_width(value if isinstance(value, str) else str(value))
                width = max(width, n)
        widths.append(min(width, MAX_WIDTH) + 2)
    return widths


def _as_text_cell(ws: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    return cell


def sheet_title(name: str) -> str:
    title = name.translate(_BAD_SHEET_CHARS).strip().strip("'") or "Sheet1"
    return title[:SHEET_NAME_MAX]


# -------------------------------------------------------------------- xlsx
def _write_xlsx(
    tmp: Path,
    columns: Sequence[Column],
    converters: Sequence[Callable[[Any], Any]],
    rows: Iterable[Sequence[Any]],
    sheet: str,
    money_format: str,
    counter: _Counter,
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(sheet))
    it = iter(rows)
    sample = [
        [conv(v) for conv, v in zip(converters, row, strict=True)]
        for row in islice(it, SAMPLE_ROWS)
    ]
    for i, width in enumerate(_widths(columns, sample), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, _text(col.header))
        cell.font = bold
        header.append(cell)
    ws.append(header)

    formats = {
        Kind.MONEY: money_format,
        Kind.DATE: DATE_FORMAT,
        Kind.DATETIME: DATETIME_FORMAT,
        Kind.PERCENT: PERCENT_FORMAT,
    }
    # One styled cell per formatted column, reused: openpyxl writes each cell as the row
    # is appended, so a row costs no style look-ups. Plain text goes in as str (written
    # as an inline string, never a number); the rare text openpyxl would take for a
    # formula or an error code ("=1+1", "#N/A") goes through a cell forced to text.
    styled: list[Any] = []
    for col in columns:
        fmt = formats.get(col.kind)
        cell = None
        if fmt is not None:
            cell = WriteOnlyCell(ws)
            cell.number_format = fmt
        styled.append(cell)
    # How each column goes: plain text as it comes from the database (when it needs no
    # cleaning), other text through its converter, the rest converted into its cell.
    modes = [
        (_TEXT if c.vocabulary else _FAST_TEXT) if c.kind is Kind.TEXT else _VALUE for c in columns
    ]
    plan = list(zip(converters, styled, modes, strict=True))

    try:
        done = _append_rows(ws, plan, sample, it, counter)
    except BaseException:
        _abandon(ws)
        raise
    last = get_column_letter(max(len(columns), 1))
    ws.auto_filter.ref = f"A1:{last}{done + 1}"
    wb.save(tmp)
    return done


_FAST_TEXT, _TEXT, _VALUE = 0, 1, 2


def _append_rows(
    ws: Any,
    plan: Sequence[tuple[Callable[[Any], Any], Any, int]],
    sample: Sequence[Sequence[Any]],
    it: Iterable[Sequence[Any]],
    counter: _Counter,
) -> int:
    done = 0
    every = counter.every
    max_rows = SHEET_ROWS_MAX
    source = chain(((True, r) for r in sample), ((False, r) for r in it))
    for converted, row in source:
        out: list[Any] = []
        for (conv, cell, mode), value in zip(plan, row, strict=True):
            if value is None:
                out.append(None)
            elif mode != _VALUE:
                if converted or (
                    mode == _FAST_TEXT
                    and type(value) is str
                    and len(value) <= CELL_MAX
                    and value.isprintable()
                ):
                    v = value
                else:
                    v = conv(value)
                out.append(_as_text_cell(ws, v) if v and v[0] in "=#" else v)
            else:
                v = value if converted else conv(value)
                if cell is None or v is None:
                    out.append(v)
                else:
                    cell.value = v
                    out.append(cell)
        ws.append(out)
        done += 1
        if done % every == 0:
            if done > max_rows:
                raise ExportError(
                    "more than {n} rows do not fit on a sheet: export to .csv or fewer rows",
                    n=f"{max_rows:,}",
                )
            counter.check(done)
    if done > max_rows:
        raise ExportError(
            "more than {n} rows do not fit on a sheet: export to .csv or fewer rows",
            n=f"{max_rows:,}",
        )
    return done


def _abandon(ws: Any) -> None:
    """Close a half-written sheet's streams and drop openpyxl's temporary file."""
    with contextlib.suppress(Exception):  # the workbook is thrown away either way
        ws.close()
    writer = getattr(ws, "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()


# --------------------------------------------------------------------- csv
def _csv_text(value: str) -> str:
    if value.startswith(_FORMULA_START) or (
        value[:1] in "+-" and not value[1:2].isdigit() and value[1:2] not in (" ", "(")
    ):
        return "'" + value
    return value


def _write_csv(
    tmp: Path,
    columns: Sequence[Column],
    converters: Sequence[Callable[[Any], Any]],
    rows: Iterable[Sequence[Any]],
    counter: _Counter,
) -> int:
    def cell(kind: Kind, value: Any) -> Any:
        if value is None:
            return ""
        if kind is Kind.TEXT:
            return _csv_text(value) if value else value
        if kind is Kind.MONEY:
            return format(value, ".2f")
        if kind is Kind.PERCENT:
            return f"{(value * 100).normalize():f}%"
        if kind is Kind.DATETIME and isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    kinds = [c.kind for c in columns]
    done = 0
    every = counter.every
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow(
                [
                    cell(kind, conv(value))
                    for kind, conv, value in zip(kinds, converters, row, strict=True)
                ]
            )
            done += 1
            if done % every == 0:
                counter.check(done)
    return done

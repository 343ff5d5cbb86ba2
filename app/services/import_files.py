"""Opening a file to import: what it really is, its sheets, its header row(s), its rows.

- The format comes from the first bytes, not the name: a zip (``PK``) is an .xlsx (or
  .ods), an OLE2 container (``D0 CF 11 E0``) is a legacy .xls, anything else is read as
  text (CSV). Some ".xlsx" files offered by other CRMs are really .xls; calamine reads
  both from the bytes.
- CSV text: a byte-order mark decides; else strict UTF-8; else GB18030 (GBK) or
  Windows-1252, told apart by how the high bytes pair up (Chinese GBK text is pairs of
  bytes both ≥ 0xA1; Spanish or French Windows-1252 text is single accented letters
  among ASCII ones); charset-normalizer for anything else. The delimiter is sniffed
  (``,`` ``;`` tab ``|``).
- The header is found among the first rows: a title or an instruction paragraph above it
  is passed over, and a second header row right under the first (Chinese above English)
  is taken as part of the header.
- Cells keep their types where the file has them (dates, numbers); ``cell_text`` turns
  a number that is whole into its digits, so 13000000000.0 reads as a phone number,
  never as 1.3E10.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import ClientelaError

HEADER_SCAN = 20
MAX_BYTES_SNIFF = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
DELIMITERS = ",;\t|"


class ImportFileError(ClientelaError):
    """The file cannot be read at all (missing, damaged, not a table…)."""

    exit_code = 2


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool = True
    rows: int = 0


@dataclass
class Table:
    """One sheet as the import sees it: the header (one or two rows joined per column),
    and the data rows with their row numbers as a spreadsheet shows them (from 1)."""

    sheet: str
    header_rows: list[int]  # 1-based numbers of the header row(s)
    headers: list[str]  # one display title per column
    header_words: list[list[str]]  # every header text of a column (both rows of two)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.headers)


@dataclass
class SourceFile:
    """An opened import file: its real format, its encoding (CSV) and its sheets."""

    path: Path
    format: str  # xlsx, xls, ods, csv
    encoding: str | None
    sheets: list[SheetInfo]
    _raw: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)
    _reader: Any = field(default=None, repr=False)

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def default_sheet(self) -> str:
        """The first visible sheet that has data under a header."""
        visible = [s.name for s in self.sheets if s.visible] or self.sheet_names()
        for name in visible:
            if len(self.raw_rows(name)) >= 2:
                return name
        return visible[0]

    def raw_rows(self, sheet: str | None = None) -> list[list[Any]]:
        name = sheet or self.sheets[0].name
        if name not in self.sheet_names():
            raise ImportFileError(
                "{file} has no sheet {sheet}; its sheets: {names}",
                file=self.path.name,
                sheet=name,
                names=", ".join(self.sheet_names()),
            )
        if name not in self._raw:
            self._raw[name] = self._reader(name)
        return self._raw[name]

    def table(
        self,
        sheet: str | None = None,
        known: Callable[[str], bool] | None = None,
        header_row: int | None = None,
    ) -> Table:
        """The sheet with its header found (``known(text)`` says whether a header text
        names a field the import knows); ``header_row`` (1-based) overrides the search."""
        name = sheet or self.default_sheet()
        return make_table(name, self.raw_rows(name), known, header_row)


# ---------------------------------------------------------------- opening
def sniff_format(head: bytes) -> str:
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "xls"
    return "csv"


def open_source(path: str | os.PathLike[str]) -> SourceFile:
    """Open ``path`` for import; ImportFileError with one clear line when it cannot be."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ImportFileError("no file {path}", path=str(p)) from None
    except IsADirectoryError:
        raise ImportFileError("{path} is a folder, not a file", path=str(p)) from None
    except OSError as exc:
        raise ImportFileError(
            "cannot read {path}: {reason}", path=str(p), reason=exc.strerror or exc
        ) from exc
    if not data.strip():
        raise ImportFileError("{file} is empty", file=p.name)
    fmt = sniff_format(data[:8])
    if fmt == "csv":
        return _open_csv(p, data)
    return _open_workbook(p, data, fmt)


def _open_workbook(path: Path, data: bytes, fmt: str) -> SourceFile:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types, several of them
        raise ImportFileError(
            "{file} cannot be read as a spreadsheet: {reason}",
            file=path.name,
            reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
        ) from exc
    if fmt == "xlsx" and path.suffix.lower() == ".ods":
        fmt = "ods"
    sheets = []
    for meta in wb.sheets_metadata:
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue
        sheets.append(SheetInfo(meta.name, meta.visible == pc.SheetVisibleEnum.Visible))
    if not sheets:
        raise ImportFileError("{file} has no sheets", file=path.name)

    def read(name: str) -> list[list[Any]]:
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise ImportFileError(
                "cannot read the sheet {sheet} of {file}: {reason}",
                sheet=name,
                file=path.name,
                reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            ) from exc
        return [list(r) for r in rows]

    return SourceFile(path, fmt, None, sheets, _reader=read)


def _open_csv(path: Path, data: bytes) -> SourceFile:
    text, encoding = decode(data)
    if "\x00" in text[:1000]:
        raise ImportFileError("{file} is not a spreadsheet or a CSV text file", file=path.name)
    delimiter = sniff_delimiter(text[:MAX_BYTES_SNIFF])
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    name = path.stem or "CSV"
    source = SourceFile(path, "csv", encoding, [SheetInfo(name, True, len(rows))])
    source._raw[name] = rows
    source._reader = lambda _n: rows
    return source


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _gbk_or_latin(data)
    if guess is not None:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def _gbk_or_latin(data: bytes) -> str | None:
    """gb18030 when the high bytes come in GB2312 pairs, cp1252 when they stand alone."""
    pairs = singles = 0
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        nxt = data[i + 1] if i + 1 < n else 0
        if 0xA1 <= b <= 0xF7 and 0xA1 <= nxt <= 0xFE:
            pairs += 1
            i += 2
        elif 0x81 <= b <= 0xFE and 0x40 <= nxt <= 0xFE and nxt != 0x7F and nxt >= 0x80:
            pairs += 1  # GBK extension pair with a high trail byte
            i += 2
        else:
            singles += 1
            i += 1
    if pairs == 0 and singles == 0:
        return None
    if pairs > singles:
        return "gb18030"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "gb18030"
    return "cp1252"


def sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        counts = [len(next(csv.reader([ln], delimiter=d))) for ln in lines]
        most = max(counts)
        if most < 2:
            continue
        # columns seen on most lines, and as many of them as possible
        steady = sum(1 for c in counts if c == most) / len(counts)
        score = steady * most
        if score > best_score:
            best, best_score = d, score
    return best


# ---------------------------------------------------------------- cells
def cell_text(value: Any) -> str:
    """A cell as a person reads it: whole numbers without ``.0`` or exponent, dates in
    ISO form, text trimmed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer() and abs(value) < 1e20:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _non_empty(row: Sequence[Any]) -> int:
    return sum(1 for v in row if not _is_empty(v))


def _texty(row: Sequence[Any]) -> bool:
    """Every filled cell is text that is not a number or a date."""
    for v in row:
        if _is_empty(v):
            continue
        if not isinstance(v, str):
            return False
        s = v.strip().replace(".", "", 1).replace("-", "", 1).replace("+", "", 1)
        if s.isdigit():
            return False
    return True


# ---------------------------------------------------------------- header
def make_table(
    sheet: str,
    raw: list[list[Any]],
    known: Callable[[str], bool] | None = None,
    header_row: int | None = None,
) -> Table:
    known = known or (lambda _t: False)
    if header_row is not None:
        if not 1 <= header_row <= len(raw):
            raise ImportFileError("the sheet {sheet} has no row {row}", sheet=sheet, row=header_row)
        first, second = header_row - 1, None
    else:
        first, second = find_header(raw, known)
    if first is None:
        raise ImportFileError("the sheet {sheet} is empty", sheet=sheet)
    header_idx = [first] if second is None else [first, second]
    width = max((_last_filled(raw[i]) for i in header_idx), default=0)
    body_start = header_idx[-1] + 1
    rows: list[tuple[int, list[Any]]] = []
    for i in range(body_start, len(raw)):
        row = raw[i]
        if _non_empty(row) == 0:
            continue
        rows.append((i + 1, row))
        width = max(width, _last_filled(row))
    words: list[list[str]] = []
    headers: list[str] = []
    for col in range(width):
        texts = []
        for i in header_idx:
            t = cell_text(raw[i][col]) if col < len(raw[i]) else ""
            t = " ".join(t.split())
            if t and t not in texts:
                texts.append(t)
        words.append(texts)
        headers.append(" / ".join(texts) if texts else column_letter(col))
    return Table(sheet, [i + 1 for i in header_idx], headers, words, rows)


def _last_filled(row: Sequence[Any]) -> int:
    for i in range(len(row) - 1, -1, -1):
        if not _is_empty(row[i]):
            return i + 1
    return 0


def find_header(
    raw: list[list[Any]], known: Callable[[str], bool]
) -> tuple[int | None, int | None]:
    """(index of the header row, index of a second header row or None)."""
    window = [(i, r) for i, r in enumerate(raw[:HEADER_SCAN]) if _non_empty(r)]
    if not window:
        return None, None
    widest = max(_non_empty(r) for _, r in window)
    need = max(1, min(2, widest), (widest + 1) // 2)

    def hits_of(r: Sequence[Any]) -> int:
        return sum(1 for v in r if isinstance(v, str) and v.strip() and known(v))

    def header_like(i: int) -> bool:
        return 0 <= i < len(raw) and _texty(raw[i]) and _non_empty(raw[i]) >= need

    first_wide: int | None = None
    best_i: int | None = None
    best_score = 0
    for i, r in window:
        if not header_like(i):
            continue
        if first_wide is None:
            first_wide = i
        hits = hits_of(r)
        score = hits * 10 + _non_empty(r)
        if hits and score > best_score:
            best_i, best_score = i, score
    first = best_i if best_i is not None else first_wide
    if first is None:
        return window[0][0], None  # no row of text: the first filled row

    def also_header(i: int) -> bool:
        return header_like(i) and hits_of(raw[i]) >= max(2, _non_empty(raw[i]) // 3)

    if best_i is not None and also_header(first - 1):
        return first - 1, first
    if best_i is not None and also_header(first + 1):
        return first, first + 1
    return first, None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def iter_cells(table: Table, columns: Sequence[int]) -> Iterator[tuple[int, list[Any]]]:
    """The data rows with only ``columns`` (missing cells as None)."""
    for number, row in table.rows:
        n = len(row)
        yield number, [row[c] if c < n else None for c in columns]

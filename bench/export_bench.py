"""Export: 100,000 customers to .xlsx through the program, against openpyxl's write-only
mode writing the same cells with no program around it, in the same run; and the peak
memory of exporting 10,000 against 100,000 rows (each in a fresh process).

    python -m bench.export_bench [--customers N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import ROOT, Report, bench_db

REPO = ROOT.parent
ROUNDS = 3


def _program(path: Path, out: Path) -> tuple[float, int]:
    from app.db import open_database
    from app.services.exports import ExportRequest, export

    db = open_database(path, read_only=True)
    try:
        t = time.perf_counter()
        result = export(db, None, ExportRequest("customers"), out)
        return time.perf_counter() - t, result.rows
    finally:
        db.dispose()


def _values(path: Path) -> tuple[list[Any], list[list[Any]]]:
    """The cells the program writes, as plain Python values, fetched beforehand."""
    from app.db import open_database
    from app.reports.export import _converter
    from app.services.exports import ExportRequest, build_query, columns_for, stream

    db = open_database(path, read_only=True)
    try:
        with db.session() as s:
            cols = columns_for("customers")
            convs = [_converter(c, None) for c in cols]
            q = build_query(s, ExportRequest("customers"), cols)
            rows = [[f(v) for f, v in zip(convs, r, strict=True)] for r in stream(s, q)]
    finally:
        db.dispose()
    return cols, rows


def _raw(cols: list[Any], rows: list[list[Any]], out: Path) -> float:
    """openpyxl write-only alone: a header, then each row with dates and amounts as
    cells carrying their number format, text and numbers as they are."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from app.reports.export import DATE_FORMAT, DATETIME_FORMAT, MONEY_FORMAT, Kind

    formats = {Kind.DATE: DATE_FORMAT, Kind.DATETIME: DATETIME_FORMAT, Kind.MONEY: MONEY_FORMAT}
    fmt = [formats.get(c.kind) for c in cols]
    t = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Customers")
    ws.append([c.header for c in cols])
    for row in rows:
        out_row: list[Any] = []
        for f, v in zip(fmt, row, strict=True):
            if f is None or v is None:
                out_row.append(v)
            else:
                cell = WriteOnlyCell(ws, v)
                cell.number_format = f
                out_row.append(cell)
        ws.append(out_row)
    wb.save(out)
    return time.perf_counter() - t


def _raw_plain(cols: list[Any], rows: list[list[Any]], out: Path) -> float:
    """openpyxl write-only with every value appended as it is (dates get openpyxl's
    default format, amounts none): the cheapest openpyxl can write these rows."""
    from openpyxl import Workbook

    t = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Customers")
    ws.append([c.header for c in cols])
    for row in rows:
        ws.append(row)
    wb.save(out)
    return time.perf_counter() - t


def _peak_kb(path: Path, limit: int) -> tuple[int, int, int]:
    """For a fresh process exporting the first ``limit`` customers: its resident memory
    before the export (imports, database open), its peak during the export, and the peak
    of Python allocations during the export (tracemalloc)."""
    code = f"""
import resource, sys, tempfile, tracemalloc
from pathlib import Path
from app.db import open_database
from app.reports.export import write_table
from app.services.exports import ExportRequest, build_query, columns_for, prefetch

def status(key):  # Linux: VmHWM is this process's own peak (ru_maxrss survives exec)
    try:
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

db = open_database({str(path)!r}, read_only=True)
with db.session() as s, tempfile.TemporaryDirectory() as d:
    cols = columns_for("customers")
    q = build_query(s, ExportRequest("customers"), cols).limit({limit})
    before = status("VmRSS")
    try:
        open("/proc/self/clear_refs", "w").write("5")  # peak starts again from here
    except OSError:
        pass
    tracemalloc.start()
    write_table(Path(d) / "c.xlsx", cols, prefetch(db.engine, q), sheet="Customers")
    traced = tracemalloc.get_traced_memory()[1]
print(before, status("VmHWM"), traced // 1024)
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True
    )
    before, after, traced = proc.stdout.split()[-3:]
    return int(before), int(after), int(traced)


def bench_export(path: Path, report: Report) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cols, rows = _values(path)
        n = len(rows)
        # Interleaved, best of three each, so a busy moment of the machine does not
        # land on one side only.
        raws, plains, programs = [], [], []
        for i in range(ROUNDS):
            raws.append(_raw(cols, rows, out / f"raw{i}.xlsx"))
            plains.append(_raw_plain(cols, rows, out / f"plain{i}.xlsx"))
            programs.append(_program(path, out / f"program{i}.xlsx")[0])
        del rows
        raw, plain, program = min(raws), min(plains), min(programs)
    ratio = program / raw
    report.add(f"export {n:,} customers to .xlsx, program", program * 1000, "ms")
    report.add(
        f"export {n:,} customers to .xlsx, bare openpyxl write-only, same typed cells",
        raw * 1000,
        "ms",
    )
    report.add(
        f"export {n:,} customers to .xlsx, bare openpyxl write-only, values as they are",
        plain * 1000,
        "ms",
    )
    report.add(
        "export to .xlsx: program / bare openpyxl",
        ratio * 100,
        "%",
        "≤ 130 %",
        f"{len(cols)} columns, best of {ROUNDS} each, interleaved",
    )
    report.add(
        "export to .xlsx: program / bare openpyxl, values as they are",
        program / plain * 100,
        "%",
        note="no number formats on amounts: a stricter baseline than the issue's",
    )
    (b_small, small, small_py), (b_large, large, large_py) = (
        _peak_kb(path, n) for n in (10_000, 100_000)
    )
    report.add(
        "export peak memory (process RSS), 10,000 rows",
        small / 1024,
        "MB",
        note=f"{(small - b_small) / 1024:+.1f} MB over the memory before exporting",
    )
    report.add(
        "export peak memory (process RSS), 100,000 rows",
        large / 1024,
        "MB",
        "≈ 10,000 rows",
        f"{(large - b_large) / 1024:+.1f} MB over the memory before exporting",
    )
    report.add("export peak Python allocations (tracemalloc), 10,000 rows", small_py / 1024, "MB")
    report.add(
        "export peak Python allocations (tracemalloc), 100,000 rows",
        large_py / 1024,
        "MB",
        "≈ 10,000 rows",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    args = parser.parse_args()
    report = Report()
    path, _ = bench_db(args.customers)
    bench_export(path, report)
    print(json.dumps([r.__dict__ for r in report.results], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

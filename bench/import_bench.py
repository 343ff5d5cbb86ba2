"""Import: 100,000 customers from an .xlsx (generated once, cached in bench/.cache) into
a fresh database, and the same file again over them (every row a duplicate); time and
peak memory of each, in a fresh process.

    python -m bench.import_bench [--rows N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import CACHE, ROOT, Report

REPO = ROOT.parent
ROWS = 100_000
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华红建国志明海燕玉兰春梅"
CITIES = ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "厦门", "南京")
PROVINCES = "京沪粤浙川鄂陕闽苏"


def sample_file(rows: int = ROWS) -> Path:
    """The cached .xlsx of ``rows`` customers: Chinese headers, phones as text, birthdays
    as date cells, one plate each."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"import-{rows}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    rnd = random.Random(5)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("客户")
    ws.append(["姓名", "手机", "邮箱", "车牌", "城市", "生日", "地址", "备注"])
    for i in range(rows):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
        phone = f"1{rnd.choice('3589')}{i:09d}"
        plate = f"{rnd.choice(PROVINCES)}{chr(65 + i % 26)}{i:05d}"[:8]
        birthday = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randint(0, 20000))
        ws.append(
            [
                name,
                phone,
                f"c{i}@example.com" if i % 3 else None,
                plate,
                rnd.choice(CITIES),
                birthday,
                f"{rnd.choice(CITIES)}市{rnd.randint(1, 999)}号",
                None,
            ]
        )
    tmp = path.with_suffix(".part")
    wb.save(tmp)
    tmp.replace(path)
    return path


def _run(db_path: Path, file: Path, policy: str) -> tuple[float, float, str, int]:
    """Seconds, peak RSS in MB, the summary, and the rows indexed, in a fresh process."""
    code = f"""
import time
from app.db import open_database
from app.services import importer
t = time.perf_counter()
db = open_database({str(db_path)!r})
prep = importer.prepare(db, {str(file)!r})
r = importer.import_table(db, None, prep.table, prep.mapping,
                          importer.ImportOptions(on_duplicate={policy!r}), file_name="bench")
seconds = time.perf_counter() - t
with db.session() as s:
    from sqlalchemy import text
    indexed = s.execute(text("select count(distinct customer_id) from search_terms")).scalar()
db.dispose()
peak = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1])
print(f"{{seconds:.3f}}|{{peak}}|{{r.summary()}}|{{indexed}}")
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True
    )
    seconds, peak, summary, indexed = proc.stdout.strip().splitlines()[-1].split("|")
    return float(seconds), int(peak) / 1024, summary, int(indexed)


def bench_import(_path: Path, report: Report, rows: int = ROWS) -> None:
    file = sample_file(rows)
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "import.db"
        seconds, peak, summary, indexed = _run(db_path, file, "skip")
        report.add(
            f"import {rows:,} customers from .xlsx into an empty database",
            seconds,
            "s",
            "< 60 s",
            f"{summary}; {indexed:,} customers indexed; open, read, check, write, index",
        )
        report.add(f"import {rows:,} customers: peak memory (process RSS)", peak, "MB")
        seconds, peak, summary, _ = _run(db_path, file, "skip")
        report.add(
            f"import the same {rows:,} rows again (all duplicates, skipped)",
            seconds,
            "s",
            "< 60 s",
            summary,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args()
    bench_import(Path(), Report(), args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

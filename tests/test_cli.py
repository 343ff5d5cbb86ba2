"""The command line as a script or a scheduled task meets it: exit codes and one-line errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("demo", "stats", "check"):
        assert command in out


def test_stats_json_on_demo_database(
    capsys: pytest.CaptureFixture[str], demo_db_path: Path
) -> None:
    code, out, _ = run(capsys, "stats", "--db", str(demo_db_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["customers"] == 300
    for key in ("contacts", "vehicles", "activities", "orders", "payments", "deals", "tasks"):
        assert data[key] > 0, key
    assert 4 <= data["users"] <= 8
    assert len(data["user_names"]) == data["users"]
    assert data["schema_revision"]
    assert data["journal_mode"] == ("wal" if isinstance(demo_db_path, Path) else None)


@pytest.mark.sqlite_only
def test_stats_reports_shared_drive_journal(
    capsys: pytest.CaptureFixture[str], demo_db_path: Path
) -> None:
    code, out, _ = run(capsys, "stats", "--db", str(demo_db_path), "--shared-drive", "--json")
    assert code == 0
    assert json.loads(out)["journal_mode"] == "delete"


def test_demo_then_stats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    code, out, _ = run(
        capsys, "demo", "--db", db, "--customers", "40", "--quiet", "--locale", "es_ES"
    )
    assert code == 0, out
    assert "40 customers" in out
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert json.loads(out)["customers"] == 40


def test_demo_refuses_a_database_that_holds_customers(
    capsys: pytest.CaptureFixture[str], demo_db_path: Path
) -> None:
    code, _, err = run(capsys, "demo", "--db", str(demo_db_path), "--customers", "5", "--quiet")
    assert code != 0
    assert err.startswith("clientela: error:") and err.count("\n") == 1


def test_check_healthy(capsys: pytest.CaptureFixture[str], demo_db_path: Path) -> None:
    code, out, _ = run(capsys, "check", "--db", str(demo_db_path), "--json")
    assert code == 0
    assert json.loads(out)["health"] == "healthy"


@pytest.mark.sqlite_only
def test_check_newer_schema_exits_2(capsys: pytest.CaptureFixture[str], demo_db_path: Path) -> None:
    conn = sqlite3.connect(demo_db_path)
    conn.execute("UPDATE alembic_version SET version_num = 'abcdef999'")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "check", "--db", str(demo_db_path))
    assert code == 2
    assert "newer" in out


@pytest.mark.sqlite_only
def test_check_damaged_file_exits_1(capsys: pytest.CaptureFixture[str], demo_db_path: Path) -> None:
    data = bytearray(demo_db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 40), page):
        data[offset : offset + 200] = b"\xff" * 200
    demo_db_path.write_bytes(bytes(data))
    code, out, _ = run(capsys, "check", "--db", str(demo_db_path))
    assert code == 1
    assert "damaged" in out


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("{tmp}/missing.db", "no database at"),
        ("{tmp}/nofolder/x.db", "no database at"),
        ("{tmp}/notes.txt", "not a Clientela database"),
        ("nosuchdriver://x/y", "database address"),
    ],
)
def test_stats_bad_targets_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str, expected: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    code, out, err = run(capsys, "stats", "--db", target.format(tmp=tmp_path))
    assert code == 1
    assert out == ""
    assert expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_demo_into_a_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "demo", "--db", str(tmp_path / "no" / "x.db"), "--quiet")
    assert code == 1
    assert "does not exist" in err and err.count("\n") == 1


def test_demo_into_an_unwritable_place_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--db", "/proc/clientela-test.db", "--quiet")
    assert code == 1
    assert err.startswith("clientela: error:") and err.count("\n") == 1


def test_demo_on_newer_schema_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run(capsys, "stats", "--db", str(tmp_path / "nothing.db"))
    from app.db import open_database

    open_database(db).dispose()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = 'abcdef999'")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "demo", "--db", str(db), "--quiet")
    assert code == 2
    assert "newer version" in err


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "stats", "--db", str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"clientela: error: no database at {tmp_path / 'missing.db'}"


def test_search_json(capsys: pytest.CaptureFixture[str], demo_db_path: Path) -> None:
    from app.db import open_database

    db = open_database(demo_db_path)
    with db.session() as s:
        from sqlalchemy import select

        from app.models import Customer

        name, phone = s.execute(
            select(Customer.name, Customer.phone)
            .where(Customer.phone.is_not(None))
            .order_by(Customer.id)
            .limit(1)
        ).one()
    db.dispose()
    code, out, _ = run(capsys, "search", "--db", str(demo_db_path), "--json", phone[-6:])
    assert code == 0
    data = json.loads(out)
    assert data["took_ms"] >= 0
    assert any(h["name"] == name for h in data["hits"])
    assert set(data["hits"][0]) == {"id", "number", "name", "phones", "plates", "owner"}
    code, out, _ = run(capsys, "search", "--db", str(demo_db_path), "--json", "--limit", "3", name)
    assert json.loads(out)["hits"][0]["name"] == name


def test_merge_command(capsys: pytest.CaptureFixture[str], demo_db_path: Path) -> None:
    from sqlalchemy import select

    from app.db import open_database
    from app.models import Customer, Vehicle

    db = open_database(demo_db_path)
    with db.session() as s:
        keep, other = s.execute(select(Customer.id, Customer.number).limit(2)).all()
        their_cars = len(s.scalars(select(Vehicle.id).where(Vehicle.customer_id == other[0])).all())
    db.dispose()
    code, out, err = run(capsys, "merge", "--db", str(demo_db_path), str(keep[0]), other[1])
    assert code == 0, err
    assert "merged customer" in out
    db = open_database(demo_db_path)
    with db.session() as s:
        assert s.get(Customer, other[0]).merged_into_id == keep[0]
        assert not s.scalars(select(Vehicle.id).where(Vehicle.customer_id == other[0])).all()
        assert (
            their_cars == 0
            or s.scalars(select(Vehicle.id).where(Vehicle.customer_id == keep[0])).all()
        )
    db.dispose()
    code, _, err = run(capsys, "merge", "--db", str(demo_db_path), "C999999", "1")
    assert code == 1 and "no customer" in err


def test_pipeline_json_on_demo_database(
    capsys: pytest.CaptureFixture[str], demo_db_path: Path
) -> None:
    code, out, _ = run(capsys, "pipeline", "--db", str(demo_db_path), "--json")
    assert code == 0
    each = json.loads(out)["pipelines"]
    assert [p["is_default"] for p in each] == [True, False]  # sales, then after-sales
    stages = each[0]["stages"]
    assert [s["key"] for s in stages] == [
        "initial_contact",
        "sample",
        "negotiation",
        "signing",
        "won",
        "lost",
    ]
    for s in stages:
        assert {"count", "amount", "weighted", "avg_days_in_stage", "conversion_to_next"} <= set(s)
        assert s["conversion_to_next"] is None or 0 <= s["conversion_to_next"] <= 1
    assert (
        sum(s["count"] for p in each for s in p["stages"])
        == json.loads(run(capsys, "stats", "--db", str(demo_db_path), "--json")[1])["deals"]
    )
    assert stages[0]["conversion_to_next"] is not None
    assert stages[-1]["conversion_to_next"] is None


def test_pipeline_text_and_missing_database(
    capsys: pytest.CaptureFixture[str], demo_db_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "pipeline", "--db", str(demo_db_path))
    assert code == 0 and len(out.splitlines()) == 1 + 6 + 1 + 5  # two pipelines
    code, _, err = run(capsys, "pipeline", "--db", str(tmp_path / "none.db"))
    assert code != 0 and err.startswith("clientela: error:")


@pytest.mark.sqlite_only
def test_backup_and_restore_commands(
    capsys: pytest.CaptureFixture[str], demo_db_path: Path
) -> None:
    out = demo_db_path.with_name("copy.db")
    code, text, err = run(capsys, "backup", "--db", str(demo_db_path), "--out", str(out))
    assert code == 0, err
    assert "checked" in text and out.exists()
    conn = sqlite3.connect(demo_db_path)
    conn.execute("DELETE FROM search_terms")
    conn.commit()
    conn.close()
    code, text, err = run(capsys, "restore", "--db", str(demo_db_path), str(out))
    assert code == 0, err
    assert "kept as" in text
    conn = sqlite3.connect(demo_db_path)
    assert conn.execute("SELECT count(*) FROM search_terms").fetchone()[0] > 0
    conn.close()
    code, _, err = run(capsys, "restore", "--db", str(demo_db_path), str(out.with_name("no.db")))
    assert code == 1 and err.count("\n") == 1

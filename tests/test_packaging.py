"""The PyInstaller build: packaging/build.py makes the one-folder program for this platform
(Linux here, the same spec makes the Windows one on Windows), and what it made starts
without Python: the version, commands that need the migrations, pinyin and phone data and
the Excel writer, and the window on the offscreen platform."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from app.db import known_revisions

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "packaging" / "build.py"
_spec = importlib.util.spec_from_file_location("clientela_build", BUILD)
assert _spec is not None and _spec.loader is not None
build_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_script)
programs = build_script.programs


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The folder, built once for the module (about a minute on two cores)."""
    base = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [
            sys.executable,
            str(BUILD),
            "--distpath",
            str(base / "dist"),
            "--workpath",
            str(base / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Clientela {__version__} built in" in done.stdout
    yield base / "dist" / "Clientela"


def _run(program: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_both_programs_print_the_version(built: Path) -> None:
    for program in programs(built):
        done = _run(program, "--version")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"Clientela {__version__}"


def test_folder_holds_translations_icon_and_migrations(built: Path) -> None:
    internal = built / "_internal"
    assert {p.name for p in (internal / "resources" / "i18n").glob("*.qm")} == {
        p.name for p in (ROOT / "resources" / "i18n").glob("*.qm")
    }
    assert (internal / "resources" / "icons" / "clientela.png").is_file()
    assert {p.name for p in (internal / "migrations" / "versions").glob("*.py")} == {
        p.name for p in (ROOT / "migrations" / "versions").glob("*.py")
    }
    # Qt's own strings in the window's languages only.
    qt = {p.name for p in internal.rglob("qtbase_*.qm")}
    assert "qtbase_zh_CN.qm" in qt and "qtbase_es.qm" in qt
    assert "qtbase_de.qm" not in qt
    assert not list(internal.rglob("tkinter"))


def test_frozen_commands_migrate_fill_search_and_export(built: Path, tmp_path: Path) -> None:
    _, cli = programs(built)
    db = tmp_path / "office.db"
    done = _run(cli, "demo", "--db", str(db), "--customers", "20", "--quiet")
    assert done.returncode == 0, done.stderr
    done = _run(cli, "stats", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["customers"] == 20
    assert stats["schema_revision"] == known_revisions()[1]
    # Pinyin initials of the demo's Chinese names (pypinyin's data in the folder).
    done = _run(cli, "search", "--db", str(db), "--json", "z")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    out = tmp_path / "customers.xlsx"
    done = _run(cli, "export", "--db", str(db), "--what", "customers", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0


def test_frozen_window_opens_the_database(built: Path, tmp_path: Path) -> None:
    """The window program on the offscreen platform: it opens the database (and says so in
    the settings' recent list) and writes no crash."""
    gui, cli = programs(built)
    db = tmp_path / "office.db"
    assert _run(cli, "demo", "--db", str(db), "--customers", "20", "--quiet").returncode == 0
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    settings = data / "settings.ini"
    stderr = tmp_path / "stderr.txt"
    with stderr.open("wb") as err:
        window = subprocess.Popen(
            [str(gui), "--data-dir", str(data), "--db", str(db)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and window.poll() is None:
                if settings.is_file() and db.name in settings.read_text(encoding="utf-8"):
                    break
                time.sleep(0.5)
            assert window.poll() is None, stderr.read_text(errors="replace")
            assert db.name in settings.read_text(encoding="utf-8")
        finally:
            window.terminate()
            window.wait(timeout=30)
    faults = data / "logs" / "faults.log"
    assert not faults.is_file() or not faults.read_text(encoding="utf-8").strip()

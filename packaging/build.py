"""Build Clientela as one folder for this machine's platform, with PyInstaller.

    pip install -e ".[build]"
    python packaging/build.py                 -> dist/Clientela/
    python packaging/build.py --zip           also dist/Clientela-<version>-<platform>.zip

Built on Windows it is the Windows program (Clientela.exe, clientela-cli.exe); built on
Linux, the Linux one: PyInstaller does not cross-build. The folder needs no Python and no
installation: copy it. After building, the console program is run with ``--version`` to
check that the folder starts.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "clientela.spec"
NAME = "Clientela"  # the folder, as in the spec's COLLECT
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    try:
        from app import __version__
    finally:
        sys.path.pop(0)
    return __version__


def programs(folder: Path) -> tuple[Path, Path]:
    """The window's program and the console one inside a built folder."""
    return folder / f"{NAME}{EXE_SUFFIX}", folder / f"clientela-cli{EXE_SUFFIX}"


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``; a symbolic link (PyInstaller links Qt's libraries
    on Linux and macOS) is not counted twice."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def build(distpath: Path, workpath: Path, *, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; the built folder."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit('build: PyInstaller is not installed; run pip install -e ".[build]" first')
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(distpath),
        "--workpath",
        str(workpath),
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    subprocess.run(command, cwd=ROOT, check=True)
    return distpath / NAME


def check(folder: Path) -> str:
    """Run the console program with ``--version``; what it printed."""
    _, cli = programs(folder)
    done = subprocess.run(
        [str(cli), "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    printed = done.stdout.strip()
    expected = f"Clientela {version()}"
    if done.returncode != 0 or printed != expected:
        raise SystemExit(
            f"build: {cli} --version printed {printed!r} (exit {done.returncode}), "
            f"expected {expected!r}\n{done.stderr}"
        )
    return printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist", metavar="DIR")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build", metavar="DIR")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--zip", action="store_true", help="also zip the folder to copy it")
    args = parser.parse_args(argv)

    started = time.monotonic()
    folder = build(args.distpath.resolve(), args.workpath.resolve(), clean=args.clean)
    printed = check(folder)
    size, files = folder_size(folder)
    gui, cli = programs(folder)
    print(f"{printed} built in {time.monotonic() - started:.0f} s for {platform_tag()}")
    print(f"  {folder}  ({size / 2**20:.0f} MiB in {files} files)")
    print(f"  window:   {gui}")
    print(f"  commands: {cli}")
    if args.zip:
        stem = args.distpath.resolve() / f"{NAME}-{version()}-{platform_tag()}"
        archive = Path(shutil.make_archive(str(stem), "zip", folder.parent, folder.name))
        print(f"  zip:      {archive}  ({archive.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

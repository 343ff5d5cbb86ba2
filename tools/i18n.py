"""Translations: extract every translatable string, merge into the ``.ts`` sources, compile.

    python -m tools.i18n                 extract, merge, compile; list what is untranslated
    python -m tools.i18n --todo todo.json      also write the untranslated strings to fill in
    python -m tools.i18n --fill todo.json      put the translations of a filled todo file in
    python -m tools.i18n --check         exit 1 when anything is missing, unfinished or stale

Sources are English; ``resources/i18n/clientela_<lang>.ts`` (zh_CN, es) keep the
translations and ``clientela_<lang>.qm`` are the compiled files the program loads (both are
committed, so a fresh clone needs no build step). ``clientela_en.ts`` holds only the
plural messages (``self.tr("%n deal(s)", "", n)``) with their English singular and plural
("%n deal", "%n deals"), so an English reader never sees "(s)"; every other English
text is its own source.

Why an extractor of our own rather than ``pyside6-lupdate``: lupdate only sees ``tr()`` and
``translate()`` calls spelled out in place. The code also translates through small
wrappers (``_t("Person")`` in labels.py, ``_tr`` in the customer form, a local ``tr`` in the
import dialog), and the error templates of ``app.errors.ClientelaError`` are written in
the services, which have no Qt, and translated when shown (``app.ui.errors.error_text``,
context ``errors``). This extractor reads the code with ``ast`` and understands:

- ``self.tr("text")``, ``self.tr("text", "disambiguation", n)``: context = enclosing class
  (what PySide6 uses at run time);
- ``QCoreApplication.translate("Context", "text", "disambiguation", n)`` (also through
  ``QApplication`` or a bare ``translate``), ``QT_TRANSLATE_NOOP("Context", "text")``,
  ``QT_TR_NOOP("text")``;
- wrappers: any function of one argument that returns
  ``QCoreApplication.translate("Context", arg)``; its calls with a literal are in Context;
- in ``app/`` outside ``app/ui``: the literal template of every ``ClientelaError``
  subclass raised (both branches of ``a if c else b``), context ``errors``.

Compiling uses ``pyside6-lrelease`` (shipped with PySide6-Essentials).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN", "es", "en")
# Languages whose .ts holds only the plural (numerus) messages: English, the language of
# the sources, needs nothing but the singular and plural of "%n deal(s)".
PLURALS_ONLY = frozenset({"en"})
PREFIX = "clientela"
SOURCE_DIRS = ("app",)
UI_DIR = "app/ui"
ERRORS_CONTEXT = "errors"

_READ_ONLY_REASONS = (
    "this database is open read-only",
    "this database was written by a newer version of Clientela; it is open read-only",
    "opened read-only",
)

# Texts translated by context at run time that are written nowhere as a literal in a
# translate call: the import's error workbook (sheet name and headers,
# importer.write_errors, translated by import_dialog._translate_error) and db.Database's
# read-only reasons (raised as ReadOnlyError(self.read_only_reason) -> "errors", shown in
# the main window's banner -> "db").
EXTRA: dict[str, tuple[str, ...]] = {
    ERRORS_CONTEXT: ("Errors", "Row", "Column", "Value", "Reason", *_READ_ONLY_REASONS),
    "db": _READ_ONLY_REASONS,
}

# Service texts the window translates by context (file, function called, argument index,
# context): the export's column titles, translated in app/ui/table_export.column_titles.
SERVICE_TEXTS = (
    ("app/services/exports.py", "_col", 1, "ExportColumns"),
    ("app/services/customer_list.py", "Column", 1, "ExportColumns"),
)

TRANSLATE_NAMES = {"translate"}
TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}
ERROR_CLASSES_ROOT = "ClientelaError"


@dataclass(frozen=True, order=True)
class Key:
    context: str
    source: str
    comment: str = ""


@dataclass
class Found:
    key: Key
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Message:
    key: Key
    numerus: bool = False
    translation: list[str] = field(default_factory=list)
    """One string, or one per plural form when ``numerus``."""
    finished: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.translation)


# --------------------------------------------------------------------------- extraction
def _string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _comment(node: ast.AST | None) -> str | None:
    """A disambiguation argument: a literal, ``None`` or absent -> its text; else None."""
    if node is None:
        return ""
    if isinstance(node, ast.Constant) and node.value is None:
        return ""
    return _string(node)


def _callee(call: ast.Call) -> tuple[str | None, str | None]:
    """(owner, name) of ``owner.name(...)`` or (None, name) of ``name(...)``."""
    f = call.func
    if isinstance(f, ast.Name):
        return None, f.id
    if isinstance(f, ast.Attribute):
        owner = f.value
        if isinstance(owner, ast.Name):
            return owner.id, f.attr
        if isinstance(owner, ast.Attribute):
            return owner.attr, f.attr
        return "", f.attr
    return None, None


def _kw(call: ast.Call, name: str) -> ast.AST | None:
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def _arg(call: ast.Call, index: int, name: str) -> ast.AST | None:
    if len(call.args) > index:
        return call.args[index]
    return _kw(call, name)


def _is_translate(call: ast.Call) -> bool:
    owner, name = _callee(call)
    return name in TRANSLATE_NAMES and (owner is None or owner in TRANSLATE_OWNERS)


def _wrappers(tree: ast.AST) -> dict[str, str]:
    """Functions (or lambdas bound to a name) of one argument returning
    ``translate("Context", argument)``: name -> Context."""
    out: dict[str, str] = {}

    def check(name: str, params: list[str], body: Iterable[ast.AST]) -> None:
        if not params:
            return
        for node in body:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and _is_translate(sub) and len(sub.args) >= 2:
                    ctx = _string(sub.args[0])
                    text = sub.args[1]
                    if ctx is not None and isinstance(text, ast.Name) and text.id == params[0]:
                        out[name] = ctx
                        return

    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            check(node.name, [a.arg for a in node.args.args], node.body)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    lam = node.value
                    check(target.id, [a.arg for a in lam.args.args], [lam.body])
    return out


class _Visitor(ast.NodeVisitor):
    def __init__(self, rel: str, wrappers: dict[str, str], error_classes: set[str], ui: bool):
        self.rel = rel
        self.wrappers = wrappers
        self.error_classes = error_classes
        self.ui = ui
        self.service_calls = {(f, fn): (i, ctx) for f, fn, i, ctx in SERVICE_TEXTS}
        self.classes: list[str] = []
        self.function: str | None = None
        self.found: list[tuple[Key, bool, int]] = []
        self.problems: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _add(self, ctx: str, text: str | None, comment: str | None, numerus: bool, line: int):
        if text is None or comment is None:
            self.problems.append(f"{self.rel}:{line}: not a literal string, not extracted")
            return
        numerus = numerus or "%n" in text
        self.found.append((Key(ctx, text, comment), numerus, line))

    def visit_Call(self, node: ast.Call) -> None:
        owner, name = _callee(node)
        line = node.lineno
        if self.ui and name == "tr" and owner is not None:
            text_node = _arg(node, 0, "sourceText")
            if owner not in ("self", "cls", *self.classes):
                self.problems.append(
                    f"{self.rel}:{line}: {owner}.tr(): the context would be {owner}'s class "
                    "at run time; use self.tr or QCoreApplication.translate"
                )
            elif not self.classes:
                self.problems.append(f"{self.rel}:{line}: tr() outside a class")
            elif _string(text_node) is not None:
                n = _arg(node, 2, "n")
                self._add(
                    self.classes[-1],
                    _string(text_node),
                    _comment(_arg(node, 1, "disambiguation")),
                    n is not None,
                    line,
                )
        elif self.ui and _is_translate(node) and len(node.args) >= 2:
            ctx = _string(node.args[0])
            text = _string(node.args[1])
            if ctx is not None and text is not None:
                n = _arg(node, 3, "n")
                self._add(ctx, text, _comment(_arg(node, 2, "disambiguation")), n is not None, line)
            elif ctx is not None:
                for literal in _literals(node.args[1]):
                    self._add(ctx, literal, "", False, line)
                known = {ERRORS_CONTEXT, *EXTRA, *(c for *_, c in SERVICE_TEXTS)}
                arg = node.args[1]
                wrapper_param = (
                    isinstance(arg, ast.Name) and self.wrappers.get(self.function or "") == ctx
                )
                if ctx not in known and not wrapper_param:
                    self.problems.append(
                        f"{self.rel}:{line}: translate({ctx!r}, <not a literal>): mark the "
                        f"texts with QT_TRANSLATE_NOOP({ctx!r}, ...) or list them in "
                        "tools/i18n.py"
                    )
        elif self.ui and name == "QT_TRANSLATE_NOOP" and len(node.args) >= 2:
            self._add(_string(node.args[0]) or "", _string(node.args[1]), "", False, line)
        elif self.ui and name == "QT_TR_NOOP" and node.args and self.classes:
            self._add(self.classes[-1], _string(node.args[0]), "", False, line)
        elif self.ui and owner is None and name in self.wrappers and node.args:
            text = _string(node.args[0])
            if text is not None:
                self._add(self.wrappers[name], text, "", False, line)
        elif not self.ui and (self.rel, name) in self.service_calls:
            index, ctx = self.service_calls[(self.rel, name)]
            text = _string(node.args[index]) if len(node.args) > index else None
            if text is not None:  # a name passes on a text listed elsewhere
                self._add(ctx, text, "", False, line)
        elif not self.ui and name in self.error_classes and node.args:
            if any(isinstance(n, ast.JoinedStr) for n in ast.walk(node.args[0])):
                self.problems.append(
                    f"{self.rel}:{line}: an f-string template cannot be translated; write "
                    '"… {name} …" and pass name=… to the error'
                )
            for text in _literals(node.args[0]):
                self._add(ERRORS_CONTEXT, text, "", False, line)
        self.generic_visit(node)


def _literals(node: ast.AST) -> Iterator[str]:
    """The literal strings an expression can be: itself, both sides of ``a if c else b``,
    the operands of ``a or b``."""
    text = _string(node)
    if text is not None:
        yield text
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _literals(value)


def error_classes(files: Iterable[Path]) -> set[str]:
    """Names of ClientelaError and every class deriving from it anywhere in ``files``."""
    bases: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = set()
                for b in node.bases:
                    if isinstance(b, ast.Name):
                        names.add(b.id)
                    elif isinstance(b, ast.Attribute):
                        names.add(b.attr)
                bases.setdefault(node.name, set()).update(names)
    found = {ERROR_CLASSES_ROOT}
    grew = True
    while grew:
        grew = False
        for name, parents in bases.items():
            if name not in found and parents & found:
                found.add(name)
                grew = True
    return found


def source_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for d in SOURCE_DIRS:
        files.extend(sorted((root / d).rglob("*.py")))
    return files


@dataclass
class Extraction:
    messages: dict[Key, Found]
    problems: list[str]


def extract(root: Path = ROOT) -> Extraction:
    files = source_files(root)
    errors = error_classes(files)
    messages: dict[Key, Found] = {}
    problems: list[str] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        ui = rel.startswith(UI_DIR + "/")
        visitor = _Visitor(rel, _wrappers(tree) if ui else {}, errors, ui)
        visitor.visit(tree)
        problems.extend(visitor.problems)
        for key, numerus, line in visitor.found:
            f = messages.setdefault(key, Found(key))
            f.numerus = f.numerus or numerus
            f.locations.append((rel, line))
    for ctx, texts in EXTRA.items():
        for text in texts:
            messages.setdefault(Key(ctx, text), Found(Key(ctx, text)))
    return Extraction(messages, problems)


def wanted(extraction: Extraction, lang: str) -> dict[Key, Found]:
    """The messages ``lang``'s .ts must hold: all of them, or the plural ones only (English)."""
    if lang in PLURALS_ONLY:
        return {k: f for k, f in extraction.messages.items() if f.numerus}
    return dict(extraction.messages)


# --------------------------------------------------------------------------- .ts files
def ts_path(lang: str, folder: Path = I18N_DIR) -> Path:
    return folder / f"{PREFIX}_{lang}.ts"


def qm_path(lang: str, folder: Path = I18N_DIR) -> Path:
    return folder / f"{PREFIX}_{lang}.qm"


def read_ts(path: Path) -> dict[Key, Message]:
    out: dict[Key, Message] = {}
    if not path.exists():
        return out
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            key = Key(name, m.findtext("source") or "", m.findtext("comment") or "")
            t = m.find("translation")
            numerus = m.get("numerus") == "yes"
            if t is None:
                texts: list[str] = []
                kind = "unfinished"
            else:
                kind = t.get("type", "")
                forms = t.findall("numerusform")
                texts = [f.text or "" for f in forms] if forms else [t.text or ""]
            if kind in ("vanished", "obsolete"):
                kind = "unfinished"
            out[key] = Message(key, numerus, texts, kind != "unfinished" and any(texts))
    return out


def _indent(elem: ET.Element, level: int = 0) -> None:
    pad = "\n" + "    " * level
    if len(elem):
        if not (elem.text or "").strip():
            elem.text = pad + "    "
        for child in elem:
            _indent(child, level + 1)
        last = elem[-1]
        last.tail = pad
    if level and not (elem.tail or "").strip():
        elem.tail = pad


def write_ts(path: Path, lang: str, messages: Iterable[Message]) -> None:
    root = ET.Element("TS", {"version": "2.1", "language": lang, "sourcelanguage": "en"})
    by_context: dict[str, list[Message]] = {}
    for m in sorted(messages, key=lambda m: m.key):
        by_context.setdefault(m.key.context, []).append(m)
    rel_base = path.parent
    for name, items in by_context.items():
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
        for m in items:
            attrs = {"numerus": "yes"} if m.numerus else {}
            el = ET.SubElement(ctx, "message", attrs)
            for filename, line in m.locations:
                rel = Path(_relpath(ROOT / filename, rel_base)).as_posix()
                ET.SubElement(el, "location", {"filename": rel, "line": str(line)})
            ET.SubElement(el, "source").text = m.key.source
            if m.key.comment:
                ET.SubElement(el, "comment").text = m.key.comment
            t = ET.SubElement(el, "translation")
            if not m.finished:
                t.set("type", "unfinished")
            if m.numerus:
                forms = m.translation or [""]
                for form in forms:
                    ET.SubElement(t, "numerusform").text = form
            else:
                t.text = m.translation[0] if m.translation else ""
    _indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def _relpath(target: Path, base: Path) -> str:
    import os

    return os.path.relpath(target, base)


def plural_forms(lang: str) -> int:
    """Number of plural forms Qt uses for ``lang`` (zh: 1, es and en: 2)."""
    return 1 if lang.split("_")[0] in ("zh", "ja", "ko", "vi", "th") else 2


def merge(
    extraction: Extraction, old: dict[Key, Message], lang: str
) -> tuple[list[Message], list[Message]]:
    """The new message list, with every existing translation kept; a new message whose
    text was already translated in another context takes that translation (returned as
    the second list so it can be looked at)."""
    memory: dict[tuple[str, str, bool], Message] = {}
    for m in old.values():
        if m.finished:
            memory.setdefault((m.key.source, m.key.comment, m.numerus), m)
    out: list[Message] = []
    reused: list[Message] = []
    for key, found in sorted(wanted(extraction, lang).items()):
        prev = old.get(key)
        m = Message(key, found.numerus, locations=sorted(found.locations))
        if prev is not None and prev.translation:
            m.translation = list(prev.translation)
            m.finished = prev.finished
        else:
            twin = memory.get((key.source, key.comment, found.numerus))
            if twin is not None:
                m.translation = list(twin.translation)
                m.finished = True
                reused.append(m)
        if m.numerus:
            need = plural_forms(lang)
            forms = (m.translation or [""])[:need]
            if len(forms) < need:
                forms += [forms[-1]] * (need - len(forms))
            m.translation = forms
        out.append(m)
    return out, reused


# --------------------------------------------------------------------------- checks
_QT_ARG = re.compile(r"%(?:\d+|n|L\d+)")
_PY_FIELD = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> tuple[list[str], list[str]]:
    return sorted(set(_QT_ARG.findall(text))), sorted(set(_PY_FIELD.findall(text)))


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


def problems_of(m: Message, lang: str) -> list[str]:
    """What is wrong with one message's translation ([] when it is fine)."""
    where = f"[{lang}] {m.key.context}: {m.key.source!r}"
    if m.empty:
        return [f"{where}: not translated"]
    out = []
    if not m.finished:
        out.append(f"{where}: unfinished")
    qt_src, py_src = placeholders(m.key.source)
    for form in m.translation:
        if not form:
            out.append(f"{where}: an empty plural form")
            continue
        qt_t, py_t = placeholders(form)
        want_qt = [p for p in qt_src if p != "%n"]
        have_qt = [p for p in qt_t if p != "%n"]
        if want_qt != have_qt or py_src != py_t:
            out.append(f"{where}: placeholders {qt_src + py_src} became {qt_t + py_t}")
        if "&" in m.key.source and _accelerators(m.key.source) != _accelerators(form):
            out.append(f"{where}: the & accelerator is missing in {form!r}")
    if m.numerus and len(m.translation) != plural_forms(lang):
        out.append(f"{where}: {len(m.translation)} plural forms, {plural_forms(lang)} wanted")
    return out


# --------------------------------------------------------------------------- compiling
def lrelease() -> str:
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return found
    try:
        import PySide6

        candidate = Path(PySide6.__file__).parent / "lrelease"
        if candidate.exists():
            return str(candidate)
    except ImportError:
        pass
    raise SystemExit("lrelease not found: pip install PySide6-Essentials")


def compile_qm(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [lrelease(), "-silent", "-nounfinished", str(ts), "-qm", str(qm)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


# --------------------------------------------------------------------------- todo files
def todo(messages: dict[str, list[Message]]) -> dict[str, dict[str, object]]:
    """Untranslated or unfinished messages per language, in the form ``--fill`` reads:
    ``{"zh_CN": {"Context::Source": "" or ["", ""]}}`` (a disambiguation is written
    ``Context::Source::Comment``); English lists only plurals, as ``["%n deal", "%n deals"]``
    to fill in."""
    out: dict[str, dict[str, object]] = {}
    for lang, items in messages.items():
        for m in items:
            if m.empty or not m.finished:
                k = f"{m.key.context}::{m.key.source}"
                if m.key.comment:
                    k += f"::{m.key.comment}"
                out.setdefault(lang, {})[k] = (
                    list(m.translation)
                    if m.numerus
                    else (m.translation[0] if m.translation else "")
                )
    return out


def fill(messages: list[Message], entries: dict[str, object]) -> int:
    """Put translations in; keys are ``Context::Source[::Comment]`` (that message, even
    if it is translated already) or a bare ``Source`` (every context with that text whose
    translation is missing or unfinished: a bare key never overwrites a finished one).
    Returns how many messages changed."""
    changed = 0
    for m in messages:
        full = f"{m.key.context}::{m.key.source}" + (f"::{m.key.comment}" if m.key.comment else "")
        value = entries.get(full)
        if value is None and (m.empty or not m.finished):
            value = entries.get(m.key.source)
        if value in (None, "", []):
            continue
        forms = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if m.numerus:
            forms = forms[: len(m.translation) or 1] + [forms[-1]] * (
                max(len(m.translation), 1) - len(forms)
            )
        else:
            forms = forms[:1]
        if forms != m.translation or not m.finished:
            m.translation = forms
            m.finished = True
            changed += 1
    return changed


# --------------------------------------------------------------------------- main
def update(
    folder: Path = I18N_DIR,
    languages: Iterable[str] = LANGUAGES,
    fill_file: Path | None = None,
    todo_file: Path | None = None,
    compile_: bool = True,
    quiet: bool = False,
) -> dict[str, list[str]]:
    """Extract, merge into ``folder``'s .ts files, optionally fill, compile. Returns the
    problems per language (and under "" the code's)."""
    say = (lambda *a: None) if quiet else print
    extraction = extract()
    report: dict[str, list[str]] = {"": list(extraction.problems)}
    fills = json.loads(fill_file.read_text(encoding="utf-8")) if fill_file else {}
    all_messages: dict[str, list[Message]] = {}
    for lang in languages:
        path = ts_path(lang, folder)
        merged, reused = merge(extraction, read_ts(path), lang)
        if lang in fills:
            n = fill(merged, fills[lang])
            say(f"{lang}: {n} translation(s) filled in from {fill_file}")
        write_ts(path, lang, merged)
        if compile_:
            compile_qm(path, qm_path(lang, folder))
        all_messages[lang] = merged
        issues = [p for m in merged for p in problems_of(m, lang)]
        report[lang] = issues
        done = sum(1 for m in merged if m.finished and not m.empty)
        say(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{done}/{len(merged)} translated"
        )
        for m in reused:
            say(f"  reused from another context: {m.key.context}: {m.key.source!r}")
        for p in issues:
            say("  " + p)
    for p in extraction.problems:
        say("note: " + p)
    if todo_file is not None:
        todo_file.write_text(
            json.dumps(todo(all_messages), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        say(f"untranslated strings written to {todo_file}; fill them in, then --fill it")
    return report


def check(folder: Path = I18N_DIR) -> list[str]:
    """Everything wrong, without changing a file: messages in the code missing from a .ts
    (or left there after the code dropped them), untranslated or unfinished ones, broken
    placeholders, and the code's own problems (a tr() whose context cannot be known)."""
    extraction = extract()
    out = list(extraction.problems)
    for lang in LANGUAGES:
        messages = read_ts(ts_path(lang, folder))
        name = ts_path(lang, folder).name
        needed = wanted(extraction, lang)
        for key in sorted(set(needed) - set(messages)):
            out.append(f"{name}: missing {key.context}: {key.source!r}")
        stale = len(set(messages) - set(needed))
        if stale:
            print(f"note: {name} has {stale} text(s) no longer in the code (dropped by a run)")
        for key, m in sorted(messages.items()):
            if key in needed:
                m.numerus = m.numerus or needed[key].numerus
                out.extend(problems_of(m, lang))
        if not qm_path(lang, folder).exists():
            out.append(f"{qm_path(lang, folder).name} is missing")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.i18n", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--todo", type=Path, help="write the untranslated strings to this JSON")
    parser.add_argument("--fill", type=Path, help="read translations from this JSON")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when anything is missing"
    )
    parser.add_argument("--no-compile", action="store_true", help="leave the .qm files alone")
    args = parser.parse_args(argv)
    if args.check:
        found = check()
        for line in found:
            print(line)
        print(f"{len(found)} translation problem(s)" if found else "translations complete")
        return 1 if found else 0
    update(fill_file=args.fill, todo_file=args.todo, compile_=not args.no_compile)
    return 0


if __name__ == "__main__":
    sys.exit(main())

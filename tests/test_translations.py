"""Translations are complete and current: every string the code shows is in the .ts
sources (extracted again here and compared), translated and finished for zh_CN and es
with its placeholders and accelerators intact, every plural ("%n deal(s)") has its
English singular and plural in clientela_en.ts, and the committed .qm files say what their
.ts files say. No visible string bypasses tr(). A failure here is fixed by running
``python -m tools.i18n`` and translating what it lists (README, "Translations")."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

ROOT = Path(__file__).resolve().parent.parent
HINT = "run `python -m tools.i18n`, translate what it lists, commit the .ts and .qm files"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clientela_i18n_tool", ROOT / "tools/i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


i18n = _load_tool()


@pytest.fixture(scope="module")
def extraction():  # type: ignore[no-untyped-def]
    return i18n.extract(ROOT)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_string_of_the_code_is_in_the_sources(extraction, lang: str) -> None:  # type: ignore[no-untyped-def]
    in_ts = set(i18n.read_ts(i18n.ts_path(lang)))
    in_code = set(i18n.wanted(extraction, lang))  # English: the plurals only
    missing = sorted(f"{k.context}: {k.source!r}" for k in in_code - in_ts)
    assert not missing, f"not in clientela_{lang}.ts ({HINT}):\n" + "\n".join(missing)
    # Texts the code no longer has are harmless (the next run of the script drops them),
    # and while several people work at once the .ts may run ahead of a checkout.


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_translation_is_there_and_finished(extraction, lang: str) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for key, m in i18n.read_ts(i18n.ts_path(lang)).items():
        found = extraction.messages.get(key)
        if found is not None:
            assert m.numerus == found.numerus, f"{key}: plural form flag differs ({HINT})"
        problems.extend(i18n.problems_of(m, lang))
    text = i18n.ts_path(lang).read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text or problems
    assert not problems, f"{len(problems)} problem(s) ({HINT}):\n" + "\n".join(problems[:80])


def test_the_code_gives_every_translation_a_known_context(extraction) -> None:  # type: ignore[no-untyped-def]
    """``box.tr("…")`` looks up the context of box's class at run time, not the one the
    extractor can see; say self.tr or QCoreApplication.translate("Context", …)."""
    assert not extraction.problems, "\n".join(extraction.problems)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_compiled_file_matches_its_source(lang: str) -> None:
    """Loaded with Qt's own QTranslator, the committed .qm gives every translation of the
    committed .ts (a .ts edited without compiling fails here)."""
    qm = i18n.qm_path(lang)
    assert qm.exists(), f"{qm.name} missing ({HINT})"
    translator = QTranslator()
    assert translator.load(str(qm)), f"{qm.name} cannot be loaded"
    wrong = []
    for key, m in i18n.read_ts(i18n.ts_path(lang)).items():
        if m.empty or not m.finished:
            continue
        comment = key.comment or None
        if m.numerus:
            got = translator.translate(key.context, key.source, comment, 1)
            want = m.translation[0]
            if len(m.translation) > 1:
                got += " | " + translator.translate(key.context, key.source, comment, 3)
                want += " | " + m.translation[1]
        else:
            got = translator.translate(key.context, key.source, comment)
            want = m.translation[0]
        if got != want:
            wrong.append(f"{key.context}: {key.source!r}: .qm {got!r}, .ts {want!r}")
    assert not wrong, f"{qm.name} is older than its .ts ({HINT}):\n" + "\n".join(wrong[:40])


def test_english_says_singular_and_plural(extraction) -> None:  # type: ignore[no-untyped-def]
    """clientela_en.ts holds every plural message of the code and nothing else, with a
    singular and a plural form, neither of them with "(s)" left in."""
    english = i18n.read_ts(i18n.ts_path("en"))
    plurals = {k for k, f in extraction.messages.items() if f.numerus}
    assert plurals, "the code has no plural messages?"
    missing = sorted(f"{k.context}: {k.source!r}" for k in plurals - set(english))
    assert not missing, f"English plurals missing ({HINT}):\n" + "\n".join(missing)
    assert all(m.numerus for m in english.values()), "clientela_en.ts holds a non-plural text"
    wrong = [
        f"{k.context}: {k.source!r} -> {m.translation}"
        for k, m in english.items()
        if k in plurals
        and (len(m.translation) != 2 or not m.finished or any("(s)" in t for t in m.translation))
    ]
    assert not wrong, f"English plurals unfinished ({HINT}):\n" + "\n".join(wrong)


# ----------------------------------------------------------------- bare strings
# Calls whose string argument(s) a person reads, with the positions to look at.
VISIBLE = {
    name: (0,)
    for name in (
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setPlaceholderText",
        "setInformativeText",
        "setDetailedText",
        "setLabelText",
        "setTitle",
        "addItem",
        "insertItem",
        "addMenu",
        "addAction",
        "showMessage",
        "setTabText",
        "setItemText",
        "setSuffix",
        "setPrefix",
        "setSpecialValueText",
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QToolButton",
        "QMenu",
    )
}
VISIBLE.update(
    {
        "addTab": (1,),
        "insertTab": (2,),
        "addRow": (0,),
        "addButton": (0,),
        "information": (1, 2),
        "warning": (1, 2),
        "critical": (1, 2),
        "question": (1, 2),
        "getSaveFileName": (1,),
        "getOpenFileName": (1,),
        "getExistingDirectory": (1,),
        "getText": (1, 2),
        "getInt": (1, 2),
        "getItem": (1, 2),
        "setHorizontalHeaderLabels": (0,),
        "setVerticalHeaderLabels": (0,),
        "setHeaderLabels": (0,),
        "addItems": (0,),
    }
)
# Words that stay as they are in every language.
UNTRANSLATED_WORDS = {"Clientela", "RFM", "VIP", "SMS", "CSV", "Excel", "PNG", "px"}


def _needs_translation(text: str) -> bool:
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"%\d+|\{[^}]*\}|\*\.\w+", " ", text)  # placeholders, *.xlsx
    words = re.findall(r"[A-Za-z]{2,}", text)
    return any(w not in UNTRANSLATED_WORDS for w in words)


def _bare_strings(path: Path) -> list[str]:
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name not in VISIBLE:
            continue
        for index in VISIBLE[name]:
            if index >= len(node.args):
                continue
            arg = node.args[index]
            items = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
            for item in items:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    text = item.value
                elif isinstance(item, ast.JoinedStr):
                    text = "".join(
                        v.value
                        for v in item.values
                        if isinstance(v, ast.Constant) and isinstance(v.value, str)
                    )
                else:
                    continue
                if _needs_translation(text):
                    rel = path.relative_to(ROOT).as_posix()
                    out.append(f"{rel}:{node.lineno}: {name}({text!r})")
    return out


def test_no_visible_string_bypasses_tr() -> None:
    """A literal handed straight to a label, button, title, tooltip, menu or message box
    is shown in English whatever the language: wrap it in self.tr()."""
    found = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        found.extend(_bare_strings(path))
    assert not found, "visible strings without tr():\n" + "\n".join(found)


# ----------------------------------------------------------------- at run time
@pytest.fixture
def zh_app(qapp):  # type: ignore[no-untyped-def]
    from app.ui import application

    loaded = application.install_translators(qapp, QLocale("zh_CN"))
    yield loaded
    application.install_translators(qapp, QLocale("en_US"))


def test_translations_apply_at_run_time(zh_app) -> None:  # type: ignore[no-untyped-def]
    from app.errors import ValidationError
    from app.ui import labels
    from app.ui.errors import error_text

    names = {Path(p).name for p in zh_app}
    assert {"clientela_zh_CN.qm", "qtbase_zh_CN.qm"} <= names
    assert labels.label("prospect") != "Prospect"
    text = error_text(ValidationError("{value} is not a date", value="31/02"))
    assert "31/02" in text and text != "31/02 is not a date"
    # Qt's own standard buttons come from qtbase_zh_CN.qm.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_english_plurals_at_run_time(qapp) -> None:  # type: ignore[no-untyped-def]
    """With English installed (as the program does for en_US) the pipeline board's
    "%n deal(s)" reads "1 deal" and "3 deals"; a text without a plural stays its source."""
    from app.ui import application

    loaded = application.install_translators(qapp, QLocale("en_US"))
    assert "clientela_en.qm" in {Path(p).name for p in loaded}
    translate = QCoreApplication.translate
    assert translate("BoardColumn", "%n deal(s)", "", 1) == "1 deal"
    assert translate("BoardColumn", "%n deal(s)", "", 3) == "3 deals"
    assert translate("BoardColumn", "%n deal(s)", "", 0) == "0 deals"
    assert translate("PipelinePage", "%n open deal(s)", "", 67) == "67 open deals"
    assert translate("BoardColumn", "Collapse or expand this column") == (
        "Collapse or expand this column"
    )


def test_english_plurals_reach_a_widget(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Through the widget's own self.tr: its class is the context."""
    from PySide6.QtWidgets import QApplication

    from app.ui import application
    from app.ui.pipeline_board import BoardColumn

    application.install_translators(QApplication.instance(), QLocale("en_US"))
    assert BoardColumn.tr("%n deal(s)", "", 1) == "1 deal"


def test_a_missing_compiled_file_is_harmless(qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without clientela_en.qm (or any .qm) the window still starts, in source English;
    a language the program does not speak gets the English plurals."""
    from app.ui import application

    try:
        monkeypatch.setattr(application, "translations_dir", lambda: tmp_path)
        loaded = application.install_translators(qapp, QLocale("en_US"))
        assert not any(Path(p).name.startswith("clientela") for p in loaded)
        assert QCoreApplication.translate("BoardColumn", "%n deal(s)", "", 3) == "3 deal(s)"
        monkeypatch.undo()
        loaded = application.install_translators(qapp, QLocale("fr_FR"))
        assert "clientela_en.qm" in {Path(p).name for p in loaded}
        assert QCoreApplication.translate("BoardColumn", "%n deal(s)", "", 1) == "1 deal"
    finally:
        monkeypatch.undo()
        application.install_translators(qapp, QLocale("en_US"))


@pytest.mark.parametrize(
    ("lang", "settings", "customers"),
    [
        ("zh_CN", "设置", "客户"),
        ("es", "Configuración", "Clientes"),
        ("en_US", "Settings", "Customers"),
    ],
)
def test_the_window_speaks_the_chosen_language(
    qtbot, lang: str, settings: str, customers: str
) -> None:  # type: ignore[no-untyped-def]
    """Built under each language's translators, the main window's pages and Qt's own
    buttons are in that language."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from app.ui import application
    from app.ui.main_window import MainWindow

    app = QApplication.instance()
    application.install_translators(app, QLocale(lang))
    try:
        window = MainWindow(offer_welcome=False)
        qtbot.addWidget(window)
        assert window.page("settings").title() == settings
        assert window.page("customers").title() == customers
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
        assert cancel == {"zh_CN": "取消", "es": "Cancelar", "en_US": "Cancel"}[lang]
    finally:
        application.install_translators(app, QLocale("en_US"))


def test_plural_translations_are_not_looked_up_from_a_subclass(extraction) -> None:  # type: ignore[no-untyped-def]
    """PySide6 finds ``self.tr("%n …", "", n)`` only in the context of the instance's own
    class (the one-argument form also tries the base classes): a class that uses plural
    forms must not be subclassed, or its plurals stay English in the subclass."""
    plural_contexts = {k.context for k, f in extraction.messages.items() if f.numerus}
    found = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for base in node.bases:
                    name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                    if name in plural_contexts:
                        found.append(f"{path.name}: {node.name}({name})")
    assert not found, "\n".join(found)


def test_the_extractor_and_the_merge(tmp_path: Path) -> None:
    """What tools.i18n understands, on a made-up program: self.tr with its class as
    context, plurals, a wrapper function, translate() with a context, QT_TR_NOOP, an
    error template in a service; a later run keeps translations and reuses one for the
    same text in a new context."""
    ui = tmp_path / "app" / "ui"
    services = tmp_path / "app" / "services"
    ui.mkdir(parents=True)
    services.mkdir(parents=True)
    (ui / "page.py").write_text(
        "from PySide6.QtCore import QCoreApplication, QT_TR_NOOP\n"
        "def _t(text):\n"
        "    return QCoreApplication.translate('labels', text)\n"
        "class Page:\n"
        "    HEADERS = (QT_TR_NOOP('Name'),)\n"
        "    def f(self, n):\n"
        "        self.tr('Save')\n"
        "        self.tr('%n customer(s)', '', n)\n"
        "        _t('Prospect')\n"
        "        QCoreApplication.translate('Other', 'Open', 'a file')\n",
        encoding="utf-8",
    )
    (services / "things.py").write_text(
        "from app.errors import ValidationError\n"
        "def g(ok):\n"
        "    raise ValidationError('{value} is not a date' if ok else 'too long', value=1)\n",
        encoding="utf-8",
    )
    (tmp_path / "app" / "errors.py").write_text(
        "class ClientelaError(Exception): ...\nclass ValidationError(ClientelaError): ...\n",
        encoding="utf-8",
    )
    found = i18n.extract(tmp_path)
    keys = {(k.context, k.source, k.comment): f.numerus for k, f in found.messages.items()}
    for key, numerus in {
        ("Page", "Name", ""): False,
        ("Page", "Save", ""): False,
        ("Page", "%n customer(s)", ""): True,
        ("labels", "Prospect", ""): False,
        ("Other", "Open", "a file"): False,
        ("errors", "{value} is not a date", ""): False,
        ("errors", "too long", ""): False,
    }.items():
        assert keys.get(key) is numerus, key
    assert not found.problems

    merged, _ = i18n.merge(found, {}, "es")
    assert i18n.fill(merged, {"Save": "Guardar", "%n customer(s)": ["%n cliente", "%n clientes"]})
    ts = tmp_path / "x_es.ts"
    i18n.write_ts(ts, "es", merged)
    old = i18n.read_ts(ts)
    assert old[i18n.Key("Page", "Save")].translation == ["Guardar"]
    assert old[i18n.Key("Page", "%n customer(s)")].translation == ["%n cliente", "%n clientes"]
    assert not old[i18n.Key("labels", "Prospect")].finished

    # The code moves "Save" to another class: the translation follows it.
    moved = i18n.Extraction(
        {i18n.Key("Dialog", "Save"): i18n.Found(i18n.Key("Dialog", "Save"))}, []
    )
    again, reused = i18n.merge(moved, old, "es")
    assert again[0].translation == ["Guardar"] and again[0].finished and reused
    # A bare key fills what is missing, never a finished translation; a context key may.
    assert not i18n.fill(again, {"Save": "Salvar"}) and again[0].translation == ["Guardar"]
    assert i18n.fill(again, {"Dialog::Save": "Salvar"}) and again[0].translation == ["Salvar"]
    # English keeps only the plurals, listed by --todo as [singular, plural] to fill in.
    english, _ = i18n.merge(found, {}, "en")
    assert [m.key.source for m in english] == ["%n customer(s)"]
    assert i18n.todo({"en": english}) == {"en": {"Page::%n customer(s)": ["", ""]}}
    assert i18n.problems_of(english[0], "en")  # not translated: --check fails
    assert i18n.fill(english, {"%n customer(s)": ["%n customer", "%n customers"]})
    assert english[0].translation == ["%n customer", "%n customers"] and english[0].finished
    assert not i18n.problems_of(english[0], "en")

    bad = i18n.Message(i18n.Key("Page", "Saved %1"), translation=["Guardado"], finished=True)
    assert i18n.problems_of(bad, "es")  # the %1 went missing

"""Render the README screenshots from a fresh demo database.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [--locale zh_CN|es|en]

Writes docs/<page>-<lang>.png (zh_CN, es, en): the window in that language (Settings ▸
Office and language) on a demo database of the same locale. The images are reduced to
256 colours (Pillow, which matplotlib brings) to keep the repository small. Needs a CJK
font for Chinese (see .ci/run).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--locale", default="zh_CN", choices=("zh_CN", "es", "en", "es_ES", "en_US")
    )
    args = parser.parse_args()
    lang = {"es_ES": "es", "en_US": "en"}.get(args.locale, args.locale)
    demo_locale = {"zh_CN": "zh_CN", "es": "es_ES", "en": "en_US"}[lang]
    tmp = Path(tempfile.mkdtemp())
    os.environ["CLIENTELA_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QLocale
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import func, select

    from app.db import open_database
    from app.models import Activity, Customer, Vehicle
    from app.models.enums import CustomerKind
    from app.services import demo
    from app.ui import languages
    from app.ui.application import create_app
    from app.ui.main_window import MainWindow

    db = open_database(tmp / "demo.db")
    demo.generate(db, customers=2000, seed=1, locale=demo_locale)
    languages.set_ui_language(lang)  # read by create_app: translators and QLocale
    _app = create_app(["clientela"])  # kept alive while the windows exist
    QLocale.setDefault(QLocale(demo_locale))

    def save(widget: QWidget, name: str) -> None:
        path = HERE / f"{name}-{suffix}.png"
        widget.grab().save(str(path))
        try:
            from PIL import Image
        except ImportError:
            return
        with Image.open(path) as img:
            small = img.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)

    def wait(cond: Callable[[], bool], ms: int = 30_000) -> None:
        for _ in range(ms // 20):
            if cond():
                return
            QTest.qWait(20)
        raise TimeoutError("timed out")

    from app.models import User
    from app.models.enums import Role

    with db.session() as s:
        seller = s.scalars(
            select(User.username).where(User.role == Role.SALES).order_by(User.id)
        ).first()
    window = MainWindow(db, user_name=seller, offer_welcome=False)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait(lambda: window.user is not None)
    suffix = lang

    window.switch_to_page("customers")
    model = window.page("customers").model  # type: ignore[attr-defined]
    wait(lambda: model.rowCount() > 0)
    for row in range(30):
        model.index(row, 1).data()
    wait(lambda: model.customer_id(25) is not None)
    QTest.qWait(100)
    save(window, "customers")

    with db.session() as s:
        # Pages show the signed-in salesperson's own customers: pick among those.
        own = select(Customer.id).join(User, User.id == Customer.owner_id)
        own = own.where(User.username == seller)
        regular = s.scalar(
            select(Activity.customer_id)
            .join(Vehicle, Vehicle.customer_id == Activity.customer_id)
            .where(Activity.customer_id.in_(own))
            .group_by(Activity.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        plate = s.scalar(
            select(Vehicle.plate).where(Vehicle.customer_id == regular).order_by(Vehicle.id)
        )
        company = s.scalar(
            select(Customer.id)
            .where(Customer.kind == CustomerKind.COMPANY, Customer.id.in_(own))
            .order_by(Customer.id)
        )
    window.switch_to_page("front_desk")
    desk = window.page("front_desk")
    on_card = lambda: desk.area.currentWidget() is desk.card_page  # type: ignore[attr-defined]  # noqa: E731
    desk.search.setText(plate.replace("·", "")[-5:])  # type: ignore[attr-defined]
    try:
        wait(on_card, 10_000)
    except TimeoutError:  # those digits match several customers: the whole plate
        desk.search.setText(plate)  # type: ignore[attr-defined]
        wait(on_card)
    QTest.qWait(300)
    save(window, "front-desk")

    form = window.open_customer(company)
    assert form is not None
    form.resize(1100, 750)
    wait(lambda: form.file is not None)  # type: ignore[attr-defined]
    QTest.qWait(100)
    save(form, "customer-file")
    form.setWindowModified(False)
    form.close()

    pipeline = window.page("pipeline")
    shown: list[bool] = []
    pipeline.boardShown.connect(lambda: shown.append(True))  # type: ignore[attr-defined]
    window.switch_to_page("pipeline")
    wait(lambda: bool(shown), 60_000)
    QTest.qWait(500)
    save(window, "pipeline")
    today = window.page("today")
    window.switch_to_page("today")
    QTest.qWait(200)
    wait(lambda: not today._loading, 60_000)  # type: ignore[attr-defined]
    QTest.qWait(300)
    save(window, "today")
    window.switch_to_page("settings")
    settings = window.page("settings")
    settings.tabs.setCurrentWidget(settings.office_settings)  # type: ignore[attr-defined]
    QTest.qWait(300)
    save(window, "settings")
    window.close()

    # Reports, targets and products as a manager sees them: the whole office.
    with db.session() as s:
        manager = s.scalars(
            select(User.username).where(User.role == Role.MANAGER).order_by(User.id)
        ).first()
    window = MainWindow(db, user_name=manager, offer_welcome=False)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait(lambda: window.user is not None)
    reports = window.page("reports")
    dashboard: list[bool] = []
    reports.dashboardShown.connect(lambda: dashboard.append(True))  # type: ignore[attr-defined]
    window.switch_to_page("reports")
    reports.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    wait(lambda: bool(dashboard), 60_000)
    QTest.qWait(500)
    save(window, "reports")
    targets = reports.targets_tab  # type: ignore[attr-defined]
    loaded: list[bool] = []
    targets.loaded.connect(lambda: loaded.append(True))
    reports.tabs.setCurrentWidget(targets)  # type: ignore[attr-defined]
    wait(lambda: bool(loaded), 60_000)
    QTest.qWait(300)
    save(window, "targets")
    products = window.page("products").products  # type: ignore[attr-defined]
    listed: list[bool] = []
    products.loaded.connect(lambda: listed.append(True))
    window.switch_to_page("products")
    wait(lambda: bool(listed), 60_000)
    QTest.qWait(300)
    save(window, "products")
    window.close()
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob(f"*-{suffix}.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

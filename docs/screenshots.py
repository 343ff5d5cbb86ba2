"""Render the README screenshots from a fresh demo database.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [--locale zh_CN]

Writes docs/<page>-<locale>.png. Needs a CJK font for Chinese (see .ci/run).
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
    parser.add_argument("--locale", default="zh_CN", choices=("zh_CN", "es_ES", "en_US"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    os.environ["CLIENTELA_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QLocale
    from PySide6.QtTest import QTest
    from sqlalchemy import func, select

    from app.db import open_database
    from app.models import Activity, Customer, Vehicle
    from app.models.enums import CustomerKind
    from app.services import demo
    from app.ui.application import create_app
    from app.ui.main_window import MainWindow

    db = open_database(tmp / "demo.db")
    demo.generate(db, customers=2000, seed=1, locale=args.locale)
    _app = create_app(["clientela"])  # kept alive while the windows exist
    QLocale.setDefault(QLocale(args.locale))

    def wait(cond: Callable[[], bool], ms: int = 10_000) -> None:
        for _ in range(ms // 20):
            if cond():
                return
            QTest.qWait(20)
        raise SystemExit("timed out")

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
    suffix = args.locale

    window.switch_to_page("customers")
    model = window.page("customers").model  # type: ignore[attr-defined]
    wait(lambda: model.rowCount() > 0)
    for row in range(30):
        model.index(row, 1).data()
    wait(lambda: model.customer_id(25) is not None)
    QTest.qWait(100)
    window.grab().save(str(HERE / f"customers-{suffix}.png"))

    with db.session() as s:
        regular = s.scalar(
            select(Activity.customer_id)
            .join(Vehicle, Vehicle.customer_id == Activity.customer_id)
            .group_by(Activity.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        plate = s.scalar(select(Vehicle.plate).where(Vehicle.customer_id == regular).limit(1))
        company = s.scalar(
            select(Customer.id).where(Customer.kind == CustomerKind.COMPANY).order_by(Customer.id)
        )
    window.switch_to_page("front_desk")
    desk = window.page("front_desk")
    desk.search.setText(plate.replace("·", "")[-5:])  # type: ignore[attr-defined]
    wait(lambda: desk.area.currentWidget() is desk.card_page)  # type: ignore[attr-defined]
    QTest.qWait(300)
    window.grab().save(str(HERE / f"front-desk-{suffix}.png"))

    form = window.open_customer(company)
    assert form is not None
    form.resize(1100, 750)
    wait(lambda: form.file is not None)  # type: ignore[attr-defined]
    QTest.qWait(100)
    form.grab().save(str(HERE / f"customer-file-{suffix}.png"))
    form.setWindowModified(False)
    form.close()

    window.switch_to_page("pipeline")
    QTest.qWait(2500)
    window.grab().save(str(HERE / f"pipeline-{suffix}.png"))
    today = window.page("today")
    window.switch_to_page("today")
    QTest.qWait(200)
    wait(lambda: not today._loading, 60_000)  # type: ignore[attr-defined]
    QTest.qWait(300)
    window.grab().save(str(HERE / f"today-{suffix}.png"))
    window.close()
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob(f"*-{suffix}.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start the window on a database and exit at its first paint (run by bench.run).

    python -m bench.first_paint DB [--page customers]

Prints ``painted`` with the seconds since the interpreter started; with ``--page
customers`` it then switches to the customers page and prints ``customers`` with the
milliseconds until its first rows were on screen.
"""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402


class FirstPaint(QObject):
    def __init__(self, then: object) -> None:
        super().__init__()
        self.then = then
        self.seen = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print(f"painted {time.perf_counter() - T0:.3f}", flush=True)
            QTimer.singleShot(0, self.then)  # type: ignore[arg-type]
        return False


def main() -> int:
    from app.ui.application import create_app, start

    path = sys.argv[1]
    page = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--page" else None
    app = create_app([sys.argv[0]])
    window = start(path)

    def customers() -> None:
        """Once the window has settled (database open, Today shown), open the customers
        page as a person does: count, first page, paint."""
        view = window.page("customers")
        model = view.model  # type: ignore[attr-defined]
        if window.database is None or window.page("today")._loading:  # type: ignore[attr-defined]
            QTimer.singleShot(20, customers)
            return
        started = time.perf_counter()

        def check() -> None:
            if not model.loading and model.customer_id(0) is not None:
                view.repaint()
                ms = (time.perf_counter() - started) * 1000
                print(f"customers {ms:.1f}", flush=True)
                app.quit()
            else:
                QTimer.singleShot(1, check)

        model.refresh()
        window.switch_to_page("customers")
        check()

    def front_desk() -> None:
        from sqlalchemy import select

        from app.models import Customer

        desk = window.page("front_desk")
        if window.database is None or window.page("today")._loading:  # type: ignore[attr-defined]
            QTimer.singleShot(5, front_desk)
            return
        window.switch_to_page("front_desk")
        with window.database.session() as s:
            rows = s.execute(
                select(Customer.id, Customer.phone)
                .where(Customer.phone.is_not(None))
                .order_by(Customer.id)
                .limit(2000)
            ).all()
        queries = [(cid, phone[-11:]) for cid, phone in rows[::100]]
        times: list[float] = []
        order: list[float] = []

        def one() -> None:
            if len(times) == len(queries):
                times.sort()
                warm = max(order[1:])
                print(f"desk {times[len(times) // 2]:.1f} {warm:.1f} {order[0]:.1f}", flush=True)
                app.quit()
                return
            desk.search.clear()  # type: ignore[attr-defined]
            started = time.perf_counter()
            expected, digits = queries[len(times)]
            desk.search.setText(digits)  # type: ignore[attr-defined]

            def check() -> None:
                card = desk.card.card  # type: ignore[attr-defined]
                if desk.ready() and card is not None and card.id == expected:  # type: ignore[attr-defined]
                    desk.repaint()
                    times.append((time.perf_counter() - started) * 1000)
                    order.append(times[-1])
                    QTimer.singleShot(0, one)
                else:
                    QTimer.singleShot(1, check)

            QTimer.singleShot(0, check)

        one()

    then = {"customers": customers, "front_desk": front_desk}.get(page or "", app.quit)
    watcher = FirstPaint(then)
    window.installEventFilter(watcher)
    window.windowHandle().installEventFilter(watcher) if window.windowHandle() else None
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())

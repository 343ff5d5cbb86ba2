"""Two PCs awarding points for the same visit at the same moment: two Database objects
(two engines on the same file or server database, as two PCs have) each run the award in
a write transaction of their own, started together; the ledger ends with exactly one earn
entry for the visit, the balance counts it once, and neither PC meets an error."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.models import Activity, Customer, Order, PointsEntry, Setting
from app.models.enums import ActivityKind, MembershipLevel, OrderStatus, PointsKind
from app.services import front_desk, loyalty

WHEN = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)


def _visit(db: Database) -> dict[str, int]:
    """A member's purchase at the desk written without its points (as if the PC that
    saved it went down before awarding them), and the office's points rule."""
    with db.write() as s:
        s.add(Setting(key=loyalty.S_POINTS_PER_UNIT, value=1))
        member = Customer(number="C1", name="王师傅", membership_card="VIP0001")
        s.add(member)
        s.flush()
        act = Activity(
            customer_id=member.id,
            kind=ActivityKind.DESK_VISIT,
            occurred_at=WHEN,
            amount=Decimal("250"),
        )
        s.add(act)
        s.flush()
        order = Order(
            customer_id=member.id,
            activity_id=act.id,
            order_date=WHEN.date(),
            amount=Decimal("250"),
            status=OrderStatus.DELIVERED,
        )
        s.add(order)
        s.flush()
        return {"member": member.id, "activity": act.id, "order": order.id}


def _award_together(pcs: list[Database], ids: dict[str, int]) -> list[object]:
    """Each PC awards the visit's points in its own thread and transaction. Inside the
    transaction each waits (briefly) for the other to be inside its own too, so on a
    server both read "no points yet" before either writes; on one SQLite file the second
    cannot begin until the first commits, and the wait simply times out."""
    both_inside = threading.Barrier(len(pcs), timeout=1.0)
    start = threading.Barrier(len(pcs))
    results: list[object] = [None] * len(pcs)

    def award(s: Session) -> int | None:
        with contextlib.suppress(threading.BrokenBarrierError):
            both_inside.wait()
        return loyalty.after_purchase(
            s, None, ids["member"], ids["activity"], ids["order"], Decimal("250"), WHEN
        )

    def run(i: int, pc: Database) -> None:
        start.wait()
        try:
            results[i] = pc.run_write(award)
        except Exception as exc:  # reported below, as the test's failure
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, pc)) for i, pc in enumerate(pcs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return results


def test_two_pcs_award_the_same_visit_once(db_path: Path) -> None:
    first = open_database(db_path)
    second = open_database(db_path)  # another engine on the same database: another PC
    try:
        ids = _visit(first)
        for _round in range(3):  # a later retry of both PCs awards nothing more either
            results = _award_together([first, second], ids)
            errors = [r for r in results if isinstance(r, BaseException)]
            assert not errors, errors
        with first.session() as s:
            earned = s.execute(
                select(PointsEntry.kind, PointsEntry.points).where(
                    PointsEntry.activity_id == ids["activity"]
                )
            ).all()
            assert [(k, p) for k, p in earned] == [(PointsKind.EARN, 250)]
            assert loyalty.balance(s, ids["member"]) == 250
            everything = s.scalar(select(func.count()).select_from(PointsEntry))
            assert everything == 1
            member = s.get(Customer, ids["member"])
            assert member is not None
            assert member.membership_level is MembershipLevel.ORDINARY
    finally:
        first.dispose()
        second.dispose()


def test_only_the_first_award_reports_points(db_path: Path) -> None:
    first = open_database(db_path)
    second = open_database(db_path)
    try:
        ids = _visit(first)
        results = _award_together([first, second], ids)
        assert sorted(results, key=lambda r: r is None) == [250, None]
    finally:
        first.dispose()
        second.dispose()


def test_two_pcs_selling_to_one_member_at_once_both_count(db_path: Path) -> None:
    """Two desks each log a purchase of the same member at the same moment: waiting for
    the member's row never deadlocks with the visit and order the other desk inserted,
    and each visit earns its own points."""
    first = open_database(db_path)
    second = open_database(db_path)
    try:
        member = _visit(first)["member"]
        start = threading.Barrier(2)
        results: list[object] = [None, None]

        def run(i: int, pc: Database) -> None:
            start.wait()
            try:
                results[i] = [front_desk.log_visit(pc, None, member, "100") for _ in range(3)]
            except Exception as exc:  # reported below, as the test's failure
                results[i] = exc

        threads = [
            threading.Thread(target=run, args=(i, pc)) for i, pc in enumerate((first, second))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not any(isinstance(r, BaseException) for r in results), results
        with first.session() as s:
            assert loyalty.balance(s, member) == 600
    finally:
        first.dispose()
        second.dispose()

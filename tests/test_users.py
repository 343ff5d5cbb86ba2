"""Sign-in (argon2 passwords, slowdown kept in the database, OS login where allowed), the
user administration and handing a leaving user's work to others."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import Database, open_database
from app.errors import PermissionDenied, ValidationError
from app.models import AuditEntry, Customer, Deal, Stage, Task, User, utcnow
from app.models.enums import AuditAction, DealStatus, Role, TaskStatus
from app.services import access, settings, users
from app.services.users import UserData


@pytest.fixture
def admin(db: Database) -> int:
    return users.ensure_admin(db, "boss", "老板", password="correct horse")


def test_first_admin_gets_an_argon2_hash(db: Database, admin: int) -> None:
    with db.session() as s:
        hashed = s.scalar(select(User.password_hash).where(User.id == admin))
        assert hashed is not None and hashed.startswith("$argon2")
        assert users.sign_in_required(s)
    info = users.sign_in(db, "boss", "correct horse")
    assert (info.id, info.role) == (admin, Role.ADMIN)
    with pytest.raises(ValidationError, match="at least 8"):
        users.hash_password("short")


def test_wrong_passwords_slow_down_and_survive_a_restart(
    db_path: Path, db: Database, admin: int
) -> None:
    now = utcnow()
    for _ in range(users.FREE_ATTEMPTS - 1):
        with pytest.raises(PermissionDenied, match="wrong user name or password"):
            users.sign_in(db, "boss", "nope", now=now)
    # the third failure makes the next try wait 1 s, the fourth 2 s …
    with pytest.raises(PermissionDenied, match="wrong"):
        users.sign_in(db, "boss", "nope", now=now)
    with pytest.raises(PermissionDenied, match="try again in 1 s"):
        users.sign_in(db, "boss", "correct horse", now=now)
    db.dispose()
    again = open_database(db_path)
    try:
        with pytest.raises(PermissionDenied, match="try again in 1 s"):
            users.sign_in(again, "boss", "correct horse", now=now)
        later = now + dt.timedelta(seconds=2)
        with pytest.raises(PermissionDenied, match="wrong"):
            users.sign_in(again, "boss", "nope", now=later)
        with pytest.raises(PermissionDenied, match="try again in 2 s"):
            users.sign_in(again, "boss", "correct horse", now=later)
        info = users.sign_in(again, "boss", "correct horse", now=later + dt.timedelta(seconds=3))
        assert info.id == admin
        with again.session() as s:
            user = s.get(User, admin)
            assert user is not None and (user.failed_logins, user.locked_until) == (0, None)
            assert user.version == 1  # counting failures never conflicts with an edit
            failed = s.scalar(
                select(func.count()).where(
                    AuditEntry.action == AuditAction.SIGN_IN, AuditEntry.entity_id == admin
                )
            )
            assert failed == 4
    finally:
        again.dispose()


def test_delay_grows_and_is_capped() -> None:
    assert [users.delay_after(n) for n in range(1, 7)] == [0, 0, 1, 2, 4, 8]
    assert users.delay_after(100) == users.MAX_DELAY_S


def test_unknown_name_and_user_without_password(db: Database, admin: int) -> None:
    users.add_user(db, admin, UserData("mei", "梅"))
    with pytest.raises(PermissionDenied, match="wrong user name or password"):
        users.sign_in(db, "nobody", "whatever1")
    with pytest.raises(PermissionDenied, match="wrong user name or password"):
        users.sign_in(db, "mei", "")


def test_start_asks_for_sign_in_unless_os_login_is_allowed(
    db: Database, admin: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    mei = users.add_user(db, admin, UserData("mei", "梅", os_login_allowed=True), "password1")
    monkeypatch.setattr(users, "os_login_name", lambda: "mei")
    start = users.start(db, None)
    assert start.needs_sign_in and start.user is None and start.suggested_name == "mei"
    with db.write() as s:
        settings.store(s, admin, {access.OS_LOGIN: True})
    start = users.start(db, None)
    assert not start.needs_sign_in and start.user is not None and start.user.id == mei
    assert users.start(db, "boss").needs_sign_in  # another name than the OS login
    monkeypatch.setattr(users, "os_login_name", lambda: "boss")  # boss allows OS login too
    assert users.start(db, None).user is not None


def test_a_database_without_passwords_needs_no_sign_in(db: Database) -> None:
    admin = users.ensure_admin(db, "boss")
    start = users.start(db, None)
    assert not start.needs_sign_in and start.user is not None and start.user.id == admin


def test_administration_is_for_admins(db: Database, admin: int) -> None:
    manager = users.add_user(db, admin, UserData("wang", "王经理", Role.MANAGER), "password1")
    with pytest.raises(PermissionDenied, match="administrator"):
        users.add_user(db, manager, UserData("li", "李"))
    with pytest.raises(ValidationError, match="taken"):
        users.add_user(db, admin, UserData("wang"))
    with pytest.raises(PermissionDenied):
        users.set_password(db, manager, admin, "password2")
    users.set_password(db, manager, manager, "password2")  # their own
    assert users.sign_in(db, "wang", "password2").id == manager
    with db.session() as s:
        row = next(r for r in users.list_users(s) if r.id == manager)
    version = users.update_user(
        db,
        admin,
        manager,
        row.version,
        UserData("wang", "王", Role.SALES, may_see_financials=False),
    )
    assert version == row.version + 1
    with db.session() as s:
        entries = s.scalars(
            select(AuditEntry.field).where(
                AuditEntry.entity == "user",
                AuditEntry.entity_id == manager,
                AuditEntry.action == AuditAction.UPDATE,
            )
        ).all()
        assert {"display_name", "role", "may_see_financials", "password"} <= set(entries)


def test_the_last_admin_stays(db: Database, admin: int) -> None:
    with db.session() as s:
        row = users.list_users(s)[0]
    with pytest.raises(ValidationError, match="at least one active administrator"):
        users.update_user(db, None, admin, row.version, UserData("boss", role=Role.MANAGER))
    with pytest.raises(ValidationError, match="at least one"):
        users.deactivate(db, None, admin)
    with pytest.raises(ValidationError, match="yourself"):
        users.deactivate(db, admin, admin)


def _work(db: Database, owner: int, n_customers: int) -> None:
    from app.services import pipeline
    from app.services.customers import CustomerData, create

    pipeline_id = pipeline.ensure_default(db)
    with db.session() as s:
        stage = s.scalar(select(func.min(Stage.id)).where(Stage.pipeline_id == pipeline_id))
    for i in range(n_customers):
        cid = create(db, None, CustomerData(name=f"客户{i}", owner_id=owner)).customer_id
        with db.write() as s:
            s.add(
                Deal(
                    customer_id=cid,
                    pipeline_id=pipeline_id,
                    stage_id=stage,
                    title=f"deal {i}",
                    stage_entered_at=utcnow(),
                    owner_id=owner,
                    status=DealStatus.WON if i == 0 else DealStatus.OPEN,
                )
            )
            s.add(Task(title=f"call {i}", owner_id=owner, customer_id=cid, due_at=utcnow()))
    with db.write() as s:
        s.add(Task(title="no customer", owner_id=owner, due_at=utcnow()))
        s.add(Task(title="done", owner_id=owner, due_at=utcnow(), status=TaskStatus.DONE))


def test_reassign_moves_what_the_preview_counts(db: Database, admin: int) -> None:
    leaving = users.add_user(db, admin, UserData("zhao", "赵"))
    one = users.add_user(db, admin, UserData("qian", "钱"))
    two = users.add_user(db, admin, UserData("sun", "孙"))
    manager = users.add_user(db, admin, UserData("wang", "王", Role.MANAGER))
    _work(db, leaving, 5)
    with db.session() as s:
        preview = users.reassign_preview(s, leaving)
    assert (preview.customers, preview.open_deals, preview.open_tasks) == (5, 4, 6)
    with pytest.raises(PermissionDenied, match="manager"):
        users.reassign(db, one, leaving, two)
    done = users.reassign(db, manager, leaving, [one, two])
    assert len(done.customer_ids) == preview.customers
    assert len(done.deal_ids) == preview.open_deals
    assert len(done.task_ids) == preview.open_tasks
    assert done.per_user == {one: 3, two: 2} and done.deactivated
    with db.session() as s:
        assert users.reassign_preview(s, leaving) == users.ReassignPreview(leaving, 0, 0, 0)
        assert s.scalar(select(User.active).where(User.id == leaving)) is False
        # a deal goes with its customer
        for deal in s.scalars(select(Deal).where(Deal.status == DealStatus.OPEN)):
            owner = s.scalar(select(Customer.owner_id).where(Customer.id == deal.customer_id))
            assert deal.owner_id == owner
        assert s.scalar(select(Deal.owner_id).where(Deal.status == DealStatus.WON)) == leaving
        assert s.scalar(select(Task.owner_id).where(Task.status == TaskStatus.DONE)) == leaving
        moved = s.execute(
            select(AuditEntry.entity, func.count())
            .where(AuditEntry.action == AuditAction.REASSIGN, AuditEntry.field == "owner_id")
            .group_by(AuditEntry.entity)
        ).all()
        assert dict(moved) == {"customer": 5, "deal": 4, "task": 6}
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.REASSIGN))
        moves = [e for e in rows if e.field == "owner_id"]
        assert all(e.user_id == manager and e.old_value == str(leaving) for e in moves)
        summary = s.scalars(
            select(AuditEntry.note).where(
                AuditEntry.action == AuditAction.REASSIGN, AuditEntry.entity == "user"
            )
        ).one()
        assert "5 customers, 4 open deals, 6 open tasks" in summary


def test_reassign_refuses_bad_receivers(db: Database, admin: int) -> None:
    leaving = users.add_user(db, admin, UserData("zhao", "赵"))
    viewer = users.add_user(db, admin, UserData("kan", "看", Role.VIEWER))
    gone = users.add_user(db, admin, UserData("gone", "走", active=False))
    with pytest.raises(ValidationError, match="viewer"):
        users.reassign(db, admin, leaving, viewer)
    with pytest.raises(ValidationError, match="active"):
        users.reassign(db, admin, leaving, gone)
    with pytest.raises(ValidationError, match="themselves"):
        users.reassign(db, admin, leaving, leaving)
    done = users.reassign(db, admin, leaving, admin, deactivate=False)
    assert not done.deactivated and done.customer_ids == []


def test_office_rules_who_decides(db: Database, admin: int) -> None:
    manager = users.add_user(db, admin, UserData("wang", "王", Role.MANAGER))
    sales = users.add_user(db, admin, UserData("li", "李"))
    with pytest.raises(PermissionDenied, match="manager"):
        users.set_office_rules(db, sales, everyone_sees_all=True)
    assert users.set_office_rules(db, manager, everyone_sees_all=True) == [access.EVERYONE_SEES_ALL]
    with pytest.raises(PermissionDenied, match="administrator"):
        users.set_office_rules(db, manager, os_login=True)
    assert users.set_office_rules(db, admin, os_login=True) == [access.OS_LOGIN]
    assert users.set_office_rules(db, admin, os_login=True) == []  # unchanged: no audit row
    with db.session() as s:
        assert access.setting(s, access.OS_LOGIN) is True

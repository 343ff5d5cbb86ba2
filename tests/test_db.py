"""Database modes, schema revisions and the refusals a person meets when opening a file."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.engine import URL
from sqlalchemy.orm.exc import StaleDataError

from app.db import DbMode, _mount_fstype, is_network_path, known_revisions, open_database
from app.errors import ConflictError, DatabaseBusyError, DatabaseOpenError, ReadOnlyError
from app.models import Base, Customer, User
from app.services.concurrency import expect_version


def pragma(db, name: str):  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


@pytest.mark.sqlite_only
def test_local_file_uses_wal_foreign_keys_and_busy_timeout(db) -> None:  # type: ignore[no-untyped-def]
    assert db.mode is DbMode.LOCAL
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "foreign_keys") == 1
    assert pragma(db, "busy_timeout") == 5000


@pytest.mark.sqlite_only
def test_shared_drive_uses_rollback_journal_and_long_timeout(db_path: Path) -> None:
    db = open_database(db_path, shared_drive=True)
    try:
        assert db.mode is DbMode.SHARED
        assert pragma(db, "journal_mode") == "delete"
        assert pragma(db, "busy_timeout") >= 10_000
        assert db.journal_mode() == "delete"
    finally:
        db.dispose()


@pytest.mark.sqlite_only
def test_switching_a_wal_file_to_shared_mode_leaves_no_wal(db_path: Path) -> None:
    open_database(db_path).dispose()
    db = open_database(db_path, shared_drive=True)
    try:
        with db.write() as s:
            s.add(User(username="u", display_name="U"))
        assert pragma(db, "journal_mode") == "delete"
    finally:
        db.dispose()
    assert not db_path.with_name(db_path.name + "-wal").exists()


@pytest.mark.sqlite_only
def test_writes_begin_immediate_so_a_second_writer_waits(db_path: Path) -> None:
    db = open_database(db_path, shared_drive=True)
    try:
        with db.write() as s:
            s.add(User(username="u", display_name="U"))
            s.flush()
            other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
    finally:
        db.dispose()


@pytest.mark.sqlite_only
def test_reads_do_not_take_the_write_lock(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        s.execute(select(User)).all()
        other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.sqlite_only
def test_run_write_waits_for_another_pc_and_reports_it(db_path: Path) -> None:
    db = open_database(db_path, shared_drive=True, busy_timeout_ms=50)
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.6, lambda: holder.execute("ROLLBACK"))
    released.start()
    waits: list[int] = []
    try:
        uid = db.run_write(lambda s: _add_user(s, "late"), attempts=10, on_wait=waits.append)
        assert uid > 0
        assert waits, "the caller was never told it was waiting"
    finally:
        released.join()
        holder.close()
        db.dispose()


@pytest.mark.sqlite_only
def test_run_write_gives_up_with_a_clear_error(db_path: Path) -> None:
    db = open_database(db_path, shared_drive=True, busy_timeout_ms=20)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError, match="another PC"):
            db.run_write(lambda s: _add_user(s, "x"), attempts=2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.dispose()


def _add_user(session, name: str) -> int:  # type: ignore[no-untyped-def]
    user = User(username=name, display_name=name)
    session.add(user)
    session.flush()
    return user.id


def test_network_paths_are_detected() -> None:
    assert is_network_path(Path("\\\\server\\share\\clientela.db"))
    assert is_network_path(Path("//server/share/clientela.db"))
    mounts = (
        "/dev/vda / ext4 rw 0 0\n"
        "//nas/office /mnt/office cifs rw 0 0\n"
        "nas:/export /srv/nfs nfs4 rw 0 0\n"
        "me@host:/x /home/me/remote\\040dir fuse.sshfs rw 0 0\n"
    )
    assert _mount_fstype(Path("/mnt/office/crm/c.db"), mounts) == "cifs"
    assert _mount_fstype(Path("/srv/nfs/c.db"), mounts) == "nfs4"
    assert _mount_fstype(Path("/home/me/remote dir/c.db"), mounts) == "fuse.sshfs"
    assert _mount_fstype(Path("/mnt/officex/c.db"), mounts) == "ext4"


def test_new_database_is_created_at_the_newest_revision(db) -> None:  # type: ignore[no-untyped-def]
    _, head = known_revisions()
    assert db.revision == head
    assert not db.read_only


def include_name(name, type_, parent_names) -> bool:  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name and name.startswith("search_fts"))


def test_migrations_match_the_models(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    # The server's trigram index for search is made by migration 0002 only on PostgreSQL.
    server_only = {"ix_search_docs_keys_trgm"}
    assert [d for d in diff if not (d[0] == "remove_index" and d[1].name in server_only)] == []


def _stamp_newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.commit()
    conn.close()


@pytest.mark.sqlite_only
def test_newer_schema_opens_read_only_and_is_never_written(db_path: Path) -> None:
    db = open_database(db_path)
    with db.write() as s:
        s.add(User(username="a", display_name="A"))
    db.dispose()
    _stamp_newer(db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()

    db = open_database(db_path)
    try:
        assert db.read_only
        assert "newer version" in (db.read_only_reason or "")
        with db.session() as s:
            assert s.scalars(select(User.username)).all() == ["a"]
        with pytest.raises(ReadOnlyError, match="newer version"), db.write() as s:
            s.add(User(username="b", display_name="B"))
    finally:
        db.dispose()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_version_counter_catches_a_write_over_a_newer_row(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        s.add(Customer(number="C1", name="张三"))
    with db.write() as s:
        stale = s.scalars(select(Customer)).one()
        s.execute(Customer.__table__.update().values(name="张三丰", version=Customer.version + 1))
        stale.name = "李四"
        with pytest.raises(StaleDataError):
            s.flush()
        s.rollback()
    with db.session() as s:
        assert s.scalars(select(Customer.name)).one() != "李四"


def test_two_pcs_saving_the_same_customer(db_path: Path) -> None:
    pc1, pc2 = open_database(db_path, shared_drive=True), open_database(db_path, shared_drive=True)
    try:
        with pc1.write() as s:
            s.add(Customer(number="C1", name="张三"))
        with pc1.session() as s:
            seen_by_1 = s.scalars(select(Customer)).one()
        with pc2.session() as s:
            seen_by_2 = s.scalars(select(Customer)).one()
        save_customer_name(pc1, seen_by_1.id, seen_by_1.version, "张三丰")
        with pytest.raises(ConflictError, match="someone else"):
            save_customer_name(pc2, seen_by_2.id, seen_by_2.version, "李四")
        with pc2.session() as s:
            assert s.scalars(select(Customer.name)).one() == "张三丰"
    finally:
        pc1.dispose()
        pc2.dispose()


def save_customer_name(db, customer_id: int, seen_version: int, name: str) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        customer = s.get(Customer, customer_id)
        expect_version(customer, seen_version)
        customer.name = name


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing" / "x.db", "does not exist"),
        (lambda d: _write(d / "notes.txt", b"hello, this is not a database"), "not a Clientela"),
        (lambda d: d, "is a folder"),
    ],
    ids=["missing-folder", "not-a-database", "a-folder"],
)
def test_unusable_targets_give_one_clear_reason(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseOpenError, match=message):
        open_database(make(tmp_path))


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="not a Clientela database"):
        open_database(path)
    assert path.read_bytes() == before


def test_missing_file_is_not_created_when_not_asked(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="no database at"):
        open_database(tmp_path / "x.db", create=False)
    assert not (tmp_path / "x.db").exists()


def test_bad_urls_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="cannot use the database address"):
        open_database("nosuchdriver://x/y")
    with pytest.raises(DatabaseOpenError, match="database address"):
        open_database("postgresql+psycopg://user@host:notaport/db")


def test_an_unreachable_server_is_one_clear_line() -> None:
    with pytest.raises(DatabaseOpenError, match="cannot open the database") as info:
        open_database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    assert "\n" not in info.value.message


def test_default_database_lives_in_the_data_folder(_data_dir: Path) -> None:
    db = open_database(None)
    try:
        assert db.path == _data_dir / "clientela.db"
        assert db.path.exists()
    finally:
        db.dispose()


def test_money_is_exact_and_times_are_utc(db) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    from decimal import Decimal

    from app.models import Order

    with db.write() as s:
        c = Customer(number="C1", name="Ana")
        s.add(c)
        s.flush()
        for amount in ("0.10", "0.20", "1234567.89"):
            s.add(Order(customer_id=c.id, order_date=dt.date(2026, 1, 1), amount=Decimal(amount)))
    from sqlalchemy import func

    from app.models import Order as O

    with db.session() as s:
        assert s.scalar(select(func.sum(O.amount))) == Decimal("1234568.19")
        created = s.scalars(select(Customer.created_at)).one()
        assert created.tzinfo is not None
    with pytest.raises(Exception, match="more than two decimals"), db.write() as s:
        s.add(Order(customer_id=1, order_date=dt.date(2026, 1, 1), amount=Decimal("0.001")))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.sqlite_only
def test_an_old_database_is_upgraded_with_its_data(db_path: Path) -> None:
    from alembic import command

    from app.db import _alembic_config, _sqlite_engine

    engine = _sqlite_engine(URL.create("sqlite", database=str(db_path)), DbMode.LOCAL, False)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO customers (number, kind, name, source, customer_type, is_key_account, "
            "lifecycle, regularity, regularity_set_by_hand, membership_level, consent_phone, "
            "consent_sms, consent_email, consent_post, shared, version, created_at, updated_at) "
            "VALUES ('C1', 'person', '张三', 'other', 'consumer', 0, 'prospect', 'unknown', 0, "
            "'none', 1, 1, 1, 1, 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    engine.dispose()
    db = open_database(db_path)
    try:
        assert db.revision == known_revisions()[1]
        with db.session() as s:
            assert s.scalars(select(Customer.name)).all() == ["张三"]
        from app.services import search_index
        from app.services.search import search

        assert search_index.ensure_current(db)
        assert not search_index.ensure_current(db)
        with db.session() as s:
            assert [h.name for h in search(s, "zs").hits] == ["张三"]
    finally:
        db.dispose()

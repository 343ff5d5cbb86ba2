"""The same program on a PostgreSQL server (set CLIENTELA_TEST_PG_URL to a server URL whose
user may create databases; .ci/run starts one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db import DbMode, open_database
from app.models import Customer
from app.services import customers, demo, front_desk
from app.services.customers import CustomerData
from app.services.search import search
from app.services.stats import stats

PG_URL = os.environ.get("CLIENTELA_TEST_PG_URL")
pytestmark = [
    pytest.mark.pg,
    pytest.mark.skipif(not PG_URL, reason="CLIENTELA_TEST_PG_URL is not set"),
]


@pytest.fixture
def pg_url() -> Iterator[str]:
    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"clientela_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_schema_demo_search_and_desk_on_postgresql(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        assert db.mode is DbMode.SERVER
        demo.generate(db, customers=120, seed=3, locale="es_ES")
        counts = stats(db)
        assert counts["customers"] == 120 and counts["activities"] > 0
        cid = customers.create(
            db, None, CustomerData(name="José Núñez", phone="612 000 111"), region="ES"
        ).customer_id
        with db.session() as s:
            assert [h.id for h in search(s, "jose nunez").hits][:1] == [cid]
            assert cid in [h.id for h in search(s, "000111").hits]
            assert s.get(Customer, cid).phone == "+34612000111"
        logged = front_desk.log_visit(db, None, cid, amount="12.30")
        assert logged.order_id is not None
    finally:
        db.dispose()


def test_newer_schema_on_the_server_is_read_only(pg_url: str) -> None:
    open_database(pg_url).dispose()
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    engine.dispose()
    db = open_database(pg_url)
    try:
        assert db.read_only
    finally:
        db.dispose()


def test_change_probe_on_postgresql(pg_url: str) -> None:
    from app.models import Customer
    from app.services.changes import ChangeProbe

    a = open_database(pg_url)
    b = open_database(pg_url)
    probe = ChangeProbe(a)
    try:
        probe.poll()
        with a.session() as s:
            s.get(Customer, 1)
        assert probe.poll() is False
        with b.write() as s:
            s.add(Customer(number="C1", name="Wang"))
        assert probe.poll() is True
    finally:
        probe.close()
        a.dispose()
        b.dispose()


@pytest.mark.sqlite_only  # moves a file
def test_move_an_office_from_its_file_to_the_server(demo_db, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from app.models import Customer
    from app.services import customers, search
    from app.services.customers import CustomerData
    from app.services.server_move import MoveError, move_to_server

    seen: list[str | None] = []
    result = move_to_server(demo_db, pg_url, progress=lambda _d, _t, name: seen.append(name))
    assert result.counts["customers"] == 300 and result.rows > 5000
    assert "orders" in seen
    server = open_database(pg_url)
    try:
        with server.session() as s, demo_db.session() as f:
            assert s.scalar(select(func.count()).select_from(Customer)) == 300
            name = f.scalar(select(Customer.name).order_by(Customer.id).limit(1))
            assert search.search(s, name).hits  # the index came along
        cid = customers.create(server, None, CustomerData(name="after the move")).customer_id
        assert cid > 300  # the id sequences continue after the copied rows
    finally:
        server.dispose()
    with pytest.raises(MoveError, match="already holds"):
        move_to_server(demo_db, pg_url)


@pytest.mark.sqlite_only  # moves a file
def test_move_command(demo_db_path, pg_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    from app import cli

    assert cli.main(["move-to-server", "--db", str(demo_db_path), "--to", pg_url]) == 0
    assert "every table counted" in capsys.readouterr().out
    assert cli.main(["move-to-server", "--db", str(demo_db_path), "--to", pg_url]) == 1
    assert "already holds an office" in capsys.readouterr().err
    assert cli.main(["move-to-server", "--db", str(demo_db_path), "--to", "mysql://x"]) == 1

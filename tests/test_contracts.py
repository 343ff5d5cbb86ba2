"""Contracts: records with what was ordered, delivered and invoiced against them, orders
pointing to them, those expiring within 30 days for their owner; bad input refused."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from app import cli
from app.db import Database
from app.errors import ValidationError
from app.models import Customer, User
from app.models.enums import ContractStatus, OrderStatus, Role
from app.services import contracts, orders
from app.services.contracts import ContractData
from app.services.orders import OrderInput

D = Decimal
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        ana = User(username="ana", display_name="Ana", role=Role.SALES)
        bo = User(username="bo", display_name="Bo", role=Role.SALES)
        s.add_all([ana, bo])
        s.flush()
        acme = Customer(number="A1", name="长城车队", owner_id=ana.id)
        beta = Customer(number="B1", name="Beta", owner_id=bo.id)
        s.add_all([acme, beta])
        s.flush()
        return {"ana": ana.id, "bo": bo.id, "acme": acme.id, "beta": beta.id}


def test_delivered_and_invoiced_against_a_contract(db: Database, office: dict[str, int]) -> None:
    # Contract of 10,000.00; orders under it: 3,000 invoiced, 2,000 delivered, 1,000
    # confirmed, 500 cancelled (does not count). Ordered 6,000, delivered 5,000 (the
    # invoiced order was delivered too), invoiced 3,000, remaining 5,000.
    cid = contracts.save(
        db,
        None,
        ContractData(
            office["acme"],
            "HT-2026-001",
            title="年度柴油供应",
            signed_on=dt.date(2026, 1, 5),
            starts_on=dt.date(2026, 1, 10),
            ends_on=dt.date(2026, 12, 10),
            amount="10000",
            status=ContractStatus.IN_FORCE,
        ),
    )
    for amount, status in (
        ("3000", OrderStatus.INVOICED),
        ("2000", OrderStatus.DELIVERED),
        ("1000", OrderStatus.CONFIRMED),
        ("500", OrderStatus.CANCELLED),
    ):
        orders.create(
            db,
            None,
            OrderInput(office["acme"], TODAY, amount=amount, status=status, contract_id=cid),
            accept_credit_warning=True,
            today=TODAY,
        )
    with db.session() as s:
        (row,) = contracts.for_customer(s, office["acme"])
    assert (row.ordered, row.delivered, row.invoiced, row.remaining) == (
        D("6000.00"),
        D("5000.00"),
        D("3000.00"),
        D("5000.00"),
    )
    # An order of another customer cannot point to it.
    with pytest.raises(ValidationError) as e:
        orders.create(
            db, None, OrderInput(office["beta"], TODAY, amount="1", contract_id=cid), today=TODAY
        )
    assert e.value.field == "contract_id"


def test_expiring_within_30_days_for_their_owner(db: Database, office: dict[str, int]) -> None:
    def contract(number: str, customer: str, ends: dt.date, status: ContractStatus) -> None:
        contracts.save(
            db, None, ContractData(office[customer], number, ends_on=ends, status=status)
        )

    contract("C1", "acme", TODAY + dt.timedelta(days=10), ContractStatus.IN_FORCE)
    contract("C2", "acme", TODAY + dt.timedelta(days=30), ContractStatus.SIGNED)
    contract("C3", "acme", TODAY + dt.timedelta(days=31), ContractStatus.IN_FORCE)  # later
    contract("C4", "acme", TODAY - dt.timedelta(days=1), ContractStatus.IN_FORCE)  # ended
    contract("C5", "acme", TODAY + dt.timedelta(days=5), ContractStatus.COMPLETED)
    contract("C6", "beta", TODAY + dt.timedelta(days=3), ContractStatus.IN_FORCE)  # Bo's
    with db.session() as s:
        assert [r.number for r in contracts.expiring(s, office["ana"], TODAY)] == ["C1", "C2"]
        assert [r.number for r in contracts.expiring(s, office["bo"], TODAY)] == ["C6"]
        assert [r.number for r in contracts.expiring(s, None, TODAY)] == ["C6", "C1", "C2"]


def test_bad_contracts(db: Database, office: dict[str, int]) -> None:
    contracts.save(db, None, ContractData(office["acme"], "X1"))
    for data, field in (
        (ContractData(office["acme"], " "), "number"),
        (ContractData(office["acme"], "X1"), "number"),
        (ContractData(office["acme"], "X2", amount="-5"), "amount"),
        (
            ContractData(
                office["acme"], "X2", starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1)
            ),
            "ends_on",
        ),
        (ContractData(office["acme"], "X2", status="signed-ish"), "status"),
    ):
        with pytest.raises(ValidationError) as e:
            contracts.save(db, None, data)
        assert e.value.field == field


def test_contracts_cli(db: Database, office: dict[str, int], capsys) -> None:  # type: ignore[no-untyped-def]
    end = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    base = ["--db", db.target]
    assert (
        cli.main(
            [
                "contract",
                *base,
                "--customer",
                "A1",
                "--number",
                "HT-9",
                "--amount",
                "800",
                "--end",
                end,
                "--status",
                "in_force",
            ]
        )
        == 0
    )
    assert cli.main(["order", *base, "--customer", "A1", "--amount", "300", "--contract", "HT-9",
                     "--status", "delivered"]) == 0  # fmt: skip
    capsys.readouterr()
    assert cli.main(["contracts", *base, "--customer", "A1", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["number"], row["delivered"], row["remaining"]) == ("HT-9", "300.00", "500.00")
    assert cli.main(["contracts", *base, "--expiring", "--owner", "ana", "--json"]) == 0
    assert [r["number"] for r in json.loads(capsys.readouterr().out)] == ["HT-9"]


def test_on_the_owners_today(db: Database, office: dict[str, int]) -> None:
    from app.services import tasks

    contracts.save(
        db,
        None,
        ContractData(
            office["acme"],
            "HT-7",
            title="维修保养框架协议",
            ends_on=TODAY + dt.timedelta(days=12),
            amount="5000",
            status=ContractStatus.IN_FORCE,
        ),
    )
    now = dt.datetime(2026, 11, 24, 10, tzinfo=dt.UTC)
    with db.session() as s:
        mine = tasks.today(s, office["ana"], now).sections["contracts"]
        theirs = tasks.today(s, office["bo"], now).sections["contracts"]
    assert mine.count == 1 and theirs.count == 0
    (item,) = mine.items
    assert (item.title, item.days, item.customer_name) == ("HT-7 维修保养框架协议", 12, "长城车队")

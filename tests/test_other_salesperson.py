"""A salesperson works on the customers they own, those marked shared and those whose
account team they are on: every service that writes about a customer refuses another
salesperson's customer with PermissionDenied, and nothing is stored. The same calls as a
manager go through, so each refusal is the customer's and not a broken call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import func, not_, select
from test_viewer import SETUP as VIEWER_SETUP
from test_viewer import WRITES as VIEWER_WRITES
from test_viewer import fingerprint, version

from app.db import Database
from app.errors import PermissionDenied
from app.models import (
    CampaignMember,
    Contract,
    Customer,
    Deal,
    Order,
    PointsEntry,
    Stage,
    Task,
    User,
)
from app.models.enums import (
    DealStatus,
    Role,
    TaskStatus,
    TeamRole,
)
from app.services import (
    access,
    campaigns,
    cases,
    contracts,
    customers,
    key_accounts,
    tasks,
    teams,
)

NOW = dt.datetime.now(dt.UTC)
TODAY = dt.date.today()


@dataclass
class Office:
    db: Database
    seller: int
    """A salesperson; every id below is about a customer that is not theirs."""
    manager: int
    mine: int
    """A customer of the seller's own."""
    customer: int
    other: int
    order: int
    contract: int
    deal: int
    stage: int
    task: int
    own_task: int
    case: int
    member: int
    campaign: int
    campaign_customer: int
    moved: Any = None

    @property
    def user(self) -> int:
        """Whom test_viewer's calls give a task or a case: the seller."""
        return self.seller


@pytest.fixture
def office(demo_db: Database) -> Office:
    db = demo_db
    with db.session() as s:
        seller = s.scalar(select(User.id).where(User.role == Role.SALES).order_by(User.id))
        manager = s.scalar(select(User.id).where(User.role == Role.MANAGER).order_by(User.id))
        assert seller is not None and manager is not None
        hidden = not_(access.visible_customers(s, seller))
        theirs = select(Customer.id).where(hidden, Customer.deleted_at.is_(None))

        def first(q: Any) -> int:
            found = s.scalar(q.limit(1))
            assert found is not None, str(q)
            return int(found)

        mine = first(select(Customer.id).where(Customer.owner_id == seller).order_by(Customer.id))
        customer = first(
            theirs.where(Customer.id.in_(select(Order.customer_id))).order_by(Customer.id)
        )
        other = first(theirs.where(Customer.id != customer).order_by(Customer.id))
        order = first(select(Order.id).where(Order.customer_id == customer).order_by(Order.id))
        contract = first(
            select(Contract.id).where(Contract.customer_id.in_(theirs)).order_by(Contract.id)
        )
        deal = first(
            select(Deal.id)
            .where(Deal.status == DealStatus.OPEN, Deal.customer_id.in_(theirs))
            .where(Deal.owner_id != seller)
            .order_by(Deal.id)
        )
        deal_row = s.get(Deal, deal)
        assert deal_row is not None
        stage = first(
            select(Stage.id)
            .where(Stage.pipeline_id == deal_row.pipeline_id, Stage.id != deal_row.stage_id)
            .where(Stage.is_won.is_(False), Stage.is_lost.is_(False))
            .order_by(Stage.sort_order)
        )
        task = first(
            select(Task.id)
            .where(Task.status == TaskStatus.OPEN, Task.customer_id.in_(theirs))
            .where(Task.owner_id != seller, Task.created_by_id.is_distinct_from(seller))
            .order_by(Task.id)
        )
        member = first(
            select(PointsEntry.customer_id)
            .where(PointsEntry.customer_id.in_(theirs))
            .group_by(PointsEntry.customer_id)
            .having(func.sum(PointsEntry.points) > 10)
            .order_by(PointsEntry.customer_id)
        )
        campaign, campaign_customer = s.execute(
            select(CampaignMember.campaign_id, CampaignMember.customer_id)
            .where(CampaignMember.customer_id.in_(theirs))
            .order_by(CampaignMember.id)
            .limit(1)
        ).one()
    own = tasks.create(db, seller, tasks.TaskData("自己的", NOW, customer_id=mine))
    case = cases.open_case(db, None, cases.CaseData(customer, "交货延迟")).case_id
    return Office(
        db,
        seller,
        manager,
        mine,
        customer,
        other,
        order,
        contract,
        deal,
        stage,
        task,
        own.task_id,
        case,
        member,
        campaign,
        campaign_customer,
    )


def _contract(o: Office, user_id: int, customer_id: int | None = None) -> Any:
    """Edit the contract; ``customer_id``: move it to that customer."""
    with o.db.session() as s:
        form = contracts.for_edit(s, o.contract)
    data = replace(form.data, notes="改")
    if customer_id is not None:
        data = replace(data, customer_id=customer_id, deal_id=None)
    return contracts.save(o.db, user_id, data, o.contract, form.version)


SETUP: dict[str, Callable[[Office], None]] = {
    "deal move undo": VIEWER_SETUP["deal move undo"],  # type: ignore[dict-item]
    "customer restore": VIEWER_SETUP["customer restore"],  # type: ignore[dict-item]
}


SAME = (
    "activity",
    "case open",
    "case reassign",
    "case resolve",
    "case start",
    "contract",
    "credit terms",
    "customer delete",
    "customer restore",
    "customer update",
    "deal create",
    "deal move",
    "deal move undo",
    "deal update",
    "desk visit",
    "order",
    "payment",
    "points adjust",
    "points redeem",
    "return",
    "task complete",
    "task create",
    "task reassign",
    "task snooze",
    "task update",
)
"""test_viewer's calls, made here on another salesperson's customer."""

WRITES: dict[str, Callable[[Office, int], Any]] = {
    **{name: VIEWER_WRITES[name] for name in SAME},  # type: ignore[misc]
    "contract update": lambda o, u: _contract(o, u),
    "contract taken to one's own customer": lambda o, u: _contract(o, u, o.mine),
    "task create on a deal": lambda o, u: tasks.create(
        o.db, u, tasks.TaskData("跟进", NOW, deal_id=o.deal)
    ),
    "own task moved onto the customer": lambda o, u: tasks.update(
        o.db,
        u,
        o.own_task,
        version(o.db, Task, o.own_task),
        tasks.TaskData("改", NOW, customer_id=o.customer, owner_id=o.seller),
    ),
    "campaign respond": lambda o, u: campaigns.respond(
        o.db, u, o.campaign, o.campaign_customer, "came"
    ),
    "customer merged into one's own": lambda o, u: customers.merge(o.db, u, o.mine, o.customer),
    "strategy card": lambda o, u: key_accounts.save_strategy(
        o.db,
        u,
        o.customer,
        version(o.db, Customer, o.customer),
        key_accounts.StrategyData(needs="更多"),
    ),
    "team member": lambda o, u: teams.set_member(o.db, u, o.customer, o.seller, TeamRole.SERVICE),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_salesperson_leaves_another_salespersons_customer_alone(
    office: Office, name: str
) -> None:
    SETUP.get(name, lambda o: None)(office)
    before = fingerprint(office.db)
    with pytest.raises(PermissionDenied):
        WRITES[name](office, office.seller)
    assert fingerprint(office.db) == before, f"{name}: another salesperson's call stored something"


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_same_call_works_for_a_manager(office: Office, name: str) -> None:
    SETUP.get(name, lambda o: None)(office)
    before = fingerprint(office.db)
    WRITES[name](office, office.manager)
    assert fingerprint(office.db) != before, name

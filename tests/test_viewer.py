"""A viewer reads what the office lets it read and changes nothing: every service that
writes refuses a viewer with PermissionDenied, and nothing is stored (no row added,
changed or audited). The same calls as a manager go through, so each refusal is the
viewer's and not a broken call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.db import Database
from app.errors import PermissionDenied
from app.models import (
    Base,
    Campaign,
    CampaignMember,
    Customer,
    Deal,
    Order,
    PointsEntry,
    ServiceCase,
    Stage,
    Task,
    User,
)
from app.models.enums import (
    ActivityKind,
    CampaignKind,
    CaseStatus,
    Channel,
    DealStatus,
    Role,
    TaskStatus,
)
from app.services import (
    activities,
    campaigns,
    cases,
    contracts,
    credit,
    customer_file,
    customer_list,
    customers,
    deals,
    front_desk,
    import_mapping,
    importer,
    invitations,
    loyalty,
    order_import,
    orders,
    pipeline,
    privacy,
    products,
    search,
    segments,
    settings,
    tasks,
    users,
)
from app.services.customer_list import CustomerFilter
from app.services.customers import CustomerData

NOW = dt.datetime.now(dt.UTC)
TODAY = dt.date.today()


@dataclass
class Demo:
    db: Database
    viewer: int
    manager: int
    customer: int
    other: int
    member: int
    deal: int
    stage: int
    order: int
    task: int
    case: int
    campaign: int
    user: int
    pipeline: int
    folder: Path
    moved: Any = None


@pytest.fixture
def demo(demo_db: Database, tmp_path: Path) -> Demo:
    db = demo_db
    with db.session() as s:

        def first(q: Any) -> int:
            found = s.scalar(q.limit(1))
            assert found is not None, q
            return int(found)

        viewer = first(select(User.id).where(User.role == Role.VIEWER))
        manager = first(select(User.id).where(User.role == Role.MANAGER))
        buyers = select(Order.customer_id).group_by(Order.customer_id).order_by(Order.customer_id)
        customer = first(buyers)
        other = first(
            select(Customer.id).where(Customer.id != customer, Customer.deleted_at.is_(None))
        )
        member = first(
            select(PointsEntry.customer_id)
            .group_by(PointsEntry.customer_id)
            .having(func.sum(PointsEntry.points) > 10)
            .order_by(PointsEntry.customer_id)
        )
        deal = first(select(Deal.id).where(Deal.status == DealStatus.OPEN).order_by(Deal.id))
        deal_row = s.get(Deal, deal)
        assert deal_row is not None and deal_row.pipeline_id is not None
        deal_row_pipeline = deal_row.pipeline_id
        stage = first(
            select(Stage.id)
            .where(Stage.pipeline_id == deal_row.pipeline_id, Stage.id != deal_row.stage_id)
            .where(Stage.is_won.is_(False), Stage.is_lost.is_(False))
            .order_by(Stage.sort_order)
        )
        order = first(select(Order.id).where(Order.customer_id == customer).order_by(Order.id))
        task = first(select(Task.id).order_by(Task.id))
        case = first(select(ServiceCase.id).order_by(ServiceCase.id))
        campaign = first(select(Campaign.id).order_by(Campaign.id))
        user = first(select(User.id).where(User.role == Role.SALES).order_by(User.id))
    return Demo(
        db,
        viewer,
        manager,
        customer,
        other,
        member,
        deal,
        stage,
        order,
        task,
        case,
        campaign,
        user,
        deal_row_pipeline,
        tmp_path,
    )


def version(db: Database, model: Any, row_id: int) -> int:
    with db.session() as s:
        row = s.get(model, row_id)
        assert row is not None
        return int(row.version)


def customers_file(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "手机"])
    sheet.append(["新客户 甲", "13912345678"])
    path = folder / "customers.xlsx"
    book.save(path)
    return path


def orders_file(folder: Path, customer_number: str) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Order number", "Customer", "Order date", "Product", "Quantity", "Price"])
    sheet.append(["X-1", customer_number, TODAY.isoformat(), "机油", 2, 50])
    path = folder / "orders.xlsx"
    book.save(path)
    return path


def products_file(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Category", "Unit", "List price", "Cost"])
    sheet.append(["Viewer oil", "fuel", "L", 10, 8])
    path = folder / "products.xlsx"
    book.save(path)
    return path


def renamed(d: Demo) -> CustomerData:
    with d.db.session() as s:
        data = customer_file.load(s, d.customer).data
    return replace(data, name="改名")


def _import(d: Demo, uid: int) -> Any:
    prepared = importer.prepare(d.db, customers_file(d.folder))
    return importer.import_table(d.db, uid, prepared.table, prepared.mapping)


def _import_orders(d: Demo, uid: int) -> Any:
    with d.db.session() as s:
        c = s.get(Customer, d.customer)
        assert c is not None
        number = c.number
    return order_import.import_orders(d.db, uid, orders_file(d.folder, number))


def _undo(d: Demo, uid: int) -> Any:
    return pipeline.undo_move(d.db, uid, d.moved)


def _open_task(d: Demo) -> None:
    with d.db.session() as s:
        found = s.scalar(
            select(Task.id).where(Task.status == TaskStatus.OPEN).order_by(Task.id).limit(1)
        )
    assert found is not None
    d.task = found


def _open_case(d: Demo) -> None:
    with d.db.session() as s:
        found = s.scalar(
            select(ServiceCase.id)
            .where(ServiceCase.status != CaseStatus.RESOLVED)
            .order_by(ServiceCase.id)
            .limit(1)
        )
    assert found is not None
    d.case = found


def _campaign_member(d: Demo) -> None:
    with d.db.session() as s:
        row = s.execute(
            select(CampaignMember.campaign_id, CampaignMember.customer_id)
            .order_by(CampaignMember.id)
            .limit(1)
        ).one()
    d.campaign, d.customer = row


def _move(d: Demo) -> None:
    d.moved = pipeline.move_deal(
        d.db, d.manager, d.deal, d.stage, version(d.db, Deal, d.deal), now=NOW
    )


def stage_ids(d: Demo) -> list[int]:
    with d.db.session() as s:
        ids = list(
            s.scalars(
                select(Stage.id).where(Stage.pipeline_id == d.pipeline).order_by(Stage.sort_order)
            )
        )
    return [ids[1], ids[0], *ids[2:]]


def _deleted(d: Demo) -> None:
    customers.delete(d.db, None, d.other)


def _mapping(d: Demo) -> None:
    import_mapping.save(d.db, None, "月表", ["姓名"], {0: "name"})


SETUP: dict[str, Callable[[Demo], None]] = {
    "customer restore": _deleted,
    "task update": _open_task,
    "task snooze": _open_task,
    "task reassign": _open_task,
    "case start": _open_case,
    "case reassign": _open_case,
    "deal move undo": _move,
    "task complete": _open_task,
    "case resolve": _open_case,
    "campaign respond": _campaign_member,
    "import mapping delete": _mapping,
}


def _settings(d: Demo, uid: int) -> Any:
    with d.db.write() as s:
        settings.check_may_change(s, uid)
        return settings.store(s, uid, {"viewer.test": 1})


WRITES: dict[str, Callable[[Demo, int], Any]] = {
    "customer create": lambda d, u: customers.create(d.db, u, CustomerData(name="新客户")),
    "customer update": lambda d, u: customers.update(
        d.db, u, d.customer, version(d.db, Customer, d.customer), renamed(d)
    ),
    "customer delete": lambda d, u: customers.delete(d.db, u, d.customer),
    "customer merge": lambda d, u: customers.merge(d.db, u, d.customer, d.other),
    "activity": lambda d, u: activities.log(d.db, u, d.customer, ActivityKind.CALL, "电话"),
    "desk visit": lambda d, u: front_desk.log_visit(d.db, u, d.customer, None, "到店"),
    "walk-in": lambda d, u: front_desk.register_walk_in(d.db, u, "路人", "13800000001", None),
    "order": lambda d, u: orders.create(
        d.db, u, orders.OrderInput(d.customer, TODAY, amount=Decimal("10.00"))
    ),
    "payment": lambda d, u: orders.add_payment(d.db, u, d.customer, TODAY, Decimal("1.00")),
    "return": lambda d, u: orders.add_return(d.db, u, d.order, TODAY, amount=Decimal("1.00")),
    "credit terms": lambda d, u: credit.set_terms(
        d.db, u, d.customer, credit.TermsInput(term_days=15)
    ),
    "credit defaults": lambda d, u: credit.save_defaults(
        d.db, u, credit.CreditDefaults(term_days=45)
    ),
    "contract": lambda d, u: contracts.save(
        d.db, u, contracts.ContractData(d.customer, "HT-VIEWER")
    ),
    "deal create": lambda d, u: deals.create_deal(
        d.db, u, d.customer, deals.DealData("新商机", Decimal("100"))
    ),
    "deal update": lambda d, u: deals.update_deal(
        d.db, u, d.deal, version(d.db, Deal, d.deal), deals.DealData("改", Decimal("1"))
    ),
    "deal move": lambda d, u: pipeline.move_deal(
        d.db, u, d.deal, d.stage, version(d.db, Deal, d.deal), now=NOW
    ),
    "deal move undo": _undo,
    "stage save": lambda d, u: pipeline.save_stage(
        d.db, u, d.pipeline, pipeline.StageData("新阶段", 50)
    ),
    "task create": lambda d, u: tasks.create(
        d.db, u, tasks.TaskData("回访", NOW, customer_id=d.customer)
    ),
    "task complete": lambda d, u: tasks.complete(d.db, u, d.task, outcome="好", now=NOW),
    "task update": lambda d, u: tasks.update(
        d.db, u, d.task, version(d.db, Task, d.task), tasks.TaskData("改", NOW)
    ),
    "task snooze": lambda d, u: tasks.snooze(
        d.db, u, d.task, NOW + dt.timedelta(days=2), version(d.db, Task, d.task)
    ),
    "task reassign": lambda d, u: tasks.reassign(d.db, u, [d.task], d.user),
    "case start": lambda d, u: cases.start(d.db, u, d.case, version(d.db, ServiceCase, d.case)),
    "case reassign": lambda d, u: cases.reassign(
        d.db, u, d.case, d.user, version(d.db, ServiceCase, d.case)
    ),
    "customer restore": lambda d, u: customers.restore(d.db, u, d.other),
    "stage reorder": lambda d, u: pipeline.reorder_stages(d.db, u, d.pipeline, stage_ids(d)),
    "case open": lambda d, u: cases.open_case(d.db, u, cases.CaseData(d.customer, "投诉")),
    "case resolve": lambda d, u: cases.resolve(
        d.db, u, d.case, "好了", None, version(d.db, ServiceCase, d.case)
    ),
    "points redeem": lambda d, u: loyalty.redeem(d.db, u, d.member, 5, "礼品"),
    "points adjust": lambda d, u: loyalty.adjust(d.db, u, d.member, 5, "补"),
    "campaign create": lambda d, u: campaigns.create(
        d.db, u, campaigns.CampaignData("活动", CampaignKind.EVENT)
    ),
    "campaign respond": lambda d, u: campaigns.respond(d.db, u, d.campaign, d.customer, "came"),
    "invitation event": lambda d, u: invitations.create_event(
        d.db, u, "试驾日", TODAY, "sms", None
    ),
    "invite": lambda d, u: invitations.invite(
        d.db, u, d.campaign, invitations.InvitationFilter(Channel.SMS)
    ),
    "import customers": _import,
    "import orders": _import_orders,
    "import mapping save": lambda d, u: import_mapping.save(d.db, u, "表", ["姓名"], {0: "name"}),
    "import mapping delete": lambda d, u: import_mapping.delete_saved(d.db, u, "月表"),
    "segments recompute": lambda d, u: segments.recompute(d.db, u, TODAY),
    "scoring rules": lambda d, u: segments.save_settings(
        d.db, u, segments.SegmentSettings(months=6)
    ),
    "product save": lambda d, u: products.save(d.db, u, products.ProductData("机油")),
    "product import": lambda d, u: products.import_file(d.db, u, products_file(d.folder)),
    "privacy erase": lambda d, u: privacy.erase_person(d.db, u, d.customer),
    "settings": _settings,
    "user add": lambda d, u: users.add_user(d.db, u, users.UserData("newbie")),
    "user deactivate": lambda d, u: users.deactivate(d.db, u, d.user),
    "users reassign": lambda d, u: users.reassign(d.db, u, d.user, [d.manager]),
    "office rules": lambda d, u: users.set_office_rules(d.db, u, everyone_sees_all=True),
}


def fingerprint(db: Database) -> dict[str, tuple[int, int]]:
    """Per table: rows, and the sum of the version counters where there is one."""
    out = {}
    with db.session() as s:
        for table in Base.metadata.sorted_tables:
            versions = func.coalesce(func.sum(table.c.version), 0) if "version" in table.c else 0
            rows, total = s.execute(select(func.count(), versions).select_from(table)).one()
            out[table.name] = (int(rows), int(total))
    return out


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_viewer_changes_nothing(demo: Demo, name: str) -> None:
    call = WRITES[name]
    SETUP.get(name, lambda d: None)(demo)
    before = fingerprint(demo.db)
    with pytest.raises(PermissionDenied):
        call(demo, demo.viewer)
    assert fingerprint(demo.db) == before, f"{name}: a viewer's call stored something"


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_same_call_works_for_a_manager_or_the_program(demo: Demo, name: str) -> None:
    """The table's calls are real ones: as a manager (or, for what only administrators
    do, as the program) they change something."""
    SETUP.get(name, lambda d: None)(demo)
    before = fingerprint(demo.db)
    admin_only = name in (
        "stage save",
        "stage reorder",
        "user add",
        "user deactivate",
        "office rules",
    )
    WRITES[name](demo, None if admin_only else demo.manager)  # type: ignore[arg-type]
    assert fingerprint(demo.db) != before, name


def test_a_viewer_reads_every_customer(demo: Demo) -> None:
    db, viewer = demo.db, demo.viewer
    with db.session() as s:
        total = s.scalar(
            select(func.count()).select_from(Customer).where(Customer.deleted_at.is_(None))
        )
        assert customer_list.count(s, CustomerFilter(), user_id=viewer) == total
        assert customer_file.load(s, demo.customer, viewer).id == demo.customer
        assert front_desk.card(s, demo.customer, user_id=viewer).id == demo.customer
        c = s.get(Customer, demo.customer)
        assert c is not None
        hits = search.search(s, c.name, user_id=viewer).hits
        assert demo.customer in [h.id for h in hits]
        board = pipeline.board(s, user_id=viewer)
        assert any(demo.deal == card.id for col in board.columns for card in col.cards)

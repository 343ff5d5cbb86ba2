"""Who sees and changes which customers, per role, through every service that shows or
changes customers (app.services.access applied in the list, search, file, desk, export,
customer changes and activities)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import Database
from app.errors import PermissionDenied
from app.models import Customer, User
from app.models.enums import ActivityKind, Role
from app.services import (
    access,
    activities,
    customer_file,
    customer_list,
    customers,
    front_desk,
    settings,
)
from app.services.customer_list import CustomerFilter
from app.services.customers import CustomerData
from app.services.exports import ExportRequest, export
from app.services.search import search


@dataclass
class Office:
    admin: int
    manager: int
    ana: int  # sales, owns "Ana 客户"
    bo: int  # sales, owns "Bo 客户" and the shared "Bo 共享"
    viewer: int
    gone: int  # deactivated sales
    ana_cust: int
    bo_cust: int
    bo_shared: int


@pytest.fixture
def office(db: Database) -> Office:
    with db.write() as s:
        ids = {}
        for name, role, active in (
            ("admin", Role.ADMIN, True),
            ("manager", Role.MANAGER, True),
            ("ana", Role.SALES, True),
            ("bo", Role.SALES, True),
            ("viewer", Role.VIEWER, True),
            ("gone", Role.SALES, False),
        ):
            user = User(username=name, display_name=name.title(), role=role, active=active)
            s.add(user)
            s.flush()
            ids[name] = user.id
    ana_cust = customers.create(db, None, CustomerData(name="Ana 客户", owner_id=ids["ana"]))
    bo_cust = customers.create(db, None, CustomerData(name="Bo 客户", owner_id=ids["bo"]))
    bo_shared = customers.create(db, None, CustomerData(name="Bo 共享", owner_id=ids["bo"]))
    with db.write() as s:
        shared = s.get(Customer, bo_shared.customer_id)
        assert shared is not None
        shared.shared = True
    return Office(
        **ids,
        ana_cust=ana_cust.customer_id,
        bo_cust=bo_cust.customer_id,
        bo_shared=bo_shared.customer_id,
    )


def visible_names(db: Database, user_id: int | None) -> set[str]:
    with db.session() as s:
        rows = customer_list.page(s, CustomerFilter(), user_id=user_id)
        assert customer_list.count(s, CustomerFilter(), user_id=user_id) == len(rows)
        assert len(customer_list.ids(s, CustomerFilter(), user_id=user_id)) == len(rows)
        return {r["name"] for r in rows}


ALL = {"Ana 客户", "Bo 客户", "Bo 共享"}


def test_list_per_role(db: Database, office: Office) -> None:
    assert visible_names(db, None) == ALL
    assert visible_names(db, office.admin) == ALL
    assert visible_names(db, office.manager) == ALL
    assert visible_names(db, office.viewer) == ALL
    assert visible_names(db, office.ana) == {"Ana 客户", "Bo 共享"}
    assert visible_names(db, office.bo) == {"Bo 客户", "Bo 共享"}


def test_everyone_sees_all_setting_opens_the_list_and_edits(db: Database, office: Office) -> None:
    with db.write() as s:
        settings.store(s, office.admin, {access.EVERYONE_SEES_ALL: True})
    assert visible_names(db, office.ana) == ALL
    with db.session() as s:
        version = customer_file.load(s, office.bo_cust, office.ana).version
    customers.update(
        db, office.ana, office.bo_cust, version, CustomerData(name="Bo 改", owner_id=office.bo)
    )


def test_a_deactivated_or_unknown_user_sees_nothing(db: Database, office: Office) -> None:
    with db.session() as s, pytest.raises(PermissionDenied, match="deactivated"):
        customer_list.count(s, CustomerFilter(), user_id=office.gone)
    with db.session() as s, pytest.raises(PermissionDenied):
        search(s, "客户", user_id=99999)


def test_search_and_text_filter_per_role(db: Database, office: Office) -> None:
    with db.session() as s:
        assert {h.name for h in search(s, "客户").hits} == {"Ana 客户", "Bo 客户"}
        assert {h.name for h in search(s, "客户", user_id=office.ana).hits} == {"Ana 客户"}
        assert {h.name for h in search(s, "bo", user_id=office.ana).hits} == {"Bo 共享"}
        assert {h.name for h in search(s, "bo", user_id=office.bo).hits} == {"Bo 客户", "Bo 共享"}
        rows = customer_list.page(s, CustomerFilter(text="Bo"), user_id=office.ana)
        assert [r["name"] for r in rows] == ["Bo 共享"]


def test_customer_file_and_desk_card(db: Database, office: Office) -> None:
    with db.session() as s:
        assert customer_file.load(s, office.bo_shared, office.ana).data.name == "Bo 共享"
        assert front_desk.card(s, office.ana_cust, user_id=office.ana) is not None
        with pytest.raises(PermissionDenied, match="another salesperson"):
            customer_file.load(s, office.bo_cust, office.ana)
        with pytest.raises(PermissionDenied):
            front_desk.card(s, office.bo_cust, user_id=office.ana)
        assert customer_file.load(s, office.bo_cust, office.viewer).data.name == "Bo 客户"


def _version(db: Database, customer_id: int) -> int:
    with db.session() as s:
        return customer_file.load(s, customer_id).version


def test_changes_per_role(db: Database, office: Office) -> None:
    data = CustomerData(name="Changed", owner_id=office.bo)
    with pytest.raises(PermissionDenied, match="another salesperson"):
        customers.update(db, office.ana, office.bo_cust, _version(db, office.bo_cust), data)
    with pytest.raises(PermissionDenied, match="viewer"):
        customers.update(db, office.viewer, office.bo_cust, _version(db, office.bo_cust), data)
    # shared: Ana may change it, but not give it away
    customers.update(db, office.ana, office.bo_shared, _version(db, office.bo_shared), data)
    give = CustomerData(name="Changed", owner_id=office.ana)
    with pytest.raises(PermissionDenied, match="manager"):
        customers.update(db, office.ana, office.bo_shared, _version(db, office.bo_shared), give)
    customers.update(db, office.manager, office.bo_cust, _version(db, office.bo_cust), give)
    with db.session() as s:
        assert (
            s.scalar(select(Customer.owner_id).where(Customer.id == office.bo_cust)) == office.ana
        )
    with pytest.raises(PermissionDenied):
        customers.delete(db, office.bo, office.bo_cust)  # Ana's now
    with pytest.raises(PermissionDenied):
        customers.merge(db, office.bo, office.bo_shared, office.bo_cust)
    customers.delete(db, office.ana, office.bo_cust)
    with pytest.raises(PermissionDenied, match="viewer"):
        customers.create(db, office.viewer, CustomerData(name="New"))
    with pytest.raises(PermissionDenied, match="manager"):
        customers.create(db, office.ana, CustomerData(name="New", owner_id=office.bo))
    created = customers.create(db, office.ana, CustomerData(name="New"))
    assert "New" in visible_names(db, office.ana)
    assert created.created


def test_activities_and_desk_visits(db: Database, office: Office) -> None:
    activities.log(db, office.ana, office.ana_cust, ActivityKind.CALL, "ok")
    with pytest.raises(PermissionDenied):
        activities.log(db, office.ana, office.bo_cust, ActivityKind.CALL, "not mine")
    with pytest.raises(PermissionDenied, match="viewer"):
        activities.log(db, office.viewer, office.ana_cust, ActivityKind.NOTE, "no")
    front_desk.log_visit(db, office.bo, office.bo_cust, "12.50")
    with pytest.raises(PermissionDenied):
        front_desk.log_visit(db, office.ana, office.bo_cust, "1")


def test_export_keeps_to_what_the_user_sees(db: Database, office: Office, tmp_path: Path) -> None:
    def names(user_id: int | None) -> set[str]:
        path = tmp_path / f"c{user_id}.csv"
        export(db, user_id, ExportRequest("customers"), path)
        with path.open(encoding="utf-8-sig") as fh:
            return {row["Name"] for row in csv.DictReader(fh)}

    assert names(None) == ALL
    assert names(office.manager) == ALL
    assert names(office.ana) == {"Ana 客户", "Bo 共享"}
    assert names(office.bo) == {"Bo 客户", "Bo 共享"}


def test_roles_for_office_settings_and_audit(db: Database, office: Office) -> None:
    from app.services import audit

    with db.session() as s:
        assert audit.count(s, office.manager, audit.AuditFilter()) > 0
        with pytest.raises(PermissionDenied, match="audit log"):
            audit.count(s, office.ana, audit.AuditFilter())
        with pytest.raises(PermissionDenied):
            audit.customer_history(s, office.ana, office.bo_cust)
        assert audit.customer_history(s, office.ana, office.ana_cust)
    with db.write() as s, pytest.raises(PermissionDenied):
        settings.check_may_change(s, office.ana)


def test_import_by_a_salesperson(db: Database, office: Office, tmp_path: Path) -> None:
    from app import cli

    def run(text: str, *extra: str) -> int:
        path = tmp_path / "in.csv"
        path.write_text(text, encoding="utf-8")
        return cli.main(["import", "--db", db.target, str(path), "--quiet", *extra])

    # for someone else: refused, nothing written
    assert run("Name,Phone,Owner\nNew one,13800000001,Bo\n", "--user", "ana") == 3
    assert "New one" not in visible_names(db, None)
    # for themselves: fine, and theirs
    assert run("Name,Phone\nAna's new,13800000002\n", "--user", "ana") == 0
    assert "Ana's new" in visible_names(db, office.ana)
    # updating Bo's customer (found by name and phone) is refused
    with db.write() as s:
        bo = s.get(Customer, office.bo_cust)
        assert bo is not None
        bo.phone = "+8613800000003"
    update = "Name,Phone,City\nBo 客户,13800000003,深圳\n"
    assert run(update, "--user", "ana", "--on-duplicate", "update") == 3
    assert run(update, "--user", "bo", "--on-duplicate", "update") == 0


def test_invitations_keep_to_what_the_user_sees(db: Database, office: Office) -> None:
    from app.models.enums import Channel
    from app.services import invitations

    f = invitations.InvitationFilter(channel=Channel.SMS)
    with db.session() as s:
        assert invitations.preview(s, f, None, office.manager).count == 3
        assert invitations.preview(s, f, None, office.ana).count == 2
        assert invitations.select_customers(s, f, office.bo).count == 2

"""Account teams (app.services.teams): a team member sees and works on the customer as
its owner does, in every service that lists or changes customers; who may change a
team; counterparts get their contact's reminders; a thin key-account team is flagged on
a manager's Today page; a leaver's team places move with the reassignment."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import AccountTeamMember, ContactPerson, Customer, CustomerSegment, Task, User
from app.models.enums import ActivityKind, ContactRole, Role, TeamRole
from app.services import (
    activities,
    audit,
    cases,
    contracts,
    credit,
    customer_file,
    customer_list,
    customers,
    deals,
    front_desk,
    invitations,
    loyalty,
    pipeline,
    reminders,
    statement,
    tasks,
    teams,
    users,
)
from app.services.customer_list import CustomerFilter
from app.services.customers import CustomerData
from app.services.exports import ExportRequest, export
from app.services.search import search

NOW = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


@dataclass
class Office:
    manager: int
    ana: int  # sales, owns 华东重工
    bo: int  # sales, on 华东重工's team
    cai: int  # sales, on no team
    viewer: int
    key: int  # 华东重工, a key account
    other: int  # Cai's own customer


@pytest.fixture
def office(db: Database) -> Office:
    with db.write() as s:
        ids = {}
        for name, role in (
            ("manager", Role.MANAGER),
            ("ana", Role.SALES),
            ("bo", Role.SALES),
            ("cai", Role.SALES),
            ("viewer", Role.VIEWER),
        ):
            user = User(username=name, display_name=name.title(), role=role, active=True)
            s.add(user)
            s.flush()
            ids[name] = user.id
    key = customers.create(db, None, CustomerData(name="华东重工", owner_id=ids["ana"]))
    other = customers.create(db, None, CustomerData(name="蔡的客户", owner_id=ids["cai"]))
    with db.write() as s:
        c = s.get(Customer, key.customer_id)
        assert c is not None
        c.is_key_account = True
    teams.set_member(db, ids["ana"], key.customer_id, ids["bo"], TeamRole.SERVICE)
    return Office(**ids, key=key.customer_id, other=other.customer_id)


def _names(db: Database, user_id: int) -> set[str]:
    with db.session() as s:
        return {r["name"] for r in customer_list.page(s, CustomerFilter(), user_id=user_id)}


def test_a_team_member_sees_the_account_everywhere(
    db: Database, office: Office, tmp_path: Path
) -> None:
    assert _names(db, office.bo) == {"华东重工"}
    assert _names(db, office.cai) == {"蔡的客户"}
    with db.session() as s:
        assert customer_list.count(s, CustomerFilter(), user_id=office.bo) == 1
        assert office.key in customer_list.ids(s, CustomerFilter(), user_id=office.bo)
        assert {h.name for h in search(s, "华东", user_id=office.bo).hits} == {"华东重工"}
        assert not search(s, "华东", user_id=office.cai).hits
        assert customer_file.load(s, office.key, office.bo).data.name == "华东重工"
        assert front_desk.card(s, office.key, user_id=office.bo) is not None
        with pytest.raises(PermissionDenied):
            customer_file.load(s, office.key, office.cai)
        with pytest.raises(PermissionDenied):
            front_desk.card(s, office.key, user_id=office.cai)
        assert teams.team(s, office.bo, office.key).size == 1
        with pytest.raises(PermissionDenied):
            teams.team(s, office.cai, office.key)
    path = tmp_path / "bo.csv"
    export(db, office.bo, ExportRequest("customers"), path)
    with path.open(encoding="utf-8-sig") as fh:
        assert {row["Name"] for row in csv.DictReader(fh)} == {"华东重工"}


def test_a_team_member_works_on_the_account(db: Database, office: Office) -> None:
    with db.session() as s:
        version = customer_file.load(s, office.key, office.bo).version
    customers.update(
        db, office.bo, office.key, version, CustomerData(name="华东重工集团", owner_id=office.ana)
    )
    with pytest.raises(PermissionDenied):  # still the owner's: not his to give away
        with db.session() as s:
            version = customer_file.load(s, office.key, office.bo).version
        customers.update(
            db, office.bo, office.key, version, CustomerData(name="x", owner_id=office.bo)
        )
    activities.log(db, office.bo, office.key, ActivityKind.CALL, "ok")
    with pytest.raises(PermissionDenied):
        activities.log(db, office.cai, office.key, ActivityKind.CALL, "not his")
    front_desk.log_visit(db, office.bo, office.key, "8.00")
    pipeline.ensure_default(db)
    deal = deals.create_deal(db, office.bo, office.key, deals.DealData("二期设备", "5000"))
    ana_deal = deals.create_deal(
        db, office.ana, office.key, deals.DealData("三期", "100"), owner_id=office.ana
    )
    with pytest.raises(PermissionDenied):
        deals.create_deal(db, office.cai, office.key, deals.DealData("不行", "1"))
    with db.session() as s:
        board = pipeline.board(s, user_id=office.bo)
        assert {deal, ana_deal} <= {d.id for col in board.columns for d in col.cards}
        assert deals.load_deal(s, ana_deal, office.bo) is not None
        board = pipeline.board(s, user_id=office.cai)
        assert not {deal, ana_deal} & {d.id for col in board.columns for d in col.cards}
    case = cases.open_case(db, office.bo, cases.CaseData(office.key, "交货延迟"))
    with db.session() as s:
        assert [c.id for c in cases.listing(s, office.bo, customer_id=office.key)] == [case.case_id]
        assert not cases.listing(s, office.cai, customer_id=office.key)
    with pytest.raises(PermissionDenied):
        cases.open_case(db, office.cai, cases.CaseData(office.key, "不行"))


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda s, u, c: credit.aging(s, c, dt.date(2026, 5, 4), u), id="credit"),
        pytest.param(lambda s, u, c: loyalty.membership(s, u, c), id="loyalty"),
        pytest.param(lambda s, u, c: contracts.for_customer(s, c, u), id="contracts"),
        pytest.param(lambda s, u, c: audit.customer_history(s, u, c), id="history"),
        pytest.param(
            lambda s, u, c: statement.build(s, c, dt.date(2026, 4, 1), dt.date(2026, 4, 30), u),
            id="statement",
        ),
        pytest.param(lambda s, u, c: teams.team(s, u, c), id="team"),
    ],
)
def test_a_team_member_reads_the_account_file(db: Database, office: Office, read) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        assert read(s, office.bo, office.key) is not None
        with pytest.raises(PermissionDenied):
            read(s, office.cai, office.key)


def test_invitations_and_campaigns_take_team_members(db: Database, office: Office) -> None:
    from app.models.enums import Channel

    f = invitations.InvitationFilter(channel=Channel.SMS)
    with db.session() as s:
        assert invitations.preview(s, f, None, office.bo).count == 1
        assert invitations.preview(s, f, None, office.cai).count == 1
        assert invitations.preview(s, f, None, office.manager).count == 2


def test_leaving_the_team_ends_the_view(db: Database, office: Office) -> None:
    teams.remove_member(db, office.ana, office.key, office.bo)
    assert _names(db, office.bo) == set()
    with db.session() as s, pytest.raises(PermissionDenied):
        customer_file.load(s, office.key, office.bo)


def test_who_changes_a_team(db: Database, office: Office) -> None:
    with pytest.raises(PermissionDenied, match="owner or a manager"):
        teams.set_member(db, office.bo, office.key, office.cai, TeamRole.SERVICE)
    with pytest.raises(PermissionDenied, match="viewer"):
        teams.set_member(db, office.viewer, office.key, office.cai, TeamRole.SERVICE)
    with pytest.raises(ValidationError, match="viewer"):
        teams.set_member(db, office.manager, office.key, office.viewer, TeamRole.SERVICE)
    got = teams.set_member(db, office.manager, office.key, office.cai, TeamRole.SPONSOR)
    assert {(m.name, m.role) for m in got.members} == {("Bo", "service"), ("Cai", "sponsor")}
    got = teams.set_member(db, office.ana, office.key, office.cai, TeamRole.MANAGER)
    assert ("Cai", "manager") in {(m.name, m.role) for m in got.members}
    assert got.size == 2 and got.may_change
    with db.session() as s:
        assert not teams.team(s, office.bo, office.key).may_change


def _thin(db: Database, user_id: int, scope: tasks.Scope = "mine") -> list[str]:
    with db.session() as s:
        section = tasks.today(s, user_id, NOW, scope).sections["thin_teams"]
        assert section.count == len(section.items)
        return [i.customer_name or "" for i in section.items]


def test_a_thin_key_account_team_is_flagged_for_managers(db: Database, office: Office) -> None:
    assert _thin(db, office.manager) == ["华东重工"]  # one member besides the owner
    assert _thin(db, office.manager, "all") == ["华东重工"]
    assert _thin(db, office.manager, office.ana) == ["华东重工"]
    assert _thin(db, office.manager, office.cai) == []
    assert _thin(db, office.ana) == []  # a salesperson's own page: not theirs to fix
    teams.set_member(db, office.manager, office.key, office.cai, TeamRole.MANAGER)
    assert _thin(db, office.manager) == []
    # the owner on the team does not count; a deactivated member neither
    teams.set_member(db, office.manager, office.key, office.ana, TeamRole.LEAD)
    users.deactivate(db, None, office.cai)
    assert _thin(db, office.manager) == ["华东重工"]
    # class A or starred counts as a key account too; an ordinary customer is not flagged
    with db.write() as s:
        s.add(CustomerSegment(customer_id=office.other, abc_class="A", orders=1, lifecycle="new"))
    assert sorted(_thin(db, office.manager)) == ["华东重工", "蔡的客户"]


def test_the_today_command_says_what_the_thin_team_figure_counts(
    db: Database, office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    argv = ["today", "--db", db.target, "--user", "manager", "--date", "2026-11-24"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if "华东重工" in ln]
    assert "team: 1 besides the owner" in line, out


def test_contact_reminders_go_to_the_counterpart(db: Database, office: Office) -> None:
    with db.write() as s:
        person = ContactPerson(
            customer_id=office.key,
            name="王总",
            role=ContactRole.DECISION_MAKER,
            birthday=dt.date(1970, 5, 5),
        )
        s.add(person)
        s.flush()
        contact_id, version = person.id, person.version
    with pytest.raises(PermissionDenied):
        teams.set_counterpart(db, office.cai, contact_id, version, office.cai)
    got = teams.set_counterpart(db, office.ana, contact_id, version, office.cai)
    assert [(c.contact_name, c.user_name) for c in got.counterparts] == [("王总", "Cai")]
    # the counterpart joined the team with the role the contact's suggests
    assert ("Cai", "sponsor") in {(m.name, m.role) for m in got.members}
    reminders.generate(db, NOW)
    with db.session() as s:
        owners = set(
            s.scalars(
                select(Task.owner_id).where(
                    Task.contact_id == contact_id, Task.source_key.like("birthday:%")
                )
            )
        )
        assert owners == {office.ana, office.cai}
        mine = tasks.today(s, office.cai, NOW).sections["birthdays"]
        assert [i.title for i in mine.items] == ["王总 (华东重工)"]
        assert mine.items[0].task_id is not None
    reminders.generate(db, NOW)  # twice: nothing more
    with db.session() as s:
        assert len(s.scalars(select(Task.id).where(Task.contact_id == contact_id)).all()) == 2


def test_reassignment_moves_team_places(db: Database, office: Office) -> None:
    with db.write() as s:
        s.add(ContactPerson(customer_id=office.key, name="李采购", counterpart_user_id=office.bo))
    teams.set_member(db, None, office.other, office.bo, TeamRole.LEAD)
    teams.set_member(db, None, office.other, office.ana, TeamRole.SERVICE)
    with db.session() as s:
        preview = users.reassign_preview(s, office.bo)
    assert preview.team_places == 3  # two team places, one counterpart
    done = users.reassign(db, office.manager, office.bo, office.ana)
    assert done.team_places == 3 and done.team_customer_ids == sorted([office.key, office.other])
    with db.session() as s:
        rows = s.execute(
            select(AccountTeamMember.customer_id, AccountTeamMember.user_id, AccountTeamMember.role)
        ).all()
        # Ana was on the other team already: her place stays, Bo's goes (no duplicate)
        service = TeamRole.SERVICE
        assert len(rows) == 2
        assert set(rows) == {(office.key, office.ana, service), (office.other, office.ana, service)}
        assert s.scalar(select(ContactPerson.counterpart_user_id)) == office.ana
        assert users.reassign_preview(s, office.bo).team_places == 0


def test_the_demo_office_has_teams_on_its_key_accounts_some_thin(demo_db: Database) -> None:
    from app.models import Customer

    with demo_db.session() as s:
        key = s.scalar(
            select(func.count()).select_from(teams.key_accounts_query(Customer.id).subquery())
        )
        thin, rows = teams.thin_teams(s)
        assert key and 0 < thin < key / 3
        assert all(r.members < teams.MIN_TEAM for r in rows)
        paired = s.scalar(
            select(func.count()).where(ContactPerson.counterpart_user_id.is_not(None))
        )
        assert paired
        manager = s.scalar(select(User.id).where(User.username == "manager"))
        section = tasks.today(s, manager, NOW).sections["thin_teams"]
        assert section.count == thin


def test_a_contacts_important_date_reminds_the_counterpart_too(
    db: Database, office: Office
) -> None:
    from app.models import ImportantDate

    with db.write() as s:
        person = ContactPerson(customer_id=office.key, name="赵会计", counterpart_user_id=office.bo)
        s.add(person)
        s.flush()
        s.add(
            ImportantDate(
                customer_id=office.key, contact_id=person.id, label="入职十年", date=NOW.date()
            )
        )
        s.add(ImportantDate(customer_id=office.key, label="公司成立", date=NOW.date()))
    reminders.generate(db, NOW)
    with db.session() as s:
        rows = s.execute(
            select(Task.owner_id, Task.title).where(Task.source_key.like("date:%"))
        ).all()
    assert sorted(o for o, _ in rows) == sorted([office.ana, office.ana, office.bo])
    assert [t for o, t in rows if o == office.bo] == ["入职十年: 华东重工"]


def test_the_team_command(db: Database, office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from app import cli

    with db.write() as s:
        person = ContactPerson(customer_id=office.key, name="王总", role=ContactRole.PURCHASER)
        s.add(person)
        s.flush()
        contact = person.id
    base = ["team", "--db", db.target, "--customer", str(office.key)]
    assert cli.main([*base, "--user", "bo", "--set", "cai"]) == 3  # a member, not the owner
    assert cli.main([*base, "--user", "ana", "--set", "cai", "--role", "sponsor"]) == 0
    assert cli.main([*base, "--pair", str(contact), "--with", "manager", "--json"]) == 0
    out = capsys.readouterr().out
    team = json.loads(out[out.index("{") :])
    assert team["size"] == 3  # Bo, Cai, and the manager who joined as the purchaser's pair
    assert {(m["name"], m["role"]) for m in team["members"]} == {
        ("Bo", "service"),
        ("Cai", "sponsor"),
        ("Manager", "manager"),
    }
    pairs = [(c["contact_name"], c["user_name"]) for c in team["counterparts"]]
    assert pairs == [("王总", "Manager")]
    assert cli.main([*base, "--remove", "cai", "--pair", str(contact), "--with", "none"]) == 0
    assert "Cai" not in capsys.readouterr().out
    assert cli.main([*base, "--user", "cai"]) == 3  # off the team again: not his to see

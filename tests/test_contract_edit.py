"""Editing a contract as its form does: read with its version, saved over it; a second
PC's save in between is a conflict; what changed is in the audit log."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db import Database
from app.errors import ConflictError, ValidationError
from app.models import AuditEntry, Customer, User
from app.models.enums import AuditAction, ContractStatus, Role
from app.services import contracts
from app.services.contracts import ContractData


def test_edit_with_the_version_read(db: Database) -> None:
    with db.write() as s:
        owner = User(username="sam", display_name="Sam", role=Role.SALES, password_hash="x")
        c = Customer(number="K1", name="长城车队")
        s.add_all([owner, c])
        s.flush()
        cid, uid = c.id, owner.id
    hid = contracts.save(db, None, ContractData(cid, "HT-1", amount="9000", owner_id=uid))
    with db.session() as s:
        first = contracts.for_edit(s, hid)
        second = contracts.for_edit(s, hid)
    assert (first.data.owner_id, first.data.amount) == (uid, Decimal("9000.00"))
    data = replace(first.data, amount="12000", status=ContractStatus.SIGNED)
    contracts.save(db, None, data, first.id, first.version)
    with pytest.raises(ConflictError):
        contracts.save(db, None, replace(second.data, title="late"), second.id, second.version)
    with pytest.raises(ValidationError):  # the checks of a new one
        contracts.save(db, None, replace(data, number=" "), hid, first.version + 1)
    with db.session() as s:
        now = contracts.for_edit(s, hid)
        logged = {
            e.field: (e.old_value, e.new_value)
            for e in s.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity == "contract", AuditEntry.action == AuditAction.UPDATE
                )
            )
        }
    assert (now.version, now.data.title, now.data.owner_id) == (first.version + 1, None, uid)
    assert logged == {"amount": ("9000.00", "12000.00"), "status": ("draft", "signed")}


def test_a_user_who_may_not_see_amounts_edits_a_contract_without_its_amount(
    db: Database,
) -> None:
    with db.write() as s:
        desk = User(username="desk", display_name="Desk", role=Role.SALES, password_hash="x")
        desk.may_see_financials = False
        c = Customer(number="K3", name="长城车队")
        s.add_all([desk, c])
        s.flush()
        cid, uid = c.id, desk.id
        c.owner_id = uid
    hid = contracts.save(db, None, ContractData(cid, "HT-3", amount="9000"))
    with db.session() as s:
        form = contracts.for_edit(s, hid, uid)
    assert form.data.amount is None  # not shown, not even as 0
    contracts.save(db, uid, replace(form.data, title="年度供油"), hid, form.version)
    with db.session() as s:
        now = contracts.for_edit(s, hid)
    assert (now.data.title, now.data.amount) == ("年度供油", Decimal("9000.00"))
    # a new contract without an amount is one of 0, as before
    new = contracts.save(db, uid, ContractData(cid, "HT-4"))
    with db.session() as s:
        assert contracts.for_edit(s, new).data.amount == Decimal("0.00")

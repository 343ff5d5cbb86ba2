"""The customer form's Campaign row: there for the source "campaign" only, campaigns
newest first, the pick saved through the customer service (checked there too), shown
read-only once saved; another source clears it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtWidgets import QLineEdit

from app.db import Database
from app.errors import ValidationError
from app.models import Campaign, Customer
from app.models.enums import CampaignKind, Role, Source
from app.services import customers
from app.services.customers import CustomerData
from app.services.users import UserInfo, ensure_admin
from app.ui import formats
from app.ui.customer_form import CustomerForm

pytestmark = pytest.mark.gui
TIMEOUT = 5000


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        old = Campaign(
            name="春节加油优惠", kind=CampaignKind.PROMOTION, starts_on=dt.date(2026, 1, 20)
        )
        new = Campaign(
            name="冬季保养信：给五年以上车龄的老客户寄一封很长很长的信",
            kind=CampaignKind.MAILING,
            starts_on=dt.date(2026, 11, 1),
        )
        s.add_all([old, new])
        s.flush()
        return {"old": old.id, "new": new.id}


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


def _open(qtbot, db: Database, user: UserInfo, customer_id: int | None = None) -> CustomerForm:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, customer_id)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    form.show()
    if customer_id is not None:
        qtbot.waitUntil(lambda: form.file is not None, timeout=TIMEOUT)
    field = form.profile.campaign
    qtbot.waitUntil(lambda: field.operation is not None and field.operation.done, timeout=TIMEOUT)
    return form


def _source(form: CustomerForm, source: Source) -> None:
    box = form.profile.source
    box.setCurrentIndex(box.findData(source.value))


def test_pick_the_campaign_of_a_new_customer(qtbot, db, office, user) -> None:  # type: ignore[no-untyped-def]
    form = _open(qtbot, db, user)
    field = form.profile.campaign
    assert field.isHidden()  # the source is not a campaign
    _source(form, Source.CAMPAIGN)
    assert field.isVisible() and field.combo.isVisible() and not field.read_only
    combo = field.combo
    assert [combo.itemData(i) for i in range(combo.count())] == [None, office["new"], office["old"]]
    assert combo.itemText(2) == "春节加油优惠 · " + formats.date(dt.date(2026, 1, 20))
    name = form.findChild(QLineEdit, "nameEdit")
    assert name is not None
    name.setText("赵先生")
    combo.setCurrentIndex(combo.findData(office["old"]))
    assert form.isWindowModified()
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    with db.session() as s:
        c = s.query(Customer).one()
        assert (c.source, c.campaign_id) == (Source.CAMPAIGN, office["old"])
    # after the save it is shown, read-only
    qtbot.waitUntil(lambda: field.read_only, timeout=TIMEOUT)
    assert field.value_label.isVisible() and not field.combo.isVisible()
    assert field.value_label.text() == "春节加油优惠 · " + formats.date(dt.date(2026, 1, 20))


def test_stored_campaign_is_read_only_and_another_source_clears_it(qtbot, db, office, user) -> None:  # type: ignore[no-untyped-def]
    saved = customers.create(
        db,
        user.id,
        CustomerData(name="钱女士", source=Source.CAMPAIGN, campaign_id=office["new"]),
    )
    form = _open(qtbot, db, user, saved.customer_id)
    field = form.profile.campaign
    assert field.isVisible() and field.read_only
    assert field.value_label.text().startswith("冬季保养信")
    assert field.value() == office["new"]
    _source(form, Source.REFERRAL)
    assert field.isHidden()
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    with db.session() as s:
        c = s.get(Customer, saved.customer_id)
        assert c is not None and (c.source, c.campaign_id) == (Source.REFERRAL, None)


def test_the_service_checks_the_campaign(db: Database, office: dict[str, int]) -> None:
    data = CustomerData(name="孙先生", source=Source.WALK_IN, campaign_id=office["old"])
    with pytest.raises(ValidationError) as wrong_source:
        customers.create(db, None, data)
    assert wrong_source.value.field == "campaign_id"
    gone = dataclasses.replace(data, source=Source.CAMPAIGN, campaign_id=9999)
    with pytest.raises(ValidationError) as missing:
        customers.create(db, None, gone)
    assert missing.value.field == "campaign_id"
    ok = customers.create(db, None, dataclasses.replace(gone, campaign_id=office["old"]))
    with db.session() as s:
        c = s.get(Customer, ok.customer_id)
        assert c is not None and c.campaign_id == office["old"]
        version = c.version
    with pytest.raises(ValidationError):
        customers.update(db, None, ok.customer_id, version, gone)


def test_a_refused_campaign_is_shown_under_the_field(qtbot, db, office, user) -> None:  # type: ignore[no-untyped-def]
    form = _open(qtbot, db, user)
    _source(form, Source.CAMPAIGN)
    form.findChild(QLineEdit, "nameEdit").setText("周先生")  # type: ignore[union-attr]
    field = form.profile.campaign
    field.combo.setCurrentIndex(field.combo.findData(office["new"]))
    with db.write() as s:  # another PC deletes the campaign meanwhile
        s.delete(s.get(Campaign, office["new"]))
    form.save()
    qtbot.waitUntil(
        lambda: form.save_operation is not None and form.save_operation.done, timeout=TIMEOUT
    )
    assert form.profile.visible_errors() == {"campaign_id": "This campaign no longer exists"}
    with db.session() as s:
        assert s.query(Customer).count() == 0

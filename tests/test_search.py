"""The one search: every form a front desk types, in Chinese, Spanish and English."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app.models import ContactPerson, Customer, User, Vehicle
from app.models.enums import CustomerKind
from app.services import search_index
from app.services.search import RANK_CONTAINS, RANK_EXACT, RANK_PREFIX, search
from app.services.search_keys import norm, parse_query, phone_keys, pinyin_keys


@pytest.fixture
def people(db):  # type: ignore[no-untyped-def]
    with db.write() as s:
        owner = User(username="li.na", display_name="李娜")
        s.add(owner)
        s.flush()
        rows = [
            Customer(number="C001", name="张三", phone="+8613812345678", owner_id=owner.id),
            Customer(number="C002", name="张三丰", phone="+8613900001111"),
            Customer(
                number="C003",
                name="José María García",
                phone="+34612345678",
                email="jose.garcia@correo.es",
            ),
            Customer(
                number="C004", name="曾小贤", phone="+861012345678", membership_card="VIP8888"
            ),
            Customer(number="C005", name="Müller GmbH", kind=CustomerKind.COMPANY),
            Customer(number="C006", name="Ana Lopez", phone="+12025550143"),
        ]
        s.add_all(rows)
        s.flush()
        s.add(Vehicle(customer_id=rows[0].id, plate="粤B·12345"))
        s.add(Vehicle(customer_id=rows[5].id, plate="7ABC123"))
        s.add(ContactPerson(customer_id=rows[4].id, name="王经理", mobile="+8615055556666"))
    return db


def names(session: Session, q: str) -> list[str]:
    return [h.name for h in search(session, q).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张三", "张三"),
        ("zhangsan", "张三"),
        ("zs", "张三"),
        ("zsf", "张三丰"),
        ("jose", "José María García"),
        ("JOSÉ", "José María García"),
        ("garcia", "José María García"),
        ("gar", "José María García"),
        ("maria", "José María García"),
        ("5678", "张三"),
        ("138 1234 5678", "张三"),
        ("138-1234-5678", "张三"),
        ("+86 138 1234 5678", "张三"),
        ("008613812345678", "张三"),
        ("612 345 678", "José María García"),
        ("b12", "张三"),
        ("粤B12345", "张三"),
        ("粤b 123", "张三"),
        ("abc1", "Ana Lopez"),
        ("zeng", "曾小贤"),
        ("zxx", "曾小贤"),
        ("vip8888", "曾小贤"),
        ("01012345678", "曾小贤"),
        ("jose.garcia@", "José María García"),
        ("correo", "José María García"),
        ("muller", "Müller GmbH"),
        ("王经理", "Müller GmbH"),
        ("wjl", "Müller GmbH"),
        ("15055556666", "Müller GmbH"),
        ("C003", "José María García"),
        ("小贤", "曾小贤"),
        ("贤", "曾小贤"),
    ],
)
def test_finds_by_every_key(people, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    with people.session() as s:
        assert expected in names(s, query), query


def test_exact_phone_comes_before_prefix_and_substring(people) -> None:  # type: ignore[no-untyped-def]
    with people.session() as s:
        result = search(s, "张三")
        assert [h.name for h in result.hits][:2] == ["张三", "张三丰"]
        assert result.hits[0].rank == RANK_EXACT
        assert result.hits[1].rank == RANK_PREFIX
        hit = search(s, "13812345678").hits[0]
        assert (hit.name, hit.rank) == ("张三", RANK_EXACT)
        assert search(s, "2345678").hits[0].rank == RANK_CONTAINS


def test_hits_carry_phones_plates_and_owner(people) -> None:  # type: ignore[no-untyped-def]
    with people.session() as s:
        hit = search(s, "zs").hits[0]
    assert hit.phones == ["+8613812345678"]
    assert hit.plates == ["粤B·12345"]
    assert hit.owner == "李娜"


def test_nothing_found_and_empty_queries(people) -> None:  # type: ignore[no-untyped-def]
    with people.session() as s:
        assert search(s, "xyzzy").hits == []
        assert search(s, "   ").hits == []
        assert search(s, "—").hits == []
        assert search(s, '"; DROP TABLE customers; --').hits == []
        assert search(s, "%").hits == []


def test_limit_and_more(people) -> None:  # type: ignore[no-untyped-def]
    with people.session() as s:
        result = search(s, "1", limit=2)
    assert len(result.hits) == 2
    assert result.more


def test_index_follows_every_write(people) -> None:  # type: ignore[no-untyped-def]
    with people.write() as s:
        c = s.query(Customer).filter_by(number="C001").one()
        c.name = "张伟"
        c.vehicles[0].plate = "京A·99999"
        s.add(ContactPerson(customer_id=c.id, name="Pedro", mobile="+34699887766"))
    with people.session() as s:
        assert "张伟" in names(s, "zw")
        assert "张三" not in names(s, "zhangsan")
        assert "张伟" in names(s, "a999")
        assert "张伟" in names(s, "699887")
        assert "张伟" not in names(s, "b12")
    with people.write() as s:
        c = s.query(Customer).filter_by(number="C001").one()
        s.delete(c.vehicles[0])
    with people.session() as s:
        assert "张伟" not in names(s, "a999")


def test_deleted_and_merged_customers_are_not_found(people) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    with people.write() as s:
        s.query(Customer).filter_by(number="C001").one().deleted_at = dt.datetime.now(dt.UTC)
    with people.session() as s:
        assert "张三" not in names(s, "zs")
        assert "张三" not in names(s, "13812345678")


def test_rebuild_gives_the_same_answers(people) -> None:  # type: ignore[no-untyped-def]
    with people.session() as s:
        before = [(h.id, h.rank) for h in search(s, "zs").hits]
    with people.write() as s:
        search_index.rebuild(s)
    with people.session() as s:
        assert [(h.id, h.rank) for h in search(s, "zs").hits] == before


def test_normalisation() -> None:
    assert norm("José MARÍA") == "josemaria"
    assert norm("粤B·12345") == "粤b12345"
    assert norm("Ñandú") == "nandu"
    assert parse_query("0034 612").key == "34612"
    assert "zengxiaoxian" in pinyin_keys("曾小贤")
    assert "13812345678" in phone_keys("+86 138 1234 5678")
    assert phone_keys("") == ()


def test_names_sort_by_pinyin_and_letters(db) -> None:  # type: ignore[no-untyped-def]
    from app.services import customer_list
    from app.services.customer_list import CustomerFilter

    with db.write() as s:
        for i, name in enumerate(["赵六", "Zamora", "张三", "ángel", "Beatriz", "阿明"]):
            s.add(Customer(number=f"C{i}", name=name))
    with db.session() as s:
        rows = customer_list.page(s, CustomerFilter(), "name", False, 0, 10)
    assert [r["name"] for r in rows] == ["阿明", "ángel", "Beatriz", "Zamora", "张三", "赵六"]

"""The demo office's account teams on every key account (app.services.teams), once the
segments are worked out and so the class-A and starred customers are known: most get a
team of at least two people besides the owner (the manager, another salesperson, the
front desk), some are left thin on purpose so the manager's Today page flags them; key
accounts without a strategy card get one. Called once by ``demo.generate``."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.models import AccountTeamMember, Customer
from app.models.enums import TeamRole

from . import teams

THIN = 0.15
"""About this share of the key accounts keeps a thin team (none or one besides the owner)."""
STRATEGY = ("buying_method", "decision_process", "needs", "goals", "competitors", "next_steps")


def add(db: Database, gen: Any) -> int:
    """Fill the key accounts' teams through ``gen`` (the demo generator: its users, seed
    and texts); returns the number of team places afterwards."""
    r = random.Random(f"clientela-demo-teams:{gen.seed}:{gen.locale}")
    texts = gen.t
    helpers = [(gen.manager, TeamRole.MANAGER)] + [(u, TeamRole.SERVICE) for u in gen.sellers]
    helpers.append((gen.desk, TeamRole.SERVICE))

    def work(s: Session) -> int:
        accounts = s.execute(
            teams.key_accounts_query(Customer.id, Customer.owner_id, Customer.goals_plans).order_by(
                Customer.id
            )
        ).all()
        places: dict[int, list[int]] = {}
        for cid, uid in s.execute(
            select(AccountTeamMember.customer_id, AccountTeamMember.user_id).order_by(
                AccountTeamMember.id
            )
        ):
            places.setdefault(cid, []).append(uid)
        new_rows: list[dict[str, Any]] = []
        for cid, owner, goals in accounts:
            members = [u for u in places.get(cid, []) if u != owner]
            if r.random() < THIN:
                keep = members[: r.choice((0, 1))]
                gone = [u for u in members if u not in keep]
                if gone:
                    s.execute(
                        delete(AccountTeamMember).where(
                            AccountTeamMember.customer_id == cid,
                            AccountTeamMember.user_id.in_(gone),
                        )
                    )
            else:
                choices = [h for h in helpers if h[0] != owner and h[0] not in members]
                first, rest = choices[:1], choices[1:]
                r.shuffle(rest)
                for uid, role in (first + rest)[: max(0, 2 - len(members))]:
                    new_rows.append(
                        {"customer_id": cid, "user_id": uid, "role": role, "version": 1}
                    )
            if goals is None:
                s.execute(
                    update(Customer)
                    .where(Customer.id == cid)
                    .values(
                        buying_method=r.choice(texts["buying_method"]),
                        decision_process=r.choice(texts["decision_process"]),
                        needs=r.choice(texts["needs"]),
                        goals_plans=r.choice(texts["goals"]),
                        competitors=r.choice(texts["competitors"]),
                        next_steps=r.choice(texts["next_steps"]),
                    )
                )
        if new_rows:
            s.execute(AccountTeamMember.__table__.insert(), new_rows)
        return s.scalar(select(func.count()).select_from(AccountTeamMember)) or 0

    return db.run_write(work)

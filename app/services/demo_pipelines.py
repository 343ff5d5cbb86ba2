"""The demo office's second pipeline: after-sales [售后] beside the sales pipeline, with
its own stages and probabilities and deals spread over them, each with its stage
history, so the board's pipeline chooser and the per-pipeline forecast have something
to show. Called once by ``demo._Generator.run`` after the customers are written."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer, Deal, DealStageHistory, Pipeline, Stage
from app.models.enums import DealStatus, ReasonCategory

DAY = 86_400

# key, probability %, colour, aging days, won, lost
STAGES = (
    ("quote", 20, "#90a4ae", 7, False, False),
    ("inspection", 40, "#4dd0e1", 7, False, False),
    ("approval", 70, "#ffb74d", 5, False, False),
    ("won", 100, "#66bb6a", 14, True, False),
    ("lost", 0, "#e57373", 14, False, True),
)
NAMES = {
    "zh_CN": ("售后服务", ("报价", "车辆检测", "方案确认", "完工", "放弃")),
    "es_ES": ("Posventa", ("Presupuesto", "Diagnóstico", "Aprobación", "Realizado", "Rechazado")),
    "en_US": ("After-sales", ("Quote", "Inspection", "Approval", "Done", "Declined")),
}
TITLES = {
    "zh_CN": ("车辆保养套餐", "钣金喷漆维修", "四轮更换", "延保服务", "发动机检修", "空调系统维修"),
    "es_ES": (
        "Paquete de mantenimiento",
        "Chapa y pintura",
        "Cambio de neumáticos",
        "Garantía extendida",
        "Revisión de motor",
        "Reparación del aire acondicionado",
    ),
    "en_US": (
        "Service package",
        "Body and paint repair",
        "Four new tyres",
        "Extended warranty",
        "Engine overhaul",
        "Air conditioning repair",
    ),
}
SHARE = 6
"""One after-sales deal for about every sixth customer."""


def add(s: Session, gen: Any) -> None:
    """Write the after-sales pipeline, its stages and its deals through ``gen`` (the demo
    generator: its ids, clock, texts and row counts)."""
    r = random.Random(f"clientela-demo-pipelines:{gen.seed}:{gen.locale}")
    name, stage_names = NAMES[gen.locale]
    taken = set(s.scalars(select(Pipeline.name)))
    base, n = name, 2
    while name in taken:
        name, n = f"{base} {n}", n + 1
    pid = gen.next_id("pipelines")
    gen.insert(
        s,
        Pipeline.__table__,
        [
            {
                "id": pid,
                "name": name,
                "sort_order": 1,
                "is_default": False,
                "active": True,
                "version": 1,
            }
        ],
    )
    ids = []
    rows = []
    for order, ((key, prob, color, aging, won, lost), sname) in enumerate(
        zip(STAGES, stage_names, strict=True)
    ):
        sid = gen.next_id("stages")
        ids.append(sid)
        rows.append(
            {
                "id": sid,
                "pipeline_id": pid,
                "key": key,
                "name": sname,
                "sort_order": order,
                "probability": prob,
                "color": color,
                "is_won": won,
                "is_lost": lost,
                "aging_days": aging,
                "version": 1,
            }
        )
    gen.insert(s, Stage.__table__, rows)

    customers = s.execute(
        select(Customer.id, Customer.owner_id)
        .where(Customer.id >= gen.first_customer)
        .order_by(Customer.id)
    ).all()
    chosen = [c for c in customers if r.randrange(SHARE) == 0]
    deals, history = [], []
    T = gen.t
    for cid, owner in chosen:
        owner = owner or r.choice(gen.sellers)
        roll = r.random()
        status = (
            DealStatus.OPEN if roll < 0.55 else DealStatus.WON if roll < 0.85 else DealStatus.LOST
        )
        if status is DealStatus.OPEN:
            path = list(range(r.randrange(3) + 1))
        elif status is DealStatus.WON:
            path = [*range(r.randrange(3) + 1), 3]
        else:
            path = [*range(r.randrange(3) + 1), 4]
        dwell = [r.randrange(DAY // 2, 10 * DAY) for _ in path[1:]]
        # open deals entered their stage in the last three weeks; closed ones any time
        # in the last ten months
        since = (
            r.randrange(DAY // 4, 21 * DAY)
            if status is DealStatus.OPEN
            else r.randrange(DAY, 300 * DAY)
        )
        start = -(sum(dwell) + since)
        times = [start]
        for x in dwell:
            times.append(times[-1] + x)
        did = gen.next_id("deals")
        for i, st in enumerate(path):
            left = times[i + 1] if i + 1 < len(path) else None
            history.append(
                {
                    "id": gen.next_id("deal_stage_history"),
                    "deal_id": did,
                    "pipeline_id": pid,
                    "stage_id": ids[st],
                    "entered_at": gen.at(times[i]),
                    "left_at": gen.at(left) if left is not None else None,
                    "user_id": owner,
                }
            )
        cents = gen.cash(800, 15_000, 10)
        closed = status is not DealStatus.OPEN
        reason = reason_text = competitor = None
        if status is DealStatus.LOST:
            reason = r.choice(tuple(ReasonCategory))
            rival = r.choice(T["competitors"])
            reason_text = r.choice(T[f"lost_{reason.value}"]).format(rival)
            competitor = rival if reason is ReasonCategory.COMPETITOR else None
        last = times[-1]
        deals.append(
            {
                "id": did,
                "customer_id": cid,
                "pipeline_id": pid,
                "stage_id": ids[path[-1]],
                "owner_id": owner,
                "title": r.choice(TITLES[gen.locale]),
                "amount": Decimal(cents).scaleb(-2),
                "probability_override": None,
                "expected_close": gen.date(last // DAY if closed else r.randrange(-5, 60)),
                "stage_entered_at": gen.at(last),
                "status": status,
                "closed_at": gen.at(last) if closed else None,
                "won_amount": Decimal(cents).scaleb(-2) if status is DealStatus.WON else None,
                "lost_reason": reason,
                "lost_reason_text": reason_text,
                "competitor": competitor,
                "products": None,
                "notes": None,
                "deleted_at": None,
                "version": 1,
                "created_at": gen.at(times[0]),
                "updated_at": gen.at(last),
            }
        )
    gen.insert(s, Deal.__table__, deals)
    gen.insert(s, DealStageHistory.__table__, history)

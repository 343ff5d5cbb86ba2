"""Several pipelines [多条销售流程]: an office may keep fleet sales and retail, new cars and
after-sales, each with its own stages and probabilities. A deal belongs to one pipeline;
``move_to_pipeline`` takes it to another, mapping its stage.

Administrators and managers add, rename, reorder and deactivate pipelines. A pipeline is
never deleted while deals or stage history refer to it, and the default pipeline (where
new deals go unless told otherwise) is neither deleted nor deactivated.

How a deal's stage is mapped into the new pipeline (``MappedStage.rule`` says which):

- ``chosen``: the caller named the stage;
- ``won`` / ``lost``: a closed deal stays closed, in the won or lost stage of the new one;
- ``key``: the open stage with the same key (``negotiation`` → ``negotiation``);
- ``name``: else the open stage with the same name (case and spaces aside);
- ``probability``: else the open stage whose probability is nearest (the earlier one on a
  tie): 60 % lands at the stage nearest 60 %;
- ``first``: else (the deal's stage has no probability to go by) the first open stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import Deal, DealStageHistory, Pipeline, Stage, User, utcnow
from app.models.enums import AuditAction, DealStatus, Role

from . import audit
from .concurrency import expect_version
from .pipeline import (
    DEFAULT_NAMES,
    DEFAULT_STAGES,
    DealState,
    Moved,
    StageFigures,
    _apply,
    _state,
    editable_deal,
    new_stay,
    stage_figures,
)

RULES = ("chosen", "won", "lost", "key", "name", "probability", "first")


@dataclass(frozen=True)
class PipelineInfo:
    """A pipeline as the choosers and Settings list it."""

    id: int
    name: str
    sort_order: int
    is_default: bool
    active: bool
    version: int
    deals: int = 0
    """Deals in it (deleted ones too: they still refer to it)."""
    open_deals: int = 0


def pipelines(session: Session, *, active_only: bool = True) -> list[PipelineInfo]:
    """The pipelines in their order (the default first), with how many deals each holds."""
    counts = {
        pid: (int(n), int(o or 0))
        for pid, n, o in session.execute(
            select(
                Deal.pipeline_id,
                func.count(),
                func.sum(case((Deal.status == DealStatus.OPEN, 1), else_=0)),
            ).group_by(Deal.pipeline_id)
        )
    }
    q = select(
        Pipeline.id,
        Pipeline.name,
        Pipeline.sort_order,
        Pipeline.is_default,
        Pipeline.active,
        Pipeline.version,
    ).order_by(Pipeline.is_default.desc(), Pipeline.sort_order, Pipeline.id)
    if active_only:
        q = q.where(Pipeline.active.is_(True))
    return [
        PipelineInfo(
            pid, name, order, bool(default), bool(active), version, *counts.get(pid, (0, 0))
        )
        for pid, name, order, default, active, version in session.execute(q)
    ]


def open_stage_figures(session: Session) -> list[StageFigures]:
    """The open stages' figures of every active pipeline; where there are several, each
    stage named "pipeline ▸ stage" (the monthly workbook's pipeline sheet)."""
    figures = [f for f in stage_figures(session) if f.stage.is_open]
    if len({f.stage.pipeline_id for f in figures}) <= 1:
        return figures
    names = {pid: name for pid, name in session.execute(select(Pipeline.id, Pipeline.name))}
    return [
        replace(f, stage=replace(f.stage, name=f"{names[f.stage.pipeline_id]} ▸ {f.stage.name}"))
        for f in figures
    ]


def find(session: Session, name: str) -> PipelineInfo | None:
    """The pipeline of this name (case and surrounding spaces aside), active or not."""
    wanted = name.strip().casefold()
    return next(
        (p for p in pipelines(session, active_only=False) if p.name.casefold() == wanted), None
    )


def _check_admin(s: Session, user_id: int | None) -> None:
    if user_id is None:
        return
    role = s.scalar(select(User.role).where(User.id == user_id))
    if role not in (Role.ADMIN, Role.MANAGER):
        raise PermissionDenied("only an administrator or a manager changes the pipelines")


def _valid_name(s: Session, name: str, pipeline_id: int | None) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise ValidationError("a pipeline needs a name of at most 100 characters", field="name")
    for pid, other in s.execute(select(Pipeline.id, Pipeline.name)):
        if pid != pipeline_id and other.casefold() == name.casefold():
            raise ValidationError("a pipeline named {name} exists already", field="name", name=name)
    return name


def _get(s: Session, pipeline_id: int, seen_version: int | None) -> Pipeline:
    pipe = s.get(Pipeline, pipeline_id)
    if seen_version is not None:
        expect_version(pipe, seen_version)
    if pipe is None:
        raise ValidationError("no such pipeline", field="pipeline")
    return pipe


def add_pipeline(
    db: Database, user_id: int | None, name: str, *, copy_from: int | None = None
) -> int:
    """A new pipeline, last in the order, whose stages start as a copy of ``copy_from``'s
    (else the default pipeline's; else the stages a new office starts with), to be
    edited in Settings ▸ Stages. Returns its id."""

    def work(s: Session) -> int:
        _check_admin(s, user_id)
        clean = _valid_name(s, name, None)
        source = copy_from
        if source is None:
            source = s.scalar(
                select(Pipeline.id)
                .order_by(Pipeline.is_default.desc(), Pipeline.sort_order, Pipeline.id)
                .limit(1)
            )
        last = s.scalar(select(func.max(Pipeline.sort_order))) or 0
        has_default = s.scalar(select(func.count()).where(Pipeline.is_default.is_(True))) or 0
        pipe = Pipeline(name=clean, sort_order=last + 1, is_default=not has_default, active=True)
        s.add(pipe)
        s.flush()
        template = (
            list(s.scalars(select(Stage).where(Stage.pipeline_id == source)))
            if source is not None
            else []
        )
        if template:
            for st in template:
                s.add(
                    Stage(
                        pipeline_id=pipe.id,
                        key=st.key,
                        name=st.name,
                        sort_order=st.sort_order,
                        probability=st.probability,
                        color=st.color,
                        is_won=st.is_won,
                        is_lost=st.is_lost,
                        aging_days=st.aging_days,
                    )
                )
        else:
            for order, (key, probability, color, won, lost) in enumerate(DEFAULT_STAGES):
                s.add(
                    Stage(
                        pipeline_id=pipe.id,
                        key=key,
                        name=DEFAULT_NAMES[key],
                        sort_order=order,
                        probability=probability,
                        color=color,
                        is_won=won,
                        is_lost=lost,
                    )
                )
        s.flush()
        audit.record(
            s,
            user_id,
            AuditAction.CREATE,
            "pipeline",
            pipe.id,
            {"name": (None, clean)},
            note=None if source is None else f"stages copied from pipeline {source}",
        )
        return pipe.id

    return db.run_write(work)


def rename_pipeline(
    db: Database, user_id: int | None, pipeline_id: int, name: str, seen_version: int
) -> int:
    """Returns the pipeline's new version."""

    def work(s: Session) -> int:
        _check_admin(s, user_id)
        pipe = _get(s, pipeline_id, seen_version)
        clean = _valid_name(s, name, pipeline_id)
        if clean != pipe.name:
            audit.record(
                s, user_id, AuditAction.UPDATE, "pipeline", pipe.id, {"name": (pipe.name, clean)}
            )
            pipe.name = clean
            s.flush()
        return pipe.version

    return db.run_write(work)


def set_active(
    db: Database, user_id: int | None, pipeline_id: int, active: bool, seen_version: int
) -> int:
    """Deactivate (hide from the board's chooser, the new-deal dialog and the figures of
    all pipelines) or activate again. The default pipeline stays active, and one with
    open deals is only deactivated once they are moved or closed. Returns the version."""

    def work(s: Session) -> int:
        _check_admin(s, user_id)
        pipe = _get(s, pipeline_id, seen_version)
        if not active and pipe.is_default:
            raise ValidationError("the default pipeline cannot be deactivated", field="active")
        if not active:
            still = s.scalar(
                select(func.count()).where(
                    Deal.pipeline_id == pipeline_id,
                    Deal.status == DealStatus.OPEN,
                    Deal.deleted_at.is_(None),
                )
            )
            if still:
                raise ValidationError(
                    "{count} open deal(s) are in this pipeline: move or close them first",
                    field="active",
                    count=still,
                )
        if pipe.active != active:
            audit.record(
                s,
                user_id,
                AuditAction.UPDATE,
                "pipeline",
                pipe.id,
                {"active": (pipe.active, active)},
            )
            pipe.active = active
            s.flush()
        return pipe.version

    return db.run_write(work)


def set_default(db: Database, user_id: int | None, pipeline_id: int) -> None:
    """Make this (active) pipeline the one new deals go to unless told otherwise."""

    def work(s: Session) -> None:
        _check_admin(s, user_id)
        pipe = _get(s, pipeline_id, None)
        if not pipe.active:
            raise ValidationError("activate the pipeline first", field="is_default")
        for other in s.scalars(select(Pipeline).where(Pipeline.is_default.is_(True))):
            if other.id != pipe.id:
                other.is_default = False
        if not pipe.is_default:
            pipe.is_default = True
            audit.record(
                s, user_id, AuditAction.UPDATE, "pipeline", pipe.id, {"is_default": (False, True)}
            )

    db.run_write(work)


def reorder_pipelines(db: Database, user_id: int | None, pipeline_ids: list[int]) -> None:
    """Put the pipelines in this order (all of them, each once); the default one is still
    listed first by the choosers."""

    def work(s: Session) -> None:
        _check_admin(s, user_id)
        found = {p.id: p for p in s.scalars(select(Pipeline))}
        if sorted(pipeline_ids) != sorted(found):
            raise ValidationError("give every pipeline once", field="order")
        for order, pid in enumerate(pipeline_ids):
            if found[pid].sort_order != order:
                audit.record(
                    s,
                    user_id,
                    AuditAction.UPDATE,
                    "pipeline",
                    pid,
                    {"sort_order": (found[pid].sort_order, order)},
                )
                found[pid].sort_order = order

    db.run_write(work)


def delete_pipeline(db: Database, user_id: int | None, pipeline_id: int, seen_version: int) -> None:
    """Delete a pipeline nothing refers to (no deal, deleted ones included, and no stage
    history), with its stages. The default pipeline is never deleted: deactivate instead."""

    def work(s: Session) -> None:
        _check_admin(s, user_id)
        pipe = _get(s, pipeline_id, seen_version)
        if pipe.is_default:
            raise ValidationError("the default pipeline cannot be deleted", field="pipeline")
        deals = s.scalar(select(func.count()).where(Deal.pipeline_id == pipeline_id)) or 0
        stays = (
            s.scalar(select(func.count()).where(DealStageHistory.pipeline_id == pipeline_id)) or 0
        )
        if deals or stays:
            raise ValidationError(
                "{count} deal(s) are or were in this pipeline: deactivate it instead",
                field="pipeline",
                count=max(deals, 1),
            )
        for st in s.scalars(select(Stage).where(Stage.pipeline_id == pipeline_id)):
            s.delete(st)
        audit.record(
            s, user_id, AuditAction.DELETE, "pipeline", pipe.id, {"name": (pipe.name, None)}
        )
        s.delete(pipe)

    db.run_write(work)


# --------------------------------------------------------------- moving a deal
@dataclass(frozen=True)
class MappedStage:
    stage_id: int
    rule: str
    """Which rule chose it: one of RULES (see the module's docstring)."""


def map_stage(session: Session, stage_id: int, pipeline_id: int) -> MappedStage:
    """Where a deal in ``stage_id`` lands in ``pipeline_id`` (the rules in the module's
    docstring). ValidationError when the pipeline has no stage to take it."""
    source = session.get(Stage, stage_id)
    targets = list(
        session.scalars(
            select(Stage)
            .where(Stage.pipeline_id == pipeline_id)
            .order_by(Stage.sort_order, Stage.id)
        )
    )
    if source is not None and (source.is_won or source.is_lost):
        flag = "won" if source.is_won else "lost"
        found = next((t for t in targets if getattr(t, f"is_{flag}")), None)
        if found is None:
            raise ValidationError(
                "that pipeline has no won stage"
                if flag == "won"
                else "that pipeline has no lost stage",
                field="pipeline",
            )
        return MappedStage(found.id, flag)
    open_ = [t for t in targets if not (t.is_won or t.is_lost)]
    if not open_:
        raise ValidationError("that pipeline has no open stage", field="pipeline")
    if source is None:
        return MappedStage(open_[0].id, "first")
    if source.key:
        same = next((t for t in open_ if t.key == source.key), None)
        if same is not None:
            return MappedStage(same.id, "key")
    folded = " ".join(source.name.split()).casefold()
    same = next((t for t in open_ if " ".join(t.name.split()).casefold() == folded), None)
    if same is not None:
        return MappedStage(same.id, "name")
    nearest = min(open_, key=lambda t: abs(t.probability - source.probability))
    return MappedStage(nearest.id, "probability")


@dataclass(frozen=True)
class PipelineMoved(Moved):
    """A move to another pipeline; ``pipeline.undo_move`` takes it back like any move."""

    from_pipeline_id: int = 0
    to_pipeline_id: int = 0
    rule: str = ""


def move_to_pipeline(
    db: Database,
    user_id: int | None,
    deal_id: int,
    pipeline_id: int,
    seen_version: int,
    stage_id: int | None = None,
    *,
    now: dt.datetime | None = None,
) -> PipelineMoved:
    """Take a deal to another pipeline: its stage is ``stage_id`` (a stage of that
    pipeline matching the deal's state: open, won or lost) or mapped by ``map_stage``.
    The open stay in the stage history is closed and one opens in the new pipeline's
    stage (the history row records the pipeline); status, closing time and the won or
    lost fields stay. Audited; ConflictError when the deal changed since ``seen_version``."""

    def work(s: Session) -> PipelineMoved:
        deal = editable_deal(s, user_id, deal_id, seen_version)
        pipe = s.get(Pipeline, pipeline_id)
        if pipe is None or not pipe.active:
            raise ValidationError("choose an active pipeline", field="pipeline")
        if pipe.id == deal.pipeline_id:
            raise ValidationError("the deal is already in this pipeline", field="pipeline")
        if stage_id is None:
            mapped = map_stage(s, deal.stage_id, pipe.id)
        else:
            target = s.get(Stage, stage_id)
            if target is None or target.pipeline_id != pipe.id:
                raise ValidationError("that stage is not in this pipeline", field="stage")
            state = "won" if target.is_won else "lost" if target.is_lost else "open"
            if state != deal.status.value:
                raise ValidationError(
                    "a deal changes pipeline as it is: choose a stage of its state",
                    field="stage",
                )
            mapped = MappedStage(target.id, "chosen")
        at = now or utcnow()
        before = _state(deal)
        from_pipeline = deal.pipeline_id
        closed_id, row = new_stay(s, deal.id, pipe.id, mapped.stage_id, at, user_id)
        after = DealState(
            stage_id=mapped.stage_id,
            stage_entered_at=at,
            status=deal.status,
            closed_at=deal.closed_at,
            won_amount=deal.won_amount,
            lost_reason=deal.lost_reason,
            lost_reason_text=deal.lost_reason_text,
            pipeline_id=pipe.id,
        )
        changes: dict[str, tuple[Any, Any]] = _apply(deal, after)
        s.flush()
        audit.record(
            s,
            user_id,
            AuditAction.UPDATE,
            "deal",
            deal.id,
            changes,
            note=f"pipeline move ({mapped.rule})",
        )
        return PipelineMoved(
            deal.id,
            deal.customer_id,
            before.stage_id,
            mapped.stage_id,
            deal.version,
            before,
            closed_id,
            row.id,
            from_pipeline,
            pipe.id,
            mapped.rule,
        )

    return db.run_write(work)

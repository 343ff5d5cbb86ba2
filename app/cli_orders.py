"""The money side on the command line: ``statement`` (the statement of account of one
customer for a period) and ``credit`` (a customer's receivables by days past due).

``cli.build_parser`` calls ``add_order_commands(sub, _command)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from .cli_report import Command, _date


def add_order_commands(sub: Any, command: Command) -> None:
    p = command(
        sub,
        "statement",
        help="a customer's statement of account for a period: opening balance, orders, "
        "returns and payments with the running balance, closing balance, what is overdue",
    )
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--from", dest="date_from", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_date, metavar="YYYY-MM-DD")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", metavar="FILE.xlsx", help="write the workbook")
    out.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("zh", "es", "en"), help="the workbook's language (office's)")
    p.set_defaults(handler=cmd_statement)

    p = command(
        sub,
        "credit",
        help="a customer's credit terms and receivables by days past due "
        "(not yet due, 1-30, 31-60, 61-90, over 90)",
    )
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="as on this day (today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_credit)
    add_product_commands(sub, command)
    add_contract_commands(sub, command)
    p = command(
        sub,
        "import-orders",
        help="orders with lines from .xlsx/.xls/.csv: one row per line grouped by an order "
        "number column (a master sheet may hold customer and date); all or nothing",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME", help="the sheet with the lines (found by itself)")
    p.add_argument("--status", choices=("confirmed", "delivered", "invoiced"), default="invoiced")
    p.add_argument("--dry-run", action="store_true", help="check every order, write nothing")
    p.set_defaults(handler=cmd_import_orders)


def cmd_statement(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import statement

    with acting(args, current=False) as (db, uid):
        if args.json:
            st = statement.statement(db, uid, args.customer, args.date_from, args.date_to)
        else:
            path, st = statement.make_workbook(
                db, uid, args.customer, args.date_from, args.date_to, args.out, lang=args.lang
            )
    if args.json:
        print(json.dumps(st.as_dict(), ensure_ascii=False))
        return 0
    print(
        f"wrote the statement of {st.number} {st.name} from {st.start} to {st.end} to {path}: "
        f"opening {st.opening:,}, {len(st.lines)} lines, closing {st.closing:,}, "
        f"overdue {st.overdue:,}"
    )
    return 0


def cmd_credit(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import credit, figures
    from .services.customers import resolve

    as_of = args.as_of or dt.date.today()
    with acting(args, current=False) as (db, uid), db.session() as s:
        cid = resolve(s, args.customer)
        aged = credit.aging(s, cid, as_of, uid)
        terms = credit.terms(s, cid)
        if not figures.may_see_financials(s, uid):
            terms = figures.blank(terms, "limit")
    data = {
        **aged.as_dict(),
        "limit": None if terms.limit is None else str(terms.limit),
        "term_days": terms.term_days,
        "statement_day": terms.statement_day,
        "payment_terms": terms.payment_terms,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    limit = "-" if terms.limit is None else figures.cli(terms.limit)
    owed = figures.cli(aged.total)
    print(f"as of {as_of}: owed {owed} (limit {limit}, {terms.term_days} days' credit)")
    labels = ("not yet due", "1-30 days", "31-60 days", "61-90 days", "over 90 days")
    for label, amount in zip(labels, aged.buckets, strict=True):
        print(f"  {label:<14} {figures.cli(amount, '>14,')}")
    if aged.oldest_days:
        print(f"oldest unpaid order {aged.oldest_days} days past due", file=sys.stdout)
    return 0


def add_margins(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "margins",
        help="gross margin per customer, product or order over a period (returns deducted)",
    )
    p.add_argument("--by", choices=("customer", "product", "order"), default="customer")
    p.add_argument("--from", dest="date_from", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--customer", metavar="ID_OR_NUMBER", help="only this customer")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_margins)


def cmd_margins(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import margins
    from .services.customers import resolve

    with acting(args, current=False) as (db, uid), db.session() as s:
        cid = resolve(s, args.customer) if args.customer else None
        rows = margins.margins(
            s, args.by, args.date_from, args.date_to, customer_id=cid, user_id=uid
        )
    total = margins.total(rows)
    if args.json:
        data = {
            "by": args.by,
            "from": args.date_from.isoformat(),
            "to": args.date_to.isoformat(),
            "rows": [r.as_dict() for r in rows],
            "total": total.as_dict(),
        }
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(f"{args.by} margins {args.date_from} – {args.date_to}")
    print(
        f"{'ref':<12} {'name':<24} {'sales':>14} {'returned':>12} {'cost':>14} "
        f"{'margin':>14} {'%':>6}"
    )
    for r in [*rows, total]:
        share = "-" if r.share is None else f"{r.share}"
        print(
            f"{(r.ref or '')[:12]:<12} {(r.name or ('total' if r is total else ''))[:24]:<24} "
            f"{r.sales:>14,} {r.returned:>12,} {r.cost - r.returned_cost:>14,} "
            f"{r.margin:>14,} {share:>6}"
        )
    return 0


# ------------------------------------------------------------------ products and orders
def add_product_commands(sub: Any, command: Command) -> None:
    p = command(sub, "products", help="the product list: list, add, export, import")
    products = p.add_subparsers(dest="products_command", metavar="ACTION", required=True)
    q = command(products, "list", help="every product with price and cost")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.set_defaults(handler=cmd_products_list)
    q = command(products, "add", help="a new product (managers)")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--code", metavar="CODE")
    q.add_argument(
        "--category",
        choices=("fuel", "vehicle", "accessory", "service", "parts", "other"),
        default="other",
    )
    q.add_argument("--unit", default="pc", metavar="UNIT")
    q.add_argument("--price", metavar="AMOUNT", help="list price")
    q.add_argument("--cost", metavar="AMOUNT")
    q.set_defaults(handler=cmd_products_add)
    q = command(products, "export", help="the product list to .xlsx or .csv")
    q.add_argument("--out", required=True, metavar="FILE")
    q.set_defaults(handler=cmd_products_export)
    q = command(products, "import", help="add or update products from .xlsx/.csv (all or nothing)")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(handler=cmd_products_import)

    p = command(
        sub,
        "order",
        help="record an order with lines (PRODUCT:QTY[:PRICE[:DISCOUNT%%[:UNIT_COST]]]) or an "
        "amount; warns over the credit limit or when the customer is >30 days overdue",
    )
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the order's date (today)")
    p.add_argument("--number", metavar="TEXT")
    p.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="SPEC",
        help="PRODUCT (code, name or id, else a description):QTY[:PRICE[:DISCOUNT[:COST]]]",
    )
    p.add_argument("--amount", metavar="AMOUNT", help="an order without lines")
    p.add_argument("--contract", metavar="NUMBER", help="the contract the order is placed under")
    p.add_argument("--cost", metavar="AMOUNT", help="its cost")
    p.add_argument(
        "--status", choices=("draft", "confirmed", "delivered", "invoiced"), default="confirmed"
    )
    p.add_argument(
        "--accept-credit-warning", action="store_true", help="save despite a credit warning"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_order)

    p = command(sub, "payment", help="record a payment received from a customer")
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="paid on (today)")
    p.add_argument("--amount", required=True, metavar="AMOUNT")
    p.add_argument(
        "--method",
        choices=("cash", "card", "transfer", "cheque", "mobile", "other"),
        default="transfer",
    )
    p.add_argument("--reference", metavar="TEXT")
    p.set_defaults(handler=cmd_payment)

    p = command(
        sub, "return", help="record goods returned against an order (never more than bought)"
    )
    p.add_argument("--order", required=True, metavar="NUMBER_OR_ID")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="returned on (today)")
    p.add_argument(
        "--line", action="append", default=[], metavar="LINE:QTY", help="order line id and quantity"
    )
    p.add_argument("--amount", metavar="AMOUNT", help="an amount, for an order without lines")
    p.add_argument("--reason", metavar="TEXT")
    p.set_defaults(handler=cmd_return)

    p = command(sub, "set-credit", help="a customer's credit limit, term, statement day, terms")
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--limit", metavar="AMOUNT", help="empty: the office's default")
    p.add_argument("--term-days", metavar="DAYS")
    p.add_argument("--statement-day", metavar="DAY")
    p.add_argument("--payment-terms", metavar="TEXT")
    p.set_defaults(handler=cmd_set_credit)


def cmd_products_list(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import figures, products

    with acting(args, current=False) as (db, uid), db.session() as s:
        rows = products.listing(s, user_id=uid)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        state = "" if r.active else "  (not sold)"
        print(
            f"{r.id:>5}  {(r.code or '-'):<10} {r.name:<30} {r.category:<10} {r.unit:<6} "
            f"{r.list_price:>12,} {figures.cli(r.cost, '>12,')}{state}"
        )
    return 0


def cmd_products_add(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import products

    with acting(args, current=False) as (db, uid):
        pid = products.save(
            db,
            uid,
            products.ProductData(
                name=args.name,
                category=args.category,
                unit=args.unit,
                list_price=args.price,
                cost=args.cost,
                code=args.code,
            ),
        )
    print(f"product {pid} added")
    return 0


def cmd_products_export(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import products

    with acting(args, current=False) as (db, _uid):
        n = products.export(db, args.out)
    print(f"exported {n} products to {args.out}")
    return 0


def cmd_products_import(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import products

    with acting(args, current=False) as (db, uid):
        added, updated = products.import_file(db, uid, args.file)
    print(f"products: {added} added, {updated} updated")
    return 0


def _line(session: Any, spec: str) -> Any:
    from .errors import ValidationError
    from .services import products
    from .services.orders import LineInput

    parts = spec.split(":")
    if len(parts) < 2 or len(parts) > 5 or not parts[0].strip():
        raise ValidationError(
            "a line is PRODUCT:QTY[:PRICE[:DISCOUNT[:COST]]], not {spec}", field="line", spec=spec
        )
    parts += [""] * (5 - len(parts))
    what, qty, price, disc, cost = parts
    pid = products.resolve(session, what)
    return LineInput(
        product_id=pid,
        quantity=qty,
        unit_price=price or None,
        discount_pct=disc or None,
        unit_cost=cost or None,
        description=None if pid is not None else what,
    )


def cmd_order(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .errors import ValidationError
    from .models.enums import OrderStatus
    from .services import figures, orders
    from .services.customers import resolve

    if args.line and args.amount:
        raise ValidationError("give lines or an amount, not both", field="amount")
    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            cid = resolve(s, args.customer)
            lines = [_line(s, spec) for spec in args.line]
            contract_id = None
            if args.contract:
                from .services.contracts import resolve as resolve_contract

                contract_id = resolve_contract(s, args.contract)
        saved = orders.create(
            db,
            uid,
            orders.OrderInput(
                cid,
                args.date or dt.date.today(),
                lines,
                amount=args.amount,
                cost=args.cost,
                number=args.number,
                status=OrderStatus(args.status),
                contract_id=contract_id,
            ),
            accept_credit_warning=args.accept_credit_warning,
        )
    warnings = [p.message for p in saved.check.problems] if saved.check else []
    if args.json:
        data = {
            "order_id": saved.order_id,
            "amount": str(saved.amount),
            "cost": figures.text(saved.cost),
            "margin": figures.text(saved.margin),
            "credit_warnings": warnings,
        }
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(
        f"order {saved.order_id}: amount {saved.amount:,}"
        + ("" if saved.cost is None else f", cost {saved.cost:,}, margin {saved.margin:,}")
    )
    for w in warnings:
        print(f"credit warning accepted: {w}", file=sys.stderr)
    return 0


def cmd_payment(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .models.enums import PaymentMethod
    from .services import orders
    from .services.customers import resolve

    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            cid = resolve(s, args.customer)
        pid = orders.add_payment(
            db,
            uid,
            cid,
            args.date or dt.date.today(),
            args.amount,
            method=PaymentMethod(args.method),
            reference=args.reference,
        )
    print(f"payment {pid} recorded")
    return 0


def cmd_return(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from .cli_session import acting
    from .errors import ValidationError
    from .models import Order
    from .services import orders

    items = []
    for spec in args.line:
        line_id, _, qty = spec.partition(":")
        if not line_id.strip().isdigit() or not qty.strip():
            raise ValidationError(
                "a returned line is LINE_ID:QTY, not {spec}", field="line", spec=spec
            )
        items.append(orders.ReturnLineInput(int(line_id), qty))
    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            oid = s.scalar(select(Order.id).where(Order.number == args.order))
            if oid is None and args.order.isdigit():
                oid = s.scalar(select(Order.id).where(Order.id == int(args.order)))
        if oid is None:
            raise ValidationError("no order {ref}", field="order", ref=args.order)
        rid = orders.add_return(
            db,
            uid,
            oid,
            args.date or dt.date.today(),
            lines=items,
            amount=args.amount,
            reason=args.reason,
        )
    print(f"return {rid} recorded")
    return 0


def cmd_set_credit(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .models import Customer
    from .services import credit
    from .services.customers import resolve

    def given(value: str | None, now: Any) -> Any:
        return now if value is None else value

    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            c = s.get(Customer, resolve(s, args.customer))
            cid = c.id
            data = credit.TermsInput(
                limit=given(args.limit, c.credit_limit),
                term_days=given(args.term_days, c.credit_term_days),
                statement_day=given(args.statement_day, c.statement_day),
                payment_terms=given(args.payment_terms, c.payment_terms),
            )
        changed = credit.set_terms(db, uid, cid, data)
    print(f"changed: {', '.join(changed) or 'nothing'}")
    return 0


# ------------------------------------------------------------------ contracts
def add_contract_commands(sub: Any, command: Command) -> None:
    p = command(
        sub,
        "contracts",
        help="a customer's contracts with what was ordered, delivered and invoiced against "
        "them, or (--expiring) those ending within 30 days",
    )
    p.add_argument("--customer", metavar="ID_OR_NUMBER")
    p.add_argument("--expiring", action="store_true", help="ending within 30 days")
    p.add_argument("--owner", metavar="NAME", help="with --expiring: this salesperson's")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="as on this day (today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_contracts)

    p = command(sub, "contract", help="record a contract (number, customer, dates, amount)")
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--number", required=True, metavar="TEXT")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument("--amount", metavar="AMOUNT")
    p.add_argument("--signed", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--start", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--end", type=_date, metavar="YYYY-MM-DD")
    p.add_argument(
        "--status",
        choices=("draft", "signed", "in_force", "completed", "cancelled"),
        default="draft",
    )
    p.add_argument("--notes", metavar="TEXT")
    p.set_defaults(handler=cmd_contract)


def cmd_contracts(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .errors import ValidationError
    from .services import contracts, figures
    from .services.customers import resolve
    from .services.exports import resolve_owner

    if bool(args.customer) == bool(args.expiring):
        raise ValidationError("give --customer or --expiring", field="customer")
    with acting(args, current=False) as (db, uid), db.session() as s:
        if args.customer:
            rows = contracts.for_customer(s, resolve(s, args.customer), uid)
        else:
            owner = resolve_owner(s, args.owner) if args.owner else uid
            rows = contracts.hidden_for(
                s, uid, contracts.expiring(s, owner, args.date or dt.date.today())
            )
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        print(
            f"{r.number:<14} {r.customer_name[:20]:<20} {r.status:<10} "
            f"{r.ends_on or '-'!s:<10} {figures.cli(r.amount, '>14,')} "
            f"delivered {figures.cli(r.delivered, '>14,')} "
            f"invoiced {figures.cli(r.invoiced, '>14,')}"
        )
    if not rows:
        print("no contract", file=sys.stderr)
    return 0


def cmd_contract(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import contracts
    from .services.customers import resolve

    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            cid = resolve(s, args.customer)
        new_id = contracts.save(
            db,
            uid,
            contracts.ContractData(
                customer_id=cid,
                number=args.number,
                title=args.title,
                signed_on=args.signed,
                starts_on=args.start,
                ends_on=args.end,
                amount=args.amount,
                status=args.status,
                notes=args.notes,
            ),
        )
    print(f"contract {new_id} recorded")
    return 0


def cmd_import_orders(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .models.enums import OrderStatus
    from .services import order_import

    with acting(args, current=False) as (db, uid):
        result = order_import.import_orders(
            db, uid, args.file, args.sheet, status=OrderStatus(args.status), dry_run=args.dry_run
        )
    verb = "checked (dry run, nothing written): would import" if args.dry_run else "imported"
    print(
        f"{verb} {result.orders} orders with {result.lines} lines"
        + (f"; {result.skipped} already here, skipped" if result.skipped else "")
    )
    return 0

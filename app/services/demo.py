"""Demo data: a believable office with two years of history, for trying the program, for
screenshots and for the benchmarks.

The office is a fuel station with a car dealership and workshop, in Shenzhen (zh_CN),
Madrid (es_ES) or Sacramento (en_US): names, streets, phones, plates, products and every
text come from that place, so search, pinyin, phone parsing and plates meet what real
offices hold. Names and streets are drawn from Faker's provider lists with one
``random.Random`` rather than by calling Faker per row: a hundred thousand customers with
a million activities must load in well under three minutes on a two-core PC.

Same seed, locale and ``today`` give the same rows. Rows are written with Core bulk
inserts and ids chosen here, so children point at parents without a round trip; the whole
load is one write transaction, so a cancelled or failed load leaves the database as it
was. Users, tags, products and settings that already exist (an admin made at first start)
are reused, never duplicated or overwritten.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError
from app.models import (
    AccountTeamMember,
    Activity,
    Campaign,
    CampaignMember,
    ConsentEvent,
    ContactPerson,
    Contract,
    Customer,
    CustomerScore,
    Deal,
    DealStageHistory,
    ImportantDate,
    KeyAccountReview,
    Order,
    OrderLine,
    Payment,
    Pipeline,
    PointsEntry,
    Product,
    Return,
    ReturnLine,
    SalesTarget,
    ServiceCase,
    Setting,
    Stage,
    Tag,
    Task,
    User,
    Vehicle,
    customer_tags,
)
from app.models.enums import (
    ActivityKind,
    AuditAction,
    CampaignKind,
    CampaignResponse,
    CaseStatus,
    Channel,
    ContactRole,
    ContractStatus,
    CustomerKind,
    CustomerType,
    DealStatus,
    Lifecycle,
    MembershipLevel,
    OrderStatus,
    PaymentMethod,
    PointsKind,
    Priority,
    ProductCategory,
    ReasonCategory,
    Recurrence,
    Regularity,
    Role,
    Source,
    TargetMeasure,
    TaskKind,
    TaskStatus,
    TeamRole,
    VehicleNature,
    VehicleUse,
    Weight,
)

LOCALES = ("zh_CN", "es_ES", "en_US")

CHUNK_CUSTOMERS = 1000
HISTORY_DAYS = 730
UTC = dt.UTC


@dataclass
class DemoResult:
    """Rows written per table (by table name, as ``stats`` counts them) and the time taken."""

    counts: dict[str, int]
    seconds: float


class Cancelled(Exception):
    """The caller's ``cancelled()`` said stop; nothing of the load was committed."""


def generate(
    db: Database,
    *,
    customers: int = 3000,
    seed: int = 1,
    locale: str = "zh_CN",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: dt.date | None = None,
) -> DemoResult:
    """Fill an empty database with a sample office; ``progress(done, total)`` counts
    customers. Refused when the database holds customers (deleted ones too), so demo rows
    never mix with real ones. Runs as one write transaction, so other PCs wait to write
    until it is done, and on ``Cancelled`` or any error nothing is kept. ``today`` is the
    office's date: the history lies in the two years before it, due tasks around it."""
    if locale not in LOCALES:
        raise ClientelaError(
            "unknown demo locale {locale}; choose one of {choices}",
            locale=locale,
            choices=", ".join(LOCALES),
        )
    if customers < 0:
        raise ClientelaError("the number of demo customers cannot be negative")
    started = time.perf_counter()
    gen = _Generator(_LOCALES[locale](), seed, locale, today or dt.date.today())
    with db.write() as session:
        if session.scalar(select(func.count()).select_from(Customer)):
            raise ClientelaError(
                "the database already holds customers; demo data goes into an empty database"
            )
        gen.run(session, customers, progress, cancelled)
    # Classes, RFM, stars and lifecycle, as an office that has been working for a while
    # has them: the Reports page and the customers' segment columns are not empty.
    from . import segments

    classed = segments.recompute(db, None, as_of=gen.today)
    counts = dict(gen.counts)
    counts["customer_segments"] = classed.customers
    from . import demo_teams  # teams on every key account (class A, starred), some thin

    counts["account_team"] = demo_teams.add(db, gen)
    with db.session() as session:  # the segments' "last worked out" setting
        counts["settings"] = session.scalar(select(func.count()).select_from(Setting)) or 0
    return DemoResult(counts=counts, seconds=time.perf_counter() - started)


# --------------------------------------------------------------------------- helpers


class _Weighted:
    """Choice by weight with one random() and a bisect: random.choices is slower per call."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.items = [p[0] for p in pairs]
        acc = 0.0
        self.cum = []
        for _, w in pairs:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def pick(self, r: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, r.random() * self.total)]


def _fold(s: str) -> str:
    """Ascii letters and digits only, for e-mail addresses and domains."""
    d = unicodedata.normalize("NFKD", s.lower())
    return "".join(ch for ch in d if ch.isascii() and ch.isalnum())


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _qty(milli: int) -> Decimal:
    return Decimal(milli).scaleb(-3)


def _line_cents(qty_milli: int, price_cents: int, discount_bp: int = 0) -> int:
    """qty × price × (1 − discount), rounded half up to the cent, in integers."""
    num = qty_milli * price_cents * (10_000 - discount_bp)
    den = 10_000_000
    return (2 * num + den) // (2 * den)


def _blank(table: Table) -> dict[str, Any]:
    """Every column with its scalar default: executemany needs the same keys in each row."""
    out: dict[str, Any] = {}
    for col in table.columns:
        default = col.default
        out[col.key] = default.arg if default is not None and default.is_scalar else None
    return out


# --------------------------------------------------------------------------- locales


@dataclass
class _Place:
    city: str
    region: str
    districts: _Weighted  # (district, postcode)
    plate: str  # zh: province + city letter; elsewhere unused
    area: str  # landline area code


class _Locale:
    """What differs per country. Subclasses fill the data and the few generators."""

    country = ""
    offset_h = 0
    fx = 1.0  # money ranges below are in yuan; this turns them into local currency
    card_prefix = ""
    places: _Weighted
    users: tuple[tuple[str, str, Role, str], ...]
    stages: tuple[str, ...]
    tags: tuple[str, ...]
    texts: dict[str, Any]
    products: tuple[tuple[str, str, ProductCategory, str, int, int, str], ...]
    models: dict[str, tuple[tuple[str, str, str], ...]]
    fuel_labels: dict[str, str]
    colors: tuple[str, ...]
    industries: tuple[tuple[str, tuple[VehicleUse, ...], tuple[str, ...]], ...]
    jobs: Sequence[str]
    office: dict[str, str]
    currency = ""
    fuel_qty = (20_000, 60_000)  # millilitres… of the local fuel unit, per fill-up
    level_cents = (500_000, 1_500_000, 4_000_000)  # silver, gold, VIP by 12 months' spend
    redeem_at = 1000

    def person(self, r: random.Random, female: bool) -> tuple[str, str]:
        raise NotImplementedError

    def company(self, r: random.Random, words: tuple[str, ...], place: _Place) -> tuple[str, str]:
        raise NotImplementedError

    def public_body(self, r: random.Random, place: _Place, district: str) -> tuple[str, str]:
        raise NotImplementedError

    def address(self, r: random.Random, district: str, company: bool) -> str:
        raise NotImplementedError

    def mobile(self, r: random.Random) -> str:
        raise NotImplementedError

    def landline(self, r: random.Random, place: _Place) -> str:
        raise NotImplementedError

    def plate(self, r: random.Random, place: _Place, electric: bool) -> str:
        raise NotImplementedError

    def email(self, r: random.Random, handle: str) -> str:
        raise NotImplementedError

    def tax_id(self, r: random.Random) -> str:
        raise NotImplementedError


def _digits(r: random.Random, n: int) -> str:
    return str(r.randrange(10**n)).zfill(n)


class _ZhCN(_Locale):
    country = "CN"
    offset_h = 8
    fx = 1.0
    currency = "CNY"
    card_prefix = "8860"

    def __init__(self) -> None:
        from faker.providers.address.zh_CN import Provider as Addr
        from faker.providers.company.zh_CN import Provider as Comp
        from faker.providers.job.zh_CN import Provider as Job
        from faker.providers.person.zh_CN import Provider as Person
        from faker.providers.phone_number.zh_CN import Provider as Phone
        from pypinyin import lazy_pinyin

        self._pinyin = lazy_pinyin
        self._py: dict[str, str] = {}
        self.last = _Weighted(list(Person.last_names.items()))
        self.male = list(Person.first_names_male)
        self.female = list(Person.first_names_female)
        self.single_m = [c for c in self.male if len(c) == 1]
        self.single_f = [c for c in self.female if len(c) == 1]
        self.street_roots = list(Addr.cities)
        # Faker's list mixes in IT firms ("MBP软件"); a fleet customer has a plainer name.
        noise = ("电子", "软件", "科技", "信息", "计算机", "电脑", "数字", "公司", "国际", "开发区")
        self.comp_prefixes = sorted(
            {
                p
                for p in Comp.company_prefixes
                if 2 <= len(p) <= 3
                and all("\u4e00" <= ch <= "\u9fff" for ch in p)
                and not any(w in p for w in noise)
            }
            | set(
                [
                    "鹏达",
                    "恒通",
                    "宏运",
                    "安捷",
                    "丰源",
                    "永盛",
                    "金路",
                    "通达",
                    "华运",
                    "远航",
                    "腾达",
                    "鑫源",
                    "嘉诚",
                    "大通",
                    "瑞丰",
                ]
            )
        )
        self.mobile_prefixes = sorted(
            set(Phone.phonenumber_prefixes) | {166, 173, 176, 177, 178, 191, 198, 199}
        )
        self.provinces = [p for p in AUTOMOTIVE_ZH if p != "粤"]
        self.jobs = [j for j in Job.jobs if j != "其他"]
        sz = [
            ("南山区", "518052", 18),
            ("福田区", "518000", 16),
            ("宝安区", "518101", 16),
            ("龙岗区", "518116", 14),
            ("龙华区", "518109", 12),
            ("罗湖区", "518001", 10),
            ("光明区", "518107", 5),
            ("坪山区", "518118", 4),
            ("盐田区", "518081", 3),
        ]
        gz = [
            ("天河区", "510630", 4),
            ("越秀区", "510030", 2),
            ("海珠区", "510220", 2),
            ("白云区", "510405", 2),
            ("番禺区", "511400", 2),
        ]
        dg = [
            ("南城街道", "523070", 3),
            ("东城街道", "523120", 3),
            ("长安镇", "523850", 2),
            ("虎门镇", "523900", 2),
        ]
        hz = [("惠城区", "516001", 3), ("惠阳区", "516211", 2)]

        def place(city: str, plate: str, area: str, ds: list[tuple[str, str, int]]) -> _Place:
            return _Place(city, "广东省", _Weighted([((d, p), w) for d, p, w in ds]), plate, area)

        self.places = _Weighted(
            [
                (place("深圳市", "粤B", "755", sz), 78),
                (place("广州市", "粤A", "20", gz), 8),
                (place("东莞市", "粤S", "769", dg), 8),
                (place("惠州市", "粤L", "752", hz), 6),
            ]
        )
        self.users = (
            ("admin", "系统管理员", Role.ADMIN, "系统管理员"),
            ("manager", "王建国", Role.MANAGER, "销售经理"),
            ("li.na", "李娜", Role.SALES, "销售顾问"),
            ("zhang.wei", "张伟", Role.SALES, "销售顾问"),
            ("liu.yang", "刘洋", Role.SALES, "大客户经理"),
            ("chen.jing", "陈静", Role.SALES, "销售顾问"),
            ("zhao.min", "赵敏", Role.SALES, "前台接待"),
            ("zhou.lei", "周磊", Role.VIEWER, "区域督导"),
        )
        self.stages = ("初次沟通", "样品测试", "商务洽谈", "签约", "赢单", "输单")
        self.tags = (
            "车队",
            "价格敏感",
            "周末客户",
            "推荐达人",
            "新能源车主",
            "投诉过",
            "团购",
            "需开发票",
        )
        self.office = {
            "name": "鹏程加油站暨汽车销售服务中心",
            "address": "深圳市南山区深南大道10001号",
            "phone": "+8675526881234",
            "email": "service@pengcheng-auto.com.cn",
        }
        self.products = (
            ("F-92", "92#汽油", ProductCategory.FUEL, "升", 745, 685, "petrol"),
            ("F-95", "95#汽油", ProductCategory.FUEL, "升", 793, 728, "petrol"),
            ("F-98", "98#汽油", ProductCategory.FUEL, "升", 883, 810, "petrol"),
            ("F-D", "0#柴油", ProductCategory.FUEL, "升", 725, 670, "diesel"),
            ("S-WASH", "精致洗车", ProductCategory.SERVICE, "次", 4000, 1200, "wash"),
            ("S-MINOR", "小保养", ProductCategory.SERVICE, "次", 39800, 23000, "service"),
            ("S-MAJOR", "大保养", ProductCategory.SERVICE, "次", 98000, 56000, "service"),
            ("P-TYRE", "轮胎 205/55 R16", ProductCategory.PARTS, "条", 56000, 38000, "parts"),
            ("P-OIL", "全合成机油 4L", ProductCategory.PARTS, "桶", 36800, 21000, "parts"),
            ("P-BRAKE", "前刹车片", ProductCategory.PARTS, "套", 45000, 26000, "parts"),
            ("A-WIPER", "雨刮片（对）", ProductCategory.ACCESSORY, "对", 9800, 3500, "parts"),
            ("A-MATS", "全包围脚垫", ProductCategory.ACCESSORY, "套", 68000, 30000, "parts"),
            (
                "V-QIN",
                "比亚迪 秦PLUS DM-i",
                ProductCategory.VEHICLE,
                "辆",
                11980000,
                10800000,
                "vehicle",
            ),
            ("V-LAVIDA", "大众 朗逸", ProductCategory.VEHICLE, "辆", 12990000, 11700000, "vehicle"),
            (
                "V-COROLLA",
                "丰田 卡罗拉",
                ProductCategory.VEHICLE,
                "辆",
                13980000,
                12500000,
                "vehicle",
            ),
            (
                "V-SONG",
                "比亚迪 宋PLUS EV",
                ProductCategory.VEHICLE,
                "辆",
                16980000,
                15200000,
                "vehicle",
            ),
            (
                "V-J6P",
                "解放 J6P 牵引车",
                ProductCategory.VEHICLE,
                "辆",
                38500000,
                35200000,
                "truck",
            ),
        )
        self.models = {
            "private": (
                ("比亚迪", "秦PLUS DM-i", "phev"),
                ("比亚迪", "宋PLUS EV", "ev"),
                ("大众", "朗逸", "petrol"),
                ("大众", "帕萨特", "petrol"),
                ("丰田", "卡罗拉", "hybrid"),
                ("丰田", "凯美瑞", "petrol"),
                ("本田", "雅阁", "petrol"),
                ("日产", "轩逸", "petrol"),
                ("吉利", "星越L", "petrol"),
                ("长安", "CS75 PLUS", "petrol"),
                ("哈弗", "H6", "petrol"),
                ("特斯拉", "Model Y", "ev"),
                ("别克", "GL8", "petrol"),
                ("五菱", "宏光MINIEV", "ev"),
            ),
            "taxi": (
                ("比亚迪", "e6", "ev"),
                ("比亚迪", "秦EV", "ev"),
                ("丰田", "卡罗拉", "hybrid"),
            ),
            "freight": (
                ("解放", "J6P", "diesel"),
                ("东风", "天龙", "diesel"),
                ("福田", "欧曼", "diesel"),
                ("江铃", "顺达", "diesel"),
            ),
            "coach": (
                ("宇通", "ZK6122", "diesel"),
                ("金龙", "XMQ6127", "diesel"),
                ("比亚迪", "K9", "ev"),
            ),
            "works": (("三一", "搅拌车", "diesel"), ("徐工", "自卸车", "diesel")),
        }
        self.fuel_labels = {
            "petrol": "汽油",
            "diesel": "柴油",
            "ev": "纯电",
            "phev": "插电混动",
            "hybrid": "混动",
        }
        self.colors = ("白色", "黑色", "银色", "灰色", "蓝色", "红色")
        self.industries = (
            ("物流运输", (VehicleUse.FREIGHT,), ("物流", "运输", "货运", "供应链")),
            ("出租汽车", (VehicleUse.TAXI,), ("出租汽车", "的士")),
            ("道路客运", (VehicleUse.COACH,), ("客运", "旅游客运", "巴士")),
            (
                "建筑工程",
                (VehicleUse.WORKS, VehicleUse.FREIGHT),
                ("建筑工程", "建设", "土石方工程"),
            ),
            ("汽车租赁", (VehicleUse.RENTAL,), ("汽车租赁", "租车服务")),
            ("汽车贸易", (VehicleUse.PRIVATE,), ("汽车贸易", "汽车销售服务", "汽配")),
            ("商贸零售", (VehicleUse.PRIVATE, VehicleUse.FREIGHT), ("商贸", "食品", "超市")),
        )
        self.public_agencies = (
            "人民医院",
            "城市管理和综合执法局",
            "教育局",
            "环境卫生管理处",
            "交通运输局",
            "供电局",
        )
        self.texts = _ZH_TEXTS

    def py(self, s: str) -> str:
        out = self._py.get(s)
        if out is None:
            out = _fold("".join(self._pinyin(s)))
            self._py[s] = out
        return out

    def person(self, r: random.Random, female: bool) -> tuple[str, str]:
        last = self.last.pick(r)
        if r.random() < 0.4:
            first = r.choice(self.female if female else self.male)
        else:
            pool = self.single_f if female else self.single_m
            first = r.choice(pool) + r.choice(pool)
        return last + first, self.py(last) + self.py(first)

    def company(self, r: random.Random, words: tuple[str, ...], place: _Place) -> tuple[str, str]:
        prefix = r.choice(self.comp_prefixes)
        name = f"{place.city}{prefix}{r.choice(words)}有限公司"
        return name, self.py(prefix) + (".com.cn" if r.random() < 0.6 else ".com")

    def public_body(self, r: random.Random, place: _Place, district: str) -> tuple[str, str]:
        agency = r.choice(self.public_agencies)
        return f"{place.city}{district}{agency}", self.py(district[:2] + agency[:2]) + ".gov.cn"

    def address(self, r: random.Random, district: str, company: bool) -> str:
        street = r.choice(self.street_roots) + r.choice(("路", "街", "大道"))
        s = f"{district}{street}{r.randrange(1, 400)}号"
        if company:
            return s + f"{r.choice(self.comp_prefixes)}大厦{r.randrange(2, 30)}楼"
        if r.random() < 0.7:
            return s + f"{r.randrange(1, 30)}栋{r.randrange(1, 33)}{r.randrange(1, 9):02d}室"
        return s

    def mobile(self, r: random.Random) -> str:
        return f"+86{r.choice(self.mobile_prefixes)}{_digits(r, 8)}"

    def landline(self, r: random.Random, place: _Place) -> str:
        n = 6 if place.area == "752" else 7
        return f"+86{place.area}{r.randrange(2, 9)}{_digits(r, n)}"

    def plate(self, r: random.Random, place: _Place, electric: bool) -> str:
        x = r.random()
        prefix = (
            place.plate
            if x < 0.9
            else (
                "粤" + r.choice("ABSLEFT")
                if x < 0.95
                else (r.choice(self.provinces) + r.choice("ABCDE"))
            )
        )
        if electric:
            return f"{prefix}·{r.choice('DF')}{_digits(r, 5)}"
        if r.random() < 0.6:
            return f"{prefix}·{_digits(r, 5)}"
        tail = list(_digits(r, 4))
        tail.insert(r.randrange(0, 5), r.choice(_PLATE_LETTERS))
        return f"{prefix}·{''.join(tail)}"

    def email(self, r: random.Random, handle: str) -> str:
        if r.random() < 0.5:
            return f"{r.randrange(10**6, 10**10)}@qq.com"
        return f"{handle}{r.randrange(1, 999)}@{r.choice(('163.com', '126.com', 'sina.com'))}"

    def tax_id(self, r: random.Random) -> str:
        return "91440300" + "".join(r.choice(_CREDIT_CODE_CHARS) for _ in range(10))


AUTOMOTIVE_ZH = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


class _EsES(_Locale):
    country = "ES"
    offset_h = 1
    fx = 0.13
    currency = "EUR"
    card_prefix = "3420"
    fuel_qty = (20_000, 55_000)
    level_cents = (80_000, 200_000, 500_000)
    redeem_at = 200

    def __init__(self) -> None:
        from faker.providers.address.es_ES import Provider as Addr
        from faker.providers.job.es import Provider as Job
        from faker.providers.person.es_ES import Provider as Person

        self.male = list(Person.first_names_male)
        self.female = list(Person.first_names_female)
        self.lasts = list(Person.last_names)
        self.street_prefixes = [p for p in Addr.street_prefixes if p not in ("C.", "Via", "Vial")]
        self.jobs = list(Job.jobs)
        mad = [
            ("Chamartín", "28036", 8),
            ("Salamanca", "28006", 8),
            ("Tetuán", "28020", 7),
            ("Chamberí", "28010", 7),
            ("Fuencarral-El Pardo", "28034", 8),
            ("Hortaleza", "28043", 7),
            ("Ciudad Lineal", "28027", 7),
            ("Centro", "28012", 5),
            ("Retiro", "28007", 5),
            ("Arganzuela", "28045", 5),
            ("Moncloa-Aravaca", "28008", 5),
            ("Latina", "28047", 6),
            ("Carabanchel", "28025", 6),
            ("Usera", "28026", 4),
            ("Puente de Vallecas", "28038", 5),
            ("San Blas-Canillejas", "28037", 4),
            ("Barajas", "28042", 3),
        ]

        def place(city: str, ds: list[tuple[str, str, int]]) -> _Place:
            return _Place(
                city, "Comunidad de Madrid", _Weighted([((d, p), w) for d, p, w in ds]), "", "91"
            )

        self.places = _Weighted(
            [
                (place("Madrid", mad), 78),
                (place("Alcobendas", [("Centro", "28100", 3), ("Valdelasfuentes", "28108", 2)]), 7),
                (
                    place(
                        "San Sebastián de los Reyes",
                        [("Centro", "28701", 2), ("Dehesa Vieja", "28702", 1)],
                    ),
                    5,
                ),
                (place("Getafe", [("Centro", "28901", 2), ("Sector III", "28905", 1)]), 5),
                (
                    place(
                        "Alcalá de Henares", [("Centro", "28801", 2), ("Espartales", "28806", 1)]
                    ),
                    5,
                ),
            ]
        )
        self.users = (
            ("admin", "Administrador", Role.ADMIN, "Administración del sistema"),
            ("manager", "Carmen López Navarro", Role.MANAGER, "Jefa de ventas"),
            ("maria.garcia", "María García", Role.SALES, "Comercial"),
            ("javier.martin", "Javier Martín", Role.SALES, "Comercial"),
            ("lucia.fernandez", "Lucía Fernández", Role.SALES, "Gestora de grandes cuentas"),
            ("david.sanchez", "David Sánchez", Role.SALES, "Comercial"),
            ("ana.ruiz", "Ana Ruiz", Role.SALES, "Recepción"),
            ("pablo.ortiz", "Pablo Ortiz", Role.VIEWER, "Supervisor regional"),
        )
        self.stages = (
            "Primer contacto",
            "Muestra / prueba",
            "Negociación",
            "Firma de contrato",
            "Ganado",
            "Perdido",
        )
        self.tags = (
            "Flota",
            "Sensible al precio",
            "Fin de semana",
            "Prescriptor",
            "Vehículo eléctrico",
            "Reclamación previa",
            "Compra en grupo",
            "Pide factura",
        )
        self.office = {
            "name": "Estación de Servicio y Concesionario Castellana",
            "address": "Paseo de la Castellana 200, 28046 Madrid",
            "phone": "+34913451234",
            "email": "atencion@castellana-motor.es",
        }
        self.products = (
            ("F-95", "Gasolina 95", ProductCategory.FUEL, "L", 165, 150, "petrol"),
            ("F-98", "Gasolina 98", ProductCategory.FUEL, "L", 179, 163, "petrol"),
            ("F-D", "Diésel", ProductCategory.FUEL, "L", 155, 141, "diesel"),
            ("F-DP", "Diésel Plus", ProductCategory.FUEL, "L", 167, 152, "diesel"),
            ("S-WASH", "Lavado completo", ProductCategory.SERVICE, "servicio", 1200, 350, "wash"),
            (
                "S-MINOR",
                "Revisión básica",
                ProductCategory.SERVICE,
                "servicio",
                12000,
                6500,
                "service",
            ),
            (
                "S-MAJOR",
                "Revisión completa",
                ProductCategory.SERVICE,
                "servicio",
                28000,
                15500,
                "service",
            ),
            ("P-TYRE", "Neumático 205/55 R16", ProductCategory.PARTS, "ud.", 9500, 6200, "parts"),
            ("P-OIL", "Aceite 5W30 5 L", ProductCategory.PARTS, "ud.", 4500, 2500, "parts"),
            (
                "P-BRAKE",
                "Pastillas de freno delanteras",
                ProductCategory.PARTS,
                "juego",
                8500,
                4800,
                "parts",
            ),
            (
                "A-WIPER",
                "Escobillas limpiaparabrisas",
                ProductCategory.ACCESSORY,
                "par",
                2200,
                800,
                "parts",
            ),
            (
                "A-MATS",
                "Alfombrillas a medida",
                ProductCategory.ACCESSORY,
                "juego",
                6900,
                3000,
                "parts",
            ),
            (
                "V-LEON",
                "SEAT León",
                ProductCategory.VEHICLE,
                "vehículo",
                2490000,
                2240000,
                "vehicle",
            ),
            (
                "V-SANDERO",
                "Dacia Sandero",
                ProductCategory.VEHICLE,
                "vehículo",
                1450000,
                1300000,
                "vehicle",
            ),
            (
                "V-3008",
                "Peugeot 3008",
                ProductCategory.VEHICLE,
                "vehículo",
                3390000,
                3050000,
                "vehicle",
            ),
            (
                "V-COROLLA",
                "Toyota Corolla Hybrid",
                ProductCategory.VEHICLE,
                "vehículo",
                2990000,
                2690000,
                "vehicle",
            ),
            (
                "V-TRANSIT",
                "Ford Transit",
                ProductCategory.VEHICLE,
                "vehículo",
                3650000,
                3300000,
                "truck",
            ),
        )
        self.models = {
            "private": (
                ("SEAT", "León", "petrol"),
                ("SEAT", "Ibiza", "petrol"),
                ("Renault", "Clio", "petrol"),
                ("Renault", "Mégane", "diesel"),
                ("Peugeot", "208", "petrol"),
                ("Peugeot", "3008", "diesel"),
                ("Volkswagen", "Golf", "petrol"),
                ("Toyota", "Corolla", "hybrid"),
                ("Dacia", "Sandero", "petrol"),
                ("Citroën", "C4", "diesel"),
                ("Kia", "Niro", "phev"),
                ("Tesla", "Model 3", "ev"),
                ("MG", "ZS EV", "ev"),
            ),
            "taxi": (
                ("Toyota", "Corolla", "hybrid"),
                ("Škoda", "Octavia", "diesel"),
                ("Toyota", "C-HR", "hybrid"),
            ),
            "freight": (
                ("Ford", "Transit", "diesel"),
                ("Mercedes-Benz", "Sprinter", "diesel"),
                ("Iveco", "Daily", "diesel"),
                ("Renault", "Master", "diesel"),
            ),
            "coach": (("Irizar", "i6", "diesel"), ("Mercedes-Benz", "Tourismo", "diesel")),
            "works": (("Iveco", "Eurocargo", "diesel"), ("MAN", "TGS", "diesel")),
        }
        self.fuel_labels = {
            "petrol": "Gasolina",
            "diesel": "Diésel",
            "ev": "Eléctrico",
            "phev": "Híbrido enchufable",
            "hybrid": "Híbrido",
        }
        self.colors = ("Blanco", "Negro", "Gris", "Plata", "Azul", "Rojo")
        self.industries = (
            (
                "Transporte y logística",
                (VehicleUse.FREIGHT,),
                ("Transportes {l}", "Logística {l}", "Mudanzas {l}"),
            ),
            ("Taxi y VTC", (VehicleUse.TAXI,), ("Taxis {l}", "Radio Taxi {l}")),
            ("Transporte de viajeros", (VehicleUse.COACH,), ("Autocares {l}", "Viajes {l}")),
            (
                "Construcción",
                (VehicleUse.WORKS, VehicleUse.FREIGHT),
                ("Construcciones {l}", "Excavaciones {l}", "Reformas {l}"),
            ),
            ("Alquiler de vehículos", (VehicleUse.RENTAL,), ("Alquiler de Vehículos {l}",)),
            (
                "Compraventa de vehículos",
                (VehicleUse.PRIVATE,),
                ("Automóviles {l}", "Talleres {l}"),
            ),
            (
                "Distribución",
                (VehicleUse.PRIVATE, VehicleUse.FREIGHT),
                ("Distribuciones {l}", "Comercial {l}", "{l} e Hijos"),
            ),
        )
        self.texts = _ES_TEXTS

    def person(self, r: random.Random, female: bool) -> tuple[str, str]:
        first = r.choice(self.female if female else self.male)
        l1, l2 = r.choice(self.lasts), r.choice(self.lasts)
        return f"{first} {l1} {l2}", f"{_fold(first.split()[0])}.{_fold(l1)}"

    def company(self, r: random.Random, words: tuple[str, ...], place: _Place) -> tuple[str, str]:
        last = r.choice(self.lasts)
        base = r.choice(words).format(l=last)
        suffix = r.choice(("S.L.", "S.L.", "S.A.", "S.L.U."))
        return f"{base} {suffix}", _fold(base)[:24] + ".es"

    def public_body(self, r: random.Random, place: _Place, district: str) -> tuple[str, str]:
        name = r.choice(
            (
                f"Ayuntamiento de {place.city}",
                f"Policía Municipal de {place.city}",
                f"Hospital {r.choice(self.lasts)}",
                f"Colegio Público {r.choice(self.lasts)}",
            )
        )
        return name, _fold(place.city)[:20] + ".es"

    def address(self, r: random.Random, district: str, company: bool) -> str:
        s = (
            f"{r.choice(self.street_prefixes)} de {r.choice(self.male + self.female)} "
            f"{r.choice(self.lasts)}, {r.randrange(1, 200)}"
        )
        if company:
            return s + (", nave " + str(r.randrange(1, 20)) if r.random() < 0.4 else "")
        if r.random() < 0.7:
            return s + f", {r.randrange(1, 12)}º {r.choice('ABCDEFGH')}"
        return s

    def mobile(self, r: random.Random) -> str:
        return f"+346{_digits(r, 8)}"

    def landline(self, r: random.Random, place: _Place) -> str:
        return f"+3491{r.randrange(2, 8)}{_digits(r, 6)}"

    def plate(self, r: random.Random, place: _Place, electric: bool) -> str:
        return f"{_digits(r, 4)} {''.join(r.choice(_ES_PLATE) for _ in range(3))}"

    def email(self, r: random.Random, handle: str) -> str:
        n = str(r.randrange(1, 99)) if r.random() < 0.5 else ""
        domain = r.choice(
            ("gmail.com", "gmail.com", "hotmail.com", "yahoo.es", "outlook.es", "telefonica.net")
        )
        return f"{handle}{n}@{domain}"

    def tax_id(self, r: random.Random) -> str:
        return f"B{_digits(r, 8)}"


_ES_PLATE = "BCDFGHJKLMNPRSTVWXYZ"


class _EnUS(_Locale):
    country = "US"
    offset_h = -8
    fx = 0.14
    currency = "USD"
    card_prefix = "6010"
    fuel_qty = (6_000, 17_000)
    level_cents = (80_000, 200_000, 500_000)
    redeem_at = 200

    def __init__(self) -> None:
        from faker.providers.address.en_US import Provider as Addr
        from faker.providers.job import Provider as Job
        from faker.providers.person.en_US import Provider as Person

        self.male = _Weighted(list(Person.first_names_male.items()))
        self.female = _Weighted(list(Person.first_names_female.items()))
        self.last = _Weighted(list(Person.last_names.items()))
        self.street_suffixes = (
            "Street",
            "Avenue",
            "Way",
            "Drive",
            "Boulevard",
            "Road",
            "Court",
            "Lane",
            "Circle",
            "Place",
        )
        self.street_roots = [n for n, _ in list(Person.last_names.items())[:300]] + list(
            (
                "Oak",
                "Pine",
                "Elm",
                "Maple",
                "Cedar",
                "Walnut",
                "Willow",
                "Sierra",
                "River",
                "Folsom",
                "Capitol",
                "Broadway",
                "Alhambra",
                "Stockton",
                "Freeport",
            )
        )
        self.jobs = list(Job.jobs)
        _ = Addr  # Faker's US city names are invented; real Sacramento-area ones are used

        def place(city: str, area: str, ds: list[tuple[str, str, int]]) -> _Place:
            return _Place(city, "CA", _Weighted([((d, p), w) for d, p, w in ds]), "", area)

        sac = [
            ("Downtown", "95814", 6),
            ("Midtown", "95816", 8),
            ("East Sacramento", "95819", 7),
            ("Land Park", "95818", 6),
            ("Natomas", "95834", 8),
            ("Arden-Arcade", "95825", 8),
            ("Pocket", "95831", 6),
            ("Oak Park", "95817", 5),
            ("Curtis Park", "95818", 4),
            ("South Sacramento", "95823", 7),
            ("North Highlands", "95660", 4),
        ]
        self.places = _Weighted(
            [
                (place("Sacramento", "916", sac), 72),
                (
                    place(
                        "Elk Grove", "916", [("Laguna", "95758", 3), ("East Elk Grove", "95624", 2)]
                    ),
                    8,
                ),
                (
                    place("Roseville", "916", [("Sun City", "95747", 2), ("Downtown", "95678", 2)]),
                    7,
                ),
                (
                    place(
                        "Folsom",
                        "916",
                        [("Historic District", "95630", 2), ("Empire Ranch", "95630", 1)],
                    ),
                    5,
                ),
                (
                    place(
                        "Davis", "530", [("Central Davis", "95616", 2), ("South Davis", "95618", 1)]
                    ),
                    5,
                ),
                (
                    place(
                        "Rancho Cordova", "279", [("Anatolia", "95742", 1), ("Cordova", "95670", 2)]
                    ),
                    3,
                ),
            ]
        )
        self.users = (
            ("admin", "Administrator", Role.ADMIN, "System administrator"),
            ("manager", "Michael Johnson", Role.MANAGER, "Sales Manager"),
            ("emily.davis", "Emily Davis", Role.SALES, "Sales Consultant"),
            ("james.wilson", "James Wilson", Role.SALES, "Sales Consultant"),
            ("sarah.miller", "Sarah Miller", Role.SALES, "Key Account Manager"),
            ("robert.brown", "Robert Brown", Role.SALES, "Sales Consultant"),
            ("jessica.taylor", "Jessica Taylor", Role.SALES, "Front Desk"),
            ("thomas.moore", "Thomas Moore", Role.VIEWER, "Regional Supervisor"),
        )
        self.stages = (
            "Initial contact",
            "Sample / trial",
            "Negotiation",
            "Contract signing",
            "Won",
            "Lost",
        )
        self.tags = (
            "Fleet",
            "Price sensitive",
            "Weekend",
            "Referrer",
            "EV owner",
            "Past complaint",
            "Group buyer",
            "Needs invoice",
        )
        self.office = {
            "name": "Capitol Auto & Fuel Center",
            "address": "2500 Capitol Ave, Sacramento, CA 95816",
            "phone": "+19164471234",
            "email": "service@capitolautofuel.com",
        }
        self.products = (
            ("F-87", "Regular 87", ProductCategory.FUEL, "gal", 459, 421, "petrol"),
            ("F-89", "Midgrade 89", ProductCategory.FUEL, "gal", 479, 439, "petrol"),
            ("F-91", "Premium 91", ProductCategory.FUEL, "gal", 499, 458, "petrol"),
            ("F-D", "Diesel", ProductCategory.FUEL, "gal", 519, 480, "diesel"),
            (
                "S-WASH",
                "Full-service car wash",
                ProductCategory.SERVICE,
                "service",
                1800,
                500,
                "wash",
            ),
            (
                "S-MINOR",
                "Oil change & inspection",
                ProductCategory.SERVICE,
                "service",
                7900,
                3800,
                "service",
            ),
            (
                "S-MAJOR",
                "Major service",
                ProductCategory.SERVICE,
                "service",
                38900,
                21000,
                "service",
            ),
            (
                "P-TYRE",
                "All-season tire 225/65 R17",
                ProductCategory.PARTS,
                "ea",
                16500,
                11000,
                "parts",
            ),
            (
                "P-OIL",
                "Synthetic oil 5W-30, 5 qt",
                ProductCategory.PARTS,
                "ea",
                3900,
                2100,
                "parts",
            ),
            ("P-BRAKE", "Front brake pads", ProductCategory.PARTS, "set", 22000, 12500, "parts"),
            (
                "A-WIPER",
                "Wiper blades (pair)",
                ProductCategory.ACCESSORY,
                "pair",
                3200,
                1100,
                "parts",
            ),
            (
                "A-MATS",
                "All-weather floor mats",
                ProductCategory.ACCESSORY,
                "set",
                14900,
                6500,
                "parts",
            ),
            (
                "V-CAMRY",
                "Toyota Camry",
                ProductCategory.VEHICLE,
                "vehicle",
                2840000,
                2580000,
                "vehicle",
            ),
            (
                "V-CRV",
                "Honda CR-V",
                ProductCategory.VEHICLE,
                "vehicle",
                3145000,
                2860000,
                "vehicle",
            ),
            (
                "V-MODELY",
                "Tesla Model Y",
                ProductCategory.VEHICLE,
                "vehicle",
                4499000,
                4150000,
                "vehicle",
            ),
            (
                "V-F150",
                "Ford F-150",
                ProductCategory.VEHICLE,
                "vehicle",
                3870000,
                3500000,
                "vehicle",
            ),
            (
                "V-TRANSIT",
                "Ford Transit",
                ProductCategory.VEHICLE,
                "vehicle",
                4800000,
                4380000,
                "truck",
            ),
        )
        self.models = {
            "private": (
                ("Toyota", "Camry", "hybrid"),
                ("Toyota", "RAV4", "petrol"),
                ("Honda", "Civic", "petrol"),
                ("Honda", "CR-V", "petrol"),
                ("Ford", "F-150", "petrol"),
                ("Chevrolet", "Silverado", "petrol"),
                ("Tesla", "Model Y", "ev"),
                ("Tesla", "Model 3", "ev"),
                ("Nissan", "Altima", "petrol"),
                ("Jeep", "Wrangler", "petrol"),
                ("Ram", "1500", "petrol"),
                ("Toyota", "Prius", "hybrid"),
                ("Chevrolet", "Bolt EV", "ev"),
                ("Subaru", "Outback", "petrol"),
            ),
            "taxi": (
                ("Toyota", "Prius", "hybrid"),
                ("Toyota", "Camry", "hybrid"),
                ("Tesla", "Model 3", "ev"),
            ),
            "freight": (
                ("Ford", "Transit", "petrol"),
                ("Freightliner", "Cascadia", "diesel"),
                ("Isuzu", "NPR", "diesel"),
                ("Ram", "ProMaster", "petrol"),
            ),
            "coach": (("MCI", "J4500", "diesel"), ("Prevost", "H3-45", "diesel")),
            "works": (("Ford", "F-550", "diesel"), ("Kenworth", "T880", "diesel")),
        }
        self.fuel_labels = {
            "petrol": "Gasoline",
            "diesel": "Diesel",
            "ev": "Electric",
            "phev": "Plug-in hybrid",
            "hybrid": "Hybrid",
        }
        self.colors = ("White", "Black", "Gray", "Silver", "Blue", "Red")
        self.industries = (
            (
                "Trucking & logistics",
                (VehicleUse.FREIGHT,),
                ("{l} Trucking", "{l} Logistics", "{l} Freight Lines"),
            ),
            ("Taxi & rideshare", (VehicleUse.TAXI,), ("{l} Cab Co.", "Capitol {l} Taxi")),
            ("Charter buses", (VehicleUse.COACH,), ("{l} Charter Lines", "{l} Coach")),
            (
                "Construction",
                (VehicleUse.WORKS, VehicleUse.FREIGHT),
                ("{l} Construction", "{l} & Sons Builders", "{l} Paving"),
            ),
            ("Car rental", (VehicleUse.RENTAL,), ("{l} Car Rental",)),
            ("Used car dealer", (VehicleUse.PRIVATE,), ("{l} Auto Sales", "{l} Motors")),
            (
                "Food distribution",
                (VehicleUse.PRIVATE, VehicleUse.FREIGHT),
                ("{l} Foods", "{l} Produce", "{l} Supply"),
            ),
        )
        self.texts = _EN_TEXTS

    def person(self, r: random.Random, female: bool) -> tuple[str, str]:
        first = (self.female if female else self.male).pick(r)
        last = self.last.pick(r)
        return f"{first} {last}", f"{_fold(first)}.{_fold(last)}"

    def company(self, r: random.Random, words: tuple[str, ...], place: _Place) -> tuple[str, str]:
        base = r.choice(words).format(l=self.last.pick(r))
        suffix = r.choice((" Inc.", " LLC", " LLC", ""))
        return base + suffix, _fold(base)[:24] + ".com"

    def public_body(self, r: random.Random, place: _Place, district: str) -> tuple[str, str]:
        name = r.choice(
            (
                f"City of {place.city} Fleet Services",
                f"{place.city} Unified School District",
                "Sacramento County Public Works",
                f"{place.city} Police Department",
            )
        )
        return name, _fold(place.city)[:20] + ".gov"

    def address(self, r: random.Random, district: str, company: bool) -> str:
        street = f"{r.choice(self.street_roots)} {r.choice(self.street_suffixes)}"
        s = f"{r.randrange(100, 9900)} {street}"
        if company and r.random() < 0.4:
            return s + f", Suite {r.randrange(100, 400)}"
        if not company and r.random() < 0.2:
            return s + f", Apt {r.randrange(1, 40)}"
        return s

    def mobile(self, r: random.Random) -> str:
        return self._number(r, r.choice(("916", "916", "279", "530")))

    def landline(self, r: random.Random, place: _Place) -> str:
        return self._number(r, place.area)

    @staticmethod
    def _number(r: random.Random, area: str) -> str:
        while True:
            exchange = r.randrange(200, 1000)
            if exchange % 100 != 11 and exchange != 555:
                return f"+1{area}{exchange}{_digits(r, 4)}"

    def plate(self, r: random.Random, place: _Place, electric: bool) -> str:
        letters = "".join(r.choice(_US_PLATE) for _ in range(3))
        return f"{r.randrange(4, 10)}{letters}{_digits(r, 3)}"

    def email(self, r: random.Random, handle: str) -> str:
        n = str(r.randrange(1, 99)) if r.random() < 0.5 else ""
        domain = r.choice(
            ("gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net")
        )
        return f"{handle}{n}@{domain}"

    def tax_id(self, r: random.Random) -> str:
        return f"{r.randrange(10, 99)}-{_digits(r, 7)}"


_US_PLATE = "ABCDEFGHJKLMNPRSTUVWXYZ"

# Texts per locale: the keys are the same in each.
_ZH_TEXTS: dict[str, Any] = {
    "call": (
        "电话回访：询问用车情况",
        "电话跟进报价",
        "确认保养预约",
        "邀请参加会员活动",
        "询问加油卡充值需求",
        "提醒车辆年检",
    ),
    "call_outcome": (
        "已预约下周到店",
        "暂无需求，三个月后再联系",
        "同意接收报价",
        "未接通，稍后再打",
        "客户表示满意",
    ),
    "visit": (
        "上门拜访，介绍车队加油方案",
        "拜访采购负责人",
        "拜访客户，了解年度用车计划",
        "送达月度对账单",
    ),
    "meeting": ("年度合作洽谈会", "季度业务回顾会议", "合同条款讨论"),
    "email": ("发送报价单", "发送月度对账单", "发送合同草稿"),
    "sms": ("会员积分提醒", "节日问候短信", "保养到期提醒"),
    "note": (
        "客户计划下半年增购车辆",
        "客户对价格较敏感",
        "客户更换了采购负责人",
        "客户偏好微信沟通",
        "客户周末常带家人来洗车",
    ),
    "desk": ("咨询保养价格", "办理会员卡", "领取积分礼品", "咨询新车价格", "开具发票"),
    "return_visit": ("购后回访", "保养后回访", "新车交付回访"),
    "test_drive": "试乘试驾：{}",
    "complaint": (
        "排队时间太长",
        "发票开具有误",
        "洗车不干净",
        "保养后仍有异响",
        "员工服务态度不好",
    ),
    "praise": ("表扬员工服务热情", "对保养质量满意", "感谢及时处理问题"),
    "suggestion": ("建议增加夜间洗车服务", "建议推出车队月结卡", "建议休息区增加充电插座"),
    "level_change": "会员等级调整为{}",
    "levels": {"ordinary": "普通会员", "silver": "银卡", "gold": "金卡", "vip": "VIP"},
    "deal_move": "{}：{}",
    "fuel_sale": "{} {}{}",
    "lost_ours": ("价格高于预期", "交货期太长", "售后服务响应慢"),
    "lost_competitor": ("{}报价更低", "{}提供更长账期", "{}赠送保养套餐"),
    "lost_customer": ("客户预算削减", "项目暂停", "客户公司搬迁", "决策人变更"),
    "competitors": ("中国石化", "中国石油", "壳牌", "中海油", "广汽丰田4S店", "比亚迪4S店"),
    "deal_vehicle": "采购{}辆{}",
    "deal_car": "购买{}",
    "deal_fuel": "{}年度车队加油卡合作",
    "deal_service": "车队保养服务合同",
    "contract_fuel": "{}年度加油框架协议",
    "contract_prefix": "HT",
    "order_prefix": "XS",
    "task_follow_up": "跟进商机：{}",
    "task_return_visit": "购后回访：{}",
    "task_birthday": "生日问候：{}",
    "task_win_back": "挽回流失客户：{}",
    "task_case": "处理投诉：{}",
    "task_contract": "合同续签：{}",
    "task_call": ("电话联系：{}", "发送报价：{}", "整理客户资料：{}", "预约到店保养：{}"),
    "task_outcome": ("已完成", "客户已确认", "已发送"),
    "case_resolution": ("已致歉并赠送洗车券", "重新开具发票", "免费返工处理", "已培训相关员工"),
    "review": (
        "本月加油量稳定，回款及时",
        "采购负责人变更，需要重新建立关系",
        "竞争对手在报价，需重点关注",
        "本月增购两辆车，保持跟进",
        "账期略有延长，已提醒财务",
    ),
    "campaigns": (
        ("春节加油优惠", CampaignKind.PROMOTION, Channel.SMS),
        ("车主会员答谢会", CampaignKind.EVENT, Channel.PHONE),
        ("新能源车试驾周", CampaignKind.EVENT, Channel.SMS),
    ),
    "campaign_note": "活动期间到店客户登记",
    "points_redeem": "积分兑换",
    "points_earn": "消费积分",
    "refund": "退货",
    "return_reason": ("规格不符", "客户多买退回", "包装破损"),
    "hometowns": (
        "湖南长沙",
        "湖北武汉",
        "江西赣州",
        "广东梅州",
        "广东潮州",
        "四川成都",
        "河南信阳",
        "广西桂林",
        "福建泉州",
        "山东临沂",
    ),
    "nationality": "中国",
    "education": ("高中", "中专", "大专", "本科", "硕士"),
    "family": ("已婚，一子一女", "已婚，孩子读初中", "单身", "已婚，爱人是教师", "与父母同住"),
    "personality": (
        "爽快，重视效率",
        "谨慎，喜欢比价",
        "健谈，乐于推荐朋友",
        "低调，不喜欢电话打扰",
    ),
    "hobbies": ("钓鱼", "自驾游", "羽毛球", "摄影", "喝茶", "跑步", "篮球"),
    "preferences": (
        "喜欢周末上午来加油",
        "只加95号汽油",
        "需要开具发票",
        "偏好微信联系",
        "保养时希望在休息区等候",
    ),
    "dates": ("结婚纪念日", "孩子高考", "母亲生日"),
    "company_date": "公司成立纪念日",
    "contact_titles": {
        "decision_maker": "总经理",
        "purchaser": "采购经理",
        "window": "行政主管",
        "finance": "财务主管",
    },
    "scales": ("小型", "中型", "大型"),
    "categories": {
        "person": "个人车主",
        "consumer": "车队客户",
        "intermediary": "经销商",
        "public": "机关事业单位",
        "internal": "内部",
    },
    "refuel": ("每周", "每两周", "每月", "偶尔"),
    "payment_terms": ("月结30天", "月结45天", "月结60天"),
    "buying_method": ("年度招标，月度结算", "比价采购，按月下单", "框架协议，按需加油"),
    "decision_process": ("采购部比价→总经理审批", "车队主管提出→财务审核→老板拍板", "集团统一招标"),
    "needs": ("需要月结、分车辆明细对账", "希望夜间也能加油", "需要车队保养一站式服务"),
    "goals": ("两年内车队扩至60辆", "今年开拓东莞线路", "逐步更换为新能源车"),
    "next_steps": ("下月拜访总经理，谈年度框架协议", "准备新能源车试驾方案", "安排财务对账"),
    "transport": ("自有货车", "第三方物流"),
    "coverage": ("深圳全市", "珠三角", "华南地区"),
    "volumes": "每月约{}升",
    "office_hours": "07:00-22:00",
}

_ES_TEXTS: dict[str, Any] = {
    "call": (
        "Llamada de seguimiento",
        "Seguimiento del presupuesto",
        "Confirmar cita de taller",
        "Invitación a evento de socios",
        "Recordatorio de ITV",
    ),
    "call_outcome": (
        "Cita la semana que viene",
        "Sin necesidad, volver a llamar en tres meses",
        "Acepta recibir presupuesto",
        "No contesta",
        "Cliente satisfecho",
    ),
    "visit": (
        "Visita para presentar tarjeta de flota",
        "Visita al responsable de compras",
        "Visita para conocer el plan anual de vehículos",
        "Entrega del extracto mensual",
    ),
    "meeting": ("Reunión anual de colaboración", "Revisión trimestral", "Revisión del contrato"),
    "email": (
        "Envío de presupuesto",
        "Envío del extracto mensual",
        "Envío del borrador de contrato",
    ),
    "sms": ("Aviso de puntos", "Felicitación de fiestas", "Aviso de revisión"),
    "note": (
        "Piensa ampliar la flota en otoño",
        "Muy sensible al precio",
        "Ha cambiado el responsable de compras",
        "Prefiere WhatsApp",
        "Viene los sábados a lavar el coche",
    ),
    "desk": (
        "Consulta precio de revisión",
        "Alta en el programa de socios",
        "Canje de regalo",
        "Pregunta por coche nuevo",
        "Solicita factura",
    ),
    "return_visit": ("Llamada postventa", "Seguimiento tras revisión", "Seguimiento de entrega"),
    "test_drive": "Prueba de conducción: {}",
    "complaint": (
        "Demasiada espera en caja",
        "Factura con datos erróneos",
        "Lavado deficiente",
        "Ruido tras la revisión",
        "Mala atención en el surtidor",
    ),
    "praise": (
        "Felicita al personal por su amabilidad",
        "Muy satisfecho con la revisión",
        "Agradece la rapidez",
    ),
    "suggestion": (
        "Abrir el túnel de lavado por la noche",
        "Tarjeta de flota con pago mensual",
        "Enchufes en la zona de espera",
    ),
    "level_change": "Nivel de socio cambiado a {}",
    "levels": {"ordinary": "Socio", "silver": "Plata", "gold": "Oro", "vip": "VIP"},
    "deal_move": "{}: {}",
    "fuel_sale": "{} {} {}",
    "lost_ours": (
        "Precio por encima de lo esperado",
        "Plazo de entrega largo",
        "Servicio postventa lento",
    ),
    "lost_competitor": (
        "{} ofreció mejor precio",
        "{} dio más plazo de pago",
        "{} regaló el mantenimiento",
    ),
    "lost_customer": (
        "Recorte de presupuesto",
        "Proyecto aplazado",
        "Traslado de la empresa",
        "Cambio de responsable",
    ),
    "competitors": ("Repsol", "Cepsa", "BP", "Galp", "Plenoil", "Concesionario Norte"),
    "deal_vehicle": "Compra de {} {}",
    "deal_car": "Compra de un {}",
    "deal_fuel": "Suministro de combustible {}",
    "deal_service": "Contrato de mantenimiento de flota",
    "contract_fuel": "Acuerdo marco de combustible {}",
    "contract_prefix": "CTR-",
    "order_prefix": "PV-",
    "task_follow_up": "Seguimiento: {}",
    "task_return_visit": "Llamada postventa: {}",
    "task_birthday": "Felicitar cumpleaños: {}",
    "task_win_back": "Recuperar cliente: {}",
    "task_case": "Resolver reclamación: {}",
    "task_contract": "Renovar contrato: {}",
    "task_call": (
        "Llamar a {}",
        "Enviar presupuesto a {}",
        "Actualizar ficha de {}",
        "Citar en taller a {}",
    ),
    "task_outcome": ("Hecho", "Confirmado por el cliente", "Enviado"),
    "case_resolution": (
        "Disculpas y lavado gratuito",
        "Factura rectificada",
        "Reparación sin coste",
        "Formación al personal",
    ),
    "review": (
        "Consumo estable, paga puntualmente",
        "Nuevo responsable de compras, hay que reforzar la relación",
        "La competencia está ofertando, vigilar",
        "Ha comprado dos vehículos más este mes",
        "Se retrasa algo en los pagos",
    ),
    "campaigns": (
        ("Promoción de verano", CampaignKind.PROMOTION, Channel.EMAIL),
        ("Jornada de puertas abiertas", CampaignKind.EVENT, Channel.PHONE),
        ("Campaña de revisión de invierno", CampaignKind.MAILING, Channel.POST),
    ),
    "campaign_note": "Clientes registrados durante la campaña",
    "points_redeem": "Canje de puntos",
    "points_earn": "Puntos por compra",
    "refund": "Devolución",
    "return_reason": ("Referencia equivocada", "Compró de más", "Embalaje dañado"),
    "hometowns": (
        "Toledo",
        "Salamanca",
        "Badajoz",
        "Jaén",
        "León",
        "Cuenca",
        "Lugo",
        "Valladolid",
        "Guadalajara",
        "Quito",
    ),
    "nationality": "Española",
    "education": ("ESO", "Bachillerato", "Formación Profesional", "Grado universitario", "Máster"),
    "family": (
        "Casado, dos hijos",
        "Casada, una hija en el instituto",
        "Soltero",
        "Pareja de hecho",
        "Vive con sus padres",
    ),
    "personality": (
        "Directo, valora la rapidez",
        "Prudente, compara precios",
        "Hablador, recomienda a sus amigos",
        "Reservado, no le gusta que le llamen",
    ),
    "hobbies": ("Fútbol", "Pádel", "Senderismo", "Fotografía", "Ciclismo", "Cocina", "Viajar"),
    "preferences": (
        "Reposta los sábados por la mañana",
        "Solo gasolina 98",
        "Siempre pide factura",
        "Prefiere WhatsApp",
        "Espera en la cafetería durante la revisión",
    ),
    "dates": ("Aniversario de boda", "Selectividad del hijo", "Cumpleaños de la madre"),
    "company_date": "Aniversario de la empresa",
    "contact_titles": {
        "decision_maker": "Gerente",
        "purchaser": "Responsable de compras",
        "window": "Administración",
        "finance": "Responsable financiero",
    },
    "scales": ("Pequeña", "Mediana", "Grande"),
    "categories": {
        "person": "Particular",
        "consumer": "Flota",
        "intermediary": "Distribuidor",
        "public": "Administración pública",
        "internal": "Interno",
    },
    "refuel": ("Semanal", "Quincenal", "Mensual", "Ocasional"),
    "payment_terms": ("Transferencia a 30 días", "Transferencia a 45 días", "Recibo a 60 días"),
    "buying_method": (
        "Concurso anual, pedidos mensuales",
        "Compara precios cada mes",
        "Acuerdo marco, repostaje según necesidad",
    ),
    "decision_process": (
        "Compras compara y aprueba gerencia",
        "Jefe de flota propone, finanzas revisa, decide el dueño",
        "Licitación del grupo",
    ),
    "needs": ("Extracto mensual por vehículo", "Repostaje nocturno", "Mantenimiento integral"),
    "goals": (
        "Llegar a 60 vehículos en dos años",
        "Abrir ruta a Toledo",
        "Pasar la flota a eléctrico",
    ),
    "next_steps": (
        "Visitar al gerente el mes próximo",
        "Preparar prueba de eléctricos",
        "Conciliar cuentas con finanzas",
    ),
    "transport": ("Camiones propios", "Transporte subcontratado"),
    "coverage": ("Madrid capital", "Comunidad de Madrid", "Centro peninsular"),
    "volumes": "Unos {} litros al mes",
    "office_hours": "06:00-23:00",
}

_EN_TEXTS: dict[str, Any] = {
    "call": (
        "Follow-up call",
        "Quote follow-up",
        "Confirm service appointment",
        "Invite to member event",
        "Smog check reminder",
    ),
    "call_outcome": (
        "Booked for next week",
        "No need now, call again in three months",
        "Agreed to receive a quote",
        "No answer",
        "Happy customer",
    ),
    "visit": (
        "On-site visit: fleet fuel card",
        "Met the purchasing lead",
        "Visit to review the yearly vehicle plan",
        "Delivered monthly statement",
    ),
    "meeting": ("Annual partnership meeting", "Quarterly business review", "Contract review"),
    "email": ("Sent quote", "Sent monthly statement", "Sent draft contract"),
    "sms": ("Points reminder", "Holiday greetings", "Service due reminder"),
    "note": (
        "Plans to add vehicles in the fall",
        "Very price sensitive",
        "New purchasing contact",
        "Prefers text messages",
        "Comes on weekends to wash the car",
    ),
    "desk": (
        "Asked about service prices",
        "Joined the rewards program",
        "Redeemed a reward",
        "Asked about new cars",
        "Asked for an invoice",
    ),
    "return_visit": ("Post-purchase call", "Post-service check-in", "Delivery follow-up"),
    "test_drive": "Test drive: {}",
    "complaint": (
        "Long wait at the register",
        "Wrong invoice details",
        "Car wash missed spots",
        "Noise after service",
        "Rude attendant",
    ),
    "praise": ("Praised the staff", "Very happy with the service", "Thanks for the quick fix"),
    "suggestion": (
        "Open the car wash later",
        "Monthly billing fleet card",
        "Chargers in the waiting area",
    ),
    "level_change": "Membership level changed to {}",
    "levels": {"ordinary": "Member", "silver": "Silver", "gold": "Gold", "vip": "VIP"},
    "deal_move": "{}: {}",
    "fuel_sale": "{} {} {}",
    "lost_ours": ("Price above expectations", "Delivery time too long", "Slow after-sales"),
    "lost_competitor": (
        "{} offered a lower price",
        "{} gave longer payment terms",
        "{} threw in free service",
    ),
    "lost_customer": (
        "Budget cut",
        "Project on hold",
        "Company relocated",
        "Decision maker changed",
    ),
    "competitors": ("Chevron", "Shell", "ARCO", "Costco Gas", "76", "Valley Ford"),
    "deal_vehicle": "{} × {}",
    "deal_car": "New {}",
    "deal_fuel": "Fleet fuel card agreement {}",
    "deal_service": "Fleet maintenance contract",
    "contract_fuel": "Fuel supply agreement {}",
    "contract_prefix": "CT-",
    "order_prefix": "SO-",
    "task_follow_up": "Follow up: {}",
    "task_return_visit": "Post-purchase call: {}",
    "task_birthday": "Birthday greetings: {}",
    "task_win_back": "Win back: {}",
    "task_case": "Resolve complaint: {}",
    "task_contract": "Renew contract: {}",
    "task_call": (
        "Call {}",
        "Send a quote to {}",
        "Update the file of {}",
        "Book a service for {}",
    ),
    "task_outcome": ("Done", "Confirmed by the customer", "Sent"),
    "case_resolution": (
        "Apologised, free car wash",
        "Invoice corrected",
        "Fixed at no charge",
        "Staff retrained",
    ),
    "review": (
        "Steady volume, pays on time",
        "New purchasing lead, rebuild the relationship",
        "A competitor is quoting, watch closely",
        "Bought two more vehicles this month",
        "Paying a bit late, finance reminded",
    ),
    "campaigns": (
        ("Summer fuel promo", CampaignKind.PROMOTION, Channel.EMAIL),
        ("Open house weekend", CampaignKind.EVENT, Channel.PHONE),
        ("Winter check-up mailing", CampaignKind.MAILING, Channel.POST),
    ),
    "campaign_note": "Customers signed up during the campaign",
    "points_redeem": "Points redeemed",
    "points_earn": "Purchase points",
    "refund": "Return",
    "return_reason": ("Wrong part", "Bought too many", "Damaged packaging"),
    "hometowns": (
        "Fresno",
        "Stockton",
        "Reno",
        "Portland",
        "Modesto",
        "Redding",
        "Chico",
        "Guadalajara",
        "Manila",
        "San Jose",
    ),
    "nationality": "American",
    "education": (
        "High school",
        "Some college",
        "Associate degree",
        "Bachelor's degree",
        "Master's degree",
    ),
    "family": (
        "Married, two kids",
        "Married, daughter in high school",
        "Single",
        "Partner, no kids",
        "Lives with parents",
    ),
    "personality": (
        "Straightforward, values speed",
        "Careful, compares prices",
        "Chatty, refers friends",
        "Private, dislikes phone calls",
    ),
    "hobbies": ("Fishing", "Road trips", "Golf", "Photography", "Hiking", "Basketball", "Cooking"),
    "preferences": (
        "Fills up on Saturday mornings",
        "Premium only",
        "Always wants a receipt",
        "Prefers text messages",
        "Waits in the lounge during service",
    ),
    "dates": ("Wedding anniversary", "Child's graduation", "Mother's birthday"),
    "company_date": "Company anniversary",
    "contact_titles": {
        "decision_maker": "General Manager",
        "purchaser": "Purchasing Manager",
        "window": "Office Manager",
        "finance": "Controller",
    },
    "scales": ("Small", "Medium", "Large"),
    "categories": {
        "person": "Private owner",
        "consumer": "Fleet",
        "intermediary": "Dealer",
        "public": "Public sector",
        "internal": "Internal",
    },
    "refuel": ("Weekly", "Every two weeks", "Monthly", "Occasionally"),
    "payment_terms": ("Net 30", "Net 45", "Net 60"),
    "buying_method": (
        "Yearly bid, monthly orders",
        "Compares prices monthly",
        "Master agreement, fuel as needed",
    ),
    "decision_process": (
        "Purchasing compares, GM approves",
        "Fleet lead proposes, finance reviews, owner decides",
        "Group-wide tender",
    ),
    "needs": ("Monthly statement per vehicle", "Night-time fueling", "One-stop fleet service"),
    "goals": ("Grow to 60 vehicles in two years", "New route to Reno", "Move the fleet to EVs"),
    "next_steps": (
        "Visit the GM next month",
        "Prepare an EV test drive",
        "Reconcile accounts with finance",
    ),
    "transport": ("Own trucks", "Third-party carrier"),
    "coverage": ("Sacramento", "Greater Sacramento", "Northern California"),
    "volumes": "About {} gallons a month",
    "office_hours": "06:00-23:00",
}

_LOCALES: dict[str, Callable[[], _Locale]] = {"zh_CN": _ZhCN, "es_ES": _EsES, "en_US": _EnUS}


# --------------------------------------------------------------------------- generator

_PERSON_PROFILES = _Weighted(
    [("regular", 0.12), ("occasional", 0.46), ("prospect", 0.25), ("lost", 0.10), ("passing", 0.07)]
)
_COMPANY_PROFILES = _Weighted([("key", 0.15), ("regular", 0.50), ("prospect", 0.35)])
_SOURCES = _Weighted(
    [
        (Source.WALK_IN, 40),
        (Source.REFERRAL, 14),
        (Source.PHONE, 10),
        (Source.WEBSITE, 8),
        (Source.ADVERTISING, 7),
        (Source.EVENT, 7),
        (Source.CAMPAIGN, 7),
        (Source.OTHER, 7),
    ]
)
_PERSON_VEHICLES = _Weighted([(0, 0.20), (1, 0.69), (2, 0.09), (3, 0.02)])
_OPEN_STAGE = _Weighted([(0, 0.30), (1, 0.15), (2, 0.15), (3, 0.40)])
_SATISFACTION = _Weighted([(1, 3), (2, 7), (3, 20), (4, 40), (5, 30)])
_RESPONSE = _Weighted(
    [
        (CampaignResponse.NONE, 50),
        (CampaignResponse.CAME, 20),
        (CampaignResponse.BOUGHT, 15),
        (CampaignResponse.DECLINED, 15),
    ]
)
_PERSON_KINDS = _Weighted(
    [
        (ActivityKind.CALL, 35),
        (ActivityKind.RETURN_VISIT, 15),
        (ActivityKind.NOTE, 12),
        (ActivityKind.SMS, 10),
        (ActivityKind.EMAIL, 6),
        (ActivityKind.PRAISE, 5),
        (ActivityKind.SUGGESTION, 5),
        (ActivityKind.COMPLAINT, 4),
        (ActivityKind.VISIT, 2),
    ]
)
_COMPANY_KINDS = _Weighted(
    [
        (ActivityKind.CALL, 30),
        (ActivityKind.VISIT, 20),
        (ActivityKind.EMAIL, 15),
        (ActivityKind.MEETING, 10),
        (ActivityKind.NOTE, 10),
        (ActivityKind.RETURN_VISIT, 7),
        (ActivityKind.COMPLAINT, 3),
        (ActivityKind.PRAISE, 3),
        (ActivityKind.SUGGESTION, 2),
    ]
)
_TEXT_KEY = {
    ActivityKind.CALL: "call",
    ActivityKind.VISIT: "visit",
    ActivityKind.MEETING: "meeting",
    ActivityKind.EMAIL: "email",
    ActivityKind.SMS: "sms",
    ActivityKind.NOTE: "note",
    ActivityKind.RETURN_VISIT: "return_visit",
    ActivityKind.COMPLAINT: "complaint",
    ActivityKind.PRAISE: "praise",
    ActivityKind.SUGGESTION: "suggestion",
}
_MODEL_KEY = {
    VehicleUse.PRIVATE: "private",
    VehicleUse.RENTAL: "private",
    VehicleUse.OTHER: "private",
    VehicleUse.TAXI: "taxi",
    VehicleUse.FREIGHT: "freight",
    VehicleUse.COACH: "coach",
    VehicleUse.WORKS: "works",
}
_ROLE_ORDER = (
    ContactRole.WINDOW,
    ContactRole.DECISION_MAKER,
    ContactRole.PURCHASER,
    ContactRole.FINANCE,
)
_STAGE_KEYS = ("initial_contact", "sample", "negotiation", "signing", "won", "lost")
_STAGE_PROB = (10, 30, 60, 80, 100, 0)
_STAGE_COLORS = ("#90a4ae", "#4fc3f7", "#ffb74d", "#9575cd", "#66bb6a", "#e57373")
_STAGE_AGING = (14, 21, 21, 14, 14, 14)
_BANKS = {
    "zh_CN": ("招商银行深圳分行", "中国工商银行深圳南山支行", "中国建设银行深圳分行", "平安银行"),
    "es_ES": ("CaixaBank", "BBVA", "Banco Santander", "Bankinter"),
    "en_US": ("Bank of America", "Wells Fargo", "Golden 1 Credit Union", "Chase"),
}
_PIPELINE_NAME = {"zh_CN": "默认销售流程", "es_ES": "Ventas", "en_US": "Sales"}
DAY = 86_400

# Tables in the order their rows can be inserted (parents first).
_FLUSH_ORDER: tuple[tuple[str, Table], ...] = tuple(
    (t.name, t)
    for t in (
        Customer.__table__,
        customer_tags,
        ContactPerson.__table__,
        Vehicle.__table__,
        ImportantDate.__table__,
        ConsentEvent.__table__,
        CustomerScore.__table__,
        Deal.__table__,
        DealStageHistory.__table__,
        Contract.__table__,
        Activity.__table__,
        Order.__table__,
        OrderLine.__table__,
        Return.__table__,
        ReturnLine.__table__,
        Payment.__table__,
        ServiceCase.__table__,
        PointsEntry.__table__,
        CampaignMember.__table__,
        AccountTeamMember.__table__,
        KeyAccountReview.__table__,
        Task.__table__,
    )
)
_ID_TABLES = (
    User,
    Pipeline,
    Stage,
    Tag,
    Product,
    Campaign,
    Customer,
    ContactPerson,
    Vehicle,
    ImportantDate,
    ConsentEvent,
    CustomerScore,
    Deal,
    DealStageHistory,
    Contract,
    Activity,
    Order,
    OrderLine,
    Return,
    ReturnLine,
    Payment,
    ServiceCase,
    PointsEntry,
    CampaignMember,
    AccountTeamMember,
    KeyAccountReview,
    Task,
    SalesTarget,
)


@dataclass
class _Camp:
    id: int
    start: int  # day offsets from today
    end: int
    channel: Channel


class _Generator:
    """Makes each customer whole (people, vehicles, deals, orders, timeline) before the
    next, so a chunk's rows can be flushed parents first and the state a customer ends in
    (lifecycle, membership level) follows from its own history."""

    def __init__(self, loc: _Locale, seed: int, locale: str, today: dt.date) -> None:
        self.loc = loc
        self.t = loc.texts
        self.locale = locale
        self.seed = seed
        self.r = random.Random(f"clientela-demo:{seed}:{locale}")
        self.today = today
        # Times are seconds from the start of today, office time; negative is the past.
        self.midnight = dt.datetime.combine(today, dt.time(), tzinfo=UTC) - dt.timedelta(
            hours=loc.offset_h
        )
        self.counts: dict[str, int] = defaultdict(int)
        self.ids: dict[str, int] = {}
        self.buf: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in _FLUSH_ORDER}
        self.blank_customer = _blank(Customer.__table__)
        self.months: dict[int, tuple[int, int]] = {}
        self.plates: set[str] = set()
        self.sales: dict[tuple[int, int, int], int] = defaultdict(int)
        self.collected: dict[tuple[int, int, int], int] = defaultdict(int)
        self.new_customers: dict[tuple[int, int, int], int] = defaultdict(int)
        self.order_seq = 0
        self.contract_seq = 0

    # ---- small helpers

    def at(self, sec: int) -> dt.datetime:
        return self.midnight + dt.timedelta(seconds=sec)

    def date(self, day: int) -> dt.date:
        return self.today + dt.timedelta(days=day)

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def cash(self, lo: float, hi: float, step: int = 1) -> int:
        """Cents for an amount drawn in yuan and turned into the local currency."""
        units = int(self.r.uniform(lo, hi) * self.loc.fx / step) * step
        return max(units, step) * 100

    def month_key(self, day: int) -> tuple[int, int]:
        key = self.months.get(day)
        if key is None:
            d = self.date(day)
            key = self.months[day] = (d.year, d.month)
        return key

    # ---- the run

    def run(
        self,
        s: Session,
        customers: int,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        from . import audit, demo_pipelines, search_index

        for model in _ID_TABLES:
            table = model.__table__
            self.ids[table.name] = s.scalar(select(func.max(table.c.id))) or 0
        self.setup(s)
        self.first_customer = self.ids["customers"] + 1
        if progress:
            progress(0, customers)
        done = 0
        while done < customers:
            if cancelled and cancelled():
                raise Cancelled()
            n = min(CHUNK_CUSTOMERS, customers - done)
            first = self.ids["customers"] + 1
            for _ in range(n):
                self.customer(done + 1)
                done += 1
            self.flush(s)
            search_index.reindex(s, range(first, first + n))
            if progress:
                progress(done, customers)
        if cancelled and cancelled():
            raise Cancelled()
        self.targets(s)
        demo_pipelines.add(s, self)  # the after-sales pipeline and its deals
        for uid in self.new_users:
            audit.record(s, self.admin, AuditAction.CREATE, "user", uid, note="demo data")
        audit.record(
            s,
            self.admin,
            AuditAction.IMPORT,
            "customer",
            None,
            note=f"demo data generated: {customers} customers, locale {self.locale}, "
            f"seed {self.seed}, as of {self.today.isoformat()}",
        )
        self.counts["audit_log"] += len(self.new_users) + 1
        if s.get_bind().dialect.name == "postgresql":
            for model in _ID_TABLES:
                name = model.__table__.name
                s.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
                    )
                )

    def insert(self, s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            s.execute(table.insert(), rows)
            self.counts[table.name] += len(rows)

    def flush(self, s: Session) -> None:
        for name, table in _FLUSH_ORDER:
            rows = self.buf[name]
            for start in range(0, len(rows), 20_000):
                self.insert(s, table, rows[start : start + 20_000])
            rows.clear()

    # ---- once per database: users, pipeline, tags, products, campaigns, settings

    def setup(self, s: Session) -> None:
        r, loc = self.r, self.loc
        since = self.midnight - dt.timedelta(days=3 * 365)
        existing = {
            u: (i, role) for i, u, role in s.execute(select(User.id, User.username, User.role))
        }
        first_admin = s.scalar(
            select(User.id)
            .where(User.active.is_(True), User.role == Role.ADMIN)
            .order_by(User.id)
            .limit(1)
        )
        domain = loc.office["email"].split("@")[1]
        self.new_users: list[int] = []
        ids: list[int] = []
        rows = []
        for n, (username, display, role, title) in enumerate(loc.users):
            if username in existing:
                ids.append(existing[username][0])
                continue
            if role is Role.ADMIN and first_admin is not None:
                ids.append(first_admin)
                continue
            uid = self.next_id("users")
            ids.append(uid)
            self.new_users.append(uid)
            at = since + dt.timedelta(days=n, hours=2)
            rows.append(
                {
                    "id": uid,
                    "username": username,
                    "display_name": display,
                    "role": role,
                    "active": True,
                    "password_hash": None,
                    "os_login_allowed": False,
                    # the front desk may not see money figures; the viewer (a regional
                    # supervisor) reads everything and changes nothing
                    "may_see_financials": n < 6 or role is Role.VIEWER,
                    "email": f"{username}@{domain}",
                    "phone": loc.mobile(r),
                    "title": title,
                    "manager_id": ids[1] if role is Role.SALES else None,
                    "region": None,
                    "version": 1,
                    "created_at": at,
                    "updated_at": at,
                }
            )
        self.insert(s, User.__table__, rows)
        self.admin, self.manager = ids[0], ids[1]
        self.sellers = ids[2:6]
        self.desk = ids[6]
        self.seller_pick = _Weighted(list(zip(self.sellers, (0.32, 0.28, 0.16, 0.24), strict=True)))
        self.kam = self.sellers[2]

        self.setup_pipeline(s)

        have_tags = dict(s.execute(select(Tag.name, Tag.id)).all())
        self.tag_ids = []
        rows = []
        colors = (
            "#1976d2",
            "#f57c00",
            "#7b1fa2",
            "#388e3c",
            "#00897b",
            "#d32f2f",
            "#5d4037",
            "#455a64",
        )
        for name, color in zip(loc.tags, colors, strict=True):
            if name in have_tags:
                self.tag_ids.append(have_tags[name])
                continue
            tid = self.next_id("tags")
            self.tag_ids.append(tid)
            rows.append({"id": tid, "name": name, "color": color})
        self.insert(s, Tag.__table__, rows)

        have_products = dict(s.execute(select(Product.code, Product.id)).all())
        self.products: list[tuple[int, str, str, int, int]] = []
        self.by_kind: dict[str, list[int]] = defaultdict(list)
        rows = []
        for code, name, cat, unit, price, cost, kind in loc.products:
            pid = have_products.get(code)
            if pid is None:
                pid = self.next_id("products")
                rows.append(
                    {
                        "id": pid,
                        "code": code,
                        "name": name,
                        "category": cat,
                        "unit": unit,
                        "list_price": _money(price),
                        "cost": _money(cost),
                        "active": True,
                        "version": 1,
                        "created_at": since,
                        "updated_at": since,
                    }
                )
            self.by_kind[kind].append(len(self.products))
            self.products.append((pid, name, unit, price, cost))
        self.insert(s, Product.__table__, rows)

        self.campaigns: list[_Camp] = []
        rows = []
        for (name, kind, channel), (start, days) in zip(
            self.t["campaigns"], ((-600, 30), (-300, 21), (-40, 50)), strict=True
        ):
            cid = self.next_id("campaigns")
            self.campaigns.append(_Camp(cid, start, start + days, channel))
            at = self.at((start - 20) * DAY + 10 * 3600)
            rows.append(
                {
                    "id": cid,
                    "name": name,
                    "kind": kind,
                    "channel": channel,
                    "starts_on": self.date(start),
                    "ends_on": self.date(start + days),
                    "cost": _money(self.cash(5_000, 40_000, 100)),
                    "owner_id": self.manager,
                    "notes": self.t["campaign_note"],
                    "version": 1,
                    "created_at": at,
                    "updated_at": at,
                }
            )
        self.insert(s, Campaign.__table__, rows)

        have = set(s.scalars(select(Setting.key)))
        values = {
            "office.name": loc.office["name"],
            "office.address": loc.office["address"],
            "office.phone": loc.office["phone"],
            "office.email": loc.office["email"],
            "office.country": loc.country,
            "office.currency": loc.currency,
            "office.locale": self.locale,
            "office.hours": self.t["office_hours"],
            # the levels the members were given (services.loyalty works them out again)
            "loyalty.level_thresholds": dict(
                zip(
                    ("ordinary", "silver", "gold", "vip"),
                    (0, *(cents // 100 for cents in loc.level_cents)),
                    strict=True,
                )
            ),
            "demo.generated": {
                "seed": self.seed,
                "locale": self.locale,
                "as_of": self.today.isoformat(),
            },
        }
        self.insert(
            s,
            Setting.__table__,
            [{"key": k, "value": v, "version": 1} for k, v in values.items() if k not in have],
        )

    def setup_pipeline(self, s: Session) -> None:
        name = _PIPELINE_NAME[self.locale]
        taken = set(s.scalars(select(Pipeline.name)))
        has_default = bool(s.scalar(select(func.count()).where(Pipeline.is_default.is_(True))))
        base, n = name, 2
        while name in taken:
            name, n = f"{base} {n}", n + 1
        self.pipeline = self.next_id("pipelines")
        self.insert(
            s,
            Pipeline.__table__,
            [
                {
                    "id": self.pipeline,
                    "name": name,
                    "sort_order": 0,
                    "is_default": not has_default,
                    "active": True,
                    "version": 1,
                }
            ],
        )
        self.stage_ids = []
        rows = []
        for i, key in enumerate(_STAGE_KEYS):
            sid = self.next_id("stages")
            self.stage_ids.append(sid)
            rows.append(
                {
                    "id": sid,
                    "pipeline_id": self.pipeline,
                    "key": key,
                    "name": self.loc.stages[i],
                    "sort_order": i,
                    "probability": _STAGE_PROB[i],
                    "color": _STAGE_COLORS[i],
                    "is_won": key == "won",
                    "is_lost": key == "lost",
                    "aging_days": _STAGE_AGING[i],
                    "version": 1,
                }
            )
        self.insert(s, Stage.__table__, rows)

    # ---- one customer and everything that hangs off it

    def customer(self, idx: int) -> None:
        r, loc, T = self.r, self.loc, self.t
        c = _Cust()
        c.id = cid = self.next_id("customers")
        c.company = company = r.random() < 0.30
        c.profile = profile = (_COMPANY_PROFILES if company else _PERSON_PROFILES).pick(r)
        place = loc.places.pick(r)
        district, postcode = place.districts.pick(r)
        c.owner = owner = (
            self.kam if profile == "key" and r.random() < 0.6 else self.seller_pick.pick(r)
        )
        source = _SOURCES.pick(r)
        camp = None
        if source is Source.CAMPAIGN:
            camp = r.choice(self.campaigns)
            since = min(-1, camp.start + r.randrange(camp.end - camp.start))
        elif profile in ("regular", "key"):
            since = -r.randrange(120, 2600)
        elif profile in ("prospect", "passing"):
            since = -r.randrange(1, HISTORY_DAYS)
        else:
            since = -r.randrange(1, 2600)
        state: Lifecycle | None = None
        hi = 0
        if profile == "lost":
            x = r.random()
            if x < 0.25:
                state, hi = Lifecycle.AT_RISK, -r.randrange(90, 200)
            else:
                state = Lifecycle.LOST if x < 0.85 else Lifecycle.ENDED
                hi = -r.randrange(200, 650)
            since = min(since, hi - r.randrange(60, 400))
            if camp is not None and since < camp.start:
                source, camp = Source.WALK_IN, None
        c.lo = lo = max(since, -HISTORY_DAYS)
        c.hi = hi
        c.since_sec = since * DAY + r.randrange(9 * 3600, 18 * 3600)
        c.last = c.since_sec
        created = self.at(c.since_sec)
        row = dict(self.blank_customer)
        self.new_customers[(owner, *self.month_key(since))] += 1

        # who they are
        uses: tuple[VehicleUse, ...] = (VehicleUse.PRIVATE,)
        nature = VehicleNature.PRIVATE
        if company:
            if r.random() < 0.12:
                ctype = CustomerType.PUBLIC
                name, domain = loc.public_body(r, place, district)
                uses, nature = (VehicleUse.PRIVATE, VehicleUse.WORKS), VehicleNature.OFFICIAL
                industry = T["categories"]["public"]
            else:
                industry, uses, words = r.choice(loc.industries)
                name, domain = loc.company(r, words, place)
                nature = VehicleNature.COMPANY
                ctype = (
                    CustomerType.INTERMEDIARY
                    if uses == (VehicleUse.PRIVATE,)
                    else CustomerType.CONSUMER
                )
            c.name = name
            row["phone"] = loc.landline(r, place)
            row["phone2"] = loc.mobile(r) if r.random() < 0.4 else None
            row["email"] = (
                f"{'info' if r.random() < 0.5 else 'service'}@{domain}"
                if (r.random() < 0.7)
                else None
            )
            row["website"] = f"www.{domain}" if r.random() < 0.4 else None
            row["industry"] = industry
            row["customer_type"] = ctype
            row["category"] = T["categories"][ctype.value]
        else:
            female = r.random() < 0.45
            c.name, handle = loc.person(r, female)
            row["gender"] = "F" if female else "M"
            row["phone"] = loc.mobile(r) if r.random() < 0.97 else None
            row["phone2"] = loc.mobile(r) if r.random() < 0.08 else None
            email_share = {"zh_CN": 0.35, "es_ES": 0.6}.get(self.locale, 0.7)
            row["email"] = loc.email(r, handle) if r.random() < email_share else None
            if self.locale == "zh_CN" and r.random() < 0.5:
                row["wechat"] = f"wxid_{''.join(r.choices(_WX_CHARS, k=12))}"
            row["category"] = T["categories"]["person"]
            if r.random() < 0.85:
                row["birthday"] = self.birthday(18, 75)
        name = c.name

        # vehicles and people
        if company:
            if profile == "key":
                nveh = r.randint(4, 12)
            elif profile == "regular":
                nveh = r.randint(1, 4)
            else:
                nveh = r.choice((0, 0, 0, 1, 2))
        else:
            nveh = 1 if profile == "passing" else _PERSON_VEHICLES.pick(r)
        for _ in range(nveh):
            use = (
                r.choice(uses)
                if company
                else (VehicleUse.PRIVATE if r.random() < 0.97 else VehicleUse.TAXI)
            )
            c.vehicles.append(self.vehicle(cid, place, use, nature, created))
        c.fuel_month = sum(
            r.randrange(*loc.fuel_qty) * r.randint(5, 12) for _ in range(max(nveh, 1))
        )
        c.diesel = any(v[1] == "diesel" for v in c.vehicles)
        if company:
            if profile == "key":
                n = r.randint(3, 4)
            else:
                n = r.randint(1, 3 if profile == "regular" else 2)
            roles = (
                (r.choice((ContactRole.DECISION_MAKER, ContactRole.WINDOW)),)
                if n == 1
                else _ROLE_ORDER[:n]
            )
            counterpart = {
                ContactRole.DECISION_MAKER: self.manager,
                ContactRole.PURCHASER: self.manager,
                ContactRole.WINDOW: owner,
                ContactRole.FINANCE: self.desk,
            }
            for role in roles:
                cname, chandle = loc.person(r, r.random() < 0.4)
                kid = self.next_id("contacts")
                c.contacts[role] = kid
                self.buf["contacts"].append(
                    {
                        "id": kid,
                        "customer_id": cid,
                        "name": cname,
                        "role": role,
                        "title": T["contact_titles"][role.value],
                        "phone": row["phone"] if r.random() < 0.5 else None,
                        "mobile": loc.mobile(r),
                        "email": f"{chandle}@{domain}" if r.random() < 0.6 else None,
                        "birthday": self.birthday(25, 65) if r.random() < 0.6 else None,
                        "notes": None,
                        "counterpart_user_id": counterpart[role],
                        "version": 1,
                        "created_at": created,
                        "updated_at": created,
                    }
                )

        # consent, campaigns
        consent = {}
        for ch, share in (
            (Channel.PHONE, 0.03),
            (Channel.SMS, 0.06),
            (Channel.EMAIL, 0.05),
            (Channel.POST, 0.04),
        ):
            consent[ch] = ok = r.random() >= share
            if not ok:
                self.buf["consent_events"].append(
                    {
                        "id": self.next_id("consent_events"),
                        "customer_id": cid,
                        "channel": ch,
                        "granted": False,
                        "at": self.at(r.randrange(c.since_sec, 0)),
                        "user_id": owner,
                        "note": None,
                    }
                )
        if camp is not None:
            self.buf["consent_events"].append(
                {
                    "id": self.next_id("consent_events"),
                    "customer_id": cid,
                    "channel": camp.channel,
                    "granted": True,
                    "at": created,
                    "user_id": self.desk,
                    "note": None,
                }
            )
            consent[camp.channel] = True
        for cp in self.campaigns:
            if cp is camp:
                response = CampaignResponse.BOUGHT if r.random() < 0.4 else CampaignResponse.CAME
                invited = c.since_sec
            elif since < cp.start < 0 and consent[cp.channel] and r.random() < 0.1:
                response = _RESPONSE.pick(r)
                invited = (cp.start - r.randrange(1, 10)) * DAY + 10 * 3600
            else:
                continue
            responded = None
            if response is not CampaignResponse.NONE:
                day = r.randrange(max(cp.start, since), max(min(cp.end, 0), cp.start + 1))
                responded = max(day * DAY + r.randrange(9 * 3600, 19 * 3600), invited + 60)
                if response is CampaignResponse.BOUGHT and responded < hi * DAY:
                    c.requests.append((responded // DAY, "campaign", cp.id))
            self.buf["campaign_members"].append(
                {
                    "id": self.next_id("campaign_members"),
                    "campaign_id": cp.id,
                    "customer_id": cid,
                    "invited_at": self.at(invited),
                    "response": response,
                    "responded_at": self.at(responded) if responded is not None else None,
                }
            )

        # company master data, credit, key-account strategy
        if company:
            self.company_fields(c, row, ctype)
        elif r.random() < 0.2:
            hometown = r.choice(T["hometowns"])
            row.update(
                hometown=hometown,
                birthplace=hometown if r.random() < 0.7 else place.city,
                nationality=T["nationality"],
                education=r.choice(T["education"]),
                title=r.choice(loc.jobs),
                family=r.choice(T["family"]),
                personality=r.choice(T["personality"]),
                hobbies=("、" if self.locale == "zh_CN" else ", ").join(r.sample(T["hobbies"], 2)),
                preferences=r.choice(T["preferences"]),
            )
        if not company and r.random() < 0.1:
            label_i = r.randrange(len(T["dates"]))
            if label_i == 1:
                date, yearly = dt.date(self.today.year + (self.today.month > 6), 6, 7), False
            else:
                date, yearly = self.birthday(1, 30), True
            self.buf["important_dates"].append(
                {
                    "id": self.next_id("important_dates"),
                    "customer_id": cid,
                    "contact_id": None,
                    "label": T["dates"][label_i],
                    "date": date,
                    "yearly": yearly,
                    "notes": None,
                }
            )

        # what happened: deals, orders, desk visits, the rest of the timeline
        c.member = not company and r.random() < {
            "regular": 0.75,
            "occasional": 0.25,
            "lost": 0.4,
        }.get(profile, 0.0)
        n_deals = 0
        if company:
            if profile == "key":
                n_deals = r.randint(1, 2)
            elif r.random() < (0.4 if profile == "regular" else 0.75):
                n_deals = 1
        elif profile in ("regular", "occasional", "prospect") and r.random() < 0.05:
            n_deals = 1
        for _ in range(n_deals):
            self.deal(c, place)
        self.plan_orders(c)
        for day, kind, extra in sorted(c.requests, key=lambda x: x[0]):
            if lo <= day < hi:
                self.order(c, day, kind, extra)
        self.desk_visits(c)
        self.other_activities(c)

        # the customer's state, from what happened
        spend12 = sum(cents for d, cents in c.purchases if d >= -365)
        prev12 = sum(cents for d, cents in c.purchases if d < -365)
        if state is not None:
            lifecycle = state
        elif not c.purchases:
            lifecycle = Lifecycle.PROSPECT
        elif min(d for d, _ in c.purchases) >= -90:
            lifecycle = Lifecycle.NEW
        elif spend12 == 0:
            lifecycle = Lifecycle.AT_RISK
        elif prev12 == 0 or spend12 >= prev12 * 1.2:
            lifecycle = Lifecycle.GROWING
        elif spend12 >= prev12 * 0.8:
            lifecycle = Lifecycle.STEADY
        else:
            lifecycle = Lifecycle.DECLINING
        if state in (Lifecycle.LOST, Lifecycle.ENDED):
            lost_day = min(hi + r.randrange(60, 150), -1)
            cat = r.choice(
                (
                    ReasonCategory.OURS,
                    ReasonCategory.COMPETITOR,
                    ReasonCategory.COMPETITOR,
                    ReasonCategory.CUSTOMER,
                )
            )
            row["lost_at"] = self.date(lost_day)
            row["lost_reason"] = cat
            row["lost_reason_text"] = r.choice(T[f"lost_{cat.value}"]).format(
                r.choice(T["competitors"])
            )
            if state is Lifecycle.ENDED:
                row["ended_at"] = self.date(min(lost_day + r.randrange(5, 60), -1))
        if lifecycle is Lifecycle.AT_RISK:
            due = r.randrange(-10, 10) * DAY + 10 * 3600
            self.task(
                c,
                T["task_win_back"].format(name),
                TaskKind.WIN_BACK,
                due,
                source_key=f"win_back:customer:{cid}",
                priority=Priority.HIGH,
            )
        level = MembershipLevel.NONE
        if c.member:
            silver, gold, vip = loc.level_cents
            level = (
                MembershipLevel.VIP
                if spend12 >= vip
                else MembershipLevel.GOLD
                if spend12 >= gold
                else MembershipLevel.SILVER
                if spend12 >= silver
                else MembershipLevel.ORDINARY
            )
            row["membership_card"] = f"{loc.card_prefix}{idx:08d}"
            if level is not MembershipLevel.ORDINARY and c.purchases:
                day = max(d for d, _ in c.purchases)
                self.act(
                    c,
                    ActivityKind.LEVEL_CHANGE,
                    day * DAY + 21 * 3600 + 1800,
                    self.desk,
                    subject=T["level_change"].format(T["levels"][level.value]),
                )
        if profile == "regular" and not company:
            row["regularity"] = Regularity.REGULAR
            row["regularity_set_by_hand"] = r.random() < 0.1
            row["refuel_frequency"] = T["refuel"][
                0 if c.interval < 10 else 1 if c.interval < 18 else 2
            ]
        elif profile in ("key", "regular"):
            row["regularity"] = Regularity.REGULAR
        elif profile == "passing":
            row["regularity"] = Regularity.PASSING
        elif profile == "occasional":
            row["refuel_frequency"] = T["refuel"][3]

        self.tasks_for(c, row.get("birthday"))
        tags = set()
        if company and nveh >= 3 and r.random() < 0.7:
            tags.add(0)
        if any(v[1] in ("ev", "phev") for v in c.vehicles) and r.random() < 0.6:
            tags.add(4)
        if r.random() < 0.15:
            tags.add(r.choice((1, 2, 3, 6, 7)))
        if c.complained and r.random() < 0.6:
            tags.add(5)
        for t in sorted(tags):
            self.buf["customer_tags"].append({"customer_id": cid, "tag_id": self.tag_ids[t]})

        referred_id = referred_name = None
        if source is Source.REFERRAL:
            if cid > self.first_customer and r.random() < 0.7:
                referred_id = r.randrange(self.first_customer, cid)
            else:
                referred_name = loc.person(r, r.random() < 0.5)[0]
        row.update(
            id=cid,
            number=f"C{idx:06d}",
            kind=CustomerKind.COMPANY if company else CustomerKind.PERSON,
            name=name,
            address=loc.address(r, district, company),
            postcode=postcode,
            city=place.city,
            district=district,
            region=place.region,
            country=loc.country,
            source=source,
            referred_by_id=referred_id,
            referred_by_name=referred_name,
            campaign_id=camp.id if camp is not None else None,
            owner_id=owner,
            weight={"key": Weight.MAJOR, "regular": Weight.ORDINARY, "prospect": None}.get(
                profile, Weight.OCCASIONAL
            ),
            is_key_account=profile == "key",
            lifecycle=lifecycle,
            membership_level=level,
            notes=r.choice(T["note"]) if r.random() < 0.05 else None,
            consent_phone=consent[Channel.PHONE],
            consent_sms=consent[Channel.SMS],
            consent_email=consent[Channel.EMAIL],
            consent_post=consent[Channel.POST],
            created_by_id=self.desk if source is Source.WALK_IN else owner,
            created_at=created,
            updated_at=self.at(max(c.last, c.since_sec)),
        )
        self.buf["customers"].append(row)

    def birthday(self, min_age: int, max_age: int) -> dt.date:
        r = self.r
        return dt.date(
            self.today.year - r.randint(min_age, max_age), r.randint(1, 12), r.randint(1, 28)
        )

    def vehicle(
        self,
        cid: int,
        place: _Place,
        use: VehicleUse,
        nature: VehicleNature,
        at: dt.datetime,
        model: tuple[str, str, str] | None = None,
    ) -> tuple[int, str, str]:
        r, loc = self.r, self.loc
        brand, name, fuel = model or r.choice(loc.models[_MODEL_KEY[use]])
        while True:
            plate = loc.plate(r, place, fuel in ("ev", "phev"))
            if plate not in self.plates:
                break
        self.plates.add(plate)
        vid = self.next_id("vehicles")
        self.buf["vehicles"].append(
            {
                "id": vid,
                "customer_id": cid,
                "plate": plate,
                "brand": brand,
                "model": name,
                "use": use,
                "nature": nature,
                "year": self.today.year
                if model
                else r.randrange(self.today.year - 12, self.today.year + 1),
                "color": r.choice(loc.colors),
                "vin": "".join(r.choices(_VIN_CHARS, k=17)) if r.random() < 0.5 else None,
                "fuel_type": loc.fuel_labels[fuel],
                "notes": None,
                "version": 1,
                "created_at": at,
                "updated_at": at,
            }
        )
        return vid, fuel, f"{brand} {name}"

    def company_fields(self, c: _Cust, row: dict[str, Any], ctype: CustomerType) -> None:
        r, loc, T = self.r, self.loc, self.t
        scale = 2 if c.profile == "key" and r.random() < 0.6 else r.choice((0, 0, 1, 1, 2))
        founded = self.today.year - r.randint(1, 30)
        row.update(
            legal_name=c.name,
            tax_id=loc.tax_id(r),
            bank_name=r.choice(_BANKS[self.locale]) if r.random() < 0.7 else None,
            registered_capital=(
                _money(self.cash(1_000_000, 50_000_000, 10_000)) if self.locale != "en_US" else None
            ),
            founded_year=founded,
            employees=r.randint(*((5, 50), (50, 300), (300, 2000))[scale]),
            scale=T["scales"][scale],
        )
        if c.profile != "prospect":
            term = r.randrange(3)
            c.term = (30, 45, 60)[term]
            row.update(
                credit_limit=_money(self.cash(50_000, 500_000, 1000)),
                credit_term_days=c.term,
                statement_day=r.choice((25, 28)),
                payment_terms=T["payment_terms"][term],
            )
        if ctype is CustomerType.INTERMEDIARY:
            row.update(
                sales_staff=r.randint(2, 30),
                market_coverage=r.choice(T["coverage"]),
                floor_area_m2=r.randrange(100, 3000, 50),
                storage_area_m2=r.randrange(50, 2000, 50),
                transport=r.choice(T["transport"]),
                delivery_points=str(r.randint(1, 12)),
            )
        if len(c.vehicles) >= 3 and ctype is CustomerType.CONSUMER:
            models = list(dict.fromkeys(v[2] for v in c.vehicles))[:4]
            row["fleet_vehicles_per_year"] = r.choice((2, 5, 5, 10, 10, 20, 50, 100))
            row["fleet_models"] = ("、" if self.locale == "zh_CN" else ", ").join(models)
        x = r.random()
        c.payer = "good" if x < 0.75 else "slow" if x < 0.9 else "partial"
        c.discount = r.randrange(100, 500, 50) if c.profile == "key" else r.randrange(0, 300, 50)
        if c.profile != "key":
            return
        row.update(
            buying_method=r.choice(T["buying_method"]),
            decision_process=r.choice(T["decision_process"]),
            volumes=T["volumes"].format(max(c.fuel_month // 100_000, 1) * 100),
            needs=r.choice(T["needs"]),
            budget=_money(self.cash(500_000, 5_000_000, 10_000)),
            goals_plans=r.choice(T["goals"]),
            competitors=r.choice(T["competitors"]),
            next_steps=r.choice(T["next_steps"]),
        )
        for criterion in ("relationship", "policy_support"):
            self.buf["customer_scores"].append(
                {
                    "id": self.next_id("customer_scores"),
                    "customer_id": c.id,
                    "criterion": criterion,
                    "score": r.choice((1, 3, 5, 7, 7, 9, 9)),
                }
            )
        team = {c.owner: TeamRole.LEAD}
        team.setdefault(self.manager, TeamRole.MANAGER)
        team.setdefault(self.desk, TeamRole.SERVICE)
        if r.random() < 0.3:
            team.setdefault(r.choice(self.sellers), TeamRole.SERVICE)
        for uid, role in team.items():
            self.buf["account_team"].append(
                {
                    "id": self.next_id("account_team"),
                    "customer_id": c.id,
                    "user_id": uid,
                    "role": role,
                    "version": 1,
                }
            )
        first = self.today.replace(day=1)
        for back in (1, 2, 3):
            y, m = divmod(first.year * 12 + first.month - 1 - back, 12)
            month = dt.date(y, m + 1, 1)
            at = self.at(((month - self.today).days + 27) * DAY + 17 * 3600)
            self.buf["key_account_reviews"].append(
                {
                    "id": self.next_id("key_account_reviews"),
                    "customer_id": c.id,
                    "month": month,
                    "comment": r.choice(T["review"]),
                    "user_id": self.manager,
                    "version": 1,
                    "created_at": at,
                    "updated_at": at,
                }
            )
        self.buf["important_dates"].append(
            {
                "id": self.next_id("important_dates"),
                "customer_id": c.id,
                "contact_id": None,
                "label": T["company_date"],
                "date": dt.date(founded, r.randint(1, 12), r.randint(1, 28)),
                "yearly": True,
                "notes": None,
            }
        )
        if r.random() < 0.8:
            main = self.fuel_product(c)
            amount = _line_cents(c.fuel_month * 12, self.products[main][3]) // 100_000 * 100_000
            start = c.lo + r.randrange(0, 60)
            while start < 0:
                title = T["contract_fuel"].format(self.date(start).year)
                self.contract(c, start, start + 364, "fuel", max(amount, 100_000), title)
                start += 365

    def fuel_product(self, c: _Cust) -> int:
        return self.by_kind["diesel"][0] if c.diesel else self.by_kind["petrol"][1]

    def contract(
        self,
        c: _Cust,
        start: int,
        end: int,
        kind: str,
        cents: int,
        title: str,
        deal: int | None = None,
        signed: int | None = None,
    ) -> int:
        r = self.r
        kid = self.next_id("contracts")
        self.contract_seq += 1
        if signed is None:
            signed = max(start - r.randrange(3, 20), c.since_sec // DAY)
        status = (
            ContractStatus.COMPLETED
            if end < 0
            else ContractStatus.IN_FORCE
            if start <= 0
            else ContractStatus.SIGNED
        )
        at = self.at(signed * DAY + r.randrange(9 * 3600, 18 * 3600))
        self.buf["contracts"].append(
            {
                "id": kid,
                "number": f"{self.t['contract_prefix']}{self.date(signed).year}"
                f"{self.contract_seq:06d}",
                "customer_id": c.id,
                "deal_id": deal,
                "owner_id": c.owner,
                "title": title,
                "signed_on": self.date(signed),
                "starts_on": self.date(start),
                "ends_on": self.date(end),
                "amount": _money(cents),
                "status": status,
                "notes": None,
                "version": 1,
                "created_at": at,
                "updated_at": at,
            }
        )
        c.windows.append((start, end, kid, kind))
        if kind != "vehicle" and 0 <= end < 60:
            self.task(
                c,
                self.t["task_contract"].format(title),
                TaskKind.CONTRACT,
                (end - 30) * DAY + 10 * 3600,
                source_key=f"contract_renewal:contract:{kid}",
                priority=Priority.HIGH,
            )
        return kid

    def deal(self, c: _Cust, place: _Place) -> None:
        r, T = self.r, self.t
        did = self.next_id("deals")
        if not c.company:
            kind = "car"
        elif c.profile == "key":
            kind = r.choice(("vehicle", "service"))
        else:
            kind = r.choice(("vehicle", "fuel", "fuel", "service"))
        avail = -c.since_sec
        x = r.random()
        if c.profile == "prospect":
            status = (
                DealStatus.OPEN if x < 0.65 else DealStatus.LOST if x < 0.95 else DealStatus.WON
            )
        else:
            status = DealStatus.OPEN if x < 0.35 else DealStatus.WON if x < 0.8 else DealStatus.LOST
        if avail < 20 * DAY:
            status = DealStatus.OPEN
        if status is DealStatus.OPEN:
            path = list(range(_OPEN_STAGE.pick(r) + 1))
        elif status is DealStatus.WON:
            path = [0, 1, 2, 3, 4]
        else:
            path = [*range(r.randrange(4) + 1), 5]
        if 2 in path and r.random() < 0.3:
            path.remove(1)
        dwell = [r.randrange(2 * DAY, 35 * DAY) for _ in path[1:]]
        total = sum(dwell)
        if total > avail * 0.8:
            f = avail * 0.8 / total
            dwell = [max(60, int(x * f)) for x in dwell]
            total = sum(dwell)
        room = avail - total
        if status is DealStatus.OPEN:
            ago = r.randrange(3600, max(3601, min(room, 75 * DAY)))
        else:
            ago = r.randrange(DAY, max(DAY + 1, min(room, 700 * DAY)))
        times = [-ago - total]
        for x in dwell:
            times.append(times[-1] + x)

        pidx = n = 0
        products = None
        if kind in ("vehicle", "car"):
            pool = self.by_kind["vehicle"] + (self.by_kind["truck"] if c.diesel else [])
            pidx = r.choice(pool)
            pname, price = self.products[pidx][1], self.products[pidx][3]
            n = 1 if kind == "car" else r.randint(2, 10)
            amount = n * price
            title = (
                T["deal_car"].format(pname) if kind == "car" else T["deal_vehicle"].format(n, pname)
            )
            products = pname
        elif kind == "fuel":
            amount = self.cash(200_000, 2_000_000, 1000)
            title = T["deal_fuel"].format(self.date(times[0] // DAY).year)
        else:
            amount = self.cash(50_000, 300_000, 1000)
            title = T["deal_service"]

        contact = (
            c.contacts.get(ContactRole.DECISION_MAKER)
            or c.contacts.get(ContactRole.PURCHASER)
            or next(iter(c.contacts.values()), None)
        )
        visit_kinds = (
            ActivityKind.CALL,
            ActivityKind.TEST_DRIVE if products else ActivityKind.VISIT,
            ActivityKind.MEETING if c.company else ActivityKind.VISIT,
            ActivityKind.VISIT,
        )
        for i, st in enumerate(path):
            left = times[i + 1] if i + 1 < len(path) else None
            self.buf["deal_stage_history"].append(
                {
                    "id": self.next_id("deal_stage_history"),
                    "deal_id": did,
                    "pipeline_id": self.pipeline,
                    "stage_id": self.stage_ids[st],
                    "entered_at": self.at(times[i]),
                    "left_at": self.at(left) if left is not None else None,
                    "user_id": c.owner,
                }
            )
            if st < 4:
                akind = visit_kinds[st]
                subject = (
                    T["test_drive"].format(products)
                    if akind is ActivityKind.TEST_DRIVE
                    else T["deal_move"].format(self.loc.stages[st], title)
                )
                self.act(
                    c, akind, times[i] + 1800, c.owner, subject=subject, contact=contact, deal=did
                )

        won = reason = reason_text = competitor = None
        closed_day = times[-1] // DAY
        if status is DealStatus.WON:
            if products:
                disc = r.randrange(0, 600, 50)
                won = _line_cents(n * 1000, self.products[pidx][3], disc)
                contract = None
                if c.company:
                    contract = self.contract(
                        c,
                        closed_day,
                        closed_day + 90,
                        "vehicle",
                        won,
                        title,
                        deal=did,
                        signed=closed_day,
                    )
                self.order(c, closed_day, "vehicle", (pidx, n, disc), deal=did, contract=contract)
                if not c.company:
                    brand, _, model = products.partition(" ")
                    fuel = (
                        "ev"
                        if "EV" in model or brand == "Tesla"
                        else "phev"
                        if "DM" in model
                        else "hybrid"
                        if "Hybrid" in model
                        else "petrol"
                    )
                    c.vehicles.append(
                        self.vehicle(
                            c.id,
                            place,
                            VehicleUse.PRIVATE,
                            VehicleNature.PRIVATE,
                            self.at(times[-1]),
                            (brand, model, fuel),
                        )
                    )
            else:
                won = max(amount * r.randrange(85, 101) // 100 // 10_000 * 10_000, 10_000)
                start = closed_day + r.randrange(1, 10)
                self.contract(c, start, start + 364, kind, won, title, deal=did, signed=closed_day)
                if c.profile == "prospect":
                    step = 30 if kind == "fuel" else 90
                    order_kind = "fuel_invoice" if kind == "fuel" else "service"
                    c.requests.extend((d, order_kind, None) for d in range(start, 0, step))
        elif status is DealStatus.LOST:
            reason = r.choice(
                (
                    ReasonCategory.OURS,
                    ReasonCategory.COMPETITOR,
                    ReasonCategory.COMPETITOR,
                    ReasonCategory.CUSTOMER,
                )
            )
            name = r.choice(T["competitors"])
            reason_text = r.choice(T[f"lost_{reason.value}"]).format(name)
            competitor = name if reason is ReasonCategory.COMPETITOR else None
        else:
            if r.random() < 0.7:
                self.task(
                    c,
                    T["task_follow_up"].format(title),
                    TaskKind.FOLLOW_UP,
                    r.randrange(-10, 20) * DAY + r.randrange(9 * 3600, 17 * 3600),
                    deal=did,
                    contact=contact,
                    created=times[-1],
                )
        closed = status is not DealStatus.OPEN
        self.buf["deals"].append(
            {
                "id": did,
                "customer_id": c.id,
                "pipeline_id": self.pipeline,
                "stage_id": self.stage_ids[path[-1]],
                "owner_id": c.owner,
                "title": title,
                "amount": _money(amount),
                "probability_override": (
                    r.choice((20, 50, 70, 90)) if not closed and r.random() < 0.05 else None
                ),
                "expected_close": self.date(closed_day if closed else r.randrange(-20, 120)),
                "stage_entered_at": self.at(times[-1]),
                "status": status,
                "closed_at": self.at(times[-1]) if closed else None,
                "won_amount": _money(won) if won is not None else None,
                "lost_reason": reason,
                "lost_reason_text": reason_text,
                "competitor": competitor,
                "products": products,
                "notes": None,
                "deleted_at": None,
                "version": 1,
                "created_at": self.at(times[0]),
                "updated_at": self.at(times[-1]),
            }
        )

    def plan_orders(self, c: _Cust) -> None:
        r = self.r
        lo, hi = c.lo, c.hi
        reqs = c.requests
        if c.company:
            if c.profile == "key":
                d = lo + r.randrange(0, 30)
                while d < hi:
                    reqs.append((d, "fuel_invoice", None))
                    if r.random() < 0.25:
                        reqs.append((d + r.randrange(0, 20), "service", None))
                    d += r.randint(27, 33)
            elif c.profile == "regular":
                interval = r.uniform(40, 120)
                d = lo + r.randrange(0, int(interval))
                while d < hi:
                    reqs.append((d, "fuel_invoice" if r.random() < 0.6 else "service", None))
                    d += max(7, int(interval * r.uniform(0.7, 1.3)))
            elif r.random() < 0.15:
                reqs.append((r.randrange(lo, hi), "trial", None))
            return
        if c.profile == "regular":
            n = r.randint(0, 4)
        elif c.profile in ("occasional", "lost"):
            n = r.randint(0, 2)
        else:
            n = 0
        for _ in range(n):
            reqs.append((r.randrange(lo, hi), "service" if r.random() < 0.6 else "parts", None))

    def order(
        self,
        c: _Cust,
        day: int,
        kind: str,
        extra: Any,
        deal: int | None = None,
        contract: int | None = None,
    ) -> None:
        r, T = self.r, self.t
        campaign = None
        if kind == "campaign":
            campaign = extra
            kind = "fuel_invoice" if c.company else "service"
        disc = c.discount
        service = kind in ("service", "vehicle")
        if kind in ("fuel_invoice", "trial"):
            share = 0.3 if kind == "trial" else r.uniform(0.7, 1.3)
            q = max(int(c.fuel_month * share) // 10 * 10, 10_000)
            main = self.fuel_product(c)
            if c.diesel and r.random() < 0.3:
                lines = [
                    (main, q * 7 // 10 // 10 * 10, disc),
                    (self.by_kind["petrol"][0], q * 3 // 10 // 10 * 10, disc),
                ]
            else:
                lines = [(main, q, disc)]
        elif kind == "service":
            count = r.randint(1, max(1, min(6, len(c.vehicles)))) if c.company else 1
            lines = [(r.choice(self.by_kind["service"]), count * 1000, disc)]
            for _ in range(r.choice((0, 0, 1, 1, 2))):
                lines.append((r.choice(self.by_kind["parts"]), r.choice((1, 1, 2, 4)) * 1000, disc))
        elif kind == "parts":
            lines = [
                (r.choice(self.by_kind["parts"]), r.choice((1, 2, 4)) * 1000, disc)
                for _ in range(r.randint(1, 2))
            ]
        else:
            pidx, n, vdisc = extra
            lines = [(pidx, n * 1000, vdisc)]
        if contract is None and c.windows:
            want = "fuel" if kind in ("fuel_invoice", "trial") else "service"
            for start, end, kid, wkind in c.windows:
                if wkind == want and start <= day <= end:
                    contract = kid
                    break

        oid = self.next_id("orders")
        self.order_seq += 1
        total = cost = 0
        line_ids = []
        for pidx, q, d in lines:
            pid, pname, _unit, price, unit_cost = self.products[pidx]
            amount = _line_cents(q, price, d)
            lc = _line_cents(q, unit_cost)
            total += amount
            cost += lc
            lid = self.next_id("order_lines")
            line_ids.append(lid)
            self.buf["order_lines"].append(
                {
                    "id": lid,
                    "order_id": oid,
                    "product_id": pid,
                    "description": pname,
                    "quantity": _qty(q),
                    "unit_price": _money(price),
                    "discount_pct": Decimal(d).scaleb(-2),
                    "unit_cost": _money(unit_cost),
                    "amount": _money(amount),
                    "cost": _money(lc),
                    "version": 1,
                }
            )
        sec = day * DAY + r.randrange(8 * 3600, 19 * 3600)
        activity = None
        if c.company and kind != "vehicle" and r.random() < 0.15:
            akind = ActivityKind.VISIT if r.random() < 0.5 else ActivityKind.CALL
            activity = self.act(
                c,
                akind,
                sec - 1800,
                c.owner,
                subject=r.choice(T["visit" if akind is ActivityKind.VISIT else "call"]),
                contact=c.contacts.get(ContactRole.PURCHASER),
            )
        if r.random() < 0.01:
            status = OrderStatus.CANCELLED
        elif c.company:
            status = OrderStatus.CONFIRMED if day >= -3 else OrderStatus.INVOICED
        else:
            status = OrderStatus.DELIVERED
        at = self.at(sec)
        self.buf["orders"].append(
            {
                "id": oid,
                "number": f"{T['order_prefix']}{self.date(day):%Y%m}-{self.order_seq:06d}",
                "customer_id": c.id,
                "owner_id": c.owner,
                "contract_id": contract,
                "deal_id": deal,
                "activity_id": activity,
                "campaign_id": campaign,
                "order_date": self.date(day),
                "due_date": self.date(day + c.term) if c.company else self.date(day),
                "amount": _money(total),
                "cost": _money(cost),
                "status": status,
                "notes": None,
                "deleted_at": None,
                "version": 1,
                "created_at": at,
                "updated_at": at,
            }
        )
        if sec > c.last:
            c.last = sec
        if status is OrderStatus.CANCELLED:
            return

        returned = 0
        if c.company and kind == "service" and len(lines) > 1 and r.random() < 0.05:
            i = r.randrange(1, len(lines))
            pidx, q, d = lines[i]
            rday = day + r.randrange(1, 15)
            if rday < c.hi:
                _, _, _, price, unit_cost = self.products[pidx]
                returned = _line_cents(1000, price, d)
                rcost = _line_cents(1000, unit_cost)
                rid = self.next_id("returns")
                rat = self.at(rday * DAY + r.randrange(9 * 3600, 18 * 3600))
                self.buf["returns"].append(
                    {
                        "id": rid,
                        "order_id": oid,
                        "customer_id": c.id,
                        "user_id": c.owner,
                        "return_date": self.date(rday),
                        "amount": _money(returned),
                        "cost": _money(rcost),
                        "reason": r.choice(T["return_reason"]),
                        "version": 1,
                        "created_at": rat,
                        "updated_at": rat,
                    }
                )
                self.buf["return_lines"].append(
                    {
                        "id": self.next_id("return_lines"),
                        "return_id": rid,
                        "order_line_id": line_ids[i],
                        "quantity": _qty(1000),
                        "amount": _money(returned),
                    }
                )
        net = total - returned
        c.purchases.append((day, net))
        self.sales[(c.owner, *self.month_key(day))] += net

        if not c.company:
            self.pay(c, oid, sec + 120, net)
            if c.member:
                self.earn(c, sec, net, order=oid)
        else:
            due = day + c.term
            if c.payer == "good":
                paid = max(due - r.randrange(0, 10), day)
                if paid < 0:
                    self.pay(c, oid, paid * DAY + 11 * 3600, net)
            elif c.payer == "slow":
                paid = due + r.randrange(0, 45)
                if paid < 0:
                    self.pay(c, oid, paid * DAY + 11 * 3600, net)
            elif due < 0:
                first = net * r.randrange(40, 81) // 100
                self.pay(c, oid, due * DAY + 11 * 3600, first)
                later = due + r.randrange(30, 90)
                if later < 0 and r.random() < 0.5:
                    self.pay(c, oid, later * DAY + 11 * 3600, net - first)

        if service:
            rv = day + 7
            title = T["task_return_visit"].format(c.name)
            key = f"return_visit:order:{oid}"
            if rv < -7:
                if r.random() < 0.35:
                    rsec = rv * DAY + r.randrange(9 * 3600, 18 * 3600)
                    self.act(
                        c,
                        ActivityKind.RETURN_VISIT,
                        rsec,
                        c.owner,
                        subject=r.choice(T["return_visit"]),
                        satisfaction=_SATISFACTION.pick(r),
                        contact=c.contacts.get(ContactRole.WINDOW),
                    )
                    if r.random() < 0.5:
                        self.task(
                            c,
                            title,
                            TaskKind.RETURN_VISIT,
                            rv * DAY + 10 * 3600,
                            status=TaskStatus.DONE,
                            done=rsec,
                            order=oid,
                            source_key=key,
                            created=sec + 600,
                            outcome=r.choice(T["task_outcome"]),
                        )
            elif rv < 7 and r.random() < 0.8:
                self.task(
                    c,
                    title,
                    TaskKind.RETURN_VISIT,
                    rv * DAY + 10 * 3600,
                    order=oid,
                    source_key=key,
                    created=sec + 600,
                )

    def pay(self, c: _Cust, order: int, sec: int, cents: int) -> None:
        r = self.r
        if cents <= 0:
            return
        if c.company:
            method = (
                PaymentMethod.CHEQUE
                if self.locale == "en_US" and r.random() < 0.15
                else (PaymentMethod.TRANSFER)
            )
        else:
            x = r.random()
            if self.locale == "zh_CN":
                method = (
                    PaymentMethod.MOBILE
                    if x < 0.6
                    else (PaymentMethod.CARD if x < 0.85 else PaymentMethod.CASH)
                )
            else:
                method = (
                    PaymentMethod.CARD
                    if x < 0.75
                    else (PaymentMethod.CASH if x < 0.9 else PaymentMethod.MOBILE)
                )
        day = sec // DAY
        at = self.at(sec)
        self.buf["payments"].append(
            {
                "id": self.next_id("payments"),
                "customer_id": c.id,
                "order_id": order,
                "user_id": self.desk if not c.company else c.owner,
                "paid_on": self.date(day),
                "amount": _money(cents),
                "method": method,
                "reference": (
                    f"{self.date(day):%Y%m%d}{_digits(r, 6)}"
                    if method is PaymentMethod.TRANSFER
                    else None
                ),
                "notes": None,
                "version": 1,
                "created_at": at,
                "updated_at": at,
            }
        )
        # by who recorded it, as reports credit collections
        self.collected[(self.desk if not c.company else c.owner, *self.month_key(day))] += cents

    def earn(
        self,
        c: _Cust,
        sec: int,
        cents: int,
        activity: int | None = None,
        order: int | None = None,
    ) -> None:
        points = cents // 100
        if points <= 0:
            return
        ledger = self.buf["points_ledger"]
        ledger.append(
            {
                "id": self.next_id("points_ledger"),
                "customer_id": c.id,
                "at": self.at(sec + 30),
                "kind": PointsKind.EARN,
                "points": points,
                "order_id": order,
                "activity_id": activity,
                "user_id": self.desk,
                "reason": self.t["points_earn"],
                "expires_on": None,
            }
        )
        c.balance += points
        redeem = self.loc.redeem_at
        if c.balance >= redeem and self.r.random() < 0.3:
            ledger.append(
                {
                    "id": self.next_id("points_ledger"),
                    "customer_id": c.id,
                    "at": self.at(sec + 90),
                    "kind": PointsKind.REDEEM,
                    "points": -redeem,
                    "order_id": None,
                    "activity_id": None,
                    "user_id": self.desk,
                    "reason": self.t["points_redeem"],
                    "expires_on": None,
                }
            )
            c.balance -= redeem

    def desk_visits(self, c: _Cust) -> None:
        r, loc, T = self.r, self.loc, self.t
        lo, hi, profile = c.lo, c.hi, c.profile
        days: list[int] = []
        if c.company:
            if profile == "regular" and r.random() < 0.3:
                days = sorted(r.randrange(lo, hi) for _ in range(r.randint(2, 6)))
        elif profile in ("regular", "lost"):
            c.interval = m = r.uniform(7, 34) if profile == "regular" else r.uniform(10, 40)
            d = lo + r.randrange(0, 10)
            while d < hi:
                days.append(d)
                d += 1 + int(r.expovariate(1 / m))
        elif profile == "occasional":
            days = sorted(r.randrange(lo, hi) for _ in range(r.randint(1, 6)))
        elif profile == "passing":
            days = [lo]
        elif r.random() < 0.25:
            days = [r.randrange(lo, hi)]
        if not days:
            return
        buying = profile != "prospect"
        grade = r.choice(self.by_kind["petrol"])
        diesel = self.by_kind["diesel"][0]
        washes, parts = self.by_kind["wash"], self.by_kind["parts"]
        q_lo, q_hi = loc.fuel_qty
        products = self.products
        vehicles = c.vehicles
        owner, desk, member = c.owner, self.desk, c.member
        sales = self.sales
        for d in days:
            sec = d * DAY + r.randrange(7 * 3600, 21 * 3600)
            x = r.random() if buying else 1.0
            vid, fuel = vehicles[r.randrange(len(vehicles))][:2] if vehicles else (None, "petrol")
            if x < 0.8 and fuel == "ev":
                x = 0.85
            if x < 0.8:
                _, pname, unit, price, _ = products[diesel if fuel == "diesel" else grade]
                q = r.randrange(q_lo, q_hi) // 10 * 10
                cents = _line_cents(q, price)
                subject = T["fuel_sale"].format(pname, f"{q / 1000:.2f}", unit)
            elif x < 0.96:
                _, subject, _, cents, _ = products[r.choice(washes if x < 0.92 else parts)]
            else:
                cents, subject = 0, r.choice(T["desk"])
            aid = self.act(
                c,
                ActivityKind.DESK_VISIT,
                sec,
                desk if r.random() < 0.75 else owner,
                subject=subject,
                amount=cents,
                vehicle=vid,
            )
            if cents:
                c.purchases.append((d, cents))
                mk = (owner, *self.month_key(d))
                sales[mk] += cents
                if member:
                    self.earn(c, sec, cents, activity=aid)

    def other_activities(self, c: _Cust) -> None:
        r, T = self.r, self.t
        profile = c.profile
        if c.company:
            n = (
                r.randint(10, 24)
                if profile == "key"
                else r.randint(3, 8)
                if profile == "regular"
                else r.randint(1, 5)
            )
            kinds = _COMPANY_KINDS
        else:
            n = (
                r.randint(1, 5)
                if profile == "regular"
                else r.randint(0, 3)
                if profile == "occasional"
                else 0
                if profile == "passing"
                else r.randint(1, 3)
            )
            kinds = _PERSON_KINDS
        contacts = list(c.contacts.values())
        for _ in range(n):
            kind = kinds.pick(r)
            sec = r.randrange(c.lo, c.hi) * DAY + r.randrange(9 * 3600, 19 * 3600)
            phrase = r.choice(T[_TEXT_KEY[kind]])
            note = kind is ActivityKind.NOTE
            aid = self.act(
                c,
                kind,
                sec,
                c.owner if r.random() < 0.85 else r.choice(self.sellers),
                subject=None if note else phrase,
                text=phrase if note else None,
                outcome=(
                    r.choice(T["call_outcome"])
                    if kind is ActivityKind.CALL and r.random() < 0.5
                    else None
                ),
                satisfaction=_SATISFACTION.pick(r) if kind is ActivityKind.RETURN_VISIT else None,
                contact=r.choice(contacts) if contacts else None,
            )
            if kind is ActivityKind.COMPLAINT:
                self.case(c, aid, sec, phrase)

    def case(self, c: _Cust, activity: int, sec: int, title: str) -> None:
        r, T = self.r, self.t
        c.complained = True
        kid = self.next_id("service_cases")
        due = sec // DAY + 7
        if sec > -5 * DAY:
            status = CaseStatus.OPEN
        elif sec > -20 * DAY and r.random() < 0.5:
            status = CaseStatus.IN_PROGRESS
        else:
            status = CaseStatus.RESOLVED
        resolved = min(sec + r.randrange(3600, 10 * DAY), -60)
        done = status is CaseStatus.RESOLVED
        at = self.at(sec)
        self.buf["service_cases"].append(
            {
                "id": kid,
                "customer_id": c.id,
                "activity_id": activity,
                "owner_id": c.owner,
                "title": title,
                "description": None,
                "opened_at": at,
                "due_on": self.date(due),
                "status": status,
                "resolution": r.choice(T["case_resolution"]) if done else None,
                "resolved_at": self.at(resolved) if done else None,
                "satisfaction": r.choice((2, 3, 4, 4, 5, 5)) if done else None,
                "version": 1,
                "created_at": at,
                "updated_at": self.at(resolved) if done else at,
            }
        )
        if not done:
            self.task(
                c,
                T["task_case"].format(title),
                TaskKind.CASE,
                due * DAY + 18 * 3600,
                case=kid,
                source_key=f"case:{kid}",
                priority=Priority.HIGH,
                created=sec + 300,
            )

    def act(
        self,
        c: _Cust,
        kind: ActivityKind,
        sec: int,
        user: int,
        *,
        subject: str | None = None,
        text: str | None = None,
        amount: int = 0,
        satisfaction: int | None = None,
        outcome: str | None = None,
        contact: int | None = None,
        deal: int | None = None,
        vehicle: int | None = None,
    ) -> int:
        self.ids["activities"] += 1
        aid = self.ids["activities"]
        at = self.midnight + dt.timedelta(seconds=sec)
        self.buf["activities"].append(
            {
                "id": aid,
                "customer_id": c.id,
                "contact_id": contact,
                "deal_id": deal,
                "vehicle_id": vehicle,
                "user_id": user,
                "kind": kind,
                "occurred_at": at,
                "subject": subject,
                "text": text,
                "amount": Decimal(amount).scaleb(-2) if amount else None,
                "satisfaction": satisfaction,
                "outcome": outcome,
                "created_at": at,
                "version": 1,
            }
        )
        if sec > c.last:
            c.last = sec
        return aid

    def task(
        self,
        c: _Cust,
        title: str,
        kind: TaskKind,
        due: int,
        *,
        status: TaskStatus = TaskStatus.OPEN,
        done: int | None = None,
        deal: int | None = None,
        order: int | None = None,
        case: int | None = None,
        contact: int | None = None,
        source_key: str | None = None,
        priority: Priority = Priority.NORMAL,
        created: int | None = None,
        outcome: str | None = None,
    ) -> None:
        if created is None:
            created = due - self.r.randrange(1, 14) * DAY
        created = min(created, -60)
        self.buf["tasks"].append(
            {
                "id": self.next_id("tasks"),
                "title": title[:200],
                "kind": kind,
                "customer_id": c.id,
                "contact_id": contact,
                "deal_id": deal,
                "order_id": order,
                "case_id": case,
                "owner_id": c.owner,
                "created_by_id": None if source_key else c.owner,
                "due_at": self.at(due),
                "priority": priority,
                "status": status,
                "snoozed_until": None,
                "done_at": self.at(done) if done is not None else None,
                "recurrence": Recurrence.NONE,
                "note": None,
                "outcome": outcome,
                "source_key": source_key,
                "version": 1,
                "created_at": self.at(created),
                "updated_at": self.at(done if done is not None else created),
            }
        )

    def tasks_for(self, c: _Cust, birthday: dt.date | None) -> None:
        r, T = self.r, self.t
        if birthday is not None:
            this = birthday.replace(year=self.today.year)
            delta = (this - self.today).days
            if delta < -300:
                this = birthday.replace(year=self.today.year + 1)
                delta = (this - self.today).days
            title = T["task_birthday"].format(c.name)
            key = f"birthday:customer:{c.id}:{this.year}"
            if 0 <= delta <= 3:
                self.task(
                    c,
                    title,
                    TaskKind.BIRTHDAY,
                    delta * DAY + 9 * 3600,
                    source_key=key,
                    created=-3 * DAY + 6 * 3600,
                )
            elif -30 <= delta < 0 and r.random() < 0.6:
                due = delta * DAY + 9 * 3600
                self.task(
                    c,
                    title,
                    TaskKind.BIRTHDAY,
                    due,
                    status=TaskStatus.DONE,
                    done=due + r.randrange(600, 8 * 3600),
                    source_key=key,
                    created=due - 3 * DAY,
                    outcome=r.choice(T["task_outcome"]),
                )
        if r.random() < 0.06:
            i = r.randrange(len(T["task_call"]))
            due_day = r.randrange(-20, 30)
            due = due_day * DAY + r.randrange(9 * 3600, 17 * 3600)
            if due_day < 0 and r.random() < 0.7:
                self.task(
                    c,
                    T["task_call"][i].format(c.name),
                    TaskKind.CALL if i == 0 else TaskKind.TODO,
                    due,
                    status=TaskStatus.DONE,
                    done=min(due + r.randrange(-3600, 3 * DAY), -600),
                    outcome=r.choice(T["task_outcome"]),
                    priority=r.choice((Priority.LOW, Priority.NORMAL, Priority.HIGH)),
                )
            else:
                self.task(
                    c,
                    T["task_call"][i].format(c.name),
                    TaskKind.CALL if i == 0 else TaskKind.TODO,
                    due,
                    priority=r.choice((Priority.LOW, Priority.NORMAL, Priority.HIGH)),
                )

    # ---- after the customers: targets from what was sold

    def targets(self, s: Session) -> None:
        r = self.r
        first = self.today - dt.timedelta(days=HISTORY_DAYS)
        now = self.today.year * 12 + self.today.month - 1
        months = [divmod(i, 12) for i in range(first.year * 12 + first.month - 1, now + 3)]
        months = [(y, m + 1) for y, m in months]
        have = {
            tuple(row)
            for row in s.execute(
                select(SalesTarget.user_id, SalesTarget.month, SalesTarget.measure)
            )
        }
        rows = []
        current = (self.today.year, self.today.month)

        def typical(figures: dict[tuple[int, int, int], int], uid: int) -> int:
            """The median of the last six months: one fleet order does not make a target."""
            recent = sorted([figures.get((uid, *ym), 0) for ym in months if ym < current][-6:])
            return recent[len(recent) // 2] if recent else 0

        def near(figures: dict[tuple[int, int, int], int], uid: int, ym: Any) -> int:
            """A target 10 % under to 15 % over what was done (or is usual), in hundreds."""
            base = figures.get((uid, *ym), 0) if ym < current else typical(figures, uid)
            return max(base * r.randrange(90, 116) // 100 // 100_000 * 100_000, 100_000)

        for uid in self.sellers:
            for ym in months:
                month = dt.date(ym[0], ym[1], 1)
                got = self.new_customers.get((uid, *ym), 0)
                values = (
                    (TargetMeasure.SALES, Decimal(near(self.sales, uid, ym)).scaleb(-2)),
                    (TargetMeasure.COLLECTIONS, Decimal(near(self.collected, uid, ym)).scaleb(-2)),
                    (
                        TargetMeasure.NEW_CUSTOMERS,
                        Decimal(max(got * r.randrange(90, 131) // 100, 1)),
                    ),
                )
                for measure, target in values:
                    if (uid, month, measure) in have:
                        continue
                    rows.append(
                        {
                            "id": self.next_id("sales_targets"),
                            "user_id": uid,
                            "month": month,
                            "measure": measure,
                            "dimension": "",
                            "dimension_value": "",
                            "target": target,
                            "version": 1,
                        }
                    )
        self.insert(s, SalesTarget.__table__, rows)


class _Cust:
    """What one customer's rows need to know about each other while they are made."""

    __slots__ = (
        "balance",
        "company",
        "complained",
        "contacts",
        "diesel",
        "discount",
        "fuel_month",
        "hi",
        "id",
        "interval",
        "last",
        "lo",
        "member",
        "name",
        "owner",
        "payer",
        "profile",
        "purchases",
        "requests",
        "since_sec",
        "term",
        "vehicles",
        "windows",
    )

    def __init__(self) -> None:
        self.id = 0
        self.company = False
        self.profile = ""
        self.owner = 0
        self.lo = self.hi = self.since_sec = self.last = 0
        self.name = ""
        self.vehicles: list[tuple[int, str, str]] = []
        self.contacts: dict[ContactRole, int] = {}
        self.requests: list[tuple[int, str, Any]] = []
        self.windows: list[tuple[int, int, int, str]] = []
        self.purchases: list[tuple[int, int]] = []
        self.member = False
        self.balance = 0
        self.fuel_month = 0
        self.diesel = False
        self.term = 30
        self.payer = "good"
        self.discount = 0
        self.interval = 20.0
        self.complained = False


_WX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"

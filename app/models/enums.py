"""The fixed vocabularies of the domain, stored by value.

Values are stable identifiers (English, lower case); the window translates them.
"""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    SALES = "sales"
    VIEWER = "viewer"


class CustomerKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"


class Source(StrEnum):
    WALK_IN = "walk_in"
    REFERRAL = "referral"
    EVENT = "event"
    CAMPAIGN = "campaign"
    WEBSITE = "website"
    PHONE = "phone"
    ADVERTISING = "advertising"
    IMPORT = "import"
    OTHER = "other"


class CustomerType(StrEnum):
    """By kind [消费客户、中间客户、公利客户、内部客户]."""

    CONSUMER = "consumer"
    INTERMEDIARY = "intermediary"
    PUBLIC = "public"
    INTERNAL = "internal"


class Weight(StrEnum):
    """By weight [主要、一般、零散]."""

    MAJOR = "major"
    ORDINARY = "ordinary"
    OCCASIONAL = "occasional"


class Lifecycle(StrEnum):
    PROSPECT = "prospect"
    NEW = "new"
    GROWING = "growing"
    STEADY = "steady"
    DECLINING = "declining"
    AT_RISK = "at_risk"
    LOST = "lost"
    WON_BACK = "won_back"
    ENDED = "ended"


class Regularity(StrEnum):
    """Fixed regular or passing traffic [固定客户 / 流动车辆]."""

    UNKNOWN = "unknown"
    REGULAR = "regular"
    PASSING = "passing"


class MembershipLevel(StrEnum):
    NONE = "none"
    ORDINARY = "ordinary"
    SILVER = "silver"
    GOLD = "gold"
    VIP = "vip"


class ReasonCategory(StrEnum):
    """Why a deal or a customer was lost [企业原因, 竞争原因, 客户原因]."""

    OURS = "ours"
    COMPETITOR = "competitor"
    CUSTOMER = "customer"


class ContactRole(StrEnum):
    DECISION_MAKER = "decision_maker"
    PURCHASER = "purchaser"
    WINDOW = "window"
    FINANCE = "finance"
    OTHER = "other"


class VehicleUse(StrEnum):
    PRIVATE = "private"
    COACH = "coach"
    WORKS = "works"
    TAXI = "taxi"
    FREIGHT = "freight"
    RENTAL = "rental"
    OTHER = "other"


class VehicleNature(StrEnum):
    PRIVATE = "private"
    OFFICIAL = "official"
    COMPANY = "company"


class ActivityKind(StrEnum):
    CALL = "call"
    VISIT = "visit"
    DESK_VISIT = "desk_visit"
    RETURN_VISIT = "return_visit"
    TEST_DRIVE = "test_drive"
    EMAIL = "email"
    SMS = "sms"
    MEETING = "meeting"
    NOTE = "note"
    COMPLAINT = "complaint"
    PRAISE = "praise"
    SUGGESTION = "suggestion"
    LEVEL_CHANGE = "level_change"


class DealStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class ProductCategory(StrEnum):
    FUEL = "fuel"
    VEHICLE = "vehicle"
    ACCESSORY = "accessory"
    SERVICE = "service"
    PARTS = "parts"
    OTHER = "other"


class OrderStatus(StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    DELIVERED = "delivered"
    INVOICED = "invoiced"
    CANCELLED = "cancelled"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"
    CHEQUE = "cheque"
    MOBILE = "mobile"
    OTHER = "other"


class ContractStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class TaskKind(StrEnum):
    TODO = "todo"
    CALL = "call"
    FOLLOW_UP = "follow_up"
    RETURN_VISIT = "return_visit"
    BIRTHDAY = "birthday"
    WIN_BACK = "win_back"
    CASE = "case"
    CONTRACT = "contract"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Recurrence(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    MERGE = "merge"
    REASSIGN = "reassign"
    EXPORT = "export"
    IMPORT = "import"
    ERASE = "erase"
    SIGN_IN = "sign_in"


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    POST = "post"


class CaseStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class PointsKind(StrEnum):
    EARN = "earn"
    REDEEM = "redeem"
    ADJUST = "adjust"
    EXPIRE = "expire"


class CampaignKind(StrEnum):
    EVENT = "event"
    PROMOTION = "promotion"
    MAILING = "mailing"
    CALL_ROUND = "call_round"


class CampaignResponse(StrEnum):
    NONE = "none"
    CAME = "came"
    BOUGHT = "bought"
    DECLINED = "declined"


class TeamRole(StrEnum):
    LEAD = "lead"
    MANAGER = "manager"
    SPONSOR = "sponsor"
    SERVICE = "service"


class TargetMeasure(StrEnum):
    SALES = "sales"
    COLLECTIONS = "collections"
    NEW_CUSTOMERS = "new_customers"

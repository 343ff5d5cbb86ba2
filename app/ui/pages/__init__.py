"""The pages of the main window, in navigation order."""

from __future__ import annotations

from .base import Page, PlaceholderPage
from .cases import CasesPage
from .customers import CustomersPage
from .front_desk import FrontDeskPage
from .pipeline import PipelinePage
from .products import ProductsPage
from .reports import ReportsPage
from .settings import SettingsPage
from .tasks import TasksPage
from .today import TodayPage

PAGES: tuple[type[Page], ...] = (
    TodayPage,
    CustomersPage,
    FrontDeskPage,
    PipelinePage,
    TasksPage,
    CasesPage,
    ProductsPage,
    ReportsPage,
    SettingsPage,
)
PAGE_NAMES = tuple(p.name for p in PAGES)

__all__ = [
    "PAGES",
    "PAGE_NAMES",
    "CasesPage",
    "CustomersPage",
    "FrontDeskPage",
    "Page",
    "PipelinePage",
    "PlaceholderPage",
    "ProductsPage",
    "ReportsPage",
    "SettingsPage",
    "TasksPage",
    "TodayPage",
]

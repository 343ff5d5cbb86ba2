"""Reports: charts and the monthly workbook."""

from __future__ import annotations

from .base import PlaceholderPage


class ReportsPage(PlaceholderPage):
    name = "reports"

    def title(self) -> str:
        return self.tr("Reports")

    def placeholder(self) -> str:
        return self.tr("Reports and spreadsheet exports arrive with the reports work.")

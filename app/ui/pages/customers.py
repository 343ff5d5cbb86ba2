"""Customers: the list of customer files and the 360° view of each."""

from __future__ import annotations

from .base import PlaceholderPage


class CustomersPage(PlaceholderPage):
    name = "customers"

    def title(self) -> str:
        return self.tr("Customers")

    def placeholder(self) -> str:
        return self.tr("Customer list arrives with the customer-files work.")

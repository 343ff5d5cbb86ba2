"""Today: what is due, who has a birthday, what was promised."""

from __future__ import annotations

from .base import PlaceholderPage


class TodayPage(PlaceholderPage):
    name = "today"

    def title(self) -> str:
        return self.tr("Today")

    def placeholder(self) -> str:
        return self.tr(
            "Today's follow-ups, birthdays and reminders arrive with the reminders work."
        )

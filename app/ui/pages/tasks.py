"""Tasks: to-dos and scheduled follow-ups."""

from __future__ import annotations

from .base import PlaceholderPage


class TasksPage(PlaceholderPage):
    name = "tasks"

    def title(self) -> str:
        return self.tr("Tasks")

    def placeholder(self) -> str:
        return self.tr("To-dos and scheduled follow-ups arrive with the tasks work.")

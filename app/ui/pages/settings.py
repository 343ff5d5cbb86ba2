"""Settings: users, pipelines, stages and preferences."""

from __future__ import annotations

from .base import PlaceholderPage


class SettingsPage(PlaceholderPage):
    name = "settings"

    def title(self) -> str:
        return self.tr("Settings")

    def placeholder(self) -> str:
        return self.tr("Users, pipelines and preferences arrive with the settings work.")

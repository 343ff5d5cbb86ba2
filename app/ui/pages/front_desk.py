"""Front desk: find a walk-in regular within a second and log the visit."""

from __future__ import annotations

from .base import PlaceholderPage


class FrontDeskPage(PlaceholderPage):
    name = "front_desk"

    def title(self) -> str:
        return self.tr("Front desk")

    def placeholder(self) -> str:
        return self.tr(
            "Finding a regular by phone, plate, card or name arrives with the front-desk work."
        )

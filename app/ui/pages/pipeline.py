"""Pipeline: deals by stage, the board and the forecast."""

from __future__ import annotations

from .base import PlaceholderPage


class PipelinePage(PlaceholderPage):
    name = "pipeline"

    def title(self) -> str:
        return self.tr("Pipeline")

    def placeholder(self) -> str:
        return self.tr("The deal board arrives with the pipeline work.")

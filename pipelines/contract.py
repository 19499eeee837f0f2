"""What the news pipelines need of each other, checked when the crawl starts instead of failing later.

Each news pipeline names its ``stage`` and the stages it ``needs``. Enabled stages must run in this
order (lower ``ITEM_PIPELINES`` numbers first), each stage once::

    extract < site_boilerplate < validate < changes < deduplicate

``extract`` turns the spider's ``PageItem`` into an ``ExtractedPage``; the middle stages read and change
it; ``deduplicate`` hands the bare ``Article`` to the feed exporter, so it runs last and is needed
whenever ``extract`` is enabled. A configuration that breaks this raises ``PipelineConfigError``,
naming ``ITEM_PIPELINES``, from the first news pipeline built. Pipelines without a ``stage`` (a user's
own) are not checked.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

STAGES = ("extract", "site_boilerplate", "validate", "changes", "deduplicate")
DEFAULT_PIPELINES = {
    "extract": "pipelines.extract.ExtractPipeline",
    "site_boilerplate": "pipelines.site_boilerplate.SiteBoilerplatePipeline",
    "validate": "pipelines.validate.ValidatePipeline",
    "changes": "pipelines.changes.ChangesPipeline",
    "deduplicate": "pipelines.deduplicate.DeduplicatePipeline",
}
"""The pipeline of each stage in ``crawler/settings.py``, named in errors."""


class PipelineConfigError(ValueError):
    """``ITEM_PIPELINES`` orders the news pipelines wrongly, or leaves out one that another needs."""


def _name(component: Any) -> str:
    return component if isinstance(component, str) else f"{component.__module__}.{component.__qualname__}"


def staged_pipelines(components: Any) -> list[tuple[str, Any, str, tuple[str, ...]]]:
    """``(name, priority, stage, needs)`` of the enabled news pipelines of ``ITEM_PIPELINES``, in run order."""
    priorities = {_name(key): value for key, value in components.items()}
    staged = []
    for component in build_component_list(components):
        cls = load_object(component) if isinstance(component, str) else component
        stage = getattr(cls, "stage", None)
        if stage in STAGES:
            name = _name(component)
            staged.append((name, priorities.get(name), stage, tuple(getattr(cls, "needs", ()))))
    return staged


def check_pipelines(crawler: Crawler) -> None:
    """Raise ``PipelineConfigError`` when ``ITEM_PIPELINES`` breaks the news pipelines' order or needs."""
    staged = staged_pipelines(crawler.settings.getwithbase("ITEM_PIPELINES"))
    order = " < ".join(STAGES)
    for (first, first_priority, first_stage, _), (then, then_priority, then_stage, _) in zip(staged, staged[1:]):
        if STAGES.index(first_stage) >= STAGES.index(then_stage):
            raise PipelineConfigError(
                f"ITEM_PIPELINES: {first} ({first_priority}) runs before {then} ({then_priority}); "
                f"the news pipelines must run in the order {order}, each once"
            )
    enabled = {stage for _, _, stage, _ in staged}
    for name, _, _, needs in staged:
        for stage in needs:
            if stage not in enabled:
                raise PipelineConfigError(
                    f"ITEM_PIPELINES: {name} needs {DEFAULT_PIPELINES[stage]} enabled too "
                    f"(the news pipelines run in the order {order})"
                )

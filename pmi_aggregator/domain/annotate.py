"""Who, where and what, for one article: a pure function over its text, fast and explainable.

``annotate`` runs the relevance model (``relevance.assess``) and, for a PMI-related article, finds the
countries where the workers are, the provinces they come from and the topics the article spends a
sentence on. Organisations are named for every article: a Red Cross story's actors are worth knowing
too. ``signals`` says why an article was found relevant.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from pmi_aggregator.domain.organizations import organizations_of
from pmi_aggregator.domain.places import countries_of_work, provinces_of_origin
from pmi_aggregator.domain.relevance import assess
from pmi_aggregator.domain.topics import topics_of

MAX_CHARS = 200_000
"""Text analysed per article: hostile pages can be megabytes of words, and the facts are up front."""


@dataclass(frozen=True)
class Annotation:
    relevant: bool
    score: float
    signals: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    """ISO 3166-1 alpha-2 codes of the countries where the workers are, were or were promised work."""
    provinces: tuple[str, ...] = ()
    """Indonesian provinces named as the workers' origin."""
    organizations: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()
        }


def annotate(title: str = "", summary: str = "", body: str = "") -> Annotation:
    """Annotate one article's text (any field may be empty)."""
    title, summary, body = (str(part or "")[:MAX_CHARS] for part in (title, summary, body))
    relevance = assess(title, summary, body)
    text = "\n".join(part for part in (title, summary, body) if part)
    organizations = tuple(organizations_of(text))
    if not relevance.relevant:
        return Annotation(False, relevance.score, relevance.signals, organizations=organizations)
    return Annotation(
        relevant=True,
        score=relevance.score,
        signals=relevance.signals,
        countries=tuple(countries_of_work(text)),
        provinces=tuple(provinces_of_origin(text)),
        organizations=organizations,
        topics=tuple(topics_of(text)),
    )

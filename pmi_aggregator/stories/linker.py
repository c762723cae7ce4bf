"""Linking articles as they arrive: each joins the copy group and story of what it matches, or starts one.

Groups are the connected components of the pairwise tests (``stories.similarity``): a copy group links
articles that reuse one text, a story links copies and independent reports of one event. A story's id
is its first report's id and a copy points at the earliest copy, so both follow from the groups alone
and whatever order the articles came in gives the same result. Removing or editing an article
regroups the rest of its story, which may split.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pmi_aggregator.article import Article
from pmi_aggregator.stories.features import Features, features_of
from pmi_aggregator.stories.similarity import is_copy, same_event
from pmi_aggregator.stories.store import LinkStore, Member


@dataclass(frozen=True)
class Link:
    """What an article records of its groups."""

    story_id: str
    copy_of: str | None = None
    copy_basis: str | None = None

    def apply(self, article: Article) -> None:
        article.story_id, article.copy_of, article.copy_basis = self.story_id, self.copy_of, self.copy_basis


def _first(group: Iterable[Features]) -> Features:
    """The earliest article: by time (undated last), then id, so ties break the same way everywhere."""
    return min(group, key=lambda f: (f.at is None, f.at or "", f.id))


def _components(items: list[Features], linked: Callable[[Features, Features], bool]) -> list[list[Features]]:
    """Connected components of ``items`` under the pairwise test ``linked``."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if root(i) != root(j) and linked(items[i], items[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[Features]] = {}
    for i, item in enumerate(items):
        groups.setdefault(root(i), []).append(item)
    return list(groups.values())


class Linker:
    """Links articles into copy groups and stories, keeping the store's groups up to date."""

    def __init__(self, store: LinkStore) -> None:
        self.store = store
        self.thresholds = store.thresholds

    def link(self, articles: Iterable[Article]) -> dict[str, Link]:
        """Link each article; return the links of the given articles and of every stored article whose
        links changed (a story merged, an earlier copy arrived). The articles themselves are not touched."""
        changed: dict[str, Link] = {}
        with self.store.transaction():
            for article in articles:
                changed.update(self._link_one(features_of(article)))
        return changed

    def unlink(self, article_ids: Iterable[str]) -> dict[str, Link]:
        """Forget deleted articles; return the changed links of the rest of their stories."""
        changed: dict[str, Link] = {}
        with self.store.transaction():
            for article_id in article_ids:
                changed.update(self._remove(article_id))
                changed.pop(article_id, None)
        return changed

    def _link_one(self, features: Features) -> dict[str, Link]:
        changed: dict[str, Link] = {}
        existing = self.store.get(features.id)
        if existing is not None:
            if _same(existing.features, features):
                return {features.id: self._stored_link(existing)}
            changed.update(self._remove(features.id))  # edited: linked again from scratch
        candidates = self.store.candidates(features)
        copies = [c for c in candidates if is_copy(features, c.features, self.thresholds)]
        reports = copies + [
            c for c in candidates if c not in copies and same_event(features, c.features, self.thresholds)
        ]
        if not reports:
            self.store.put(features, features.id, features.id)
            changed[features.id] = Link(features.id)
            return changed
        members = self.store.story_members({c.story for c in reports})
        merged_copies = {c.copy_group for c in copies}
        copy_group = [features] + [m.features for m in members if m.copy_group in merged_copies]
        groups = {m.features.id: (m.copy_group, m.story) for m in members}
        copy_leader = _first(copy_group).id
        story = _first([features] + [m.features for m in members]).id
        self.store.put(features, copy_leader, story)
        new_groups = {
            m.features.id: (copy_leader if m.copy_group in merged_copies else m.copy_group, story)
            for m in members
        }
        new_groups[features.id] = (copy_leader, story)
        self._record([*members, Member(features, copy_leader, story)], groups, new_groups, changed)
        return changed

    def _remove(self, article_id: str) -> dict[str, Link]:
        gone = self.store.get(article_id)
        if gone is None:
            return {}
        self.store.remove(article_id)
        members = self.store.story_members([gone.story])
        if not members:
            return {}
        rest = [m.features for m in members]
        groups = {m.features.id: (m.copy_group, m.story) for m in members}
        new_groups: dict[str, tuple[str, str]] = {}
        for story in _components(rest, self._reports):
            story_id = _first(story).id
            for copies in _components(story, lambda a, b: is_copy(a, b, self.thresholds)):
                leader = _first(copies).id
                for f in copies:
                    new_groups[f.id] = (leader, story_id)
        changed: dict[str, Link] = {}
        self._record(members, groups, new_groups, changed)
        return changed

    def _stored_link(self, member: Member) -> Link:
        if member.copy_group == member.features.id:
            return Link(member.story)
        leader = self.store.get(member.copy_group)
        return Link(member.story, member.copy_group, leader.features.basis if leader else None)

    def _reports(self, a: Features, b: Features) -> bool:
        return is_copy(a, b, self.thresholds) or same_event(a, b, self.thresholds)

    def _record(
        self,
        members: list[Member],
        old: dict[str, tuple[str, str]],
        new: dict[str, tuple[str, str]],
        changed: dict[str, Link],
    ) -> None:
        """Store the groups that changed and note the new links of their articles."""
        by_id = {m.features.id: m.features for m in members}
        moved = [(art_id, *groups) for art_id, groups in new.items() if old.get(art_id) != groups]
        self.store.assign(moved)
        for art_id, copy_group, story in moved:
            if copy_group == art_id:
                changed[art_id] = Link(story)
            else:
                leader = by_id.get(copy_group)
                changed[art_id] = Link(story, copy_group, leader.basis if leader else None)


def _same(a: Features, b: Features) -> bool:
    return (a.content_hash, a.at, a.day, a.source, a.keys) == (b.content_hash, b.at, b.day, b.source, b.keys)

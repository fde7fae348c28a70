"""Near-duplicate comments, suggested to an official who confirms (groups) or rejects them; never applied alone.

Texts are compared folded as the portal's search folds them (case and diacritics, đ included: ``core.search.fold``),
punctuation and runs of white space reduced to one space, with ``rapidfuzz.fuzz.ratio`` (normalised Indel
similarity, 0–100). Two comments of the same draft and phase are near-duplicates when their score reaches
``settings.CONSULTATION_SIMILARITY_THRESHOLD``; a suggestion is a connected component of such pairs, minus the
pairs an official rejected and the comments already grouped under another one, and its suggested representative
is a comment that already represents a group, else the earliest received.

The threshold was chosen by ``manage.py measure_comment_similarity`` on the labelled demo comments
(docs/consultation.md). numpy is not installed, so ``rapidfuzz.process.cdist`` is not available: the pairs are
scored with ``process.extract`` over a length window instead (``ratio`` ≥ t is impossible when one text is longer
than ``(200 - t) / t`` times the other), after identical folded texts are collapsed into one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from rapidfuzz import fuzz, process

from core.search import fold

from .models import Comment, GroupingRejection, Phase, Status

DEFAULT_THRESHOLD = 85
_NOT_WORD = re.compile(r"[\W_]+")


def threshold_setting() -> int:
    return int(getattr(settings, "CONSULTATION_SIMILARITY_THRESHOLD", DEFAULT_THRESHOLD))


def normalise(text: str) -> str:
    """The text as compared: folded, punctuation removed, white space collapsed."""
    return _NOT_WORD.sub(" ", fold(text or "")).strip()


def score(a: str, b: str, scorer: Callable = fuzz.ratio) -> float:
    return scorer(normalise(a), normalise(b))


class _Components:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i, j):
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def similar_pairs(texts: Sequence[str], threshold: float, scorer: Callable = fuzz.ratio) -> list[tuple[int, int]]:
    """Index pairs (i < j) of ``texts`` (already normalised) whose score reaches ``threshold``."""
    by_text: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        if text:
            by_text.setdefault(text, []).append(index)
    pairs = []
    for indices in by_text.values():  # identical texts: every pair, found without scoring
        pairs.extend((a, b) for n, a in enumerate(indices) for b in indices[n + 1:])
    unique = sorted(by_text, key=len)
    window_factor = (200 - threshold) / threshold if scorer is fuzz.ratio and threshold > 0 else None
    for position, query in enumerate(unique):
        end = len(unique)
        if window_factor is not None:
            limit = len(query) * window_factor
            end = position + 1
            while end < len(unique) and len(unique[end]) <= limit:
                end += 1
        candidates = unique[position + 1:end]
        if not candidates:
            continue
        for _choice, _score, offset in process.extract(
            query, candidates, scorer=scorer, score_cutoff=threshold, limit=None
        ):
            other = candidates[offset]
            for a in by_text[query]:
                for b in by_text[other]:
                    pairs.append((min(a, b), max(a, b)))
    return pairs


def clusters(
    keys: Sequence[Hashable],
    texts: Sequence[str],
    threshold: float,
    *,
    scorer: Callable = fuzz.ratio,
    rejected: Iterable[tuple[Hashable, Hashable]] = (),
) -> list[list[Hashable]]:
    """Connected components (two or more keys, in input order) of the near-duplicate pairs, without the
    ``rejected`` pairs (unordered)."""
    refused = {frozenset(pair) for pair in rejected}
    normalised = [normalise(t) for t in texts]
    components = _Components(len(keys))
    for a, b in similar_pairs(normalised, threshold, scorer):
        if frozenset((keys[a], keys[b])) not in refused:
            components.union(a, b)
    found: dict[int, list] = {}
    for index, key in enumerate(keys):
        found.setdefault(components.find(index), []).append(key)
    return [members for members in found.values() if len(members) > 1]


@dataclass
class Suggestion:
    phase: str
    representative: Comment
    members: list[tuple[Comment, int]] = field(default_factory=list)  # (comment, score against the representative)

    @property
    def comments(self):
        return [self.representative, *(m for m, _ in self.members)]

    @property
    def rows(self):
        """(comment, score against the suggested representative or None for itself), the representative first."""
        return [(self.representative, None), *self.members]

    @property
    def phase_display(self):
        return Phase(self.phase).label

    @property
    def key(self) -> str:
        """Identifies the suggestion in a form: the ids of its comments."""
        return ",".join(str(c.pk) for c in sorted(self.comments, key=lambda c: c.pk))


def suggestions(draft, *, phase: str | None = None, threshold: float | None = None) -> list[Suggestion]:
    """The near-duplicate suggestions of a draft (one phase, or each phase), largest first."""
    threshold = threshold_setting() if threshold is None else threshold
    candidates = (
        Comment.objects.filter(draft=draft, group__isnull=True)
        .exclude(status=Status.HIDDEN)
        .order_by("received_at", "pk")
        .only("pk", "text", "phase", "received_at", "status", "source", "receipt_code", "draft_id", "policy_id")
    )
    if phase:
        candidates = candidates.filter(phase=phase)
    leaders = set(
        Comment.objects.filter(draft=draft, group__isnull=False).values_list("group_id", flat=True).distinct()
    )
    rejected = list(GroupingRejection.objects.filter(first__draft=draft).values_list("first_id", "second_id"))
    by_phase: dict[str, list[Comment]] = {}
    for comment in candidates:
        by_phase.setdefault(comment.phase, []).append(comment)
    found = []
    for comment_phase, comments in by_phase.items():
        by_pk = {c.pk: c for c in comments}
        for keys in clusters([c.pk for c in comments], [c.text for c in comments], threshold, rejected=rejected):
            members = [by_pk[k] for k in keys]
            representative = next((c for c in members if c.pk in leaders), members[0])
            rest = [c for c in members if c is not representative]
            found.append(
                Suggestion(
                    phase=comment_phase,
                    representative=representative,
                    members=[(c, round(score(representative.text, c.text))) for c in rest],
                )
            )
    found.sort(key=lambda s: (-len(s.members), s.representative.received_at, s.representative.pk))
    return found


def pair_scores(predicted: Iterable[Iterable], truth: Iterable[Iterable]) -> tuple[int, int, int]:
    """(true positive, false positive, false negative) pairs of a predicted clustering against the true one."""

    def pairs(groups):
        result = set()
        for group in groups:
            group = sorted(group, key=str)
            result.update(frozenset((a, b)) for n, a in enumerate(group) for b in group[n + 1:])
        return result

    p, t = pairs(predicted), pairs(truth)
    return len(p & t), len(p - t), len(t - p)

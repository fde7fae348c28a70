"""Precision, recall and F1 of the near-duplicate suggestions (consultation.similarity) on the labelled demo
comments (testbed/management/commands/_demo_data.py, COMMENTS), per threshold and scorer.

Measured on the demo data definition itself, not on the database: the labels (``cluster``) live there, and no
official's grouping or rejection can flatter the figures. Pairs are counted per draft and phase (a suggestion never
spans two), hidden comments left out (they are never suggested)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.management.base import BaseCommand
from rapidfuzz import fuzz

from consultation import rules, similarity

from . import _demo_data as data

SCORERS = {"ratio": fuzz.ratio, "token_sort_ratio": fuzz.token_sort_ratio, "token_set_ratio": fuzz.token_set_ratio}
THRESHOLDS = (60, 65, 70, 75, 80, 85, 90, 95)


def demo_sets(today: dt.date | None = None):
    """[(keys, texts, true clusters)] per draft and phase of the demo comments."""
    today = today or dt.date.today()
    specs = {spec.title: spec for spec in data.DRAFTS}
    sets = []
    for title, comments in data.COMMENTS.items():
        spec = specs[title]
        draft = SimpleNamespace(
            proposal_consultation_start=data.resolve(spec.s, today),
            draft_consultation_start=data.resolve(spec.d, today),
            adopted_on=data.resolve(spec.a, today),
        )
        by_phase: dict[str, list] = {}
        for index, comment in enumerate(comments):
            if comment.status == "hidden":
                continue
            phase = rules.phase_on(draft, data.resolve(comment.day, today))
            by_phase.setdefault(phase, []).append((f"{title}#{index}", comment))
        for items in by_phase.values():
            truth: dict[str, list] = {}
            for key, comment in items:
                truth.setdefault(comment.cluster or key, []).append(key)
            sets.append(([k for k, _ in items], [c.text for _, c in items], list(truth.values())))
    return sets


def measure(threshold: float, scorer=fuzz.ratio, today=None) -> dict:
    tp = fp = fn = 0
    for keys, texts, truth in demo_sets(today):
        predicted = similarity.clusters(keys, texts, threshold, scorer=scorer)
        a, b, c = similarity.pair_scores(predicted, truth)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


class Command(BaseCommand):
    help = "Print the precision, recall and F1 of the near-duplicate comment suggestions on the demo comments."

    def add_arguments(self, parser):
        parser.add_argument("--scorer", choices=sorted(SCORERS), action="append", help="Default: every scorer.")

    def handle(self, *args, scorer=None, **options):
        sets = demo_sets()
        comments = sum(len(keys) for keys, _, _ in sets)
        true_pairs = sum(len(g) * (len(g) - 1) // 2 for _, _, truth in sets for g in truth)
        self.stdout.write(f"{comments} demo comments (hidden left out), {len(sets)} draft-phase sets, "
                          f"{true_pairs} true near-duplicate pairs.")
        self.stdout.write(f"{'scorer':<18}{'threshold':>10}{'TP':>5}{'FP':>5}{'FN':>5}"
                          f"{'precision':>11}{'recall':>8}{'F1':>7}")
        for name in scorer or sorted(SCORERS):
            for threshold in THRESHOLDS:
                m = measure(threshold, SCORERS[name])
                self.stdout.write(
                    f"{name:<18}{threshold:>10}{m['tp']:>5}{m['fp']:>5}{m['fn']:>5}"
                    f"{m['precision']:>11.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}"
                )

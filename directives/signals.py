"""What the directives app tells the apps above it, which it never imports (docs/architecture.md, "Layers")."""

from django.dispatch import Signal

#: Sent inside the writing transaction when a directive, requirement or yearly target changed (``sender`` is its
#: model class): the coverage engine's receiver (``counting.hooks.targets_changed``) rewrites the target results
#: after commit.
targets_changed = Signal()

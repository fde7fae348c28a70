"""Snapshots of the counting rule, written by ``counting.engine`` only, read by ``counting.selectors``.

Snapshot rows point at drafts, policies and organizations without database constraints: a snapshot must outlive
the row it describes until the next recompute, so the engine still knows which organization and year it counted.
"""

import uuid

from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

_LOOSE = {"on_delete": models.DO_NOTHING, "db_constraint": False, "related_name": "+"}


class PolicySnapshotQuerySet(models.QuerySet):
    def with_judged_on(self):
        """Annotate ``judged_on``, the day to explain a row as of: the later of the day it was written (``as_of``)
        and the last recompute that judged every policy in progress (``ComputedYear.as_of``), which confirms the
        rows it did not need to rewrite."""
        latest = ComputedYear.objects.exclude(as_of=None).order_by("-as_of").values("as_of")[:1]
        return self.annotate(judged_on=Greatest("as_of", Coalesce(models.Subquery(latest), "as_of")))


class PolicySnapshot(models.Model):
    """One countable policy (high-impact, in scope, draft not withdrawn) as the counting rule saw it.

    The reason is not stored: it is rebuilt in the reader's language from the milestones and whether each phase has
    a counting activity (``counting.reasons`` calls ``drafts.counting.explain``, as the per-draft page does).
    """

    policy = models.OneToOneField("drafts.Policy", **_LOOSE)
    draft = models.ForeignKey("drafts.Draft", **_LOOSE)
    organization = models.ForeignKey("organizations.Organization", **_LOOSE)
    year = models.PositiveSmallIntegerField(null=True, help_text=_("Year of A; empty while the draft is in progress."))
    status = models.CharField(max_length=16)
    s = models.DateField()
    d = models.DateField(null=True)
    a = models.DateField(null=True)
    # None where the status does not depend on the phase (no such phase, not the current phase of a policy in
    # progress, or before S): the engine does not look there.
    has_proposal = models.BooleanField(null=True, help_text=_("The proposal phase has a counting activity."))
    has_draft = models.BooleanField(null=True, help_text=_("The draft phase has a counting activity."))
    as_of = models.DateField(help_text=_("The day in-progress statuses were judged on."))
    computed_at = models.DateTimeField()

    objects = PolicySnapshotQuerySet.as_manager()

    class Meta:
        # draft and organization have their foreign-key indexes; one more on draft only slowed every recompute.
        indexes = [
            models.Index(fields=["year", "organization"], name="covpol_year_org_idx"),
            # The dashboards' attention list (missed or at risk, a few hundred of 70,000 rows nationally): without
            # it every dashboard scanned the whole table.
            models.Index(
                fields=["status"], condition=models.Q(status__in=["missed", "at_risk"]), name="covpol_attention_idx"
            ),
        ]


class CoverageSnapshot(models.Model):
    """Annual coverage of an organization's whole subtree; only organizations with something counted have a row."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    denominator = models.PositiveIntegerField(default=0)
    numerator = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="covsnap_org_year_unique")]
        indexes = [models.Index(fields=["year"], name="covsnap_year_idx")]


class ComputedYear(models.Model):
    """A year every organization's figures were computed for. Figure rows are sparse (an organization with
    nothing counted has none), so this is what tells "zero" from "not computed yet"."""

    year = models.PositiveSmallIntegerField(unique=True)
    computed_at = models.DateTimeField()
    # The day every policy in progress was judged on by that recompute (see PolicySnapshot.objects.with_judged_on).
    as_of = models.DateField(null=True)


class ProgressSnapshot(models.Model):
    """Policies of an organization's subtree whose drafts are not adopted yet (never mixed into a year)."""

    organization = models.OneToOneField("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    in_progress = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)
    missed = models.PositiveIntegerField(default=0)  # the proposal phase closed with no activity (rule 1.1)
    computed_at = models.DateTimeField()


class TargetSnapshot(models.Model):
    """Whether an organization's coverage met one requirement's target in one year."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    requirement = models.ForeignKey("directives.Requirement", on_delete=models.CASCADE, related_name="+")
    target_percent = models.DecimalField(max_digits=5, decimal_places=2)
    met = models.BooleanField(null=True)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "requirement"], name="covtarget_unique")
        ]


class DirtyDraft(models.Model):
    """A draft changed since the last recompute. Written in the saving transaction, so a change is never lost;
    a recompute claims the rows it handles (``claim``) and deletes them when done."""

    draft_id = models.BigIntegerField()
    claim = models.UUIDField(null=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)


class SnapshotStamp(models.Model):
    """An organization's own snapshot stamp: a new random token whenever anything its subtree's dashboard data is
    read from may have changed (its figures, target verdicts, policies in progress, the activities of its drafts,
    its children). Written by the engine in the recompute's transaction (``counting.engine.stamp``), and when an
    organization is saved or deleted (``counting.apps``). Readers key cached data on it
    (``counting.selectors.snapshot_stamp``): a save in one province changes the stamps of that province's
    organizations and their ancestors, and no other."""

    organization = models.OneToOneField(
        "organizations.Organization", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    token = models.UUIDField(default=uuid.uuid4)


class RecomputeLock(models.Model):
    """One row; recomputes lock it (SELECT … FOR UPDATE) so two never write the same snapshots at once."""

    class Meta:
        verbose_name = _("recompute lock")

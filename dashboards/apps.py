from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save


class DashboardsConfig(AppConfig):
    name = "dashboards"

    def ready(self):
        """A dashboard's data is cached under its organization's snapshot stamp (``selectors.organization_dashboard``).
        The engine moves the stamps of what a recompute touched (``counting.engine.stamp``); these receivers move
        them for the rest of what the dashboard reads: organizations (the children), a draft moved or deleted (its
        old organization counted its activities), comments and postings (the comment section), task reports (the
        Directive 07 checklist) and posting rules (every posting warning)."""
        from consultation.models import Comment, Posting
        from directives.models import PostingRule, TaskReport
        from drafts.models import Draft
        from organizations.models import Organization

        connect = {"weak": False}
        post_save.connect(_organization_saved, sender=Organization, dispatch_uid="stamp-organization-saved", **connect)
        post_delete.connect(_organization_deleted, sender=Organization, dispatch_uid="stamp-organization-deleted", **connect)
        pre_save.connect(_draft_saving, sender=Draft, dispatch_uid="stamp-draft-moved", **connect)
        post_delete.connect(_draft_deleted, sender=Draft, dispatch_uid="stamp-draft-deleted", **connect)
        for model in (Comment, Posting):
            for signal in (post_save, post_delete):
                signal.connect(_draft_data_changed, sender=model, dispatch_uid=f"stamp-{model.__name__}-{id(signal)}",
                               **connect)
        for signal in (post_save, post_delete):
            signal.connect(_task_report_changed, sender=TaskReport, dispatch_uid=f"stamp-taskreport-{id(signal)}",
                           **connect)
            signal.connect(_everything_changed, sender=PostingRule, dispatch_uid=f"stamp-postingrule-{id(signal)}",
                           **connect)


def _organization_saved(sender, instance, raw=False, **kwargs):
    """Moved, its path is still the old one here (``organizations.services`` rewrites the paths after saving): the
    old ancestors are on it, the new ones on the new parent's path."""
    from counting.engine import stamp_paths

    if not raw and instance.path:
        stamp_paths([instance.path, *([instance.parent.path] if instance.parent_id else [])])


def _organization_deleted(sender, instance, **kwargs):
    from counting.engine import stamp_paths

    if instance.path.count("/") > 2:  # its parent's path: its own row (and stamp) are gone
        stamp_paths([instance.path.rsplit("/", 2)[0] + "/"])


def _draft_saving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("drafting_organization_id", flat=True).first()
    if old is not None and old != instance.drafting_organization_id:
        from counting.engine import stamp

        stamp([old])


def _draft_deleted(sender, instance, **kwargs):
    from counting.engine import stamp

    stamp([instance.drafting_organization_id])


def _draft_data_changed(sender, instance, raw=False, **kwargs):
    from counting.engine import stamp_paths
    from drafts.models import Draft

    if not raw:
        stamp_paths(Draft.objects.filter(pk=instance.draft_id).values_list("drafting_organization__path", flat=True))


def _task_report_changed(sender, instance, raw=False, **kwargs):
    from counting.engine import stamp

    if not raw:
        stamp([instance.organization_id])


def _everything_changed(sender, instance, raw=False, **kwargs):
    from counting.engine import stamp_paths
    from organizations.models import Organization

    if not raw:
        stamp_paths(Organization.objects.values_list("path", flat=True))

"""Which models keep a change history (django-auditlog): who, when, old → new."""

from auditlog.registry import auditlog


def register_models():
    from django.apps import apps

    tracked = [
        ("organizations", "Organization", {}),
        ("accounts", "Membership", {}),
        ("accounts", "User", {"exclude_fields": ["password", "last_login"]}),
        ("drafts", "Draft", {}),
        ("drafts", "Policy", {}),
        ("campaigns", "Campaign", {}),
        ("campaigns", "Activity", {"m2m_fields": {"policies"}}),
        ("campaigns", "StoredFile", {}),
        ("reports", "ExportJob", {}),
        # A commenter's personal data stays out of the history, so that its erasure leaves no copy.
        ("consultation", "Comment", {"exclude_fields": ["updated_at", "submitter_name", "submitter_organization",
                                                        "email"]}),
        ("consultation", "ConsultationReport", {}),
        ("consultation", "Posting", {}),
        *[("directives", m, {}) for m in ("Directive", "Requirement", "RequirementTarget", "TaskReport")],
    ]
    for app_label, model_name, options in tracked:
        model = apps.get_model(app_label, model_name)
        if not auditlog.contains(model):
            auditlog.register(model, **options)

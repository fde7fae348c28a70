from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from organizations.models import Organization

        from .backends import bump_access_version
        from .models import Membership, User

        # Who a user is and what they may reach: web processes keep users with their memberships
        # (accounts.backends) under the access version, which every change of these rows moves on.
        post_save.connect(_user_saved, sender=User, dispatch_uid="accounts-access-user")
        for model in (Membership, Organization):
            post_save.connect(bump_access_version, sender=model, dispatch_uid=f"accounts-access-{model._meta.label}")
        for model in (User, Membership, Organization):
            post_delete.connect(bump_access_version, sender=model, dispatch_uid=f"accounts-access-del-{model._meta.label}")


def _user_saved(sender, update_fields=None, **kwargs):
    from .backends import bump_access_version

    # Every login stamps last_login (django.contrib.auth.models.update_last_login): nothing a kept user is
    # checked on, and moving the counter there would make every login drop every process's copies.
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return
    bump_access_version()

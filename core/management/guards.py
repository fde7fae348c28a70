"""Commands that create users with published passwords must not run against a production deployment by accident."""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def add_production_override(parser):
    parser.add_argument(
        "--allow-production",
        action="store_true",
        help="Run even though DJANGO_SECRET_KEY is set (production mode). Creates users with published passwords.",
    )


def refuse_in_production(options):
    if getattr(settings, "PRODUCTION", False) and not options.get("allow_production"):
        raise CommandError(
            _(
                "Refusing to run in production mode (DJANGO_SECRET_KEY is set): this command creates users with "
                "published passwords. Pass --allow-production if you really mean it."
            )
        )

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User


@pytest.mark.parametrize("command", ["load_demo", "generate_dataset"])
def test_commands_with_published_passwords_refuse_production_mode(db, settings, command):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="--allow-production"):
        call_command(command)
    assert not User.objects.exists()


def test_load_demo_runs_in_production_mode_only_when_told(db, settings):
    settings.PRODUCTION = True
    call_command("load_demo", "--allow-production", stdout=open("/dev/null", "w"))
    assert User.objects.filter(username="official").exists()

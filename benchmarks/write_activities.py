"""Officials at work elsewhere while heads read their dashboards: saves activities at a steady rate until stopped.

Each save goes through the write service (``campaigns.services.activity_create``) on a random draft of the data set,
so it records the draft as dirty, moves the data version on and (in eager mode, as the dashboard benchmark runs)
recomputes after commit, as an official's save would. Run with the same DATABASE_URL and REDIS_URL as the server:

    python benchmarks/write_activities.py --per-second 1 [--seed 7]

It writes into the database: activities titled ``benchmark write`` (delete them with
``Activity.objects.filter(title="benchmark write").delete()`` and recompute to undo). Prints how many it saved.
"""

import argparse
import datetime as dt
import os
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policycomms.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from campaigns import services  # noqa: E402
from campaigns.models import ActivityStatus, Channel  # noqa: E402
from drafts.models import Draft  # noqa: E402

TITLE = "benchmark write"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-second", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    draft_ids = list(Draft.objects.values_list("pk", flat=True))
    stopped = False

    def stop(*_):
        nonlocal stopped
        stopped = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    saved, interval, next_at = 0, 1 / args.per_second, time.monotonic()
    while not stopped:
        draft = Draft.objects.get(pk=rng.choice(draft_ids))
        with transaction.atomic():
            services.activity_create(
                draft=draft, actor=None, title=TITLE, channel=rng.choice(Channel.values),
                date=dt.date.today() - dt.timedelta(days=rng.randrange(30)), status=ActivityStatus.DONE,
            )
        saved += 1
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))
    print(f"{saved} activities saved at {args.per_second:g} per second")


if __name__ == "__main__":
    main()

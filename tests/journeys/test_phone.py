"""Every page an official or a head opens fits a 390 px phone: no sideways scrolling of the page itself (issue 15,
point 14). Wide tables and the timeline scroll inside their own box; the page does not.

The demo data is the realistic case: a department with fifteen units of long Vietnamese names, drafts with
timelines and activities with evidence.
"""

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Activity, Campaign
from drafts.models import Draft
from testbed.management.commands import _demo_data as data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def overflow(page) -> dict:
    """The page's own width and the elements that stick out of the screen outside a scrolling box."""
    return page.evaluate(
        """() => ({
            width: document.documentElement.scrollWidth,
            sticking_out: [...document.querySelectorAll('body *')]
                .filter(e => !(e.parentElement && e.parentElement.closest('.table-responsive, .timeline-scroll')))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + (e.getAttribute('class') || '')),
        })"""
    )


def test_pages_fit_a_390_px_phone(page, login, screenshot):
    call_command("load_demo", f"--today={timezone.localdate().isoformat()}", stdout=open("/dev/null", "w"))
    page.set_viewport_size(PHONE)
    login("head", data.PASSWORD)
    draft = Draft.objects.filter(policies__isnull=False, activities__isnull=False).order_by("pk").first()
    paths = {
        "dashboard": "/dashboards/",
        "drafts": "/drafts/",
        "draft": f"/drafts/{draft.pk}/",
        "policies": "/drafts/policies/",
        "campaigns": "/campaigns/",
        "campaign": f"/campaigns/{Campaign.objects.order_by('pk').first().pk}/",
        "activities": "/campaigns/activities/",
        "activity": f"/campaigns/activities/{Activity.objects.order_by('pk').first().pk}/",
        "directives": "/directives/",
        "reports": "/reports/",
    }
    too_wide = {}
    for name, path in paths.items():
        response = page.goto(path)
        assert response.status == 200, path
        seen = overflow(page)
        if seen["width"] > PHONE["width"] or seen["sticking_out"]:
            too_wide[path] = seen
        screenshot(f"phone-{name}")
    assert too_wide == {}


def test_unit_names_on_the_phone_dashboard_keep_a_readable_width(page, login):
    """Unit names wrapped to 5-7 lines at 390 px; they keep at least 13 rem and the figures one line."""
    call_command("load_demo", f"--today={timezone.localdate().isoformat()}", stdout=open("/dev/null", "w"))
    page.set_viewport_size(PHONE)
    login("head", data.PASSWORD)
    page.goto("/dashboards/")
    heights = page.evaluate(
        """() => [...document.querySelectorAll('.table-responsive:not(.chart-table) > table tbody th[scope=row]')].map(th => {
            const line = parseFloat(getComputedStyle(th).lineHeight);
            return Math.round(th.querySelector('a, span') ? th.getBoundingClientRect().height / line : 0);
        })"""
    )
    assert heights, "the dashboard lists its units"
    assert max(heights) <= 3, heights

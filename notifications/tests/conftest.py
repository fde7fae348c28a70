"""The reminders and digests are tried on the dashboards' data set: drafts across the root tree whose statuses are
known (``dash``) and the policies in progress of rule 1.1 (``in_progress``)."""

from dashboards.tests.conftest import dash, in_progress  # noqa: F401

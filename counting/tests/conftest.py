import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings, whatever translations exist."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def no_pending_lock():
    """No recompute lock left in the cache by another test (the scheduling and signal tests count enqueues)."""
    from django.core.cache import cache

    from counting import services

    cache.delete(services.PENDING_KEY)
    yield
    cache.delete(services.PENDING_KEY)

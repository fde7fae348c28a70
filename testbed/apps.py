from django.apps import AppConfig


class TestbedConfig(AppConfig):
    """What the portal is tried on, never what it runs on: the demo data (``load_demo``), the synthetic national data
    set (``generate_dataset``), the test factories and the fault helpers. It may import every domain app; no app
    imports it outside tests and benchmarks (.importlinter)."""

    name = "testbed"

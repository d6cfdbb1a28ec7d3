import pytest


@pytest.fixture(autouse=True)
def outbox_settings(settings):
    """pytest-django swaps EMAIL_BACKEND for locmem; these tests need the real outbox."""
    settings.EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_BACKOFF_SECONDS = 60
    settings.OUTBOX_BACKOFF_MAX_SECONDS = 3600
    settings.OUTBOX_LEASE_SECONDS = 900
    return settings

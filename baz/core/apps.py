from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _site_follows_site_url(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After `migrate`: Wagtail's default Site takes the hostname and port of `SITE_URL`."""
    from baz.core.services import default_site_follow_site_url

    if "wagtailcore_site" not in connections[using].introspection.table_names():
        return  # migrated back to before Wagtail's tables
    default_site_follow_site_url()


class CoreConfig(AppConfig):
    name = "baz.core"
    label = "core"
    verbose_name = "Basis en referentiegegevens"

    def ready(self) -> None:
        from baz.core.generation import connect_signals

        connect_signals()
        post_migrate.connect(_site_follows_site_url, sender=self)

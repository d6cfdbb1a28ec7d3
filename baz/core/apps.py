from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "baz.core"
    label = "core"
    verbose_name = "Basis en referentiegegevens"

    def ready(self) -> None:
        from baz.core.generation import connect_signals

        connect_signals()

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "baz.core"
    label = "core"
    verbose_name = "Basis en referentiegegevens"

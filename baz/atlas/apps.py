from django.apps import AppConfig


class AtlasConfig(AppConfig):
    name = "baz.atlas"
    label = "atlas"
    verbose_name = "Inspireer elkaar"

    def ready(self) -> None:
        from baz.atlas import signals, versioning

        versioning.connect()
        signals.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "baz.coaching"
    label = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        from baz.coaching import panels, signals

        panels.register_panels()
        signals.connect()

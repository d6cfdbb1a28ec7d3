from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "baz.contact"
    label = "contact"
    verbose_name = _("Partners en contact")

    def ready(self) -> None:
        from baz.contact import panels

        panels.register_panels()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "baz.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from baz.accounts import panels

        panels.register_default_panels()

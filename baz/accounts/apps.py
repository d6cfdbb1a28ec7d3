from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "baz.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from baz.accounts import panels, throttle

        panels.register_default_panels()
        # Failed logins per client address, over all accounts (password spraying).
        user_login_failed.connect(
            throttle.login_failure_count, dispatch_uid="baz.accounts.throttle.login_failures"
        )

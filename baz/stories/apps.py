from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "baz.stories"
    label = "stories"
    verbose_name = _("Verhalen en praktijkvoorbeelden")
    default_auto_field = "django.db.models.BigAutoField"

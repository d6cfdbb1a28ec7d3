from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "baz.learning"
    label = "learning"
    verbose_name = _("Leren")
    default_auto_field = "django.db.models.BigAutoField"

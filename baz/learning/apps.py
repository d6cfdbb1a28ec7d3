from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "baz.learning"
    label = "learning"
    verbose_name = _("Leren")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from baz.accounts.dashboard import DashboardPanel, register_panel
        from baz.core.navigation import register_section_check
        from baz.learning import views
        from baz.learning.models import LearningIndexPage

        register_panel(
            DashboardPanel(
                name="learning-reflections",
                template_name="learning/mijn/_panel.html",
                get_context=views.reflections_panel_context,
                order=30,
            )
        )
        # "Leren" appears in the main menu only while the /leren/ page exists and is live.
        register_section_check(
            "learning:index",
            lambda home_children: any(isinstance(p, LearningIndexPage) for p in home_children),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "baz.stories"
    label = "stories"
    verbose_name = _("Verhalen en praktijkvoorbeelden")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from baz.atlas.slots import ENTRY_RELATED, MUNICIPALITY_RELATED, register_slot
        from baz.core.navigation import register_section_check
        from baz.stories.models import StoryIndexPage
        from baz.stories.templatetags import stories_tags

        # "Verhalen" appears in the main menu only while the /verhalen/ page exists and is live.
        register_section_check(
            "stories:index",
            lambda home_children: any(isinstance(p, StoryIndexPage) for p in home_children),
        )
        # The atlas pages show the stories that mention an entry or a municipality.
        register_slot(ENTRY_RELATED, "stories", stories_tags.entry_related_slot)
        register_slot(MUNICIPALITY_RELATED, "stories", stories_tags.municipality_related_slot)

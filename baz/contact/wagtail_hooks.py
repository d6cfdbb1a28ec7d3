from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from baz.accounts import permissions
from baz.contact import admin_views
from baz.contact.models import ContactPerson, PartnerOrganisation


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partnerorganisaties")
    list_display = ["name", "website"]
    search_fields = ["name"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contactpersonen")
    list_display = ["name", "role", "organisation", "email", "is_public", "is_default"]
    list_filter = ["organisation", "is_public", "is_default"]
    search_fields = ["name", "email"]


class PartnersGroup(SnippetViewSetGroup):
    items = (PartnerOrganisationViewSet, ContactPersonViewSet)
    menu_icon = "group"
    menu_label = _("Partners")
    menu_name = "partners"


register_snippet(PartnersGroup)


class InboxMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.CONTACT_INBOX_VIEW)


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [
        path("contact/", admin_views.inbox_index, name="contact_inbox"),
        path("contact/<int:pk>/", admin_views.inbox_detail, name="contact_inbox_detail"),
        path("contact/<int:pk>/bijwerken/", admin_views.inbox_update, name="contact_inbox_update"),
        path("contact/<int:pk>/antwoorden/", admin_views.inbox_reply, name="contact_inbox_reply"),
    ]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(
        _("Contactberichten"), reverse("contact_inbox"), icon_name="mail", order=8000
    )

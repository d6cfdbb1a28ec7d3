"""Admin-wide additions of core: names for the type-ahead choosers' remove buttons."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def autocomplete_labels() -> str:
    return format_html(
        '<script src="{}" defer></script>', static("core/admin/autocomplete-labels.js")
    )

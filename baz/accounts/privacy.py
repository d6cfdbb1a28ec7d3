"""A person's own data: one registry of what each app exports and erases for an account.

Every app that stores personal data has a `privacy.py` module that registers a
`PrivacyProvider` when it is imported; `providers()` imports the `privacy` module of every
`baz.*` app the first time it is asked, so a new app needs no edit here. A provider says

- `export(user)`: the person's data in that app, as JSON-ready sections (a dict whose keys
  become top-level keys of the download; two providers may not use the same key);
- `erase(user)`: remove or anonymise that data through the app's own services or model saves
  (never a bare `QuerySet.update()` that skips events and the search index), returning counts;
- `order`: when its erasure runs. Erasure looks people up by account and address, so the
  outbox (`MAIL_ORDER`) runs after the apps that queue mail about their rows, and the account
  itself (`ACCOUNT_ORDER`) goes last;
- `models`: the model labels (`app_label.ModelName`) it answers for.

`register_exempt(label, reason)` names a model that holds an address, a name or a link to an
account but is deliberately not erased with an account (the reason is read in review). The
tests walk both lists: every model with a person field must be in one of them.

`user_data_export` and `user_account_delete` below are the services the `/mijn/` views call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from baz.accounts.models import Invitation, Membership, User
from baz.accounts.permissions import WORKSPACE_VIEW, require

#: Default erasure order of an app's provider.
DEFAULT_ORDER = 100
#: The outbox forgets the address after the apps that queued mail about their rows.
MAIL_ORDER = 900
#: The account itself goes last: the others still look the person up by account and address.
ACCOUNT_ORDER = 1000

Export = Callable[[User], Mapping[str, Any]]
Erase = Callable[[User], Mapping[str, int]]


@dataclass(frozen=True)
class PrivacyProvider:
    name: str
    export: Export
    erase: Erase
    order: int = DEFAULT_ORDER
    models: tuple[str, ...] = field(default=())


_PROVIDERS: dict[str, PrivacyProvider] = {}
_EXEMPT: dict[str, str] = {}
_discovered = False


def register(provider: PrivacyProvider) -> PrivacyProvider:
    """Register (or, on a module reload, replace) one app's provider."""
    _PROVIDERS[provider.name] = provider
    return provider


def register_exempt(label: str, reason: str) -> None:
    """Name a model with person fields that is deliberately not erased with an account."""
    if not reason.strip():
        raise ImproperlyConfigured(f"Say why {label} is not erased with an account.")
    _EXEMPT[label] = reason


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("baz.") and module_has_submodule(
            app_config.module, "privacy"
        ):
            import_module(f"{app_config.name}.privacy")
    # The outbox's part: mail imports no app, so accounts registers it on mail's behalf.
    import_module("baz.accounts.privacy_outbox")
    _discovered = True


def providers() -> list[PrivacyProvider]:
    """Every registered provider, in erasure order."""
    _discover()
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.name))


def exempt_models() -> dict[str, str]:
    _discover()
    return dict(_EXEMPT)


def iso(value: Any) -> str | None:
    """A date or datetime as ISO 8601 text, for the download."""
    return value.isoformat() if value is not None else None


# --- The services -------------------------------------------------------------------------


def user_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform keeps about a person, as JSON-ready data (GDPR art. 15 and 20)."""
    require(user, WORKSPACE_VIEW)
    data: dict[str, Any] = {}
    for provider in providers():
        for key, value in provider.export(user).items():
            if key in data:
                raise ImproperlyConfigured(f"Two privacy providers export {key!r}.")
            data[key] = value
    data["exported_at"] = timezone.now().isoformat()
    return data


@dataclass
class DeletionResult:
    """What each provider erased, by provider name (counts of rows)."""

    counts: dict[str, dict[str, int]]


@transaction.atomic
def user_account_delete(*, user: User, confirmed: bool) -> DeletionResult:
    """Delete a person's account at their own request, erasing their data in every app.

    Each app's provider runs in order, inside one transaction: if one fails, nothing is erased.
    What stays (a municipality's profile, a trajectory's agreements, counts) loses the person.
    """
    if not confirmed:
        raise ValidationError({"confirm": _("Vink aan dat je je account echt wilt verwijderen.")})
    require(user, WORKSPACE_VIEW)
    counts = {provider.name: dict(provider.erase(user)) for provider in providers()}
    return DeletionResult(counts=counts)


# --- The accounts app's own part ------------------------------------------------------------


def _received_invitations(user: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def _export(user: User) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("municipality")
    invitations = _received_invitations(user)
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "memberships": [
            {
                "municipality": m.municipality.name_nl,
                "refnis": m.municipality.refnis,
                "role": m.role,
            }
            for m in memberships.order_by("municipality__name_nl")
        ],
        "invitations": [
            {
                "email": i.email,
                "first_name": i.first_name,
                "last_name": i.last_name,
                "group": i.group.name,
                "municipalities": [m.name_nl for m in i.municipalities.all()],
                "role": i.role,
                "status": i.status,
                "sent_at": iso(i.created_at),
            }
            for i in invitations.select_related("group")
            .prefetch_related("municipalities")
            .order_by("-created_at", "-pk")
        ],
    }


def _erase(user: User) -> dict[str, int]:
    """Invitations to the address go (they carry the name); then the account, which takes its
    memberships, second-factor devices, Wagtail profile and login-throttling records with it."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    invitations = 0
    for invitation in _received_invitations(user):
        invitation.delete()
        invitations += 1
    memberships = Membership.objects.filter(user=user).count()
    # django-axes keys its records on the address typed at login.
    throttle_rows = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        throttle_rows += model.objects.filter(username__iexact=user.email).delete()[0]
    user.delete()
    return {
        "accounts": 1,
        "memberships": memberships,
        "invitations": invitations,
        "login_records": throttle_rows,
    }


register(
    PrivacyProvider(
        name="accounts",
        export=_export,
        erase=_erase,
        order=ACCOUNT_ORDER,
        models=(
            "accounts.User",
            "accounts.Membership",
            "accounts.Invitation",
            "axes.AccessAttempt",
            "axes.AccessFailureLog",
            "axes.AccessLog",
            # Deleted with the account (on_delete=CASCADE).
            "otp_static.StaticDevice",
            "otp_totp.TOTPDevice",
            "wagtailusers.UserProfile",
            "wagtailadmin.EditingSession",
            "wagtailadmin.FormState",
            "wagtailcore.APIToken",
            "wagtailcore.Comment",
            "wagtailcore.CommentReply",
            "wagtailcore.PageSubscription",
            "atlas.DigestReceipt",
        ),
    )
)

# Models of other packages (and of apps without a privacy module yet) that hold a name, an
# address or an account link, and why an account's erasure leaves them.
for _label, _reason in {
    "wagtailcore.ModelLogEntry": "Wagtail's audit log keeps the account's id (not its address "
    "or name) and shows a deleted account as such; it records what staff did to content.",
    "wagtailcore.PageLogEntry": "As Wagtail's model log: the account's id only.",
    "wagtailcore.Site": "A site's name, not a person's.",
    "wagtailembeds.Embed": "A cache of public oEmbed answers (the author of a video), not an "
    "account's data.",
    "stories.ArticlePage": "The byline (`author_name`) is editorial content that editors write "
    "and change in the admin; it is not linked to an account.",
    "stories.StoryPage": "As for articles: an editorial byline, not an account's data.",
    "stories.GoodPracticePage": "As for articles: an editorial byline, not an account's data.",
}.items():
    register_exempt(_label, _reason)

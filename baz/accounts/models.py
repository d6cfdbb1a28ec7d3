"""Users, their municipality memberships and the invitations that create them."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, Group
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The groups every installation has (created by migration 0002). Staff work in /beheer/.
GROUP_REDACTIE = "Redactie"
GROUP_COACH = "Coach"
GROUP_GEMEENTE = "Gemeente"
GROUP_INITIATIEFNEMER = "Initiatiefnemer"
STAFF_GROUPS = (GROUP_REDACTIE, GROUP_COACH)
ALL_GROUPS = (GROUP_REDACTIE, GROUP_COACH, GROUP_GEMEENTE, GROUP_INITIATIEFNEMER)


def normalize_email_address(email: str) -> str:
    """E-mail addresses are compared case-insensitively everywhere, so store them lower-case."""
    return (email or "").strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        # Logging in with "An@Example.org" finds "an@example.org".
        return self.get(email__iexact=normalize_email_address(username or ""))

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email_address(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. They log in with their e-mail address; there is no username."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(
        _("e-mailadres"),
        unique=True,
        error_messages={"unique": _("Er bestaat al een account met dit e-mailadres.")},
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("Er bestaat al een account met dit e-mailadres."),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    # The type-ahead chooser for an entry's owner in the admin (`baz.core.admin_autocomplete`):
    # Redactie types part of a name or an address; nobody scrolls through every account.
    AUTOCOMPLETE_MIN_LENGTH = 2

    def autocomplete_label(self) -> str:
        name = self.get_full_name()
        return f"{name} · {self.email}" if name else self.email

    @classmethod
    def autocomplete_custom_queryset_filter(
        cls, search_query: str, request: Any = None
    ) -> models.QuerySet[User]:
        words = search_query.split()
        if len("".join(words)) < cls.AUTOCOMPLETE_MIN_LENGTH:
            return cls.objects.none()
        queryset = cls.objects.filter(is_active=True)
        for word in words:
            queryset = queryset.filter(
                models.Q(email__icontains=word)
                | models.Q(first_name__icontains=word)
                | models.Q(last_name__icontains=word)
            )
        return queryset.order_by("email")

    @classmethod
    def autocomplete_allowed(cls, user: Any) -> bool:
        """Only Redactie (who edit entries in the admin) may look accounts up by name."""
        from baz.accounts.permissions import ENTRY_MODERATE, can

        return can(user, ENTRY_MODERATE)

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email_address(self.email)


class Role(models.TextChoices):
    MEDEWERKER = "medewerker", _("medewerker")
    BEHEERDER = "beheerder", _("beheerder")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_user(self, user: Any) -> MembershipQuerySet:
        return self.filter(user=user).select_related("municipality")


class Membership(models.Model):
    """Ties a user to a municipality, as a colleague (medewerker) or as its beheerder."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gemeente"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEDEWERKER)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["municipality__name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="accounts_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.municipality} ({self.get_role_display()})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("verstuurd")
    ACCEPTED = "accepted", _("aanvaard")
    REVOKED = "revoked", _("ingetrokken")
    DECLINED = "declined", _("geweigerd")
    EXPIRED = "expired", _("verlopen")


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        # Keep in step with Invitation.status.
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            declined_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class Invitation(models.Model):
    """An e-mailed, expiring link where someone creates their account.

    Only a SHA-256 hash of the secret token is stored: a copy of the database cannot be used
    to accept an open invitation.

    An invitation for an address that already has an account names that account (`user`):
    it never creates a membership by itself, the person accepts (or declines) it in /mijn/
    while logged in as that account.
    """

    email = models.EmailField(_("e-mailadres"))
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("groep")
    )
    municipalities = models.ManyToManyField(
        "core.Municipality", blank=True, related_name="+", verbose_name=_("gemeenten")
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="join_invitations",
        verbose_name=_("bestaand account"),
        help_text=_("Het account dat de uitnodiging aanvaardt in de werkplek."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    declined_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def status(self) -> str:
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.declined_at:
            return InvitationStatus.DECLINED
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)

    @property
    def for_existing_account(self) -> bool:
        return self.user_id is not None

    @property
    def is_staff_invitation(self) -> bool:
        return self.group.name in STAFF_GROUPS

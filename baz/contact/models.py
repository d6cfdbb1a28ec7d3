"""Partners & contact: partner organisations, their contact persons and contact messages.

A `ContactMessage` is always stored before any e-mail about it is queued (see
`services.contact_message_submit`). Personal data of handled messages is removed after
CONTACT_RETENTION_MONTHS by `manage.py contact_retention`.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtailautocomplete.edit_handlers import AutocompletePanel

from baz.core.images import require_alt_text


class Topic(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    ATLAS = "atlas", _("Een initiatief in de atlas")
    STORY = "verhaal", _("Tip voor een verhaal")
    PRESS = "pers", _("Pers")
    OTHER = "anders", _("Iets anders")


class ContactTopic(models.Model):
    """One of the fixed topics of the contact form, as a row so a person can cover several."""

    slug = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")

    def __str__(self) -> str:
        return str(Topic(self.slug).label)


class PartnerOrganisation(models.Model):
    name = models.CharField(_("naam"), max_length=150, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    logo_alt = models.CharField(
        _("beschrijving van het logo"),
        max_length=250,
        blank=True,
        help_text=_("Verplicht als je een logo toevoegt, bv. 'Logo van vzw Samen Sterk'."),
    )
    website = models.URLField(_("website"), blank=True)
    werkvormen = models.ManyToManyField(
        "atlas.Werkvorm",
        blank=True,
        related_name="partner_organisations",
        verbose_name=_("expert in deze werkvormen"),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        FieldPanel("website"),
        FieldPanel("werkvormen"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        require_alt_text(image=self.logo_id, alt=self.logo_alt, alt_field="logo_alt")


class ContactPerson(models.Model):
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="contact_persons",
        verbose_name=_("organisatie"),
    )
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("foto"),
    )
    photo_alt = models.CharField(
        _("beschrijving van de foto"),
        max_length=250,
        blank=True,
        help_text=_("Verplicht als je een foto toevoegt."),
    )
    provinces = models.ManyToManyField(
        "core.Province", blank=True, related_name="+", verbose_name=_("provincies")
    )
    municipalities = models.ManyToManyField(
        "core.Municipality", blank=True, related_name="+", verbose_name=_("gemeenten")
    )
    topics = models.ManyToManyField(
        ContactTopic, blank=True, related_name="contact_persons", verbose_name=_("onderwerpen")
    )
    is_public = models.BooleanField(
        _("tonen op de partnerpagina"),
        default=True,
        help_text=_("Niet-publieke personen krijgen wel berichten, maar staan niet op de site."),
    )
    is_default = models.BooleanField(
        _("standaard aanspreekpunt"),
        default=False,
        help_text=_("Krijgt elk bericht waarvoor niemand anders bevoegd is. Eén persoon."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Foto")),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("provinces", widget=forms.CheckboxSelectMultiple),
        AutocompletePanel("municipalities"),
        FieldPanel("is_public"),
        FieldPanel("is_default"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="contact_one_default_person",
                violation_error_message=_("Er is al een standaard aanspreekpunt."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name

    def clean(self) -> None:
        super().clean()
        require_alt_text(image=self.photo_id, alt=self.photo_alt, alt_field="photo_alt")


class MessageStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in-behandeling", _("In behandeling")
    HANDLED = "afgehandeld", _("Afgehandeld")


class ContactMessage(models.Model):
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    name = models.CharField(_("naam"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    body = models.TextField(_("bericht"), blank=True)
    consent_at = models.DateTimeField(_("toestemming gegeven op"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_messages",
        verbose_name=_("afzender (account)"),
    )
    routed_to = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("doorgestuurd naar"),
    )
    # Kept apart from routed_to: the sender was told this name, even if the person leaves.
    routed_to_name = models.CharField(_("naam van wie antwoordt"), max_length=150, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MessageStatus.choices,
        default=MessageStatus.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    internal_notes = models.TextField(_("interne notities"), blank=True)
    mail_failed = models.BooleanField(_("e-mail kon niet klaargezet worden"), default=False)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("persoonsgegevens verwijderd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contactbericht")
        verbose_name_plural = _("contactberichten")

    def __str__(self) -> str:
        return f"{self.get_topic_display()} · {self.name or _('(anoniem)')}"


class ContactReply(models.Model):
    message = models.ForeignKey(ContactMessage, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    body = models.TextField(_("antwoord"))
    sent_to = models.EmailField(_("verstuurd naar"), blank=True)
    outbox_message = models.ForeignKey(
        "mail.OutboxMessage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        return f"{_('Antwoord')} {self.pk}"

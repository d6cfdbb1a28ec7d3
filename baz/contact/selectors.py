"""Reads of partners & contact: the partner page, the routing candidates and the inbox."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from baz.contact.models import (
    ContactMessage,
    ContactPerson,
    MessageStatus,
    PartnerOrganisation,
)
from baz.core.models import Municipality


def partner_list() -> QuerySet[PartnerOrganisation]:
    """Every partner organisation with its public contact persons, in three queries plus one
    per prefetched relation: the page never queries inside its loop."""
    public_persons = (
        ContactPerson.objects.filter(is_public=True)
        .select_related("photo")
        .prefetch_related("topics")
        .order_by("name")
    )
    return (
        PartnerOrganisation.objects.select_related("logo")
        .prefetch_related("werkvormen", Prefetch("contact_persons", queryset=public_persons))
        .order_by("sort_order", "name")
    )


def contact_person_for(*, topic: str, municipality: Municipality | None) -> ContactPerson | None:
    """Who answers a message on `topic` about `municipality`, most specific first.

    1. someone covering the topic and that very municipality;
    2. someone covering the topic and the municipality's province;
    3. someone covering the topic with no regions at all (for the whole of Flanders);
    4. the default person.
    Ties go to the lowest name, then id, so the choice is stable.
    """
    with_topic = ContactPerson.objects.filter(topics__slug=topic).order_by("name", "pk")
    if municipality is not None:
        person = with_topic.filter(municipalities=municipality).first()
        if person is None and municipality.province_id is not None:
            person = with_topic.filter(provinces=municipality.province_id).first()
        if person is not None:
            return person
    person = with_topic.filter(
        ~Q(pk__in=ContactPerson.provinces.through.objects.values("contactperson_id")),
        ~Q(pk__in=ContactPerson.municipalities.through.objects.values("contactperson_id")),
    ).first()
    if person is not None:
        return person
    return ContactPerson.objects.filter(is_default=True).first()


def contact_message_list(*, status: str = "") -> QuerySet[ContactMessage]:
    """The staff inbox: newest first, with what the list shows fetched in one query."""
    queryset = ContactMessage.objects.select_related("municipality", "assignee", "routed_to")
    if status in MessageStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def contact_message_get(*, pk: int) -> ContactMessage | None:
    return (
        ContactMessage.objects.select_related("municipality", "assignee", "routed_to")
        .prefetch_related("replies__author")
        .filter(pk=pk)
        .first()
    )

"""Coaching's part of a person's own data (see `baz.accounts.privacy`).

A trajectory is the municipality's: erasing a person anonymises their rows in it, the same
way `services.agreements.trajectory_anonymise` does for a whole trajectory after the
retention period, and never deletes the trajectory, its sessions, counts or agreements.

- requests they made (from their address, or that invited their account): name, function,
  address, phone and motivation cleared;
- their session participations (by address or account): name and address replaced, account
  link and evaluation token cleared; attendance stays for the counts; their evaluations are
  unlinked from them (the free text is anonymous by design);
- messages they wrote: unlinked, the name replaced by the side they wrote for; the text stays
  with the trajectory's thread;
- agreements they own (by address, or by name in a trajectory of their municipality): the
  named person replaced by the party, the address cleared;
- the outbox: every mail to the addresses they used in coaching forgets them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from baz.accounts.models import User
from baz.accounts.privacy import PrivacyProvider, iso, register, register_exempt
from baz.coaching.models import (
    Agreement,
    AgreementParty,
    CoachingRequest,
    Message,
    SessionEvaluation,
    SessionParticipant,
)
from baz.mail.services import outbox_forget


def _requests(user: User) -> Any:
    return CoachingRequest.objects.filter(Q(email__iexact=user.email) | Q(invited_user=user))


def _participations(user: User) -> Any:
    return SessionParticipant.objects.filter(Q(email__iexact=user.email) | Q(user=user))


def _messages(user: User) -> Any:
    return Message.objects.filter(author=user)


def _agreements(user: User) -> Any:
    match = Q(owner_email__iexact=user.email)
    full_name = user.get_full_name().strip()
    if full_name:
        municipality_ids = user.memberships.values_list("municipality_id", flat=True)
        match |= Q(owner_name__iexact=full_name, trajectory__municipality_id__in=municipality_ids)
    return Agreement.objects.filter(match)


def _export(user: User) -> dict[str, Any]:
    participations = _participations(user).select_related("session__trajectory__municipality")
    evaluations = {
        e.participant_id: e
        for e in SessionEvaluation.objects.filter(participant__in=participations)
    }
    return {
        "coaching_requests": [
            {
                "municipality": r.municipality.name_nl,
                "name": r.name,
                "function": r.role,
                "email": r.email,
                "phone": r.phone,
                "motivation": r.motivation,
                "received_at": iso(r.created_at),
            }
            for r in _requests(user).select_related("municipality").order_by("created_at", "pk")
        ],
        "coaching_sessions": [
            {
                "municipality": p.session.trajectory.municipality.name_nl,
                "topic": p.session.topic,
                "starts_at": iso(p.session.starts_at),
                "name": p.name,
                "email": p.email,
                "attended": p.attended,
                "evaluation": (
                    {
                        "rating": evaluation.rating,
                        "useful": evaluation.useful,
                        "improve": evaluation.improve,
                    }
                    if (evaluation := evaluations.get(p.pk)) is not None
                    else None
                ),
            }
            for p in participations.order_by("session__starts_at", "pk")
        ],
        "coaching_messages": [
            {
                "municipality": m.trajectory.municipality.name_nl,
                "name": m.author_name,
                "message": m.body,
                "written_at": iso(m.created_at),
            }
            for m in _messages(user)
            .select_related("trajectory__municipality")
            .order_by("created_at", "pk")
        ],
        "coaching_agreements": [
            {
                "municipality": a.trajectory.municipality.name_nl,
                "agreement": a.title,
                "owner": a.owner_name,
                "email": a.owner_email,
                "deadline": iso(a.deadline),
                "status": a.status,
            }
            for a in _agreements(user)
            .select_related("trajectory__municipality")
            .order_by("deadline", "pk")
        ],
    }


def _erase(user: User) -> dict[str, int]:
    now = timezone.now()
    addresses = {user.email}
    related: list[str] = []

    requests = 0
    for request in _requests(user):
        addresses.add(request.email)
        related.append(f"coaching.request:{request.pk}")
        request.name = request.role = request.email = request.phone = request.motivation = ""
        request.invited_user = None
        request.save(update_fields=["name", "role", "email", "phone", "motivation", "invited_user"])
        requests += 1

    participations = 0
    for participant in _participations(user):
        addresses.add(participant.email)
        for evaluation in SessionEvaluation.objects.filter(participant=participant):
            evaluation.participant = None
            evaluation.save(update_fields=["participant"])
        participant.name = ""
        # The (session, e-mail) pair is unique, so each participant gets its own placeholder.
        participant.email = f"deelnemer-{participant.pk}@verwijderd.invalid"
        participant.user = None
        participant.evaluation_token_hash = ""
        participant.save(update_fields=["name", "email", "user", "evaluation_token_hash"])
        participations += 1

    messages = 0
    for message in _messages(user):
        side = AgreementParty.BAZ if message.from_baz else AgreementParty.MUNICIPALITY
        message.author = None
        message.author_name = str(side.label)
        message.save(update_fields=["author", "author_name"])
        messages += 1

    agreements = 0
    for agreement in _agreements(user):
        addresses.add(agreement.owner_email)
        related.append(f"coaching.agreement:{agreement.pk}")
        agreement.owner_name = str(agreement.get_party_display())
        agreement.owner_email = ""
        agreement.save(update_fields=["owner_name", "owner_email", "updated_at"])
        agreements += 1

    # The confirmation of their request and the reminders about their agreements quote them.
    used = sorted(address for address in addresses if address)
    if related:
        outbox_forget(addresses=used, related=related, now=now)
    outbox_forget(addresses=used, now=now)
    return {
        "requests": requests,
        "session_participations": participations,
        "messages": messages,
        "agreements": agreements,
    }


register(
    PrivacyProvider(
        name="coaching",
        export=_export,
        erase=_erase,
        models=(
            "coaching.CoachingRequest",
            "coaching.SessionParticipant",
            "coaching.SessionEvaluation",
            "coaching.Message",
            "coaching.Agreement",
        ),
    )
)
register_exempt(
    "coaching.TrainingSession",
    "The trainer named in a session's programme is BAZ staff or a hired trainer, part of the "
    "municipality's trajectory record; cleared with the trajectory, not with an account.",
)
register_exempt(
    "coaching.Trajectory",
    "The municipality's trajectory: who recorded the map consent is cleared by the database "
    "(SET_NULL), coaches leave the many-to-many with their account; the consent note and stop "
    "reason are coaches' records about the municipality.",
)

"""Coaching trajectories: a municipality's request, the three phases and what they produce.

A `Trajectory` belongs to one municipality and moves through the states of `State` (see
`baz.coaching.services.trajectories` for the legal transitions; every transition is recorded
as a `TrajectoryEvent`). At most one trajectory per municipality is open at a time; a second
`CoachingRequest` for that municipality is attached to the open one.

What the municipality sees and what stays with BAZ:
- shared with the municipality's users: state and timeline, phase plans and dates, the
  analysis summary and inventory, sessions, materials, agreements, messages, the report;
- coaches only: `TrajectoryNote` rows with `visibility=COACHES`, the requests' contact data.

Personal data of participants and requesters of a finished trajectory is removed after a
configurable period (`anonymised_at` marks when); agreements and counts stay.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd")
    INTAKE = "intake", _("Intake")
    ANALYSIS = "analyse", _("Analyse")
    TRAINING = "vorming", _("Vorming")
    AGREEMENTS = "afspraken", _("Conclusies en afspraken")
    COMPLETED = "afgerond", _("Afgerond")
    STOPPED = "stopgezet", _("Stopgezet")


#: States in which a trajectory is still open (a new request attaches to it).
OPEN_STATES = (State.REQUESTED, State.INTAKE, State.ANALYSIS, State.TRAINING, State.AGREEMENTS)
#: States that count as "BAZ is active": from intake up to afgerond (not merely requested,
#: not stopped); shown publicly only with the municipality's consent.
ACTIVE_STATES = (State.INTAKE, State.ANALYSIS, State.TRAINING, State.AGREEMENTS, State.COMPLETED)


class Phase(models.TextChoices):
    ANALYSIS = "analyse", _("Analyse")
    TRAINING = "vorming", _("Vorming")
    AGREEMENTS = "afspraken", _("Conclusies en afspraken")


class TrajectoryQuerySet(models.QuerySet["Trajectory"]):
    def open(self) -> TrajectoryQuerySet:
        return self.filter(state__in=OPEN_STATES)

    def active(self) -> TrajectoryQuerySet:
        return self.filter(state__in=ACTIVE_STATES)


class Trajectory(models.Model):
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        related_name="coaching_trajectories",
        verbose_name=_("gemeente"),
    )
    state = models.CharField(
        _("stand van zaken"), max_length=20, choices=State.choices, default=State.REQUESTED
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coached_trajectories",
        verbose_name=_("coaches"),
    )
    map_consent = models.BooleanField(
        _("toestemming voor de kaart 'Waar is BAZ actief'"),
        default=False,
        help_text=_("De gemeente gaf toestemming om op de publieke kaart te staan."),
    )
    map_consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    map_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toestemming vastgelegd door"),
    )
    map_consent_note = models.TextField(
        _("hoe de gemeente toestemming gaf"),
        blank=True,
        help_text=_("Bijvoorbeeld: e-mail van de schepen op 3 maart, of: in de werkplek."),
    )
    stop_reason = models.TextField(_("reden van stopzetting"), blank=True)

    # Analysis phase: shared with the municipality.
    analysis_summary = models.TextField(_("sterktes en noden"), blank=True)
    inventory_snapshot = models.JSONField(_("inventaris van de atlas"), default=dict, blank=True)
    inventory_taken_at = models.DateTimeField(_("inventaris gemaakt op"), null=True, blank=True)

    # Private calendar feed: only the hash of the token is stored; revoking clears it.
    calendar_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("persoonsgegevens verwijderd op"), null=True, blank=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("coachingtraject")
        verbose_name_plural = _("coachingtrajecten")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(state__in=OPEN_STATES),
                name="coaching_one_open_trajectory_per_municipality",
            )
        ]
        indexes = [models.Index(fields=["state"], name="coaching_trajectory_state")]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class TrajectoryEvent(models.Model):
    """One transition (or other milestone) of a trajectory: who, when, from what to what, why."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True)
    # What was still open when a coach confirmed closing the trajectory anyway: a list of
    # {"kind": "afspraak"|"vorming", "pk", "title", "date"}; empty for every other step.
    open_items = models.JSONField(_("open bij het afsluiten"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("stap in het traject")
        verbose_name_plural = _("stappen in het traject")

    def __str__(self) -> str:
        return f"{self.trajectory_id}: {self.from_state or '-'} → {self.to_state}"


class CoachingRequest(models.Model):
    """A request from the public form, stored before any mail goes out."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="requests")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    motivation = models.TextField(_("waarom een coachingtraject?"))
    reflection = models.ForeignKey(
        "learning.Reflection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_requests",
        verbose_name=_("reflectie"),
    )
    # What the requester asked for the public map. A wish, not the municipality's consent: that
    # comes from a beheerder in /mijn/ or is recorded by a coach (Trajectory.map_consent).
    map_consent = models.BooleanField(_("vraagt om op de kaart te staan"), default=False)
    invited_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    # A coach decides, requester by requester, whether they get an invitation to the workspace.
    invitation = models.ForeignKey(
        "accounts.Invitation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitnodiging"),
    )
    declined_at = models.DateTimeField(_("niet uitgenodigd op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslist door"),
    )
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")

    def __str__(self) -> str:
        return f"{self.municipality} · {self.created_at:%d-%m-%Y}"

    @property
    def email_domain(self) -> str:
        """What a coach checks first: does the address belong to the municipality?"""
        return self.email.rpartition("@")[2]

    @property
    def awaiting_decision(self) -> bool:
        return self.invited_at is None and self.declined_at is None


class PhasePlan(models.Model):
    """The plan, dates and shared notes of one phase of a trajectory."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    plan = models.TextField(_("plan"), blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("einde"), null=True, blank=True)
    notes = models.TextField(_("notities (zichtbaar voor de gemeente)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "phase"], name="coaching_phase_unique")
        ]

    def __str__(self) -> str:
        return str(self.get_phase_display())


class NoteVisibility(models.TextChoices):
    COACHES = "coaches", _("Alleen coaches")
    SHARED = "gedeeld", _("Ook de gemeente")


class NoteKind(models.TextChoices):
    NOTE = "notitie", _("Notitie")
    INTERVIEW = "interview", _("Interview")


class TrajectoryNote(models.Model):
    """A note by a coach; `COACHES` notes are never shown to the municipality."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="notes")
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=NoteKind.choices, default="notitie")
    visibility = models.CharField(
        _("zichtbaar voor"),
        max_length=20,
        choices=NoteVisibility.choices,
        default=NoteVisibility.COACHES,
    )
    body = models.TextField(_("tekst"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self) -> str:
        return self.body[:60]


class TrainingSession(models.Model):
    """A training session for policy staff (phase *vorming*)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="sessions")
    topic = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("plaats"), max_length=250, blank=True)
    online_url = models.URLField(_("link voor online deelname"), blank=True)
    trainer = models.CharField(_("trainer"), max_length=150)
    # Raised on every change, so calendar programs replace the event (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("vormingsmoment")
        verbose_name_plural = _("vormingsmomenten")

    def __str__(self) -> str:
        return f"{self.topic} ({self.starts_at:%d-%m-%Y})"


class SessionParticipant(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    # The follow-up mail links to the evaluation form with a token; only its hash is stored.
    evaluation_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    follow_up_sent_at = models.DateTimeField(_("opvolgmail verstuurd op"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"], name="coaching_participant_unique_email"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SessionEvaluation(models.Model):
    participant = models.OneToOneField(
        SessionParticipant,
        on_delete=models.SET_NULL,
        null=True,
        related_name="evaluation",
    )
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="evaluations"
    )
    rating = models.PositiveSmallIntegerField(_("score (1 tot 5)"))
    useful = models.TextField(_("wat was nuttig?"), blank=True)
    improve = models.TextField(_("wat kan beter?"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="coaching_evaluation_rating_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.rating}/5"


class Material(models.Model):
    """A file for the municipality (slides, hand-outs); downloaded through a checked view."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="materials")
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to="coaching/materialen/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")

    def __str__(self) -> str:
        return self.title


class AgreementParty(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Gemeente")
    BAZ = "baz", _("BurgersAanZet")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Nog te doen")
    IN_PROGRESS = "bezig", _("Bezig")
    DONE = "klaar", _("Klaar")
    DROPPED = "geschrapt", _("Geschrapt")


class Agreement(models.Model):
    """An agreement of the phase *conclusies en afspraken*."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("afspraak"), max_length=250)
    description = models.TextField(_("toelichting"), blank=True)
    party = models.CharField(
        _("wie"), max_length=20, choices=AgreementParty.choices, default=AgreementParty.MUNICIPALITY
    )
    owner_name = models.CharField(_("verantwoordelijke"), max_length=150)
    owner_email = models.EmailField(_("e-mailadres verantwoordelijke"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    follow_up_on = models.DateField(_("opvolgen op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # Reminder bookkeeping, so the reminder command is idempotent: the deadline a reminder
    # was sent for (a moved deadline earns a new reminder).
    reminded_before_for = models.DateField(null=True, blank=True, editable=False)
    reminded_overdue_for = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    """One message in the thread between coaches and the municipality's users."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(_("van"), max_length=150)
    from_baz = models.BooleanField(_("van BurgersAanZet"), default=False)
    body = models.TextField(_("bericht"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"

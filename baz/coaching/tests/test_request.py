"""The public request: stored first, attached to an open trajectory, mails through the outbox,
spam guards, and the attached reflection."""

import time

import pytest
from django.db import IntegrityError
from django.urls import reverse

from baz.coaching.models import CoachingRequest, State, Trajectory
from baz.coaching.services import trajectories as services
from baz.coaching.services.trajectories import coaching_request_submit, request_form_token
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

URL = "/coaching/aanvragen/"


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    from django.core.cache import cache

    cache.clear()


def form_data(**overrides):
    data = {
        "municipality": "Gent",
        "name": "Hanne Verstraeten",
        "role": "Beleidsmedewerker welzijn",
        "email": "Hanne@Example.org",
        "phone": "09 123 45 67",
        "motivation": "We willen burgerinitiatieven beter ondersteunen.",
        "map_consent": "on",
        "website": "",
        "started": request_form_token(now=time.time() - 60),
    }
    data.update(overrides)
    return data


def submit(municipality, **overrides):
    values = {
        "municipality": municipality,
        "name": "Hanne Verstraeten",
        "role": "Beleidsmedewerker",
        "email": "hanne@example.org",
        "motivation": "Graag coaching.",
    }
    values.update(overrides)
    return coaching_request_submit(**values)


def test_the_urls_are_named_and_the_index_explains_the_three_phases(client):
    assert reverse("coaching:index") == "/coaching/"
    assert reverse("coaching:request") == URL

    content = client.get("/coaching/").content.decode()

    for phrase in ["Analyse", "Vorming", "Conclusies en afspraken", URL, "/coaching/waar-actief/"]:
        assert phrase in content


def test_a_first_request_starts_a_trajectory_and_queues_two_mails(atlas_gemeente_a, coaching_coach):
    coaching_request = submit(atlas_gemeente_a, map_consent=True)

    trajectory = coaching_request.trajectory
    assert trajectory.state == State.REQUESTED
    assert trajectory.municipality == atlas_gemeente_a
    # The requester's wish is kept on the request; the anonymous form gives no consent.
    assert coaching_request.map_consent is True
    assert trajectory.map_consent is False
    assert [e.to_state for e in trajectory.events.all()] == [State.REQUESTED]
    confirmation = OutboxMessage.objects.get(to=["hanne@example.org"])
    assert "We kregen je aanvraag" in confirmation.subject
    notification = OutboxMessage.objects.get(to=[coaching_coach.email])
    assert "Gent" in notification.subject
    assert notification.reply_to == ["hanne@example.org"]
    assert f"/beheer/coaching/trajecten/{trajectory.pk}/" in notification.body_text


def test_a_second_request_for_the_same_municipality_is_attached_not_duplicated(atlas_gemeente_a):
    first = submit(atlas_gemeente_a)
    second = submit(atlas_gemeente_a, name="Bram Peeters", email="bram@example.org")

    assert second.trajectory == first.trajectory
    assert Trajectory.objects.count() == 1
    assert first.trajectory.requests.count() == 2
    confirmation = OutboxMessage.objects.get(to=["bram@example.org"])
    assert "We voegden je aanvraag daaraan toe" in confirmation.body_text


def test_a_request_after_a_stopped_trajectory_starts_a_new_one(atlas_gemeente_a):
    old = Trajectory.objects.create(municipality=atlas_gemeente_a, state=State.STOPPED)

    coaching_request = submit(atlas_gemeente_a)

    assert coaching_request.trajectory != old
    assert coaching_request.trajectory.state == State.REQUESTED


def test_a_request_that_loses_the_race_attaches_to_the_winner(atlas_gemeente_a, monkeypatch):
    # Another request created the open trajectory between our look-up and our insert: the
    # partial unique constraint refuses the second row and the request attaches instead.
    winner = Trajectory.objects.create(municipality=atlas_gemeente_a)
    real = services._open_trajectory_locked
    calls = []

    def look_up_too_early(municipality):
        calls.append(municipality)
        return None if len(calls) == 1 else real(municipality)

    monkeypatch.setattr(services, "_open_trajectory_locked", look_up_too_early)

    coaching_request = submit(atlas_gemeente_a)

    assert coaching_request.trajectory == winner
    assert Trajectory.objects.count() == 1


def test_the_database_refuses_two_open_trajectories_for_one_municipality(atlas_gemeente_a):
    Trajectory.objects.create(municipality=atlas_gemeente_a, state=State.INTAKE)

    with pytest.raises(IntegrityError):
        Trajectory.objects.create(municipality=atlas_gemeente_a, state=State.REQUESTED)


def test_the_request_is_kept_when_the_mails_cannot_be_queued(atlas_gemeente_a, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(services, "email_queue", broken)

    coaching_request = submit(atlas_gemeente_a)

    assert CoachingRequest.objects.filter(pk=coaching_request.pk).exists()


def test_the_form_stores_the_request_and_thanks_in_dutch(client, atlas_gemeente_a):
    response = client.post(URL, form_data(), follow=True)

    assert response.redirect_chain == [("/coaching/aanvragen/bedankt/", 302)]
    content = response.content.decode()
    assert "Bedankt voor je aanvraag" in content
    assert "hanne@example.org" in content
    coaching_request = CoachingRequest.objects.get()
    assert coaching_request.municipality == atlas_gemeente_a
    assert coaching_request.role == "Beleidsmedewerker welzijn"
    assert coaching_request.map_consent is True


def test_the_form_offers_the_municipality_type_ahead(client):
    content = client.get(URL).content.decode()

    assert 'data-municipality-lookup="/gemeenten/zoeken/"' in content
    assert 'name="website"' in content
    assert 'name="started"' in content


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"website": "http://spam.example.org"}, "kon niet verstuurd worden"),
        ({"started": "vervalst"}, "Het formulier is verlopen"),
        ({"municipality": "Nergensdorp"}, "We vinden deze gemeente niet"),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"motivation": ""}, "Vertel kort waarom je coaching wilt"),
    ],
)
def test_the_form_refuses_bots_and_mistakes_without_storing(
    client, atlas_gemeente_a, overrides, message
):
    response = client.post(URL, form_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoachingRequest.objects.exists()


def test_a_form_sent_too_fast_is_refused(client, atlas_gemeente_a):
    response = client.post(URL, form_data(started=request_form_token()))

    assert "heel snel" in response.content.decode()
    assert not CoachingRequest.objects.exists()


def test_many_requests_from_one_address_are_rate_limited(client, atlas_gemeente_a):
    for _ in range(services.REQUEST_RATE_LIMIT):
        client.post(URL, form_data())

    response = client.post(URL, form_data())

    assert response.status_code == 429
    assert CoachingRequest.objects.count() == services.REQUEST_RATE_LIMIT


def test_forms_sent_back_for_a_typo_do_not_count_toward_the_limit(client, atlas_gemeente_a):
    for _ in range(services.REQUEST_RATE_LIMIT + 2):
        assert client.post(URL, form_data(email="geen-adres")).status_code == 200

    response = client.post(URL, form_data())

    assert response.status_code == 302
    assert CoachingRequest.objects.count() == 1


def test_the_request_limit_is_per_visitor_behind_nginx(client, atlas_gemeente_a, settings):
    """Behind nginx the connection comes from nginx's own address (the test client's
    127.0.0.1): one busy visitor (or six requests an hour from all of Flanders) must not
    block everyone else."""
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(services.REQUEST_RATE_LIMIT):
        client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert (client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.1")).status_code == 429
    # A spoofed address in front of the one nginx appended changes nothing.
    assert (
        client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.1")
    ).status_code == 429

    other = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert other.status_code == 302
    assert CoachingRequest.objects.count() == services.REQUEST_RATE_LIMIT + 1


def _reflection(municipality):
    from baz.learning.services import reflection_start

    started = reflection_start()
    started.reflection.municipality = municipality
    started.reflection.save()
    return started


def test_a_reflection_link_is_attached_to_the_request(client, atlas_gemeente_a):
    started = _reflection(atlas_gemeente_a)

    page = client.get(URL, {"reflectie": started.token}).content.decode()
    assert "We voegen de reflectie van je team toe" in page
    assert 'value="Gent"' in page

    client.post(URL, form_data(reflection_token=started.token))

    assert CoachingRequest.objects.get().reflection == started.reflection


def test_the_reflection_summary_link_from_the_learning_module_works_too(client, atlas_gemeente_a):
    started = _reflection(atlas_gemeente_a)
    link = f"http://testserver/leren/reflectie/{started.token}/overzicht/"

    client.post(URL, form_data(reflection_token=link))

    assert CoachingRequest.objects.get().reflection == started.reflection


def test_an_unknown_reflection_token_attaches_nothing(client, atlas_gemeente_a):
    client.post(URL, form_data(reflection_token="bestaat-niet"))

    assert CoachingRequest.objects.get().reflection is None

"""Evaluations: the follow-up mail with a one-time link, the public form, the anonymous summary."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from baz.coaching.models import SessionEvaluation, SessionParticipant
from baz.coaching.selectors.sessions import evaluation_summary
from baz.coaching.services.sessions import (
    evaluation_form_token,
    session_follow_up_send,
    token_hash,
)
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.mail.models import OutboxMessage


def _token_from_mail(message):
    match = re.search(r"/coaching/evaluatie/([\w-]+)/", message.body_text)
    assert match, message.body_text
    return match.group(1)


def _send(coach, session):
    session_follow_up_send(user=coach, session=session)
    return {m.to[0]: _token_from_mail(m) for m in OutboxMessage.objects.all()}


def _answer(client, token, **data):
    values = {
        "rating": "4",
        "useful": "De voorbeelden uit andere gemeenten.",
        "improve": "Meer tijd voor vragen.",
        "website": "",
        "started": evaluation_form_token(now=timezone.now().timestamp() - 60),
    }
    values.update(data)
    return client.post(f"/coaching/evaluatie/{token}/", values)


def test_the_follow_up_goes_once_to_each_participant_who_attended(coach, held_session):
    tokens = _send(coach, held_session)

    assert set(tokens) == {"sara@example.org", "tom@example.org"}
    sara = SessionParticipant.objects.get(email="sara@example.org")
    assert sara.follow_up_sent_at is not None
    assert sara.evaluation_token_hash == token_hash(tokens["sara@example.org"])
    assert tokens["sara@example.org"] not in sara.evaluation_token_hash

    assert session_follow_up_send(user=coach, session=held_session) == 0
    assert OutboxMessage.objects.count() == 2


def test_no_follow_up_before_the_session_has_ended(coach, upcoming_session):
    with pytest.raises(ValidationError):
        session_follow_up_send(user=coach, session=upcoming_session)


def test_a_participant_evaluates_once_through_the_link(client, coach, held_session):
    token = _send(coach, held_session)["sara@example.org"]

    page = client.get(f"/coaching/evaluatie/{token}/")
    assert page.status_code == 200
    assert "Wat was nuttig?" in page.content.decode()

    response = _answer(client, token)
    assert response.status_code == 302
    assert response.url == "/coaching/evaluatie/bedankt/"
    evaluation = SessionEvaluation.objects.get()
    assert (evaluation.rating, evaluation.session) == (4, held_session)

    again = client.get(f"/coaching/evaluatie/{token}/")
    assert again.status_code == 410
    assert "Je gaf al een evaluatie" in again.content.decode()
    assert _answer(client, token).status_code == 410
    assert SessionEvaluation.objects.count() == 1


def test_a_wrong_link_gives_a_clear_message(client, coach, held_session):
    _send(coach, held_session)

    response = client.get("/coaching/evaluatie/verkeerde-link/")

    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_an_expired_link_gives_a_clear_message(client, coach, held_session):
    token = _send(coach, held_session)["tom@example.org"]
    SessionParticipant.objects.filter(email="tom@example.org").update(
        follow_up_sent_at=timezone.now() - timedelta(days=31)
    )

    response = client.get(f"/coaching/evaluatie/{token}/")

    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()


def test_the_honeypot_and_the_minimum_fill_time_stop_bots(client, coach, held_session):
    token = _send(coach, held_session)["sara@example.org"]

    assert _answer(client, token, website="http://spam.example").status_code == 200
    too_fast = _answer(client, token, started=evaluation_form_token())
    assert too_fast.status_code == 200
    assert "heel snel" in too_fast.content.decode()
    assert not SessionEvaluation.objects.exists()


def test_too_many_evaluations_from_one_address_are_refused(client, coach, held_session, settings):
    settings.COACHING_EVALUATION_RATE_LIMIT = 1
    tokens = _send(coach, held_session)
    # A form sent back for a typo is no real attempt: it does not count.
    for _ in range(3):
        assert _answer(client, tokens["sara@example.org"], rating="").status_code == 200
    assert _answer(client, tokens["sara@example.org"]).status_code == 302

    response = _answer(client, tokens["tom@example.org"])

    assert response.status_code == 429
    assert SessionEvaluation.objects.count() == 1


def test_the_evaluation_limit_is_per_visitor_behind_nginx(client, coach, held_session, settings):
    """Behind nginx every request comes from 127.0.0.1: the limit must key on the visitor."""
    settings.COACHING_EVALUATION_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    tokens = _send(coach, held_session)
    values = {
        "rating": "4",
        "useful": "",
        "improve": "",
        "website": "",
        "started": evaluation_form_token(now=timezone.now().timestamp() - 60),
    }

    def answer(token, visitor):
        # The test client connects from 127.0.0.1, nginx's own address.
        return client.post(f"/coaching/evaluatie/{token}/", values, HTTP_X_FORWARDED_FOR=visitor)

    assert answer(tokens["sara@example.org"], "203.0.113.1").status_code == 302
    assert answer(tokens["tom@example.org"], "203.0.113.2").status_code == 302
    assert SessionEvaluation.objects.count() == 2


def test_the_summary_has_averages_and_comments_without_names(client, coach, held_session):
    tokens = _send(coach, held_session)
    _answer(client, tokens["sara@example.org"], rating="5", improve="")
    _answer(client, tokens["tom@example.org"], rating="2", useful="")

    summary = evaluation_summary(session=held_session)

    assert summary.count == 2
    assert summary.average == 3.5
    assert summary.ratings == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1}
    assert summary.useful == ["De voorbeelden uit andere gemeenten."]
    assert summary.improve == ["Meer tijd voor vragen."]
    assert "Sara" not in repr(summary)

"""Coaching with the keyboard alone, with axe-core on every page it shows: a visitor asks for
coaching, a coach (two-factor login) moves the trajectory to intake and analyse in the admin,
and a user of the municipality sees the phase in /mijn/ and sends a message."""

import re

import pytest

from tests.browser.conftest import AXE_TAGS, describe_violations

PASSWORD = "Correct-paard-batterij-42"


@pytest.fixture
def coaching_world(transactional_db, settings):
    """Live-server tests flush the tables: create the groups, Gent, a coach and a colleague."""
    from django.contrib.auth.models import Group, Permission

    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory, add_totp_device
    from baz.core.tests.factories import ProvinceFactory

    # People using the keyboard are quick; the bot guard must not refuse this test.
    settings.CONTACT_MIN_FILL_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    coach_group, _ = Group.objects.get_or_create(name="Coach")
    coach_group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    Group.objects.get_or_create(name="Gemeente")
    province = ProvinceFactory(refnis="40000", name_nl="Provincie Oost-Vlaanderen", slug="ovl")
    gent = MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", province=province, search_text="gent 9000"
    )
    coach = UserFactory(
        email="jonas@example.org", first_name="Jonas", last_name="Peeters", groups=["Coach"]
    )
    coach.set_password(PASSWORD)
    coach.save()
    colleague = UserFactory(email="pieter@example.org", first_name="Pieter", groups=["Gemeente"])
    colleague.set_password(PASSWORD)
    colleague.save()
    Membership.objects.create(user=colleague, municipality=gent, role=Role.MEDEWERKER)
    return {"coach": coach, "device": add_totp_device(coach), "colleague": colleague}


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached {selector}")


def _press_enter_and_wait(page, selector: str) -> None:
    _tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _assert_accessible(page, axe, where: str, within: str | None = None) -> None:
    page.wait_for_load_state("networkidle")
    if within is None:
        violations = axe(page)
    else:
        # In the Wagtail admin, check what this module renders (Wagtail's own chrome is
        # Wagtail's): axe with the content area as its context.
        axe(page)  # injects axe-core
        violations = page.evaluate(
            "async ([selector, tags]) => (await axe.run({include: [selector]},"
            " {runOnly: {type: 'tag', values: tags}})).violations",
            [within, AXE_TAGS],
        )
    assert violations == [], f"{where}:\n{describe_violations(violations)}"


def _log_in(page, email: str) -> None:
    _tab_to(page, "input[name='auth-username']")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")


def test_request_intake_analysis_and_a_message(page, browser, live_server, axe, coaching_world):
    from baz.accounts.totp import totp_current_code
    from baz.coaching.models import CoachingRequest, Message, State, Trajectory

    # 1. A visitor reads about coaching and asks for it.
    page.goto(f"{live_server.url}/coaching/")
    _assert_accessible(page, axe, "the coaching page")
    _press_enter_and_wait(page, "a[href='/coaching/aanvragen/']")
    assert page.locator("h1").inner_text() == "Coaching aanvragen"
    _assert_accessible(page, axe, "the request form")

    _tab_to(page, "input[name='municipality']")
    page.keyboard.type("Gent")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[role=option]')].some("
        "o => o.textContent.startsWith('Gent'))"
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.locator("input[name='municipality']").input_value().startswith("Gent")
    _tab_to(page, "input[name='name']")
    page.keyboard.type("Hanne Verstraeten")
    _tab_to(page, "input[name='role']")
    page.keyboard.type("Beleidsmedewerker welzijn")
    _tab_to(page, "input[name='email']")
    page.keyboard.type("hanne@example.org")
    _tab_to(page, "textarea[name='motivation']")
    page.keyboard.type("We willen burgerinitiatieven beter steunen.")
    _tab_to(page, "input[name='map_consent']")
    page.keyboard.press("Space")
    _press_enter_and_wait(page, ".coaching-form button[type='submit']")

    assert page.url.endswith("/coaching/aanvragen/bedankt/")
    assert page.locator("h1").inner_text() == "Bedankt voor je aanvraag"
    _assert_accessible(page, axe, "the thank-you page")
    trajectory = Trajectory.objects.get()
    assert trajectory.state == State.REQUESTED
    assert CoachingRequest.objects.get().email == "hanne@example.org"

    # 2. The coach logs in with password and code and moves the trajectory on.
    page.goto(f"{live_server.url}/beheer/coaching/trajecten/")
    page.wait_for_url(re.compile(r".*/aanmelden/\?next=.*"))
    _log_in(page, "jonas@example.org")
    page.wait_for_selector("input[name='token-otp_token']")
    _tab_to(page, "input[name='token-otp_token']")
    page.keyboard.type(totp_current_code(coaching_world["device"]))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^http://[^/]+/beheer/coaching/trajecten/$"))
    _assert_accessible(page, axe, "the trajectory list", within=".nice-padding")

    _press_enter_and_wait(page, f"a[href='/beheer/coaching/trajecten/{trajectory.pk}/']")
    _assert_accessible(page, axe, "the trajectory page", within=".nice-padding")
    _tab_to(page, "#note-intake")
    page.keyboard.type("Kennismaking gepland.")
    _press_enter_and_wait(page, "form.coaching-transition:has(#note-intake) button")
    assert page.locator("#traject-fase").inner_text() == "Intake"
    _press_enter_and_wait(page, "form.coaching-transition:has(#note-analyse) button")
    assert page.locator("#traject-fase").inner_text() == "Analyse"
    _assert_accessible(page, axe, "the trajectory page in analyse", within=".nice-padding")
    trajectory.refresh_from_db()
    assert trajectory.state == State.ANALYSIS
    assert [e.to_state for e in trajectory.events.all()] == ["aangevraagd", "intake", "analyse"]
    # Nobody is invited by the transitions: the coach checks the requester and invites her.
    from baz.accounts.models import Invitation

    assert not Invitation.objects.exists()
    request_pk = CoachingRequest.objects.get().pk
    page.wait_for_selector(f"#aanvraag-{request_pk}")
    assert "example.org" in page.locator(f"#aanvraag-{request_pk}").locator("..").inner_text()
    _press_enter_and_wait(
        page, f"form[action$='/aanvraag/{request_pk}/uitnodigen/'] button[type='submit']"
    )
    assert Invitation.objects.get().email == "hanne@example.org"
    _assert_accessible(
        page, axe, "the trajectory page after the invitation", within=".nice-padding"
    )

    # 3. A colleague of Gent logs in, sees the phase and sends a message.
    context = browser.new_context(bypass_csp=True, locale="nl-BE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    try:
        tab.goto(f"{live_server.url}/aanmelden/?next=/mijn/")
        _log_in(tab, "pieter@example.org")
        tab.wait_for_url(re.compile(r"^http://[^/]+/mijn/$"))
        _press_enter_and_wait(tab, f"a[href='/mijn/coaching/{trajectory.pk}/']")
        assert tab.locator("h1").inner_text() == "Coachingtraject van Gent"
        assert tab.locator("[aria-current='step']").inner_text() == "Analyse"
        _assert_accessible(tab, axe, "the workspace trajectory page")
        _press_enter_and_wait(tab, f"a[href='/mijn/coaching/{trajectory.pk}/berichten/']")
        _tab_to(tab, "textarea[name='body']")
        tab.keyboard.type("Dag Jonas, wanneer is de eerste afspraak?")
        _press_enter_and_wait(tab, "section[aria-labelledby='berichten'] button[type='submit']")
        thread = tab.locator("section[aria-labelledby='berichten']").inner_text()
        assert "wanneer is de eerste afspraak?" in thread
        _assert_accessible(tab, axe, "the workspace after sending a message")
    finally:
        context.close()

    message = Message.objects.get()
    assert message.author == coaching_world["colleague"]
    assert message.from_baz is False


def _type_datetime(page, selector: str, month: str, day: str, year: str, hh12: str, ampm: str):
    """Chromium's datetime-local field, by keyboard: month, day, year, Tab, hour, minute, AM/PM."""
    _tab_to(page, selector)
    page.keyboard.type(month)
    page.keyboard.type(day)
    page.keyboard.type(year)
    page.keyboard.press("Tab")  # the year segment takes up to six digits: move on by hand
    page.keyboard.type(hh12)
    page.keyboard.type("00")
    page.keyboard.type(ampm)


def _add_agreement(page, axe, trajectory_pk: int, title: str, party: str, owner: str) -> None:
    page.goto(f"{page.url.split('/beheer/')[0]}/beheer/coaching/trajecten/{trajectory_pk}/fasen/")
    _press_enter_and_wait(
        page, f"a[href='/beheer/coaching/trajecten/{trajectory_pk}/afspraken/nieuw/']"
    )
    _assert_accessible(page, axe, "the agreement form", within=".nice-padding")
    _tab_to(page, "input[name='title']")
    page.keyboard.type(title)
    _tab_to(page, "select[name='party']")
    page.keyboard.type(party)  # a select takes the typed label
    _tab_to(page, "input[name='owner_name']")
    page.keyboard.type(owner)
    _tab_to(page, "input[name='deadline']")
    page.keyboard.type("03152027")  # Chromium's date field: month, day, year
    _press_enter_and_wait(page, ".nice-padding form button[type='submit']")


def test_a_session_and_two_agreements_reach_the_municipality(
    page, browser, live_server, axe, coaching_world
):
    """The coach plans a session and two agreements in the admin; a colleague of Gent sees
    them in /mijn/, sends a message and marks the municipality's agreement done."""
    from django.utils import timezone

    from baz.accounts.totp import totp_current_code
    from baz.coaching.models import Agreement, Message, State, TrainingSession, Trajectory
    from baz.core.models import Municipality
    from baz.mail.models import OutboxMessage

    gent = Municipality.objects.get(refnis="44021")
    trajectory = Trajectory.objects.create(municipality=gent, state=State.ANALYSIS)
    trajectory.coaches.add(coaching_world["coach"])
    pk = trajectory.pk

    # 1. The coach (password and code) moves the trajectory to vorming and plans a session.
    page.goto(f"{live_server.url}/beheer/coaching/trajecten/{pk}/")
    page.wait_for_url(re.compile(r".*/aanmelden/\?next=.*"))
    _log_in(page, "jonas@example.org")
    page.wait_for_selector("input[name='token-otp_token']")
    _tab_to(page, "input[name='token-otp_token']")
    page.keyboard.type(totp_current_code(coaching_world["device"]))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"^http://[^/]+/beheer/coaching/trajecten/{pk}/$"))
    _press_enter_and_wait(page, "form.coaching-transition:has(#note-vorming) button")
    assert page.locator("#traject-fase").inner_text() == "Vorming"

    _press_enter_and_wait(page, f"a[href='/beheer/coaching/trajecten/{pk}/vorming/nieuw/']")
    _assert_accessible(page, axe, "the session form", within=".nice-padding")
    _tab_to(page, "input[name='topic']")
    page.keyboard.type("De rol van de gemeente")
    _type_datetime(page, "input[name='starts_at']", "01", "15", "2027", "02", "P")
    _type_datetime(page, "input[name='ends_at']", "01", "15", "2027", "04", "P")
    _tab_to(page, "input[name='location']")
    page.keyboard.type("Stadhuis Gent, zaal 2")
    _tab_to(page, "input[name='trainer']")
    page.keyboard.type("Jonas Peeters")
    _tab_to(page, "input[name='members']")
    page.keyboard.press("Space")  # Pieter, the only user of Gent
    _press_enter_and_wait(page, ".nice-padding form button[type='submit']")
    assert page.url.endswith(f"/beheer/coaching/trajecten/{pk}/")  # back to the trajectory
    session = TrainingSession.objects.get()
    starts = timezone.localtime(session.starts_at)
    assert (session.topic, starts.date().isoformat(), starts.hour) == (
        "De rol van de gemeente",
        "2027-01-15",
        14,
    )
    assert [p.email for p in session.participants.all()] == ["pieter@example.org"]
    invitations = [m for m in OutboxMessage.objects.all() if "pieter@example.org" in m.to]
    assert [a["filename"] for m in invitations for a in m.attachments] == ["uitnodiging.ics"]
    _assert_accessible(page, axe, "the trajectory with its session", within=".nice-padding")

    # 2. On to conclusies en afspraken, with one agreement for Gent and one for BAZ.
    page.goto(f"{live_server.url}/beheer/coaching/trajecten/{pk}/")
    _press_enter_and_wait(page, "form.coaching-transition:has(#note-afspraken) button")
    assert page.locator("#traject-fase").inner_text() == "Conclusies en afspraken"
    _add_agreement(page, axe, pk, "Een vast aanspreekpunt", "Gemeente", "Pieter")
    _add_agreement(page, axe, pk, "Een vormingsmoment over subsidies", "BurgersAanZet", "Jonas")
    agreements = {a.title: a for a in Agreement.objects.all()}
    assert {a.party for a in agreements.values()} == {"gemeente", "baz"}

    # 3. Pieter sees the session and the agreements, sends a message, marks his agreement done.
    context = browser.new_context(bypass_csp=True, locale="nl-BE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    try:
        tab.goto(f"{live_server.url}/aanmelden/?next=/mijn/coaching/{pk}/")
        _log_in(tab, "pieter@example.org")
        tab.wait_for_url(re.compile(rf"^http://[^/]+/mijn/coaching/{pk}/$"))
        assert "De rol van de gemeente" in tab.locator("main").inner_text()  # the next session
        _press_enter_and_wait(tab, f".coaching-sections a[href='/mijn/coaching/{pk}/vorming/']")
        assert "De rol van de gemeente" in tab.locator("main").inner_text()
        _press_enter_and_wait(tab, f".coaching-sections a[href='/mijn/coaching/{pk}/afspraken/']")
        text = tab.locator("main").inner_text()
        assert "Een vast aanspreekpunt" in text
        assert "Een vormingsmoment over subsidies" in text
        _assert_accessible(tab, axe, "the workspace with the agreements")

        _press_enter_and_wait(tab, f".coaching-sections a[href='/mijn/coaching/{pk}/berichten/']")
        _tab_to(tab, "textarea[name='body']")
        tab.keyboard.type("Dank je, we zijn er op 15 januari.")
        _press_enter_and_wait(tab, "section[aria-labelledby='berichten'] button[type='submit']")

        _press_enter_and_wait(tab, f".coaching-sections a[href='/mijn/coaching/{pk}/afspraken/']")
        mine = agreements["Een vast aanspreekpunt"]
        _tab_to(tab, f"#status-{mine.pk}")
        tab.keyboard.type("Klaar")
        _press_enter_and_wait(tab, f"#afspraak-{mine.pk} button[type='submit']")
        # BAZ's own agreement has no status form for the municipality.
        baz_agreement = agreements["Een vormingsmoment over subsidies"]
        assert tab.locator(f"#status-{baz_agreement.pk}").count() == 0
        _assert_accessible(tab, axe, "the workspace after marking an agreement done")
    finally:
        context.close()

    mine.refresh_from_db()
    assert mine.status == "klaar"
    assert Message.objects.get().body == "Dank je, we zijn er op 15 januari."

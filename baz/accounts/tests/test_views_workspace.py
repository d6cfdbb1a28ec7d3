import pytest

from baz.accounts.dashboard import DashboardPanel, register_panel, unregister_panel
from baz.accounts.models import Invitation, InvitationStatus, Role
from baz.accounts.services import invitation_create
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

WORKSPACE_PAGES = ["/mijn/", "/mijn/profiel/", "/mijn/gemeenten/", "/mijn/beveiliging/"]


@pytest.mark.parametrize("path", WORKSPACE_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(f"/aanmelden/?next={path}")


@pytest.mark.parametrize("role", ["initiatiefnemer", "medewerker_a", "beheerder_a", "coach"])
@pytest.mark.parametrize("path", WORKSPACE_PAGES)
def test_every_logged_in_person_sees_their_workspace(request, client, role, path):
    client.force_login(request.getfixturevalue(role))

    response = client.get(path)

    assert response.status_code == 200


def test_the_dashboard_lists_memberships_and_offers_logout(client, beheerder_a):
    client.force_login(beheerder_a)

    content = client.get("/mijn/").content.decode()

    assert "<h1>Mijn werkplek</h1>" in content
    assert "Gent · beheerder" in content
    assert "Nodig een collega uit voor Gent" in content
    assert 'action="/afmelden/"' in content
    assert "Meld je af" in content
    assert "<script>" not in content  # Content-Security-Policy: no inline scripts


def test_a_medewerker_gets_no_invite_link(client, medewerker_a):
    client.force_login(medewerker_a)

    content = client.get("/mijn/gemeenten/").content.decode()

    assert "Gent" in content
    assert "medewerker" in content
    assert "Nodig een collega uit" not in content


def test_the_header_shows_the_workspace_link_once_logged_in(client, medewerker_a, site_pages):
    assert "Aanmelden" in client.get("/").content.decode()
    client.force_login(medewerker_a)

    assert "Mijn werkplek" in client.get("/").content.decode()


def test_apps_can_add_dashboard_panels(client, medewerker_a):
    register_panel(
        DashboardPanel(
            name="test-panel",
            template_name="accounts/panels/_account.html",
            get_context=lambda request: {"user": request.user},
            order=1,
        )
    )
    register_panel(
        DashboardPanel(
            name="hidden-panel",
            template_name="does/not/exist.html",
            get_context=lambda request: None,
        )
    )
    try:
        client.force_login(medewerker_a)
        content = client.get("/mijn/").content.decode()
    finally:
        unregister_panel("test-panel")
        unregister_panel("hidden-panel")

    assert content.count("Jouw account") == 2


def _five_more_memberships(user):
    from baz.accounts.models import Membership
    from baz.accounts.tests.factories import MunicipalityFactory

    for _ in range(5):
        Membership.objects.create(user=user, municipality=MunicipalityFactory(), role="beheerder")


@pytest.mark.parametrize("path", ["/mijn/", "/mijn/gemeenten/"])
def test_workspace_pages_need_the_same_few_queries_for_many_memberships(
    client, beheerder_a, django_assert_max_num_queries, path
):
    _five_more_memberships(beheerder_a)
    client.force_login(beheerder_a)

    # session, user, memberships with their municipalities, the menu's home page, the user's
    # groups (staff without the second factor get a notice), and on /mijn/ the coaching
    # panel's trajectories, the open invitations to answer and the roles per municipality
    # (who may import fiches): the same number for one membership or six
    with django_assert_max_num_queries(8 if path == "/mijn/" else 5):
        response = client.get(path)

    assert response.status_code == 200
    assert response.content.decode().count("Nodig een collega uit voor") == 6


def test_a_user_changes_their_name_on_the_profile_page(client, medewerker_a):
    client.force_login(medewerker_a)

    response = client.post("/mijn/profiel/", {"first_name": "Lies", "last_name": "Van Acker"})

    assert response.status_code == 302
    medewerker_a.refresh_from_db()
    assert medewerker_a.get_full_name() == "Lies Van Acker"
    assert "Je gegevens zijn bewaard." in client.get("/mijn/profiel/").content.decode()


# --- Inviting colleagues ----------------------------------------------------------------------


def test_anonymous_visitors_cannot_open_the_invite_form(client, gemeente_a):
    response = client.get("/mijn/gemeenten/44021/uitnodigen/")

    assert response.status_code == 302


@pytest.mark.parametrize("role", ["medewerker_a", "medewerker_b", "coach", "initiatiefnemer"])
def test_others_get_403_on_the_invite_form(request, client, role, gemeente_a):
    client.force_login(request.getfixturevalue(role))

    response = client.get("/mijn/gemeenten/44021/uitnodigen/")

    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in response.content.decode()


def test_a_beheerder_of_another_municipality_gets_403(client, beheerder_a, gemeente_b):
    client.force_login(beheerder_a)

    assert client.get("/mijn/gemeenten/24062/uitnodigen/").status_code == 403


def test_a_beheerder_invites_a_colleague(client, beheerder_a, gemeente_a):
    client.force_login(beheerder_a)
    assert client.get("/mijn/gemeenten/44021/uitnodigen/").status_code == 200

    response = client.post(
        "/mijn/gemeenten/44021/uitnodigen/",
        {"email": "collega@example.org", "role": Role.MEDEWERKER, "first_name": "Mira"},
        follow=True,
    )

    content = response.content.decode()
    assert "We hebben een uitnodiging gestuurd naar collega@example.org." in content
    assert "Trek de uitnodiging voor collega@example.org in" in content
    assert OutboxMessage.objects.get().to == ["collega@example.org"]
    invitation = Invitation.objects.get()
    assert list(invitation.municipalities.all()) == [gemeente_a]


def test_inviting_a_colleague_who_works_here_already_shows_an_error(
    client, beheerder_a, medewerker_a
):
    client.force_login(beheerder_a)

    response = client.post(
        "/mijn/gemeenten/44021/uitnodigen/",
        {"email": "medewerker.a@example.org", "role": Role.MEDEWERKER},
    )

    assert response.status_code == 200
    assert "Deze persoon werkt al mee voor deze gemeente." in response.content.decode()


def test_a_beheerder_revokes_an_open_invitation(client, beheerder_a, gemeente_a):
    invitation, _ = invitation_create(
        created_by=beheerder_a,
        email="collega@example.org",
        group_name="Gemeente",
        municipalities=[gemeente_a],
        role=Role.MEDEWERKER,
    )
    client.force_login(beheerder_a)

    assert client.get(f"/mijn/uitnodigingen/{invitation.pk}/intrekken/").status_code == 405
    response = client.post(f"/mijn/uitnodigingen/{invitation.pk}/intrekken/")

    assert response.url == "/mijn/gemeenten/44021/team/"
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED


def test_a_medewerker_cannot_revoke(client, beheerder_a, medewerker_a, gemeente_a):
    invitation, _ = invitation_create(
        created_by=beheerder_a,
        email="collega@example.org",
        group_name="Gemeente",
        municipalities=[gemeente_a],
        role=Role.MEDEWERKER,
    )
    client.force_login(medewerker_a)

    assert client.post(f"/mijn/uitnodigingen/{invitation.pk}/intrekken/").status_code == 403


def test_the_invite_page_lists_only_open_invitations(client, beheerder_a, gemeente_a):
    from django.utils import timezone

    def invite(email):
        return invitation_create(
            created_by=beheerder_a,
            email=email,
            group_name="Gemeente",
            municipalities=[gemeente_a],
            role=Role.MEDEWERKER,
        )[0]

    invite("open@example.org")
    expired = invite("verlopen@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    client.force_login(beheerder_a)

    content = client.get("/mijn/gemeenten/44021/uitnodigen/").content.decode()

    assert "open@example.org" in content
    assert "verlopen@example.org" not in content

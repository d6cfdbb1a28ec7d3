"""The phase parts moved from /beheer/coaching-fasen/ to /beheer/coaching/: every old address
answers a GET with a permanent redirect to the same object, and only behind the admin login."""

import pytest
from django.urls import reverse

from baz.coaching.models import Material
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement


@pytest.fixture
def old_and_new(trajectory_a, held_session, coach):
    material = Material.objects.create(trajectory=trajectory_a, title="Slides", uploaded_by=coach)
    agreement = make_agreement(trajectory_a)
    t, s, m, a = trajectory_a.pk, held_session.pk, material.pk, agreement.pk
    old, new = "/beheer/coaching-fasen", "/beheer/coaching"
    return {
        f"{old}/{t}/": f"{new}/trajecten/{t}/fasen/",
        f"{old}/{t}/vorming/nieuw/": f"{new}/trajecten/{t}/vorming/nieuw/",
        f"{old}/vorming/{s}/": f"{new}/vorming/{s}/",
        f"{old}/vorming/{s}/annuleren/": f"{new}/vorming/{s}/annuleren/",
        f"{old}/vorming/{s}/aanwezigheid/": f"{new}/vorming/{s}/aanwezigheid/",
        f"{old}/vorming/{s}/evaluatievraag/": f"{new}/vorming/{s}/evaluatievraag/",
        f"{old}/vorming/{s}/evaluaties/": f"{new}/vorming/{s}/evaluaties/",
        f"{old}/{t}/materiaal/nieuw/": f"{new}/trajecten/{t}/materiaal/nieuw/",
        f"{old}/materiaal/{m}/verwijderen/": f"{new}/materiaal/{m}/verwijderen/",
        f"{old}/{t}/afspraken/": f"{new}/trajecten/{t}/afspraken/",
        f"{old}/{t}/afspraken/nieuw/": f"{new}/trajecten/{t}/afspraken/nieuw/",
        f"{old}/afspraken/{a}/": f"{new}/afspraken/{a}/",
        f"{old}/afspraken/{a}/verwijderen/": f"{new}/afspraken/{a}/verwijderen/",
        f"{old}/{t}/verslag/": f"{new}/trajecten/{t}/verslag/",
    }


def test_every_old_address_redirects_permanently_to_the_same_object(
    client, login_verified, coach, old_and_new
):
    login_verified(client, coach)
    for old, new in old_and_new.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old


def test_the_redirect_keeps_the_query_string(client, login_verified, coach, trajectory_a):
    login_verified(client, coach)
    response = client.get(f"/beheer/coaching-fasen/{trajectory_a.pk}/verslag/?p=2")
    assert response.status_code == 301
    assert response["Location"] == f"/beheer/coaching/trajecten/{trajectory_a.pk}/verslag/?p=2"


def test_the_phase_pages_share_the_prefix_of_the_coaching_admin(trajectory_a):
    assert reverse("coaching_phases_overview", kwargs={"trajectory_pk": trajectory_a.pk}) == (
        f"/beheer/coaching/trajecten/{trajectory_a.pk}/fasen/"
    )
    assert reverse("coaching_admin_detail", kwargs={"pk": trajectory_a.pk}).startswith(
        "/beheer/coaching/"
    )


def test_a_form_posted_to_an_old_address_is_refused_and_changes_nothing(
    client, login_verified, coach, trajectory_a, old_and_new
):
    """A redirected POST would arrive as a GET without the form: refuse it loudly instead."""
    login_verified(client, coach)
    material = Material.objects.get(trajectory=trajectory_a)
    response = client.post(f"/beheer/coaching-fasen/materiaal/{material.pk}/verwijderen/")
    assert response.status_code == 405
    assert Material.objects.filter(pk=material.pk).exists()


def test_the_old_addresses_stay_behind_the_admin_login(client, member_a, old_and_new):
    """Anonymous visitors and municipality users go to the login page, not to the new address."""
    for old in old_and_new:
        assert client.get(old).status_code == 302, old
        assert not client.get(old)["Location"].startswith("/beheer/coaching/"), old
    client.force_login(member_a)
    for old in old_and_new:
        response = client.get(old)
        assert response.status_code == 302, old
        assert response["Location"].startswith("/aanmelden/"), old

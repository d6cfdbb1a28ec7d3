"""The story editor in a real browser: the body's blocks work when their definitions come from
the per-process cache (baz.core.admin_widgets), for the second story opened as for the first."""

import pytest

from tests.browser.test_admin_autocomplete import _log_in
from tests.browser.test_atlas_moderation import PASSWORD


@pytest.fixture
def editor(transactional_db, settings, site_pages_live):
    from django.contrib.auth.models import Group, Permission

    from baz.accounts.tests.factories import UserFactory, add_totp_device
    from baz.stories.services import story_index_ensure, story_workflow_ensure

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Live-server tests flush the tables, the admin permission of Redactie included.
    redactie, _ = Group.objects.get_or_create(name="Redactie")
    redactie.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    story_index_ensure()
    story_workflow_ensure()
    user = UserFactory(email="anke@example.org", first_name="Anke", groups=["Redactie"])
    user.set_password(PASSWORD)
    user.save()
    return user, add_totp_device(user)


def test_an_editor_adds_a_block_to_the_second_story_she_opens(page, live_server, editor):
    from baz.stories.models import StoryIndexPage, StoryPage
    from baz.stories.tests.factories import story_create

    index = StoryIndexPage.objects.get()
    soup = story_create(index, title="Soep in de straat", live=False)
    walk = story_create(index, title="Wandelen met de buren", live=False)
    shared = StoryPage.content_panels[-1].widget._definitions
    shared.clear()

    _log_in(page, live_server, editor, f"/beheer/pages/{soup.pk}/edit/")
    page.wait_for_selector("button.c-sf-add-button")
    assert len(shared) == 1, "the first editor built the definitions, for her language"
    ((language, built),) = shared.items()

    walk_path = f"/beheer/pages/{walk.pk}/edit/"
    page.goto(live_server.url + walk_path)
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_placeholder("Zoek opties").fill("tussen")
    page.keyboard.press("Enter")
    heading = page.locator("input[name='body-1-value']")
    heading.fill("Een vaste ronde")
    page.get_by_role("button", name="Bewaar concept").click()
    page.wait_for_url(live_server.url + walk_path)

    assert shared == {language: built}, "the second editor read them from the cache"
    body = StoryPage.objects.get(pk=walk.pk).get_latest_revision_as_object().body
    assert [(block.block_type, str(block.value)) for block in body][1:] == [
        ("heading", "Een vaste ronde")
    ]
    assert page.locator("input[name='body-1-value']").input_value() == "Een vaste ronde"

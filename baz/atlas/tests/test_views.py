"""The public atlas pages as a visitor (with and without htmx) receives them."""

import re
import time

import pytest
from django.core.cache import cache

from baz.atlas.models import (
    ContactRelay,
    CorrectionRequest,
    EntryKind,
    SupportOffer,
    Theme,
    Werkvorm,
)
from baz.atlas.public_forms import ContactRelayForm
from baz.atlas.tests.factories import EntryFactory
from baz.core.models import Municipality
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data", "site_pages")]

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def gent():
    return Municipality.objects.get(refnis="44021")


@pytest.fixture
def entry(gent):
    return EntryFactory(
        municipality=gent,
        name="Buurtsoep Gent",
        contact_email="soep@example.org",
        themes=[Theme.objects.get(slug="armoede")],
        werkvormen=[Werkvorm.objects.get(slug="vrijwillig-engagement")],
    )


def _scripts_are_files_or_data(html: str) -> None:
    for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S):
        assert body.strip() == "" or 'type="application/ld+json"' in attrs
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "inline event handler"


def test_atlas_page_shows_filters_list_and_map(client, entry, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = client.get("/inspireer-elkaar/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Inspireer elkaar</h1>" in html
    assert "1 resultaat" in html
    assert 'id="atlas-map"' in html
    assert 'data-api="/api/v1/map"' in html
    assert "leaflet/leaflet.js" in html
    assert 'data-hx-push-url="true"' in html
    assert "Buurtsoep Gent" in html
    _scripts_are_files_or_data(html)


def test_each_werkvorm_in_the_filters_says_in_a_line_what_it_means(client, entry):
    html = client.get("/inspireer-elkaar/").content.decode()

    assert (
        'value="lotgenotenwerking" id="id_werkvorm_0"> Lotgenotenwerking '
        '<small class="choice__hint">Mensen met dezelfde ervaring steunen elkaar.</small></label>'
    ) in html
    # A theme has no explanation: its label is only its name.
    assert 'value="armoede" id="id_theme_1"> Armoede</label>' in html


def test_htmx_request_gets_only_the_results(client, entry, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(
            "/inspireer-elkaar/", {"theme": "armoede"}, headers={"hx-request": "true"}
        )

    html = response.content.decode()
    assert "<html" not in html
    assert "Buurtsoep Gent" in html
    assert 'data-map-query="theme=armoede"' in html


def test_the_filters_button_counts_the_active_filters(client, entry):
    html = client.get(
        "/inspireer-elkaar/", {"theme": "armoede", "municipality": "Gent", "sort": "name"}
    ).content.decode()

    summary = re.search(r"<summary[^>]*>(.*?)</summary>", html, flags=re.S)
    assert summary is not None
    assert " ".join(re.sub(r"<[^>]+>", "", summary.group(1)).split()) == "Filters (2 actief)"


def test_without_filters_the_filters_button_shows_no_count(client, entry):
    html = client.get("/inspireer-elkaar/").content.decode()

    assert "actief)" not in html
    assert '<details class="atlas-filters" id="atlas-filters"' in html


def test_htmx_results_bring_the_new_count_for_the_filters_button(client, entry):
    html = client.get(
        "/inspireer-elkaar/", {"theme": "armoede"}, headers={"hx-request": "true"}
    ).content.decode()

    assert 'id="atlas-filter-count" data-hx-swap-oob="true"> (1 actief)</span>' in html


def test_the_map_view_is_kept_in_the_address_the_switch_and_the_form(client, entry):
    html = client.get(
        "/inspireer-elkaar/", {"theme": "armoede", "weergave": "kaart"}
    ).content.decode()

    # `weergave` is how the page looks, not a filter: no error, the same results.
    assert "Deze filter kunnen we niet gebruiken" not in html
    assert "1 resultaat" in html
    assert 'data-view="kaart"' in html
    assert '<input type="hidden" name="weergave" value="kaart">' in html
    assert 'href="?theme=armoede" data-view="lijst">' in html
    assert 'href="?theme=armoede&amp;weergave=kaart" data-view="kaart" aria-current="true">' in html


def test_the_list_is_the_default_view(client, entry):
    for query in ({}, {"weergave": "iets-anders"}):
        html = client.get("/inspireer-elkaar/", query).content.decode()

        assert 'id="atlas-layout" data-view="lijst"' in html
        assert 'href="?" data-view="lijst" aria-current="true">' in html
        assert 'name="weergave"' not in html


def test_page_query_count_does_not_grow_with_results(client, gent, django_assert_max_num_queries):
    armoede = Theme.objects.get(slug="armoede")
    for _ in range(20):
        EntryFactory(municipality=gent, themes=[armoede])

    with django_assert_max_num_queries(16):
        client.get("/inspireer-elkaar/", {"theme": "armoede", "municipality": "Gent"})
    with django_assert_max_num_queries(8):
        client.get("/inspireer-elkaar/", {"theme": "armoede"}, headers={"hx-request": "true"})


def test_a_bad_filter_shows_a_friendly_message_not_an_error_page(client, entry):
    response = client.get("/inspireer-elkaar/", {"municipality": "Atlantis", "colour": "rood"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze filter kunnen we niet gebruiken" in html
    assert "Buurtsoep Gent" in html


@pytest.mark.parametrize(
    "query",
    ["q=" + "x" * 10_000, "&".join(f"a{i}=1" for i in range(1500)), "page=-1", "bbox=1,2"],
)
def test_oversized_or_malformed_queries_never_give_an_error_page(client, entry, query):
    response = client.get(f"/inspireer-elkaar/?{query}")

    assert response.status_code == 200
    assert "Deze filter kunnen we niet gebruiken" in response.content.decode()


def test_municipality_field_accepts_a_postal_code_without_javascript(client, entry):
    html = client.get("/inspireer-elkaar/", {"municipality": "9000"}).content.decode()

    assert "1 resultaat" in html
    assert 'value="Gent"' in html


def test_pagination_keeps_the_filters(client, gent):
    for _ in range(3):
        EntryFactory(municipality=gent)

    html = client.get(
        "/inspireer-elkaar/", {"kind": "burgerinitiatief", "page_size": 2}
    ).content.decode()

    assert "?kind=burgerinitiatief&amp;page_size=2&amp;page=2" in html


def test_entry_page_shows_public_fields_and_links_back_into_the_atlas(
    client, entry, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Buurtsoep Gent</h1>" in html
    assert "in gemeente Gent" in html
    assert 'href="/inspireer-elkaar/?theme=armoede"' in html
    assert 'href="/inspireer-elkaar/?werkvorm=vrijwillig-engagement"' in html
    assert '<script type="application/ld+json">' in html
    assert '"areaServed"' in html
    assert "soep@example.org" not in html  # no consent to show the address
    assert "Stuur een bericht" in html
    _scripts_are_files_or_data(html)


def test_entry_page_shows_consented_contact_only(client, gent):
    entry = EntryFactory(
        municipality=gent,
        contact_email="open@example.org",
        show_contact_email=True,
        contact_phone="09 999 99 99",
    )

    html = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/").content.decode()

    assert "open@example.org" in html
    assert "09 999 99 99" not in html


def test_entry_page_shows_the_image_rendition_with_its_size_and_alt_text(client, gent):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="Soep", file=get_test_image_file(size=(1200, 900))
    )
    entry = EntryFactory(municipality=gent, image=image, image_alt="Buren aan tafel")
    url = f"/inspireer-elkaar/{entry.pk}-{entry.slug}/"

    first = client.get(url).content.decode()
    # The cached entry carries its rendition: a second visitor costs no rendition look-up.
    again = client.get(url + "?b=2").content.decode()

    tag = re.search(r'<img class="atlas-entry__image"[^>]*>', first).group(0)
    assert 'alt="Buren aan tafel"' in tag
    assert 'width="960" height="540"' in tag
    assert re.search(r'src="/media/images/[^"]+\.fill-960x540[^"]*"', tag)
    assert tag in again


def test_entry_page_without_its_image_file_is_shown_without_it(client, gent):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Weg", file=get_test_image_file())
    image.file.delete(save=False)  # the original is gone (a lost upload, a restore without media)
    entry = EntryFactory(municipality=gent, image=image, image_alt="Weg")

    response = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/")

    assert response.status_code == 200
    assert "atlas-entry__image" not in response.content.decode()


def test_the_entry_page_costs_no_query_once_seen_and_shows_a_change_at_once(
    client, entry, django_assert_max_num_queries
):
    url = f"/inspireer-elkaar/{entry.pk}-{entry.slug}/"
    first = client.get(url)
    with django_assert_max_num_queries(0):
        second = client.get(url + "?b=2")
    assert second.context["entry"] is not first.context["entry"]  # each request its own copy
    assert second.context["entry"].pk == entry.pk
    second.context["entry"].name = "Alleen in het geheugen van een verzoek"
    assert "Alleen in het geheugen" not in client.get(url + "?b=3").content.decode()

    entry.name = "Nieuwe naam van het initiatief"
    entry.save()
    assert "Nieuwe naam van het initiatief" in client.get(url + "?b=4").content.decode()


def test_unpublished_entries_are_not_found(client, gent):
    entry = EntryFactory(municipality=gent, status="ingediend")

    assert client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/").status_code == 404


def test_an_old_slug_redirects_to_the_current_one(client, entry):
    response = client.get(f"/inspireer-elkaar/{entry.pk}-oude-naam/")

    assert response.status_code == 301
    assert response["Location"] == f"/inspireer-elkaar/{entry.pk}-{entry.slug}/"


def test_text_fields_render_inert_on_the_page(client, gent):
    entry = EntryFactory(
        municipality=gent,
        name=XSS,
        summary=XSS,
        description=f"<p>Hallo</p>{XSS}",
        how_to_join=XSS,
        cost=XSS,
        languages=XSS,
        accessibility=XSS,
        contact_name=XSS,
        show_contact_name=True,
        website="javascript:alert(1)",
        social_links=["javascript:alert(1)", XSS],
    )

    for path in (f"/inspireer-elkaar/{entry.pk}-{entry.slug}/", "/inspireer-elkaar/"):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "\\u003Cscript\\u003E" in html or path == "/inspireer-elkaar/"


def _started(seconds_ago: int = 10) -> str:
    return ContactRelayForm.human_check_token(now=time.time() - seconds_ago)


def _relay(client, entry, **overrides):
    data = {
        "sender_name": "Piet Voorbeeld",
        "sender_email": "piet@example.org",
        "message": "Mag ik eens langskomen?",
        "website_url": "",
        "started": _started(),
        **overrides,
    }
    return client.post(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/bericht/", data)


def test_relay_stores_the_message_then_queues_its_mail_to_the_owner(client, entry):
    response = _relay(client, entry)

    assert response.status_code == 302
    relay = ContactRelay.objects.get()
    assert relay.recipient_email == "soep@example.org"
    assert relay.queued_at is not None
    message = OutboxMessage.objects.get()
    assert message.related == f"atlas.relay:{relay.pk}"
    assert message.state == OutboxMessage.State.QUEUED
    assert message.to == ["soep@example.org"]
    assert message.reply_to == ["piet@example.org"]
    assert "Mag ik eens langskomen?" in message.body_text
    assert message.body_html
    page = client.get(response["Location"]).content.decode()
    assert "We sturen je bericht door naar de initiatiefnemer" in page
    assert "soep@example.org" not in page


def test_relay_form_with_errors_says_what_to_fix(client, entry):
    response = _relay(client, entry, sender_email="geen-adres", message="")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Er ging iets mis" in html
    assert 'aria-invalid="true"' in html
    assert ContactRelay.objects.count() == 0


def test_relay_honeypot_is_silently_dropped(client, entry):
    assert _relay(client, entry, website_url="http://spam.example.org").status_code == 302

    assert ContactRelay.objects.count() == 0
    assert not OutboxMessage.objects.exists()


def _form_started(html: str, action: str) -> str:
    form = re.search(rf'<form[^>]*action="[^"]*{action}[^"]*".*?</form>', html, flags=re.S)
    assert form is not None
    found = re.search(r'name="started" value="([^"]+)"', form.group(0))
    assert found is not None
    return found.group(1)


def test_relay_sent_half_a_second_after_loading_is_refused_and_keeps_the_input(
    client, entry, settings
):
    settings.ATLAS_VISITOR_MIN_FILL_SECONDS = 3
    page = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/").content.decode()
    started = _form_started(page, "/bericht/")
    time.sleep(0.5)

    response = _relay(client, entry, started=started)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Je verstuurde het formulier heel snel." in html
    assert "Mag ik eens langskomen?" in html
    assert ContactRelay.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_correction_sent_too_fast_is_refused_like_every_form(client, entry, settings):
    settings.ATLAS_VISITOR_MIN_FILL_SECONDS = 3
    page = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/").content.decode()

    response = client.post(
        f"/inspireer-elkaar/{entry.pk}-{entry.slug}/meld-een-fout/",
        {"message": "Het adres is verhuisd.", "started": _form_started(page, "/meld-een-fout/")},
    )

    assert response.status_code == 400
    assert "Je verstuurde het formulier heel snel." in response.content.decode()
    assert CorrectionRequest.objects.count() == 0


def test_relay_with_a_forged_start_time_is_refused(client, entry):
    response = _relay(client, entry, started="123:forged")

    assert response.status_code == 400
    assert ContactRelay.objects.count() == 0


def test_relay_is_rate_limited_per_client(client, entry):
    for _ in range(5):
        assert _relay(client, entry).status_code == 302
    response = _relay(client, entry)

    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert ContactRelay.objects.count() == 5


def test_correction_request_is_stored_for_moderators(client, entry):
    response = client.post(
        f"/inspireer-elkaar/{entry.pk}-{entry.slug}/meld-een-fout/",
        {"message": "Het adres is verhuisd.", "reporter_email": "", "started": _started()},
    )

    assert response.status_code == 302
    report = CorrectionRequest.objects.get()
    assert report.entry == entry
    assert report.status == "open"


def test_municipality_page_shows_profile_entries_and_counts(
    client, gent, entry, django_assert_max_num_queries
):
    profile = EntryFactory(municipality=gent, kind=EntryKind.LOCAL_GOVERNMENT, name="Stad Gent")
    SupportOffer.objects.create(entry=profile, item="ruimte", text="Zalen in elk buurtcentrum.")

    with django_assert_max_num_queries(14):
        response = client.get(f"/inspireer-elkaar/gemeente/{gent.refnis}-{gent.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Zalen in elk buurtcentrum." in html
    assert "Buurtsoep Gent" in html
    assert "Armoede</a>: 1" in html
    assert "Vrijwilligersverzekering</strong>: niet vermeld" in html


def test_atlas_appears_in_the_main_menu(client):
    assert 'href="/inspireer-elkaar/"' in client.get("/").content.decode()


def test_municipality_page_works_for_a_name_with_a_hyphen(client, gent):
    gent.slug = "gent-sint-baafs"
    gent.save(update_fields=["slug"])

    response = client.get(f"/inspireer-elkaar/gemeente/{gent.refnis}-gent-sint-baafs/")

    assert response.status_code == 200
    assert response.context["municipality"] == gent


def _lead_and_prose(html: str) -> tuple[str, str]:
    lead = re.search(r'<p class="lead">(.*?)</p>', html, flags=re.S)
    prose = re.search(r'<div class="prose">(.*?)</div>', html, flags=re.S)
    return (lead.group(1) if lead else "", prose.group(1) if prose else "")


def test_entry_page_shows_a_summary_the_description_repeats_only_once(client, gent):
    entry = EntryFactory(
        municipality=gent,
        summary="Buren koken samen soep.",
        description="<p>Buren koken  samen soep</p><p>Elke donderdag in het buurthuis.</p>",
    )

    html = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/").content.decode()

    lead, prose = _lead_and_prose(html)
    assert lead == "Buren koken samen soep."
    assert prose == "<p>Elke donderdag in het buurthuis.</p>"
    article = html[html.index('<article class="atlas-entry">') :]
    assert article.lower().count("samen soep") == 1


def test_entry_page_without_a_lead_when_the_description_begins_with_the_summary(client, gent):
    entry = EntryFactory(
        municipality=gent,
        summary="Buren koken samen soep.",
        description="<p>Buren koken samen soep. Elke donderdag, in het buurthuis.</p>",
    )

    html = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/").content.decode()

    lead, prose = _lead_and_prose(html)
    assert lead == ""
    assert prose == "<p>Buren koken samen soep. Elke donderdag, in het buurthuis.</p>"


def test_entry_page_shows_a_different_summary_and_description_both(client, gent):
    entry = EntryFactory(
        municipality=gent,
        summary="Buren koken samen soep.",
        description="<p>Elke donderdag in het buurthuis. Iedereen mag mee-eten.</p>",
    )

    html = client.get(f"/inspireer-elkaar/{entry.pk}-{entry.slug}/").content.decode()

    lead, prose = _lead_and_prose(html)
    assert lead == "Buren koken samen soep."
    assert prose == "<p>Elke donderdag in het buurthuis. Iedereen mag mee-eten.</p>"


HIDDEN = "Je ziet hun e-mailadres niet"


def test_relay_form_says_the_address_is_hidden_only_when_the_page_hides_it(client, gent):
    hidden = EntryFactory(municipality=gent, contact_email="dicht@example.org")
    public = EntryFactory(
        municipality=gent, contact_email="open@example.org", show_contact_email=True
    )

    hidden_page = client.get(f"/inspireer-elkaar/{hidden.pk}-{hidden.slug}/").content.decode()
    public_page = client.get(f"/inspireer-elkaar/{public.pk}-{public.slug}/").content.decode()

    assert "dicht@example.org" not in hidden_page
    assert HIDDEN in hidden_page
    assert 'href="mailto:open@example.org"' in public_page
    assert "Stuur een bericht" in public_page  # the relay form is still there
    assert HIDDEN not in public_page
    assert "Zij zien jouw e-mailadres" in public_page


def test_relay_form_names_who_gets_the_message_by_kind(client, gent):
    profile = EntryFactory(municipality=gent, kind=EntryKind.LOCAL_GOVERNMENT)

    html = client.get(f"/inspireer-elkaar/{profile.pk}-{profile.slug}/").content.decode()

    assert "We sturen je bericht door naar het lokaal bestuur." in html
    assert "initiatiefnemer" not in html


def test_relay_mail_says_the_address_stayed_hidden_only_when_it_did(client, gent):
    hidden = EntryFactory(municipality=gent, contact_email="dicht@example.org")
    public = EntryFactory(
        municipality=gent, contact_email="open@example.org", show_contact_email=True
    )

    _relay(client, hidden)
    _relay(client, public)

    to_hidden = OutboxMessage.objects.get(to=["dicht@example.org"])
    to_public = OutboxMessage.objects.get(to=["open@example.org"])
    for message in (to_hidden, to_public):
        assert "dan gaat je antwoord naar piet@example.org" in message.body_text
        assert "dan gaat je antwoord naar piet@example.org" in message.body_html
    assert "We gaven jouw e-mailadres niet door" in to_hidden.body_text
    assert "We gaven jouw e-mailadres niet door" in to_hidden.body_html
    assert "e-mailadres niet door" not in to_public.body_text
    assert "e-mailadres niet door" not in to_public.body_html


def test_proposal_form_does_not_promise_a_hidden_address_of_others(client):
    html = client.get("/inspireer-elkaar/voorstellen/").content.decode()

    assert HIDDEN not in html

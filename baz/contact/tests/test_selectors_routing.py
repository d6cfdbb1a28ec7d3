"""Routing: who answers a message, as a table of topic by region, with a default."""

import pytest

from baz.contact.selectors import contact_person_for
from baz.contact.tests.factories import ContactPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(gent, aalst, hasselt, oost_vlaanderen, limburg):
    default = ContactPersonFactory(name="Elke Standaard", is_default=True, topic_slugs=["anders"])
    coach_ovl = ContactPersonFactory(name="Jonas Provincie", topic_slugs=["coaching"])
    coach_ovl.provinces.add(oost_vlaanderen)
    coach_gent = ContactPersonFactory(name="Lies Gent", topic_slugs=["coaching"])
    coach_gent.municipalities.add(gent)
    press = ContactPersonFactory(name="Pieter Pers", topic_slugs=["pers"])
    atlas_limburg = ContactPersonFactory(name="Mira Limburg", topic_slugs=["atlas", "verhaal"])
    atlas_limburg.provinces.add(limburg)
    return {
        "default": default,
        "coach_ovl": coach_ovl,
        "coach_gent": coach_gent,
        "press": press,
        "atlas_limburg": atlas_limburg,
        "gent": gent,
        "aalst": aalst,
        "hasselt": hasselt,
        None: None,
    }


ROUTING = [
    # topic, municipality, expected person
    ("coaching", "gent", "coach_gent"),  # the municipality itself beats its province
    ("coaching", "aalst", "coach_ovl"),  # the province
    ("coaching", "hasselt", "default"),  # nobody covers coaching in Limburg
    ("coaching", None, "default"),  # no region given, and every coach has one
    ("pers", "gent", "press"),  # a person without regions covers everywhere
    ("pers", None, "press"),
    ("atlas", "hasselt", "atlas_limburg"),
    ("verhaal", "hasselt", "atlas_limburg"),
    ("atlas", "gent", "default"),  # the topic is covered, but not in this province
    ("verhaal", None, "default"),
    ("anders", "aalst", "default"),
]


@pytest.mark.parametrize(("topic", "where", "expected"), ROUTING)
def test_a_message_goes_to_the_most_specific_person(people, topic, where, expected):
    assert contact_person_for(topic=topic, municipality=people[where]) == people[expected]


def test_without_a_default_person_an_uncovered_message_goes_to_nobody(people):
    people["default"].delete()

    assert contact_person_for(topic="verhaal", municipality=None) is None


def test_ties_are_broken_by_name_so_routing_is_stable(gent):
    ContactPersonFactory(name="Zoë Later", topic_slugs=["pers"])
    first = ContactPersonFactory(name="Ann Eerst", topic_slugs=["pers"])

    assert contact_person_for(topic="pers", municipality=gent) == first

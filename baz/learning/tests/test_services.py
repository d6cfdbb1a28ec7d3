"""The services of the reflection tool, called directly."""

from __future__ import annotations

import hashlib

import pytest

from baz.core.tests.factories import MunicipalityFactory
from baz.learning import services
from baz.learning.selectors import AtlasEntry, LinkState, reflection_by_token

pytestmark = pytest.mark.django_db


def test_start_returns_a_token_whose_hash_is_stored():
    started = services.reflection_start()

    assert started.reflection.token_hash == hashlib.sha256(started.token.encode()).hexdigest()
    assert reflection_by_token(token=started.token) == (LinkState.OK, started.reflection)


def test_choosing_another_municipality_clears_the_choices_of_step_2():
    reflection = services.reflection_start().reflection
    first, second = MunicipalityFactory(), MunicipalityFactory()
    services.reflection_save_initiatives(
        reflection=reflection, municipality=first, atlas_entries=[], own=["A"], comment=""
    )
    services.reflection_save_support_choices(
        reflection=reflection, chosen={"A": "Omdat het werkt."}, themes=""
    )

    services.reflection_save_initiatives(
        reflection=reflection,
        municipality=second,
        atlas_entries=[AtlasEntry(key="7", name="B")],
        own=[" ", "C "],
        comment="",
    )

    reflection.refresh_from_db()
    assert reflection.support_choices == {}
    assert reflection.initiatives == {
        "atlas": [{"key": "7", "name": "B"}],
        "own": ["C"],
        "comment": "",
    }
    assert reflection.steps_done == 2  # progress is kept; step 2 shows the new initiatives


def test_unknown_support_forms_and_priorities_are_refused():
    reflection = services.reflection_start().reflection

    with pytest.raises(ValueError, match="Unknown support forms"):
        services.reflection_save_support_forms(
            reflection=reflection, now=["toverstaf"], wanted=[], note=""
        )
    with pytest.raises(ValueError, match="Unknown priority"):
        services.reflection_save_needs(reflection=reflection, needs={"budget": ("x", "dringend")})


def test_a_new_link_replaces_the_old_one():
    started = services.reflection_start()

    new_token = services.reflection_new_link(reflection=started.reflection)

    assert reflection_by_token(token=started.token) == (LinkState.UNKNOWN, None)
    assert reflection_by_token(token=new_token)[0] is LinkState.OK


def test_revoking_closes_the_link_for_good():
    started = services.reflection_start()

    services.reflection_revoke(reflection=started.reflection)

    assert reflection_by_token(token=started.token) == (LinkState.REVOKED, None)

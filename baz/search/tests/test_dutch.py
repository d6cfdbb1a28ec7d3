"""The shared Dutch normaliser: word pairs that must give the same search token."""

from __future__ import annotations

import pytest

from baz.search.dutch import normalise, tokens, word_token

# (form in the text, form in the query): plural/singular, f/v, s/z, doubled consonants,
# diminutives.
WORD_PAIRS = [
    ("huizen", "huis"),
    ("reizen", "reis"),
    ("gezinnen", "gezin"),
    ("ouderen", "oudere"),
    ("mantelzorgers", "mantelzorger"),
    ("buurtinitiatieven", "buurtinitiatief"),
    ("vrijwilligers", "vrijwilliger"),
    ("initiatieven", "initiatief"),
    ("brieven", "brief"),
    ("buurthuizen", "buurthuis"),
    ("gemeenten", "gemeente"),
    ("activiteiten", "activiteit"),
    ("fietsen", "fiets"),
    ("kansen", "kans"),
    ("lessen", "les"),
    ("straten", "straat"),
    ("boeken", "boek"),
    ("wijken", "wijk"),
    ("ontmoetingen", "ontmoeting"),
    ("eenzaamheid", "eenzaam"),
    # Diminutives, and plurals with an apostrophe or on é.
    ("soepje", "soep"),
    ("huisjes", "huis"),
    ("koffietje", "koffie"),
    ("gezinnetje", "gezin"),
    ("boompje", "boom"),
    ("stoeltje", "stoel"),
    ("straatje", "straat"),
    ("telefoontje", "telefoon"),
    ("buddy's", "buddy"),
    ("foto's", "foto"),
    ("praatcafés", "praatcafé"),
]


@pytest.mark.parametrize(("written", "asked"), WORD_PAIRS)
def test_both_forms_of_a_word_give_the_same_token(written, asked):
    assert normalise(written) == normalise(asked)
    assert normalise(written) != ""


def test_case_and_accents_do_not_matter():
    assert normalise("Café ÉÉNZAAMHEID") == normalise("cafe eenzaamheid")
    assert normalise("Ouderen") == normalise("ouderen")


def test_function_words_are_dropped_and_words_kept_in_order():
    assert tokens("De vrijwilligers en het buurthuis") == ["vrijwilliger", "buurthuis"]


def test_different_words_stay_different():
    assert normalise("huis") != normalise("buurt")
    assert normalise("vrijwilliger") != normalise("vrijwilligerspunt")


def test_punctuation_sql_and_html_become_plain_tokens():
    assert normalise("'; DROP TABLE x; --") == "drop tabl x"
    assert normalise('<script>alert("x")</script>') == "script alert x script"
    assert normalise('" * : - NEAR AND') == "near and"
    assert normalise("") == ""


def test_a_single_word_has_one_token_and_a_function_word_none():
    assert word_token("Vrijwilligers,") == "vrijwilliger"
    assert word_token("de") is None
    assert word_token("...") is None


def test_very_long_words_are_cut():
    assert len(normalise("a" * 1000)) == 60


def test_a_diminutive_that_is_its_own_word_stays_apart():
    assert normalise("lampje") == normalise("lamp")
    assert normalise("lampje") != normalise("lam")
    assert normalise("kaartje") == normalise("kaart")

"""Plain language (B1): every public page reads at Flesch-Douma 60 or more, with at most 15
words per sentence.

Flesch-Douma, Douma's Dutch adaptation of Flesch's reading ease:

    206.835 - 0.93 * (words per sentence) - 77 * (syllables per word)

Syllables are counted with Pyphen's Dutch dictionary (`nl_NL`): the hyphenation points of a
word plus one. Hyphenation leaves out a point before or after a single letter at the edge of a
word (i-de-aal is hyphenated ide-aal), so a few words count one syllable short; the reference
text below holds the counter to known figures.

What is measured is the site's own text: each page is rendered with a database that holds only
what a fresh install has (reference data, the base pages and their intros, the taxonomies) and
no demo entries, stories or people, and only the `<main>` element is read. A heading, label,
button, list item or table cell without a full stop counts as a sentence of its own, as a
reader takes it in on its own.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pyphen
import pytest

pytestmark = pytest.mark.django_db

MIN_SCORE = 60.0
MAX_WORDS_PER_SENTENCE = 15.0

_dictionary = pyphen.Pyphen(lang="nl_NL")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend", "button", "a", "dt", "dd",
    "th", "td", "option", "summary", "figcaption", "caption", "div", "section", "article",
    "header", "footer", "nav", "form", "fieldset", "ul", "ol", "dl", "table", "tr", "br",
    "small", "span",
}  # fmt: skip
_SKIP = {"script", "style", "template", "svg", "noscript"}


def syllables(word: str) -> int:
    """The syllables of one word: its hyphenation points in Dutch, plus one."""
    return max(1, len(_dictionary.positions(word.lower())) + 1)


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence of `text` (a new line also ends a sentence)."""
    found = []
    for piece in _SENTENCE_END.split(text):
        words = _WORD.findall(piece)
        if words:
            found.append(words)
    return found


def flesch_douma(text: str) -> tuple[float, float]:
    """(reading ease, words per sentence) of `text`."""
    parts = sentences(text)
    words = [word for sentence in parts for word in sentence]
    if not words:
        return 100.0, 0.0
    per_sentence = len(words) / len(parts)
    per_word = sum(syllables(word) for word in words) / len(words)
    return 206.835 - 0.93 * per_sentence - 77 * per_word, per_sentence


class _MainText(HTMLParser):
    """The text of `<main>`, one block element per line, scripts and hidden parts left out."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.hidden: list[str] = []
        self.lines: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "main":
            self.depth += 1
        hidden = "hidden" in names or names.get("aria-hidden") == "true"
        if (tag in _SKIP or hidden) and tag != "br":
            self.hidden.append(tag)
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()
        if tag == "main":
            self.depth -= 1
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.lines[-1] += data

    def text(self) -> str:
        return "\n".join(" ".join(line.split()) for line in self.lines if line.strip())


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return parser.text()


# A short Dutch reference text whose score is worked out by hand:
#
#   "De buren koken soep. Iedereen eet mee."
#   sentences: 2; words: de, bu-ren, ko-ken, soep, ie-der-een, eet, mee = 7
#   syllables: 1 + 2 + 2 + 1 + 3 + 1 + 1 = 11
#   words per sentence 7 / 2 = 3.5; syllables per word 11 / 7 = 1.5714
#   206.835 - 0.93 * 3.5 - 77 * 1.5714 = 206.835 - 3.255 - 121.0 = 82.58
REFERENCE_TEXT = "De buren koken soep. Iedereen eet mee."
REFERENCE_SCORE = 82.58


def test_the_counter_gives_the_known_score_of_the_reference_text():
    score, per_sentence = flesch_douma(REFERENCE_TEXT)

    assert per_sentence == 3.5
    assert [syllables(w) for w in ("buren", "koken", "iedereen", "soep")] == [2, 2, 3, 1]
    assert score == pytest.approx(REFERENCE_SCORE, abs=0.01)


def test_main_text_reads_only_main_and_splits_blocks():
    html = (
        "<header><p>Menu</p></header><main><h1>Titel</h1><p>Een zin. Nog een zin.</p>"
        "<script>var x = 1;</script><ul><li>Een</li><li hidden>Verborgen</li></ul></main>"
    )
    assert main_text(html) == "Titel\nEen zin. Nog een zin.\nEen"


PAGES = {
    "home": "/",
    "atlas": "/inspireer-elkaar/",
    "atlas van lokale besturen": "/inspireer-elkaar/?kind=lokaal-bestuur",
    "partners": "/partners/",
    "leren": "/leren/",
    "verhalen": "/verhalen/",
    "coaching": "/coaching/",
    "coaching aanvragen": "/coaching/aanvragen/",
    "waar is BAZ actief": "/coaching/waar-actief/",
    "contact": "/contact/",
    "lokale besturen": "/lokale-besturen/",
    "zoeken": "/zoeken/?q=vrijwilligers",
}


@pytest.fixture
def fresh_site(reference_data, site_pages):
    """What a fresh install shows: base pages, the stories index, the learning page."""
    from baz.learning.demo import learning_index_ensure
    from baz.stories.services import story_index_ensure

    story_index_ensure()
    learning_index_ensure()


def _plain(figure: tuple[float, float]) -> bool:
    return figure[0] >= MIN_SCORE and figure[1] <= MAX_WORDS_PER_SENTENCE


def test_every_public_page_reads_plainly(client, fresh_site):
    figures = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        score, per_sentence = flesch_douma(main_text(response.content.decode()))
        figures[name] = (round(score, 1), round(per_sentence, 1))

    too_hard = {name: figure for name, figure in figures.items() if not _plain(figure)}
    assert too_hard == {}, figures

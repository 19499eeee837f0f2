"""Furniture lines that say a phrase after words of their own ("... does not constitute investment
advice", "For the full schedule, click here"), tried apart from the labels only on lines that hold
one of their words (``furniturelines.PHRASE_LINE``): in any case of letters, and never a sentence
of the story that mentions the words."""
from __future__ import annotations

import pytest

from crawler.extraction.furniturelines import is_furniture_line
from crawler.extraction.textfilter import is_boilerplate_line


@pytest.mark.parametrize("line", [
    "This newsletter does not constitute investment advice.",
    "THIS NEWSLETTER DOES NOT CONSTITUTE INVESTMENT ADVICE.",
    "Dieser Beitrag stellt keine Anlageberatung dar.",
    "Der Artikel ersetzt keine ärztliche Beratung.",
    "For the full schedule of the ferries, Click Here",
    "Jetzt unseren RSS-Feed abonnieren",
    "Follow our channel on Telegram for more",
    "Sigue nuestro canal de WhatsApp",
    "무단 전재 및 재배포 금지",
    "記事の無断転載を禁じます",
])
def test_a_phrase_of_furniture_is_a_furniture_line(line):
    assert is_furniture_line(line)
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "The council said the plan does not constitute a change of policy, and the harbour master agreed.",
    "Residents who click here and there on the map will find the old ferry routes marked in blue.",
    "The channel between the two islands was dredged last spring, the council said on Tuesday evening.",
])
def test_a_sentence_with_a_phrase_word_stays(line):
    assert not is_furniture_line(line)

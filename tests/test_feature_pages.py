"""Long features and live pages: chapters whose headings carry a kicker ("Chapter 2:"), a box of facts
between components that wrap the prose, and the player's, the reading time's, the live blog's and
the membership box's lines around them."""
from __future__ import annotations

from crawler import extract_article

CHAPTER_ONE = [
    "The river rose four feet in the hour after midnight, faster than anyone on Ferry Street had seen it rise.",
    "By two o'clock the water had reached the porch steps of every house on the low side of the street.",
]
CHAPTER_TWO = [
    "Marcus and Ilse Dembele spent five hours on the roof of their house before a boat reached them at dawn.",
    "They had carried a thermos, a radio and the family photographs up through the attic hatch in a laundry basket.",
]
FACTS = ["212 of 340 homes in Millers Ford flooded overnight", "117 people rescued by boat between 11 p.m. and 7 a.m.",
         "23.6 feet at the river gauge, 4.1 feet above the 1972 record",
         "$41 million in estimated damage to homes, roads and the water plant"]


def _feature(extra_before_story: str = "") -> str:
    def prose(sentences: list[str]) -> str:
        return "<div class='prose'>" + "".join(f"<p>{s}</p>" for s in sentences) + "</div>"

    facts = ("<aside class='factbox'><h3>By the numbers</h3><ul>" + "".join(f"<li>{f}</li>" for f in FACTS)
             + "</ul></aside>")
    return (
        "<html><head><title>The night the river came</title></head><body><main><article class='story'>"
        "<header><h1><span class='headline__kicker'>Special report</span> The night the river came</h1></header>"
        + extra_before_story +
        "<section class='chapter' id='chapter-1'><header><h2><span class='chapter__kicker'>Chapter 1:</span> The Flood</h2>"
        "</header>" + prose(CHAPTER_ONE) + "</section>"
        "<section class='chapter' id='chapter-2'><header><h2><span class='chapter__kicker'>Chapter 2:</span> Five Hours on"
        " the Roof</h2></header>" + prose(CHAPTER_TWO[:1]) + facts + prose(CHAPTER_TWO[1:]) + "</section>"
        "</article></main></body></html>"
    )


def test_a_chapters_kicker_is_words_of_its_heading() -> None:
    article = extract_article(_feature(), "https://cedarvalleycourier.example/projects/flood")
    assert "Chapter 2: Five Hours on the Roof" in article.text
    assert "Special report" not in article.text  # the headline's kicker is the section's label


def test_a_box_of_facts_between_components_of_prose_is_story() -> None:
    article = extract_article(_feature(), "https://cedarvalleycourier.example/projects/flood")
    assert all(sentence in article.text for sentence in CHAPTER_ONE + CHAPTER_TWO)
    assert all(fact in article.text for fact in FACTS)


def test_the_players_the_reading_times_and_the_live_blogs_lines_are_no_text() -> None:
    lines = ["Listen to this story", "18-minute read", "Show key events only", "Load more updates",
             "Artikel anhören", "Ältere Einträge laden", "Carica altri aggiornamenti"]
    extra = "".join(f"<p>{line}</p>" for line in lines)
    article = extract_article(_feature(extra), "https://cedarvalleycourier.example/projects/flood")
    assert all(sentence in article.text for sentence in CHAPTER_ONE)
    assert not any(line in article.text for line in lines)


def test_a_membership_appeal_and_a_book_links_commission_note_are_no_text() -> None:
    notes = ["El periodismo lento cuesta. Hazte socio de Mirador Sur desde $3.000 al mes y recibe la revista en casa.",
             "When you buy a book using a link on this page, we receive a commission."]
    html = _feature().replace("</article>", "".join(f"<p>{note}</p>" for note in notes) + "</article>")
    article = extract_article(html, "https://cedarvalleycourier.example/projects/flood")
    assert all(sentence in article.text for sentence in CHAPTER_TWO)
    assert not any(note in article.text for note in notes)


def test_a_box_of_labelled_facts_after_a_frameworks_div_paragraph_and_an_ad_is_story() -> None:
    paragraphs = [
        "Fylkesveien mellom Storvik og Haugsbygda stenges på dagtid fra april for å bygge rassikring i Fjellsetra.",
        "Strekningen har hatt elleve steinsprang de siste fem årene, og to av dem traff biler som sto i kø.",
        "Omkjøringen via Nordli tar om lag førti minutter lenger, og bussen får egne avganger i perioden.",
    ]
    facts = ["Strekning:", "2,3 kilometer av fylkesvei 53 mellom Storvik og Haugsbygda", "Kostnad:",
             "186 millioner kroner, hvorav staten dekker 60 prosent", "Tiltak:",
             "Et 240 meter langt rasoverbygg, nye sikringsnett og to fanggrøfter"]
    items = "".join(f"<dt class='svelte-7pb'>{facts[i]}</dt><dd class='svelte-7pb'>{facts[i + 1]}</dd>"
                    for i in range(0, len(facts), 2))
    html = (
        "<html><head><title>Rassikring i Fjellsetra</title></head><body><article><h1>Rassikring i Fjellsetra</h1>"
        "<div class='article-body svelte-kn7'><p class='lead svelte-k2'>" + paragraphs[0] + "</p>"
        + "".join(f"<div class='paragraph svelte-k2'>{p}</div>" for p in paragraphs[1:2])
        + "<div class='ad svelte-l5f'><p>Annonse</p><div></div></div>"
        "<aside class='factbox svelte-7pb'><h3>Fakta: Rassikringen i tall</h3><dl>" + items + "</dl></aside>"
        "<h2 class='subtitle svelte-kn7'>Omkjøring og buss</h2>"
        f"<div class='paragraph svelte-k2'>{paragraphs[2]}</div><p class='ad-label'>Publicidade</p></div>"
        "</article></body></html>"
    )
    article = extract_article(html, "https://vidda24.example/nyheter/rassikring-fjellsetra")
    assert all(paragraph in article.text for paragraph in paragraphs)
    assert all(fact in article.text for fact in facts[1::2])
    assert "Publicidade" not in article.text


def test_a_data_storys_note_on_its_method_closing_the_story_is_text() -> None:
    story = ["The median rent for a two-bedroom unit rose 41 percent in five years, far faster than household incomes.",
             "Renters on the east side now spend more than a third of their income on housing, the analysis found.",
             "Vantreese said she plans to speak at the April hearing, where the council will take up rent limits."]
    method = ["The Courier obtained 48,210 listing records from the city's rental registry through a public records request.",
              "We limited the analysis to two-bedroom units, removed duplicate listings and calculated medians by year."]
    bio = "Dana Whitcombe covers housing and city hall for the Courier and has reported on rents since 2016."
    html = (
        "<html><head><title>Rents outpace incomes</title></head><body><article><h1>Rents outpace incomes</h1>"
        "<div class='entry-content'>" + "".join(f"<p>{s}</p>" for s in story)
        + "<aside class='wp-block-group hc-how-we-did-this'><h3>How we did this</h3>"
        + "".join(f"<p>{s}</p>" for s in method) + "</aside>"
        "<div class='jp-relatedposts'><h3>Related</h3><a href='/a'>School board delays vote</a></div></div>"
        f"<aside class='author-bio'><h3>About the author</h3><p>{bio}</p></aside></article></body></html>"
    )
    article = extract_article(html, "https://harbourtoncourier.example/2025/03/rents-outpace-incomes/")
    assert all(sentence in article.text for sentence in story + method)
    assert bio not in article.text and "School board delays vote" not in article.text


def test_the_bodys_text_wrappers_trafilatura_prunes_for_a_word_in_a_modifier_stay() -> None:
    # "RichText--iconLinks": a modifier for links drawn with an icon holds "-icon", a word trafilatura prunes
    paragraphs = [
        "Im Prozess um den Zusammenbruch des Solarfinanzierers hat das Landgericht zwei frühere Vorstände verurteilt.",
        "Die Strafkammer sah es nach 41 Verhandlungstagen als erwiesen an, dass die Anleger getäuscht wurden.",
        "Der frühere Finanzvorstand erhielt eine Freiheitsstrafe von drei Jahren und neun Monaten wegen Betrugs.",
        "Die Verteidigung kündigte unmittelbar nach der Verhandlung an, Revision beim Bundesgerichtshof einzulegen.",
    ]
    body = "".join(f"<div><div class='RichText RichText--iconLinks lg:w-8/12'><p>{p}</p></div></div>" for p in paragraphs)
    facts = ("<div class='my-32'><h3>Das Urteil im Überblick</h3><ul><li>Ex-Chef: fünf Jahre und sechs Monate Haft</li>"
             "<li>Finanzvorstand: drei Jahre und neun Monate</li></ul></div>"
             "<div><div class='RichText lg:w-8/12'><h2>Verteidigung kündigt Revision an</h2></div></div>")
    html = ("<html><head><title>Haft für Ex-Chef</title></head><body><main><article><h1>Haft für Ex-Chef</h1>"
            "<p class='standfirst'>Das Landgericht hat zwei frühere Vorstände des Solarfinanzierers wegen Betrugs verurteilt."
            " Rund 12.000 Anleger verloren ihr Geld.</p><section id='artikeltext'>" + body + facts
            + "</section></article></main></body></html>")
    article = extract_article(html, "https://morgenkurier.example/wirtschaft/urteil")
    assert all(paragraph in article.text for paragraph in paragraphs)

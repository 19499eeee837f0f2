"""The language of an article's text, for the record's ``language``.

Pages often declare the language of their theme, not of the article: an English template around
German, Spanish or Bengali stories says ``<html lang="en">``. The text's own language is read with
py3langid (langid.py's model of 97 languages; trafilatura's detector, ``trafilatura.utils.
language_classifier``) on the article's sentences, and replaces the declared code only when it is
confident on enough text; a page that declares none gets it when it is fairly sure. A text made of
its declared language's commonest words is taken to be in it without the model (most pages).

The model is loaded at import (about 0.7 s): ``extract_article`` imports this module on first use,
and the crawl's workers inherit it loaded from the forkserver (``workers.PRELOAD``).
"""
from __future__ import annotations

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
SAMPLE_CHARS = 2000
"""The text read: enough for a sure answer, little enough to cost a fraction of a millisecond."""
SENTENCE_WORDS = 8
"""Lines of at least this many words are read first: sentences, not the labels and names around them."""
FILL_CONFIDENCE = 0.9
"""A page that declares no language takes the text's when the model is this sure."""
OVERRIDE_CONFIDENCE = 0.99
OVERRIDE_MIN_CHARS = 400
"""A declared language gives way only to one this sure, read on at least this much text."""


def _sample(text: str) -> str:
    sentences = [line for line in text.split("\n") if len(line.split()) >= SENTENCE_WORDS]
    return ("\n".join(sentences) if sentences else text)[:SAMPLE_CHARS]


def text_language(text: str) -> tuple[str, float, int]:
    """``(code, probability, characters read)`` of the text's language."""
    return _classify(_sample(text))


def _classify(sample: str) -> tuple[str, float, int]:
    code, probability = _IDENTIFIER.classify(sample)
    return str(code), float(probability), len(sample)


# The commonest words of the languages most pages declare: a text full of its declared language's
# words is in it, and the model (a few tenths of a millisecond) need not run.
_COMMON_WORDS = {
    "en": "the and of to in is that for it was on with as are be by this at from have",
    "de": "der die und das ist nicht mit den ein eine zu von sich auf für im dem des auch",
    "fr": "le la les et des est un une du en que qui dans pour pas sur au par ce",
    "es": "el la los las y de que en un una por con para es del al se lo como",
    "it": "il la di che e un una per non in del della è sono con si le gli da",
    "pt": "o a os as e de que em um uma para com não do da no na por se",
    "nl": "de het een en van is dat in op te met voor niet zijn aan ook als",
    "pl": "i w na nie się z to że do jest jak o po od za co ale przez",
}
_COMMON = {code: frozenset(words.split()) for code, words in _COMMON_WORDS.items()}
CONFIRMING_SHARE = 0.15
"""A text whose words are at least this share of its declared language's commonest ones is in it."""
_CONFIRM_WORDS = 300


def _confirms(declared: str, sample: str) -> bool:
    common = _COMMON.get(declared)
    if common is None:
        return False
    words = sample.casefold().split()[:_CONFIRM_WORDS]
    return len(words) >= 30 and sum(word in common for word in words) >= CONFIRMING_SHARE * len(words)


def article_language(declared: str | None, text: str) -> str | None:
    """The record's language: the declared one, unless the text says otherwise with confidence."""
    if not text.strip():
        return declared
    sample = _sample(text)
    if declared is not None and _confirms(declared, sample):
        return declared
    code, probability, read = _classify(sample)
    if declared is None:
        return code if probability >= FILL_CONFIDENCE else None
    if code != declared and code not in _VARIANTS.get(declared, ()) and probability >= OVERRIDE_CONFIDENCE \
            and read >= OVERRIDE_MIN_CHARS:
        return code
    return declared


_VARIANTS = {"nb": ("no",), "nn": ("no",), "id": ("ms",), "ms": ("id",), "hr": ("bs", "sr"), "bs": ("hr", "sr"),
             "sr": ("hr", "bs")}
"""What the model reads a declared language as, and is no other language: Norwegian Bokmål and Nynorsk
as Norwegian, Indonesian and Malay, the standards of Serbo-Croatian (the declared code is the precise one)."""

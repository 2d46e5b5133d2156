from __future__ import annotations

import pytest

from jobapp.extraction.normalise import normalise, stem, term_key, term_tokens, tokenize


def test_normalise_casefolds_strips_accents_and_unifies_punctuation() -> None:
    assert (
        normalise("  Développeur  C’est «Génial» – Œuvre\u00a0Ç ") == 'developpeur c\'est "genial" - oeuvre c'
    )


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("compétences", "compétence"),
        ("réseaux", "réseau"),
        ("KPIs", "KPI"),
        ("processes", "process"),
        ("analyses", "analysis"),
        ("technologies", "technology"),
        ("stratégies", "strategy"),
        ("diplômée", "diplômé"),
        ("vendeuse", "vendeur"),
        ("professionnelle", "professionnel"),
        ("créative", "créatif"),
    ],
)
def test_stem_merges_plural_gender_and_fr_en_forms(plural: str, singular: str) -> None:
    assert term_tokens(plural) == term_tokens(singular)


@pytest.mark.parametrize("word", ["aws", "ios", "bts", "business", "status", "analysis", "sas"])
def test_stem_leaves_short_words_and_latin_endings_alone(word: str) -> None:
    assert stem(word) in {word, "analyse"}
    assert stem("aws") == "aws"
    assert stem("business") == "business"


def test_distinct_words_do_not_merge() -> None:
    assert term_tokens("développeur") != term_tokens("développement")
    assert term_tokens("Java") != term_tokens("JavaScript")


def test_term_key_ignores_word_order_and_inner_stopwords() -> None:
    assert term_key("Gestion de projets") == term_key("projet (gestion)") == ("gestion", "projet")


def test_edge_stopwords_are_kept_so_terms_do_not_shrink() -> None:
    assert term_tokens("IT support") == ("it", "support")
    assert term_tokens("ingénieur du son") != term_tokens("ingénieur")


def test_tokenize_keeps_special_technical_tokens_and_offsets() -> None:
    text = "C++, C#, .NET, Node.js, Bac + 5 et l'équipe"
    toks = tokenize(text)
    assert [t.norm for t in toks][:6] == ["c++", "c#", "dotnet", "nodejs", "bac+5", "et"]
    assert all(text[t.start : t.end] == t.raw for t in toks)
    elided = next(t for t in toks if t.norm == "l")
    assert elided.stop  # "l'" is an elided article; a lone "C" elsewhere is a word
    assert not next(t for t in tokenize("Langage C") if t.norm == "c").stop

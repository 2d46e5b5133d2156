"""Tailoring advice as sentences, in the offer's language (French or English)."""

from __future__ import annotations

from jobapp.extraction.tailoring import KeywordAdvice, TailoringAdvice

_TEXT = {
    "fr": {
        "headline": "Titre du CV : écrivez « {title} » comme l'offre, si c'est bien votre métier.",
        "move": "Remontez la section « {heading} » ({count} mots-clés de l'offre) au-dessus de « {above} » ({above_count}).",
        "reword": "Écrivez « {term} » comme l'offre{must} : votre CV dit « {wording} ».",
        "reword_plain": "Écrivez « {term} » comme l'offre{must} : votre CV le montre autrement.",
        "missing": "« {term} »{must} n'apparaît pas dans votre CV : à apprendre, ou à ajouter seulement si c'est vrai.",
        "as_offer": "« {term} » : déjà écrit comme dans l'offre.",
        "must": " (exigé)",
        "evidence": "  ↳ {section}{line}",
        "none": "Rien à changer : votre CV reprend déjà les mots-clés de l'offre.",
    },
    "en": {
        "headline": 'CV headline: write "{title}" as the offer does, if that is your job.',
        "move": 'Move the "{heading}" section ({count} of the offer\'s keywords) above "{above}" ({above_count}).',
        "reword": 'Write "{term}" as the offer does{must}: your CV says "{wording}".',
        "reword_plain": 'Write "{term}" as the offer does{must}: your CV shows it in other words.',
        "missing": '"{term}"{must} is not in your CV: something to learn, or to add only if it is true.',
        "as_offer": '"{term}": already worded as in the offer.',
        "must": " (required)",
        "evidence": "  ↳ {section}{line}",
        "none": "Nothing to change: your CV already uses the offer's keywords.",
    },
}


def advice_lines(advice: TailoringAdvice, *, evidence: bool = True, done: bool = False) -> list[str]:
    """What to do, most useful first: headline, sections, must-haves to reword, then the rest;
    each keyword point followed by the CV lines that support it. ``done`` adds the keywords
    already worded as the offer."""
    text = _TEXT.get(advice.language, _TEXT["en"])
    out: list[str] = []
    if advice.headline_title:
        out.append(text["headline"].format(title=advice.headline_title))
    for move in advice.sections:
        out.append(
            text["move"].format(
                heading=move.heading, count=move.keywords, above=move.above, above_count=move.above_keywords
            )
        )
    order = sorted(advice.keywords, key=lambda k: (not k.required, k.status != "reword"))
    for item in order:
        if item.status == "as_offer" and not done:
            continue
        out.append(_keyword_line(item, text))
        if evidence:
            out.extend(
                text["evidence"].format(section=f"{e.section} : " if e.section else "", line=e.line)
                for e in item.evidence
            )
    return out or [text["none"]]


def _keyword_line(item: KeywordAdvice, text: dict[str, str]) -> str:
    must = text["must"] if item.required else ""
    if item.status == "reword":
        key = "reword" if item.cv_wording else "reword_plain"
        return text[key].format(term=item.term, must=must, wording=item.cv_wording)
    return text[item.status].format(term=item.term, must=must)

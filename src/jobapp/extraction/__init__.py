"""Deterministic FR/EN text analysis, no LLM: skills, sections, seniority, keywords, grounding.

It is the fallback of every LLM step, the check that LLM output is grounded in its source text,
and the ATS keyword coverage. Everything is plain Python over a curated lexicon (``data/*.tsv``),
fast enough to run over hundreds of offers in well under a second.
"""

from __future__ import annotations

from jobapp.extraction.grounding import ground, is_grounded
from jobapp.extraction.keywords import Keyword, coverage, offer_keywords
from jobapp.extraction.normalise import normalise, term_key, term_tokens
from jobapp.extraction.offer_fields import guess_offer_fields
from jobapp.extraction.sections import split_sections
from jobapp.extraction.seniority import (
    Seniority,
    detect_contract,
    detect_language,
    detect_seniority,
    detect_years,
)
from jobapp.extraction.skills import SkillHit, find_skills, key_phrases
from jobapp.extraction.textindex import TextIndex, index_text

__all__ = [
    "Keyword",
    "Seniority",
    "SkillHit",
    "TextIndex",
    "coverage",
    "detect_contract",
    "detect_language",
    "detect_seniority",
    "detect_years",
    "find_skills",
    "ground",
    "guess_offer_fields",
    "index_text",
    "is_grounded",
    "key_phrases",
    "normalise",
    "offer_keywords",
    "split_sections",
    "term_key",
    "term_tokens",
]

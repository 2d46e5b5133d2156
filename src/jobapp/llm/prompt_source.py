"""What of an offer the model reads: the parts its fields come from, without the page around them.

A job page is mostly what no summary field needs: the board's menus and legal footer, the company
presentation, the benefits. The model reads every token it is given (prompt processing is most of a
small model's time on CPU: a 3-offer run spent 103 s in step 2 reading whole pages), so the prompt
carries the title, the missions, the profile and the skills sections found by extraction, with the
board's chrome removed, under a character cap. An offer without headings keeps its text, chrome
removed, under the same cap. The field checks still compare every answer with the whole offer.
"""

from __future__ import annotations

import re

from jobapp.domain import Offer

#: about 800 tokens: the missions, profile and skills of a long offer fit whole
OFFER_SOURCE_CHARS = 2400
#: what summary fields are read from, in the order the model sees them
_WANTED = ("missions", "profile", "skills", "intro")
_BLANKS = re.compile(r"\n{3,}")


def offer_source(offer: Offer, max_chars: int = OFFER_SOURCE_CHARS) -> str:
    """The offer's title and the sections the summary's fields come from, chrome removed, capped."""
    from jobapp.extraction.offer_noise import strip_chrome
    from jobapp.extraction.sections import split_sections

    sections = split_sections(strip_chrome(offer.description))
    wanted = [sections[key].strip() for key in _WANTED if sections.get(key, "").strip()]
    head = "\n".join(p for p in (offer.title, offer.company, offer.location) if p)
    body = "\n\n".join(wanted) if wanted else strip_chrome(offer.description)
    text = _BLANKS.sub("\n\n", f"{head}\n\n{body}".strip())
    return text[:max_chars]

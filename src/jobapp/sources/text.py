"""Text helpers shared by every source: HTML to clean text, contract labels, salary text.

Offers arrive as HTML (JSON-LD descriptions, board pages), markdown or plain text. The models and the
keyword coverage read plain text, but the offer's *sections* (missions, profile, benefits) and its
bullet lists carry meaning, so the conversion keeps headings and list items on their own lines
instead of flattening everything into one paragraph.
"""

from __future__ import annotations

import html as html_lib
import re

from jobapp.textfold import fold

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "ul", "ol", "dl", "dt", "dd",
    "table", "tr", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "form", "fieldset", "hr",
}  # fmt: skip
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "button", "iframe", "head"}
_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>")


def looks_like_html(text: str) -> bool:
    return bool(_TAG_RE.search(text))


def html_to_text(markup: str) -> str:
    """Clean text of an HTML fragment or page, one paragraph / heading / list item per line.

    Descriptions escaped twice (``&lt;p&gt;``, common in JSON-LD) are unescaped first. Text without
    any tag is returned with its whitespace tidied, so this is safe to call on anything.
    """
    if not markup:
        return ""
    if not looks_like_html(markup) and re.search(r"&lt;\s*/?\s*[a-zA-Z]", markup):
        markup = html_lib.unescape(markup)
    if not looks_like_html(markup):
        return tidy_text(html_lib.unescape(markup))
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises several types on odd markup; plain text is still better than nothing
        return tidy_text(re.sub(r"<[^>]+>", " ", html_lib.unescape(markup)))
    parts: list[str] = []

    def walk(element: object) -> None:
        tag = getattr(element, "tag", None)
        if not isinstance(tag, str):  # comments, processing instructions
            parts.append(getattr(element, "tail", None) or "")
            return
        tag = tag.lower()
        if tag in _DROP_TAGS:
            parts.append(element.tail or "")  # type: ignore[attr-defined]
            return
        if tag == "br":
            parts.append("\n")
        elif tag == "li":
            parts.append("\n- ")
        elif tag in _BLOCK_TAGS:
            parts.append("\n\n" if tag in _HEADING_TAGS or tag == "p" else "\n")
        elif tag in ("td", "th"):
            parts.append(" ")
        parts.append(element.text or "")  # type: ignore[attr-defined]
        for child in element:  # type: ignore[attr-defined]
            walk(child)
        if tag in _HEADING_TAGS or tag == "p":
            parts.append("\n\n")
        elif tag in _BLOCK_TAGS:  # an <li> ends where the next one (or its list) starts a line
            parts.append("\n")
        parts.append(element.tail or "")  # type: ignore[attr-defined]

    walk(root)
    return tidy_text("".join(parts))


def markdown_to_text(text: str) -> str:
    """Plain text of light markdown (what JobSpy produces): drop emphasis, links and escapes."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"^[ \t]{0,3}#+(?=[^#\d]|$)[ \t]*", "", text, flags=re.M)  # "## X", "##X", "###"
    text = re.sub(r"^([ \t]*)[*+][ \t]+", r"\1- ", text, flags=re.M)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!&<>])", r"\1", text)
    return tidy_text(text)


def tidy_text(text: str) -> str:
    """Collapse runs of spaces, strip lines, keep at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    lines = [re.sub(r"^-\s*$", "", line) for line in lines]  # empty bullets
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


# Canonical contract labels (French job market first, English synonyms understood).
_CONTRACT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("alternance", r"alternan|apprenti|apprentice|contrat de professionnalisation|work[- ]?study"),
    ("stage", r"\bstage\b|stagiaire|internship|\binterns?\b"),
    ("intérim", r"interim|temporaire|travail temporaire|mission d.interim"),
    ("cdd", r"\bcdd\b|fixed[- ]?term|contrat a duree determinee|duree determinee|\btemporary\b"),
    ("cdi", r"\bcdi\b|permanent|duree indeterminee|indefinite"),
    ("freelance", r"freelance|independant|contractor|franchise|portage"),
    ("temps partiel", r"temps partiel|part[-_ ]?time"),
    ("temps plein", r"temps plein|full[-_ ]?time"),
    ("bénévolat", r"benevol|volunteer"),
)


def normalise_contract(value: str) -> str:
    """Map a contract text ("CDI", "FULL_TIME", ["CDD", "PART_TIME"]) to canonical labels.

    Several labels are joined with ", " (e.g. "cdd, temps partiel"); an unknown text is kept as
    written, so nothing the offer says is lost.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    folded = fold(raw).replace("_", " ")
    labels = [label for label, pattern in _CONTRACT_PATTERNS if re.search(pattern, folded)]
    if "cdi" in labels and "temps plein" in labels:
        labels.remove("temps plein")
    return ", ".join(labels) if labels else raw


_INTERVALS = {
    "yearly": "year", "year": "year", "annual": "year", "an": "year", "annee": "year",
    "monthly": "month", "month": "month", "mois": "month",
    "weekly": "week", "week": "week", "semaine": "week",
    "daily": "day", "day": "day", "jour": "day",
    "hourly": "hour", "hour": "hour", "heure": "hour",
}  # fmt: skip


def _amount(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ")


def salary_text(
    min_amount: float | None,
    max_amount: float | None,
    currency: str | None = None,
    interval: str | None = None,
) -> str:
    """ "45 000 - 60 000 EUR / year" from the parts boards and JSON-LD give; "" when no amount."""
    amounts = [a for a in (min_amount, max_amount) if a is not None and a == a and a > 0]
    if not amounts:
        return ""
    low, high = min(amounts), max(amounts)
    text = _amount(low) if low == high else f"{_amount(low)} - {_amount(high)}"
    if currency:
        text += f" {'EUR' if currency == '€' else currency.upper()}"
    unit = _INTERVALS.get(fold(interval or ""))
    if unit:
        text += f" / {unit}"
    return text

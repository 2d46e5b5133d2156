"""DOCX CV -> text with python-docx, in document order.

``Document.paragraphs`` alone misses most of a designed CV: the contact block usually sits in the
page header, skills and dates in tables, and template sidebars in text boxes. This walks the body
in order, reads tables cell by cell (one short row stays one line, a layout table is read column
block by column block) and keeps list items as bullets.
"""

from __future__ import annotations

import io
from typing import Any

from jobapp.errors import InvalidInput

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def extract_docx(data: bytes) -> tuple[str, list[str]]:
    """Text of a DOCX CV and warnings: headers first, then the body, then footers."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise InvalidInput(
            f"This Word file could not be opened ({type(exc).__name__}).",
            hint="It may be damaged: save it again from Word/LibreOffice as DOCX or PDF.",
        ) from exc
    warnings: list[str] = []
    head: list[str] = []
    foot: list[str] = []
    for section in document.sections:
        for part, out in ((section.header, head), (section.footer, foot)):
            try:
                if part.is_linked_to_previous and out:
                    continue
                block = _container_lines(part)
            except Exception:  # a malformed header must not lose the body
                continue
            if block and block not in _chunks(out, len(block)):
                out.extend(block)
    body = _container_lines(document)
    if head:
        warnings.append("Text from the page header was included.")
    return "\n".join([*head, "", *body, "", *foot]), warnings


def _chunks(lines: list[str], size: int) -> list[list[str]]:
    return [lines[i : i + size] for i in range(0, max(1, len(lines) - size + 1))]


def _container_lines(container: Any) -> list[str]:
    """Lines of a body, header, footer or table cell, paragraphs and tables in order."""
    from docx.table import Table

    lines: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            lines.extend(_table_lines(item))
            lines.append("")
        else:
            lines.extend(_paragraph_lines(item))
    return lines


def _paragraph_lines(paragraph: Any) -> list[str]:
    text = paragraph.text.strip()
    lines: list[str] = []
    if text:
        lines.append(f"• {text}" if _is_list_item(paragraph) else text)
    elif not _textboxes(paragraph):
        lines.append("")
    lines.extend(_textboxes(paragraph))
    return lines


def _is_list_item(paragraph: Any) -> bool:
    """Numbered/bulleted paragraphs: the bullet glyph lives in numbering.xml, not in the text."""
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return True
    try:
        style = (paragraph.style.name or "").lower()
    except Exception:
        return False
    return style.startswith(("list", "liste"))


def _textboxes(paragraph: Any) -> list[str]:
    """Paragraphs inside text boxes anchored in this paragraph (the modern copy, not the VML fallback)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for box in paragraph._p.iter(qn("w:txbxContent")):
        if any(anc.tag == _MC_FALLBACK for anc in box.iterancestors()):
            continue
        for p in box.iter(qn("w:p")):
            text = Paragraph(p, paragraph._parent).text.strip()
            if text:
                out.append(text)
    return out


def _table_lines(table: Any) -> list[str]:
    """A row of short single-line cells stays one line ("Python | Expert"); otherwise each cell
    is read as its own block, which keeps layout tables (sidebar | main column) readable."""
    lines: list[str] = []
    for row in table.rows:
        cells = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            cells.append([ln for ln in _container_lines(cell) if ln.strip()])
        filled = [c for c in cells if c]
        if not filled:
            continue
        if all(len(c) == 1 and len(c[0]) <= 80 for c in filled):
            lines.append(" | ".join(c[0] for c in filled))
        else:
            for block in filled:
                lines.extend(block)
                lines.append("")
    return lines

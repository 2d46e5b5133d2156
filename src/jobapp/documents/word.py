"""DOCX CV -> text with python-docx, in document order.

``Document.paragraphs`` alone misses most of a designed CV: the contact block usually sits in the
page header, skills and dates in tables, and template sidebars in text boxes. This walks the body
in order, reads tables cell by cell (one short row stays one line, a layout table is read column
block by column block) and keeps list items as bullets.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from jobapp.documents import limits
from jobapp.errors import InvalidInput
from jobapp.messages import msg

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def extract_docx(data: bytes, filename: str = "") -> tuple[str, list[str]]:
    """Text of a DOCX CV and warnings: headers first, then the body, then footers.

    The zip's declared sizes are checked here; the XML is pre-scanned with defusedxml and parsed
    by python-docx in a bounded child process (see :mod:`jobapp.documents.limits`).
    """
    import docx  # noqa: F401  imported before forking: the child must not import under a lock

    name = limits.display_name(filename, "Word file")
    if len(data) > limits.MAX_FILE_BYTES:
        raise limits.too_big(
            name,
            f"the file size ({limits.size_text(len(data))})",
            f"{limits.size_text(limits.MAX_FILE_BYTES)}",
        )
    check_package(data, name)
    return limits.run_bounded(_read_docx, data, name, name=name, kind="Word file")


def _unreadable(name: str, exc: BaseException) -> InvalidInput:
    return InvalidInput(
        f"{name}: this Word file could not be opened ({type(exc).__name__}).",
        hint="It may be damaged: save it again from Word/LibreOffice as DOCX or PDF.",
    )


def check_package(data: bytes, name: str) -> None:
    """Zip-level limits from the central directory alone (nothing is decompressed): member
    count and declared uncompressed sizes, so a 150 KB zip bomb is refused before it expands."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:
        raise _unreadable(name, exc) from None
    if len(infos) > limits.MAX_DOCX_MEMBERS:
        raise limits.too_big(
            name, f"the number of parts in the file ({len(infos)})", str(limits.MAX_DOCX_MEMBERS)
        )
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_DOCX_UNCOMPRESSED:
        raise limits.too_big(
            name,
            f"its uncompressed size ({limits.size_text(total)})",
            f"{limits.size_text(limits.MAX_DOCX_UNCOMPRESSED)}",
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.MAX_DOCX_XML_PART:
            raise limits.too_big(
                name,
                f"the part {info.filename} ({limits.size_text(info.file_size)})",
                f"{limits.size_text(limits.MAX_DOCX_XML_PART)}",
            )


def scan_xml(data: bytes, name: str) -> None:
    """Parse every XML part with defusedxml before python-docx does: DTDs and entities (billion
    laughs) are refused, and paragraphs, table cells, column spans and table nesting are counted
    while streaming, so a 200,000-paragraph body or a 999,999,999-column span never reaches
    python-docx. Reads each part with a size cap (declared sizes can lie)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    paragraphs = cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(info) as member:
                    raw = member.read(limits.MAX_DOCX_XML_PART + 1)
                if len(raw) > limits.MAX_DOCX_XML_PART:
                    raise limits.too_big(
                        name,
                        f"the part {info.filename}",
                        f"{limits.size_text(limits.MAX_DOCX_XML_PART)} uncompressed",
                    )
                nesting = 0
                for event, element in iterparse(io.BytesIO(raw), events=("start", "end"), forbid_dtd=True):
                    tag = element.tag.rsplit("}", 1)[-1]
                    if event == "end":
                        nesting -= tag == "tbl"
                        element.clear()
                        continue
                    if tag == "p":
                        paragraphs += 1
                        if paragraphs > limits.MAX_PARAGRAPHS:
                            raise limits.too_big(name, "the number of paragraphs", str(limits.MAX_PARAGRAPHS))
                    elif tag == "tc":
                        cells += 1
                        if cells > limits.MAX_TABLE_CELLS:
                            raise limits.too_big(
                                name, "the number of table cells", str(limits.MAX_TABLE_CELLS)
                            )
                    elif tag == "tbl":
                        nesting += 1
                        if nesting > limits.MAX_TABLE_NESTING:
                            raise limits.too_big(
                                name, "the nesting of tables in tables", f"{limits.MAX_TABLE_NESTING} levels"
                            )
                    elif tag in _SPAN_TAGS:
                        _check_span(element, tag, name)
    except InvalidInput:
        raise
    except DefusedXmlException as exc:
        raise InvalidInput(
            f"{name}: this Word file declares XML entities or a DTD ({type(exc).__name__}), which Word never writes.",
            hint="It may have been built to attack readers: save the CV again from Word/LibreOffice.",
        ) from None
    except Exception as exc:
        raise _unreadable(name, exc) from None


_SPAN_TAGS = {"gridSpan", "gridBefore", "gridAfter"}


def _check_span(element: Any, tag: str, name: str) -> None:
    value = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "val"), "1")
    try:
        span = int(value)
    except ValueError:
        span = 0
    if not 0 <= span <= limits.MAX_GRID_SPAN:
        raise limits.too_big(
            name, f"a table {tag} of {value[:20]} columns", f"{limits.MAX_GRID_SPAN} columns"
        )


def _read_docx(data: bytes, name: str) -> tuple[str, list[str]]:
    """Runs in the bounded child: the pre-scan, then python-docx in document order."""
    import docx

    scan_xml(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise _unreadable(name, exc) from None
    warnings: list[str] = []
    head: list[str] = []
    foot: list[str] = []
    try:
        sections = list(document.sections)
    except Exception as exc:  # e.g. a body whose root is not <w:document>
        raise _unreadable(name, exc) from None
    for section in sections:
        for part, out in ((section.header, head), (section.footer, foot)):
            try:
                if part.is_linked_to_previous and out:
                    continue
                block = _container_lines(part)
            except Exception:  # a malformed header must not lose the body
                continue
            if block and block not in _chunks(out, len(block)):
                out.extend(block)
    try:
        body = _container_lines(document)
    except RecursionError:
        raise
    except Exception as exc:
        raise InvalidInput(
            f"{name}: the body of this Word file could not be read ({type(exc).__name__}).",
            hint="It may be damaged: save it again from Word/LibreOffice as DOCX or PDF.",
        ) from None
    if head:
        warnings.append(msg("cv.header_included"))
    text = "\n".join([*head, "", *body, "", *foot])
    if len(text) > limits.MAX_TEXT_CHARS:
        raise limits.too_big(
            name, f"its text ({len(text)} characters)", f"{limits.MAX_TEXT_CHARS} characters"
        )
    return text, warnings


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

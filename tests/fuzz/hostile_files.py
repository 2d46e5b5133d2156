"""Generator of hostile CV and offer files: the fuzz corpus, built from code, never committed.

Two kinds of cases:

* **named** cases re-create every fault an adversarial pass reported (a PDF whose MediaBox refers to
  itself, a page of 1,000,000 characters, a DOCX with ``gridSpan=999999999``, 200,000 paragraphs,
  zip bombs, UTF-16 with an odd byte count, deeply nested JSON, a 5,000-digit integer, a 1e400
  salary, lone surrogates, ``http://[x``...) plus the classic attacks on each format (billion
  laughs, external entities, reference loops, self-drawing forms, lying sizes);
* **mutants** of small valid files (bit flips, truncation, chunk deletion and duplication, numbers
  replaced by huge, negative or non-numeric ones, XML edited inside a valid zip), drawn from a
  seeded random generator so that a failing case can be re-created from its name.

``cases(mutants=N, seed=S)`` yields :class:`Case` records; ``tests/fuzz`` runs a few hundred in
CI and ``bench/fuzz_files.py`` runs thousands.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "cv" (read_cv) or "offers" (read_offers_file)
    filename: str
    data: bytes


# ---------------------------------------------------------------------------------------- PDF

CV_LINES = [
    "Camille Rousseau",
    "Ingenieure logiciel - Lyon",
    "Experience professionnelle",
    "2019 - 2023 Developpeuse backend chez Sopra Steria, Lyon",
    "Conception d'API REST en Python et Django, tests automatises",
    "Migration vers Kubernetes et PostgreSQL",
    "Formation : Diplome d'ingenieur, INSA Lyon",
    "Langues : francais, anglais courant",
]
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_file(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF with the given objects (numbered from 1) and a correct xref table."""
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return out


def stream(content: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_content(lines: list[str], size: float = 11, top: float = 780) -> bytes:
    parts = [b"BT /F1 %g Tf 60 %g Td %g TL" % (size, top, size * 1.5)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        parts.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def page_pdf(
    contents: list[bytes],
    mediabox: bytes = b"[0 0 595 842]",
    page_extra: bytes = b"",
    extra_objects: list[bytes] | None = None,
    resources: bytes = b"<< /Font << /F1 3 0 R >> >>",
    pages_extra: bytes = b"",
    count: int | None = None,
) -> bytes:
    """One page per content stream. Objects: 1 catalog, 2 pages, 3 font, then extras, then
    page/content pairs (extras are numbered 4, 5... so cases can refer to them)."""
    extras = extra_objects or []
    first_page = 4 + len(extras)
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d %s>>"
        % (kids, len(contents) if count is None else count, pages_extra),
        FONT,
        *extras,
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents %d 0 R %s>>"
            % (mediabox, resources, first_page + 2 * i + 1, page_extra)
        )
        objects.append(stream(content))
    return pdf_file(objects)


def valid_pdf() -> bytes:
    return page_pdf([text_content(CV_LINES)])


def _named_pdfs() -> Iterator[tuple[str, bytes]]:
    cv = text_content(CV_LINES)
    yield "pdf_valid", valid_pdf()
    yield "pdf_mediabox_self_reference", page_pdf([cv], mediabox=b"4 0 R", extra_objects=[b"4 0 R"])
    yield (
        "pdf_mediabox_reference_cycle",
        page_pdf([cv], mediabox=b"4 0 R", extra_objects=[b"5 0 R", b"4 0 R"]),
    )
    yield "pdf_mediabox_not_numbers", page_pdf([cv], mediabox=b"[/a (b) null true]")
    yield "pdf_mediabox_empty", page_pdf([cv], mediabox=b"[]")
    yield "pdf_mediabox_inverted", page_pdf([cv], mediabox=b"[595 842 0 0]")
    yield "pdf_mediabox_nan_huge", page_pdf([cv], mediabox=b"[0 0 1e308 1e308]")
    yield "pdf_million_chars_one_page", page_pdf([b"BT /F1 1 Tf 0 0 Td (" + b"a" * 1_000_000 + b") Tj ET"])
    yield "pdf_chars_in_hex_strings", page_pdf([b"BT /F1 1 Tf 0 0 Td <" + b"41" * 400_000 + b"> Tj ET"])
    yield "pdf_2000_pages", page_pdf([cv] * 2000)
    yield "pdf_count_lies", page_pdf([cv], count=999_999_999)
    yield "pdf_blank_200_inch_page", page_pdf([b""], mediabox=b"[0 0 14400 14400]")
    yield "pdf_text_200_inch_page", page_pdf([cv], mediabox=b"[0 0 14400 14400]")
    yield "pdf_user_unit_huge", page_pdf([b""], page_extra=b"/UserUnit 75000")
    yield (
        "pdf_pages_kid_is_itself",
        pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]),
    )
    yield (
        "pdf_pages_parent_cycle",
        pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
            ]
        ),
    )
    form_self = stream(
        b"/X0 Do",
        b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 4 0 R >> >>",
    )
    yield (
        "pdf_form_draws_itself",
        page_pdf(
            [b"/X0 Do"],
            extra_objects=[form_self],
            resources=b"<< /XObject << /X0 4 0 R >> /Font << /F1 3 0 R >> >>",
        ),
    )
    # forms nested 6 deep, each drawing the next 10 times: 10^6 text draws from a few hundred bytes
    forms = []
    depth = 6
    for level in range(depth):
        number = 4 + level
        if level == depth - 1:
            body = b"BT /F1 1 Tf (aaaaaaaaaa) Tj ET"
            res = b"<< /Font << /F1 3 0 R >> >>"
        else:
            body = b" ".join([b"/X Do"] * 10)
            res = b"<< /XObject << /X %d 0 R >> >>" % (number + 1)
        forms.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources %s" % res))
    yield (
        "pdf_nested_form_bomb",
        page_pdf(
            [b" ".join([b"/X Do"] * 10)], extra_objects=forms, resources=b"<< /XObject << /X 4 0 R >> >>"
        ),
    )
    yield (
        "pdf_flate_bomb_content",
        pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                FONT,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
                stream(b" " * 20_000_000, compress=True),
            ]
        ),
    )
    yield "pdf_stream_length_huge", valid_pdf().replace(b"<< /Length ", b"<< /Length 99999999999", 1)
    yield "pdf_stream_length_negative", valid_pdf().replace(b"<< /Length ", b"<< /Length -", 1)
    yield "pdf_font_size_huge", page_pdf([text_content(CV_LINES, size=1e30)])
    yield "pdf_matrix_extreme", page_pdf([b"1e308 0 0 1e308 0 0 cm " + cv])
    yield "pdf_matrix_zero", page_pdf([b"0 0 0 0 0 0 cm " + cv])
    yield "pdf_nested_arrays", page_pdf([cv], page_extra=b"/Junk " + b"[" * 50_000 + b"]" * 50_000)
    yield "pdf_nested_dicts", page_pdf([cv], page_extra=b"/Junk " + b"<< /a " * 20_000 + b">> " * 20_000)
    yield "pdf_unclosed_arrays", page_pdf([b"[" * 100_000 + cv])
    yield "pdf_huge_object_number", valid_pdf().replace(b"3 0 obj", b"99999999999999999999 0 obj")
    yield (
        "pdf_bogus_encrypt",
        pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [] /Count 0 >>",
                b"<< /Filter /Standard /V 99 /R 99 >>",
            ],
            trailer=b"/Encrypt 3 0 R /ID [<00> <00>] ",
        ),
    )
    yield (
        "pdf_objstm_n_huge",
        pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [] /Count 0 >>",
                stream(b"1 0", b"/Type /ObjStm /N 999999999 /First 4"),
            ]
        ),
    )
    yield (
        "pdf_image_huge_dimensions",
        page_pdf(
            [b"q 595 0 0 842 0 0 cm /Im0 Do Q"],
            extra_objects=[
                stream(
                    b"\x00" * 16,
                    b"/Type /XObject /Subtype /Image /Width 2000000 /Height 2000000 /ColorSpace /DeviceGray /BitsPerComponent 8",
                )
            ],
            resources=b"<< /XObject << /Im0 4 0 R >> >>",
        ),
    )
    yield "pdf_only_header", b"%PDF-1.4\n"
    yield "pdf_header_then_garbage", b"%PDF-1.7\n" + bytes(range(256)) * 20
    yield "pdf_no_xref", valid_pdf().split(b"xref")[0]
    yield "pdf_xref_offsets_wrong", valid_pdf().replace(b"0000000", b"9999999")
    yield "pdf_startxref_huge", valid_pdf().replace(b"startxref\n", b"startxref\n99999999999999999999")
    yield "pdf_trailer_root_missing", valid_pdf().replace(b"/Root 1 0 R", b"")
    yield (
        "pdf_control_sequences_in_text",
        page_pdf([text_content([*CV_LINES, "\x1b]8;;http://evil\x07click\x1b]8;;\x07 \x1b[2J\x1b[31mred"])]),
    )
    yield "pdf_many_tiny_pages_text", page_pdf([text_content(["x"])] * 29)


# --------------------------------------------------------------------------------------- DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
)


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def table(rows: list[list[str]], span: str | None = None, before: str | None = None) -> str:
    out = ['<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>']
    for row in rows:
        pr = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
        out.append(f"<w:tr>{pr}")
        for cell in row:
            tc_pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
            out.append(f"<w:tc>{tc_pr}{cell if cell.startswith('<') else para(cell)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document_xml(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )


def docx_file(
    document: str | bytes, extra: dict[str, bytes] | None = None, level: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buf = io.BytesIO()
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/document.xml": document,
        **(extra or {}),
    }
    with zipfile.ZipFile(buf, "w", level) as archive:
        for name, data in parts.items():
            # a fixed date: the same seed must give the same bytes
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=level
            )
    return buf.getvalue()


def valid_docx_body() -> str:
    return "".join(para(line) for line in CV_LINES) + table([["Python", "Expert"], ["Django", "Confirme"]])


def valid_docx() -> bytes:
    return docx_file(document_xml(valid_docx_body()))


def _lying_zip() -> bytes:
    """A member whose header declares 1 KB but which inflates to 60 MB."""
    data = bytearray(
        docx_file(document_xml(valid_docx_body()), {"word/bomb.xml": b"<a>" + b" " * 60_000_000 + b"</a>"})
    )
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):
        start = 0
        while (index := data.find(marker, start)) >= 0:
            start = index + 4
            name_at = index + (30 if marker == b"PK\x03\x04" else 46)
            size_at = index + (22 if marker == b"PK\x03\x04" else 24)
            if data[name_at : name_at + 13] == b"word/bomb.xml":
                data[size_at : size_at + 4] = (1024).to_bytes(4, "little")
    return bytes(data)


def _named_docx() -> Iterator[tuple[str, bytes]]:
    body = valid_docx_body()
    yield "docx_valid", valid_docx()
    yield "docx_gridspan_999999999", docx_file(document_xml(body + table([["a", "b"]], span="999999999")))
    yield "docx_gridspan_negative", docx_file(document_xml(body + table([["a", "b"]], span="-5")))
    yield "docx_gridspan_not_a_number", docx_file(document_xml(body + table([["a", "b"]], span="x" * 50)))
    yield "docx_gridbefore_huge", docx_file(document_xml(body + table([["a", "b"]], before="999999999")))
    yield "docx_200000_paragraphs", docx_file(document_xml(body + para("ligne") * 200_000))
    yield "docx_30000_empty_cells", docx_file(document_xml(body + table([["<w:tcPr/>"] * 100] * 300)))
    yield (
        "docx_zip_bomb_declared",
        docx_file(document_xml(body), {"word/media/bomb.bin": b"\x00" * 120_000_000}),
    )
    yield "docx_zip_bomb_xml_part", docx_file(document_xml(body + " " * 30_000_000))
    yield "docx_zip_bomb_lying_size", _lying_zip()
    yield (
        "docx_billion_laughs",
        docx_file(
            document_xml(
                body + para("&lol9;"),
                prolog='<!DOCTYPE lolz [<!ENTITY lol "lol">'
                + "".join(
                    f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10)
                )
                + "]>",
            )
        ),
    )
    yield (
        "docx_external_entity",
        docx_file(
            document_xml(
                body + para("&xxe;"), prolog='<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            )
        ),
    )
    nested = para("centre")
    for _ in range(60):
        nested = table([[nested]])
    yield "docx_tables_nested_60_deep", docx_file(document_xml(body + nested))
    yield (
        "docx_xml_nested_100000_deep",
        docx_file(document_xml(body + "<w:p>" * 100_000 + "</w:p>" * 100_000)),
    )
    yield (
        "docx_10000_members",
        docx_file(document_xml(body), {f"word/media/{i}.xml": b"<a/>" for i in range(10_000)}),
    )
    yield "docx_one_paragraph_5mb", docx_file(document_xml(para("mot " * 1_250_000)))
    yield (
        "docx_no_document_xml",
        docx_file(document_xml(body)).replace(b"word/document.xml", b"word/documenX.xml"),
    )
    yield "docx_document_not_xml", docx_file(b"\x00\xff not xml at all")
    yield "docx_document_truncated_xml", docx_file(document_xml(body)[:200])
    yield "docx_document_utf16_declared_utf8", docx_file(document_xml(body).encode("utf-16"))
    yield "docx_no_content_types", valid_docx().replace(b"[Content_Types].xml", b"[Content_Typez].xml")
    yield "docx_stored_not_deflated", docx_file(document_xml(body), level=zipfile.ZIP_STORED)
    yield "docx_truncated_zip", valid_docx()[:300]
    yield "docx_zip_only_magic", b"PK\x03\x04" + b"\x00" * 100
    yield "docx_zip_central_dir_garbage", valid_docx()[:-22] + b"PK\x05\x06" + b"\xff" * 18
    yield (
        "docx_textbox_nesting",
        docx_file(
            document_xml(
                body
                + "<w:p><w:r><w:txbxContent>" * 200
                + para("boite")
                + "</w:txbxContent></w:r></w:p>" * 200
            )
        ),
    )
    yield (
        "docx_control_sequences",
        docx_file(
            document_xml(
                body
                + para(
                    "\x1b]8;;http://x\x07lien\x1b]8;;\x07".replace("\x1b", "&#27;").replace("\x07", "&#7;")
                )
            )
        ),
    )


# ---------------------------------------------------------------------------------------- TXT

CV_TEXT = "\n".join(CV_LINES) + "\nCompetences : Python, SQL, Docker, gestion de projet agile.\n"


def _named_txt() -> Iterator[tuple[str, bytes]]:
    yield "txt_valid", CV_TEXT.encode()
    yield "txt_5mb_one_letter", b"a" * 5_000_000
    yield "txt_300k_chars", (CV_TEXT * 2000)[:300_000].encode()
    yield "txt_letter_spaced_200k", CV_TEXT.encode() + b"a " * 100_000
    yield "txt_letter_spaced_double_spaces", CV_TEXT.encode() + (b"a b c d  " * 20_000)
    yield "txt_hyphen_breaks_100k", CV_TEXT.encode() + b"infor-\nmation " * 20_000
    yield "txt_one_million_newlines", CV_TEXT.encode() + b"\n" * 1_000_000
    yield "txt_utf16_odd_bytes", b"\xff\xfe" + CV_TEXT.encode("utf-16-le") + b"\x41"
    yield "txt_utf16_lone_surrogate", b"\xff\xfe" + CV_TEXT.encode("utf-16-le") + b"\x00\xd8\x41\x00"
    yield "txt_utf8_encoded_surrogates", CV_TEXT.encode() + b"\xed\xa0\x80\xed\xbf\xbf"
    yield "txt_bom_only", b"\xef\xbb\xbf"
    yield "txt_ansi_escapes", CV_TEXT.encode() + b"\x1b[2J\x1b]8;;http://evil\x07click\x1b]8;;\x07\x1b[31m"
    yield "txt_bidi_and_zero_width", CV_TEXT.encode() + ("\u202e\u200b\u2066" * 10_000).encode()
    yield "txt_combining_marks", CV_TEXT.encode() + ("a" + "\u0301" * 5_000).encode()
    yield "txt_private_use_only", ("\ue000" * 50_000).encode()
    yield "txt_rtf_like", b"{\\rtf1 " + CV_TEXT.encode()
    yield "txt_control_chars", bytes(range(1, 32)) * 200 + CV_TEXT.encode()


# ------------------------------------------------------------------------------------- offers


def offer(i: int, **extra: object) -> dict[str, object]:
    record: dict[str, object] = {
        "title": f"Developpeur Python {i}",
        "company": "Acme",
        "location": "Lyon",
        "url": f"https://example.com/o/{i}",
        "description": f"Developper des API en Python et Django, offre {i}.",
    }
    record.update(extra)
    return record


def valid_offers_json() -> bytes:
    return json.dumps([offer(i) for i in range(3)]).encode()


def valid_offers_csv() -> bytes:
    return (
        b"title,company,location,url,description,min_amount,max_amount\n"
        b'Data Analyst,Acme,Lyon,https://ex.com/1,"Analyse de donnees, SQL",40000,50000\n'
        b"Chef de projet,Beta,Nantes,https://ex.com/2,Pilotage de projets,,\n"
    )


def _named_offers() -> Iterator[tuple[str, str, bytes]]:
    yield "offers_valid_json", "o.json", valid_offers_json()
    yield "offers_valid_csv", "o.csv", valid_offers_csv()
    yield (
        "offers_utf16_odd_bytes",
        "o.csv",
        b"\xff\xfe" + valid_offers_csv().decode().encode("utf-16-le") + b"x",
    )
    yield (
        "offers_utf16_odd_bytes_json",
        "o.json",
        b"\xfe\xff" + valid_offers_json().decode().encode("utf-16-be") + b"x",
    )
    yield "offers_json_nested_lists", "o.json", b"[" * 100_000 + b"]" * 100_000
    yield "offers_json_nested_objects", "o.json", b'{"offers": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_001
    yield (
        "offers_json_nested_in_field",
        "o.json",
        ('[{"title": "x", "description": ' + "[" * 900 + "1" + "]" * 900 + "}]").encode(),
    )
    yield (
        "offers_json_nested_dict_field",
        "o.json",
        ('[{"title": "x", "company": ' + '{"b":' * 900 + "1" + "}" * 900 + "}]").encode(),
    )
    yield (
        "offers_json_5000_digit_integer",
        "o.json",
        ('[{"title": "x", "source_id": ' + "9" * 5000 + "}]").encode(),
    )
    yield (
        "offers_json_5000_digit_salary",
        "o.json",
        ('[{"title": "x", "min_amount": ' + "9" * 5000 + "}]").encode(),
    )
    yield "offers_json_salary_1e400", "o.json", b'[{"title": "x", "min_amount": 1e400, "max_amount": -1e400}]'
    yield (
        "offers_json_salary_nan_infinity",
        "o.json",
        b'[{"title": "x", "min_amount": NaN, "max_amount": Infinity, "salary": -Infinity}]',
    )
    yield "offers_csv_salary_1e400", "o.csv", b"title,min_amount,max_amount\nx,1e400,-1e400\ny,nan,inf\n"
    yield (
        "offers_json_lone_surrogates",
        "o.json",
        b'[{"title": "x\\ud800", "description": "y\\udfff", "\\ud83d": "k"}]',
    )
    yield (
        "offers_json_surrogate_in_nested",
        "o.json",
        b'[{"title": "x", "company": {"z": "\\udc00"}, "location": ["\\ud800"]}]',
    )
    for j, bad in enumerate(
        [
            "http://[x",
            "http://[::1",
            "http://x:99999999",
            "http://x:-1/",
            "https://[",
            "//[x]:a",
            "http://\udc00",
        ]
    ):
        yield (
            f"offers_malformed_url_{j}",
            "o.json",
            json.dumps([offer(1, url=bad)]).encode("utf-8", "surrogatepass"),
        )
    yield "offers_csv_malformed_url", "o.csv", b"title,url\nx,http://[x\n"
    yield "offers_csv_field_over_limit", "o.csv", b"title,description\nx," + b"a" * 200_000 + b"\n"
    yield "offers_csv_unterminated_quote", "o.csv", b'title,description\nx,"never closed\n' + b"y\n" * 1000
    yield "offers_csv_nul_bytes", "o.csv", b"title,description\nx,\x00\x00y\n"
    yield (
        "offers_csv_10000_columns",
        "o.csv",
        (",".join(["title"] + [f"c{i}" for i in range(10_000)]) + "\nx\n").encode(),
    )
    yield "offers_csv_only_header", "o.csv", b"title,description\n"
    yield "offers_csv_no_known_column", "o.csv", b"a,b\n1,2\n"
    yield "offers_json_scalar", "o.json", b"42"
    yield "offers_json_string_10mb", "o.json", b'"' + b"a" * 10_000_000 + b'"'
    yield "offers_json_list_of_scalars", "o.json", b"[1, 2, 3]"
    yield "offers_jsonl_bad_line", "o.jsonl", b'{"title": "x"}\n{"title": \n'
    yield "offers_jsonl_deep_line", "o.jsonl", b'{"title": "x"}\n' + b"{" * 5000 + b"\n"
    yield (
        "offers_html_nested_10000",
        "o.json",
        json.dumps([offer(1, description="<div>" * 10_000 + "texte" + "</div>" * 10_000)]).encode(),
    )
    yield (
        "offers_html_script_and_entities",
        "o.json",
        json.dumps(
            [offer(1, description="<script>alert(1)</script>&#0;&#xD800;&#99999999999;&lol;<p>ok</p>")]
        ).encode(),
    )
    yield (
        "offers_markdown_pathological",
        "o.json",
        json.dumps([offer(1, description="## " + "*" * 50_000 + "](http://" * 2000)]).encode(),
    )
    yield (
        "offers_formula_cells",
        "o.csv",
        b'title,company,description\n=HYPERLINK("http://evil","x"),+cmd,-2+3\n',
    )
    yield (
        "offers_control_sequences",
        "o.json",
        json.dumps(
            [offer(1, title="\x1b]8;;http://evil\x07clic\x1b]8;;\x07\x1b[2J", company="[bold red]x[/]")]
        ).encode(),
    )
    yield "offers_300_rows", "o.json", json.dumps([offer(i) for i in range(300)]).encode()
    yield "offers_binary", "o.csv", bytes(range(256)) * 10
    yield "offers_pdf_disguised", "o.csv", valid_pdf()


# ------------------------------------------------------------------------------------ mutants


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _delete(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 200) :]


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 300)]
    return data[:start] + chunk * rng.randint(2, 50) + data[start:]


HOSTILE_NUMBERS = [
    b"0",
    b"-1",
    b"999999999",
    b"99999999999999999999",
    b"1e400",
    b"-0",
    b"nan",
    b"4294967296",
    b"2147483648",
    b"1e-400",
]


def _numbers(rng: random.Random, data: bytes) -> bytes:
    """Replace a few digit runs with hostile numbers: sizes, counts, offsets and spans lie."""
    import re

    runs = [m.span() for m in re.finditer(rb"\d+", data)]
    if not runs:
        return _flip(rng, data)
    out = data
    for start, end in sorted(rng.sample(runs, min(len(runs), rng.randint(1, 4))), reverse=True):
        out = out[:start] + rng.choice(HOSTILE_NUMBERS) + out[end:]
    return out


def _insert(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    junk = rng.choice(
        [
            b"\x00" * 50,
            b"(" * 500,
            b"<<" * 500,
            b"[" * 2000,
            bytes(rng.randrange(256) for _ in range(64)),
            b"\xed\xa0\x80",
            b"\x1b[2J",
        ]
    )
    return data[:start] + junk + data[start:]


MUTATORS: list[Callable[[random.Random, bytes], bytes]] = [
    _flip,
    _truncate,
    _delete,
    _duplicate,
    _numbers,
    _insert,
]


def _mutate_docx(rng: random.Random) -> bytes:
    """Mutations inside the XML of a valid zip (raw zip mutations mostly fail the CRC check)."""
    xml = document_xml(valid_docx_body()).encode()
    mutated = rng.choice(MUTATORS)(rng, xml)
    if rng.random() < 0.3:
        mutated = mutated.replace(
            b"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="%s"/></w:tcPr>' % rng.choice(HOSTILE_NUMBERS), 1
        )
    return docx_file(mutated)


def _mutant(rng: random.Random, index: int) -> Case:
    base = rng.choice(["pdf", "pdf", "docx", "docx", "txt", "json", "csv"])
    mutate = rng.choice(MUTATORS)
    if base == "pdf":
        return Case(
            f"mutant_{index}_pdf_{mutate.__name__.strip('_')}", "cv", "cv.pdf", mutate(rng, valid_pdf())
        )
    if base == "docx":
        if rng.random() < 0.25:
            return Case(
                f"mutant_{index}_docx_zip_{mutate.__name__.strip('_')}",
                "cv",
                "cv.docx",
                mutate(rng, valid_docx()),
            )
        return Case(f"mutant_{index}_docx_xml", "cv", "cv.docx", _mutate_docx(rng))
    if base == "txt":
        return Case(
            f"mutant_{index}_txt_{mutate.__name__.strip('_')}", "cv", "cv.txt", mutate(rng, CV_TEXT.encode())
        )
    if base == "json":
        return Case(
            f"mutant_{index}_json_{mutate.__name__.strip('_')}",
            "offers",
            "o.json",
            mutate(rng, valid_offers_json()),
        )
    return Case(
        f"mutant_{index}_csv_{mutate.__name__.strip('_')}", "offers", "o.csv", mutate(rng, valid_offers_csv())
    )


def named_cases() -> Iterator[Case]:
    for name, data in _named_pdfs():
        yield Case(name, "cv", "cv.pdf", data)
    for name, data in _named_docx():
        yield Case(name, "cv", "cv.docx", data)
    for name, data in _named_txt():
        yield Case(name, "cv", "cv.txt", data)
    for name, filename, data in _named_offers():
        yield Case(name, "offers", filename, data)


def mutants(count: int, seed: int = 15) -> Iterator[Case]:
    """``count`` seeded mutants: the same seed gives the same files."""
    rng = random.Random(seed)
    for index in range(count):
        yield _mutant(rng, index)


def cases(mutant_count: int, seed: int = 15) -> Iterator[Case]:
    """The named cases, then the seeded mutants."""
    yield from named_cases()
    yield from mutants(mutant_count, seed)

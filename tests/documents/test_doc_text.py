"""Text decoding and clean-up, and the geometric helpers of PDF layout."""

from __future__ import annotations

from jobapp.documents.pdf_layout import Line, Word, find_gutter, join_spaced_letters, reading_order
from jobapp.documents.text import clean_text, decode_text, join_letter_spaced, looks_binary


def test_decode_text_order():
    assert decode_text("Été".encode()) == ("Été", "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + "Été".encode()) == ("Été", "utf-8-sig")
    assert decode_text("Été – 2€".encode("cp1252")) == ("Été – 2€", "cp1252")
    assert decode_text("Été".encode("utf-16")) == ("Été", "utf-16")


def test_looks_binary():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not looks_binary("Expérience\n".encode())
    assert not looks_binary("Été".encode("utf-16"))


def test_clean_text_normalises_without_losing_structure():
    raw = "Titre\u00a0 du   poste\r\n\r\n\r\n\r\nProﬁl : ﬂexible\u200b\ninfor-\nmation multi-\naccount Jean-\nPierre\n\uf0b7 Python (cid:12)"
    assert clean_text(raw) == (
        "Titre du poste\n\nProfil : flexible\ninformation multi-account Jean-\nPierre\nPython"
    )


def test_clean_text_soft_hyphen():
    assert clean_text("Back\u00adend", soft_hyphen_visible=True) == "Back-end"
    assert clean_text("Back\u00adend") == "Backend"


def test_join_letter_spaced_text():
    assert join_letter_spaced("L a n g u e s") == "Langues"
    assert join_letter_spaced("E X P É R I E N C E S  P R O") == "EXPÉRIENCES PRO"
    for sentence in ["il y a à la maison", "I am a dev", "a b c", "Permis B"]:
        assert join_letter_spaced(sentence) == sentence


def _word(text, x0, size=10.0, top=100.0):
    return Word(text=text, x0=x0, x1=x0 + 6 * len(text), top=top, bottom=top + size, size=size, baseline=-top)


def test_join_spaced_letters_uses_gaps():
    # "L A N G U E S  F R" with 4 pt letter gaps and a 12 pt word gap
    words, x = [], 50.0
    for ch in "LANGUES":
        words.append(_word(ch, x))
        x += 10
    x += 8
    for ch in "FR":
        words.append(_word(ch, x))
        x += 10
    assert [w.text for w in join_spaced_letters(words)] == ["LANGUES", "FR"]
    normal = [_word("Il", 50), _word("y", 70), _word("a", 80), _word("du", 90)]
    assert [w.text for w in join_spaced_letters(normal)] == ["Il", "y", "a", "du"]


def _page(rows):
    return [Line([_word(t, x, top=top) for t, x in row]) for top, row in rows]


def test_gutter_found_for_columns_not_for_aligned_rows():
    columns = _page([(100 + 17 * i, [("Skill", 40)]) for i in range(8)])
    columns += _page([(104 + 13 * i, [("Experience line text", 250)]) for i in range(9)])
    columns.sort(key=lambda ln: ln.top)
    gutter = find_gutter(columns, 595)
    assert gutter is not None and 70 < gutter < 250
    ordered = reading_order(columns, gutter)
    assert [ln.text for ln in ordered[:8]] == ["Skill"] * 8

    rows = _page([(100 + 15 * i, [("Company", 40), ("2019 - 2023", 480)]) for i in range(10)])
    assert find_gutter(rows, 595) is None

"""Hostile offer fields, file names and LLM answers never drive the terminal.

The output is captured as a real terminal would get it (Rich forced into terminal mode, colours on):
the only escape sequences allowed are Rich's own SGR colour codes (``ESC [ ... m``) and, for the
matches table, the OSC 8 links Rich writes for the sanitised offer URL.
"""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner
from rich.console import Console

from jobapp.cli import output
from jobapp.cli.safe_text import link_target, plain, safe
from jobapp.domain import CvDocument, CvProfile, Explanation, KeywordCoverage, Match, Offer
from jobapp.errors import InvalidInput

OSC8 = "\x1b]8;;http://evil.example\x07Postuler ici\x1b]8;;\x07"
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b2J"
HOSTILE = (
    f"Data analyst{OSC8}{CLEAR}{C1_CSI}\x07\x08\u202eetirW [bold red]rouge[/] [/] [link=http://evil.example]x"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")
RICH_LINK = re.compile(r"\x1b\]8;id=\d+;(?P<url>[^\x1b]*)\x1b\\|\x1b\]8;;\x1b\\")


def _terminal(monkeypatch) -> io.StringIO:
    buf = io.StringIO()
    fake = Console(file=buf, force_terminal=True, color_system="truecolor", width=160)
    monkeypatch.setattr(output, "console", fake)
    monkeypatch.setattr(output, "err_console", fake)
    return buf


def _only_rich_sequences(text: str) -> list[str]:
    """The link targets Rich wrote; fails if any other escape or control character is left."""
    links = [m.group("url") for m in RICH_LINK.finditer(text) if m.group("url")]
    rest = SGR.sub("", RICH_LINK.sub("", text))
    assert "\x1b" not in rest, repr(rest[max(0, rest.find("\x1b") - 40) : rest.find("\x1b") + 40])
    assert not [c for c in rest if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    assert "\u202e" not in rest
    return links


def _offer(**fields) -> Offer:
    base = {"id": 1, "title": HOSTILE, "company": HOSTILE, "location": "Lyon", "source": "file"}
    return Offer(**{**base, **fields})


def test_offers_table_prints_no_escape_sequence(monkeypatch):
    buf = _terminal(monkeypatch)
    output.offers_table([_offer()])
    printed = buf.getvalue()
    assert _only_rich_sequences(printed) == []
    assert "[bold red]rouge[/]" in printed  # the markup is shown as text, not applied


def test_matches_table_links_only_to_the_sanitised_offer_url(monkeypatch):
    buf = _terminal(monkeypatch)
    offer = _offer(url="https://example.com/o/1]x[/link][link=http://evil.example]\x1b[2J")
    match = Match(offer_id=1, cv_id=1, rank=1, score=72.0, engine="hybrid",
                  keywords=KeywordCoverage(matched=["python" + CLEAR], missing=["[red]sql" + OSC8]))  # fmt: skip
    output.matches_table([match], {1: offer})
    links = _only_rich_sequences(buf.getvalue())
    assert links and all(url.startswith("https://example.com/o/1%5Dx%5B/link%5D") for url in links)
    assert not any("evil" in url and not url.startswith("https://example.com") for url in links)


def test_llm_answers_and_cv_names_print_no_escape_sequence(monkeypatch):
    buf = _terminal(monkeypatch)
    explanation = Explanation(offer_id=1, cv_id=1, verdict="partial", summary=HOSTILE,
                              strengths=[HOSTILE], gaps=["[/]" + CLEAR])  # fmt: skip
    output.explanations_list([explanation], {1: _offer()})
    output.profile_panel(CvProfile(title=HOSTILE, summary=HOSTILE, hard_skills=[HOSTILE], model="m"))
    output.cv_panel(
        CvDocument(filename=f"cv{CLEAR}[bold].pdf", format="pdf", text=HOSTILE, warnings=[HOSTILE])
    )
    output.print_error(InvalidInput(f"{HOSTILE}.pdf: damaged", hint=HOSTILE))
    assert _only_rich_sequences(buf.getvalue()) == []


def test_cli_offers_list_prints_no_escape_sequence(tmp_path, monkeypatch):
    """End to end: a hostile offer file imported, then listed by the real command."""
    from jobapp.cli import main

    buf = _terminal(monkeypatch)
    path = tmp_path / "offers.json"
    path.write_text(
        '[{"title": "Data analyst \\u001b]8;;http://evil.example\\u0007clic\\u001b]8;;\\u0007\\u001b[2J [bold]x[/]",'
        ' "company": "\\u009b2J Acme", "description": "SQL et Python"}]',
        encoding="utf-8",
    )
    assert CliRunner().invoke(main, ["offers", "import", str(path)], catch_exceptions=False).exit_code == 0
    result = CliRunner().invoke(main, ["offers", "list"], catch_exceptions=False)
    assert result.exit_code == 0
    printed = buf.getvalue() + result.output
    assert "Data analyst" in printed
    assert _only_rich_sequences(printed) == []


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://ex.com/a b[c]", "https://ex.com/a%20b%5Bc%5D"),
        ("javascript:alert(1)", ""),
        ("http://[x", ""),
        ("file:///etc/passwd", ""),
        ("https://ex.com/\x1b]8;;x", "https://ex.com/ ]8;;x".replace(" ", "%20").replace("]", "%5D")),
    ],
)
def test_link_target(url, target):
    assert link_target(url) == target


def test_plain_and_safe():
    assert plain("a\x1b[2Jb\tc\u202ed\n") == "a [2Jb cd\n"
    assert plain("a\nb", keep_newlines=False) == "a b"
    assert safe("[bold]x[/]") == "\\[bold]x\\[/]"

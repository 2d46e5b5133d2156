"""Rendering for the terminal (rich) and for scripts (--json)."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from jobapp.cli.safe_text import link_target, markup_safe, plain, safe
from jobapp.domain import CvDocument, CvProfile, Explanation, Match, Offer
from jobapp.errors import JobAppError
from jobapp.scoring.calibration import verdict_for

console = Console()
err_console = Console(stderr=True)

VERDICT_LABEL = {
    "strong": "[green]strong match[/]",
    "partial": "[yellow]partial match[/]",
    "none": "[red]no match[/]",
}


def print_error(exc: JobAppError) -> None:
    err_console.print(f"[bold red]Error:[/] {safe(exc.message)}", highlight=False)
    if exc.hint:
        err_console.print(f"[dim]→ {safe(exc.hint)}[/]", highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def offers_table(offers: list[Offer]) -> None:
    table = Table(title=f"{len(offers)} offers", show_lines=False)
    for col in ("id", "title", "company", "location", "contract", "source"):
        table.add_column(col, overflow="fold")
    for o in map(markup_safe, offers):  # titles and companies come from anyone: no markup, no escapes
        table.add_row(str(o.id), o.title, o.company, o.location, o.contract, o.source)
    console.print(table)


def score_bar(score: float, width: int = 10) -> str:
    filled = round(score / 100 * width)
    colour = "green" if score >= 70 else "yellow" if score >= 40 else "red"
    return f"[{colour}]{'█' * filled}{'░' * (width - filled)}[/] {score:5.1f} %"


def matches_table(
    matches: list[Match],
    offers: dict[int, Offer],
    explanations: dict[int, Explanation] | None = None,
    top: int | None = None,
) -> None:
    explanations = explanations or {}
    shown = matches[:top] if top else matches
    engine = matches[0].engine if matches else ""
    table = Table(title=f"Best offers for your CV ({engine})", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("score")
    table.add_column("offer", overflow="fold", max_width=40)
    table.add_column("keywords covered / missing", overflow="fold", max_width=50)
    table.add_column("verdict")
    for m in shown:
        o = markup_safe(offers.get(m.offer_id))
        title = f"[bold]{o.title}[/]\n{o.company} · {o.location}" if o else str(m.offer_id)
        if o and o.url and (target := link_target(offers[m.offer_id].url)):
            title += f"\n[link={target}][dim]{o.url}[/][/link]"
        kw = markup_safe(m.keywords)
        words = f"[green]{', '.join(kw.matched[:8]) or '—'}[/]\n[red]{', '.join(kw.missing[:8]) or '—'}[/]"
        words += f"\n[dim]coverage {kw.coverage * 100:.0f} %[/]"
        table.add_row(str(m.rank), score_bar(m.score), title, words, VERDICT_LABEL[verdict_for(m.score)])
    console.print(table)


def cv_panel(cv: CvDocument, full: bool = False) -> None:
    console.print(
        f"[bold]{safe(cv.filename)}[/] ({cv.format}, {cv.pages} page(s), {len(cv.text.split())} words"
        + (", OCR" if cv.ocr else "")
        + ")"
    )
    for w in cv.warnings:
        console.print(f"[yellow]warning:[/] {safe(w)}")
    text = cv.text if full else cv.text[:2000] + ("\n…" if len(cv.text) > 2000 else "")
    console.print(plain(text), highlight=False, markup=False)


def origin_mark(record: Any, field: str) -> str:
    """The mark after a field, "[model]" or "[rules: why]": which made it, and why rules replaced the model."""
    by = (getattr(record, "provenance", {}) or {}).get(field)
    if not by:
        return ""
    if by == "llm":
        return " [dim cyan]\\[model][/]"
    why = (getattr(record, "replaced", {}) or {}).get(field, "")
    return f" [dim]\\[rules{': ' + why if why else ''}][/]"


def profile_panel(p: CvProfile) -> None:
    p = markup_safe(p)  # LLM output: no markup, no terminal escapes

    def line(label: str, value: Any, field: str = "") -> None:
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            console.print(f"[bold]{label}:[/] {value}{origin_mark(p, field)}", highlight=False)

    line("Title", p.title, "title")
    line("Summary", p.summary, "summary")
    line("Level", p.level + (f" ({p.years_experience:g} years)" if p.years_experience else ""), "level")
    line("Hard skills", p.hard_skills, "hard_skills")
    line("Soft skills", p.soft_skills, "soft_skills")
    line("Sectors", p.sectors, "sectors")
    line("Strengths", p.strengths, "strengths")
    line("Education", p.education, "education")
    removed = ", ".join(f"{n} {k}" for k, n in p.removed.items() if n)
    console.print(f"[dim]Removed before any model saw the CV: {removed or 'nothing'} · made by {p.model}[/]")


def explanations_list(exps: list[Explanation], offers: dict[int, Offer]) -> None:
    for e in map(markup_safe, exps):  # LLM output and offer fields: no markup, no escapes
        o = markup_safe(offers.get(e.offer_id))
        console.print(
            f"\n{VERDICT_LABEL[e.verdict]}  [bold]{o.title if o else e.offer_id}[/]"
            + (f" — {o.company}" if o and o.company else "")
        )
        console.print(f"{e.summary}{origin_mark(e, 'summary')}", highlight=False)
        if e.strengths:
            console.print(
                f"[green]+[/] {', '.join(e.strengths)}{origin_mark(e, 'strengths')}", highlight=False
            )
        if e.gaps:
            console.print(f"[red]−[/] {', '.join(e.gaps)}{origin_mark(e, 'gaps')}", highlight=False)

"""`jobapp run | summarise | match | explain | eval`: the pipeline from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jobapp.cli.output import (
    console,
    err_console,
    explanations_list,
    matches_table,
    print_json,
)
from jobapp.errors import InvalidInput, JobAppError
from jobapp.store import db, repo


def ranked_results(top: int | None = None) -> dict[str, Any]:
    """The current CV's latest ranking with offers, keywords and explanations, as plain data."""
    with db.session() as s:
        cv = repo.current_cv(s)
        assert cv is not None and cv.id is not None
        matches = repo.latest_matches(s, cv.id)
        offers = {o.id: o for o in repo.list_offers(s, [m.offer_id for m in matches])}
        exps = repo.latest_explanations(s, cv.id)
    shown = matches[:top] if top else matches
    return {
        "cv": {"id": cv.id, "filename": cv.filename},
        "matches": [
            {
                **m.model_dump(),
                "offer": offers[m.offer_id].model_dump() if m.offer_id in offers else None,
                "explanation": exps[m.offer_id].model_dump() if m.offer_id in exps else None,
            }
            for m in shown
        ],
    }


def _has_ranking() -> bool:
    """Whether a ranking exists to show (a run of the first steps only leaves none)."""
    with db.session() as s:
        cv = repo.current_cv(s, required=False)
        return cv is not None and cv.id is not None and bool(repo.latest_matches(s, cv.id))


def _show_results(top: int | None) -> None:
    with db.session() as s:
        cv = repo.current_cv(s)
        assert cv is not None and cv.id is not None
        matches = repo.latest_matches(s, cv.id)
        offers = {o.id: o for o in repo.list_offers(s, [m.offer_id for m in matches]) if o.id is not None}
        exps = repo.latest_explanations(s, cv.id)
    matches_table(matches, offers, exps, top=top)


class ProgressPrinter:
    """Shows a run's events (on stderr when stdout carries JSON): progress bars on a terminal; in a
    log file or a pipe, where bars never show, one plain line per event (step, done/total, item), so
    a long step is never silent there."""

    def __init__(self, quiet: bool) -> None:
        self.console = err_console if quiet else console
        self.live = self.console.is_terminal
        self.progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
            disable=not self.live,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> ProgressPrinter:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, event: dict[str, Any]) -> None:
        if not self.live:
            self.console.print(plain_line(event), markup=False, highlight=False, soft_wrap=True)
            return
        step, total, done = event.get("step") or "run", event.get("total"), event.get("done")
        if total:
            if step not in self.tasks:
                self.tasks[step] = self.progress.add_task(step, total=total)
            self.progress.update(self.tasks[step], completed=done or 0, total=total)
        level = event.get("level", "info")
        if level in ("warning", "error") or not total or done in (0, total):
            colour = {"warning": "yellow", "error": "red"}.get(level, "dim")
            self.progress.console.print(f"[{colour}]{step}: {event.get('message', '')}[/]", highlight=False)


def plain_line(event: dict[str, Any]) -> str:
    """One event as a log line: ``summarise 3/40: <item>`` (level shown unless info)."""
    step, total, done = event.get("step") or "run", event.get("total"), event.get("done")
    count = f" {done or 0}/{total}" if total else ""
    level = event.get("level", "info")
    tag = f" {level}" if level != "info" else ""
    return f"{step}{count}{tag}: {event.get('message', '')}"


def execute(steps: str | list[str], params: dict[str, Any], quiet: bool) -> int:
    from jobapp.steps.registry import parse_steps
    from jobapp.tasks.runs import create_run, execute_run

    run_id = create_run(parse_steps(steps), params)
    with ProgressPrinter(quiet) as printer:
        run = execute_run(run_id, on_event=printer)
    if run["status"] != "done":
        raise JobAppError(
            f"Run {run_id} {run['status']} at step {run['current_step']}: {run['error']}",
            hint=f"`jobapp runs show {run_id}` shows its log.",
        )
    return run_id


@click.command("run")
@click.option("--cv", "cv_file", type=click.Path(dir_okay=False), help="Your CV (PDF, DOCX, TXT).")
@click.option("--offers", "offers_file", type=click.Path(dir_okay=False), help="Offers (CSV or JSON).")
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="Rows to show.")
@click.option(
    "--steps", default="all", show_default=True, help="'all', one step, a range (match-explain) or a list."
)
@click.option(
    "--no-llm", is_flag=True, help="Skip the LLM: deterministic summaries, profile and explanations."
)
@click.option("--json", "as_json", is_flag=True, help="Print the ranking as JSON.")
def run(
    cv_file: str | None, offers_file: str | None, top: int, steps: str, no_llm: bool, as_json: bool
) -> None:
    """Run the whole job: collect offers, read the CV, rank, explain.

    With no arguments it runs on the bundled demo data (36 offers, a French data-analyst CV).
    """
    params: dict[str, Any] = {"no_llm": no_llm, "top": top}
    if not cv_file and not offers_file:
        from jobapp.demo import demo_cv_path, demo_offers_path

        cv_file, offers_file = str(demo_cv_path("fr")), str(demo_offers_path())
        (err_console if as_json else console).print(
            "[dim]No --cv/--offers given: running on the bundled demo data.[/]"
        )
    for label, value in (("--cv", cv_file), ("--offers", offers_file)):
        if value and not Path(value).is_file():
            raise InvalidInput(f"{label} {value}: no such file.", hint="Check the path.")
    if cv_file:
        params["cv_file"] = str(Path(cv_file).resolve())
    if offers_file:
        params["offers_file"] = str(Path(offers_file).resolve())
    run_id = execute(steps, params, quiet=as_json)
    if not _has_ranking():
        if as_json:
            print_json({"run_id": run_id, "cv": None, "matches": []})
        else:
            console.print(f"Run {run_id} done. No ranking yet: the match step ranks the offers for a CV.")
    elif as_json:
        print_json({"run_id": run_id, **ranked_results(top)})
    else:
        _show_results(top)


@click.command("summarise")
@click.option("--no-llm", is_flag=True)
@click.option("--json", "as_json", is_flag=True)
def summarise(no_llm: bool, as_json: bool) -> None:
    """Summarise every stored offer (step 2)."""
    execute(["summarise"], {"no_llm": no_llm}, quiet=as_json)
    with db.session() as s:
        sums = repo.latest_summaries(s)
    if as_json:
        print_json([x.model_dump() for x in sums.values()])
    else:
        console.print(f"{len(sums)} offers summarised.")


@click.command("match")
@click.option("--top", type=click.IntRange(1, 10000), default=20, show_default=True)
@click.option("--engine", type=click.Choice(["hybrid", "bi-encoder"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def match(top: int, engine: str, as_json: bool) -> None:
    """Rank all stored offers for the current CV (0-100 %), with keyword coverage."""
    from jobapp.steps.ranking import rank_current

    matches, _ = rank_current(engine)
    with db.session() as s:
        offers = {o.id: o for o in repo.list_offers(s, [m.offer_id for m in matches]) if o.id is not None}
    if as_json:
        print_json([{**m.model_dump(), "offer": offers[m.offer_id].model_dump()} for m in matches[:top]])
    else:
        matches_table(matches, offers, top=top)


@click.command("explain")
@click.option("--top", type=click.IntRange(1, 100), default=None, help="How many top matches (default 10).")
@click.option("--no-llm", is_flag=True)
@click.option("--json", "as_json", is_flag=True)
def explain(top: int | None, no_llm: bool, as_json: bool) -> None:
    """Explain the top matches with a verdict: strong / partial / no match (step 7)."""
    from jobapp.steps.explain import explain_top

    exps = explain_top(top, no_llm=no_llm)
    with db.session() as s:
        offers = {o.id: o for o in repo.list_offers(s, [e.offer_id for e in exps]) if o.id is not None}
    if as_json:
        print_json([e.model_dump() for e in exps])
    else:
        explanations_list(exps, offers)


@click.command("eval")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--engine", type=click.Choice(["hybrid", "bi-encoder"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def eval_(file: str, engine: str, as_json: bool) -> None:
    """Measure ranking quality on a labelled benchmark file (JSON lines; see the README)."""
    from jobapp.models.registry import get_embedder, get_reranker
    from jobapp.scoring.evaluate import evaluate_file, format_report
    from jobapp.steps.embedding_cache import cached_embed

    if not Path(file).is_file():
        raise InvalidInput(f"{file}: no such file.", hint="Give a benchmark file in the JSON-lines format.")
    embed = cached_embed(get_embedder())
    reranker = get_reranker() if engine == "hybrid" else None
    report = evaluate_file(file, engine=engine, embed=embed, reranker=reranker)
    if as_json:
        print_json(report)
    else:
        console.print(format_report(report), highlight=False, markup=False)


COMMANDS = [run, summarise, match, explain, eval_]

"""`jobapp models list | check | pull NAME`."""

from __future__ import annotations

import click
from rich.table import Table

from jobapp.cli.output import console, print_json
from jobapp.errors import ModelUnavailable


@click.group()
def models() -> None:
    """See, check and download the models (embedder, reranker, LLM)."""


def _ok(row: dict) -> bool:
    return bool(row.get("available", row.get("ok")))


def _table(rows: list[dict]) -> None:
    table = Table(title="Models")
    for col in ("role", "spec", "backend / time", "available", "details"):
        table.add_column(col, overflow="fold")
    for r in rows:
        ok = "[green]yes[/]" if _ok(r) else "[red]no[/]"
        extra = r.get("backend") or (f"{r['seconds']:.1f} s" if r.get("seconds") is not None else "")
        table.add_row(
            str(r.get("role", "")),
            str(r.get("spec", "")),
            str(extra),
            ok,
            str(r.get("why") or r.get("detail") or r.get("location") or ""),
        )
    console.print(table)


@models.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_(as_json: bool) -> None:
    """Show the configured models of the current profile and whether they are available, and the
    Ollama / LM Studio servers running here with the setting that uses them."""
    from jobapp.models.local_servers import found_servers
    from jobapp.models.profiles import describe_models

    rows = describe_models() + found_servers()
    print_json(rows) if as_json else _table(rows)


@models.command("check")
@click.option("--json", "as_json", is_flag=True)
def check(as_json: bool) -> None:
    """Load each configured model for real and report."""
    from jobapp.models.hub import check as check_models

    rows = check_models()
    print_json(rows) if as_json else _table(rows)
    if not all(_ok(r) for r in rows):
        raise ModelUnavailable("Some configured models cannot be loaded.", hint="See the 'why' column above.")


@models.command("pull")
@click.argument("name")
def pull(name: str) -> None:
    """Download a model from the Hugging Face hub (needs internet).

    NAME: a hub name (BAAI/bge-m3), or qwen2.5-1.5b / qwen2.5-3b for a Qwen2.5-Instruct GGUF (Q4_K_M)
    run by llama.cpp."""
    from jobapp.models.gguf_pull import KNOWN_GGUF, REFERENCE_GGUF
    from jobapp.models.hub import pull as pull_model

    gguf = KNOWN_GGUF.get(name.strip().lower())
    if gguf is not None:
        console.print(f"Downloading {gguf.file} ({gguf.size}) from {gguf.repo}…")
    path = pull_model(name)
    console.print(f"{name} is ready at {path}.")
    if gguf is not None:
        use = (
            "JOBAPP_PROFILE=reference"
            if name.strip().lower() == REFERENCE_GGUF
            else f"JOBAPP_LLM=gguf:{path}"
        )
        console.print(f"Its SHA-256 matches the hub's. Use it with {use}.")


COMMANDS = [models]

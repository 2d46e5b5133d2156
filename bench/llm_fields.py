"""Per field of each LLM step: does the model beat extraction on real CVs and offers?

    nice python bench/llm_fields.py [--cvs 12] [--offers 20] [--explanations 8] [--llm SPEC ...]
                                    [--write-policy]

Reads the real dev set (``$JOBAPP_DEVDATA``, by default a ``devdata`` folder beside the checkout,
as written by ``bench/devset/build.py --out .../devset.jsonl --pool .../offers_pool.jsonl``: 36 real CVs, 321 real France Travail / NHS Jobs offers;
provenance in ``bench/devset/README.md``; not in git), takes an even FR/EN sample, and runs each
LLM step (offer summary, CV profile, explanation) with extraction only ("rules") and with each
model asked for EVERY field (the policy is bypassed, so every field is measured). Prints, per
step, model and field:

- ``filled``: share of records where the shown field is not empty;
- ``kept``: share of records where the model's answer passed the checks (else rules replaced it);
- ``agree``: mean agreement of the kept answers with extraction (Jaccard of items, equality of
  values, shared words of texts);
- ``items``: mean number of items shown (list fields);
- ``unsupported``: shown fields (after checks and fallback) with text absent from their source,
  which must be 0 for every model and for rules;
- seconds per record.

A model *wins* a field when at least ``KEEP_RATE`` of its answers pass the checks and, for a list,
it shows at least as many items as extraction. ``--write-policy`` writes the winners to
``src/jobapp/llm/data/field_policy.json`` (model -> step -> fields to ask).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from statistics import mean
from typing import Any

DEVDATA = Path(os.environ.get("JOBAPP_DEVDATA", Path(__file__).resolve().parents[2] / "devdata"))
POLICY = Path(__file__).resolve().parents[1] / "src" / "jobapp" / "llm" / "data" / "field_policy.json"
KEEP_RATE = 0.8


def sample(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` rows, half French and half English, spread evenly over the file (deterministic)."""
    out: list[dict[str, Any]] = []
    for lang in ("fr", "en"):
        pool = [r for r in rows if r.get("lang") == lang]
        want = n // 2 if lang == "fr" else n - n // 2
        step = max(1, len(pool) // max(1, want))
        out += pool[::step][:want]
    return out


def agreement(a: Any, b: Any) -> float:
    if isinstance(a, list) and isinstance(b, list):
        sa, sb = {x.casefold() for x in a}, {x.casefold() for x in b}
        return len(sa & sb) / len(sa | sb) if sa | sb else 1.0
    if isinstance(a, str) and isinstance(b, str) and len(a.split()) > 3:
        wa, wb = set(re.findall(r"\w{4,}", a.casefold())), set(re.findall(r"\w{4,}", b.casefold()))
        return len(wa & wb) / len(wa | wb) if wa | wb else 1.0
    return float(str(a).casefold() == str(b).casefold())


def measure(
    step: str, label: str, records: list[tuple[Any, Any, str, str]], seconds: list[float]
) -> dict[str, Any]:
    """Per-field figures of one (step, model) from (record, rules record, source, company) tuples."""
    from jobapp.llm.shown_fields import EXPLANATION_FIELDS, PROFILE_FIELDS, SUMMARY_FIELDS, unsupported_fields

    kinds = {"summary": SUMMARY_FIELDS, "profile": PROFILE_FIELDS, "explanation": EXPLANATION_FIELDS}[step]
    fields = [f for f in type(records[0][0]).model_fields if f in records[0][0].provenance]
    table: dict[str, Any] = {"seconds": round(mean(seconds), 2) if seconds else 0.0, "fields": {}}
    problems: dict[str, list[str]] = defaultdict(list)
    for record, _, source, company in records:
        for name, problem in unsupported_fields(record, source, kinds, company=company).items():
            problems[name].append(problem)
    for name in fields:
        values = [(r, base) for r, base, _, _ in records]
        kept = [r for r, _ in values if r.provenance.get(name) == "llm"]
        row = {
            "filled": round(mean(bool(getattr(r, name)) for r, _ in values), 2),
            "kept": round(len(kept) / len(values), 2) if label != "rules" else None,
            "agree": round(
                mean(agreement(getattr(r, name), getattr(b, name)) for r, b in values if r in kept), 2
            )
            if kept and label != "rules"
            else None,
            "items": round(mean(len(getattr(r, name)) for r, _ in values), 1)
            if isinstance(getattr(values[0][0], name), list)
            else None,
            "unsupported": len(problems.get(name, [])),
            "why_replaced": _reasons(
                [r.replaced.get(name, "") for r, _ in values if r.provenance.get(name) != "llm"]
            ),
        }
        table["fields"][name] = row
    table["problems"] = {k: v[:3] for k, v in problems.items()}
    return table


def _reasons(reasons: list[str]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for r in reasons:
        out[r or "rules only"] += 1
    return dict(out)


def winners(model_table: dict[str, Any], rules_table: dict[str, Any]) -> list[str]:
    out = []
    for name, row in model_table["fields"].items():
        rules_items = rules_table["fields"][name]["items"]
        enough_items = row["items"] is None or rules_items is None or row["items"] >= rules_items
        if row["kept"] is not None and row["kept"] >= KEEP_RATE and enough_items and row["unsupported"] == 0:
            out.append(name)
    return out


def run_steps(
    llm: Any, cvs: list[dict[str, Any]], offers: list[dict[str, Any]], n_exp: int, rules: dict[str, Any]
):
    """Records of the three steps for one model (``llm=None``: rules), with seconds per record."""
    from jobapp.domain import Offer
    from jobapp.extraction.keywords import coverage, offer_keywords
    from jobapp.llm import build_cv_profile, explain_match, summarise_offer
    from jobapp.llm.explain import ExplanationDraft
    from jobapp.llm.profile import CvProfileDraft
    from jobapp.llm.summarise import OfferSummaryDraft
    from jobapp.scoring.calibration import DECISION_THRESHOLD

    every = {
        "summary": tuple(OfferSummaryDraft.model_fields),
        "profile": tuple(CvProfileDraft.model_fields),
        "explanation": tuple(ExplanationDraft.model_fields),
    }
    out: dict[str, Any] = {"summary": ([], []), "profile": ([], []), "explanation": ([], [])}
    for i, o in enumerate(offers):
        offer = Offer(id=i + 1, title=o["title"], description=o["description"], company=o.get("company", ""))
        t = time.perf_counter()
        s = summarise_offer(offer, llm, fields=every["summary"])
        out["summary"][1].append(time.perf_counter() - t)
        base = rules["summary"][0][i][0] if rules else s
        out["summary"][0].append((s, base, offer.full_text(), offer.company))
        print(f"  summary {i + 1}/{len(offers)}", file=sys.stderr, flush=True)
    for i, row in enumerate(cvs):
        from jobapp.documents.anonymise import anonymise

        t = time.perf_counter()
        p = build_cv_profile(row["cv"]["text"], llm, fields=every["profile"])
        out["profile"][1].append(time.perf_counter() - t)
        base = rules["profile"][0][i][0] if rules else p
        out["profile"][0].append((p, base, anonymise(row["cv"]["text"]).text, ""))
        print(f"  profile {i + 1}/{len(cvs)}", file=sys.stderr, flush=True)
    for i, row in enumerate(cvs[:n_exp]):
        best = max(row["offers"], key=lambda o: row["labels"].get(o["id"], 0))
        offer = Offer(id=1000 + i, title=best["title"], description=best["description"])
        profile = (rules["profile"][0][i][0] if rules else out["profile"][0][i][0]).model_copy(
            update={"cv_id": 1}
        )
        summary = summarise_offer(offer, None)
        cov = coverage(offer_keywords(offer.full_text()), row["cv"]["text"])
        score = 100.0 * cov.coverage
        t = time.perf_counter()
        e = explain_match(
            profile, summary, offer, score, cov, DECISION_THRESHOLD, llm, fields=every["explanation"]
        )
        out["explanation"][1].append(time.perf_counter() - t)
        base = rules["explanation"][0][i][0] if rules else e
        facts_source = "\n".join(
            [
                row["cv"]["text"],
                offer.full_text(),
                *profile.hard_skills,
                *profile.soft_skills,
                *cov.matched,
                *cov.missing,
            ]
        )
        out["explanation"][0].append((e, base, facts_source, ""))
        print(f"  explanation {i + 1}/{n_exp}", file=sys.stderr, flush=True)
    return out


def print_table(results: dict[str, dict[str, Any]]) -> None:
    print(
        f"{'step':<12} {'model':<24} {'field':<17} {'filled':>6} {'kept':>5} {'agree':>5} {'items':>5} {'unsup':>5}  why replaced"
    )
    for step in ("summary", "profile", "explanation"):
        for label, table in results[step].items():
            for name, row in table["fields"].items():
                cells = [row["filled"], row["kept"], row["agree"], row["items"]]
                shown = [f"{c:>5}" if c is not None else "    -" for c in cells]
                why = (
                    ", ".join(f"{k} {v}" for k, v in row["why_replaced"].items()) if label != "rules" else ""
                )
                print(
                    f"{step:<12} {label:<24} {name:<17} {shown[0]:>6} {shown[1]} {shown[2]} {shown[3]} {row['unsupported']:>5}  {why}"
                )
            print(f"{step:<12} {label:<24} {'seconds/record':<17} {table['seconds']:>6}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cvs", type=int, default=12)
    ap.add_argument("--offers", type=int, default=20)
    ap.add_argument("--explanations", type=int, default=8)
    ap.add_argument("--llm", action="append", help="model spec (default: the bundled SmolLM2 GGUF)")
    ap.add_argument("--write-policy", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("JOBAPP_HOME", tempfile.mkdtemp(prefix="jobapp-bench-"))

    from jobapp.llm.field_policy import model_key
    from jobapp.models.profiles import bundled_smollm2_path
    from jobapp.models.registry import get_llm

    cvs = sample([json.loads(line) for line in (DEVDATA / "devset.jsonl").open()], args.cvs)
    offers = sample([json.loads(line) for line in (DEVDATA / "offers_pool.jsonl").open()], args.offers)
    specs = args.llm or [f"gguf:{bundled_smollm2_path()}"]
    print(
        f"sample: {len(cvs)} CVs, {len(offers)} offers, {min(args.explanations, len(cvs))} explanations",
        file=sys.stderr,
    )

    results: dict[str, dict[str, Any]] = {"summary": {}, "profile": {}, "explanation": {}}
    rules = run_steps(None, cvs, offers, args.explanations, {})
    for step, (records, secs) in rules.items():
        if records:  # a step with an empty sample (--cvs 0) is not measured
            results[step]["rules"] = measure(step, "rules", records, secs)
    policy: dict[str, dict[str, list[str]]] = {}
    for spec in specs:
        llm = get_llm(spec)
        assert llm is not None, spec
        key = model_key(spec)
        print(f"model {key}", file=sys.stderr)
        runs = run_steps(llm, cvs, offers, args.explanations, rules)
        policy[key] = {}
        for step, (records, secs) in runs.items():
            if not records:
                continue
            results[step][key] = measure(step, key, records, secs)
            policy[key][step] = winners(results[step][key], results[step]["rules"])

    print_table(results)
    print("\npolicy (fields each model is asked for):")
    print(json.dumps(policy, indent=1))
    problems = {
        f"{s}/{m}": t["problems"] for s, by in results.items() for m, t in by.items() if t["problems"]
    }
    print(
        "\nunsupported shown fields:",
        json.dumps(problems, ensure_ascii=False, indent=1) if problems else "none",
    )
    if args.write_policy:
        data = json.loads(POLICY.read_text("utf-8"))
        data.setdefault("models", {}).update(policy)
        data["measured"] = (
            f"bench/llm_fields.py --cvs {args.cvs} --offers {args.offers} --explanations {args.explanations}"
        )
        POLICY.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"wrote {POLICY}", file=sys.stderr)


if __name__ == "__main__":
    main()

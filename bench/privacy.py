"""Privacy bench: does anonymisation remove every identifying item of the team's CV set, and only them?

    python bench/privacy.py                      # builds the set if needed (bench/.cache/privacy)
    python bench/privacy.py --rebuild            # re-render and re-convert every CV first
    python bench/privacy.py --no-ner             # heuristics only (no spaCy)
    python bench/privacy.py --out bench/results/privacy.txt

The set (bench/privacy/: generator, annotations.jsonl) is 47 fictitious CVs drawn in real layouts
and converted by the app's own reader. For each annotated item (type + exact string) every
occurrence in the converted text must be covered by a redaction, else it is a miss, listed with
its context in the anonymised text. Recall is given per item type and overall.

Over-redaction, three ways:
- "keep" words of the set (skills, tools, employers, cities of past jobs, degrees) touched by a
  redaction;
- skill mentions found by the app's skill extractor in the original text that a redaction
  touches, on the set and on real CVs nobody here wrote (bench/devset/devset.jsonl and
  ../shared/fixtures/cv, when present; only counts are printed for those);
- redactions on the set that cover no annotated item (false positives), listed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "bench" / "privacy"
sys.path.insert(0, str(HERE))

from matching import covered, fold, occurrences, overlaps  # noqa: E402

TARGETS = {"name": 0.99, "email": 0.99, "phone": 0.99, "address": 0.99, "overall": 0.95}
TYPE_ORDER = [
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "url",
    "handle",
    "birthdate",
    "age",
    "birthplace",
    "nationality",
    "family",
    "gender",
    "photo",
]
REAL_CVS = ROOT / "bench" / "devset" / "devset.jsonl"
FIXTURES = ROOT.parent / "shared" / "fixtures" / "cv"


def _load_build():
    spec = importlib.util.spec_from_file_location("privacy_build", HERE / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_set(rebuild: bool) -> list[dict]:
    texts = HERE.parent / ".cache" / "privacy" / "texts.jsonl"
    annotations = {
        json.loads(ln)["id"]: json.loads(ln) for ln in (HERE / "annotations.jsonl").open(encoding="utf-8")
    }
    if rebuild or not texts.exists():
        records = _load_build().build(quiet=True)
    else:
        records = [json.loads(ln) for ln in texts.open(encoding="utf-8")]
    records = [r for r in records if r["id"] in annotations]
    for record in records:  # the committed annotations are the reference
        record["items"], record["keep"] = (
            annotations[record["id"]]["items"],
            annotations[record["id"]]["keep"],
        )
    return records


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    return text[left:right].replace("\n", " ⏎ ")


def _skill_loss(text: str, redacted: list[tuple[int, int]]) -> tuple[int, int, Counter]:
    from jobapp.extraction.skills import match_skills, summarise_hits

    hits = match_skills(text)
    lost = [h for h in hits if overlaps((h.start, h.end), redacted)]
    names = Counter(s.canonical for s in summarise_hits(text, lost)) if lost else Counter()
    return len(hits), len(lost), names


def run(records: list[dict], use_ner: bool) -> dict:
    from jobapp.documents import anonymise

    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # caught, total
    misses, absent, keep_lost, false_pos = [], [], [], []
    skills_total = skills_lost = 0
    skills_names: Counter = Counter()
    fp_kinds: Counter = Counter()
    started = time.perf_counter()
    for record in records:
        text = record["text"]
        folded = fold(text)
        result = anonymise(text, record["lang"], use_ner=use_ner)
        source = [(r.source_start, r.source_end) for r in result.redactions]
        item_spans: list[tuple[int, int]] = []
        for item in record["items"]:
            spans = occurrences(text, item["value"], folded, item.get("in"))
            item_spans += spans
            if not spans:
                absent.append((record["id"], item))
                continue
            per_type[item["type"]][1] += 1
            leaks = [s for s in spans if not covered(text, s, source)]
            if leaks:
                out_text = result.text
                where = _output_context(result, leaks[0], out_text)
                misses.append((record["id"], record["layout"], item, len(leaks), len(spans), where))
            else:
                per_type[item["type"]][0] += 1
        for word in record["keep"]:
            for span in occurrences(text, word, folded):
                if overlaps(span, source):
                    keep_lost.append((record["id"], word, _context(text, *span)))
                    break
        wrong = [r for r in result.redactions if not overlaps((r.source_start, r.source_end), item_spans)]
        for r in wrong:
            false_pos.append((record["id"], r.kind, text[r.source_start : r.source_end]))
            fp_kinds[r.kind] += 1
        # a skill word inside the candidate's own address or e-mail is no loss: count wrong redactions only
        total, lost, names = _skill_loss(text, [(r.source_start, r.source_end) for r in wrong])
        skills_total, skills_lost = skills_total + total, skills_lost + lost
        skills_names.update(names)
    caught = sum(c for c, _ in per_type.values())
    total = sum(t for _, t in per_type.values())
    keep_total = sum(len(r["keep"]) for r in records)
    return {
        "cvs": len(records),
        "seconds": time.perf_counter() - started,
        "per_type": dict(per_type),
        "overall": (caught, total),
        "misses": misses,
        "absent": absent,
        "keep_lost": keep_lost,
        "keep_total": keep_total,
        "false_positives": false_pos,
        "fp_kinds": fp_kinds,
        "skills": (skills_lost, skills_total, skills_names),
    }


def _output_context(result, leak: tuple[int, int], out_text: str) -> str:
    """Where the leaked occurrence ended up in the anonymised text."""
    shift = 0
    for r in result.redactions:
        if r.source_end <= leak[0]:
            shift = r.end - r.source_end
    start = leak[0] + shift
    return _context(out_text, start, start + (leak[1] - leak[0]))


def real_cvs(use_ner: bool) -> dict | None:
    """Over-redaction on real CVs nobody here wrote (counts only: their text is not ours to print)."""
    from jobapp.documents import anonymise, read_cv_path

    texts: list[tuple[str, str]] = []
    if REAL_CVS.exists():
        for line in REAL_CVS.open(encoding="utf-8"):
            row = json.loads(line)
            texts.append((row["id"], row["cv"]["text"]))
    if FIXTURES.is_dir():
        texts += [(p.stem, read_cv_path(p).text) for p in sorted(FIXTURES.glob("*.pdf"))]
    if not texts:
        return None
    kinds: Counter = Counter()
    total = lost = 0
    names: Counter = Counter()
    for _, text in texts:
        result = anonymise(text, use_ner=use_ner)
        kinds.update(r.kind for r in result.redactions)
        t, lo, n = _skill_loss(text, [(r.source_start, r.source_end) for r in result.redactions])
        total, lost = total + t, lost + lo
        names.update(n)
    return {"cvs": len(texts), "kinds": kinds, "skills": (lost, total, names)}


def report(res: dict, real: dict | None, use_ner: bool) -> str:
    out = []
    caught, total = res["overall"]
    out.append(
        f"Privacy bench: {res['cvs']} CVs of bench/privacy (spaCy {'on' if use_ner else 'off'}), "
        f"anonymised in {res['seconds']:.1f} s"
    )
    if res.get("missing"):
        out.append(f"Not converted (a scan without tesseract?), not counted: {', '.join(res['missing'])}")
    out.append("")
    out.append(f"{'item type':<12} {'caught':>7} {'total':>6} {'recall':>7}  target")
    for kind in [k for k in TYPE_ORDER if k in res["per_type"]] + sorted(
        set(res["per_type"]) - set(TYPE_ORDER)
    ):
        c, t = res["per_type"][kind]
        target = f"≥ {TARGETS[kind]:.2f}" if kind in TARGETS else ""
        flag = "  BELOW" if kind in TARGETS and c / t < TARGETS[kind] else ""
        out.append(f"{kind:<12} {c:>7} {t:>6} {c / t:>7.3f}  {target}{flag}")
    flag = "  BELOW" if caught / total < TARGETS["overall"] else ""
    out.append(
        f"{'overall':<12} {caught:>7} {total:>6} {caught / total:>7.3f}  ≥ {TARGETS['overall']:.2f}{flag}"
    )
    out.append("")
    out.append(f"Misses ({len(res['misses'])}): every occurrence of an item must be redacted")
    for cv_id, layout, item, leaks, spans, where in res["misses"]:
        out.append(
            f"  {cv_id} [{layout}] {item['type']} {item['value']!r}: {leaks}/{spans} occurrence(s) left … {where} …"
        )
    if res["absent"]:
        out.append(
            f"Items absent from the converted text (converter lost them; not counted): {len(res['absent'])}"
        )
        for cv_id, item in res["absent"]:
            out.append(f"  {cv_id} {item['type']} {item['value']!r}")
    out.append("")
    out.append("Over-redaction")
    kl = res["keep_lost"]
    out.append(
        f"  words that must survive (skills, tools, employers, cities of past jobs, degrees): "
        f"{len(kl)} of {res['keep_total']} touched"
    )
    for cv_id, word, ctx in kl:
        out.append(f"    {cv_id} {word!r}: … {ctx} …")
    lost, total_sk, names = res["skills"]
    out.append(
        f"  skill mentions (app's skill extractor) touched by a wrong redaction, this set: {lost} of {total_sk}"
        + (f" ({', '.join(f'{k} x{v}' for k, v in names.most_common())})" if names else "")
    )
    if real:
        lost, total_sk, names = real["skills"]
        out.append(
            f"  skill mentions touched, {real['cvs']} real CVs (bench/devset + shared fixtures): {lost} of {total_sk}"
            + (f" ({', '.join(f'{k} x{v}' for k, v in names.most_common())})" if names else "")
        )
        out.append(
            "  redactions on those real CVs, by kind (many are templates already anonymised; the others keep their author's details): "
            + (", ".join(f"{k} {v}" for k, v in real["kinds"].most_common()) or "none")
        )
    else:
        out.append("  real CVs: bench/devset/devset.jsonl and ../shared/fixtures/cv absent, skipped")
    fps = res["false_positives"]
    out.append(
        f"  redactions on this set covering no annotated item: {len(fps)}"
        + (f" ({', '.join(f'{k} {v}' for k, v in res['fp_kinds'].most_common())})" if fps else "")
    )
    for cv_id, kind, value in fps:
        out.append(f"    {cv_id} {kind}: {value!r}")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rebuild", action="store_true", help="re-render and re-convert the CVs first")
    parser.add_argument("--no-ner", action="store_true", help="heuristics only (no spaCy)")
    parser.add_argument("--no-real", action="store_true", help="skip the real CVs")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    use_ner = not args.no_ner
    records = load_set(args.rebuild)
    res = run(records, use_ner)
    annotated = [json.loads(ln)["id"] for ln in (HERE / "annotations.jsonl").open(encoding="utf-8")]
    res["missing"] = [i for i in annotated if i not in {r["id"] for r in records}]
    real = None if args.no_real else real_cvs(use_ner)
    text = report(res, real, use_ner)
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

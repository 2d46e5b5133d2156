"""ATS keywords against a recruiter's reading of real offers (FR and EN, IT and non-IT).

    python bench/keywords.py [--annotations bench/keywords/annotations.jsonl]
                             [--offers ../devdata/offers_pool.jsonl] [--split dev|test|all]
                             [--limit 25] [--details]

``annotations.jsonl`` (committed) holds, per offer, the keywords a recruiter would list, each marked
must-have or nice-to-have, and the offer's split: ``dev`` (the offers the extractor was tuned on) or
``test`` (held out: annotated before any change made for them, never looked at while tuning); see
``bench/keywords/README.md``. The offer texts are not committed: the offer pool (one JSON object per
line: ``id``, ``title``, ``company``, ``location``, ``description``, or a ready ``text``) lives beside
the repository; ``bench/devset/build.py --pool`` rebuilds it from the public sources.

Each offer's text goes through :func:`jobapp.extraction.offer_keywords` as the app sends it (title,
company and place on the first line, then the description). A predicted keyword matches an
annotated one when both name the same lexicon skill (French and English aliases are one skill), or
their normalised words are the same, or the words of one are all in the other and make at least
half of it. Prints one JSON object with, per split (``dev``, ``test``, ``all``) and per language:
precision, recall, F1, must-have accuracy on the matched keywords; and every predicted keyword that
is the employer's name, a place, site boilerplate or an HR-process word in a non-HR job (that list
must be empty).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jobapp.extraction import find_skills, offer_keywords  # noqa: E402
from jobapp.extraction.lexicon import load_lexicon  # noqa: E402
from jobapp.extraction.normalise import normalise, term_key, tokenize  # noqa: E402

DEVDATA = Path(os.environ.get("JOBAPP_DEVDATA", ROOT.parent / "devdata"))
# The first that exists: a file of ready texts, else the dev set's offer pool.
DEFAULT_OFFERS = (DEVDATA / "keyword_offers.jsonl", DEVDATA / "offers_pool.jsonl")
SPLITS = ("dev", "test", "all")
DEFAULT_ANNOTATIONS = ROOT / "bench" / "keywords" / "annotations.jsonl"

# Checked independently of the extractor's own filters, so the bench can catch them failing.
BOILERPLATE = frozenset(
    [
        "cgu",
        "cgv",
        "cookie",
        "cookies",
        "accessibilite",
        "mentions",
        "legales",
        "confidentialite",
        "postuler",
        "postulez",
        "candidature",
        "candidatures",
        "candidater",
        "connexion",
        "newsletter",
        "copyright",
    ]
)
HR_PROCESS = frozenset(
    ["rh", "hr", "recrutement", "recruitment", "recruteur", "recruiter", "entretien", "interview", "cv"]
)
HR_GROUPS = frozenset({"hr", "hr_sr", "payroll"})
LEGAL_WORDS = frozenset(
    [
        "sas",
        "sasu",
        "sarl",
        "eurl",
        "sa",
        "inc",
        "ltd",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "nhs",
        "trust",
        "foundation",
        "cic",
        "group",
        "groupe",
    ]
)


def canonicals(term: str) -> set[str]:
    """Lexicon skills a term names: the whole term, else the one skill found inside it."""
    skill = load_lexicon().skill_for_term(term)
    if skill is not None:
        return {skill.canonical}
    found = {hit.canonical for hit in find_skills(term)}
    return found if len(found) == 1 else set()


def same_keyword(pred: Any, ann: dict[str, Any]) -> bool:
    if pred.canonical and pred.canonical in ann["canon"]:
        return True
    a, b = set(term_key(pred.term)), set(ann["key"])
    if not a or not b:
        return False
    if a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return small <= large and len(small) * 2 >= len(large)


def words(text: str) -> set[str]:
    return {t.norm for t in tokenize(text) if not t.stop and len(t.norm) > 1}


def noise(pred: Any, offer: dict[str, Any], places: set[str]) -> str | None:
    """Why a predicted keyword is no keyword (company, place, boilerplate, HR process), or None."""
    term_words = words(pred.term)
    if not term_words:
        return None
    company_words = words(offer.get("company", "")) - LEGAL_WORDS
    if company_words and term_words <= company_words:
        return "company"
    location_words = words(offer.get("location", ""))
    if term_words <= (location_words | places) and not pred.canonical:
        return "place"
    norm = normalise(pred.term)
    if term_words & BOILERPLATE or "mentions legales" in norm:
        return "boilerplate"
    if offer.get("group") not in HR_GROUPS and term_words <= HR_PROCESS:
        return "hr_process"
    return None


def load_places() -> set[str]:
    path = ROOT / "src" / "jobapp" / "extraction" / "data" / "places.txt"
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out |= {normalise(line.strip())} | words(line)
    return out


def offer_text(row: dict[str, Any]) -> str:
    """What the app reads (``Offer.full_text``): "title — company — place", a blank line, the
    description."""
    if row.get("text"):
        return str(row["text"])
    head = " \u2014 ".join(p for p in (row.get("title"), row.get("company"), row.get("location")) if p)
    return f"{head}\n\n{row.get('description', '')}".strip()


def load_offers(path: Path | None) -> dict[str, dict[str, Any]]:
    if path is None:
        path = next((p for p in DEFAULT_OFFERS if p.exists()), DEFAULT_OFFERS[-1])
    if not path.exists():
        sys.exit(f"{path} not found: build it as bench/keywords/README.md says")
    offers = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            offers[row["id"]] = {**row, "text": offer_text(row)}
    return offers


def ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, default=DEFAULT_ANNOTATIONS)
    parser.add_argument("--offers", type=Path, default=None, help="offer texts (default: the dev pool)")
    parser.add_argument("--split", choices=SPLITS, default="all", help="offers to score (default: all)")
    parser.add_argument("--limit", type=int, default=25)
    parser.add_argument("--details", action="store_true", help="per-offer predictions and misses")
    args = parser.parse_args()
    offers = load_offers(args.offers)
    annotations = [
        json.loads(line) for line in args.annotations.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if args.split != "all":
        annotations = [a for a in annotations if a.get("split", "dev") == args.split]
    places = load_places()
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    noisy: list[dict[str, str]] = []
    details = []
    elapsed = 0.0
    for item in annotations:
        offer = offers.get(item["offer"])
        if offer is None:
            continue
        offer = {**offer, "group": item.get("group", offer.get("group"))}
        split = item.get("split", "dev")
        scopes = [
            f"{split}/all",
            f"{split}/{offer.get('lang', '?')}",
            "all/all",
            f"all/{offer.get('lang', '?')}",
        ]
        anns = [
            {**kw, "canon": canonicals(kw["term"]), "key": term_key(kw["term"])} for kw in item["keywords"]
        ]
        start = time.perf_counter()
        preds = offer_keywords(offer["text"], limit=args.limit)
        elapsed += time.perf_counter() - start
        recalled: set[int] = set()
        wrong: list[str] = []
        for pred in preds:
            matches = [i for i, ann in enumerate(anns) if same_keyword(pred, ann)]
            for scope in scopes:
                counts[scope]["predicted"] += 1
            # A keyword the annotator listed ("respect de la confidentialité") is no noise.
            why = None if matches else noise(pred, offer, places)
            if why:
                noisy.append({"offer": item["offer"], "split": split, "term": pred.term, "kind": why})
            if not matches:
                wrong.append(pred.term)
                continue
            recalled.update(matches)
            ann = anns[matches[0]]
            for scope in scopes:
                counts[scope]["correct"] += 1
                counts[scope]["level_agree"] += pred.required == ann["required"]
                if not ann["required"]:
                    counts[scope]["nice_matched"] += 1
                    counts[scope]["nice_found"] += not pred.required
        for scope in scopes:
            counts[scope]["annotated"] += len(anns)
            counts[scope]["recalled"] += len(recalled)
            counts[scope]["offers"] += 1
        if args.details:
            details.append(
                {
                    "offer": item["offer"],
                    "split": split,
                    "predicted": [f"{p.term}{'' if p.required else ' (nice)'}" for p in preds],
                    "not_annotated": wrong,
                    "missed": [a["term"] for i, a in enumerate(anns) if i not in recalled],
                }
            )
    report: dict[str, Any] = {}
    for scope, c in sorted(counts.items(), key=lambda kv: (SPLITS.index(kv[0].split("/")[0]), kv[0])):
        split, lang = scope.split("/")
        p, r = ratio(c["correct"], c["predicted"]), ratio(c["recalled"], c["annotated"])
        report.setdefault(split, {})[lang] = {
            "offers": int(c["offers"]),
            "annotated": int(c["annotated"]),
            "predicted": int(c["predicted"]),
            "precision": p,
            "recall": r,
            "f1": ratio(2 * p * r, p + r),
            "must_have_accuracy": ratio(c["level_agree"], c["correct"]),
            "nice_to_have_detected": ratio(c["nice_found"], c["nice_matched"]),
        }
    report["noise"] = noisy
    report["noise_count"] = {
        s: sum(1 for n in noisy if s in ("all", n["split"])) for s in report if s in SPLITS
    }
    report["limit"] = args.limit
    report["ms_per_offer"] = round(1000 * elapsed / max(1, int(counts["all/all"]["offers"])), 2)
    if args.details:
        report["details"] = details
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

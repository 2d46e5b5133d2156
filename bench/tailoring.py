"""Tailoring advice on the real dev set: is every quoted wording and line the CV's own, and how long?

    python bench/tailoring.py [--devset FILE]

For each real CV of the dev set (bench/devset/README.md; rebuilt by bench/devset/build.py, path
from $JOBAPP_DEVSET) and each of its offers, :func:`jobapp.extraction.tailoring.tailoring_advice`
runs as ``jobapp tailor`` does. Prints one JSON object: pairs, keywords by status, how many CV
wordings or evidence lines are NOT found in the CV (must be 0), terms advised to write as the offer
does that the offer does not use (its words, any order and inflection: must be 0), pairs with section or headline advice, and milliseconds per pair.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jobapp.extraction.tailoring import tailoring_advice  # noqa: E402
from jobapp.extraction.textindex import index_text, mentions_literally  # noqa: E402
from jobapp.textfold import fold  # noqa: E402

DEVSET = Path(os.environ.get("JOBAPP_DEVSET", ROOT / "bench" / "devset" / "devset.jsonl"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args()
    if not args.devset.is_file():
        sys.exit(f"No dev set at {args.devset}: build it with bench/devset/build.py or set JOBAPP_DEVSET.")
    status: Counter[str] = Counter()
    ungrounded, foreign_terms, sections, headlines, pairs = [], [], 0, 0, 0
    start = time.perf_counter()
    for line in args.devset.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        cv = record["cv"]["text"]
        for offer in record["offers"]:
            text = f"{offer['title']} \u2014 {offer.get('company', '')}\n\n{offer['description']}"
            advice = tailoring_advice(text, cv, offer_title=offer["title"], company=offer.get("company", ""))
            offer_index = index_text(text)
            pairs += 1
            sections += bool(advice.sections)
            headlines += bool(advice.headline_title)
            for item in advice.keywords:
                status[item.status] += 1
                if item.status != "missing" and not mentions_literally(item.term, offer_index):
                    foreign_terms.append(item.term)  # advice to write a word the offer does not use
                quoted = [item.cv_wording] + [e.line for e in item.evidence]
                ungrounded += [q for q in quoted if q and fold(q) not in fold(cv)]
    elapsed = time.perf_counter() - start
    print(
        json.dumps(
            {
                "pairs": pairs,
                "keywords": dict(status),
                "ungrounded_cv_quotes": len(ungrounded),
                "offer_terms_not_in_offer": len(foreign_terms),
                "examples": {"ungrounded": ungrounded[:5], "foreign_terms": foreign_terms[:5]},
                "pairs_with_section_advice": sections,
                "pairs_with_headline_advice": headlines,
                "ms_per_pair": round(1000 * elapsed / max(1, pairs), 1),
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

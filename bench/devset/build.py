"""Rebuild the real-text matching dev set from public repository snapshots.

Usage::

    python bench/devset/build.py --mirror DIR [--texts DIR] [--out FILE] [--pool FILE]

``--mirror`` (or ``$DEVSET_MIRROR``) is a directory holding bare git snapshots laid out as
``<owner>+<name>/repo`` (a ``repo/.git`` directory is accepted too), one per repository listed in
``sources.json``.  ``--texts`` (or ``$DEVSET_TEXTS``) is a directory of cached extracted texts
(``cv/<id>.txt`` and ``offers/<id>.json``): an item found there is read from the cache and not
extracted again; extracted items are written there, so a later run needs no snapshot.

Writes ``--out`` in ``jobapp eval`` format (one JSON object per line, one line per CV, with the
grades of ``labels.jsonl``) and ``--pool`` with every offer of ``sources.json`` (for keyword
annotation).  Nothing fetched is stored in this repository: only ids, paths, commits and grades.
Needs ``git`` and, for PDF CVs, ``pdftotext`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------- snapshots


def git_dir(mirror: Path, repo: str) -> Path:
    base = mirror / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def git_show(mirror: Path, repo: str, commit: str, path: str) -> bytes:
    gd = git_dir(mirror, repo)
    if not gd.exists():
        raise FileNotFoundError(f"no snapshot of {repo} under {mirror}")
    out = subprocess.run(
        ["git", "--git-dir", str(gd), "show", f"{commit}:{path}"], capture_output=True, check=False
    )
    if out.returncode != 0:
        raise FileNotFoundError(f"{repo}@{commit}:{path}: {out.stderr.decode(errors='replace').strip()}")
    return out.stdout


# ---------------------------------------------------------------- text extraction

_BLOCK_END = r"(?i)</(p|li|h[1-6]|div|tr|td|th|section|ul|ol|header|footer|aside|article|table|dt|dd)>"


def html_to_text(markup: str) -> str:
    """Visible text of an HTML/PHP page, one block per line (tags, styles, scripts, PHP removed)."""
    t = re.sub(r"(?is)<(style|script|head)[^>]*>.*?</\1>", "", markup)
    t = re.sub(r"(?s)<\?php.*?\?>", "", t)
    t = re.sub(r"(?s)<!--.*?-->", "", t)
    t = re.sub(r"(?i)<br\s*/?>", "\n", t)
    t = re.sub(_BLOCK_END, "\n", t)
    t = re.sub(r"<[^>]+>", " ", t)
    t = html.unescape(t)
    return tidy(t)


def typst_to_text(src: str) -> str:
    """Text of Typst CV modules: drop imports/comments, keep the content of [...] and "..." args."""
    lines = []
    for line in src.splitlines():
        s = line.strip()
        if (
            not s
            or s.startswith("#import")
            or s.startswith("//")
            or s.startswith("#let")
            or s == "#divider()"
        ):
            continue
        s = re.sub(r"#cvSection\(\s*\"([^\"]*)\"\s*\)", r"\n\1\n", s)
        s = re.sub(r"\b(title|society|organisation|date|location|description|logo|tags)\s*:\s*", " ", s)
        s = re.sub(r"#\w+(\.\w+)*\(", " ", s)
        s = s.replace("list(", " ")
        s = re.sub(r"[\[\]()\"#]", " ", s)
        s = re.sub(r"\s*,\s*$", "", s)
        if re.fullmatch(r"-[\d.]+(em|pt|cm)?|[\d.]+(em|pt|cm)", s.strip()):
            continue
        lines.append(s)
    return tidy("\n".join(lines))


def pdf_to_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True, check=True)
    return tidy(out.stdout.decode("utf-8", errors="replace"))


def tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.replace("\f", "\n").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def extract_cv(mirror: Path, src: dict) -> str:
    paths = src["paths"] if "paths" in src else [src["path"]]
    parts = []
    for path in paths:
        raw = git_show(mirror, src["repo"], src["commit"], path)
        fmt = src["format"]
        if fmt == "pdf":
            parts.append(pdf_to_text(raw))
        elif fmt == "html":
            parts.append(html_to_text(raw.decode("utf-8", errors="replace")))
        elif fmt == "typst":
            parts.append(typst_to_text(raw.decode("utf-8", errors="replace")))
        else:
            raise ValueError(f"unknown CV format {fmt}")
    return "\n\n".join(p for p in parts if p)


# ---------------------------------------------------------------- offers


def _ft_offer(raw: dict) -> dict:
    company = (raw.get("entreprise") or {}).get("nom") or ""
    location = (raw.get("lieuTravail") or {}).get("libelle") or ""
    header = []
    for label, value in (
        ("Entreprise", company),
        ("Lieu", location),
        ("Contrat", raw.get("typeContratLibelle")),
        ("Expérience", raw.get("experienceLibelle")),
    ):
        if value:
            header.append(f"{label} : {value}")
    quals = [f["libelle"] for f in raw.get("formations") or [] if f.get("libelle")]
    quals += [
        f"{f.get('domaineLibelle', '')} {f.get('niveauLibelle', '')}".strip()
        for f in raw.get("formations") or []
        if not f.get("libelle")
    ]
    body = (raw.get("description") or "").strip()
    extra = []
    if quals:
        extra.append("Formation : " + "; ".join(q for q in quals if q))
    perm = [p.get("libelle") for p in raw.get("permis") or [] if p.get("libelle")]
    if perm:
        extra.append("Permis : " + "; ".join(perm))
    desc = "\n".join(header) + "\n\n" + body + ("\n\n" + "\n".join(extra) if extra else "")
    return {
        "title": (raw.get("intitule") or "").strip(),
        "description": desc.strip(),
        "company": company,
        "location": location,
    }


def _nhs_offer(raw: dict) -> dict:
    org = (raw.get("hiringOrganization") or {}).get("name") or ""
    addr = (raw.get("jobLocation") or {}).get("address") or {}
    location = ", ".join(x for x in (addr.get("addressLocality"), addr.get("postalCode")) if x)
    body = html_to_text(html.unescape(raw.get("description") or ""))
    header = []
    for label, value in (
        ("Employer", org),
        ("Location", location),
        ("Employment type", (raw.get("employmentType") or "").replace("_", " ").lower()),
    ):
        if value:
            header.append(f"{label}: {value}")
    return {
        "title": html.unescape(raw.get("title") or "").strip(),
        "description": ("\n".join(header) + "\n\n" + body).strip(),
        "company": org,
        "location": location,
    }


_FT_CACHE: dict[tuple[str, str], dict] = {}


def extract_offer(mirror: Path, src: dict) -> dict:
    fmt = src["format"]
    if fmt == "francetravail_api_page":
        key = (src["repo"], src["path"])
        if key not in _FT_CACHE:
            page = json.loads(git_show(mirror, src["repo"], src["commit"], src["path"]))
            _FT_CACHE[key] = {o["id"]: o for o in page.get("resultats", [])}
        return _ft_offer(_FT_CACHE[key][src["key"]])
    if fmt == "schemaorg_jobposting":
        return _nhs_offer(json.loads(git_show(mirror, src["repo"], src["commit"], src["path"])))
    raise ValueError(f"unknown offer format {fmt}")


# ---------------------------------------------------------------- main


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--mirror", default=os.environ.get("DEVSET_MIRROR"), help="directory of repository snapshots"
    )
    ap.add_argument("--texts", default=os.environ.get("DEVSET_TEXTS"), help="cache of extracted texts")
    ap.add_argument("--sources", default=str(HERE / "sources.json"))
    ap.add_argument("--labels", default=str(HERE / "labels.jsonl"))
    ap.add_argument("--out", default="devset.jsonl", help="benchmark file to write")
    ap.add_argument("--pool", default=None, help="also write every offer (one JSON per line) here")
    args = ap.parse_args(argv)
    if not args.mirror and not args.texts:
        ap.error("give --mirror and/or --texts")
    mirror = Path(args.mirror) if args.mirror else Path("/nonexistent")
    texts = Path(args.texts) if args.texts else None

    sources = json.loads(Path(args.sources).read_text("utf-8"))
    cvs = {c["id"]: c for c in sources["cvs"]}
    offers_meta = {o["id"]: o for o in sources["offers"]}

    def cv_text(cid: str) -> str:
        cached = texts / "cv" / f"{cid}.txt" if texts else None
        if cached and cached.exists():
            return cached.read_text("utf-8")
        text = extract_cv(mirror, cvs[cid]["source"])
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(text, "utf-8")
        return text

    def offer(oid: str) -> dict:
        cached = texts / "offers" / f"{oid}.json" if texts else None
        if cached and cached.exists():
            return json.loads(cached.read_text("utf-8"))
        o = extract_offer(mirror, offers_meta[oid]["source"])
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(o, ensure_ascii=False, indent=1), "utf-8")
        return o

    out_lines = []
    for row in load_jsonl(Path(args.labels)):
        meta = cvs[row["cv"]]
        offers = []
        for oid in row["labels"]:
            o = offer(oid)
            offers.append(
                {
                    "id": oid,
                    "title": o["title"],
                    "description": o["description"],
                    "lang": offers_meta[oid]["lang"],
                    "sector": offers_meta[oid]["sector"],
                }
            )
        out_lines.append(
            {
                "id": row["cv"],
                "lang": meta["lang"],
                "level": meta["level"],
                "sector": meta["sector"],
                "cv": {"text": cv_text(row["cv"])},
                "offers": offers,
                "labels": row["labels"],
            }
        )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for line in out_lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"wrote {len(out_lines)} CV lines, {sum(len(x['offers']) for x in out_lines)} pairs to {args.out}")

    if args.pool:
        with open(args.pool, "w", encoding="utf-8") as f:
            for oid, meta in offers_meta.items():
                o = offer(oid)
                f.write(
                    json.dumps(
                        {
                            "id": oid,
                            "lang": meta["lang"],
                            "sector": meta["sector"],
                            "level": meta.get("level"),
                            "title": o["title"],
                            "description": o["description"],
                            "company": o["company"],
                            "location": o["location"],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        print(f"wrote {len(offers_meta)} offers to {args.pool}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

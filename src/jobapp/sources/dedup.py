"""Recognise the same offer seen twice (two boards, a re-import, a URL with tracking parameters).

Three exact keys catch most duplicates cheaply: the URL without tracking noise, the board's own id,
and a hash of the normalised title + company + description. Re-posted offers whose text changed by a
word are caught by :func:`near_duplicate` (fuzzy ratio >= 95). Merging keeps the richer value of each
field, so a bare board card merged with the full page keeps the full description.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz, process

from jobapp.domain import Offer
from jobapp.sources.text import fold

TRACKING_PARAMS = {
    "gclid", "fbclid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid", "igshid", "ref", "refid", "ref_src",
    "trk", "trkinfo", "trackingid", "tracking_id", "xtor", "from", "src", "source", "origin", "cmp", "campaign",
    "sessionid", "sid", "position", "pagenum", "_ga", "_gl", "hsa_acc", "lipi", "eid", "ebp", "sp", "searchid",
}  # fmt: skip
TRACKING_PREFIXES = ("utm_", "at_", "hsa_", "pk_", "mtm_", "li_")
NEAR_DUPLICATE_RATIO = 95.0


def normalise_url(url: str) -> str:
    """Comparable form of an offer URL: lowercase host without www, no fragment, no tracking params,
    sorted query, no trailing slash. "" for an empty or non-http URL."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)", url):  # mailto:, javascript:... (not host:port)
            return ""
        url = f"https://{url}"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=False)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    path = re.sub(r"/+", "/", parts.path).rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def normalise_text(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: what two copies of an offer share."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def dedup_keys(offer: Offer) -> set[str]:
    """Exact identity keys: two offers sharing any key are the same offer."""
    keys = set()
    url = normalise_url(offer.url)
    if url:
        keys.add(f"url:{url}")
    if offer.source_id and offer.source:
        keys.add(f"id:{fold(offer.source)}:{offer.source_id.strip()}")
    description = normalise_text(offer.description)
    title, company = normalise_text(offer.title), normalise_text(offer.company)
    if description:
        identity = f"{title}|{company}|{description}"
    elif title:
        # Without a description, the same title at the same company can be two jobs in two cities.
        identity = f"{title}|{company}|{normalise_text(offer.location)}|"
    else:
        identity = ""
    if identity:
        keys.add("text:" + hashlib.sha1(identity.encode()).hexdigest())
    return keys


class _Print(NamedTuple):
    """The normalised texts near-duplicate detection compares, computed once per offer."""

    head: str  # title + company
    description: str
    location: str


def _print(offer: Offer) -> _Print:
    return _Print(
        normalise_text(f"{offer.title} {offer.company}"),
        normalise_text(offer.description),
        normalise_text(offer.location),
    )


def _near(a: _Print, b: _Print, threshold: float) -> bool:
    if not a.head or not b.head or fuzz.token_sort_ratio(a.head, b.head) < threshold:
        return False
    if a.description and b.description:
        return fuzz.ratio(a.description, b.description, score_cutoff=threshold) >= threshold
    if a.description or b.description:
        return False
    return a.location == b.location


def near_duplicate(a: Offer, b: Offer, threshold: float = NEAR_DUPLICATE_RATIO) -> bool:
    """Same title and company (token ratio) and near-identical description (ratio), both >= threshold.

    Offers without descriptions must also be in the same place: "Vendeur — Decathlon" in two cities
    are two jobs.
    """
    return _near(_print(a), _print(b), threshold)


def _richer(old: str, new: str) -> str:
    return new if len(new.strip()) > len(old.strip()) else old


def merge(existing: Offer, new: Offer) -> Offer:
    """One offer from two copies: the richer (longer) value of each field; identity fields
    (id, source, source_id, found_at) stay the existing one's unless it has none."""
    update: dict[str, str] = {}
    for name in ("title", "company", "location", "contract", "salary", "description"):
        update[name] = _richer(getattr(existing, name), getattr(new, name))
    for name in ("url", "source", "source_id", "date_posted", "found_at"):
        update[name] = getattr(existing, name) or getattr(new, name)
    if existing.source and new.source and existing.source == new.source:
        update["source_id"] = existing.source_id or new.source_id
    elif not existing.source_id and new.source_id:
        update["source"], update["source_id"] = new.source, new.source_id
    return existing.model_copy(update=update)


def dedupe(offers: Iterable[Offer]) -> list[Offer]:
    """The offers with duplicates merged, in first-seen order.

    Exact keys first; then near duplicates, looking only at offers filed under the same block
    (:func:`_blocks`: title + company words, one word apart at most) whose title + company match
    (rapidfuzz), so a batch of tens of thousands stays fast.
    """
    kept: list[Offer] = []
    prints: list[_Print] = []
    owner: dict[str, int] = {}
    blocks: dict[str, list[int]] = {}
    for offer in offers:
        keys = dedup_keys(offer)
        index = next((owner[k] for k in keys if k in owner), None)
        fingerprint = _print(offer)
        if index is None and fingerprint.head:
            candidates = sorted({i for b in _blocks(fingerprint.head) for i in blocks.get(b, ())})
            heads = [prints[i].head for i in candidates]
            found = process.extract(
                fingerprint.head, heads, scorer=fuzz.token_sort_ratio,
                score_cutoff=NEAR_DUPLICATE_RATIO, limit=None,
            )  # fmt: skip
            index = next(
                (
                    candidates[j]
                    for _, _, j in sorted(found, key=lambda c: c[2])
                    if _near(prints[candidates[j]], fingerprint, NEAR_DUPLICATE_RATIO)
                ),
                None,
            )
        if index is None:
            kept.append(offer)
            prints.append(fingerprint)
            index = len(kept) - 1
        else:
            kept[index] = merge(kept[index], offer)
            prints[index] = _print(kept[index])
        for block in _blocks(prints[index].head):
            members = blocks.setdefault(block, [])
            if not members or members[-1] != index:
                members.append(index)
        for key in dedup_keys(kept[index]) | keys:
            owner.setdefault(key, index)
    return kept


def _blocks(head: str) -> list[str]:
    """Where a title + company is filed for near-duplicate search: its sorted words, and its sorted
    words with one left out.

    Two heads with a token-sort ratio >= 95 differ by a character or two, so by one word at most
    (changed, added or dropped): they then share one of these keys. Comparing only within blocks
    finds those near duplicates in about linear time instead of comparing every pair.
    """
    words = sorted(set(head.split()))
    keys = [" ".join(words)]
    if len(words) > 1:
        keys += [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))]
    return keys

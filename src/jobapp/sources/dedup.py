"""Recognise the same offer seen twice (two boards, a re-import, a URL with tracking parameters).

Three exact keys catch most duplicates cheaply: the URL without tracking noise, the board's own id,
and a hash of the normalised title + company + description. Re-posted offers whose text changed by a
word are caught by :func:`near_duplicate` (fuzzy ratio >= 95). Merging keeps the richer value of each
field, so a bare board card merged with the full page keeps the full description.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz, process

from jobapp.domain import Offer
from jobapp.textfold import fold

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
    plain = _PLAIN_URL.fullmatch(url)
    if plain:  # most board URLs: no query, port or user, so no need for urllib (a third of dedup's time)
        host, path = plain.group(1).lower().removeprefix("www."), plain.group(2) or ""
        return f"https://{host}{re.sub(r'/+', '/', path).rstrip('/') or '/'}"
    return _parsed_url(url)


# scheme://host/path and nothing else, in plain ASCII: what normalise_url can rebuild without urllib
_PLAIN_URL = re.compile(r"https?://([A-Za-z0-9.-]+)(/[\w.~!$&'()*+,;=:@%/-]*)?", re.ASCII)


def _parsed_url(url: str) -> str:
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


_WORD_CHARS = frozenset(string.ascii_lowercase + string.digits)
# fold() answers lowercase ASCII: every other ASCII character separates words. (str.translate of
# ASCII by an ASCII table runs in C, faster than collecting regex matches on long descriptions.)
_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if chr(c) not in _WORD_CHARS})


def normalise_text(text: str) -> str:
    """Lowercase ASCII words ([a-z0-9]+) separated by single spaces: what two copies of an offer share."""
    return " ".join(fold(text).translate(_SEPARATORS).split())


class Fingerprint(NamedTuple):
    """What dedup compares of an offer, normalised once: its exact keys and its near-duplicate texts."""

    keys: frozenset[str]
    head: str  # title + company words
    description: str
    location: str


def fingerprint(offer: Offer) -> Fingerprint:
    return _fingerprint(
        offer.url,
        offer.source,
        offer.source_id,
        offer.title,
        offer.company,
        offer.description,
        offer.location,
    )


# An import fingerprints each offer twice (the file reader's dedupe, then the store's merge plan);
# remembering the latest batch's saves the second pass. Python strings cache their hash, so a
# lookup costs far less than normalising a description again.
@lru_cache(maxsize=32_768)
def _fingerprint(
    url: str, source: str, source_id: str, title: str, company: str, description: str, location: str
) -> Fingerprint:
    title, company = normalise_text(title), normalise_text(company)
    description, location = normalise_text(description), normalise_text(location)
    keys = set()
    url = normalise_url(url)
    if url:
        keys.add(f"url:{url}")
    if source_id and source:
        keys.add(f"id:{fold(source)}:{source_id.strip()}")
    if description:
        identity = f"{title}|{company}|{description}"
    elif title:
        # Without a description, the same title at the same company can be two jobs in two cities.
        identity = f"{title}|{company}|{location}|"
    else:
        identity = ""
    if identity:
        keys.add("text:" + hashlib.sha1(identity.encode()).hexdigest())
    return Fingerprint(frozenset(keys), f"{title} {company}".strip(), description, location)


def dedup_keys(offer: Offer) -> set[str]:
    """Exact identity keys: two offers sharing any key are the same offer."""
    return set(fingerprint(offer).keys)


def _near(a: Fingerprint, b: Fingerprint, threshold: float) -> bool:
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
    return _near(fingerprint(a), fingerprint(b), threshold)


def first_near(probe: Fingerprint, candidates: Sequence[int], prints: Sequence[Fingerprint]) -> int | None:
    """The first of ``candidates`` (indexes into ``prints``) that is a near duplicate of ``probe``.

    rapidfuzz compares the heads of all candidates in one C loop; only those close enough get the
    (longer) description comparison.
    """
    if not probe.head or not candidates:
        return None
    found = process.extract(
        probe.head, [prints[i].head for i in candidates], scorer=fuzz.token_sort_ratio,
        score_cutoff=NEAR_DUPLICATE_RATIO, limit=None,
    )  # fmt: skip
    for _, _, j in sorted(found, key=lambda c: c[2]):
        if _near(prints[candidates[j]], probe, NEAR_DUPLICATE_RATIO):
            return candidates[j]
    return None


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
    (:class:`Blocks`) whose title + company match (rapidfuzz), so a batch of tens of thousands
    stays fast. Each offer is normalised once; a merged one again.
    """
    kept: list[Offer] = []
    prints: list[Fingerprint] = []
    owner: dict[str, int] = {}
    blocks = Blocks()
    for offer in offers:
        probe = fingerprint(offer)
        index = min((owner[k] for k in probe.keys if k in owner), default=None)
        block_keys = Blocks.keys(probe.head)
        if index is None:
            index = first_near(probe, blocks.candidates(block_keys), prints)
        if index is None:
            kept.append(offer)
            prints.append(probe)
            index = len(kept) - 1
        else:
            kept[index] = merge(kept[index], offer)
            prints[index] = fingerprint(kept[index])
            block_keys = Blocks.keys(prints[index].head)
        blocks.add(block_keys, index)
        for key in prints[index].keys | probe.keys:
            owner.setdefault(key, index)
    return kept


class Blocks:
    """Offers filed by title + company for near-duplicate search: under their sorted words, and
    their sorted words with one left out.

    Two heads with a token-sort ratio >= 95 differ by a character or two, so by one word at most
    (changed, added or dropped): they then share one of these keys. Comparing only within blocks
    finds those near duplicates in about linear time instead of comparing every pair.
    """

    def __init__(self) -> None:
        self._members: dict[str, list[int]] = {}

    @staticmethod
    def keys(head: str) -> list[str]:
        """The blocks a title + company (normalised words) is filed under; none for an empty one."""
        words = sorted(set(head.split()))
        if not words:
            return []
        keys = [" ".join(words)]
        if len(words) > 1:
            keys += [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))]
        return keys

    def add(self, keys: list[str], index: int) -> None:
        for key in keys:
            members = self._members.setdefault(key, [])
            if not members or members[-1] != index:
                members.append(index)

    def candidates(self, keys: list[str]) -> list[int]:
        """Indexes filed under any of these blocks, in the order they were first filed."""
        return sorted({i for key in keys for i in self._members.get(key, ())})

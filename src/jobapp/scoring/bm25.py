"""BM25 between one CV and a set of offers, as an absolute 0..1 "lexical coverage".

Why not the raw BM25 score: it grows with the CV's length and depends on the other offers in the
batch, so the same pair would get a different value in another search, and one decision threshold
could not hold. Here the offers are the documents (IDF is computed over them) and the score of a
pair is normalised by the score a CV containing every term of that offer would get:

    lexical(cv, offer) = sum_{t in offer ∩ cv} idf(t) * sat(tf(t, offer))
                         / sum_{t in offer} idf(t) * sat(tf(t, offer))

with BM25's saturation ``sat`` and length normalisation on the offer side. It reads as "how much
of the offer's weighted vocabulary the CV uses", is 0..1, and stays comparable across queries.
IDF uses the +1 form (always positive), so a one-offer batch degrades to plain term coverage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from jobapp.scoring.text import tokens


class BM25Corpus:
    """Offers tokenised once; :meth:`lexical` scores any number of CVs against them."""

    def __init__(self, offer_texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.docs = [Counter(tokens(t)) for t in offer_texts]
        n = len(self.docs)
        lengths = np.array([sum(d.values()) for d in self.docs], dtype=np.float64)
        avg = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(doc.keys())
        self.idf = {t: float(np.log(1.0 + (n - c + 0.5) / (c + 0.5))) for t, c in df.items()}
        # per-offer term weights idf * saturated tf, and their total (the normaliser)
        self.weights: list[dict[str, float]] = []
        self.totals = np.zeros(n, dtype=np.float64)
        for i, doc in enumerate(self.docs):
            norm = self.k1 * (1.0 - self.b + self.b * lengths[i] / avg)
            w = {t: self.idf[t] * tf * (self.k1 + 1.0) / (tf + norm) for t, tf in doc.items()}
            self.weights.append(w)
            self.totals[i] = sum(w.values())

    def lexical(self, cv_text: str) -> np.ndarray:
        """Share (0..1) of each offer's BM25 term mass found in the CV."""
        present = set(tokens(cv_text))
        out = np.zeros(len(self.docs), dtype=np.float64)
        for i, w in enumerate(self.weights):
            if self.totals[i] > 0:
                out[i] = sum(v for t, v in w.items() if t in present) / self.totals[i]
        return out

    def bm25(self, cv_text: str) -> np.ndarray:
        """Classic BM25 of the CV (as a bag of distinct terms) against each offer, unnormalised."""
        present = set(tokens(cv_text))
        return np.array([sum(v for t, v in w.items() if t in present) for w in self.weights])

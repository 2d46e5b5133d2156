"""HTML/markdown to clean text, contract labels, salary text, rate limiter."""

from __future__ import annotations

import threading
import warnings

from hypothesis import given
from hypothesis import strategies as st
from unidecode import unidecode

from jobapp.sources.ratelimit import HostRateLimiter
from jobapp.sources.text import html_to_text, markdown_to_text, normalise_contract, salary_text
from jobapp.textfold import fold, unify_punctuation


def test_html_to_text_keeps_sections_and_lists():
    html = (
        "<div><h2>Vos missions</h2><ul><li>Coder</li><li>Tester&nbsp;le <b>code</b></li></ul>"
        "<script>var x=1;</script><h3>Profil</h3><p>Autonome.<br>Curieux.</p></div>"
    )
    assert html_to_text(html) == "Vos missions\n\n- Coder\n- Tester le code\n\nProfil\n\nAutonome.\nCurieux."
    assert html_to_text("&lt;p&gt;Double&lt;/p&gt;&lt;p&gt;échappé&lt;/p&gt;") == "Double\n\néchappé"
    assert html_to_text("Texte   brut\n\n\n\nsuite") == "Texte brut\n\nsuite"
    assert html_to_text("") == ""


def test_markdown_to_text():
    md = "## Missions\n\n* **Coder** en [Python](https://python.org)\n* Tester\\-vite"
    assert markdown_to_text(md) == "Missions\n\n- Coder en Python\n- Tester-vite"


def test_contract_labels():
    assert normalise_contract("CDI") == "cdi"
    assert normalise_contract("FULL_TIME, PERMANENT") == "cdi"
    assert normalise_contract("Contrat à durée déterminée") == "cdd"
    assert normalise_contract("Intérim") == "intérim"
    assert normalise_contract("Apprentissage") == "alternance"
    assert normalise_contract("INTERN") == "stage"
    assert normalise_contract("PART_TIME") == "temps partiel"
    assert normalise_contract("Contrat de chantier") == "Contrat de chantier"  # unknown text kept
    assert normalise_contract("") == ""


def test_salary_text():
    assert salary_text(45000, 60000, "EUR", "yearly") == "45 000 - 60 000 EUR / year"
    assert salary_text(12.5, None, "€", "heure") == "12.50 EUR / hour"
    assert salary_text(None, None, "EUR") == ""
    assert salary_text(float("nan"), 2000, None, None) == "2 000"


def test_rate_limiter_spaces_requests_per_host():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    limiter = HostRateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    assert limiter.wait("a.fr") == 0
    assert limiter.wait("A.fr") == 2.0  # same host, case-insensitive
    assert limiter.wait("b.fr") == 0  # another host is not delayed
    now[0] += 10
    assert limiter.wait("a.fr") == 0
    assert slept == [2.0]


def test_rate_limiter_is_thread_safe():
    limiter = HostRateLimiter(1.0, sleep=lambda s: None)
    delays = []
    lock = threading.Lock()

    def worker():
        d = limiter.reserve("jobs.fr")
        with lock:
            delays.append(round(d))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(delays) == list(range(8)), "each thread got its own one-second slot"


@given(st.text(max_size=60))
def test_fold_gives_what_unidecode_gives_for_any_text(text: str) -> None:
    """fold translates Latin text with a precomputed table (for speed): the result is unidecode's,
    after curly quotes, guillemets, dashes and odd spaces are made their plain ASCII forms."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unidecode warns about surrogates
        assert fold(text) == unidecode(unify_punctuation(text)).lower().strip()


def test_fold_examples() -> None:
    assert fold("Profil_Recherché") == "profil_recherche"
    assert fold("  ÉLECTRICIEN Œuvre  ") == "electricien oeuvre"
    assert fold("") == ""

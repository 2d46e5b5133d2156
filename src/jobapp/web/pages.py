"""The pages blueprint: the single-page guided flow at ``/`` and the language switch.

The page itself is a Jinja template (autoescaped) carrying the CSRF token in a ``<meta>`` tag and
the UI strings as a JSON data block; everything dynamic is drawn by ``static/js`` from the JSON API
(charts included, as plain SVG), so the app works offline under ``script-src 'self'``.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from jobapp import __version__
from jobapp.steps.base import STEPS
from jobapp.web import i18n
from jobapp.web.security import csrf_token

bp = Blueprint("pages", __name__)

#: Cards of the flow: step name -> export files (store.export names) offered for download.
STEP_EXPORTS: dict[str, tuple[str, ...]] = {
    "collect": ("1_offers",), "summarise": ("2_offer_summaries",), "convert": ("3_cvs",),
    "profile": ("4_cv_profiles",), "match": ("5_6_matches",), "rerank": ("5_6_matches",),
    "explain": ("7_explanations",),
}  # fmt: skip
CONTRACTS = ("cdi", "cdd", "intérim", "stage", "alternance", "freelance", "temps plein", "temps partiel")


@bp.get("/")
def index() -> str:
    from jobapp.sources.boards import BOARDS
    from jobapp.web.api import state_payload

    lang = i18n.choose_language(request)
    # The first state is in the page itself: the scripts draw it without asking /api/state again,
    # and the page is laid out results first when a ranking exists (no jump once scripts run).
    state = state_payload()
    return render_template(
        "index.html",
        lang=lang,
        state=state,
        ranked=state["counts"]["matches"] > 0,
        other_lang="en" if lang == "fr" else "fr",
        t=lambda key, **kw: i18n.translate(lang, key, **kw),
        strings=i18n.strings(lang),
        csrf=csrf_token(),
        steps=STEPS,
        exports=STEP_EXPORTS,
        boards=list(BOARDS),
        contracts=CONTRACTS,
        version=__version__,
    )


@bp.get("/lang/<code>")
def switch_language(code: str) -> Response:
    """Remember the chosen language in a cookie and go back to the page (works without JS too)."""
    if code not in i18n.LANGUAGES:
        abort(404)
    resp = redirect(url_for("pages.index"))
    resp.set_cookie(i18n.COOKIE, code, max_age=365 * 24 * 3600, samesite="Strict", httponly=False)
    return resp  # type: ignore[return-value]

"""The OpenAPI document of /api, built from the same pydantic models that validate the bodies.

It is what API clients read and what the fuzzing test (schemathesis) generates requests from, so it
declares what the routes really take: typed path and query parameters, each operation's success
status, and links from a created run or CV to the operations that read or delete it (so a stateful
fuzzer reaches real ids, not only random ones). A test checks it lists exactly Flask's /api routes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jobapp import __version__
from jobapp.web import schemas

_ID: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}  # a database row id
_PATH_ID = {**_ID, "examples": [1]}  # the first record: fuzzing then reaches real ones, not only 404s
_TEXT: dict[str, Any] = {"type": "string", "maxLength": 200}
# Path parameters other than record ids ("/export/{name}.{fmt}").
_PATH: dict[str, dict[str, Any]] = {
    "name": {"type": "string", "pattern": r"^[^./]+$", "examples": ["1_offers", "3_cvs", "5_6_matches"]},
    "fmt": {"type": "string", "enum": ["csv", "json"]},
}

# Query parameters the routes read (a route names the ones it takes).
QUERY: dict[str, tuple[dict[str, Any], str]] = {
    "min_score": ({"type": "number"}, "Keep offers scored at least this (0-100)"),
    "keyword": (_TEXT, "Words in the offer's title or description"),
    "location": (_TEXT, "Part of the offer's location"),
    "contract": (_TEXT, "Part of the offer's contract type"),
    "board": (_TEXT, "Part of the offer's source"),
    "sort": ({"type": "string", "enum": ["score", "date", "title"]}, "Order of the results"),
    "limit": ({"type": "integer", "minimum": 1, "maximum": 200}, "How many runs (clamped to 1-200)"),
    "after": (_ID, "Only events after this event id"),
    "run_id": (_ID, "The run (default: the latest)"),
    "runs": ({"type": "integer", "minimum": 1, "maximum": 50}, "Without run_id: how many latest runs (1-50)"),
}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    summary: str
    status: int = 200
    body: str | None = None  # a model of schemas.BODIES
    upload: tuple[str, ...] = ()  # multipart/form-data: a "file" field, then optional text fields
    query: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # names in LINKS: operations fed by this one's answer
    may_queue: bool = False  # a large input is queued instead: 202 with the started run


_RUN_LINKS = ("GetRun", "RunEvents", "CancelRun")

ROUTES: list[Route] = [
    Route("get", "/api/openapi.json", "This document"),
    Route("get", "/api/health", "Liveness"),
    Route("get", "/api/csrf", "CSRF token to send in X-CSRF-Token on state-changing requests"),
    Route("get", "/api/state", "What each step has and whether its inputs are there"),
    Route("get", "/api/offers", "Stored offers", links=("GetOffer", "OfferFeedback")),
    Route("delete", "/api/offers", "Delete all offers"),
    Route("get", "/api/offers/{offer_id}", "One offer and where/when it was found"),
    Route(
        "post",
        "/api/offers/import",
        "Import a CSV/JSON file of offers (a large one starts a run)",
        status=201,
        upload=("file",),
        may_queue=True,
    ),
    Route(
        "post",
        "/api/offers/url",
        "Collect one offer from its URL (starts a run)",
        202,
        "UrlBody",
        links=_RUN_LINKS,
    ),
    Route(
        "post",
        "/api/offers/paste",
        "Collect a pasted offer (starts a run)",
        202,
        "PasteBody",
        links=_RUN_LINKS,
    ),
    Route(
        "post", "/api/offers/search", "Search job boards (starts a run)", 202, "SearchBody", links=_RUN_LINKS
    ),
    Route("post", "/api/demo", "Load the example data: demo offers and a demo CV", 201),
    Route("get", "/api/summaries", "Offer summaries (step 2)"),
    Route(
        "post",
        "/api/cv",
        "Upload a CV (PDF, DOCX, TXT) and convert it (step 3)",
        201,
        upload=("file", "keep"),
    ),
    Route("get", "/api/cv", "The current CV's text", links=("DeleteCv",)),
    Route("get", "/api/cv/profile", "The current CV's anonymised profile (step 4)"),
    Route("get", "/api/cv/anonymised", "The CV text exactly as models receive it, with redactions"),
    Route("get", "/api/cvs", "Stored CVs and the CV files kept on request"),
    Route("delete", "/api/cv/{cv_id}", "Delete a CV and every record derived from it"),
    Route("post", "/api/forget", "Delete my data: every CV and all that derives from it", body="ForgetBody"),
    Route(
        "get",
        "/api/results",
        "Ranked offers with filters (steps 5-7)",
        query=("min_score", "keyword", "location", "contract", "board", "sort"),
    ),
    Route(
        "post", "/api/feedback/{offer_id}", "Thumbs and application status of an offer", body="FeedbackBody"
    ),
    Route("post", "/api/runs", "Start a run of some steps", 202, "RunBody", links=_RUN_LINKS),
    Route("get", "/api/runs", "Latest runs", query=("limit",)),
    Route("get", "/api/runs/{run_id}", "A run with per-step progress and timings"),
    Route("get", "/api/runs/{run_id}/events", "A run's log events after an id", query=("after",)),
    Route("post", "/api/runs/{run_id}/cancel", "Cancel a run"),
    Route(
        "get",
        "/api/timings",
        "Time per step of a run (by default the latest, or the latest `runs` runs)",
        query=("run_id", "runs"),
    ),
    Route("get", "/api/export/{name}.{fmt}", "Download a step's results as CSV or JSON"),
]

# name -> (target method, target path, its path parameter, where the value is in this answer)
LINKS: dict[str, tuple[str, str, str, str]] = {
    "GetRun": ("get", "/api/runs/{run_id}", "run_id", "$response.body#/id"),
    "RunEvents": ("get", "/api/runs/{run_id}/events", "run_id", "$response.body#/id"),
    "CancelRun": ("post", "/api/runs/{run_id}/cancel", "run_id", "$response.body#/id"),
    "GetOffer": ("get", "/api/offers/{offer_id}", "offer_id", "$response.body#/0/id"),
    "OfferFeedback": ("post", "/api/feedback/{offer_id}", "offer_id", "$response.body#/0/id"),
    "DeleteCv": ("delete", "/api/cv/{cv_id}", "cv_id", "$response.body#/id"),
}

_ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}, "hint": {"type": "string"}},
    "required": ["error", "message"],
}
_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
_FORM_FIELDS: dict[str, dict[str, Any]] = {
    "file": {"type": "string", "format": "binary"},
    "keep": {"type": "string", "description": "'true' keeps the CV file too (default: its text only)"},
}


def operation_id(method: str, path: str) -> str:
    """'post', '/api/runs/{run_id}/cancel' -> 'post_runs_run_id_cancel'."""
    words = re.findall(r"[a-z0-9_]+", path.removeprefix("/api").lower())
    return "_".join([method, *words])


def _parameters(route: Route) -> list[dict[str, Any]]:
    params = []
    for name in re.findall(r"{(\w+)}", route.path):  # also both of "/export/{name}.{fmt}"
        schema = _PATH_ID if name.endswith("_id") else _PATH[name]
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    for name in route.query:
        schema, description = QUERY[name]
        params.append({"name": name, "in": "query", "schema": schema, "description": description})
    return params


def _success(description: str, links: tuple[str, ...]) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description}
    if links:
        response["links"] = {
            name: {
                "operationId": operation_id(LINKS[name][0], LINKS[name][1]),
                "parameters": {LINKS[name][2]: LINKS[name][3]},
            }
            for name in links
        }
    return response


def _operation(route: Route, components: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": operation_id(route.method, route.path),
        "summary": route.summary,
        "responses": {
            str(route.status): _success("OK", route.links),
            "400": {"description": "Bad input", "content": _ERROR_CONTENT},
        },
    }
    if route.may_queue:
        op["responses"]["202"] = _success("Queued: the run that does it", _RUN_LINKS)
    params = _parameters(route)
    if params:
        op["parameters"] = params
    if "{" in route.path:
        op["responses"]["404"] = {"description": "No such record", "content": _ERROR_CONTENT}
    if route.body:
        schema = schemas.BODIES[route.body].model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(schema.pop("$defs", {}))
        components[route.body] = schema
        ref = {"$ref": f"#/components/schemas/{route.body}"}
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref}}}
        op["responses"]["422"] = {"description": "Invalid body", "content": _ERROR_CONTENT}
    if route.upload:
        form = {
            "type": "object",
            "properties": {name: _FORM_FIELDS[name] for name in route.upload},
            "required": ["file"],
        }
        op["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": form}}}
        op["responses"]["413"] = {"description": "Upload too large", "content": _ERROR_CONTENT}
    return op


def document() -> dict[str, Any]:
    components: dict[str, Any] = {"Error": _ERROR}
    paths: dict[str, Any] = {}
    for route in ROUTES:
        paths.setdefault(route.path, {})[route.method] = _operation(route, components)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Job App Assistant API", "version": __version__},
        "paths": paths,
        "components": {"schemas": components},
    }

"""The OpenAPI document of /api, built from the same pydantic models that validate the bodies."""

from __future__ import annotations

import re
from typing import Any

from jobapp import __version__
from jobapp.web import schemas

# (method, path, summary, body model name or None, multipart upload?)
ROUTES: list[tuple[str, str, str, str | None, bool]] = [
    ("get", "/api/health", "Liveness", None, False),
    ("get", "/api/csrf", "CSRF token to send in X-CSRF-Token on state-changing requests", None, False),
    ("get", "/api/state", "What each step has and whether its inputs are there", None, False),
    ("get", "/api/offers", "Stored offers", None, False),
    ("delete", "/api/offers", "Delete all offers", None, False),
    ("get", "/api/offers/{offer_id}", "One offer and where/when it was found", None, False),
    ("post", "/api/offers/import", "Import a CSV/JSON file of offers", None, True),
    ("post", "/api/offers/url", "Collect one offer from its URL (starts a run)", "UrlBody", False),
    ("post", "/api/offers/paste", "Collect a pasted offer (starts a run)", "PasteBody", False),
    ("post", "/api/offers/search", "Search job boards (starts a run)", "SearchBody", False),
    ("get", "/api/summaries", "Offer summaries (step 2)", None, False),
    ("post", "/api/cv", "Upload a CV (PDF, DOCX, TXT) and convert it (step 3)", None, True),
    ("get", "/api/cv", "The current CV's text", None, False),
    ("get", "/api/cv/profile", "The current CV's anonymised profile (step 4)", None, False),
    ("get", "/api/cv/anonymised", "The CV text exactly as models receive it, with redactions", None, False),
    ("get", "/api/cvs", "Stored CVs and the CV files kept on request", None, False),
    ("delete", "/api/cv/{cv_id}", "Delete a CV and every record derived from it", None, False),
    ("post", "/api/forget", "Delete my data: every CV and all that derives from it", "ForgetBody", False),
    ("get", "/api/results", "Ranked offers with filters (steps 5-7)", None, False),
    ("post", "/api/feedback/{offer_id}", "Thumbs and application status of an offer", "FeedbackBody", False),
    ("post", "/api/runs", "Start a run of some steps", "RunBody", False),
    ("get", "/api/runs", "Latest runs", None, False),
    ("get", "/api/runs/{run_id}", "A run with per-step progress and timings", None, False),
    ("get", "/api/runs/{run_id}/events", "A run's log events after an id", None, False),
    ("post", "/api/runs/{run_id}/cancel", "Cancel a run", None, False),
    ("get", "/api/timings", "Time per step of a run (latest by default)", None, False),
    ("get", "/api/export/{name}.{fmt}", "Download a step's results as CSV or JSON", None, False),
]

_ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}, "hint": {"type": "string"}},
    "required": ["error", "message"],
}


def document() -> dict[str, Any]:
    components: dict[str, Any] = {"Error": _ERROR}
    paths: dict[str, Any] = {}
    for method, path, summary, body, multipart in ROUTES:
        op: dict[str, Any] = {
            "summary": summary,
            "responses": {
                "200": {"description": "OK"},
                "400": {
                    "description": "Bad input",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                },
            },
        }
        params = re.findall(r"{(\w+)}", path)  # also both of "/export/{name}.{fmt}"
        if params:
            op["parameters"] = [
                {"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params
            ]
        if body:
            schema = schemas.BODIES[body].model_json_schema(ref_template="#/components/schemas/{model}")
            for name, sub in schema.pop("$defs", {}).items():
                components[name] = sub
            components[body] = schema
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
            }
            op["responses"]["422"] = {"description": "Invalid body"}
        if multipart:
            op["requestBody"] = {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {"file": {"type": "string", "format": "binary"}},
                            "required": ["file"],
                        }
                    }
                },
            }
            op["responses"]["413"] = {"description": "Upload too large"}
        paths.setdefault(path.replace(".{fmt}", ".{fmt}"), {})[method] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "Job App Assistant API", "version": __version__},
        "paths": paths,
        "components": {"schemas": components},
    }

"""The error answers and limits of the API, added to the OpenAPI schema in one place (a drf-spectacular
postprocessing hook, ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``) instead of a decorator on every view.

Which operation can answer what follows from how the views work (``api.views``):

- every operation: 401 (no or a bad token / session), 403 (authenticated but not allowed: a read-only role writing,
  an object readable but not editable), 406 (an ``Accept`` header the API cannot satisfy);
- an operation with a path parameter: 404 (unknown, or outside the caller's scope: the two answer the same);
- a list: 400 (a filter, ``ordering``, ``page_size`` out of 1–``MAX_PAGE_SIZE``) and 404 (a page past the end);
- a write with a body (POST, PUT, PATCH): 400 (the validation error shape), 413 (body over ``API_MAX_BODY_BYTES``),
  415 (a content type other than JSON, form or multipart);
- ``EXTRA``: answers particular to one operation (a draft that counts cannot be deleted: 409; an organization that
  still has children or drafts: 400; the coverage query: 400 and 404).

``api/tests/test_schema_errors.py`` walks the generated schema and fails when an operation lacks them.
"""

from django.conf import settings

from .pagination import MAX_PAGE_SIZE

ERROR = {"$ref": "#/components/schemas/Error"}
VALIDATION_ERROR = {"$ref": "#/components/schemas/ValidationError"}

COMPONENTS = {
    "Error": {
        "type": "object",
        "description": "An error with one message, in the request's language (Accept-Language: vi or en).",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationError": {
        "type": "object",
        "description": (
            "Field errors: each invalid field (or `non_field_errors`) maps to a list of messages in the request's "
            "language; a nested field maps to an object of the same shape. A malformed body answers `detail`."
        ),
        "properties": {
            "detail": {"type": "string"},
            "non_field_errors": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": {
            "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object", "additionalProperties": True}]
        },
    },
}

DESCRIPTIONS = {
    "400": "Invalid input: the validation error shape, one list of messages per field.",
    "401": "Not authenticated: no, an unknown or an inactive token (header `Authorization: Token …`) or session.",
    "403": "Authenticated but not allowed (read-only role, or a record you can read but not change).",
    "404": "Not found, or outside your scope (both answer the same).",
    "406": "The `Accept` header asks for a type the API does not produce (it answers JSON).",
    "409": "The record's state forbids this (see the operation's description).",
    "413": "The request body is larger than the limit (see the API description).",
    "415": "The request's content type is not JSON, form or multipart.",
}

WRITE_METHODS = {"post", "put", "patch"}

EXTRA = {
    ("/api/v1/drafts/{id}/", "delete"): {
        "409": (
            "The draft counts in a year's coverage or falls in a signed-off year: withdraw it instead "
            "(PATCH `status` = `withdrawn`); only an administrator deletes it, in the administration site."
        ),
    },
    ("/api/v1/organizations/{code}/", "delete"): {"400": DESCRIPTIONS["400"]},
    ("/api/v1/coverage/", "get"): {"400": DESCRIPTIONS["400"], "404": DESCRIPTIONS["404"]},
}


def expected_errors(path: str, method: str, operation: dict) -> dict[str, str]:
    """Status code → description of every error answer the operation can give."""
    codes = {code: DESCRIPTIONS[code] for code in ("401", "403", "406")}
    if "{" in path:
        codes["404"] = DESCRIPTIONS["404"]
    if any(p.get("name") == "page" for p in operation.get("parameters", [])):
        codes["400"] = DESCRIPTIONS["400"]
        codes["404"] = "Not found, or a page past the last one."
    if method in WRITE_METHODS:
        codes.update({code: DESCRIPTIONS[code] for code in ("400", "413", "415")})
    codes.update(EXTRA.get((path, method), {}))
    return codes


def limits_description() -> str:
    rest = settings.REST_FRAMEWORK
    return (
        "\n\n## Limits\n\n"
        f"- Lists: `page` from 1, `page_size` from 1 to {MAX_PAGE_SIZE} (default {rest['PAGE_SIZE']}); "
        "outside that range the API answers 400, a page past the last one 404.\n"
        f"- Request body: at most {settings.API_MAX_BODY_BYTES:,} bytes (413 above).\n"
        "- Text fields: the `maxLength` of each field in the schemas below; numbers and dates: their "
        "`minimum`/`maximum`.\n"
        "- Rate: the API itself does not throttle (no 429); the login page locks an account after "
        f"{settings.AXES_FAILURE_LIMIT} failed attempts, which does not concern tokens.\n"
        "- 405 answers a method an operation does not list (e.g. PUT on a list).\n"
        "- Messages follow `Accept-Language` (`vi`, the default, or `en`)."
    )


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers and limits above, on every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in COMPONENTS.items():
        schemas.setdefault(name, schema)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, description in expected_errors(path, method, operation).items():
                body = VALIDATION_ERROR if code == "400" else ERROR
                content = {"application/json": {"schema": body}}
                responses.setdefault(code, {"description": description, "content": content})
    info = result.setdefault("info", {})
    info["description"] = info.get("description", "") + limits_description()
    return result

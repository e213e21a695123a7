"""
A proposal-tracking portal's back end: gxai_policy's records as FastAPI bodies and responses.

Run it with ``uvicorn app:app`` (uvicorn is not needed for the tests).
Every body is loaded by gxai_policy (strict, unknown keys refused), so a
bad one gets a 422 listing every violation: its code as ``type``, the
place as ``loc``, the English message as ``msg`` and the Chinese one in
``ctx.message_zh``.  Responses are gxai_policy's wire format, and
``/openapi.json`` describes bodies with gxai_policy's JSON Schema.

The store is a dict in memory: enough to show the edges, not a database.
"""

from __future__ import annotations

from typing import Annotated

import pendulum
from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse

import gxai_policy as gp
from gxai_policy.pydantic import Validated, Wire

app = FastAPI(title="Proposal-tracking portal", version="0.1.0")

#: The records received, by key.  Module-level for the example; a real portal has a database.
ENTERPRISES: dict[str, gp.Enterprise] = {}
SUBSIDIES: list[gp.Subsidy] = []
REPLIES: list[gp.Reply] = []

#: Letters are posted as the text a department published.
_TEXT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/plain": {"schema": {"type": "string"}}},
    }
}


@app.exception_handler(gp.GxaiPolicyError)
async def library_error(_: Request, error: Exception) -> JSONResponse:
    """
    A letter that cannot be read (or a record refused inside a handler): 422 with the error's body.
    """
    body = error.to_dict() if isinstance(error, gp.ValidationError | gp.ParseError) else {}
    return JSONResponse(status_code=422, content=body)


@app.post("/enterprises")
def add_enterprise(
    enterprise: Annotated[gp.Enterprise, Validated(), Body()],
) -> Wire[gp.Enterprise]:
    """
    Register an enterprise, keyed by its USCC (统一社会信用代码).
    """
    ENTERPRISES[str(enterprise.uscc)] = enterprise
    return enterprise


@app.get("/enterprises/{uscc}")
def get_enterprise(uscc: Wire[gp.USCC]) -> Wire[gp.Enterprise]:
    """
    An enterprise by its USCC; a malformed code is a 422 with gxai_policy's code.
    """
    found = ENTERPRISES.get(str(uscc))
    if found is None:
        raise HTTPException(status_code=404, detail=f"no enterprise {uscc}")
    return found


@app.post("/subsidies")
def add_subsidy(subsidy: Annotated[gp.Subsidy, Validated(), Body()]) -> Wire[gp.Subsidy]:
    """
    Record a subsidy (补助) granted to a recipient.
    """
    SUBSIDIES.append(subsidy)
    return subsidy


@app.post("/replies", openapi_extra=_TEXT_BODY)
async def add_reply(request: Request) -> Wire[gp.Reply]:
    """
    Read a reply letter (答复的函) from its text and keep it; a text that is not one is a 422.
    """
    text = (await request.body()).decode("utf-8", errors="replace")
    reply = gp.parse_reply(text)
    REPLIES.append(reply)
    return reply


@app.get("/replies/{number}")
def get_reply(number: int) -> Wire[gp.Reply]:
    """
    A reply received, by its 1-based number.
    """
    if not 1 <= number <= len(REPLIES):
        raise HTTPException(status_code=404, detail=f"no reply {number}")
    return REPLIES[number - 1]


@app.post("/check")
def check(
    dataset: Annotated[gp.Dataset, Validated(), Body()],
    as_of: Annotated[Wire[pendulum.Date] | None, Query()] = None,
) -> list[dict[str, str]]:
    """
    Every finding about a bundle of records as of a day: deadlines passed, caps, bad references.
    """
    return [finding.to_dict() for finding in gp.check(dataset, as_of=as_of)]


@app.get("/replies/{number}/findings")
def reply_findings(
    number: int, as_of: Annotated[Wire[pendulum.Date] | None, Query()] = None
) -> list[dict[str, str]]:
    """
    The findings about one reply received, as of a day (a missing 成文日期, a missing contact …).
    """
    return [finding.to_dict() for finding in gp.check(get_reply(number), as_of=as_of)]

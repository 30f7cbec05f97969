"""The public figures as JSON: the same numbers as the pages, per agency, institution type, service
and kecamatan, and where citizens ask for what. No sign-in; cacheable (see `cache`).

A list gives each group's figures for all time and its trust week by week; one group
(`/v1/public/agencies/{code}`, the link target of the agency console) adds every week and month.
"""

from __future__ import annotations

from typing import Annotated, Any

from dekat.errors import refused
from dekat.service import Pool
from fastapi import APIRouter, Path, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from intake.figures import snapshots
from intake.public import cache
from intake.public.cache import Current

router = APIRouter(prefix="/v1/public", tags=["public figures"])
LISTS = {"agencies": "agencies", "kinds": "kinds", "services": "services", "areas": "kecamatan"}


def trend_of(group: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"period": w["period"], "received": w["received"], "ikm": w["survey"]["ikm"],
         "trust": {k: w["trust"][k] for k in ("score", "low", "high", "answers")}}
        for w in group["weeks"]
    ]  # fmt: skip


def compact(group: dict[str, Any]) -> dict[str, Any]:
    """A group's figures for all time, and its trust week by week."""
    return {**{k: v for k, v in group.items() if k not in ("weeks", "months")}, "trend": trend_of(group)}


def about(document: dict[str, Any], snapshot_id: int) -> dict[str, Any]:
    return {
        "as_of": document["as_of"],
        "snapshot": snapshot_id,
        "formula": document["formula"],
        "licence": document["licence"],
    }


def answer(request: Request, snapshot: snapshots.Snapshot, body: dict[str, Any]) -> Response:
    tag = cache.etag(snapshot, request)
    return cache.unchanged(request, tag) or JSONResponse(jsonable_encoder(body), headers=cache.headers(tag))


def listed(kind: str) -> Any:
    async def every(request: Request, snapshot: Current) -> Response:
        document = snapshot.document
        body = {**about(document, snapshot.id), kind: [compact(g) for g in document[LISTS[kind]]]}
        if kind == "areas":
            body["kelurahan"] = document["demand"]
        return answer(request, snapshot, body)

    async def one(code: str, request: Request, snapshot: Current) -> Response:
        found = next((g for g in snapshot.document[LISTS[kind]] if g["code"] == code), None)
        if found is None:
            raise refused(404, "nothing published under this code", field="code")
        return answer(request, snapshot, {**about(snapshot.document, snapshot.id), **found})

    return every, one


for name in LISTS:
    every, one = listed(name)
    router.add_api_route(
        f"/{name}", every, methods=["GET"], summary=f"Figures per {name}", responses={304: {}, 503: {}}
    )
    router.add_api_route(
        f"/{name}/{{code}}", one, methods=["GET"], summary=f"One of the {name}, every week and month",
        responses={304: {}, 404: {}, 503: {}},
    )  # fmt: skip


@router.get("/formula", responses={304: {}, 503: {}})
async def formula(request: Request, snapshot: Current) -> Response:
    """How the trust index and the IKM were computed: version, weights, minimum, band, grades."""
    return answer(request, snapshot, about(snapshot.document, snapshot.id))


@router.get("/snapshots")
async def kept(pool: Pool) -> JSONResponse:
    """Every published snapshot kept (the newest, and the last of each week), with its formula version."""
    async with pool.acquire() as conn:
        found = await snapshots.listing(conn)
    return JSONResponse(
        jsonable_encoder({"snapshots": found}), headers={"Cache-Control": "public, max-age=60"}
    )


@router.get("/snapshots/{snapshot_id}", responses={404: {}})
async def one_snapshot(snapshot_id: Annotated[int, Path(ge=1, le=2**63 - 1)], pool: Pool) -> JSONResponse:
    """A published snapshot as it was: its figures carry their parts, so its scores can be recomputed
    with the formula of its version."""
    async with pool.acquire() as conn:
        found = await snapshots.by_id(conn, snapshot_id)
    if found is None:
        raise refused(404, "no such snapshot", field="snapshot_id")
    body = {"id": found.id, "formula_version": found.formula, **found.document}
    return JSONResponse(
        jsonable_encoder(body), headers={"ETag": found.etag, "Cache-Control": "public, max-age=86400"}
    )

"""Write routes: upload a file to ingest, or a text file to code (token needed, see security.py)."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, Response, UploadFile

from dyadwatch.errors import InputError
from dyadwatch.report.facts import records
from dyadwatch.sources.registry import reader_names
from dyadwatch.web import params
from dyadwatch.web.routes.data import access, dumps
from dyadwatch.web.security import require_token, upload_limit

router = APIRouter(prefix="/api", tags=["write"], dependencies=[Depends(require_token)])

#: Names the ingest command accepts besides the registered readers.
INGEST_ALIASES = ("auto", "gdelt")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_DATASET_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


@contextmanager
def saved_upload(upload: UploadFile) -> Iterator[Path]:
    """The upload in a private temporary folder under its own (cleaned) name, size-checked while copied."""
    limit = upload_limit()
    name = _SAFE_NAME.sub("_", Path(upload.filename or "upload").name).lstrip(".") or "upload"
    folder = Path(tempfile.mkdtemp(prefix="dyadwatch-upload-"))
    target = folder / name
    try:
        size = 0
        with open(target, "wb") as out:
            while chunk := upload.file.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise HTTPException(status_code=413, detail=f"upload is over the limit of {limit} bytes")
                out.write(chunk)
        if size == 0:
            raise InputError("the uploaded file is empty", path=name, field="file")
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.post("/ingest", summary="Upload a GDELT, ICEWS or POLECAT file and add its events to the store")
def ingest(request: Request, file: Annotated[UploadFile, File(description="The file to ingest (plain, .zip or .gz).")],
           format: Annotated[str, Form(description="auto, gdelt, or a reader name (gdelt1, gdelt2, icews, polecat, ...).")] = "auto") -> Response:
    allowed = (*INGEST_ALIASES, *reader_names())
    if format not in allowed:
        raise InputError(f"{format!r} is not one of {', '.join(allowed)}", field="format")
    with saved_upload(file) as path, access(request).write() as store:
        results = store.ingest(path, format=format)
    return Response(dumps({"files": [r.as_dict() for r in results]}), media_type="application/json")


@router.post("/code", summary="Upload news text, code it into CAMEO/PLOVER events, and optionally store them")
def code(request: Request,
         file: Annotated[UploadFile, File(description="News text: plain text, JSON lines (id, date, title, text, url), HTML or RSS/Atom.")],
         format: Annotated[str, Form(description="auto, txt, jsonl, html or rss.")] = "auto",
         date: Annotated[str | None, Form(description="Date of documents that carry none (YYYY-MM-DD).")] = None,
         coder: Annotated[str, Form(description="Registered coder name.")] = "rules.v1",
         store: Annotated[bool, Form(description="Also add the events to the store as dataset text:NAME.")] = False,
         dataset: Annotated[str, Form(description="NAME of the text:NAME dataset when storing.")] = "upload",
         ) -> Response:
    from dyadwatch.coding.documents import FORMATS
    from dyadwatch.coding.pipeline import code_files, store_frame
    from dyadwatch.coding.registry import coder_names

    fmt = params.choice(format, FORMATS, "format")
    coder_name = params.choice(coder, coder_names(), "coder")
    default_date = params.date(date, "date")
    if not _DATASET_NAME.match(dataset):
        raise InputError(f"{dataset!r} is not a dataset name (letters, digits, _ . -; at most 40)", field="dataset")
    with saved_upload(file) as path:
        result = code_files([path], fmt=fmt, default_date=default_date, coder=coder_name)
    rep = result.report
    out: dict[str, Any] = {
        "coder": result.coder, "documents": {"read": rep.read, "coded": result.coded, "skipped": rep.skipped},
        "skips": [{"line": s.line, "reason": s.reason} for s in rep.skips[:100]],
        "count": len(result.events), "events": records(result.events),
    }
    if rep.failed:
        raise InputError("; ".join(str(e) for e in rep.failed), field="file")
    if store and len(result.events):
        with access(request).write() as writer:
            res = writer.add_events(store_frame(result.events), dataset=f"text:{dataset}", source=f"POST /api/code {file.filename or ''}"[:500])
        out["stored"] = res.as_dict()
    return Response(dumps(out), media_type="application/json")

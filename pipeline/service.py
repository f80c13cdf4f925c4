"""vnie over HTTP: a FastAPI application and a one-page article viewer.

    $ vnie serve --port 8000
    $ curl -s localhost:8000/extract -H 'content-type: application/json' \\
        -d '{"text": "Sáng 18-1, ông Lê Văn Nưng dự hội nghị.", "published": "2021-01-18"}'

``POST /extract`` returns the same dict as :func:`pipeline.extract`; ``POST /extract/batch``
a list of them; ``POST /annotate`` adds the normalized text and the highlight marks the
page draws; ``GET /`` is the page; ``GET /docs`` the OpenAPI docs.

The spaCy pipeline is loaded once per worker, when the application starts, and every call
into it holds one lock: spaCy does not promise that one ``Language`` may run in two
threads at once, and FastAPI runs these synchronous endpoints in a thread pool.
"""
from __future__ import annotations

import threading
import time
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable

import regex
from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field, field_validator
from spacy.language import Language
from starlette.exceptions import HTTPException as StarletteHTTPException
from spacy.tokens import Doc

HERE = Path(__file__).parent
DEFAULT_MAX_CHARS = 100_000
DEFAULT_MAX_BATCH = 100
# the tables of a record whose items carry mentions, in the order the page lists them
KINDS = ("persons", "organizations", "locations", "dates", "statistics", "awards")
# a lone UTF-16 surrogate ("\ud800" in JSON) cannot be encoded, so no stage could use it
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_ISO = regex.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?")


class Article(BaseModel):
    """One article to extract from."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "Sáng 18-1, ông Lê Văn Nưng, Phó Bí thư Tỉnh ủy, dự hội nghị.",
        "doc_id": "bai-1", "published": "2021-01-18"}]})

    text: str = Field(description="the article as plain text (UTF-8)")
    doc_id: str | None = Field(None, max_length=500, description="copied into the record")
    published: str | None = Field(
        None, description="ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDTHH:MM); overrides the dateline "
                          "and resolves dates printed without a year")

    @field_validator("text")
    @classmethod
    def _encodable(cls, text: str) -> str:
        if _SURROGATE.search(text):
            raise ValueError("text contains an unpaired UTF-16 surrogate (broken Unicode)")
        return text

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        try:
            if not _ISO.fullmatch(value):
                raise ValueError
            datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("published must be an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM") from None
        return value[:16]  # seconds dropped: the pipeline works in minutes


class Batch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[Article] = Field(description="articles, each extracted as in POST /extract")


class Extractor:
    """The loaded pipeline behind one lock."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.lock = threading.Lock()

    def doc(self, article: Article) -> Doc:
        from .api import process

        with self.lock:
            return process(article.text, doc_id=article.doc_id, published=article.published, nlp=self.nlp)

    def record(self, article: Article) -> dict:
        return self.doc(article)._.record


# ---------------------------------------------------------------- highlight marks

def _find(pattern_text: str, text: str, start: int, end: int, last: bool = False) -> tuple[int, int] | None:
    """Where ``pattern_text`` is printed in ``text[start:end]``, case- and spacing-insensitively."""
    words = [regex.escape(w) for w in str(pattern_text).split()]
    if not words:
        return None
    # whole words only: the count 5 is not the 5 of "15", the award "khen" not the end of "bằng khen"
    pattern = regex.compile(r"(?<![\p{L}\p{N}])" + r"\s+".join(words) + r"(?![\p{L}\p{N}])", regex.IGNORECASE)
    found = list(pattern.finditer(text, start, end))
    if not found:
        return None
    match = found[-1] if last else found[0]
    return match.start(), match.end()


def _sentence_start(doc: Doc, char: int) -> int:
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent.start_char
    return 0


def award_parts(doc: Doc, item: dict, mention: dict) -> list[dict]:
    """The printed parts of one award mention: the award, its count and recipient inside the
    mention, the giver inside it or earlier in its sentence ("Tổng LĐLĐ Việt Nam tặng Bằng khen cho
    2 tập thể": giver, award, count, recipient)."""
    text, start, end = doc.text, mention["start"], mention["end"]
    parts = []
    for part in ("award", "count", "recipient", "year"):
        value = item.get(part)
        where = _find(str(value), text, start, end) if value not in (None, "") else None
        if where:
            parts.append({"start": where[0], "end": where[1], "part": part})
    giver = item.get("giver")
    if giver:
        where = _find(giver, text, start, end) or _find(giver, text, _sentence_start(doc, start), start, last=True)
        if where:
            parts.append({"start": where[0], "end": where[1], "part": "giver"})
    return parts


def marks_of(doc: Doc, record: dict) -> list[dict]:
    """Every mention of every item as a highlight mark: ``{start, end, kind, item}`` with ``item``
    the index into ``record[kind]``; award parts have kind ``award_part`` and a ``part`` name.
    Offsets are code points into ``doc.text``."""
    marks = []
    for kind in KINDS:
        for index, item in enumerate(record.get(kind) or []):
            for mention in item.get("mentions") or []:
                marks.append({"start": mention["start"], "end": mention["end"], "kind": kind, "item": index})
                if kind == "awards":
                    marks += [{**part, "kind": "award_part", "item": index} for part in award_parts(doc, item, mention)]
    return sorted(marks, key=lambda m: (m["start"], -m["end"]))


# ---------------------------------------------------------------- the application

def _error_list(exc: RequestValidationError) -> list[dict]:
    """Validation errors without the echoed input (which may be a whole article)."""
    errors = []
    for e in exc.errors():
        msg = str(e.get("msg", "")).removeprefix("Value error, ")
        if e.get("type") == "json_invalid" and (e.get("ctx") or {}).get("error"):
            msg += f": {e['ctx']['error']}"
        errors.append({"loc": list(e.get("loc", ())), "msg": msg, "type": e.get("type", "")})
    return errors


def create_app(*, max_chars: int = DEFAULT_MAX_CHARS, max_batch: int = DEFAULT_MAX_BATCH,
               nlp: Language | None = None, loader: Callable[[], Language] | None = None) -> FastAPI:
    """The vnie web application.

    ``max_chars`` bounds one article's text (past it: 413), ``max_batch`` the number of articles
    in one batch. The pipeline comes from ``nlp``, or ``loader()`` (default :func:`pipeline.load`)
    called once when the application starts.
    """
    from . import __version__

    state: dict = {}
    loading = threading.Lock()
    # a JSON body can spend up to 12 bytes on one character ("\\ud83d\\ude00"); past this bound
    # the body is refused before it is read into memory
    max_body = 12 * max_chars * max_batch + 65_536

    def extractor() -> Extractor:
        """The worker's pipeline, loaded on first need (the lifespan asks at start-up)."""
        with loading:
            if "extractor" not in state:
                from .api import load

                started = time.perf_counter()
                state["extractor"] = Extractor(nlp if nlp is not None else (loader or load)())
                state["load_seconds"] = round(time.perf_counter() - started, 3)
            return state["extractor"]

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        extractor()
        yield

    # fastapi-offline serves the Swagger UI and ReDoc files itself: /docs works without a CDN
    app = FastAPIOffline(title="vnie", version=__version__, lifespan=lifespan,
                  description="Vietnamese news information extraction: persons with titles, organizations, "
                              "dates, awards and statistics from an article's text. Each item lists its "
                              "mentions (code-point offsets into the normalized text).")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def check_size(article: Article, where: str = "text") -> None:
        if len(article.text) > max_chars:
            raise HTTPException(413, f"{where} has {len(article.text):,} characters; this service takes at most "
                                     f"{max_chars:,} per article: split the text or raise --max-chars")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        errors = _error_list(exc)
        summary = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        if "json" not in request.headers.get("content-type", ""):
            summary += " (send a JSON object with Content-Type: application/json)"
        return JSONResponse(status_code=422, content=jsonable_encoder(
            {"detail": errors, "message": f"invalid request: {summary}"}))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        # FastAPI answers 400 when the body cannot even be decoded; it is a malformed request like any other
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            msg = "the body cannot be read as JSON (is it UTF-8?)"
            return JSONResponse(status_code=422, content={
                "detail": [{"loc": ["body"], "msg": msg, "type": "body_unreadable"}],
                "message": f"invalid request: body: {msg}"})
        return await http_exception_handler(request, exc)

    @app.middleware("http")
    async def refuse_huge_bodies(request: Request, call_next):
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > max_body:
            return JSONResponse(status_code=413, content={
                "detail": f"request body has {int(length):,} bytes; at most {max_body:,} are read"})
        return await call_next(request)

    @app.get("/health", summary="Liveness and what is loaded")
    def health() -> dict:
        return {"status": "ok", "version": __version__, "stages": extractor().nlp.pipe_names,
                "load_seconds": state.get("load_seconds"), "max_chars": max_chars, "max_batch": max_batch}

    @app.post("/extract", summary="One article → its record",
              responses={413: {"description": "text longer than max_chars"},
                         422: {"description": "malformed request: what was wrong is listed"}})
    def extract(article: Article) -> dict:
        """The record of one article: the same dict as ``pipeline.extract(text, doc_id, published)``."""
        check_size(article)
        return extractor().record(article)

    @app.post("/extract/batch", summary="Many articles → their records, in order",
              responses={413: {"description": "an article longer than max_chars, or more than max_batch articles"}})
    def extract_batch(batch: Batch) -> list[dict]:
        if len(batch.articles) > max_batch:
            raise HTTPException(413, f"{len(batch.articles):,} articles in one batch; at most {max_batch:,}")
        for i, article in enumerate(batch.articles):
            check_size(article, f"articles[{i}].text")
        return [extractor().record(article) for article in batch.articles]

    @app.post("/annotate", summary="The record, the normalized text and highlight marks (used by the page)")
    def annotate(article: Article) -> dict:
        """``record`` as in POST /extract; ``text`` the normalized text its offsets refer to; ``marks``
        one ``{start, end, kind, item}`` per mention (award parts: kind ``award_part``, ``part``)."""
        check_size(article)
        started = time.perf_counter()
        doc = extractor().doc(article)
        record = doc._.record
        return {"text": doc.text, "record": record, "marks": marks_of(doc, record),
                "seconds": round(time.perf_counter() - started, 3)}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request):
        return templates.TemplateResponse(request, "index.html", {"version": __version__, "max_chars": max_chars})

    return app


def serve(host: str = "127.0.0.1", port: int = 8000, *, max_chars: int = DEFAULT_MAX_CHARS,
          workers: int = 1) -> None:
    """Run the service with uvicorn (each worker loads the pipeline once, at start)."""
    import uvicorn

    if workers > 1:  # uvicorn needs an import string to start several processes
        import os

        os.environ["VNIE_MAX_CHARS"] = str(max_chars)
        uvicorn.run("pipeline.service:app_from_env", factory=True, host=host, port=port, workers=workers)
    else:
        uvicorn.run(create_app(max_chars=max_chars), host=host, port=port)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory pipeline.service:app_from_env`` (reads ``VNIE_MAX_CHARS``)."""
    import os

    return create_app(max_chars=int(os.environ.get("VNIE_MAX_CHARS", DEFAULT_MAX_CHARS)))

"""Client adapters for the benchmarks: one class per client under test.

Every adapter does the same work the same way a user would:

* ``call``: one non-stream ``chat.completions.create`` and read the answer text;
* ``stream_consume``: one streaming create, iterate every chunk and read
  ``choices[0].delta.content`` (when there is a choice); returns the chunk count
  and the ``perf_counter`` time the first chunk was in hand (for TTFC);
* async twins ``acall`` / ``astream_consume``;
* ``structurers``: the in-process JSON-dict -> typed-object step the SDK does.

Libraries are imported in ``load()`` only, so importing this module is cheap
(it is imported by the RSS probe before the measured import).
"""

from __future__ import annotations

import json
from time import perf_counter
from typing import Any, Callable, Dict, Optional, Tuple

API_KEY = "pk-bench"
PROVIDER = "openai"
PROVIDER_KEY = "sk-x"
MESSAGES = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Explain what an AI gateway does in one paragraph."},
]
MODEL = "gpt-4o-mini"
INPUT = "Explain what an AI gateway does in one paragraph."
DELTA = "response.output_text.delta"


class Unavailable(Exception):
    """The client cannot be benchmarked (not installed, or API missing)."""


class Adapter:
    name = "?"
    #: statement timed by the cold-import scenario (what a user writes)
    import_stmt = "pass"

    def load(self) -> None:
        raise NotImplementedError

    # sync --------------------------------------------------------------
    def sync_client(self, url: str) -> Any:
        raise NotImplementedError

    def call(self, c: Any) -> Any:
        r = c.chat.completions.create(model=MODEL, messages=MESSAGES)
        return r.choices[0].message.content

    def stream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        n = 0
        tf = 0.0
        for chunk in c.chat.completions.create(model=model, messages=MESSAGES, stream=True):
            if not n:
                tf = perf_counter()
            ch = chunk.choices
            if ch:
                ch[0].delta.content
            n += 1
        return n, tf

    def rcall(self, c: Any) -> Any:
        """One non-stream ``responses.create``; read the joined text."""
        return c.responses.create(model=MODEL, input=INPUT).output_text

    def rstream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        """One ``responses.create(stream=True)``: every event, ``.delta`` of the text deltas."""
        n = 0
        tf = 0.0
        for event in c.responses.create(model=model, input=INPUT, stream=True):
            if not n:
                tf = perf_counter()
            if event.type == DELTA:
                event.delta
            n += 1
        return n, tf

    def close(self, c: Any) -> None:
        f = getattr(c, "close", None)
        if f is not None:
            f()

    # async -------------------------------------------------------------
    def async_client(self, url: str) -> Any:
        raise NotImplementedError

    async def acall(self, c: Any) -> Any:
        r = await c.chat.completions.create(model=MODEL, messages=MESSAGES)
        return r.choices[0].message.content

    async def astream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        n = 0
        tf = 0.0
        stream = await c.chat.completions.create(model=model, messages=MESSAGES, stream=True)
        async for chunk in stream:
            if not n:
                tf = perf_counter()
            ch = chunk.choices
            if ch:
                ch[0].delta.content
            n += 1
        return n, tf

    async def arstream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        n = 0
        tf = 0.0
        stream = await c.responses.create(model=model, input=INPUT, stream=True)
        async for event in stream:
            if not n:
                tf = perf_counter()
            if event.type == DELTA:
                event.delta
            n += 1
        return n, tf

    async def aclose(self, c: Any) -> None:
        f = getattr(c, "aclose", None) or getattr(c, "close", None)
        if f is not None:
            r = f()
            if hasattr(r, "__await__"):
                await r

    # structuring -------------------------------------------------------
    def structurers(self) -> Dict[str, Tuple[str, Callable[[dict], Any]]]:
        """{"completion"|"chunk": (how, fn(dict) -> object)}; empty if n/a."""
        return {}


# --------------------------------------------------------------------------
class RawHttpx(Adapter):
    """The floor: httpx + (for streams) httpx-sse + json.loads, no typing."""

    name = "httpx (raw)"
    import_stmt = "import httpx, attrs, cattrs"  # the floor of ours: its dependencies
    LIB = "httpx"  # the HTTP library this floor runs on

    HEADERS = {
        "x-portkey-api-key": API_KEY,
        "x-portkey-provider": PROVIDER,
        "Authorization": f"Bearer {PROVIDER_KEY}",
    }

    def load(self) -> None:
        import importlib

        import httpx_sse  # duck-types the client (``client.stream``, ``iter_text``): httpx2 too

        try:
            self.httpx = importlib.import_module(self.LIB)
        except ImportError as e:
            raise Unavailable(f"{self.LIB} is not installed") from e
        self.sse = httpx_sse

    def sync_client(self, url: str) -> Any:
        return self.httpx.Client(base_url=url + "/v1", headers=self.HEADERS)

    def call(self, c: Any) -> Any:
        r = c.post("/chat/completions", json={"model": MODEL, "messages": MESSAGES})
        r.raise_for_status()
        return r.json()["choices"][0]["message"]["content"]

    def stream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        n = 0
        tf = 0.0
        loads = json.loads
        body = {"model": model, "messages": MESSAGES, "stream": True}
        with self.sse.connect_sse(c, "POST", "/chat/completions", json=body) as es:
            es.response.raise_for_status()
            for sse in es.iter_sse():
                data = sse.data
                if data == "[DONE]":
                    break
                d = loads(data)
                if not n:
                    tf = perf_counter()
                ch = d["choices"]
                if ch:
                    ch[0]["delta"].get("content")
                n += 1
        return n, tf

    def rstream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        n = 0
        tf = 0.0
        loads = json.loads
        body = {"model": model, "input": INPUT, "stream": True}
        with self.sse.connect_sse(c, "POST", "/responses", json=body) as es:
            es.response.raise_for_status()
            for sse in es.iter_sse():
                d = loads(sse.data)
                if not n:
                    tf = perf_counter()
                if d["type"] == DELTA:
                    d["delta"]
                n += 1
        return n, tf

    def async_client(self, url: str) -> Any:
        httpx = self.httpx
        # same pool limits as the openai / portkey-ai defaults
        limits = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
        return httpx.AsyncClient(base_url=url + "/v1", headers=self.HEADERS, limits=limits)

    async def acall(self, c: Any) -> Any:
        r = await c.post("/chat/completions", json={"model": MODEL, "messages": MESSAGES})
        r.raise_for_status()
        return r.json()["choices"][0]["message"]["content"]

    async def astream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        n = 0
        tf = 0.0
        loads = json.loads
        body = {"model": model, "messages": MESSAGES, "stream": True}
        async with self.sse.aconnect_sse(c, "POST", "/chat/completions", json=body) as es:
            es.response.raise_for_status()
            async for sse in es.aiter_sse():
                data = sse.data
                if data == "[DONE]":
                    break
                d = loads(data)
                if not n:
                    tf = perf_counter()
                ch = d["choices"]
                if ch:
                    ch[0]["delta"].get("content")
                n += 1
        return n, tf

    async def arstream_consume(self, c: Any, model: str) -> Tuple[int, float]:
        n = 0
        tf = 0.0
        loads = json.loads
        body = {"model": model, "input": INPUT, "stream": True}
        async with self.sse.aconnect_sse(c, "POST", "/responses", json=body) as es:
            es.response.raise_for_status()
            async for sse in es.aiter_sse():
                d = loads(sse.data)
                if not n:
                    tf = perf_counter()
                if d["type"] == DELTA:
                    d["delta"]
                n += 1
        return n, tf

    def structurers(self):
        return {
            "completion": ("json.loads(bytes) (reference)", None),
            "chunk": ("json.loads(bytes) (reference)", None),
        }


class RawHttpx2(RawHttpx):
    """The same floor on httpx2 (the same calls; httpx-sse reads an httpx2 stream as well)."""

    name = "httpx2 (raw)"
    import_stmt = "import httpx2, attrs, cattrs"
    LIB = "httpx2"


# --------------------------------------------------------------------------
class Ours(Adapter):
    name = "portkey (ours)"
    import_stmt = "from portkey import Portkey, AsyncPortkey"

    def load(self) -> None:
        try:
            import portkey
        except Exception as e:  # pragma: no cover
            raise Unavailable(f"import portkey failed: {e!r}") from e
        P = getattr(portkey, "Portkey", None)
        AP = getattr(portkey, "AsyncPortkey", None)
        if P is None or AP is None:
            raise Unavailable("portkey has no Portkey/AsyncPortkey yet")
        self.mod = portkey
        self.P, self.AP = P, AP

    def _kwargs(self, url: str):
        # tried in order; the first the constructor accepts wins
        return [
            dict(
                api_key=API_KEY, base_url=url + "/v1", provider=PROVIDER, Authorization=PROVIDER_KEY
            ),
            dict(api_key=API_KEY, base_url=url + "/v1", provider=PROVIDER),
            dict(api_key=API_KEY, base_url=url + "/v1"),
        ]

    def _make(self, cls, url):
        err: Optional[Exception] = None
        for kw in self._kwargs(url):
            try:
                return cls(**kw)
            except TypeError as e:
                err = e
        raise Unavailable(f"cannot construct {cls.__name__}: {err!r}")

    def sync_client(self, url: str) -> Any:
        return self._make(self.P, url)

    def async_client(self, url: str) -> Any:
        return self._make(self.AP, url)

    def structurers(self):
        return _ours_structurers(self.mod)


class OursHttpx2(Ours):
    """Ours with the clients it builds on httpx2 (``http_backend="httpx2"``)."""

    name = "portkey (ours) on httpx2"
    # what a user writes; the adapter module (portkey._httpx2) loads with the first client
    import_stmt = "import httpx2; from portkey import Portkey, AsyncPortkey"

    def load(self) -> None:
        super().load()
        try:
            import httpx2  # noqa: F401
        except ImportError as e:
            raise Unavailable("httpx2 is not installed") from e

    def _kwargs(self, url: str):
        return [dict(kw, http_backend="httpx2") for kw in super()._kwargs(url)]


def _ours_structurers(portkey) -> Dict[str, Tuple[str, Callable[[dict], Any]]]:
    """Probe ours for a dict -> typed object converter (``portkey._convert``)."""
    import importlib

    try:
        conv = importlib.import_module("portkey._convert")
    except Exception:
        return {}
    types: Dict[str, Any] = {}
    for kind, cname in (("completion", "ChatCompletion"), ("chunk", "ChatCompletionChunk")):
        for modname in (
            "portkey.types.chat",
            "portkey.types",
            "portkey._types",
            "portkey._models",
            "portkey",
        ):
            try:
                m = importlib.import_module(modname)
            except Exception:
                continue
            cls = getattr(m, cname, None)
            if cls is not None:
                types[kind] = cls
                break
        if kind not in types:
            cls = getattr(conv, cname, None)
            if cls is not None:
                types[kind] = cls
    out: Dict[str, Tuple[str, Callable[[dict], Any]]] = {}
    dedicated = {
        "completion": ("structure_chat_completion", "structure_completion", "to_chat_completion"),
        "chunk": ("structure_chat_completion_chunk", "structure_chunk", "to_chat_completion_chunk"),
    }
    for kind, cls in types.items():
        cands: list = []
        # the SDK's own paths first: streams build one hook per cast, responses call structure()
        if kind == "chunk" and callable(getattr(conv, "structure_hook", None)):
            try:
                hook = conv.structure_hook(cls)
                cands.append(
                    (
                        f"_convert.structure_hook({cls.__name__}) (SDK stream path)",
                        lambda d, h=hook, c=cls: h(d, c),
                    )
                )
            except Exception:
                pass
        f = getattr(conv, "structure", None)
        if callable(f):
            cands.append(
                (f"_convert.structure(d, {cls.__name__}) (SDK path)", lambda d, f=f, c=cls: f(d, c))
            )
        for fname in dedicated[kind]:
            g = getattr(conv, fname, None)
            if callable(g):
                cands.append((f"_convert.{fname}(d)", g))
        for attr in ("converter", "CONVERTER", "_converter"):
            cv = getattr(conv, attr, None)
            if cv is not None and hasattr(cv, "structure"):
                cands.append(
                    (
                        f"_convert.{attr}.structure(d, {cls.__name__})",
                        lambda d, cv=cv, c=cls: cv.structure(d, c),
                    )
                )
        for how, fn in cands:
            try:
                fn(_sample(kind))
            except Exception:
                continue
            out[kind] = (how, fn)
            break
    return out


def _sample(kind: str) -> dict:
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import server

    return json.loads(server.completion_body() if kind == "completion" else server.chunk_body())


# --------------------------------------------------------------------------
class Official(Adapter):
    name = "portkey-ai 2.3.4"
    import_stmt = "from portkey_ai import Portkey, AsyncPortkey"

    def load(self) -> None:
        try:
            import portkey_ai
        except Exception as e:
            raise Unavailable(f"import portkey_ai failed: {e!r}") from e
        self.mod = portkey_ai

    def sync_client(self, url: str) -> Any:
        return self.mod.Portkey(
            api_key=API_KEY, base_url=url + "/v1", provider=PROVIDER, Authorization=PROVIDER_KEY
        )

    def async_client(self, url: str) -> Any:
        return self.mod.AsyncPortkey(
            api_key=API_KEY, base_url=url + "/v1", provider=PROVIDER, Authorization=PROVIDER_KEY
        )

    def close(self, c: Any) -> None:
        c.close()  # its own httpx client (used by the Portkey-specific APIs)
        c.openai_client.close()  # the vendored OpenAI client that does chat

    async def aclose(self, c: Any) -> None:
        await c.close()
        await c.openai_client.close()

    def structurers(self):
        from portkey_ai._vendor.openai._models import construct_type
        from portkey_ai._vendor.openai.types.chat import ChatCompletionChunk
        from portkey_ai.api_resources.types.chat_complete_type import ChatCompletions

        return {
            # what normal_create() does: ChatCompletions(**json.loads(response.text))
            "completion": ("ChatCompletions(**d) (SDK path)", lambda d: ChatCompletions(**d)),
            # streams go through the vendored openai Stream -> construct_type
            "chunk": (
                "vendored construct_type(ChatCompletionChunk) (SDK path)",
                lambda d: construct_type(type_=ChatCompletionChunk, value=d),
            ),
        }


# --------------------------------------------------------------------------
class OpenAIClient(Adapter):
    name = "openai"
    import_stmt = "from openai import OpenAI, AsyncOpenAI"

    def load(self) -> None:
        try:
            import openai
        except Exception as e:
            raise Unavailable(f"import openai failed: {e!r}") from e
        self.mod = openai

    def sync_client(self, url: str) -> Any:
        return self.mod.OpenAI(api_key=PROVIDER_KEY, base_url=url + "/v1")

    def async_client(self, url: str) -> Any:
        return self.mod.AsyncOpenAI(api_key=PROVIDER_KEY, base_url=url + "/v1")

    async def aclose(self, c: Any) -> None:
        await c.close()

    def structurers(self):
        from openai._models import construct_type
        from openai.types.chat import ChatCompletion, ChatCompletionChunk

        return {
            "completion": (
                "construct_type(ChatCompletion) (SDK path)",
                lambda d: construct_type(type_=ChatCompletion, value=d),
            ),
            "chunk": (
                "construct_type(ChatCompletionChunk) (SDK path)",
                lambda d: construct_type(type_=ChatCompletionChunk, value=d),
            ),
            "completion/validate": (
                "ChatCompletion.model_validate(d)",
                ChatCompletion.model_validate,
            ),
            "chunk/validate": (
                "ChatCompletionChunk.model_validate(d)",
                ChatCompletionChunk.model_validate,
            ),
        }


ADAPTERS: Dict[str, type] = {
    "raw": RawHttpx,
    "raw2": RawHttpx2,
    "ours": Ours,
    "ours2": OursHttpx2,
    "official": Official,
    "openai": OpenAIClient,
}

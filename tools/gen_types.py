#!/usr/bin/env python3
"""Generate the attrs response types under src/portkey/types/ from an OpenAPI spec.

    python tools/gen_types.py                 # (re)write the generated modules
    python tools/gen_types.py --check         # exit 1 when the committed output is stale
    python tools/gen_types.py --spec PATH     # another copy of the (first) spec

Per output of each source (SOURCES: a spec and the modules generated from it), every schema
reachable from the output's roots that no earlier output owns:
- objects become attrs classes deriving from ``portkey._models.BaseModel``; ``allOf`` is merged (a
  hand-written EXTERNAL parent is inherited instead); inline objects get a derived name;
- every field has a default, so a body that omits a field still parses: required fields keep their
  plain annotation (default None through the Any-typed ``_N``), optional or nullable ones are
  Optional, a constant ``type``/``object`` (or discriminator) defaults to its value;
- enums become ``Literal`` (the converter passes unknown values through); free-form objects become
  ``Dict[str, Any]``; ``anyOf/oneOf [X, null]`` becomes ``Optional[X]``;
- a union whose object members carry a constant discriminator becomes
  ``X = Annotated[Union["A", ...], UnionInfo(...)]``, which the converter structures by looking the
  discriminator up (an unknown value gives a GenericModel); other unions are structured leniently.

Loading is lazy: no generated module imports another one at run time. Annotations are strings and
each module lists in ``_LAZY_TYPES`` where the names it uses live; the converter resolves them
when it first builds a hook, so structuring a Response creates only the classes it meets. An
output larger than MAX_LINES becomes a package of small modules loaded name by name.
"""

from __future__ import annotations

import argparse
import difflib
import keyword
import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_types_emit import Emitter
from gen_types_names import NAME_MAP  # spec name -> the class name openai-python uses
from gen_types_portkey import PORTKEY_OUTPUTS  # the outputs of Portkey's own APIs

ROOT = Path(__file__).resolve().parent.parent
TYPES_DIR = ROOT / "src" / "portkey" / "types"
# shared/ sits beside every checkout (and in CI) as ../shared.
SHARED_SPECS = ROOT.parent / "shared" / "specs"
DEFAULT_SPEC = os.environ.get("PORTKEY_OPENAI_SPEC", str(SHARED_SPECS / "openai" / "openapi.yaml"))
PORTKEY_SPEC = str(SHARED_SPECS / "portkey" / "openapi.yaml")

# Output module (under portkey.types) -> (docstring, root schemas). A root belongs to the entry
# listing it; any other schema to the first entry that reaches it (later entries refer to it).
OUTPUTS: List[Tuple[str, str, List[str]]] = [
    (
        "responses",
        "Types of the Responses API (``/responses``): responses, output items, stream events.",
        [
            "Response",
            "ResponseStreamEvent",
            "OutputItem",
            "ItemResource",
            "InputItem",
            "TokenCountsResource",
            "CompactResource",
            "ResponseItemList",
        ],
    ),
    (
        "conversations",
        "Types of the Conversations API (``/conversations``).",
        [
            "ConversationResource",
            "DeletedConversationResource",
            "ConversationItem",
            "ConversationItemList",
            "Message",
        ],
    ),
    (
        "chat_stored",
        "Types of stored chat completions (``/chat/completions`` list, delete, messages).",
        ["ChatCompletionDeleted", "ChatCompletionMessageList", "ChatCompletionList"],
    ),
    ("files", "Types of the Files API (``/files``).", ["OpenAIFile", "DeleteFileResponse"]),
    ("uploads", "Types of the Uploads API (``/uploads``).", ["Upload", "UploadPart"]),
    (
        "batches",
        "Types of the Batch API (``/batches``); Portkey's ``/batches/{id}/output`` is raw JSONL.",
        ["Batch", "BatchError", "BatchRequestCounts"],
    ),
    (
        "audio",
        "Types of the Audio API (``/audio``): transcriptions, translations, their stream events.",
        [
            "CreateTranscriptionResponseJson",
            "CreateTranscriptionResponseVerboseJson",
            "CreateTranscriptionResponseDiarizedJson",
            "CreateTranscriptionResponseStreamEvent",
            "CreateTranslationResponseJson",
            "CreateTranslationResponseVerboseJson",
            "CreateSpeechResponseStreamEvent",
        ],
    ),
    (
        "image_edits",
        "Stream events of image generation and edits (``/images``, ``stream=True``).",
        ["ImageGenStreamEvent", "ImageEditStreamEvent"],
    ),
    (
        "webhooks",
        "Types of the events OpenAI sends to webhooks (``webhooks.unwrap``).",
        ["UnwrapWebhookEvent"],
    ),
    (
        "realtime",
        "Types of the Realtime API (``/realtime``): client secrets, WebSocket events.",
        ["RealtimeServerEvent", "RealtimeClientEvent", "RealtimeCreateClientSecretResponse"],
    ),
    (
        "containers",
        "Types of the Containers API (``/containers``): containers and their files.",
        ["ContainerResource", "ContainerFileResource"],
    ),
    (
        "skills",
        "Types of the Skills API (``/skills``): skills and their versions.",
        [
            "SkillResource",
            "DeletedSkillResource",
            "SkillVersionResource",
            "DeletedSkillVersionResource",
        ],
    ),
    (
        "videos",
        "Types of the Videos API (``/videos``): videos and characters.",
        ["VideoResource", "DeletedVideoResource", "VideoCharacterResource"],
    ),
    (
        "fine_tuning",
        "Types of fine-tuning (``/fine_tuning``): jobs, events, checkpoints, permissions, graders.",
        [
            *("FineTuningJob", "FineTuningJobEvent", "FineTuningJobCheckpoint"),
            *("FineTuningCheckpointPermission", "ListFineTuningCheckpointPermissionResponse"),
            *("DeleteFineTuningCheckpointPermissionResponse", "RunGraderResponse"),
            "ValidateGraderResponse",
        ],
    ),
    (
        "evals",
        "Types of the Evals API (``/evals``): evals, runs and their output items.",
        ["Eval", "EvalRun", "EvalRunOutputItem"],
    ),
    (
        "vector_stores",
        "Types of the Vector Stores API (``/vector_stores``): stores, files, batches, search.",
        [
            "VectorStoreObject",
            "DeleteVectorStoreResponse",
            "VectorStoreFileObject",
            "DeleteVectorStoreFileResponse",
            "VectorStoreFileBatchObject",
            "VectorStoreFileContentResponse",
            "VectorStoreSearchResultItem",
        ],
    ),
    (
        "assistants",
        "Types of the Assistants API (``/assistants``, ``/threads``): runs, steps, stream events.",
        [
            *("AssistantObject", "DeleteAssistantResponse", "ThreadObject", "DeleteThreadResponse"),
            *("MessageObject", "DeleteMessageResponse", "RunObject", "RunStepObject"),
            "AssistantStreamEvent",
        ],
    ),
    (
        "chatkit",
        "Types of ChatKit (``/chatkit``): sessions, threads and their items.",
        ["ChatSessionResource", "ThreadResource", "DeletedThreadResource", "ThreadItem"],
    ),
    (
        "beta_realtime",
        "Types of the beta Realtime sessions (``beta.realtime.sessions.create``, ...).",
        ["RealtimeSessionCreateResponse", "RealtimeTranscriptionSessionCreateResponse"],
    ),
]

# Unions the spec implies without naming them: name -> (a top-level section of the spec whose
# request bodies are the members, docstring). They join the spec's schemas under that name.
SYNTHETIC: Dict[str, Tuple[str, str]] = {
    "UnwrapWebhookEvent": ("webhooks", "An event sent to a webhook, by its ``type``."),
}

# Enums openai-python names as Literal aliases: name -> (output, schema, its property, docstring).
LITERALS: Dict[str, Tuple[str, str, str, str]] = {
    "FilePurpose": (
        "files",
        "CreateFileRequest",
        "purpose",
        "The purpose of an uploaded file (``files.create``).",
    ),
}

# Each spec and the outputs generated from it (a spec's outputs refer to no other spec's types).
SOURCES: Dict[str, Tuple[str, List[Tuple[str, str, List[str]]]]] = {
    "openai": (DEFAULT_SPEC, OUTPUTS),
    "portkey": (PORTKEY_SPEC, PORTKEY_OUTPUTS),
}

# Spec schemas that hand-written classes already cover: referenced (or inherited), not generated.
EXTERNAL: Dict[str, Tuple[str, str]] = {
    "CreateChatCompletionResponse": ("portkey.types.chat", "ChatCompletion"),
    "ChatCompletionResponseMessage": ("portkey.types.chat", "ChatCompletionMessage"),
}

# Hand-written bases (extra properties and methods) of generated classes: class -> (module,
# mixin, the spec properties the mixin computes instead).
MIXINS: Dict[str, Tuple[str, str, Tuple[str, ...]]] = {
    "Response": ("portkey.types._mixins", "ResponseMixin", ("output_text",)),
}


# Types a typical body meets together, each set in a module of its own (output -> [(submodule,
# what it holds, names)]): the first parse of a plain response, or of a text stream, imports
# these and creates few other classes (benchmarks/ scenario "area" measures it). The other
# types are laid out as usual; an output listed here is a package however small.
HOT: Dict[str, List[Tuple[str, str, List[str]]]] = {
    "responses": [
        (
            "_response",
            "the parts of a typical response",
            [
                *("ResponseOutputItem", "ResponseOutputMessage", "OutputMessageContent"),
                *("ResponseOutputText", "ResponseTextConfig", "TextResponseFormatConfiguration"),
                *("ResponseFormatText", "ToolChoiceParam", "Reasoning", "ResponseUsage"),
                *("ResponseUsageInputTokensDetails", "ResponseUsageOutputTokensDetails"),
            ],
        ),
        (
            "_events",
            "the events of a text stream",
            [
                *("ResponseCreatedEvent", "ResponseInProgressEvent", "ResponseCompletedEvent"),
                *("ResponseOutputItemAddedEvent", "ResponseOutputItemDoneEvent"),
                *("ResponseContentPartAddedEvent", "ResponseContentPartDoneEvent", "OutputContent"),
                *("ResponseTextDeltaEvent", "ResponseTextDoneEvent"),
            ],
        ),
    ],
    "audio": [
        (
            "_transcription",
            "a JSON transcription or translation",
            [
                *("Transcription", "TranscriptionUsage", "TranscriptTextUsageTokens"),
                *("TranscriptTextUsageTokensInputTokenDetails", "TranscriptTextUsageDuration"),
                "Translation",
            ],
        ),
        (
            "_events",
            "the events of a transcription stream",
            [
                *("TranscriptionStreamEvent", "TranscriptionTextDeltaEvent"),
                "TranscriptionTextDoneEvent",
                # with include=["logprobs"] (the documented stream has them)
                *("TranscriptionTextDeltaEventLogprobs", "TranscriptionTextDoneEventLogprobs"),
            ],
        ),
        (
            "_speech",
            "the events of a speech stream (``stream_format=sse``)",
            [
                *("SpeechAudioStreamEvent", "SpeechAudioDeltaEvent", "SpeechAudioDoneEvent"),
                "SpeechAudioDoneEventUsage",
            ],
        ),
    ],
}

MAX_LINES = 600  # an output module larger than this becomes a package
CHUNK_LINES = 60  # what a package module is filled up to: small, as each is loaded whole
CONST_DEFAULT_FIELDS = ("type", "object")  # constants that default to their value
PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}

# A type expression: ("prim", "str") | ("any",) | ("none",) | ("lit", values) | ("list", T)
# | ("dict", T) | ("ref", name) | ("union", (T, ...)) | ("opt", T)
T = Tuple[Any, ...]
ANY: T = ("any",)


class ClassDef:
    def __init__(self, name: str, origin: str, doc: str, unit: str) -> None:
        self.name, self.origin, self.doc, self.unit = name, origin, doc, unit
        self.fields: List[Tuple[str, T, bool, Optional[Any]]] = []  # name, type, required, const
        self.bases: List[str] = []  # EXTERNAL or MIXINS names
        self.unusable: List[str] = []  # properties that are no Python name: extra fields
        self.owner = ""


class AliasDef:
    def __init__(self, name: str, origin: str, doc: str, unit: str) -> None:
        self.name, self.origin, self.doc, self.unit = name, origin, doc, unit
        self.members: List[T] = []
        self.prop: Optional[str] = None  # the discriminator
        self.mapping: Dict[str, List[str]] = {}  # its value -> the classes carrying it
        self.default: List[str] = []  # the classes for a body without the discriminator
        self.owner = ""
        self.plain = False  # a LITERALS alias: ``X: TypeAlias = Literal[...]``


def camel(text: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


class Schemas:
    """Turns the spec's schemas into ClassDefs and AliasDefs."""

    def __init__(self, spec: Dict[str, Any]) -> None:
        self.spec = spec
        self.schemas: Dict[str, Any] = spec["components"]["schemas"]
        self.defs: Dict[str, Any] = {}  # python name -> ClassDef | AliasDef
        self.external: Dict[str, Tuple[str, str]] = {}  # python name -> (module, name)
        self.named: Dict[str, T] = {}  # spec name -> its type
        self.in_progress: Dict[str, str] = {}  # spec name -> python name, while resolving
        self.anchors: List[str] = []  # $recursiveAnchor stack (spec names)
        self.owner = ""  # the output the definitions being made belong to
        self.claimed: Dict[str, str] = {}  # a root schema belongs to the output listing it
        self.renamed: Dict[str, str] = {}  # spec name -> class name an operation root gave it

    def pyname(self, name: str) -> str:
        return self.renamed.get(name) or NAME_MAP.get(name) or camel(name)

    def add(self, d: Any) -> None:
        old = self.defs.get(d.name)
        if old is not None and old is not d:
            raise SystemExit(
                f"name clash: {d.name} is both {old.origin} and {d.origin}; add a NAME_MAP entry"
            )
        d.owner = self.owner
        self.defs[d.name] = d

    def free(self, name: str, unit: str) -> str:
        """A derived name, prefixed with its schema's name when another type has it already."""
        if name not in self.defs:
            return name
        candidate = name if name.startswith(unit) else unit + name
        k = 2
        while candidate in self.defs:
            candidate, k = f"{unit}{name}{k}", k + 1
        return candidate

    # -- references ---------------------------------------------------------------------------

    def ref(self, spec_name: str) -> T:
        if spec_name in self.named:
            return self.named[spec_name]
        if spec_name in EXTERNAL:
            module, cls = EXTERNAL[spec_name]
            self.external[cls] = (module, cls)
            self.named[spec_name] = ("ref", cls)
            return self.named[spec_name]
        if spec_name in self.in_progress:  # recursion: classes and unions have names
            return ("ref", self.in_progress[spec_name])
        schema = self.schemas[spec_name]
        name = self.pyname(spec_name)
        owner, self.owner = self.owner, self.claimed.get(spec_name, self.owner)
        self.in_progress[spec_name] = name
        anchored = bool(schema.get("$recursiveAnchor"))
        if anchored:
            self.anchors.append(spec_name)
        try:
            t = self.resolve(schema, name, unit=name, top=spec_name)
        finally:
            self.owner = owner
            del self.in_progress[spec_name]
            if anchored:
                self.anchors.pop()
        self.named[spec_name] = t
        return t

    def literal(self, name: str, spec_name: str, prop: str, doc: str) -> None:
        """A LITERALS alias: the enum of property ``prop`` of schema ``spec_name``."""
        t = self.resolve(self.schemas[spec_name]["properties"][prop], name, name)
        if t[0] != "lit":
            raise SystemExit(f"LITERALS: {spec_name}.{prop} is no enum")
        alias = AliasDef(name, f"{spec_name}.{prop}", doc, name)
        alias.members, alias.plain = [t], True
        self.add(alias)

    # -- schemas ------------------------------------------------------------------------------

    def resolve(self, s: Any, name: str, unit: str, top: Optional[str] = None) -> T:
        """The type of schema ``s``; ``name`` is the class name an inline object would get."""
        if not isinstance(s, dict):
            return ANY
        if "$ref" in s:
            t = self.ref(s["$ref"].rsplit("/", 1)[-1])
            return ("opt", t) if s.get("nullable") else t
        if "$recursiveRef" in s:
            return self.ref(self.anchors[-1])
        t = self._resolve(s, name, unit, top)
        if s.get("nullable") and t[0] != "opt":
            t = ("opt", t)
        return t

    def _resolve(self, s: Dict[str, Any], name: str, unit: str, top: Optional[str]) -> T:
        if "allOf" in s:
            parts = [p for p in s["allOf"] if not _is_annotation_only(p)]
            if len(parts) == 1 and not s.get("properties"):
                t = self.resolve(parts[0], name, unit, top)
                # allOf [$ref, {nullable: true, description: ...}]: the referenced type or null
                nullable = any(p.get("nullable") for p in s["allOf"] if isinstance(p, dict))
                return ("opt", t) if nullable and t[0] not in ("opt", "any") else t
            return self.object(s, name, unit, top)
        for key in ("anyOf", "oneOf"):
            if key in s and not s.get("properties"):
                return self.union(s, s[key], name, unit, top)
        if "const" in s:
            return ("lit", (s["const"],))
        if "enum" in s:
            values = tuple(v for v in s["enum"] if v is not None)
            t: T = ("lit", values) if values else ("none",)
            return ("opt", t) if None in s["enum"] and values else t
        kind = s.get("type")
        if isinstance(kind, list):
            members = [dict(s, type=k) for k in kind]
            return self.union(s, members, name, unit, top)
        if kind == "array":
            return ("list", self.resolve(s.get("items"), name, unit))
        if kind == "object" or "properties" in s:
            if s.get("properties"):
                return self.object(s, name, unit, top)
            extra = s.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return ("dict", self.resolve(extra, name + "Value", unit))
            return ("dict", ANY)
        if kind in PRIMITIVES:
            return ("prim", PRIMITIVES[kind])
        if kind == "null":
            return ("none",)
        return ANY

    def flatten(self, s: Any) -> Tuple[Dict[str, Any], List[str], List[str]]:
        """The properties, required names and EXTERNAL bases of an object schema (allOf merged)."""
        props: Dict[str, Any] = {}
        required: List[str] = []
        bases: List[str] = []
        if "$ref" in s:
            spec_name = s["$ref"].rsplit("/", 1)[-1]
            if spec_name in EXTERNAL:
                module, cls = EXTERNAL[spec_name]
                self.external[cls] = (module, cls)
                return {}, [], [cls]
            return self.flatten(self.schemas[spec_name])
        for part in s.get("allOf", []):
            p, r, b = self.flatten(part)
            props.update(p)
            required += r
            bases += b
        props.update(s.get("properties") or {})
        required += s.get("required") or []
        return props, required, bases

    def object(self, s: Dict[str, Any], name: str, unit: str, top: Optional[str]) -> T:
        props, required, bases = self.flatten(s)
        if not props and not bases:
            return ("dict", ANY)
        if top is None:
            name = self.free(NAME_MAP.get(name, name), unit)
        cls = ClassDef(name, top or f"inline {name}", doc_of(s, top and self.schemas[top]), unit)
        skip: Tuple[str, ...] = ()
        if name in MIXINS:
            module, mixin, skip = MIXINS[name]
            self.external[mixin] = (module, mixin)
            bases = [*bases, mixin]
        cls.bases = bases
        self.add(cls)
        for prop, ps in props.items():
            if prop in skip:
                continue
            if not usable(prop):  # kept in the object's extra fields, as any unknown field
                cls.unusable.append(prop)
                continue
            t = self.resolve(ps, name + camel(prop), unit)
            const = t[1][0] if t[0] == "lit" and len(t[1]) == 1 else None
            cls.fields.append((prop, t, prop in required, const))
        return ("ref", name)

    def union(
        self, s: Dict[str, Any], members: List[Any], name: str, unit: str, top: Optional[str]
    ) -> T:
        nullable = any(_is_null(m) for m in members)
        rest = [m for m in members if not _is_null(m)]
        if len(rest) == 1:  # X | null
            t = self.resolve(rest[0], name, unit, top)
            return ("opt", t) if nullable and t[0] not in ("opt", "any") else t
        types: List[T] = []
        for i, m in enumerate(rest):
            types.append(self.resolve(m, _member_name(name, m, i, len(rest)), unit))
        flat: List[T] = []
        for t in types:
            inner = t[1] if t[0] == "opt" else t
            nullable = nullable or t[0] == "opt"
            d = self.defs.get(inner[1]) if inner[0] == "ref" else None
            if isinstance(d, AliasDef) and d.prop:  # a nested discriminated union: its members
                flat += [m for m in d.members if m not in flat]
            elif inner[0] == "union":
                flat += [m for m in inner[1] if m not in flat]
            elif inner not in flat and inner[0] != "none":
                flat.append(inner)
        if ("prim", "str") in flat:  # str | Literal[...] is str
            flat = [
                t for t in flat if not (t[0] == "lit" and all(isinstance(v, str) for v in t[1]))
            ]
        if len(flat) == 1:
            t = flat[0]
        elif not flat:
            t = ANY
        else:
            t = self.alias(s, flat, name, unit, top)
        return ("opt", t) if nullable and t not in (ANY,) else t

    def alias(
        self, s: Dict[str, Any], members: List[T], name: str, unit: str, top: Optional[str]
    ) -> T:
        if top is None:
            name = self.free(NAME_MAP.get(name, name), unit)
        classes = [self.defs.get(m[1]) for m in members if m[0] == "ref"]
        all_classes = bool(classes) and all(isinstance(c, ClassDef) for c in classes)
        if not all_classes and top is None:  # an inline union of primitives, lists, ...
            return ("union", tuple(members))
        alias = AliasDef(name, top or f"inline {name}", doc_of(s, top and self.schemas[top]), unit)
        alias.members = members
        hint = (s.get("discriminator") or {}).get("propertyName")
        if all_classes:
            # (`event`: the Assistants stream events, named by the SSE event line)
            for prop in [hint] if hint else ["type", "object", "event"]:
                mapping, default = _discriminate(classes, prop)
                if mapping is not None:
                    alias.prop, alias.mapping, alias.default = prop, mapping, default
                    break
        self.add(alias)
        return ("ref", name)


# Names a field cannot have: BaseModel's own attributes, and builtins the annotations use.
_RESERVED = {
    *("to_dict", "to_json", "get_headers", "extra_fields", "model_dump", "model_dump_json"),
    *("model_fields", "model_fields_set", "model_extra", "model_copy", "model_validate"),
    *("model_validate_json", "str", "int", "float", "bool"),
}


def usable(prop: str) -> bool:
    return (
        prop.isidentifier()
        and not keyword.iskeyword(prop)
        and not prop.startswith("_")
        and prop not in _RESERVED
    )


def _discriminate(classes: List[Any], prop: str) -> Tuple[Optional[Dict[str, List[str]]], Any]:
    """Value -> class names, when every class has ``prop`` with constant values."""
    mapping: Dict[str, List[str]] = {}
    optional: List[str] = []
    for cls in classes:
        field = next((f for f in cls.fields if f[0] == prop), None)
        if field is None or field[1][0] not in ("lit", "opt"):
            return None, None
        t = field[1][1] if field[1][0] == "opt" else field[1]
        if t[0] != "lit" or not all(isinstance(v, str) for v in t[1]):
            return None, None
        for value in t[1]:
            names = mapping.setdefault(value, [])
            if cls.name not in names:
                names.append(cls.name)
        if not field[2]:
            optional.append(cls.name)
    return mapping, optional


def _is_null(s: Any) -> bool:
    return isinstance(s, dict) and (s.get("type") == "null" or s.get("enum") == [None])


def _is_annotation_only(s: Any) -> bool:
    keys = set(s) if isinstance(s, dict) else set()
    return not keys - {
        *("description", "title", "default", "example", "examples", "deprecated", "nullable"),
    }


def _member_name(name: str, m: Any, i: int, n: int) -> str:
    """The name an inline object member of a union gets: by its constant type, else its index."""
    if isinstance(m, dict):
        typ = (m.get("properties") or {}).get("type") or {}
        values = typ.get("enum") or ([typ["const"]] if "const" in typ else [])
        if len(values) == 1 and isinstance(values[0], str):
            return name + camel(values[0])
        if m.get("title"):
            return camel(m["title"])
    return name if n == 1 else f"{name}Variant{i + 1}"


def doc_of(s: Dict[str, Any], top: Any) -> str:
    """The first paragraph of a description, as plain ASCII (ruff flags look-alike characters)."""
    text = s.get("description") or (top or {}).get("description") or s.get("title") or ""
    text = text.strip().split("\n\n")[0]
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    text = text.replace("\u2014", "--").replace("\u2013", "-").replace("\u00a0", " ")
    text = " ".join(text.encode("ascii", "ignore").decode().split())
    text = text.replace("\\", "\\\\").replace('"""', "'''")
    if len(text) > 300:
        cut = text[:300].rfind(". ")
        text = text[: cut + 1] if cut > 40 else text[:297].rstrip() + "..."
    return text.rstrip('"')


def load_spec(path: str) -> Dict[str, Any]:
    try:
        import yaml
    except ImportError:
        raise SystemExit("gen_types needs pyyaml (pip install pyyaml)") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not Path(path).is_file():
        raise SystemExit(f"spec not found: {path} (pass --spec or set PORTKEY_OPENAI_SPEC)")
    with open(path, encoding="utf-8") as f:
        spec: Dict[str, Any] = yaml.load(f, Loader=loader)
    return spec


def generate(specs: Dict[str, str]) -> Dict[Path, str]:
    """Every generated file (path -> text); ``specs`` overrides a source's spec path."""
    files: Dict[Path, str] = {}
    for name, (default, outputs) in SOURCES.items():
        spec_path = specs.get(name, default)
        spec = load_spec(spec_path)
        info = spec.get("info") or {}
        source = f"{Path(spec_path).parent.name}/{Path(spec_path).name}"
        label = f"{source} ({info.get('title', '?')} {info.get('version', '?')})"
        for rel, text in generate_files(spec, label, outputs).items():
            files[TYPES_DIR / rel] = text
    return files


def generate_files(
    spec: Dict[str, Any], label: str, outputs: List[Tuple[str, str, List[str]]]
) -> Dict[str, str]:
    """The files of ``outputs`` (module, docstring, root schemas) generated from a loaded spec,
    by path relative to src/portkey/types."""
    schemas = Schemas(spec)
    schemas.schemas = {**schemas.schemas, **synthetic(spec)}
    outputs = [
        (module, doc, operation_roots(spec, schemas, names)) for module, doc, names in outputs
    ]
    for module, _, names in outputs:
        for spec_name in names:
            schemas.claimed.setdefault(spec_name, module)
    roots: Dict[str, List[str]] = {}
    for module, _, names in outputs:
        schemas.owner = module
        roots[module] = []
        for spec_name in names:
            t = schemas.ref(spec_name)
            if t[0] == "ref":
                roots[module].append(t[1])
    for name, (module, spec_name, prop, doc) in LITERALS.items():
        if module in roots:
            schemas.owner = module
            schemas.literal(name, spec_name, prop, doc)
    emitter = Emitter(schemas, label, MAX_LINES, CHUNK_LINES, CONST_DEFAULT_FIELDS, MIXINS, HOT)
    return emitter.files([(module, doc, roots[module]) for module, doc, _ in outputs])


_OPERATION = re.compile(r"^(\w+)=(GET|POST|PUT|PATCH|DELETE) (/\S*?)(?: (request))?$")


def operation_roots(spec: Dict[str, Any], schemas: Schemas, names: List[str]) -> List[str]:
    """``names`` with each operation root (``"Name=METHOD /path"``: the JSON schema of the
    operation's first 2xx answer; ``"Name=METHOD /path request"``: of its request body)
    registered as a schema called ``Name``; when that schema is a ``$ref``, the component it
    names becomes the root and its class is called ``Name``."""
    out = []
    for entry in names:
        m = _OPERATION.match(entry)
        if m is None:
            out.append(entry)
            continue
        name, method, path, request = m.groups()
        op = ((spec.get("paths") or {}).get(path) or {}).get(method.lower())
        if op is None:
            raise SystemExit(f"{entry}: no such operation in the spec")
        if request:
            content = (op.get("requestBody") or {}).get("content") or {}
        else:
            ok = sorted(c for c in (op.get("responses") or {}) if str(c).startswith("2"))
            content = ((op["responses"][ok[0]] or {}).get("content") or {}) if ok else {}
        schema = (content.get("application/json") or {}).get("schema")
        if isinstance(schema, dict) and "$ref" in schema:
            component = schema["$ref"].rsplit("/", 1)[-1]
            if schemas.renamed.setdefault(component, name) != name:
                raise SystemExit(f"{entry}: {component} is {schemas.renamed[component]} already")
            out.append(component)
            continue
        if not isinstance(schema, dict) or not (schema.get("properties") or schema.get("allOf")):
            raise SystemExit(f"{entry}: no JSON object schema there (use Dict[str, Any])")
        if name in schemas.schemas:
            raise SystemExit(f"{entry}: {name} is already a schema of the spec")
        schemas.schemas[name] = schema
        out.append(name)
    return out


def synthetic(spec: Dict[str, Any]) -> Dict[str, Any]:
    """The SYNTHETIC unions of ``spec``: each a ``oneOf`` of its section's request bodies,
    discriminated by ``type``."""
    found: Dict[str, Any] = {}
    for name, (section, doc) in SYNTHETIC.items():
        members: List[Dict[str, str]] = []
        for operations in (spec.get(section) or {}).values():
            for op in operations.values():
                content = ((op or {}).get("requestBody") or {}).get("content") or {}
                schema = (content.get("application/json") or {}).get("schema") or {}
                if "$ref" in schema and schema not in members:
                    members.append({"$ref": schema["$ref"]})
        if members:
            found[name] = {
                "oneOf": members,
                "discriminator": {"propertyName": "type"},
                "description": doc,
            }
    return found


def stale_files(files: Dict[Path, str]) -> List[Path]:
    """Generated files on disk that this run would not write (an output that changed shape)."""
    found = []
    for module in (m for _, outputs in SOURCES.values() for m, _, _ in outputs):
        candidates = [TYPES_DIR / f"{module}.py", *sorted((TYPES_DIR / module).glob("*.py"))]
        for path in candidates:
            if path.is_file() and path not in files and _is_generated(path):
                found.append(path)
    return found


def _is_generated(path: Path) -> bool:
    with open(path, encoding="utf-8") as f:
        return f.readline().startswith("# generated by tools/gen_types.py")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--spec",
        action="append",
        default=[],
        metavar="[SOURCE=]PATH",
        help=f"another copy of a source's spec (YAML); sources: {', '.join(SOURCES)}",
    )
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    args = parser.parse_args(argv)
    specs = {}
    for item in args.spec:
        name, _, path = item.rpartition("=")
        specs[name or next(iter(SOURCES))] = path
    files = generate(specs)
    stale = stale_files(files)
    if args.check:
        bad = 0
        for path, text in sorted(files.items()):
            old = path.read_text(encoding="utf-8") if path.is_file() else ""
            if old != text:
                bad += 1
                rel = str(path.relative_to(ROOT))
                diff = difflib.unified_diff(old.splitlines(), text.splitlines(), rel, rel, n=1)
                print("\n".join(list(diff)[:40]))
        for path in stale:
            bad += 1
            print(f"{path.relative_to(ROOT)}: generated file that would no longer be written")
        if bad:
            print(f"gen_types: {bad} generated file(s) out of date; run tools/gen_types.py")
            return 1
        print(f"gen_types: {len(files)} generated files up to date")
        return 0
    for path in stale:
        path.unlink()
    for path, text in sorted(files.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    print(f"gen_types: wrote {len(files)} files under {TYPES_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

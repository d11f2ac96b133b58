"""What an assistant event handler decides, with no I/O: the run, message and run-step
snapshots built from the typed events of a run's stream, and the ``on_*`` callbacks each
event fires, in openai-python's order. ``_stream_assistants.py`` reads the events and calls
the callbacks (sync or async).

The callbacks of one event come from :meth:`AssistantStreamState.handle`, a generator: the
state moves on between two callbacks exactly as openai-python's handler moves on between
them, so a callback sees the snapshots as it would there (``on_event`` before the event is
applied, ``on_text_delta`` after the delta is joined).

Where openai-python 2.30 slips, this does not:
- a run step's ``on_tool_call_done`` fires once per tool call (there it fires again at the
  step's end, at the run's end, and for the next step), and the first tool call of a later
  step gets its ``on_tool_call_created`` (there an index seen in an earlier step hides it);
- a message's text blocks are tracked per message (a new message does not finish the blocks
  of the one before it again);
- a finished run step (``completed``, ``failed``, ...) replaces its snapshot, so
  ``get_final_run_steps()`` has its final status and usage, and the tool call given to
  ``on_tool_call_done`` there is the finished one (with its output);
- a delta for a message or run step never announced starts its snapshot, instead of failing.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

from ._convert import structure

__all__ = ["AssistantStreamState", "Callback", "join_delta"]

# One callback to call: the handler method's name and its arguments.
Callback = Tuple[str, Tuple[Any, ...]]

_RUN_ENDS = frozenset(
    ("completed", "cancelled", "expired", "failed", "requires_action", "incomplete")
)
_STEP_ENDS = frozenset(("completed", "cancelled", "expired", "failed"))
_MESSAGE_ENDS = frozenset(("completed", "incomplete"))
_RUN = "thread.run."
_STEP = "thread.run.step."
_MESSAGE = "thread.message."


def join_delta(acc: Dict[str, Any], delta: Mapping[str, Any]) -> Dict[str, Any]:
    """Join a streamed delta (plain data) into the snapshot so far, in place.

    Strings are concatenated, objects joined key by key, lists of objects joined entry by
    entry by their ``index`` (a new index is appended); ``index`` and ``type`` (the keys of
    list entries and unions) and any other value are replaced. A key the snapshot does not
    have yet, or has as None, takes the delta's value.
    """
    for key, value in delta.items():
        old = acc.get(key)
        if old is None or value is None or key == "index" or key == "type":
            if value is not None or key not in acc:
                acc[key] = value
        elif isinstance(old, str) and isinstance(value, str):
            acc[key] = old + value
        elif isinstance(old, dict) and isinstance(value, dict):
            join_delta(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            _join_list(old, value)
        else:
            acc[key] = value
    return acc


def _join_list(acc: List[Any], delta: List[Any]) -> None:
    for entry in delta:
        index = entry.get("index") if isinstance(entry, dict) else None
        if type(index) is not int:  # a plain value, or an entry with no place: a new one
            acc.append(entry)
            continue
        position = _entry_position(acc, index)
        if position is None:
            acc.append(entry)
        else:
            join_delta(acc[position], entry)


def _entry_position(entries: List[Any], index: int) -> Optional[int]:
    """Where the entry streamed at ``index`` is: the one carrying that ``index``, else the
    one at that position when it carries none (an entry of a full object)."""
    for position, entry in enumerate(entries):
        if isinstance(entry, dict) and entry.get("index") == index:
            return position
    if index < len(entries) and isinstance(entries[index], dict) and "index" not in entries[index]:
        return index
    return None


def _typed_position(items: List[Any], index: Any) -> Optional[int]:
    """:func:`_entry_position` over typed items (the ``index`` an item was streamed with is
    kept as one of its fields); None for a delta without an index."""
    if type(index) is not int:
        return None
    for position, item in enumerate(items):
        if getattr(item, "index", None) == index:
            return position
    if index < len(items) and getattr(items[index], "index", None) is None:
        return index
    return None


def _type_of(value: Any) -> Any:
    return getattr(value, "type", None)


def _tool_calls(step: Any) -> List[Any]:
    """A run step's tool calls (none for another kind of step)."""
    details = getattr(step, "step_details", None)
    if _type_of(details) != "tool_calls":
        return []
    return getattr(details, "tool_calls", None) or []


class AssistantStreamState:
    """The snapshots of one run's stream, and the callbacks its events fire."""

    def __init__(self) -> None:
        self.current_event: Any = None
        self.current_run: Any = None
        self.current_message_snapshot: Any = None
        self.current_step_id: Optional[str] = None
        self.messages: Dict[str, Any] = {}  # id -> ThreadMessage, in order of arrival
        self.steps: Dict[str, Any] = {}  # id -> RunStep
        self._content_index: Any = None  # the message content block being streamed
        self._content: Any = None
        self._tool_index: Any = None  # the tool call being streamed
        self._tool_call: Any = None

    @property
    def current_run_step_snapshot(self) -> Any:
        return self.steps.get(self.current_step_id) if self.current_step_id else None

    def handle(self, event: Any) -> Iterator[Callback]:
        """Apply one event; yields the callbacks it fires, in order (see the module)."""
        self.current_event = event
        yield "on_event", (event,)
        name = getattr(event, "event", None)
        data = getattr(event, "data", None)
        if type(name) is str and data is not None and not isinstance(data, dict):
            if name.startswith(_STEP):
                yield from self._step(name[len(_STEP) :], data)
            elif name.startswith(_RUN):
                yield from self._run(name[len(_RUN) :], data)
            elif name.startswith(_MESSAGE):
                yield from self._message(name[len(_MESSAGE) :], data)
            # thread.created, error, and events this SDK does not know: on_event only
        self.current_event = None

    # runs -----------------------------------------------------------------------------------

    def _run(self, kind: str, run: Any) -> Iterator[Callback]:
        self.current_run = run
        if kind in _RUN_ENDS:
            yield from self._tool_call_done(None)

    def _tool_call_done(self, finished_step: Any) -> Iterator[Callback]:
        """``on_tool_call_done`` for the tool call being streamed, once; from the finished
        step when there is one (it has the call's output)."""
        call = self._tool_call
        if call is None:
            return
        self._tool_call = self._tool_index = None
        ident = getattr(call, "id", None)
        for final in _tool_calls(finished_step):
            if ident is not None and getattr(final, "id", None) == ident:
                call = final
                break
        yield "on_tool_call_done", (call,)

    # run steps ------------------------------------------------------------------------------

    def _step(self, kind: str, data: Any) -> Iterator[Callback]:
        if kind == "delta":
            yield from self._step_delta(data)
        elif kind == "created":
            self.steps[data.id] = data
            self.current_step_id = data.id
            yield "on_run_step_created", (data,)
        elif kind == "in_progress":
            self.steps.setdefault(data.id, data)
            self.current_step_id = data.id
        elif kind in _STEP_ENDS:
            self.steps[data.id] = data
            yield from self._tool_call_done(data)
            yield "on_run_step_done", (data,)
            self.current_step_id = None

    def _step_delta(self, data: Any) -> Iterator[Callback]:
        delta = data.delta
        known = self.steps.get(data.id)
        acc = known.to_dict() if known is not None else {"id": data.id}
        if delta is not None:
            join_delta(acc, delta.to_dict(exclude_none=True))
        snapshot = self.steps[data.id] = structure(acc, _run_step_type())
        details = getattr(delta, "step_details", None)
        calls = _tool_calls(snapshot)
        if _type_of(details) == "tool_calls":
            for call in getattr(details, "tool_calls", None) or ():
                position = _typed_position(calls, call.index)
                if position is None:  # (a delta entry with no index)
                    continue
                if call.index == self._tool_index:
                    yield "on_tool_call_delta", (call, calls[position])
                else:
                    yield from self._tool_call_done(None)
                    self._tool_index = call.index
                    self._tool_call = calls[position]
                    yield "on_tool_call_created", (self._tool_call,)
                self._tool_call = calls[position]
        yield "on_run_step_delta", (delta, snapshot)

    # messages -------------------------------------------------------------------------------

    def _message(self, kind: str, data: Any) -> Iterator[Callback]:
        if kind == "delta":
            yield from self._message_delta(data)
        elif kind == "created":
            self._content_index = self._content = None
            self._keep(data)
            yield "on_message_created", (data,)
        elif kind in _MESSAGE_ENDS:
            self._keep(data)
            index, self._content_index, self._content = self._content_index, None, None
            if index is not None:
                position = _typed_position(data.content or [], index)
                if position is not None:
                    yield from self._content_done(data.content[position])
            yield "on_message_done", (data,)

    def _keep(self, message: Any) -> None:
        """The message as the snapshot of its id: a copy, with a list of content of its own
        (the deltas change the snapshot, not the event the caller was given)."""
        snapshot = message.model_copy()
        snapshot.content = list(message.content or ())
        self.messages[message.id] = self.current_message_snapshot = snapshot

    def _message_delta(self, data: Any) -> Iterator[Callback]:
        snapshot = self.messages.get(data.id)
        if snapshot is None:  # never announced: start from the delta
            snapshot = structure({"id": data.id, "content": []}, _message_type())
            self.messages[data.id] = snapshot
        self.current_message_snapshot = snapshot
        delta = data.delta
        parts = (getattr(delta, "content", None) or []) if delta is not None else []
        content: List[Any] = snapshot.content
        positions = []
        created = []
        for part in parts:  # join every part first, as openai-python does
            position = _typed_position(content, part.index)
            plain = part.to_dict(exclude_none=True)
            if position is None:
                position = len(content)
                content.append(structure(plain, _content_type()))
                created.append(position)
            else:
                merged = join_delta(content[position].to_dict(), plain)
                content[position] = structure(merged, _content_type())
            positions.append(position)
        for position in created:
            if _type_of(content[position]) == "text":
                yield "on_text_created", (content[position].text,)
        for part, position in zip(parts, positions):
            block = content[position]
            if _type_of(part) == "text" and part.text and _type_of(block) == "text":
                yield "on_text_delta", (part.text, block.text)
            if part.index != self._content_index:  # a new block: the one before is done
                if self._content is not None:
                    yield from self._content_done(self._content)
                self._content_index = part.index
            self._content = content[position]
        yield "on_message_delta", (delta, snapshot)

    def _content_done(self, block: Any) -> Iterator[Callback]:
        kind = _type_of(block)
        if kind == "text":
            yield "on_text_done", (block.text,)
        elif kind == "image_file":
            yield "on_image_file_done", (block.image_file,)


# The types, looked up when first needed (the types package loads its modules lazily).


def _run_step_type() -> Any:
    from .types.assistants import RunStep

    return RunStep


def _message_type() -> Any:
    from .types.assistants import ThreadMessage

    return ThreadMessage


def _content_type() -> Any:
    from .types.assistants import ThreadMessageContent

    return ThreadMessageContent

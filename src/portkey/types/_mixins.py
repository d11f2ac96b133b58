"""Hand-written additions to generated types (the generated classes inherit these mixins)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

__all__ = ["ResponseMixin"]


class ResponseMixin:
    """``Response.output_text``, as openai-python has it."""

    __slots__ = ()

    if TYPE_CHECKING:
        output: Optional[List[Any]]

    @property
    def output_text(self) -> str:
        """The text of every ``output_text`` part of every message item, joined."""
        texts: List[str] = []
        for item in self.output or ():
            if getattr(item, "type", None) != "message":
                continue
            for part in getattr(item, "content", None) or ():
                text = getattr(part, "text", None)
                if getattr(part, "type", None) == "output_text" and isinstance(text, str):
                    texts.append(text)
        return "".join(texts)

"""LlamaIndex on the Portkey gateway: ``PortkeyLLM``, as the official SDK's
``portkey_ai.llms.llama_index``, on llama-index-core alone (no ``openai``).

Needs the ``llamaindex`` extra: ``pip install 'portkey-fast[llamaindex]'`` (importing this
module without it raises an ImportError saying so).
"""

from .completions import PortkeyLLM

__all__ = ["PortkeyLLM"]

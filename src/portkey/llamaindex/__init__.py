"""LlamaIndex events logged to Portkey: ``LlamaIndexCallbackHandler``, as the official SDK's
``portkey_ai.llamaindex``, on llama-index-core alone.

Needs the ``llamaindex`` extra: ``pip install 'portkey-fast[llamaindex]'`` (importing this
module without it raises an ImportError saying so).
"""

from .portkey_llama_callback_handler import LlamaIndexCallbackHandler

__all__ = ["LlamaIndexCallbackHandler"]

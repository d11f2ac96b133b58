"""LangChain runs logged to Portkey: ``LangchainCallbackHandler``, as the official SDK's
``portkey_ai.langchain``, on langchain-core alone.

Needs the ``langchain`` extra: ``pip install 'portkey-fast[langchain]'`` (importing this module
without it raises an ImportError saying so).
"""

from .portkey_langchain_callback_handler import LangchainCallbackHandler

__all__ = ["LangchainCallbackHandler"]

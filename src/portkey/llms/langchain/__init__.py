"""LangChain models on the Portkey gateway: ``ChatPortkey`` (a chat model) and ``PortkeyLLM``
(a text LLM), as the official SDK's ``portkey_ai.llms.langchain``, on langchain-core alone.

Needs the ``langchain`` extra: ``pip install 'portkey-fast[langchain]'`` (importing this module
without it raises an ImportError saying so).
"""

from .chat import ChatPortkey
from .completion import PortkeyLLM

__all__ = ["ChatPortkey", "PortkeyLLM"]

"""Framework adapters (``portkey.llms.langchain``, ...), each behind its optional extra.

Nothing is imported here: ``import portkey.llms`` costs nothing and needs no framework. Each
adapter module imports its framework when it is imported itself, and raises an ImportError that
names the extra to install when the framework is missing (see ``_extras.missing_extra``).
"""

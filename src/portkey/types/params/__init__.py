"""The keyword parameters of each method, as TypedDicts (``**params: Unpack[...]``): an
editor completes them, mypy rejects a misspelt one, and plain dicts are accepted wherever
openai-python takes its TypedDicts. At run time any other keyword still passes through to
the request body, so a new provider parameter needs no release."""

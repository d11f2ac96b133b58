"""Support of the generic contract test (``tests/test_contract.py``): the specs and their
operations (``spec``), values made from JSON schemas (``values``), the SDK method serving an
operation (``finder``), and the checks of a request and of a result (``check``)."""

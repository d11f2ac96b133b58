"""The fault-injection suite (``pytest -m faults``)."""

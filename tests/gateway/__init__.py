"""Tests against the real open-source Portkey gateway (``pytest -m gateway``); see harness.py."""

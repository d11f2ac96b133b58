"""portkey: a fast, typed SDK for the Portkey AI Gateway."""

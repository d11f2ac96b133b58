"""Request and response types, by API area."""

"""API resources: one module per API area, each endpoint described once for both clients."""

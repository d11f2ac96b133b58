"""API resources: one module per API area, each endpoint written once for both clients.

How to add an endpoint (the recipe):

1. Its parameters: a TypedDict deriving from ``RequestOptions`` in ``types/params/<area>.py``
   (``Required[...]`` for the required ones; plain ``Mapping``/``Iterable`` types where
   openai-python takes its TypedDicts, so dicts fit). Its response type: an attrs class in
   ``types/`` (generated from the spec by ``tools/gen_types.py`` where possible).
2. Its route, once, at module level: ``_create = Endpoint("POST", "/things/{thing_id}",
   Thing, params=ThingCreateParams, stream=ThingEvent, item=..., ...)`` (see ``Endpoint``
   for what goes to the path, query and body, pass-through keywords and pagination).
3. Its method, in the hand-written async class below the ``# --- async`` marker of the
   module: path parameters positional (as the official SDK has them), ``**params:
   Unpack[ThingCreateParams]``, the return type, and a one-line body:
   ``return await self._call(_create, locals())`` (``locals()`` is the call: the method
   makes no local variables of its own before it; lists: ``return self._list(_list,
   locals())`` in a plain ``def`` returning ``AsyncPaginator[Thing]``). A ``stream``
   parameter gets three ``@overload``s so ``stream=True`` returns a stream type.
4. ``python tools/unasync.py`` writes the sync twin (``def``, ``Stream``, ``SyncPage``, no
   ``Async`` prefix) below the ``# --- sync`` marker; CI fails when it is stale.
5. A new area: a ``resource`` line on ``Portkey`` and ``AsyncPortkey`` in ``_client.py``
   (the module is imported on first touch, never by ``import portkey``).

Nothing else: the clients do the I/O, retries, errors, streams and pages for every endpoint.
"""

"""A deadline for a blocking socket read that has no deadline of its own.

After ``data: [DONE]`` a stream reads the rest of the body so that its connection can be
reused; a server that keeps the body open after ``[DONE]`` must not hold the caller's loop
for the whole read timeout. The async stream bounds that read with a cancel scope; a sync
read cannot be cancelled, so one background thread (started on first use, shared by every
stream) shuts the socket down when the deadline passes: the blocked read returns at once and
the connection is discarded instead of reused.
"""

from __future__ import annotations

import heapq
import socket
import threading
import time
from typing import Any, Dict, List, Optional, Tuple

__all__ = ["arm", "disarm", "socket_of"]

_cond = threading.Condition()
_heap: List[Tuple[float, int]] = []
_armed: Dict[int, Any] = {}
_seq = 0
_thread: Optional[threading.Thread] = None
SLACK = 0.05  # seconds a deadline may be acted on early, to batch the wake-ups


def socket_of(response: Any) -> Optional[socket.socket]:
    """The socket under an httpx response (httpcore's documented ``network_stream``)."""
    stream = response.extensions.get("network_stream")
    try:
        sock = stream.get_extra_info("socket") if stream is not None else None
    except Exception:  # another transport: no socket to watch
        return None
    return sock if isinstance(sock, socket.socket) else None


def arm(sock: socket.socket, seconds: float) -> int:
    """Shut ``sock`` down in ``seconds`` unless :func:`disarm` is called first."""
    global _seq, _thread
    with _cond:
        _seq += 1
        token = _seq
        _armed[token] = sock
        idle = not _heap
        heapq.heappush(_heap, (time.monotonic() + seconds, token))
        if _thread is None or not _thread.is_alive():  # also after a fork
            _thread = threading.Thread(target=_run, name="portkey-watchdog", daemon=True)
            _thread.start()
        elif idle:
            # Wake the thread only when it waits for nothing: a later deadline than the one
            # it waits for needs no wake-up (and no GIL hand-off on the caller's hot path).
            _cond.notify()
    return token


def disarm(token: int) -> bool:
    """Cancel; False when the deadline had already passed and the socket was shut down."""
    with _cond:
        return _armed.pop(token, None) is not None


def _run() -> None:
    while True:
        with _cond:
            while not _heap:
                _cond.wait()
            wait = _heap[0][0] - time.monotonic()
            if wait > 0:
                _cond.wait(wait)
                continue
            # Every deadline due within SLACK at once: at most one wake-up per SLACK, however
            # many streams end (most were disarmed long before their deadline).
            due = time.monotonic() + SLACK
            while _heap and _heap[0][0] <= due:
                sock = _armed.pop(heapq.heappop(_heap)[1], None)
                if sock is not None:
                    try:
                        # The plain socket's shutdown (not SSLSocket's, which would first drop
                        # its SSL state under the reading thread): the read ends at once.
                        socket.socket.shutdown(sock, socket.SHUT_RDWR)
                    except OSError:
                        pass  # already closed

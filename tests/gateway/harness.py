"""Run the real open-source Portkey gateway offline on loopback, with a fake LLM upstream.

Standard library only; used by the pytest fixtures (``tests/gateway/conftest.py``) and by scripts.

From Python::

    from harness import running_stack          # or: from gateway.harness import ...

    with running_stack() as stack:
        stack.gateway_url    # "http://127.0.0.1:PORT/v1": the SDK's base_url
        stack.upstream_url   # "http://127.0.0.1:PORT/v1": what to pass as custom_host
        stack.headers()      # x-portkey-provider/-custom-host + Authorization for a plain call
        stack.target()       # a config target: {"provider", "api_key", "custom_host"}
        stack.hits()         # {(path, model): count} at the fake upstream
        stack.reset()        # zero the upstream's counters and request log

From a shell::

    python tests/gateway/harness.py                 # start, print the URLs, wait for Ctrl-C
    python tests/gateway/harness.py run -- CMD ...  # run CMD with PORTKEY_GATEWAY_URL,
                                                    # PORTKEY_BASE_URL, PORTKEY_UPSTREAM_URL set
    python tests/gateway/harness.py install         # npm ci (when needed) + the patch only

What it does: ``npm ci`` in this folder when ``node_modules`` is missing or older than
``package-lock.json`` (the gateway is pinned there, with ``@hono/node-server`` overridden to
1.13.5: later versions break every streamed response); patches ``async-retry`` as the gateway's
own repository does (without it ``retry.use_retry_after_header`` fails with a TypeError); starts
the fake upstream (``fake_upstream.py``) and the gateway as subprocesses in their own process
groups, bound to 127.0.0.1 on free ports; waits until both answer; stops them (SIGTERM, then
SIGKILL) on exit, also at interpreter exit, and they exit by themselves if this process dies.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Any, Dict, Iterator, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
GATEWAY_VERSION = "1.15.2"
NODE_MODULES = HERE / "node_modules"
GATEWAY_ENTRY = NODE_MODULES / "@portkey-ai" / "gateway" / "build" / "start-server.js"
ASYNC_RETRY = NODE_MODULES / "async-retry" / "lib" / "index.js"
PRELOAD = HERE / "bind-loopback.cjs"
FAKE_UPSTREAM = HERE / "fake_upstream.py"
STAMP = NODE_MODULES / ".portkey-harness-stamp"
MIN_NODE = (18, 0)

API_KEY = "sk-fake"
LOOPBACK = "127.0.0.1"


class HarnessError(RuntimeError):
    """The gateway stack could not be installed or started."""


class NodeMissing(HarnessError):
    """``node`` or ``npm`` is not installed (or too old)."""


# ---------------------------------------------------------------------------------------------
# small helpers


def find_free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the stack itself asks the OS for port 0)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _clean(text: str) -> str:
    """Log text without colour codes and without the gateway's start-up spinner frames."""
    text = _ANSI.sub("", text)
    lines = []
    for line in text.splitlines():
        if "\r" in line:
            line = line.rsplit("\r", 1)[-1]
        lines.append(line)
    return "\n".join(lines)


def _tail(path: Optional[Path], lines: int = 40) -> str:
    if path is None or not path.exists():
        return "(no log)"
    text = _clean(path.read_text("utf-8", "replace")).strip()
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_json(
    method: str, url: str, body: Any = None, timeout: float = 5.0
) -> Tuple[int, Dict[str, str], Any]:
    """A loopback HTTP call that ignores proxy settings: (status, headers, JSON body or text)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with _NO_PROXY.open(req, timeout=timeout) as resp:
            status, headers, raw = resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        status, headers, raw = err.code, dict(err.headers), err.read()
    text = raw.decode("utf-8", "replace")
    try:
        return status, headers, json.loads(text)
    except ValueError:
        return status, headers, text


# ---------------------------------------------------------------------------------------------
# node + npm


def node_tools() -> Tuple[str, str]:
    """Paths of ``node`` and ``npm``; raises NodeMissing with what to install."""
    node, npm = shutil.which("node"), shutil.which("npm")
    missing = [name for name, path in (("node", node), ("npm", npm)) if path is None]
    if missing:
        raise NodeMissing(
            f"{' and '.join(missing)} not found on PATH: the real-gateway tests run the "
            f"open-source Portkey gateway (npm @portkey-ai/gateway {GATEWAY_VERSION}) and need "
            "Node.js 18+ with npm (e.g. `apt-get install nodejs npm`)"
        )
    assert node is not None and npm is not None
    out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30)
    match = re.match(r"v(\d+)\.(\d+)", out.stdout.strip())
    if not match or (int(match.group(1)), int(match.group(2))) < MIN_NODE:
        raise NodeMissing(
            f"node {out.stdout.strip() or '(unknown version)'} at {node} is too old: the "
            f"Portkey gateway needs Node.js {MIN_NODE[0]}+"
        )
    return node, npm


def _install_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update(name.encode() + b"\0" + (HERE / name).read_bytes() + b"\0")
    return digest.hexdigest()


def install_is_current() -> bool:
    """node_modules exists, holds the gateway, and was installed from this lockfile."""
    try:
        return GATEWAY_ENTRY.exists() and STAMP.read_text().strip() == _install_fingerprint()
    except OSError:
        return False


@contextlib.contextmanager
def _install_lock() -> Iterator[None]:
    """Serialise installs between processes (two pytest runs at once)."""
    key = hashlib.sha256(str(HERE).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"portkey-gateway-install-{key}.lock"
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


ASYNC_RETRY_OLD = "val = fn(bail, num);"
ASYNC_RETRY_NEW = "val = fn(bail, num, op);"


def patch_async_retry(path: Path = ASYNC_RETRY) -> bool:
    """Apply the gateway repository's patch of async-retry; True if the file changed.

    The gateway's retry loop (``retry.use_retry_after_header``) sets ``op._timeouts`` on the
    third argument of the attempt function; upstream async-retry 1.3.3 passes only two, so
    without the patch the first 429 with a Retry-After header fails with ``TypeError: Cannot set
    properties of undefined (setting '_timeouts')`` (the gateway answers 500). The published
    npm package does not carry the repository's ``patches/`` folder. Idempotent.
    """
    text = path.read_text("utf-8")
    if ASYNC_RETRY_NEW in text:
        return False
    if text.count(ASYNC_RETRY_OLD) != 1:
        raise HarnessError(
            f"{path}: cannot apply the async-retry patch: expected one {ASYNC_RETRY_OLD!r}"
        )
    path.write_text(text.replace(ASYNC_RETRY_OLD, ASYNC_RETRY_NEW), "utf-8")
    return True


def ensure_installed(force: bool = False, timeout: float = 600.0) -> None:
    """``npm ci`` when node_modules is missing or stale, then the async-retry patch."""
    _, npm = node_tools()
    with _install_lock():
        if force or not install_is_current():
            cmd = [
                npm,
                "ci",
                "--ignore-scripts",  # the gateway's postinstall runs patch-package; not needed
                "--no-audit",
                "--no-fund",
                "--prefer-offline",
                "--loglevel=error",
            ]
            try:
                proc = subprocess.run(
                    cmd,
                    cwd=HERE,
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    stdin=subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired as exc:
                raise HarnessError(f"`npm ci` in {HERE} took over {timeout:.0f}s") from exc
            if proc.returncode != 0 or not GATEWAY_ENTRY.exists():
                raise HarnessError(
                    f"`{' '.join(cmd)}` in {HERE} failed (exit {proc.returncode}):\n"
                    + (proc.stdout + proc.stderr)[-3000:]
                )
            STAMP.write_text(_install_fingerprint() + "\n")
        patch_async_retry()


# ---------------------------------------------------------------------------------------------
# processes

_LIVE: set[ManagedProcess] = set()
_LIVE_LOCK = threading.Lock()


class ManagedProcess:
    """A server subprocess in its own process group, with its output in a log file."""

    def __init__(
        self,
        name: str,
        cmd: Sequence[str],
        log_path: Path,
        port_file: Path,
        env: Optional[Dict[str, str]] = None,
        cwd: Optional[Path] = None,
    ) -> None:
        self.name = name
        self.cmd = list(cmd)
        self.log_path = log_path
        self.port_file = port_file
        self.port: Optional[int] = None
        self._log: Optional[IO[bytes]] = open(log_path, "wb")
        try:
            self.popen = subprocess.Popen(
                self.cmd,
                cwd=str(cwd) if cwd else None,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: stop() reaches any child too
            )
        except BaseException:
            self._log.close()
            raise
        with _LIVE_LOCK:
            _LIVE.add(self)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        return _tail(self.log_path, lines)

    def log_text(self) -> str:
        return _clean(self.log_path.read_text("utf-8", "replace")) if self.log_path.exists() else ""

    def wait_port(self, deadline: float) -> int:
        while time.monotonic() < deadline:
            if self.port_file.exists():
                text = self.port_file.read_text().strip()
                if text.isdigit() and int(text) > 0:
                    self.port = int(text)
                    return self.port
            if not self.alive():
                raise HarnessError(self._died())
            time.sleep(0.02)
        raise HarnessError(f"{self.name} did not report a listening port in time")

    def _died(self) -> str:
        return (
            f"{self.name} exited with code {self.popen.returncode} while starting.\n"
            f"command: {' '.join(self.cmd)}\n--- log tail ({self.log_path}) ---\n" + self.log_tail()
        )

    def stop(self, grace: float = 5.0) -> None:
        """SIGTERM the process group, then SIGKILL after ``grace`` seconds. Idempotent."""
        try:
            if self.popen.poll() is None:
                self._signal(signal.SIGTERM)
                try:
                    self.popen.wait(grace)
                except subprocess.TimeoutExpired:
                    self._signal(signal.SIGKILL)
                    self.popen.wait(grace)
            else:  # the leader is gone; make sure nothing of its group lingers
                self._signal(signal.SIGKILL)
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None
            with _LIVE_LOCK:
                _LIVE.discard(self)

    def _signal(self, sig: int) -> None:
        try:
            if hasattr(os, "killpg"):
                os.killpg(self.popen.pid, sig)
            else:  # pragma: no cover - not POSIX
                self.popen.send_signal(sig)
        except (ProcessLookupError, PermissionError):
            pass


@atexit.register
def _stop_all() -> None:
    with _LIVE_LOCK:
        live = list(_LIVE)
    for proc in live:
        with contextlib.suppress(Exception):
            proc.stop(grace=2.0)


def _wait_http(proc: ManagedProcess, url: str, deadline: float, check) -> None:
    last = "no answer"
    while time.monotonic() < deadline:
        if not proc.alive():
            raise HarnessError(proc._died())
        try:
            status, _, body = http_json("GET", url, timeout=2.0)
            if check(status, body):
                return
            last = f"HTTP {status}: {str(body)[:200]}"
        except OSError as exc:
            last = repr(exc)
        time.sleep(0.05)
    raise HarnessError(
        f"{proc.name} did not answer GET {url} in time (last: {last}).\n"
        f"--- log tail ({proc.log_path}) ---\n{proc.log_tail()}"
    )


def _child_env(port_file: Path) -> Dict[str, str]:
    env = dict(os.environ)
    env["PORTKEY_HARNESS_PORT_FILE"] = str(port_file)
    env["PORTKEY_HARNESS_PARENT_PID"] = str(os.getpid())
    # a caller's NODE_OPTIONS or gateway settings must not change what the tests see
    for name in ("NODE_OPTIONS", "TRUSTED_CUSTOM_HOSTS", "PORT"):
        env.pop(name, None)
    return env


def start_upstream(workdir: Path, port: int = 0, timeout: float = 15.0) -> ManagedProcess:
    """Start fake_upstream.py on 127.0.0.1 (port 0: any free port) and wait until it answers."""
    port_file = workdir / "upstream.port"
    proc = ManagedProcess(
        "fake upstream",
        [
            sys.executable,
            str(FAKE_UPSTREAM),
            "--port",
            str(port),
            "--port-file",
            str(port_file),
            "--exit-with-parent",
        ],
        workdir / "upstream.log",
        port_file,
        env=_child_env(port_file),
    )
    try:
        deadline = time.monotonic() + timeout
        got = proc.wait_port(deadline)
        _wait_http(
            proc,
            f"http://{LOOPBACK}:{got}/__health",
            deadline,
            lambda s, b: s == 200 and isinstance(b, dict) and b.get("ok") is True,
        )
    except BaseException:
        proc.stop()
        raise
    return proc


def start_gateway(workdir: Path, port: int = 0, timeout: float = 30.0) -> ManagedProcess:
    """Start the installed gateway on 127.0.0.1 (port 0: any free port); wait for ``GET /``."""
    node, _ = node_tools()
    if not GATEWAY_ENTRY.exists():
        raise HarnessError(f"{GATEWAY_ENTRY} is missing: run ensure_installed() first")
    port_file = workdir / "gateway.port"
    proc = ManagedProcess(
        "Portkey gateway",
        [node, "-r", str(PRELOAD), str(GATEWAY_ENTRY), f"--port={port}", "--headless"],
        workdir / "gateway.log",
        port_file,
        env=_child_env(port_file),
        cwd=HERE,
    )
    try:
        deadline = time.monotonic() + timeout
        got = proc.wait_port(deadline)
        _wait_http(
            proc,
            f"http://{LOOPBACK}:{got}/",
            deadline,
            lambda s, b: s == 200 and "AI Gateway" in str(b),
        )
    except BaseException:
        proc.stop()
        raise
    return proc


# ---------------------------------------------------------------------------------------------
# the stack


class Stack:
    """A running gateway + fake upstream, and helpers to drive and inspect them."""

    def __init__(self, gateway: ManagedProcess, upstream: ManagedProcess, workdir: Path):
        self.gateway = gateway
        self.upstream = upstream
        self.workdir = workdir
        self.gateway_base = f"http://{LOOPBACK}:{gateway.port}"
        self.gateway_url = self.gateway_base + "/v1"
        self.upstream_base = f"http://{LOOPBACK}:{upstream.port}"
        self.upstream_url = self.upstream_base + "/v1"
        self.api_key = API_KEY

    def __repr__(self) -> str:
        return f"<Stack gateway={self.gateway_url} upstream={self.upstream_url}>"

    # -- request building ------------------------------------------------------------------

    def headers(self, provider: str = "openai", **extra: str) -> Dict[str, str]:
        """Gateway headers for a plain (config-less) call routed to the fake upstream."""
        out = {
            "x-portkey-provider": provider,
            "x-portkey-custom-host": self.upstream_url,
            "Authorization": f"Bearer {self.api_key}",
        }
        out.update(extra)
        return out

    def target(self, provider: str = "openai", **extra: Any) -> Dict[str, Any]:
        """A config target (or single-provider config) pointing at the fake upstream."""
        out: Dict[str, Any] = {
            "provider": provider,
            "api_key": self.api_key,
            "custom_host": self.upstream_url,
        }
        out.update(extra)
        return out

    # -- the upstream's records --------------------------------------------------------------

    def hits(self) -> Dict[Tuple[str, str], int]:
        """{(path, model): requests} seen by the fake upstream since the last reset."""
        _, _, body = http_json("GET", self.upstream_base + "/__hits")
        out: Dict[Tuple[str, str], int] = {}
        for row in body["hits"]:
            key = (row["path"], row["model"])
            out[key] = out.get(key, 0) + int(row["count"])
        return out

    def hit_count(self, model: str, path: Optional[str] = None) -> int:
        """Requests for ``model`` (on ``path``, e.g. "/v1/chat/completions", if given)."""
        return sum(n for (p, m), n in self.hits().items() if m == model and path in (None, p))

    def requests(self, model: Optional[str] = None, path: Optional[str] = None) -> List[Dict]:
        """The requests as the upstream received them (oldest first): method, path, query,
        headers (lower-case names), body (parsed JSON), model, seq, time."""
        _, _, body = http_json("GET", self.upstream_base + "/__requests")
        rows = body["requests"]
        return [r for r in rows if model in (None, r["model"]) and path in (None, r["path"])]

    def last_request(self, model: Optional[str] = None) -> Dict[str, Any]:
        rows = self.requests(model)
        if not rows:
            raise AssertionError(f"the fake upstream received no request (model={model!r})")
        return rows[-1]

    def reset(self) -> None:
        """Zero the upstream's hit and failure counters and clear its request log."""
        status, _, body = http_json("POST", self.upstream_base + "/__reset", body={})
        if status != 200:
            raise HarnessError(f"fake upstream reset failed: {status} {body}")

    # -- logs and lifecycle --------------------------------------------------------------------

    def gateway_log(self) -> str:
        """The gateway's console output so far (colour codes removed)."""
        return self.gateway.log_text()

    def check_alive(self) -> None:
        for proc in (self.gateway, self.upstream):
            if not proc.alive():
                raise HarnessError(proc._died().replace("while starting", "unexpectedly"))

    def stop(self) -> None:
        try:
            self.gateway.stop()
        finally:
            self.upstream.stop()


@contextlib.contextmanager
def running_stack(
    install: bool = True,
    gateway_port: int = 0,
    upstream_port: int = 0,
    timeout: float = 30.0,
    keep_logs: bool = False,
) -> Iterator[Stack]:
    """Install if needed, start the fake upstream and the gateway, yield a Stack, stop both.

    Raises NodeMissing when node/npm is not installed, HarnessError on any other failure
    (with the gateway's log tail). Logs live in a temporary folder that is removed on exit
    unless ``keep_logs`` (or env PORTKEY_HARNESS_KEEP_LOGS=1) is set or starting failed.
    """
    node_tools()
    if install:
        ensure_installed()
    keep = keep_logs or os.environ.get("PORTKEY_HARNESS_KEEP_LOGS") == "1"
    workdir = Path(tempfile.mkdtemp(prefix="portkey-gateway-"))
    upstream = gateway = None
    ok = False
    try:
        upstream = start_upstream(workdir, upstream_port, timeout=timeout)
        gateway = start_gateway(workdir, gateway_port, timeout=timeout)
        ok = True
        yield Stack(gateway, upstream, workdir)
    finally:
        for proc in (gateway, upstream):
            if proc is not None:
                with contextlib.suppress(Exception):
                    proc.stop()
        if ok and not keep:
            shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# command line


def _env_for(stack: Stack) -> Dict[str, str]:
    return {
        "PORTKEY_GATEWAY_URL": stack.gateway_url,
        "PORTKEY_BASE_URL": stack.gateway_url,
        "PORTKEY_UPSTREAM_URL": stack.upstream_url,
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="harness.py",
        description="The open-source Portkey gateway + a fake LLM upstream on 127.0.0.1",
    )
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="start both and wait for Ctrl-C (the default)")
    serve.add_argument("--gateway-port", type=int, default=0)
    serve.add_argument("--upstream-port", type=int, default=0)
    run = sub.add_parser("run", help="start both, run a command with their URLs in env, stop")
    run.add_argument("cmd", nargs=argparse.REMAINDER, help="-- CMD [ARGS...]")
    sub.add_parser("install", help="npm ci when needed, then the async-retry patch")
    args = parser.parse_args(argv)
    # a plain `kill` should stop the stack as cleanly as Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    try:
        if args.command == "install":
            ensure_installed()
            print(f"gateway {GATEWAY_VERSION} installed in {NODE_MODULES}")
            return 0
        if args.command == "run":
            cmd = list(args.cmd)
            if cmd and cmd[0] == "--":
                cmd = cmd[1:]
            if not cmd:
                parser.error("run: give a command after --")
            with running_stack() as stack:
                env = dict(os.environ, **_env_for(stack))
                print(f"gateway {stack.gateway_url} -> fake upstream {stack.upstream_url}")
                return subprocess.call(cmd, env=env)
        gport = getattr(args, "gateway_port", 0)
        uport = getattr(args, "upstream_port", 0)
        with running_stack(gateway_port=gport, upstream_port=uport) as stack:
            for name, value in _env_for(stack).items():
                print(f"export {name}={value}")
            print(
                "\ntry:\n  curl -s "
                f"{stack.gateway_url}/chat/completions -H 'content-type: application/json' "
                f"-H 'x-portkey-provider: openai' -H 'x-portkey-custom-host: "
                f"{stack.upstream_url}' -H 'Authorization: Bearer {API_KEY}' -d "
                '\'{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}\''
                "\n\nCtrl-C to stop.",
                flush=True,
            )
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(1)
                    stack.check_alive()
        return 0
    except HarnessError as exc:
        print(f"harness: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

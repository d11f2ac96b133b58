// Preload for the Portkey gateway: `node -r ./bind-loopback.cjs .../start-server.js --port=N`.
//
// The gateway's start-server.js has no host option: it calls @hono/node-server's
// serve({port}), which ends in server.listen(port, undefined, cb) and binds every interface.
// This makes a listen() that names no host bind 127.0.0.1 instead. A listen() that names a
// host, a path (unix socket), a handle or an fd is left alone.
//
// Environment (all optional):
//   PORTKEY_GATEWAY_BIND_HOST   the address to bind instead of 127.0.0.1 (e.g. "::1")
//   PORTKEY_HARNESS_PORT_FILE   when the first server is listening, write its port there
//                               (so `--port=0` works: the OS picks a free port)
//   PORTKEY_HARNESS_PARENT_PID  exit when this process is no longer our parent (the test
//                               runner died without stopping us)
'use strict';
const fs = require('fs');
const net = require('net');

const HOST = process.env.PORTKEY_GATEWAY_BIND_HOST || '127.0.0.1';
const PORT_FILE = process.env.PORTKEY_HARNESS_PORT_FILE;
const PARENT = Number(process.env.PORTKEY_HARNESS_PARENT_PID || 0);
const originalListen = net.Server.prototype.listen;
let reported = false;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

function reportPort(server) {
  if (!PORT_FILE || reported) return;
  server.once('listening', () => {
    if (reported) return;
    reported = true;
    const address = server.address();
    const tmp = `${PORT_FILE}.tmp`;
    fs.writeFileSync(tmp, String(address && address.port));
    fs.renameSync(tmp, PORT_FILE);
  });
}

net.Server.prototype.listen = function listen(...args) {
  const first = args[0];
  if (first === undefined || first === null || isPort(first)) {
    // listen([port][, host][, backlog][, callback]): an undefined or null host slot, or a
    // backlog/callback where the host would be, means "every interface".
    const second = args[1];
    if (typeof second !== 'string') {
      const rest = second === undefined || second === null ? args.slice(2) : args.slice(1);
      reportPort(this);
      return originalListen.call(this, first == null ? 0 : first, HOST, ...rest);
    }
  } else if (
    typeof first === 'object' &&
    first.path === undefined &&
    first.handle === undefined &&
    first._handle === undefined &&
    first.fd === undefined &&
    first.host === undefined
  ) {
    reportPort(this);
    return originalListen.call(this, { ...first, host: HOST }, ...args.slice(1));
  }
  return originalListen.apply(this, args);
};

if (PARENT > 0) {
  setInterval(() => {
    if (process.ppid !== PARENT) process.exit(0);
  }, 500).unref();
}

// A transparent HTTP proxy in front of the worker that writes down every
// request it passes on. The browser's own requests (the favicon, say) never
// reach the page's `request` event; here they are seen as the server sees them.
// It listens before it knows where to forward, so the worker can be started
// knowing the origin it is served at.
//
//   const recorder = await startRecorder();
//   recorder.forwardTo(worker.port);
//   ... browse recorder.url('/fr/apropos/') ...
//   await recorder.quiet(500);                 // nothing more for 500 ms
//   recorder.requests                           // [{ method, path, dest, status }]
//   await recorder.stop();

import { createServer, request as forward } from 'node:http';

/** Starts the proxy on a free loopback port; it answers 502 until forwardTo(). */
export async function startRecorder() {
  const requests = [];
  let lastAt = performance.now();
  let targetPort = null;
  const server = createServer((req, res) => {
    lastAt = performance.now();
    const entry = { method: req.method, path: req.url, dest: req.headers['sec-fetch-dest'] ?? null, status: null };
    requests.push(entry);
    if (targetPort === null) {
      entry.status = 502;
      res.writeHead(502).end('no target yet');
      return;
    }
    const upstream = forward(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        entry.status = answer.statusCode;
        res.writeHead(answer.statusCode, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.destroy(error));
    req.pipe(upstream);
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    requests,
    url: (path) => `${base}${path}`,
    /** Sends every later request to 127.0.0.1:`port`. */
    forwardTo: (port) => {
      targetPort = port;
    },
    /** Forgets the requests recorded so far. */
    clear: () => {
      requests.length = 0;
    },
    /** Resolves once no request has arrived for `ms` milliseconds. */
    quiet: async (ms) => {
      for (let wait = ms; wait > 0; wait = lastAt + ms - performance.now()) {
        await new Promise((r) => setTimeout(r, wait));
      }
    },
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

// A raw HTTP/1.1 client over a TCP socket, for requests that fetch() refuses
// to send (invalid bytes in headers, odd methods, huge values) and for reading
// a response exactly as it crossed the wire (Content-Length, chunking).

import { connect } from 'node:net';

/**
 * Sends one request and resolves with `{ status, headers, body, raw }`:
 * `headers` maps lowercase names to arrays of values, `body` is a Buffer.
 * `headers` may be given as an array of [name, value] pairs whose values are
 * strings or Buffers (sent byte for byte).
 */
export function rawRequest(port, { method = 'GET', path = '/', headers = [], body, timeoutMs = 10000 } = {}) {
  const lines = [Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n`, 'latin1')];
  for (const [name, value] of headers) {
    lines.push(Buffer.from(`${name}: `, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'), Buffer.from('\r\n'));
  }
  if (body !== undefined) lines.push(Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n`));
  lines.push(Buffer.from('\r\n'));
  if (body !== undefined) lines.push(Buffer.from(body));
  const request = Buffer.concat(lines);

  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no complete answer within ${timeoutMs} ms`)));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', fail);
    socket.on('end', () => {
      try {
        done(parseResponse(Buffer.concat(chunks), method === 'HEAD'));
      } catch (e) {
        fail(e);
      }
    });
    socket.write(request);
  });
}

/** Parses one HTTP/1.1 response; throws if it is malformed or truncated. */
export function parseResponse(raw, head = false) {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no end of headers in ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  let body = raw.subarray(end + 4);
  if (!head && headers['transfer-encoding']?.[0]?.toLowerCase() === 'chunked') body = dechunk(body);
  else if (!head && headers['content-length']) {
    const length = Number(headers['content-length'][0]);
    if (body.length !== length) throw new Error(`Content-Length ${length} but ${body.length} bytes`);
  }
  return { status, headers, body, raw };
}

function dechunk(data) {
  const parts = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!(size >= 0)) throw new Error('malformed chunk');
    if (size === 0) return Buffer.concat(parts);
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

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
    let received = Buffer.alloc(0);
    const settle = (final) => {
      const response = tryParse(received, method === 'HEAD', final);
      if (response) {
        socket.destroy();
        done(response);
      }
    };
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no complete answer within ${timeoutMs} ms`)));
    socket.on('data', (d) => {
      received = Buffer.concat([received, d]);
      try {
        settle(false);
      } catch (e) {
        socket.destroy();
        fail(e);
      }
    });
    socket.on('error', fail);
    socket.on('end', () => {
      try {
        settle(true);
        fail(new Error(`connection closed mid-response: ${JSON.stringify(received.toString('latin1').slice(0, 200))}`));
      } catch (e) {
        fail(e);
      }
    });
    socket.write(request);
  });
}

/**
 * The response in `raw` once it is complete (null before), judged by its
 * framing: Content-Length, chunked encoding, no body for HEAD/1xx/204/304, or
 * the end of the connection (`final`).
 */
function tryParse(raw, head, final) {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) {
    if (final) throw new Error(`no end of headers in ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
    return null;
  }
  const response = parseHead(raw, end);
  const bodyless = head || response.status === 204 || response.status === 304 || response.status < 200;
  const body = raw.subarray(end + 4);
  if (bodyless) return { ...response, body: Buffer.alloc(0), raw };
  if (response.headers['transfer-encoding']?.[0]?.toLowerCase() === 'chunked') {
    const decoded = dechunk(body);
    return decoded ? { ...response, body: decoded, raw } : final ? thrown('truncated chunked body') : null;
  }
  if (response.headers['content-length']) {
    const length = Number(response.headers['content-length'][0]);
    if (body.length > length) throw new Error(`Content-Length ${length} but ${body.length} bytes`);
    if (body.length === length) return { ...response, body, raw };
    return final ? thrown(`Content-Length ${length} but ${body.length} bytes`) : null;
  }
  return final ? { ...response, body, raw } : null;
}

function thrown(message) {
  throw new Error(message);
}

function parseHead(raw, end) {
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return { status, headers };
}

/** Decodes a complete chunked body, or returns null if more is to come. */
function dechunk(data) {
  const parts = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return null;
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!(size >= 0)) throw new Error('malformed chunk');
    if (size === 0) return Buffer.concat(parts);
    if (data.length < eol + 2 + size + 2) return null;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

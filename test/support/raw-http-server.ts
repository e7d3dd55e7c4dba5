import net from 'node:net';

/** A request as its bytes arrived, with the head parsed. */
export interface RawRequest {
  readonly method: string;
  /** Request target as sent: path and query string. */
  readonly target: string;
  /** Header lines as sent, names in the client's spelling, in order. */
  readonly headerLines: readonly string[];
  /** Headers by lower-case name; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's bytes, after removing chunked framing. */
  readonly body: Buffer;
  /** Every byte of the request, head and framing included. */
  readonly raw: Buffer;
}

/** Responder to one request: writes raw bytes to the socket, destroys it, or never responds. */
export type RawResponder = (request: RawRequest, socket: net.Socket) => void;

/**
 * An HTTP/1.1 server on 127.0.0.1 built on `net`, so tests see exactly the bytes a client sent and
 * control exactly the bytes it gets back (framing, encodings, malformed bodies). Each connection
 * serves one request and closes, which keeps the parser small.
 */
export class RawHttpServer {
  readonly requests: RawRequest[] = [];
  url = '';
  private responder: RawResponder = (_request, socket) => respond(socket, 200, {}, '');
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor() {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /** Starts a server on a free port. */
  static async start(): Promise<RawHttpServer> {
    const raw = new RawHttpServer();
    await new Promise<void>((resolve) => raw.server.listen(0, '127.0.0.1', resolve));
    raw.url = `http://127.0.0.1:${(raw.server.address() as net.AddressInfo).port}`;
    return raw;
  }

  /** Sets the responder for every following request. */
  respondWith(responder: RawResponder): void {
    this.responder = responder;
  }

  /** Forgets recorded requests. */
  reset(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      buffered = Buffer.concat([buffered, chunk]);
      const request = parseRequest(buffered);
      if (request === undefined) return;
      done = true;
      this.requests.push(request);
      this.responder(request, socket);
    });
  }
}

/** Parses a complete request, or returns `undefined` while bytes are missing. */
function parseRequest(bytes: Buffer): RawRequest | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [requestLine = '', ...headerLines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const [method = '', target = ''] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }

  const rest = bytes.subarray(headEnd + 4);
  let body: Buffer | undefined;
  let length: number;
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const chunked = parseChunked(rest);
    if (chunked === undefined) return undefined;
    ({ body, length } = chunked);
  } else {
    length = Number(headers['content-length'] ?? 0);
    if (rest.length < length) return undefined;
    body = rest.subarray(0, length);
  }
  return { method, target, headerLines, headers, body, raw: bytes.subarray(0, headEnd + 4 + length) };
}

function parseChunked(bytes: Buffer): { body: Buffer; length: number } | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    const start = lineEnd + 2;
    if (bytes.length < start + size + 2) return undefined;
    if (size === 0) return { body: Buffer.concat(parts), length: start + 2 };
    parts.push(bytes.subarray(start, start + size));
    offset = start + size + 2;
  }
}

/** Writes a complete response with a Content-Length, then closes the connection. */
export function respond(
  socket: net.Socket,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string | Buffer,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  // Given headers come last, so a test can declare a length that differs from the bytes sent.
  const head = Object.entries({ 'content-length': String(bytes.length), connection: 'close', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} X\r\n${head}\r\n`, 'latin1'), bytes]));
}

/** Writes a response with chunked framing, one chunk per element, then closes the connection. */
export function respondChunked(
  socket: net.Socket,
  status: number,
  headers: Readonly<Record<string, string>>,
  chunks: readonly Buffer[],
): void {
  const head = Object.entries({ ...headers, 'transfer-encoding': 'chunked', connection: 'close' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`HTTP/1.1 ${status} X\r\n${head}\r\n`, 'latin1');
  for (const chunk of chunks) {
    socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
    socket.write(chunk);
    socket.write('\r\n', 'latin1');
  }
  socket.end('0\r\n\r\n', 'latin1');
}

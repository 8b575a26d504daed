import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const EMPTY = Buffer.alloc(0);

/** What the server serves: the registry's text and its content type. */
export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

/**
 * A minimal HTTP server for scrapes: `GET`/`HEAD <path>` answers the
 * registry's text with its content type; `routes` (e.g. /rpcz) answer their
 * own paths; other paths 404; other methods 405.
 */
export class MetricsServer {
  private readonly server: Server;
  /** Requests being answered; `close` waits for them (up to its grace period). */
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private closing: Promise<void> | undefined;
  /**
   * The body being answered and its bytes: the scrapes that share a render
   * resume together, in one event-loop turn, and share its encoding too. Let
   * go on the next turn, so no scrape's text outlives its answers.
   */
  private lastBody: string | undefined;
  private lastBytes: Buffer = EMPTY;

  private constructor(
    private readonly source: MetricsSource,
    private readonly path: string,
    private readonly onError: (err: unknown) => void,
    private readonly routes?: ReadonlyMap<string, RequestListener>,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Binds `host:port` (0 = a free port) and resolves once listening. */
  static async listen(
    source: MetricsSource,
    options: { port: number; host: string; path: string },
    onError: (err: unknown) => void,
    routes?: ReadonlyMap<string, RequestListener>,
  ): Promise<MetricsServer> {
    const s = new MetricsServer(source, options.path, onError, routes);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(options.port, options.host, () => {
        s.server.off('error', reject);
        resolve();
      });
    });
    return s;
  }

  /** The port actually bound. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * Stops accepting connections and closes idle ones at once; requests in
   * flight get up to `graceMs` to be answered (with `Connection: close`),
   * then their connections are closed too. Resolves once every connection
   * is closed. Calling it again returns the same promise.
   */
  close(graceMs: number): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      const timer = setTimeout(() => this.server.closeAllConnections(), graceMs);
      const done = () => {
        clearTimeout(timer);
        // A kept-alive connection whose response was just written is idle now.
        this.server.closeAllConnections();
      };
      if (this.inFlight === 0) done();
      else this.drained = done;
    });
    return this.closing;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    if (this.closing !== undefined) res.setHeader('Connection', 'close');
    res.once('close', () => {
      if (--this.inFlight === 0) this.drained?.();
    });
    await this.respond(req, res);
  }

  private async respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0];
    const route = path === this.path ? undefined : this.routes?.get(path);
    if (route !== undefined) return void route(req, res);
    if (path !== this.path) return end(res, 404, 'Not Found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return end(res, 405, 'Method Not Allowed\n');
    }
    let body: string;
    try {
      body = await this.source.metrics();
    } catch (err) {
      this.onError(err);
      return end(res, 500, 'Internal Server Error\n');
    }
    if (body !== this.lastBody) {
      this.lastBody = body;
      this.lastBytes = Buffer.from(body);
      setImmediate(() => {
        this.lastBody = undefined;
        this.lastBytes = EMPTY;
      });
    }
    const bytes = this.lastBytes;
    if (this.closing !== undefined) res.setHeader('Connection', 'close');
    res.writeHead(200, { 'Content-Type': this.source.contentType, 'Content-Length': bytes.length });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }
}

function end(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

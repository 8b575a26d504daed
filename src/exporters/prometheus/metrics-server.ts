import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

  /** Stops listening and closes open (keep-alive) connections. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    res.writeHead(200, { 'Content-Type': this.source.contentType, 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

function end(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

import * as grpc from '@grpc/grpc-js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as BrowserPage } from 'playwright-core';
import { Registry } from 'prom-client';
import { PrometheusExporter, ServerCompletedRPCsView, clientOptions, createServer, type RpczReport } from '../../../src';
import { formatNumber } from '../../../src/exporters/rpcz/html/format';
import { echoClient, run, serveEcho } from '../../grpc/helpers/harness';
import { total, waitFor } from '../../grpc/helpers/views';
import { launchChromium } from './chromium';
import { SteppedClock, calls, statsOn } from './helpers';
import { fetchText } from '../../support/http';

// The page in a real browser, served by startServer({ rpcz }) for a real
// instrumented grpc-js service on 127.0.0.1. Real time only drives the RPCs;
// the page's clock is stepped, so the numbers are exact and nothing waits.

jest.setTimeout(120_000);

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
const HOSTILE = `<script>alert("rpcz")</script>'/x`;

const clock = new SteppedClock();
const stats = statsOn(clock);
const exporter = new PrometheusExporter({ stats, registry: new Registry() });
const server = createServer({ census: { stats } });
let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;
let base = '';
let hung: grpc.Call | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: BrowserPage;
const dialogs: string[] = [];

/** Sends RPCs and waits until the server recorded their endings too. */
async function traffic(rpcs: Array<[kind: 'unary' | 'serverStream', text: string, n: number]>): Promise<void> {
  const expected = total(stats, ServerCompletedRPCsView) + rpcs.reduce((n, r) => n + r[2], 0);
  for (const [kind, text, n] of rpcs) for (let i = 0; i < n; i++) await run(client, kind, [{ text }]);
  await waitFor(() => total(stats, ServerCompletedRPCsView) === expected, 'the server endings');
}

/** One timer period: the clock moves 5 s and the page takes its snapshot (any page view does). */
async function step(): Promise<void> {
  clock.step(5);
  expect((await fetchText(`${base}/rpcz.json`)).status).toBe(200);
}

beforeAll(async () => {
  const address = await serveEcho(server);
  client = echoClient(address, clientOptions({ stats })) as typeof client;
  const { port } = await exporter.startServer({ port: 0, rpcz: { now: clock.now, refreshSeconds: 0 } });
  base = `http://127.0.0.1:${port}`;
  // One quiet minute: 1 call per 5 s.
  for (let i = 0; i < 12; i++) {
    await traffic([['unary', 'hello', 1]]);
    await step();
  }
  // One busy minute: per 5 s, 4 OK and 1 NOT_FOUND unary calls, 2 server streams of 3 replies.
  for (let i = 0; i < 12; i++) {
    await traffic([['unary', 'hello', 4], ['unary', 'error:5', 1], ['serverStream', 'many:3', 2]]);
    calls(stats, 1, { side: 'server', method: HOSTILE, status: '"><b>x</b>' });
    await step();
  }
  // A call that stays in flight.
  void run(client, 'unary', [{ text: 'hang' }], { act: (call) => (hung = call) });
  await waitFor(() => stats.retrieveData('grpc.io/server/started_rpcs').reduce((n, r) => n + (r.data as { value: number }).value, 0) === 12 + 12 * 8 + 1, 'the hung call');
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${base}/rpcz`);
});

afterAll(async () => {
  await browser?.close();
  hung?.cancel();
  client?.close();
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  await exporter.stop();
});

const cell = (side: string, method: string, k: string) => page.locator(`section[data-side="${side}"] tr[data-method="${method.replace(/["\\]/g, '\\$&')}"] [data-k="${k}"]`);
const text = async (side: string, method: string, k: string) => (await cell(side, method, k).textContent())?.trim();

describe('/rpcz in Chromium, after a quiet minute and a busy one', () => {
  it('lists the server methods by traffic, then the client ones', async () => {
    expect(await page.locator('section[data-side="server"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-method')))).toEqual([
      'census.test.Echo/Unary',
      'census.test.Echo/ServerStream',
      HOSTILE,
    ]);
    expect(await page.locator('section[data-side="client"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-method')))).toEqual([
      'census.test.Echo/Unary',
      'census.test.Echo/ServerStream',
    ]);
    expect(await page.locator('.notice').count()).toBe(0);
  });

  it.each(['server', 'client'])('%s Unary: calls/s, errors/s and errors by status per window', async (side) => {
    const m = 'census.test.Echo/Unary';
    // 1m: 12 × 5 calls in 60 s; 1h and all: 72 calls in 120 s.
    expect(await text(side, m, '1m.callsPerSec')).toBe('1.00');
    expect(await text(side, m, '1h.callsPerSec')).toBe('0.60');
    expect(await text(side, m, 'total.callsPerSec')).toBe('0.60');
    expect(await text(side, m, '1m.errorsPerSec')).toBe('0.20');
    expect(await text(side, m, '1h.errorsPerSec')).toBe('0.10');
    expect(await text(side, m, '1h.errorsByStatus')).toBe('NOT_FOUND 12');
    expect(await text(side, m, 'inFlight')).toBe('1');
  });

  it('server messages and bytes per second, from the exact serialized sizes', async () => {
    // Unary, per 5 s: in 4 × "hello" (7 B) + "error:5" (9 B), out 4 × "HELLO" (7 B).
    expect(await text('server', 'census.test.Echo/Unary', '1m.receivedBytesPerSec')).toBe('7.40 B/s');
    expect(await text('server', 'census.test.Echo/Unary', '1m.sentBytesPerSec')).toBe('5.60 B/s');
    // ServerStream, per 5 s: 2 calls of 1 request and 3 replies.
    expect(await text('server', 'census.test.Echo/ServerStream', '1m.callsPerSec')).toBe('0.40');
    expect(await text('server', 'census.test.Echo/ServerStream', '1m.receivedMessagesPerSec')).toBe('0.40');
    expect(await text('server', 'census.test.Echo/ServerStream', '1m.sentMessagesPerSec')).toBe('1.20');
    expect(await text('server', 'census.test.Echo/ServerStream', 'inFlight')).toBe('0');
  });

  it('shows the latency percentiles of the JSON twin, ordered', async () => {
    const report = JSON.parse((await fetchText(`${base}/rpcz.json`)).body) as RpczReport;
    for (const row of report.rows.filter((r) => r.aggregate === undefined && !r.method.startsWith('<'))) {
      for (const w of ['1m', '1h'] as const) {
        const l = row.windows[w].latencyMs!;
        expect(l.p50).toBeLessThanOrEqual(l.p90);
        expect(l.p90).toBeLessThanOrEqual(l.p99);
        for (const p of ['p50', 'p90', 'p99'] as const) expect(await text(row.side, row.method, `${w}.latencyMs.${p}`)).toBe(formatNumber(l[p]));
      }
    }
    expect(await page.locator('footer').textContent()).toContain('Latency percentiles are interpolated from the histogram buckets');
  });

  it('draws a sparkline per row: a quiet minute, then a busy one', async () => {
    expect(await page.locator('section[data-side="server"] tbody tr svg.spark polyline').count()).toBe(3);
    const points = await page.locator('section[data-side="server"] tr[data-method="census.test.Echo/Unary"] polyline').getAttribute('points');
    const ys = points!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(ys).toHaveLength(24);
    expect(new Set(ys.slice(0, 12)).size).toBe(1);
    expect(new Set(ys.slice(12)).size).toBe(1);
    expect(ys[12]).toBeLessThan(ys[0]); // higher on screen = more calls
  });

  it('renders a hostile method name and status as text: no script, no dialog', async () => {
    expect(await page.locator(`tr[data-method="${HOSTILE.replace(/"/g, '\\"')}"] td.method`).textContent()).toBe(HOSTILE);
    expect(await text('server', HOSTILE, '1h.errorsByStatus')).toBe('"><b>x</b> 12');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('td b').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('saves a screenshot as a test artifact', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = await page.screenshot({ path: join(ARTIFACTS, 'rpcz.png'), fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

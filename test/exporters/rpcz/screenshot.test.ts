import * as grpc from '@grpc/grpc-js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { PrometheusExporter, ServerCompletedRPCsView, clientOptions, createServer } from '../../../src';
import { echoClient, run, serveEcho } from '../../grpc/helpers/harness';
import { total, waitFor } from '../../grpc/helpers/views';
import { launchChromium } from './chromium';
import { SteppedClock, statsOn } from './helpers';
import { fetchText } from '../../support/http';

// The README's picture of the page (docs/images/rpcz.png is a copy of the
// artifact this writes): ten minutes of uneven traffic on a real grpc-js
// service, on the page's stepped clock.

jest.setTimeout(180_000);

test('ten minutes of uneven traffic: every row gets a sparkline that rises and falls; the screenshot is saved', async () => {
  const clock = new SteppedClock();
  const stats = statsOn(clock);
  const exporter = new PrometheusExporter({ stats, registry: new Registry() });
  const server = createServer({ census: { stats } });
  const client = echoClient(await serveEcho(server), clientOptions({ stats }));
  const { port } = await exporter.startServer({ port: 0, rpcz: { now: clock.now, refreshSeconds: 0 } });
  const base = `http://127.0.0.1:${port}`;
  const hung: grpc.Call[] = [];
  const browser = await launchChromium({ width: 1480, height: 600 });
  try {
    for (let step = 0; step < 120; step++) {
      const wave = (phase: number, peak: number) => Math.round(peak * (0.55 + 0.45 * Math.sin(step / 9 + phase)));
      const expected = total(stats, ServerCompletedRPCsView);
      const batch: Array<Promise<unknown>> = [];
      for (let i = 0; i < wave(0, 8); i++) batch.push(run(client, 'unary', [{ text: (i + step) % 9 === 8 ? 'error:5' : 'hello' }]));
      for (let i = 0; i < wave(2, 4); i++) batch.push(run(client, 'serverStream', [{ text: `many:${1 + (i % 5)}` }]));
      for (let i = 0; i < wave(4, 3); i++) batch.push(run(client, 'bidi', [{ text: 'a' }, { text: 'b' }, { text: step % 7 === 0 ? 'error:14' : 'c' }]));
      for (let i = 0; i < wave(1, 2); i++) batch.push(run(client, 'clientStream', [{ text: 'x'.repeat(100 + step * 40) }, { text: 'y' }]));
      await Promise.all(batch);
      await waitFor(() => total(stats, ServerCompletedRPCsView) === expected + batch.length, 'the server endings');
      clock.step(5);
      await fetchText(`${base}/rpcz.json`);
    }
    for (let i = 0; i < 3; i++) void run(client, 'bidi', [{ text: 'hang' }], { act: (call) => hung.push(call) });
    await waitFor(() => hung.length === 3, 'calls in flight');
    const page = await browser.context.newPage();
    await page.goto(`${base}/rpcz`);
    expect(await page.locator('section[data-side="server"] tbody tr').count()).toBe(4);
    const points = await page.locator('section[data-side="server"] tbody tr polyline').first().getAttribute('points');
    expect(new Set(points!.split(' ').map((p) => p.split(',')[1])).size).toBeGreaterThan(3);
    const dir = join(__dirname, '..', '..', '..', 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'rpcz-readme.png'), fullPage: true });
  } finally {
    await browser.close();
    for (const call of hung) call.cancel();
    client.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    await exporter.stop();
  }
});

import { DefaultServerViews, Stats } from '../../../src';
import { formatBytesPerSec, formatCount, formatNumber, formatSpan } from '../../../src/exporters/rpcz/html/format';
import { renderPage } from '../../../src/exporters/rpcz/html/page';
import { Page, SteppedClock, calls, statsOn } from './helpers';

describe('the page', () => {
  it('says which views are missing and which columns they leave empty', () => {
    const clock = new SteppedClock();
    const stats = new Stats({ now: clock.now });
    stats.registerView(...DefaultServerViews);
    const html = renderPage(new Page(stats, clock).report(), 5);
    expect(html).toContain('<code>grpc.io/server/received_messages_per_rpc</code> is not registered: no messages/s in for server calls.');
    expect(html).toContain('<code>grpc.io/server/sent_messages_per_rpc</code> is not registered: no messages/s out for server calls.');
    expect(html).toContain('No client view is registered: register <code>DefaultClientViews and ExtraClientViews</code> to see client calls.');
    expect(html).toContain('<p class="empty">No RPCs yet.</p>');
    expect(html).not.toContain('<section data-side="client"');
  });

  it('shows a dash for in flight without the started-RPCs view', () => {
    const clock = new SteppedClock();
    const stats = statsOn(clock);
    stats.unregisterView('grpc.io/server/started_rpcs');
    calls(stats, 1, { side: 'server', method: 'a.B/C' });
    expect(renderPage(new Page(stats, clock).report(), 5)).toContain('<td data-k="inFlight" class="zero">–</td>');
  });

  it('reloads itself every refreshSeconds, or never with 0', () => {
    const clock = new SteppedClock();
    const report = new Page(statsOn(clock), clock).report();
    expect(renderPage(report, 7)).toContain('<meta http-equiv="refresh" content="7">');
    expect(renderPage(report, 0)).not.toContain('http-equiv');
  });
});

describe('number formats', () => {
  it.each([
    [0, '0'],
    [0.004, '<0.01'],
    [0.2, '0.20'],
    [9.999, '10.00'],
    [12.34, '12.3'],
    [1234.5, '1,235'],
  ])('formatNumber(%p) = %p', (x, text) => expect(formatNumber(x)).toBe(text));

  it.each([
    [0, '0 B/s'],
    [7.4, '7.40 B/s'],
    [1536, '1.5 KiB/s'],
    [5 * 1024 * 1024, '5.0 MiB/s'],
  ])('formatBytesPerSec(%p) = %p', (x, text) => expect(formatBytesPerSec(x)).toBe(text));

  it('formats counts and spans', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect([formatSpan(60), formatSpan(720), formatSpan(3600), formatSpan(7200), formatSpan(9000)]).toEqual(['60 s', '12 min', '60 min', '2 h', '2.5 h']);
  });
});

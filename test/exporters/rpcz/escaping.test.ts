import { renderPage } from '../../../src/exporters/rpcz/html/page';
import { Page, SteppedClock, calls, statsOn } from './helpers';

// Method names and status values reach the page from the network (the
// :path of a request, a status tag): every one must arrive as text.

const hostile = [
  '<script>alert(1)</script>/x',
  `evil"onmouseover="alert(1)"x/'quoted'`,
  '</td></tr></table><img src=x onerror=alert(1)>/M',
  `a.B/${'&<>"\''.repeat(50)}`,
  `${'long.Service'.padEnd(200, 'x')}/${'M'.repeat(54)}`,
];

describe('hostile method names and tag values', () => {
  const clock = new SteppedClock();
  const stats = statsOn(clock);
  const page = new Page(stats, clock);
  page.run(10, () => {
    for (const method of hostile) calls(stats, 1, { side: 'server', method, status: '<b>BAD"</b>' });
  });
  const html = renderPage(page.report(), 5);

  it('are 255 characters at most, as tag values are', () => {
    expect(hostile[4]).toHaveLength(255);
  });

  it('never appear unescaped', () => {
    for (const method of hostile.slice(0, 4)) expect(html).not.toContain(method);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>BAD');
  });

  it('appear escaped, in text and in attributes', () => {
    expect(html).toContain('data-method="&lt;script&gt;alert(1)&lt;/script&gt;/x"');
    expect(html).toContain('<span class="name">&#39;quoted&#39;</span>');
    expect(html).toContain('data-method="evil&quot;onmouseover=&quot;alert(1)&quot;x/&#39;quoted&#39;"');
    expect(html).toContain('&lt;b&gt;BAD&quot;&lt;/b&gt; 2');
    expect(html).toContain(`title="${hostile[4]}"`);
  });

  it('leave the page with exactly one row per method', () => {
    expect(html.match(/<tr data-side="server"/g)).toHaveLength(hostile.length);
  });
});

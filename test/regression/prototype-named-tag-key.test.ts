import { Aggregation, Measure, TagMap, View } from '../../src';
import { setup } from '../exporters/prometheus/helpers';

// A view keyed by `toString` whose row has no such tag rendered the inherited
// Object.prototype.toString function as the label value.
describe('regression: tag keys named like Object.prototype members', () => {
  it('renders an unset `toString`/`constructor` tag as an empty label', async () => {
    const { stats, exporter } = setup();
    const measure = Measure.int64('test/regression/proto_named', 'proto-named keys', '1');
    stats.registerView(new View({ name: 'proto_named', measure, aggregation: Aggregation.count(), tagKeys: ['toString', 'constructor', 'k'] }));
    stats.record(measure.m(1), TagMap.from({ k: 'v' }));
    const text = await exporter.metrics();
    expect(text).toContain('proto_named{toString="",constructor="",k="v"} 1');
    await exporter.stop();
  });
});

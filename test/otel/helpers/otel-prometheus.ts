import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { createServer } from 'node:http';
import type { Stats } from '../../../src';
import { CensusMetricProducer } from '../../../src/otel';

/** OpenTelemetry's own Prometheus exporter fed by a CensusMetricProducer, served on 127.0.0.1. */
export interface OtelPrometheus {
  port: number;
  /** The text a scrape gets now. */
  scrape(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A MeterProvider whose reader is @opentelemetry/exporter-prometheus with a
 * CensusMetricProducer for `stats`, its request handler on an ephemeral port
 * (the exporter's own server takes a fixed port).
 */
export async function startOtelPrometheus(stats: Stats): Promise<OtelPrometheus> {
  const exporter = new PrometheusExporter({ preventServerStart: true, metricProducers: [new CensusMetricProducer({ stats })] });
  const provider = new MeterProvider({ readers: [exporter] });
  const server = createServer((req, res) => exporter.getMetricsRequestHandler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    scrape: async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text(),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await provider.shutdown();
    },
  };
}

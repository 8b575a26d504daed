export { PrometheusExporter } from './exporter';
export type { PrometheusExporterOptions, MetricsServerOptions } from './options';
export { sanitizeName } from './naming';
export type { NamingScheme } from './naming';
export { rpczHandler } from '../rpcz';
export type { RpczHandler, RpczOptions, RpczReport, RpczRow, RpczWindow } from '../rpcz';

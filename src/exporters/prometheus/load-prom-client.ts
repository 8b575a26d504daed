import type * as PromClient from 'prom-client';

let loaded: typeof PromClient | undefined;

/**
 * prom-client, required on first use so that grpc-census itself works without
 * it (it is an optional peer dependency). Throws an Error saying how to
 * install it when it is missing.
 */
export function loadPromClient(): typeof PromClient {
  if (loaded !== undefined) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('prom-client') as typeof PromClient;
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND' && String((err as Error).message).includes("'prom-client'")) {
      throw new Error(
        'PrometheusExporter needs the prom-client package, an optional peer dependency of grpc-census: run `npm install prom-client@^15`.',
        { cause: err },
      );
    }
    throw err;
  }
  return loaded;
}

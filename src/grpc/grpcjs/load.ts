import type * as Grpc from '@grpc/grpc-js';

let loaded: typeof Grpc | undefined;

/** The range of @grpc/grpc-js the plugin supports (package.json peerDependencies). */
export const SUPPORTED_GRPC_JS = '>=1.10.0 <2';

/**
 * @grpc/grpc-js, loaded on first use: it is an optional peer dependency, so
 * requiring grpc-census for its core API must work without it. `where` names
 * the entry point in the error thrown when it is not installed.
 */
export function grpcJs(where = 'the gRPC plugin'): typeof Grpc {
  if (loaded !== undefined) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('@grpc/grpc-js') as typeof Grpc;
  } catch (err) {
    if ((err as { code?: string } | null)?.code !== 'MODULE_NOT_FOUND' || !String((err as Error).message).includes('@grpc/grpc-js')) throw err;
    throw new Error(
      `grpc-census: ${where} needs @grpc/grpc-js, which is not installed. Install it beside grpc-census: npm install @grpc/grpc-js@"${SUPPORTED_GRPC_JS}"`,
      { cause: err },
    );
  }
  return loaded;
}

import type * as Grpc from '@grpc/grpc-js';

let loaded: typeof Grpc | undefined;

/**
 * @grpc/grpc-js, loaded on first use: it is an optional peer dependency, so
 * requiring grpc-census for its core API must work without it.
 */
export function grpcJs(): typeof Grpc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('@grpc/grpc-js') as typeof Grpc);
}

import type { Server, ServerOptions } from '@grpc/grpc-js';
import { grpcJs } from './grpc-js';
import { sizedDeserializer, sizedSerializer } from './message-sizes';
import { Plugin } from './plugin';
import { interceptorFor } from './server-interceptor';
import type { PluginOptions } from './types';

type UntypedRegister = (
  name: string,
  handler: Parameters<Server['register']>[1],
  serialize: (value: unknown) => Buffer,
  deserialize: (buf: Buffer) => unknown,
  type: string,
) => boolean;

/** `grpc.ServerOptions` plus the plugin's options under `census`. */
export type CensusServerOptions = ServerOptions & { census?: PluginOptions };

/**
 * A real `grpc.Server` that measures every call to its registered methods,
 * complete: exact message sizes (the Buffers grpc-js itself serializes and
 * parses), every final status, tag propagation into handlers and the
 * server-latency trailer. The plugin's interceptor goes first (nearest the
 * wire), before your `interceptors`. Only this server instance is changed:
 * its `register` (which `addService` calls) wraps each method's serializers.
 */
export function createServer(options: CensusServerOptions = {}): Server {
  const { census, ...serverOptions } = options;
  const plugin = new Plugin(census);
  const server = new (grpcJs().Server)({
    ...serverOptions,
    interceptors: [interceptorFor(plugin), ...(serverOptions.interceptors ?? [])],
  });
  const register = server.register.bind(server) as UntypedRegister;
  const registerSized: UntypedRegister = (name, handler, serialize, deserialize, type) =>
    register(name, handler, sizedSerializer(serialize), sizedDeserializer(deserialize), type);
  server.register = registerSized as Server['register'];
  return server;
}

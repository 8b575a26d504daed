import type { Server, ServerOptions } from '@grpc/grpc-js';
import { describeValue } from '../../internal/ascii';
import { Plugin } from '../plugin';
import type { PluginOptions } from '../types';
import { grpcJs } from './load';
import { sizedDeserializer, sizedSerializer } from './message-sizes';
import { interceptorFor } from './server-interceptor';

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
 * server-latency trailer when asked. The plugin's interceptor goes first
 * (nearest the wire), before your `interceptors`. Only this server instance
 * is changed: its `register` (which `addService` calls) wraps each method's
 * serializers. Throws `TypeError` for an unknown `census` option (naming it)
 * and an Error saying what to install when @grpc/grpc-js is missing.
 */
export function createServer(options: CensusServerOptions = {}): Server {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`createServer: options must be grpc-js ServerOptions (an object), got ${describeValue(options)}`);
  }
  const { census, ...serverOptions } = options;
  const plugin = new Plugin(census, 'createServer');
  const server = new (grpcJs('createServer()').Server)({
    ...serverOptions,
    interceptors: [interceptorFor(plugin), ...(serverOptions.interceptors ?? [])],
  });
  plugin.a66?.server.watchUnknownMethods(server);
  const register = server.register.bind(server) as UntypedRegister;
  const registerSized: UntypedRegister = (name, handler, serialize, deserialize, type) =>
    register(name, handler, sizedSerializer(serialize), sizedDeserializer(deserialize), type);
  server.register = registerSized as Server['register'];
  return server;
}

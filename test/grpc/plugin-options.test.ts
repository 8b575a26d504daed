import { DefaultClientViews, DefaultServerViews, ExtraClientViews, ExtraServerViews, View, clientInterceptor, clientOptions, createServer, serverInterceptor, stats, type PluginOptions } from '../../src';

// Misuse of the plugin's entry points fails at once, with a TypeError that
// names the entry point and the option, and says what to do instead.

const bad = <T>(v: unknown) => v as T;

describe('plugin options', () => {
  it('an unknown key is a TypeError naming it, in every entry point', () => {
    expect(() => createServer({ census: bad<PluginOptions>({ handlerTagContxt: false }) })).toThrow(
      new TypeError('createServer: unknown option "handlerTagContxt" (known: stats, handlers, handlerTagContext, serverStatsTrailer, methodAttributeFilter)'),
    );
    expect(() => clientOptions(bad({ stat: stats }))).toThrow(/^clientOptions: unknown option "stat"/);
    expect(() => clientInterceptor(bad({ handler: [] }))).toThrow(/^clientInterceptor: unknown option "handler"/);
    expect(() => serverInterceptor(bad({ serverStatsTrailers: true }))).toThrow(/^serverInterceptor: unknown option "serverStatsTrailers"/);
  });

  it('a grpc-js option in the plugin-options slot says so and points at the right place', () => {
    expect(() => clientOptions(bad({ 'grpc.keepalive_time_ms': 1000 }))).toThrow(
      new TypeError('clientOptions: "grpc.keepalive_time_ms" is a grpc-js option, not a plugin option; pass it in the second argument: clientOptions(pluginOptions, { "grpc.keepalive_time_ms": … })'),
    );
    expect(() => clientOptions(bad({ interceptors: [] }))).toThrow(/"interceptors" is a grpc-js option.*second argument/);
    expect(() => createServer({ census: bad({ 'grpc.max_receive_message_length': 10 }) })).toThrow(/"grpc.max_receive_message_length" is a grpc-js option.*beside census/);
    expect(() => serverInterceptor(bad({ 'grpc-node.max_session_memory': 10 }))).toThrow(/is a grpc-js option/);
  });

  it('handlers must be an array of objects with function members', () => {
    expect(() => clientOptions({ handlers: bad('x') })).toThrow(new TypeError('clientOptions: option handlers must be an array of StatsHandler objects, got "x"'));
    expect(() => clientOptions({ handlers: bad([null]) })).toThrow(/^clientOptions: handlers\[0\] must be a StatsHandler object/);
    expect(() => createServer({ census: { handlers: bad([{ handleRpc: 1 }]) } })).toThrow(new TypeError('createServer: handlers[0].handleRpc must be a function, got 1'));
  });

  it('stats, booleans and the A66 filter are type-checked', () => {
    expect(() => clientOptions({ stats: bad({}) })).toThrow(new TypeError('clientOptions: option stats must be a Stats, got [object Object]'));
    expect(() => serverInterceptor({ handlerTagContext: bad(1) })).toThrow(new TypeError('serverInterceptor: option handlerTagContext must be a boolean, got 1'));
    expect(() => clientOptions({ methodAttributeFilter: bad('all') })).toThrow(/option methodAttributeFilter must be a function/);
    expect(() => clientOptions(bad(42))).toThrow(new TypeError('clientOptions: options must be an object, got 42'));
    expect(() => clientOptions({}, bad('x'))).toThrow(/clientOptions: the second argument must be grpc-js ClientOptions/);
    expect(() => createServer(bad(null))).toThrow(/createServer: options must be grpc-js ServerOptions/);
  });

  it('undefined options and undefined values mean the defaults', () => {
    expect(() => clientOptions()).not.toThrow();
    expect(() => clientOptions({ stats: undefined, handlers: undefined })).not.toThrow();
    expect(() => createServer({ census: undefined }).forceShutdown()).not.toThrow();
  });
});

describe('the exported view lists', () => {
  it.each([
    ['DefaultClientViews', DefaultClientViews],
    ['DefaultServerViews', DefaultServerViews],
    ['ExtraClientViews', ExtraClientViews],
    ['ExtraServerViews', ExtraServerViews],
  ])('%s is frozen', (_name, list) => {
    expect(Object.isFrozen(list)).toBe(true);
    expect(() => (list as View[]).push(list[0])).toThrow(TypeError);
    expect([...list].every((v) => v instanceof View)).toBe(true);
  });
});

describe('without @grpc/grpc-js installed', () => {
  it('createServer() and clientOptions() say what to install', () => {
    jest.isolateModules(() => {
      jest.doMock('@grpc/grpc-js', () => {
        const err = new Error("Cannot find module '@grpc/grpc-js' from 'src/grpc/grpcjs/load.ts'") as Error & { code: string };
        err.code = 'MODULE_NOT_FOUND';
        throw err;
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const census = require('../../src') as typeof import('../../src');
      expect(() => census.createServer()).toThrow(
        'grpc-census: createServer() needs @grpc/grpc-js, which is not installed. Install it beside grpc-census: npm install @grpc/grpc-js@">=1.10.0 <2"',
      );
      expect(() => census.clientOptions()).toThrow(/clientOptions\(\) needs @grpc\/grpc-js/);
      // The core API does not need it.
      expect(() => new census.Stats()).not.toThrow();
    });
    jest.dontMock('@grpc/grpc-js');
  });
});

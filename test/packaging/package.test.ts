import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import * as ts from 'typescript';
import { command, consumerProject, optionalPeers, packProject, tscBuild, type ProjectCheck, type PackedPackage } from '../support/packed';
import { requireBuiltDist, ROOT } from '../support/run-node';

// The package as a user gets it: `npm pack`, unpacked into consumer projects
// outside this repository, used from strict TypeScript, CommonJS and ESM, with
// and without the optional peer dependencies. One tarball serves every check.

jest.setTimeout(120_000);

let packed: PackedPackage;
let unpacked: string; // the installed package inside the consumer without peers
let bare: string; // consumer with no optional peer installed
let full: string; // consumer with every optional peer installed
let compiled: Record<'nodenext' | 'node10' | 'peers', Promise<ProjectCheck>>;
const hasOtel = existsSync(join(ROOT, 'src', 'otel', 'index.ts'));
const subpaths = ['grpc-census/grpc', 'grpc-census/prometheus', ...(hasOtel ? ['grpc-census/otel'] : [])];

const strictOptions = { strict: true, noEmit: true, target: 'es2022', lib: ['es2022'], skipLibCheck: false };
const tsconfig = (options: object, file: string) => JSON.stringify({ compilerOptions: { ...strictOptions, ...options }, files: [file] }, null, 2);

// Compiles without @grpc/grpc-js and prom-client; only the engine is used, but every subpath's types load.
const withoutPeers = `
import { stats, Measure, View, Aggregation, TagMap, encodeTags } from 'grpc-census';
${subpaths.map((p, i) => `import * as sub${i} from '${p}';`).join('\n')}
const latency = Measure.float64('consumer/latency', 'Latency', 'ms');
stats.registerView(new View({ name: 'consumer/latency', measure: latency, aggregation: Aggregation.distribution([1, 10]), tagKeys: ['route'] }));
stats.record(latency.m(2), TagMap.from({ route: '/a' }));
const size: number = encodeTags(TagMap.from({ route: '/a' })).length;
// @ts-expect-error -- our own types stay strict without the peers: a name is a string
Measure.int64(42, 'd', '1');
export const used = [size, ${subpaths.map((_, i) => `sub${i}`).join(', ')}];
`;

// With the peers installed, the plugin's types are grpc-js's and prom-client's own, not \`any\`.
const withPeers = `
import { Server, type ClientOptions } from '@grpc/grpc-js';
import type { Registry } from 'prom-client';
import { createServer, clientOptions, PrometheusExporter } from 'grpc-census';
import { createServer as subCreateServer } from 'grpc-census/grpc';
import { PrometheusExporter as SubExporter } from 'grpc-census/prometheus';
const server: Server = createServer();
const options: ClientOptions = clientOptions();
// @ts-expect-error -- a real grpc.Server has no such method (were the peer's types \`any\`, this would compile)
server.noSuchMethod();
declare const registry: Registry;
new SubExporter({ registry });
// @ts-expect-error -- the registry option is prom-client's Registry
new PrometheusExporter({ registry: 42 });
export const same: [typeof createServer, typeof PrometheusExporter] = [subCreateServer, SubExporter];
export const used = [options];
${
  hasOtel
    ? `
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import { CensusMetricProducer } from 'grpc-census/otel';
const ours = new CensusMetricProducer();
export const producer: MetricProducer = ours;
// @ts-expect-error -- our collect() resolves to sdk-metrics' own CollectionResult, not \`any\`
export const missing = ours.collect().then((result) => result.noSuchField);
`
    : ''
}`;

const cjsWithoutPeers = `
const census = require('grpc-census');
const latency = census.Measure.int64('consumer/calls', 'Calls', '1');
census.stats.registerView(new census.View({ name: 'consumer/calls', measure: latency, aggregation: census.Aggregation.count() }));
census.stats.record(latency.m(1));
const subpaths = ${JSON.stringify(subpaths)}.map((p) => Object.keys(require(p)).length > 0);
console.log(JSON.stringify({ rows: census.stats.retrieveData('consumer/calls'), subpaths }));
`;

const esmWithoutPeers = `
import { stats, Measure, View, Aggregation } from 'grpc-census';
import { clientOptions } from 'grpc-census/grpc';
import { PrometheusExporter } from 'grpc-census/prometheus';
const m = Measure.int64('consumer/esm', 'Calls', '1');
stats.registerView(new View({ name: 'consumer/esm', measure: m, aggregation: Aggregation.sum() }));
stats.record(m.m(3));
console.log(JSON.stringify({ rows: stats.retrieveData('consumer/esm'), grpc: typeof clientOptions, prometheus: typeof PrometheusExporter }));
`;

const cjsWithPeers = `
const grpc = require('@grpc/grpc-js');
const census = require('grpc-census');
const loadedOtel = Object.keys(require.cache).some((p) => p.includes('/dist/otel/'));
const sub = require('grpc-census/grpc');
const prom = require('grpc-census/prometheus');
census.stats.registerView(...census.DefaultServerViews);
new prom.PrometheusExporter({ registry: new (require('prom-client').Registry)() }).metrics().then((text) => {
  console.log(JSON.stringify({
    loadedOtel,
    server: sub.createServer() instanceof grpc.Server,
    sameModule: sub.createServer === census.createServer && prom.PrometheusExporter === census.PrometheusExporter,
    exposition: text.includes('grpc_io_server_completed_rpcs'),
  }));
});
`;

beforeAll(async () => {
  requireBuiltDist();
  packed = await packProject();
  [bare, full] = await Promise.all([
    consumerProject(packed, 'without-peers', [], {
      'strict.mts': withoutPeers,
      'node10.ts': withoutPeers,
      'cjs.cjs': cjsWithoutPeers,
      'esm.mjs': esmWithoutPeers,
      // TypeScript 7's default: no automatic @types inclusion.
      'tsconfig.nodenext.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', types: [] }, 'strict.mts'),
      // The classic resolution that ignores "exports": subpaths resolve through "typesVersions".
      // (skipLibCheck: this run is about resolution; the run above checks our declaration files.)
      'tsconfig.node10.json': tsconfig({ module: 'commonjs', moduleResolution: 'node10', skipLibCheck: true }, 'node10.ts'),
    }),
    consumerProject(packed, 'with-peers', optionalPeers(), {
      'peers.mts': withPeers,
      'cjs.cjs': cjsWithPeers,
      // skipLibCheck: this run is about which types our declarations resolve to (the
      // expect-error lines fail if they are `any`); the run without peers checks our files.
      'tsconfig.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true }, 'peers.mts'),
    }),
  ]);
  unpacked = join(bare, 'node_modules', 'grpc-census');
  // The three compilations in one compiler run; each test awaits its own.
  const checks = tscBuild([join(bare, 'tsconfig.nodenext.json'), join(bare, 'tsconfig.node10.json'), join(full, 'tsconfig.json')], packed.workDir);
  compiled = { nodenext: checks.then((c) => c[0]), node10: checks.then((c) => c[1]), peers: checks.then((c) => c[2]) };
});

afterAll(() => {
  if (packed) rmSync(packed.workDir, { recursive: true, force: true });
});

describe('the published package', () => {
  const pkg = () => JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));

  it('runs no script when installed (no prepare, no install hooks)', () => {
    const scripts = Object.keys(pkg().scripts ?? {});
    expect(scripts.filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s))).toEqual([]);
  });

  it('ships the Apache-2.0 license text that package.json names', () => {
    expect(pkg().license).toBe('Apache-2.0');
    const text = readFileSync(join(unpacked, 'LICENSE'), 'utf8');
    expect(text).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('has every "exports" target, with types, and the same subpaths in "typesVersions"', () => {
    const { exports, typesVersions } = pkg();
    expect(Object.keys(exports)).toEqual(['.', './grpc', './prometheus', './otel', './package.json']);
    for (const [subpath, target] of Object.entries(exports)) {
      if (subpath === './package.json') continue;
      const { types, default: js } = target as { types: string; default: string };
      if (subpath === './otel' && !hasOtel) continue; // src/otel lands with the OpenTelemetry bridge
      expect(packed.files).toEqual(expect.arrayContaining([normalize(types), normalize(js)]));
      if (subpath !== '.') expect(typesVersions['*'][subpath.slice(2)]).toEqual([types]);
    }
  });

  it('keeps exporting from the root everything it exported before the subpaths', () => {
    const root = Object.keys(require(join(unpacked, 'dist', 'index.js')));
    expect(root).toEqual(expect.arrayContaining(ROOT_EXPORTS));
  });

  it('ships source maps only with their sources inlined', () => {
    const maps = packed.files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(10);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(unpacked, map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect({ map, inlined: sourcesContent?.length === sources.length && sourcesContent.every((s) => typeof s === 'string') }).toEqual({ map, inlined: true });
    }
  });

  it('links only to files it ships, from every markdown page', () => {
    const shipped = new Set(packed.files.map((f) => normalize(f)));
    const broken: string[] = [];
    for (const page of packed.files.filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(unpacked, page), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, href] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const path = href.split('#')[0];
        if (/^[a-z]+:/i.test(href) || path === '') continue;
        const target = normalize(join(dirname(page), path));
        if (!shipped.has(target) && ![...shipped].some((f) => f.startsWith(`${target}/`))) broken.push(`${page}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('publishes no @internal member in its declaration files, and no way to construct an Aggregation', () => {
    const found: string[] = [];
    let aggregationConstructor = 'no class Aggregation';
    for (const file of packed.files.filter((f) => f.endsWith('.d.ts'))) {
      const source = ts.createSourceFile(file, readFileSync(join(unpacked, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && INTERNAL_NAMES.includes(node.text)) found.push(`${file}: ${node.text}`);
        if (ts.isClassDeclaration(node) && node.name?.text === 'Aggregation') {
          // No constructor in a .d.ts means a public one: it must be declared private, without its internal parameters.
          const ctor = node.members.find(ts.isConstructorDeclaration);
          aggregationConstructor = ctor ? ctor.getText(source) : 'none (so a public one)';
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
    expect(aggregationConstructor).toBe('private constructor();');
  });
});

describe('a TypeScript consumer (strict)', () => {
  it('compiles without the optional peers under nodenext and types: []', async () => {
    const run = await compiled.nodenext;
    expect({ code: run.code, errors: run.errors }).toEqual({ code: 0, errors: '' });
  });

  it('compiles without the optional peers under node10 resolution, subpaths included', async () => {
    const run = await compiled.node10;
    expect({ code: run.code, errors: run.errors }).toEqual({ code: 0, errors: '' });
  });

  it("with the peers installed, sees grpc-js's and prom-client's own types", async () => {
    const run = await compiled.peers;
    expect({ code: run.code, errors: run.errors }).toEqual({ code: 0, errors: '' });
  });
});

describe('a JavaScript consumer', () => {
  it('requires the root and every subpath (CommonJS) without the optional peers', async () => {
    const run = await command(process.execPath, ['cjs.cjs'], bare);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ rows: [{ tags: {}, data: { type: 'count', value: 1 } }], subpaths: subpaths.map(() => true) });
  });

  it('imports named exports (ESM) without the optional peers', async () => {
    const run = await command(process.execPath, ['esm.mjs'], bare);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ rows: [{ tags: {}, data: { type: 'sum', value: 3 } }], grpc: 'function', prometheus: 'function' });
  });

  it('gets one module per entry point with the peers, and the root never loads the OpenTelemetry bridge', async () => {
    const run = await command(process.execPath, ['cjs.cjs'], full);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ loadedOtel: false, server: true, sameModule: true, exposition: true });
  });
});

/** Names that stay implementation details (`stripInternal` drops what the sources mark `@internal`). */
const INTERNAL_NAMES = ['_recordValue', '_viewCount', '_cacheOwner', '_rowKeys', '_cells', '_frame', '_searchBounds'];

/** The root's runtime exports before the subpath entry points existed: kept, only extended. */
const ROOT_EXPORTS = `Measure TagKey TagMap withTags currentTags encodeTags decodeTags TAG_CONTEXT_MAX_BYTES TagsDecodeError TagsEncodeError
Aggregation View Stats stats Diagnostics DEFAULT_MAX_ROWS_PER_VIEW DEFAULT_REPORTING_PERIOD_MS OVERFLOW_TAGS REPORTED_PERCENTILES
PrometheusExporter sanitizeName KeyClientMethod KeyClientStatus KeyServerMethod KeyServerStatus
ClientSentMessagesPerRPC ClientSentBytesPerRPC ClientReceivedMessagesPerRPC ClientReceivedBytesPerRPC ClientRoundtripLatency
ClientServerLatency ClientStartedRPCs ServerReceivedMessagesPerRPC ServerReceivedBytesPerRPC ServerSentMessagesPerRPC
ServerSentBytesPerRPC ServerLatency ServerStartedRPCs ClientSentBytesPerRPCView ClientReceivedBytesPerRPCView
ClientRoundtripLatencyView ClientCompletedRPCsView ClientStartedRPCsView ClientSentMessagesPerRPCView
ClientReceivedMessagesPerRPCView ClientServerLatencyView ServerReceivedBytesPerRPCView ServerSentBytesPerRPCView
ServerLatencyView ServerCompletedRPCsView ServerStartedRPCsView ServerReceivedMessagesPerRPCView ServerSentMessagesPerRPCView
DefaultClientViews DefaultServerViews ExtraClientViews ExtraServerViews DefaultBytesDistribution DefaultMillisecondsDistribution
DefaultMessageCountDistribution clientOptions createServer clientInterceptor serverInterceptor ViewsStatsHandler
SERVER_STATS_HEADER TAGS_HEADER encodeServerStats decodeServerStats statusName`.split(/\s+/);

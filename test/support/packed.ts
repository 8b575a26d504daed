import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './run-node';

/** What a command printed and how it ended. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `file args…` in `cwd`; resolves (never rejects) when it exits, killed after `timeoutMs`. */
export function command(file: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The package as `npm pack` publishes it. */
export interface PackedPackage {
  /** A temporary directory holding the tarball and the consumer projects. */
  workDir: string;
  tarball: string;
  /** Paths in the tarball, relative to its `package/` folder. */
  files: string[];
}

/**
 * Packs the project with `npm pack` (without its `prepack` build: `npm test`
 * has just built dist/) into a fresh temporary directory.
 */
export async function packProject(): Promise<PackedPackage> {
  const workDir = mkdtempSync(join(tmpdir(), 'grpc-census-pack-'));
  const run = await command('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], ROOT);
  if (run.code !== 0) throw new Error(`npm pack failed: ${run.stderr}`);
  const [info] = JSON.parse(run.stdout) as { filename: string; files: { path: string }[] }[];
  return { workDir, tarball: join(workDir, info.filename), files: info.files.map((f) => f.path) };
}

/** The optional peer dependencies declared in package.json. */
export function optionalPeers(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependenciesMeta?: Record<string, { optional?: boolean }> };
  return Object.entries(pkg.peerDependenciesMeta ?? {})
    .filter(([, meta]) => meta.optional)
    .map(([name]) => name);
}

/**
 * A consumer project in `workDir/name`: the tarball unpacked into its
 * node_modules/grpc-census as npm installs it, the package's dependencies and
 * `@types/node` linked from this project's node_modules (offline, and their
 * own dependencies resolve from there), plus the listed peers. Nothing else is
 * reachable from it: the directory is outside this project.
 */
export async function consumerProject(packed: PackedPackage, name: string, peers: string[], files: Record<string, string>): Promise<string> {
  const dir = join(packed.workDir, name);
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, 'grpc-census'), { recursive: true });
  const untar = await command('tar', ['-xzf', packed.tarball, '-C', join(modules, 'grpc-census'), '--strip-components=1'], dir);
  if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  const pkg = JSON.parse(readFileSync(join(modules, 'grpc-census', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies ?? {}), '@types/node', ...peers]) {
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep), 'dir');
  }
  for (const [file, text] of Object.entries({ 'package.json': '{ "name": "consumer", "private": true }\n', ...files })) {
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** What one project of a `tscBuild` run reported. */
export interface ProjectCheck {
  /** The exit code of the whole run (non-zero when any project had errors). */
  code: number;
  /** This project's diagnostics; '' when it compiled cleanly. */
  errors: string;
}

/**
 * Type-checks several projects (tsconfig paths, each with `noEmit`) in one
 * run of this project's TypeScript compiler, `tsc -b`, which parses the files
 * they share (lib, @types/node, the package's declarations) once: half the
 * CPU of one `tsc -p` per project. Each project's diagnostics are told apart
 * by the "Building project" line `--verbose` prints before them.
 */
export async function tscBuild(configs: string[], cwd: string): Promise<ProjectCheck[]> {
  const run = await command(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', '--verbose', ...configs], cwd, 120_000);
  const sections = new Map<string, string[]>(configs.map((c) => [c, []]));
  let current: string[] | undefined;
  for (const line of run.stdout.split('\n')) {
    const building = /Building project '(.+)'\.\.\.$/.exec(line);
    if (building) current = sections.get(configs.find((c) => c === building[1]) ?? '');
    else if (current && /error TS\d+/.test(line)) current.push(line);
    else if (current && current.length > 0 && /^\s/.test(line)) current.push(line);
  }
  // A failure that belongs to no project (bad flag, crash) fails every one.
  const unassigned = run.code !== 0 && [...sections.values()].every((lines) => lines.length === 0) ? `${run.stdout}${run.stderr}` : '';
  return configs.map((c) => ({ code: run.code, errors: sections.get(c)!.join('\n') || unassigned }));
}

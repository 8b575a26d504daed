import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The examples are plain JavaScript requiring 'grpc-census' (dist/, via the
// package's self-reference): `npm test` builds first.
const ROOT = join(__dirname, '..', '..');
const example = (...p: string[]) => join(ROOT, 'examples', ...p);

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'grpc', 'index.js'))) throw new Error('dist/ has no gRPC plugin: run `npm run build` first');
});

/** Collects a child's output; resolves with stdout when it exits (bounded: 20 s). */
function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`example did not exit; stdout: ${stdout}; stderr: ${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The view lines (`grpc.io/…`) a fetchit process printed, with latency sums (float ms) replaced by `<ms>`. */
function viewLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('grpc.io/'))
    .map((l) => l.replace(/ sum=\d+\.\d+$/, ' sum=<ms>'));
}

describe('examples/stats-monitoring', () => {
  it('prints every event of each RPC, in the documented order per side', async () => {
    const { code, stdout, stderr } = await finished(spawn(process.execPath, [example('stats-monitoring', 'main.js')]));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n');
    const side = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
    expect(side('[client] ')).toEqual([
      '/echo.Echo/UnaryEcho begin (unary→unary)',
      '/echo.Echo/UnaryEcho outHeader keys=[x-request-id]',
      '/echo.Echo/UnaryEcho outPayload length=7',
      '/echo.Echo/UnaryEcho inHeader keys=[]',
      '/echo.Echo/UnaryEcho inPayload length=7',
      '/echo.Echo/UnaryEcho inTrailer keys=[x-served-by]',
      '/echo.Echo/UnaryEcho end code=0 details="OK"',
      '/echo.Echo/ServerStreamingEcho begin (unary→stream)',
      '/echo.Echo/ServerStreamingEcho outHeader keys=[]',
      '/echo.Echo/ServerStreamingEcho outPayload length=18',
      '/echo.Echo/ServerStreamingEcho inHeader keys=[]',
      '/echo.Echo/ServerStreamingEcho inPayload length=7',
      '/echo.Echo/ServerStreamingEcho inPayload length=5',
      '/echo.Echo/ServerStreamingEcho inPayload length=8',
      '/echo.Echo/ServerStreamingEcho inTrailer keys=[]',
      '/echo.Echo/ServerStreamingEcho end code=0 details="OK"',
    ]);
    expect(side('[server] ')).toEqual([
      '/echo.Echo/UnaryEcho begin (unary→unary)',
      '/echo.Echo/UnaryEcho inHeader keys=[x-request-id]',
      '/echo.Echo/UnaryEcho inPayload length=7',
      '/echo.Echo/UnaryEcho outHeader keys=[]',
      '/echo.Echo/UnaryEcho outPayload length=7',
      '/echo.Echo/UnaryEcho outTrailer keys=[x-served-by]',
      '/echo.Echo/UnaryEcho end code=0 details="OK"',
      '/echo.Echo/ServerStreamingEcho begin (unary→stream)',
      '/echo.Echo/ServerStreamingEcho inHeader keys=[]',
      '/echo.Echo/ServerStreamingEcho inPayload length=18',
      '/echo.Echo/ServerStreamingEcho outHeader keys=[]',
      '/echo.Echo/ServerStreamingEcho outPayload length=7',
      '/echo.Echo/ServerStreamingEcho outPayload length=5',
      '/echo.Echo/ServerStreamingEcho outPayload length=8',
      '/echo.Echo/ServerStreamingEcho outTrailer keys=[]',
      '/echo.Echo/ServerStreamingEcho end code=0 details="OK"',
    ]);
    expect(lines).toHaveLength(32);
  });
});

describe('examples/fetchit', () => {
  it('capitalizes stdin lines and both sides print exact views', async () => {
    const server = spawn(process.execPath, [example('fetchit', 'server.js'), '0']);
    const serverDone = finished(server);
    const port = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server.stdout.on('data', (d) => {
        seen += d;
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(seen);
        if (m) resolve(m[1]);
      });
      server.on('exit', () => reject(new Error(`server exited early: ${seen}`)));
    });

    const client = spawn(process.execPath, [example('fetchit', 'client.js')], { env: { ...process.env, PORT: port } });
    const clientDone = finished(client);
    client.stdin.end('hello\nopen census\n');
    const c = await clientDone;
    server.kill('SIGTERM');
    const s = await serverDone;

    // Payload{id: 1, data: "hello"} = 08 01 12 05 + 5 bytes; {id: 2, data: "open census"} = 08 02 12 0b + 11.
    const bytes = 9 + 15;
    expect({ code: c.code, stderr: c.stderr }).toEqual({ code: 0, stderr: '' });
    expect(c.stdout).toContain('> < HELLO\n\n> < OPEN CENSUS\n\n> \n');
    const clientViews = viewLines(c.stdout);
    expect(clientViews.sort()).toEqual(
      [
        `grpc.io/client/sent_bytes_per_rpc grpc_client_method=rpc.Fetch/Capitalize count=2 sum=${bytes}`,
        `grpc.io/client/received_bytes_per_rpc grpc_client_method=rpc.Fetch/Capitalize count=2 sum=${bytes}`,
        'grpc.io/client/roundtrip_latency grpc_client_method=rpc.Fetch/Capitalize count=2 sum=<ms>',
        'grpc.io/client/completed_rpcs grpc_client_method=rpc.Fetch/Capitalize grpc_client_status=OK 2',
        'grpc.io/client/started_rpcs grpc_client_method=rpc.Fetch/Capitalize 2',
      ].sort(),
    );

    expect({ code: s.code, stderr: s.stderr }).toEqual({ code: 0, stderr: '' });
    const serverViews = viewLines(s.stdout);
    expect(serverViews.sort()).toEqual(
      [
        `grpc.io/server/received_bytes_per_rpc grpc_server_method=rpc.Fetch/Capitalize count=2 sum=${bytes}`,
        `grpc.io/server/sent_bytes_per_rpc grpc_server_method=rpc.Fetch/Capitalize count=2 sum=${bytes}`,
        'grpc.io/server/server_latency grpc_server_method=rpc.Fetch/Capitalize count=2 sum=<ms>',
        'grpc.io/server/completed_rpcs grpc_server_method=rpc.Fetch/Capitalize grpc_server_status=OK 2',
        'grpc.io/server/started_rpcs grpc_server_method=rpc.Fetch/Capitalize 2',
      ].sort(),
    );
  });
});

// bench:api — the paged joint-session list (every session with each party's local time) on the demo
// program, against a bare Fastify serving the same JSON body, each loaded by autocannon with 100
// connections on loopback. Servers run in child processes so the load generator has its own core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const PATH = '/joint-sessions?page=2&pageSize=20';
const SECONDS = Number(process.argv[2] ?? 15);

function start(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'bench-api-server.js'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TZ: 'UTC' },
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function load(port: number, headers: Record<string, string>) {
  const url = `http://127.0.0.1:${port}${PATH}`;
  await autocannon({ url, connections: 100, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections: 100, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors from ${url}`);
  return { rps: result.requests.average, p99Ms: result.latency.p99, bytes: result.throughput.average };
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

const api = await start(['api']);
const headers: Record<string, string> = {};
const login = await fetch(`http://127.0.0.1:${api.port}/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'coordinator@demo.local', password: process.env.BENCH_PASSWORD ?? 'demo-coordinator' }),
}).catch(() => null);
if (login?.ok) headers.authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
const sample = await fetch(`http://127.0.0.1:${api.port}${PATH}`, { headers });
if (!sample.ok) throw new Error(`GET ${PATH} answered ${sample.status}: ${await sample.text()}`);
const body = await sample.text();
const parsed = JSON.parse(body) as { items: unknown[]; total: number };
console.log(`demo program: ${parsed.total} joint sessions; page of ${parsed.items.length} is ${body.length} bytes`);

const apiResult = await load(api.port, headers);
await stop(api.child);
console.log(`api:  ${apiResult.rps.toFixed(0)} req/s, p99 ${apiResult.p99Ms} ms`);

const bodyFile = join(mkdtempSync(join(tmpdir(), 'bench-api-')), 'body.json');
writeFileSync(bodyFile, body);
const bare = await start(['bare', bodyFile]);
const bareResult = await load(bare.port, {});
await stop(bare.child);
console.log(`bare: ${bareResult.rps.toFixed(0)} req/s, p99 ${bareResult.p99Ms} ms`);
console.log(`ratio: ${(apiResult.rps / bareResult.rps).toFixed(2)} (target >= 0.75)`);
console.log(
  JSON.stringify({ bench: 'api', rps: Math.round(apiResult.rps), bareFastifyRps: Math.round(bareResult.rps), p99Ms: apiResult.p99Ms }),
);

// `npm run bench:simulator`: pages of 200 full records served per second by the Clio simulator (rate limit off),
// beside a trivial node:http server serving a fixed page of the same bytes, measured in the same run with the same
// client (undici, keep-alive, a few concurrent requests, JSON parsed). Both servers run in child processes. Then the
// peak RSS of a child holding the enterprise-size firm. The last line is one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool, type Dispatcher } from 'undici';

/** Seconds per measurement round; rounds alternate simulator / baseline so machine noise hits both alike. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
/** Alternating rounds per server; the medians are reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Requests in flight at once (each walker follows its own cursor). */
const CONCURRENCY = 4;
/** Firm size measured for throughput (large: 60,000 activities = 300 pages of 200). */
const SIZE = process.env.BENCH_SIZE ?? 'large';

type Ready = { url: string; token?: string; rss_mb?: number; ms?: number; counts?: Record<string, number> };

/** Child role: the simulator. Prints one JSON line with its base URL and a token. */
const runSimulator = async (size: string): Promise<void> => {
  const { createSimulator } = await import('@sf/clio-simulator');
  const started = Date.now();
  const sim = await createSimulator({ size: size as 'large', seed: 42, rateLimit: false });
  const token = sim.edge.issueToken({ ttlSeconds: 86_400 }).access_token;
  global.gc?.();
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  const counts = sim.store.groundTruth().counts;
  console.log(JSON.stringify({ url: sim.baseUrl(), token, rss_mb: rss, ms: Date.now() - started, counts }));
};

/** Child role: the baseline, a fixed body from a file. */
const runBaseline = (bodyFile: string): void => {
  const body = readFileSync(bodyFile);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as { port: number }).port;
    console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
  });
};

const startChild = (args: string[]): Promise<{ child: ChildProcess; ready: Ready }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', '@swc-node/register', __filename, ...args], {
      cwd: path.join(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ready: JSON.parse(line) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`child ${args.join(' ')} exited with ${code}`)));
  });

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

interface Page {
  data: unknown[];
  meta?: { paging?: { next?: string } };
}

/** Each walker follows `next` from `first` and starts over at the end; counts pages until the deadline. */
const measure = async (
  origin: string,
  first: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<{ pages: number; bytes: number; perS: number }> => {
  const pool = new Pool(origin, { connections: CONCURRENCY, pipelining: 1 });
  let pages = 0;
  let bytes = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  const walker = async (): Promise<void> => {
    let pathAndQuery = first;
    while (Date.now() < deadline) {
      const res = await pool.request({ method: 'GET', path: pathAndQuery, headers });
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode} for ${pathAndQuery}`);
      const text = await res.body.text();
      const page = JSON.parse(text) as Page;
      if (page.data.length === 0) throw new Error('empty page');
      pages++;
      bytes += text.length;
      const next = page.meta?.paging?.next;
      pathAndQuery = next ? next.slice(next.indexOf('/', 8)) : first;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, walker));
  const elapsed = (Date.now() - started) / 1000;
  await pool.close();
  return { pages, bytes, perS: pages / elapsed };
};

/** Every field of the activity model, i.e. a "full" record (nested objects with their default fields). */
const FULL_ACTIVITY_FIELDS =
  'id,etag,type,date,quantity_in_hours,rounded_quantity_in_hours,quantity,rounded_quantity,quantity_redacted,price,note,' +
  'flat_rate,billed,on_bill,total,contingency_fee,created_at,updated_at,reference,non_billable,non_billable_total,no_charge,' +
  'tax_setting,currency,activity_description,expense_category,bill,communication,client_portal,matter,matter_note,' +
  'contact_note,subject,timer,user,utbms_expense,vendor,calendar_entry,task,text_message_conversation,document_version,' +
  'legal_aid_uk_activity';

const main = async (): Promise<void> => {
  console.log(`bench:simulator — Clio simulator vs a static node:http page (this machine, this run, ${SIZE} firm)`);
  const sim = await startChild(['--role', 'sim', '--size', SIZE]);
  const base = new URL(sim.ready.url);
  const auth = { authorization: `Bearer ${sim.ready.token}` };
  const first = `${base.pathname}/activities.json?order=id(asc)&limit=200&fields=${encodeURIComponent(FULL_ACTIVITY_FIELDS)}`;
  console.log(`  simulator up in ${sim.ready.ms} ms, ${sim.ready.counts?.activities} activities`);

  // Cold: the first pass over every page renders each record once (no JSON cached yet).
  const coldStart = Date.now();
  let coldPages = 0;
  const pool = new Pool(base.origin, { connections: 1 });
  let sample = '';
  for (let p: string | undefined = first; p;) {
    const res: Dispatcher.ResponseData = await pool.request({ method: 'GET', path: p, headers: auth });
    const text: string = await res.body.text();
    if (!sample) sample = text;
    coldPages++;
    const next: string | undefined = (JSON.parse(text) as Page).meta?.paging?.next;
    p = next ? next.slice(next.indexOf('/', 8)) : undefined;
  }
  await pool.close();
  const coldPerS = coldPages / ((Date.now() - coldStart) / 1000);
  console.log(`  cold pass: ${coldPages} pages at ${coldPerS.toFixed(0)} pages/s (one client, serial)`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-sim-'));
  const bodyFile = path.join(dir, 'page.json');
  writeFileSync(bodyFile, sample);
  const baseline = await startChild(['--role', 'baseline', '--body', bodyFile]);
  // One unmeasured round each: JIT and GC settle (the simulator's heap holds the whole firm plus the JSON cache).
  await measure(base.origin, first, auth, SECONDS);
  await measure(baseline.ready.url, '/page.json', {}, SECONDS);
  const oursRounds: number[] = [];
  const theirsRounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    oursRounds.push((await measure(base.origin, first, auth, SECONDS)).perS);
    theirsRounds.push((await measure(baseline.ready.url, '/page.json', {}, SECONDS)).perS);
    console.log(
      `  round ${round + 1}: simulator ${oursRounds[round].toFixed(0)} pages/s, baseline ${theirsRounds[round].toFixed(0)} pages/s`,
    );
  }
  await stopChild(sim.child);
  await stopChild(baseline.child);
  const ours = { perS: median(oursRounds) };
  const theirs = { perS: median(theirsRounds) };

  const ent = await startChild(['--role', 'sim', '--size', 'enterprise']);
  await stopChild(ent.child);

  const ratio = ours.perS / theirs.perS;
  console.log('');
  console.log(
    `simulator   ${ours.perS.toFixed(0)} pages/s (median of ${ROUNDS} rounds; ${(sample.length / 1024).toFixed(0)} KiB/page, ${CONCURRENCY} in flight)`,
  );
  console.log(
    `baseline    ${theirs.perS.toFixed(0)} pages/s (static page of ${(sample.length / 1024).toFixed(0)} KiB)`,
  );
  console.log(`ratio       ${ratio.toFixed(2)} (target >= 0.50)`);
  console.log(
    `enterprise  peak RSS ${ent.ready.rss_mb} MB after generating ${JSON.stringify(ent.ready.counts)} in ${ent.ready.ms} ms (budget < 1536 MB)`,
  );
  console.log(
    JSON.stringify({
      bench: 'simulator',
      size: SIZE,
      pages_per_s: Math.round(ours.perS),
      baseline_pages_per_s: Math.round(theirs.perS),
      ratio: Number(ratio.toFixed(3)),
      cold_pages_per_s: Math.round(coldPerS),
      page_bytes: sample.length,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      rounds: ROUNDS,
      enterprise_rss_mb: ent.ready.rss_mb,
      enterprise_generate_ms: ent.ready.ms,
    }),
  );
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};

const role = arg('role');
if (role === 'sim') void runSimulator(arg('size') ?? 'large');
else if (role === 'baseline') runBaseline(arg('body') as string);
else
  void main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });

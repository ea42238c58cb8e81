// `npm run sf -- <command>` (also the `sf` bin): the ops toolbox. Usage: tools/sf/usage.ts (`sf --help`);
// exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 not found, 4 some dead letters not redriven.
import { createDb, databaseUrlFromEnv, migrateToLatest } from '@sf/db';
import { connectNats, defineTopology, natsClientSettingsFromEnv, topologyOptionsFromEnv } from '@sf/messaging';
import type { NatsConnection } from '@nats-io/nats-core';
import { ALL_MIGRATION_SETS, type PlatformDb } from './migration-sets';
import { parseSfArgs, type SfCommand } from './sf/args';
import type { Exit, SfContext } from './sf/context';
import { dlqList, dlqRedrive, dlqShow } from './sf/dlq-cmd';
import { eventsTail } from './sf/events-tail';
import { firmStatus } from './sf/firm-status-cmd';
import { opsView } from './sf/ops-view-cmd';
import { jobStory } from './sf/job-story-cmd';
import { projectionsRebuild, projectionsStatus } from './sf/projections-cmd';
import { ExitCode } from './sf/usage';

const run = (c: SfContext, cmd: SfCommand): Promise<Exit> => {
  switch (cmd.kind) {
    case 'events-tail':
      return eventsTail(c, cmd);
    case 'job-story':
      return jobStory(c, cmd.id);
    case 'dlq-list':
      return dlqList(c, cmd);
    case 'dlq-show':
      return dlqShow(c, cmd.seq);
    case 'dlq-redrive':
      return dlqRedrive(c, cmd);
    case 'projections-status':
      return projectionsStatus(c);
    case 'projections-rebuild':
      return projectionsRebuild(c, cmd.name);
    case 'firm-status':
      return firmStatus(c, cmd.firmId);
    case 'ops-view':
      return opsView(c, cmd.out);
  }
};

const main = async (): Promise<Exit> => {
  const parsed = parseSfArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n\n${parsed.usage}\n`);
    return ExitCode.usage;
  }
  if ('help' in parsed) {
    process.stdout.write(`${parsed.help}\n`);
    return ExitCode.ok;
  }
  const db = createDb<PlatformDb>({ url: databaseUrlFromEnv(), max: 4, applicationName: 'sf-cli' });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  let nc: NatsConnection | undefined;
  const settings = natsClientSettingsFromEnv(process.env);
  const c: SfContext = {
    db,
    nats: async () =>
      (nc ??= await connectNats({
        name: 'sf-cli',
        settings: { ...settings, giveUpAfterMs: settings.giveUpAfterMs || 10_000 },
      })),
    topology: defineTopology(topologyOptionsFromEnv(process.env)),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') || text.startsWith('\r') ? text : `${text}\n`),
    json: parsed.json,
    signal: abort.signal,
  };
  try {
    // As every tool: the tables it reads exist (dead_letter_redrives on a database no service migrated yet).
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    return await run(c, parsed.command);
  } finally {
    await nc?.drain();
    await db.destroy();
  }
};

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Class and code only: a driver's message may quote a URL with credentials.
    const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
    // SF_DEBUG=1: the whole error, for whoever runs it by hand.
    if (process.env['SF_DEBUG']) process.stderr.write(`${err instanceof Error ? (err.stack ?? '') : String(err)}\n`);
    process.stderr.write(
      `sf failed: ${err instanceof Error ? err.name : typeof err}${code ? ` (${String(code)})` : ''}\n`,
    );
    process.exit(ExitCode.failed);
  },
);

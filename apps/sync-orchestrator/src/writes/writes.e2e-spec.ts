import { catchUp } from '@sf/projections';
import { pendingWritesProjection } from '@sf/clio-mirror';
import { uniqueName } from '@sf/testing';
import { bearer, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { fetchPages, matterRecord, projectMirror } from '../testing/mirror-fixtures';
import { lastLogPosition } from '../testing/orchestrator-fixtures';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('write-back API (e2e: HTTP, real Postgres; mirror and pending writes projected from the log)', () => {
  let kit: E2eKit;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');

  const send = async (
    method: string,
    path: string,
    body?: unknown,
    opts: { firm?: string; key?: string } = {},
  ): Promise<Answer> => {
    const res = await fetch(`${kit.orchestrator.url}${path}`, {
      method,
      headers: {
        authorization: bearer(opts.firm ?? firm),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(opts.key === undefined ? {} : { 'idempotency-key': opts.key }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const writesInLog = async (): Promise<number> =>
    Number(
      (
        await kit.t.db
          .selectFrom('es_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('event_type', '=', 'ClioWriteRequested')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    kit = await startE2eKit();
    await fetchPages(kit.t.db, firm, { matters: [matterRecord(1), matterRecord(2)] });
    await fetchPages(kit.t.db, other, { matters: [matterRecord(77)] });
    await projectMirror(kit.t.db);
  });
  afterAll(async () => kit?.close());

  it('records a note (202 with the write), shows it pending at once, and the same key gives the same write', async () => {
    const created = await send('POST', '/matters/1/notes', { subject: 'Call', detail: 'Next steps' }, { key: 'k-1' });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'pending',
      operation: 'create',
      entityType: 'matter_notes',
      matterId: '1',
      values: { subject: 'Call', detail: 'Next steps' },
      idempotencyKey: 'k-1',
    });
    const again = await send('POST', '/matters/1/notes', { subject: 'Other body' }, { key: 'k-1' });
    expect(again.status).toBe(202);
    expect(again.body['writeId']).toBe(created.body['writeId']);
    expect(await writesInLog()).toBe(1);

    const notes = await send('GET', '/matters/1/notes');
    expect(notes.status).toBe(200);
    expect(notes.body['pendingCreates']).toEqual([expect.objectContaining({ writeId: created.body['writeId'] })]);
    const one = await send('GET', `/writes/${String(created.body['writeId'])}`);
    expect(one.body).toMatchObject({ status: 'pending' });
    const list = await send('GET', '/writes?status=pending');
    expect((list.body['items'] as unknown[]).length).toBe(1);
    // Another firm sees neither the write nor the list entry.
    expect((await send('GET', `/writes/${String(created.body['writeId'])}`, undefined, { firm: other })).status).toBe(
      404,
    );
    expect((await send('GET', '/writes?status=pending', undefined, { firm: other })).body['items']).toEqual([]);
  });

  it('refuses bad input with a 4xx naming the field, and records nothing', async () => {
    const before = await writesInLog();
    const huge = await send('POST', '/matters/1/notes', { subject: 'Big', detail: 'x'.repeat(1024 * 1024) });
    expect(huge.status).toBe(400);
    expect(JSON.stringify(huge.body['message'])).toContain('detail must be at most 65536 characters');
    const noSubject = await send('POST', '/matters/1/notes', { detail: 'x' });
    expect(noSubject.status).toBe(400);
    expect(JSON.stringify(noSubject.body['message'])).toContain('subject');
    const unknownField = await send('POST', '/matters/1/notes', { subject: 'x', colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body['message'])).toContain('colour');
    const badStatus = await send('PATCH', '/matters/1', { status: 'Archived' });
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body['message'])).toContain('status must be one of Open, Pending, Closed');
    expect((await send('POST', '/matters/999/notes', { subject: 'x' })).status).toBe(404);
    expect((await send('POST', '/matters/77/notes', { subject: 'x' })).status).toBe(404);
    expect((await send('PATCH', '/matters/77', { description: 'x' })).status).toBe(404);
    const entry = await send('POST', '/matters/1/calendar-entries', {
      summary: 'Hearing',
      start_at: '2026-12-10T10:00:00Z',
      end_at: '2026-12-10T09:00:00Z',
      calendar_owner_id: '5',
    });
    expect(entry.status).toBe(400);
    expect(JSON.stringify(entry.body['message'])).toContain('end_at');
    expect(await writesInLog()).toBe(before);
  });

  it("records a matter update against the etag the person saw, with the mirror's values as its base", async () => {
    const r = await send('PATCH', '/matters/2', { description: 'Renamed', status: 'Closed' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({
      operation: 'update',
      recordId: '2',
      baseEtag: '"m2"',
      baseValues: { description: 'Matter 2', status: 'Open' },
      values: { description: 'Renamed', status: 'Closed' },
    });
    expect((await send('PATCH', '/matters/2', {})).status).toBe(400);
  });

  it('resolving needs a conflicted write of the firm', async () => {
    await catchUp(kit.t.db, pendingWritesProjection, { until: (await lastLogPosition(kit.t.db))! });
    const [w] = (await send('GET', '/writes?status=pending')).body['items'] as Array<{ writeId: string }>;
    const res = await send('POST', `/writes/${w!.writeId}/resolve`, { resolution: 'keep_mine' });
    expect(res.status).toBe(409);
    const foreign = await send('POST', `/writes/${w!.writeId}/resolve`, { resolution: 'keep_mine' }, { firm: other });
    expect(foreign.status).toBe(404);
  });
});

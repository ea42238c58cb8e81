import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from './signature';
import { classifyResponse, nextAttemptAt } from './retry-schedule';
import { matterStatusEvent, topLevelFields, updateFires } from './watched-fields';
import { parseWebhookInput } from './webhook-input';
import { findWebhookModel, MAX_WEBHOOK_TTL_MS } from './webhook-wire';

const NOW = Date.UTC(2025, 0, 6, 12);
const rules = { allowHttpLoopback: true };

describe('signature', () => {
  it('is the lowercase hex HMAC-SHA256 of the raw body', () => {
    const body = '{"data":{"id":1}}';
    const sig = signBody('s3cret', body);
    expect(sig).toBe(createHmac('sha256', 's3cret').update(body).digest('hex'));
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', body, sig)).toBe(true);
    expect(verifySignature('s3cret', `${body} `, sig)).toBe(false);
    expect(verifySignature('s3cret', body, sig.toUpperCase())).toBe(false);
  });
});

describe('retry schedule', () => {
  it('waits 2, 4, 8, 16, 32 minutes and then gives up', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => (nextAttemptAt(n, 0) ?? -1) / 60_000);
    expect(delays).toEqual([2, 4, 8, 16, 32]);
    expect(nextAttemptAt(6, 0)).toBeUndefined();
  });

  it('treats 2xx, 3xx and 410 as success, 410 as gone, the rest as failure', () => {
    expect([200, 204, 302, 410, 400, 404, 500, undefined].map(classifyResponse)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'gone',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
  });
});

describe('watched fields', () => {
  it('splits top-level names and ignores nested selections', () => {
    expect(topLevelFields('id,etag, matter{id,description},client{id}')).toEqual(['id', 'etag', 'matter', 'client']);
  });

  it('fires on the first update of a record, then only when a watched field changed', () => {
    expect(updateFires('id,price', ['note'], true)).toBe(true);
    expect(updateFires('id,price', ['note'], false)).toBe(false);
    expect(updateFires('id,price', ['price'], false)).toBe(true);
    expect(updateFires('id,matter{id}', ['matter_id'], false)).toBe(true);
    expect(updateFires('id,etag', [], false)).toBe(true);
  });

  it('derives matter life-cycle events from status changes', () => {
    expect(matterStatusEvent(['status'], { status: 'Closed' })).toBe('matter_closed');
    expect(matterStatusEvent(['status'], { status: 'Open' })).toBe('matter_opened');
    expect(matterStatusEvent(['status'], { status: 'Pending' })).toBe('matter_pended');
    expect(matterStatusEvent(['description'], { status: 'Closed' })).toBeUndefined();
  });
});

describe('parseWebhookInput', () => {
  const create = (data: Record<string, unknown>) => parseWebhookInput({ data }, 'create', {}, NOW, rules);

  it("defaults events to the model's events and expiry to 3 days", () => {
    const r = create({ url: 'https://h.example/x', model: 1, fields: 'id,etag' });
    expect(r).toMatchObject({ ok: true, value: { expiresAt: NOW + 3 * 86_400_000 } });
    expect(r.ok && r.value.events).toEqual([
      'created',
      'updated',
      'deleted',
      'matter_opened',
      'matter_pended',
      'matter_closed',
    ]);
    expect(r.ok && r.value.model?.name).toBe('matter');
  });

  it('requires url, model and fields, and https outside loopback', () => {
    expect(create({ model: 'matter', fields: 'id' }).ok).toBe(false);
    expect(create({ url: 'http://h.example/x', model: 'matter', fields: 'id' }).ok).toBe(false);
    expect(create({ url: 'http://127.0.0.1:9/x', model: 'matter', fields: 'id' }).ok).toBe(true);
    expect(
      parseWebhookInput({ data: { url: 'http://127.0.0.1:9/x', model: 'matter', fields: 'id' } }, 'create', {}, NOW, {
        allowHttpLoopback: false,
      }).ok,
    ).toBe(false);
  });

  it('rejects events the model lacks, fields over 1000 chars and expiry beyond 31 days', () => {
    const base = { url: 'https://h.example/x', fields: 'id' };
    expect(create({ ...base, model: 'activity', events: ['matter_closed'] }).ok).toBe(false);
    expect(create({ ...base, model: 'clio_payments_payment', events: ['deleted'] }).ok).toBe(false);
    expect(create({ ...base, model: 'matter', fields: 'x'.repeat(1001) }).ok).toBe(false);
    expect(
      create({ ...base, model: 'matter', expires_at: new Date(NOW + MAX_WEBHOOK_TTL_MS + 1000).toISOString() }).ok,
    ).toBe(false);
    expect(create({ ...base, model: 'matter', expires_at: new Date(NOW + MAX_WEBHOOK_TTL_MS).toISOString() }).ok).toBe(
      true,
    );
  });

  it('on update validates only what is given, against the current model', () => {
    const matter = findWebhookModel('matter');
    expect(parseWebhookInput({ data: { events: ['matter_opened'] } }, 'update', { model: matter }, NOW, rules)).toEqual(
      {
        ok: true,
        value: { events: ['matter_opened'] },
      },
    );
  });
});

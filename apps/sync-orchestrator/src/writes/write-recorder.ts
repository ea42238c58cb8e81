import { BadRequestException } from '@nestjs/common';
import { type WriteEntityType, type WriteOperation } from '@sf/contracts';
import { NotFoundForFirm, type AuthPrincipal } from '@sf/http-auth';
import { type HttpDeps } from '../http/http-deps';
import { WriteDto } from './write-views.dto';
import { requestWrite } from './writes-service';
import { mirroredTarget, writeTarget, type WriteTarget } from './write-targets';

/** Large enough that an oversized note is refused by its field rule (400 naming `detail`), not by the body limit. */
export const WRITE_BODY_LIMIT = 2 * 1024 * 1024;
export const ACCEPTED = {
  status: 202,
  type: WriteDto,
  description: 'Recorded; the writer sends it to Clio (see `status`)',
};
const KEY_RULE = /^[A-Za-z0-9_.:-]{1,200}$/;

export const badRequest = (message: string): BadRequestException =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message] });

/** The fields of a DTO that were sent (undefined ones left out), without the etag. */
export const sent = (b: object): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (v !== undefined && k !== 'etag') out[k] = v;
  return out;
};
/**
 * What every write route does: check the target against the firm's mirror (another firm's or an unknown record is a
 * 404), record `ClioWriteRequested`, answer with the write. The write controllers (one per kind of record) extend it.
 */
export abstract class WriteRecorder {
  constructor(protected readonly deps: HttpDeps) {}

  protected async record(
    firmId: string,
    who: AuthPrincipal,
    key: string | undefined,
    w: {
      entityType: WriteEntityType;
      operation: WriteOperation;
      target: WriteTarget | null;
      matterId: string | null;
      contactId: string | null;
      values: Record<string, unknown>;
      etag?: string | undefined;
    },
  ): Promise<WriteDto> {
    if (key !== undefined && !KEY_RULE.test(key))
      throw badRequest('Idempotency-Key must be 1 to 200 letters, digits or _ . : -');
    if (w.operation === 'update' && Object.keys(w.values).length === 0)
      throw badRequest('body must name at least one field to change');
    const r = await requestWrite(
      this.deps.db,
      { firmId, userId: who.userId, idempotencyKey: key, ...w, etag: w.etag },
      new Date(),
    );
    return r.write;
  }

  /** The matter or contact a create hangs under, as the firm's mirror holds it (else a 404). */
  protected async parent(firmId: string, entityType: 'matters' | 'contacts', id: string): Promise<void> {
    if ((await mirroredTarget(this.deps.db, firmId, entityType, id)) === null)
      throw new NotFoundForFirm(entityType.slice(0, -1));
  }

  /** The record an update, delete or completion changes: mirrored, or created here (by its write id); else a 404. */
  protected async target(firmId: string, entityType: WriteEntityType, id: string): Promise<WriteTarget> {
    const t = await writeTarget(this.deps.db, firmId, [entityType], id);
    if (t === null) throw new NotFoundForFirm(NOUNS[entityType]);
    return t.target;
  }

  /** A note of a matter or a contact (two mirror tables, one Clio resource). */
  protected async note(firmId: string, id: string): Promise<{ entityType: WriteEntityType; target: WriteTarget }> {
    const t = await writeTarget(this.deps.db, firmId, ['matter_notes', 'contact_notes'], id);
    if (t === null) throw new NotFoundForFirm('note');
    return t;
  }
}

const NOUNS: Readonly<Record<WriteEntityType, string>> = {
  matter_notes: 'note',
  contact_notes: 'note',
  tasks: 'task',
  calendar_entries: 'calendar entry',
  matters: 'matter',
};

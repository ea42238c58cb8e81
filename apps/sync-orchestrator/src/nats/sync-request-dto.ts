import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import {
  FIRM_ID_PATTERN,
  ID_MAX_LENGTH,
  SyncScopeKinds,
  SyncTriggers,
  type SyncRequestRpc,
  type SyncScopeKind,
} from '@sf/contracts';

const TRIGGERS = Object.values(SyncTriggers);
const SCOPE_KINDS = Object.values(SyncScopeKinds);

class ScopeDto {
  @IsIn(SCOPE_KINDS, { message: `kind must be ${SCOPE_KINDS.join(' or ')}` })
  kind!: SyncScopeKind;

  @ValidateIf((o: ScopeDto) => o.kind === SyncScopeKinds.matter)
  @IsString({ message: 'matterId must be a string' })
  @Length(1, ID_MAX_LENGTH, { message: `matterId must be 1 to ${ID_MAX_LENGTH} characters` })
  matterId?: string;
}

class SyncRequestRpcDto {
  @IsString({ message: 'firmId must be a string' })
  @Matches(FIRM_ID_PATTERN, { message: 'firmId must be 1 to 128 letters, digits, _ or -' })
  firmId!: string;

  @IsObject({ message: 'scope must be an object' })
  @ValidateNested()
  @Type(() => ScopeDto)
  scope!: ScopeDto;

  @IsIn(TRIGGERS, { message: `trigger must be one of ${TRIGGERS.join(', ')}` })
  trigger!: SyncRequestRpc['trigger'];

  @IsOptional()
  @IsString({ message: 'requestedBy must be a string' })
  @Length(1, ID_MAX_LENGTH, { message: `requestedBy must be 1 to ${ID_MAX_LENGTH} characters` })
  requestedBy?: string | null;
}

const reasons = (errors: readonly ValidationError[], prefix = ''): string[] =>
  errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...reasons(e.children ?? [], `${prefix}${e.property}.`),
  ]);

/** Parses and validates a sync-request RPC body; reasons name fields, never values. */
export const parseSyncRequestRpc = (
  raw: string,
): { ok: true; value: SyncRequestRpc } | { ok: false; reason: string } => {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'body must be JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, reason: 'body must be a JSON object' };
  const dto = plainToInstance(SyncRequestRpcDto, json);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) return { ok: false, reason: reasons(errors).join('; ') };
  if (dto.scope.kind === 'firm' && dto.scope.matterId !== undefined)
    return { ok: false, reason: 'scope.matterId must be absent for a firm scope' };
  const scope =
    dto.scope.kind === 'matter'
      ? { kind: 'matter' as const, matterId: dto.scope.matterId! }
      : { kind: 'firm' as const };
  return { ok: true, value: { firmId: dto.firmId, scope, trigger: dto.trigger, requestedBy: dto.requestedBy ?? null } };
};

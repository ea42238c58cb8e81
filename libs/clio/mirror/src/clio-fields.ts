import { CLIO_RECORD_FIELDS } from '@sf/contracts';
import type { ClioEntityType } from './entity-types';

/**
 * The one table of Clio `fields` requested per resource (`CLIO_RECORD_FIELDS` of `@sf/contracts`, typed by the
 * mirror's entity types): what the mirror stores in `data` and derives its detail tables from.
 */
export const CLIO_FIELDS: Readonly<Record<ClioEntityType, readonly string[]>> = CLIO_RECORD_FIELDS;

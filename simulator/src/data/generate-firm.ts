import type { SimStore } from '../store/store';
import { GenContext } from './gen-context';
import { generateCustomFields } from './gen-custom-fields';
import { generateDetails } from './gen-details';
import { generateDocuments } from './gen-documents';
import { generateLookups } from './gen-lookups';
import { generateMatters } from './gen-matters';
import { generateContacts, generateUsers } from './gen-people';
import { generateActivities, generateCalendarEntries, generateTasks } from './gen-work';
import type { EntityCounts } from './sizes';

export interface GenerateOptions {
  /** PRNG seed: same seed + counts + anchor → the same firm, byte for byte. */
  seed: number;
  counts: EntityCounts;
  /** End of the generated history, epoch ms. Default 2025-01-01T00:00:00Z. */
  anchor?: number;
}

export const DEFAULT_ANCHOR = Date.UTC(2025, 0, 1);

/** Fill an empty store with a whole firm. Emits no change events. */
export const generateFirm = (store: SimStore, opts: GenerateOptions): void => {
  store.etagSalt = `seed-${opts.seed}`;
  const g = new GenContext(store, opts.seed, opts.counts, opts.anchor ?? DEFAULT_ANCHOR);
  store.lookups = generateLookups(g);
  generateUsers(g);
  generateCustomFields(g);
  generateContacts(g);
  generateMatters(g);
  generateDocuments(g);
  generateCalendarEntries(g);
  generateTasks(g);
  generateActivities(g);
  generateDetails(g);
};

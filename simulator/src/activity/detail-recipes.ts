import type {
  ContactRecord,
  CustomFieldValueRecord,
  DocumentRecord,
  MatterRecord,
  RecordPatch,
} from '../store/records';
import type { Recipe, RecipeEnv } from './recipes';
import { addDocumentVersion } from '../api/documents/document-ops';

// Changes to the data nested in records (custom field values, contacts' email addresses and web sites, a document's
// versions) and to the small resources around matters (notes, relationships), so incremental syncs meet them.

const pick = <T>(g: RecipeEnv, xs: readonly T[]): T => xs[Math.floor(g.rng() * xs.length)];
const sec = (ms: number): number => ms - (ms % 1000);

/** A new value for a custom field value of a text or number type; other types keep theirs. */
const changedValue = (g: RecipeEnv, v: CustomFieldValueRecord): CustomFieldValueRecord | undefined => {
  const type = g.store.get('custom_fields', v.custom_field_id)?.field_type;
  const value =
    type === 'text_line' || type === 'text_area'
      ? `Updated ${Math.floor(g.rng() * 1e6)}`
      : type === 'numeric'
        ? String(Math.floor(g.rng() * 100_000))
        : type === 'currency'
          ? (Math.floor(g.rng() * 1e7) / 100).toFixed(2)
          : type === 'checkbox'
            ? String(v.value !== 'true')
            : undefined;
  return value === undefined ? undefined : { ...v, value, updated_at: sec(g.now) };
};

/** A matter's or contact's custom field values with one of them changed, or undefined when none can change. */
export const customFieldValuesChange = (
  g: RecipeEnv,
  r: MatterRecord | ContactRecord,
): { custom_field_values: CustomFieldValueRecord[] } | undefined => {
  const candidates = r.custom_field_values.map((v, i) => [i, changedValue(g, v)] as const).filter(([, v]) => v);
  if (candidates.length === 0) return undefined;
  const [i, v] = pick(g, candidates);
  const values = [...r.custom_field_values];
  values[i] = v as CustomFieldValueRecord;
  return { custom_field_values: values };
};

/** A contact gains an email address or a web site. */
export const contactDetailsChange = (g: RecipeEnv, c: ContactRecord): RecordPatch<'contacts'> => {
  const at = sec(g.now);
  const id = g.store.subId();
  return g.rng() < 0.5
    ? {
        email_addresses: [
          ...c.email_addresses,
          {
            id,
            name: 'Other',
            address: `extra${id}@mail.test`,
            primary: c.email_addresses.length === 0,
            created_at: at,
            updated_at: at,
          },
        ],
      }
    : {
        web_sites: [
          ...c.web_sites,
          {
            id,
            name: 'Other',
            address: `https://extra${id}.example.test`,
            default_web_site: c.web_sites.length === 0,
            created_at: at,
            updated_at: at,
          },
        ],
      };
};

/**
 * A document gets a new complete version, which becomes its latest (the version is written by the document
 * operations; the patch the generator then applies renames nothing).
 */
export const newDocumentVersion = (g: RecipeEnv, d: DocumentRecord): RecordPatch<'documents'> => {
  const v = addDocumentVersion(g.store, d.id, {
    filename: d.filename,
    contentType: d.content_type,
    size: 1_000 + Math.floor(g.rng() * 500_000),
  });
  return v ? { size: v.size } : {};
};

const anyLiveId = (g: RecipeEnv, resource: 'matters' | 'contacts' | 'users'): number | null => {
  const ids: number[] = [];
  for (const r of g.store.table(resource).ascending()) {
    ids.push(r.id);
    if (ids.length >= 2000) break;
  }
  return ids.length > 0 ? pick(g, ids) : null;
};

export const note: Recipe<'notes'> = {
  create: (g) => {
    const matterNote = g.rng() < 0.7;
    const parent = anyLiveId(g, matterNote ? 'matters' : 'contacts');
    if (parent === null) return undefined;
    return {
      type: matterNote ? 'Matter' : 'Contact',
      subject: pick(g, ['Call summary', 'Follow-up', 'Meeting notes']),
      detail: 'Spoke with the client about next steps.',
      detail_text_type: 'plain_text',
      date: new Date(g.now).toISOString().slice(0, 10),
      matter_id: matterNote ? parent : null,
      contact_id: matterNote ? null : parent,
      author_id: anyLiveId(g, 'users'),
    };
  },
  update: (g, n) => ({ detail: `${n.detail.replace(/ \(edited \d+\)$/, '')} (edited ${Math.floor(g.rng() * 1000)})` }),
};

export const relationship: Recipe<'relationships'> = {
  create: (g) => {
    const matter = anyLiveId(g, 'matters');
    const contact = anyLiveId(g, 'contacts');
    if (matter === null || contact === null) return undefined;
    return { matter_id: matter, contact_id: contact, description: pick(g, ['Witness', 'Expert', 'Opposing Counsel']) };
  },
  update: (g) => ({ description: pick(g, ['Witness', 'Expert', 'Opposing Counsel', 'Guarantor']) }),
};

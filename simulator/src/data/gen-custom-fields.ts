import type { CustomFieldRecord, CustomFieldType, CustomFieldValueRecord } from '../store/records';
import { CustomFieldType as T } from '../store/records';
import { Resource } from '../store/resources';
import type { GenContext } from './gen-context';
import { DAY, isoDate } from './gen-context';
import type { Rng } from './prng';

const FIELD_TYPES: readonly CustomFieldType[] = Object.values(T);

const NAMES: Record<CustomFieldType, readonly string[]> = {
  checkbox: ['Conflict Checked', 'Referral Fee Paid', 'Pro Bono'],
  contact: ['Opposing Counsel', 'Referring Contact', 'Adjuster'],
  currency: ['Settlement Amount', 'Estimated Value', 'Retainer Amount'],
  date: ['Statute Date', 'Incident Date', 'Closing Date'],
  time: ['Hearing Time', 'Preferred Call Time'],
  email: ['Assistant Email', 'Secondary Email'],
  matter: ['Related Matter', 'Parent Matter'],
  numeric: ['Claim Number', 'Number of Dependents', 'Policy Limit'],
  picklist: ['Case Stage', 'Referral Source', 'Client Tier'],
  text_area: ['Case Notes', 'Special Instructions'],
  text_line: ['Court File Number', 'Judge', 'Insurance Carrier'],
  url: ['Portal Link', 'Shared Drive'],
};

const PICKLIST: readonly string[] = [
  'Intake',
  'Investigation',
  'Negotiation',
  'Litigation',
  'Settled',
  'Referral',
  'Website',
  'Gold',
  'Silver',
];

/** `per` custom fields for each parent type, cycling through all 12 field types so every type occurs. */
export const generateCustomFields = (g: GenContext): void => {
  const rng = g.rng('custom_fields');
  let id = 1;
  for (const parent of ['Matter', 'Contact'] as const) {
    for (let i = 0; i < g.counts.custom_fields_per_parent; i++) {
      const fieldType = FIELD_TYPES[i % FIELD_TYPES.length];
      const created = g.createdAt(rng, i, g.counts.custom_fields_per_parent * 3);
      const names = NAMES[fieldType];
      const name =
        names[Math.floor(i / FIELD_TYPES.length) % names.length] +
        (i >= FIELD_TYPES.length * names.length ? ` ${i}` : '');
      const options =
        fieldType === T.Picklist
          ? Array.from({ length: rng.int(3, 5) }, (_, k) => ({
              id: g.store.subId(),
              option: PICKLIST[(i + k) % PICKLIST.length],
              created_at: created,
              updated_at: created,
              deleted_at: k === 4 ? created + DAY : null,
            }))
          : [];
      g.store.seed(Resource.CustomFields, {
        id: id++,
        name,
        parent_type: parent,
        field_type: fieldType,
        displayed: rng.bool(0.85),
        deleted: rng.bool(0.05),
        required: rng.bool(0.1),
        display_order: i,
        picklist_options: options,
        created_at: created,
        updated_at: created,
      });
    }
  }
};

const valueFor = (
  g: GenContext,
  rng: Rng,
  f: CustomFieldRecord,
): { value: string; picklist_option_id: number | null } => {
  switch (f.field_type) {
    case T.Checkbox:
      return { value: String(rng.bool()), picklist_option_id: null };
    case T.Contact:
      return { value: String(rng.int(1, Math.max(1, g.counts.contacts))), picklist_option_id: null };
    case T.Currency:
      return { value: (rng.int(100, 2_000_000) / 100).toFixed(2), picklist_option_id: null };
    case T.Date:
      return { value: isoDate(g.anchor - rng.int(0, 3000) * DAY), picklist_option_id: null };
    case T.Time:
      return {
        value: `${String(rng.int(8, 17)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}:00`,
        picklist_option_id: null,
      };
    case T.Email:
      return { value: `contact${rng.int(1, 9999)}@mail.test`, picklist_option_id: null };
    case T.Matter:
      return { value: String(rng.int(1, Math.max(1, g.counts.matters))), picklist_option_id: null };
    case T.Numeric:
      return { value: String(rng.int(0, 100_000)), picklist_option_id: null };
    case T.Picklist: {
      const live = f.picklist_options.filter((o) => o.deleted_at === null);
      const opt = rng.pick(live);
      return { value: String(opt.id), picklist_option_id: opt.id };
    }
    case T.TextArea:
      return { value: 'Client prefers email. Documents to be reviewed before each hearing.', picklist_option_id: null };
    case T.TextLine:
      return { value: `CV-${rng.int(2015, 2024)}-${rng.int(1000, 99999)}`, picklist_option_id: null };
    case T.Url:
      return { value: `https://portal.example.test/c/${rng.int(1, 99999)}`, picklist_option_id: null };
  }
};

/** Values for a new matter/contact: each live custom field of that parent type gets a value with probability p. */
export const customFieldValuesFor = (
  g: GenContext,
  rng: Rng,
  parent: 'Matter' | 'Contact',
  created: number,
  p = parent === 'Matter' ? 0.55 : 0.3,
): CustomFieldValueRecord[] => {
  const out: CustomFieldValueRecord[] = [];
  for (const f of g.store.table(Resource.CustomFields).ascending()) {
    if (f.parent_type !== parent || f.deleted || !rng.bool(p)) continue;
    out.push({
      id: g.store.subId(),
      custom_field_id: f.id,
      ...valueFor(g, rng, f),
      created_at: created,
      updated_at: created,
    });
  }
  return out;
};

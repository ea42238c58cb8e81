import type { MatterRecord, WebSiteRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { GenContext } from './gen-context';
import { DAY, isoDate, sec } from './gen-context';
import type { Rng } from './prng';

// Details generated after the main records, each from its own stream, so adding them left every earlier record of
// a seed unchanged: contacts' web sites, matters' related contacts, and matter and contact notes.

const ROLES = ['Opposing Counsel', 'Witness', 'Expert', 'Spouse', 'Insurance Adjuster', 'Co-Counsel', 'Guarantor'];
const NOTE_SUBJECTS = ['Call summary', 'Meeting notes', 'Strategy', 'Client update', 'Follow-up', 'Intake'];
const NOTE_DETAILS = [
  'Discussed next steps and the documents still outstanding.',
  'Client confirmed the dates; awaiting the signed engagement letter.',
  'Reviewed the file; no conflicts found.',
  'Left a voicemail; will try again tomorrow.',
];

const webSites = (g: GenContext, rng: Rng, id: number, company: boolean, created: number): WebSiteRecord[] => {
  if (!rng.bool(company ? 0.7 : 0.15)) return [];
  const out: WebSiteRecord[] = [
    {
      id: g.store.subId(),
      name: company ? 'Work' : 'Personal',
      address: `https://www.site${id}.example.test`,
      default_web_site: true,
      created_at: created,
      updated_at: created,
    },
  ];
  if (company && rng.bool(0.3))
    out.push({
      id: g.store.subId(),
      name: 'LinkedIn',
      address: `https://linkedin.example.test/company/${id}`,
      default_web_site: false,
      created_at: created,
      updated_at: created,
    });
  return out;
};

/** A matter's related contacts (not its client), each with a role. */
const relationships = (
  g: GenContext,
  rng: Rng,
  m: MatterRecord,
): Array<{ contact_id: number; description: string }> => {
  const contacts = g.store.table(Resource.Contacts).size;
  const n =
    contacts < 2
      ? 0
      : rng.weighted([
          [0, 5],
          [1, 3],
          [2, 2],
        ] as const);
  const out: Array<{ contact_id: number; description: string }> = [];
  for (let i = 0; i < n; i++) {
    const contactId = rng.int(1, contacts);
    if (contactId === m.client_id || out.some((r) => r.contact_id === contactId)) continue;
    out.push({ contact_id: contactId, description: rng.pick(ROLES) });
  }
  return out;
};

const note = (g: GenContext, rng: Rng, parent: { created_at: number }, users: number) => {
  const created = sec(parent.created_at + Math.floor(rng.next() * (g.anchor - 60_000 - parent.created_at)));
  return {
    subject: rng.pick(NOTE_SUBJECTS),
    detail: rng.pick(NOTE_DETAILS),
    detail_text_type: 'plain_text' as const,
    date: isoDate(created),
    author_id: users > 0 ? rng.int(1, users) : null,
    created_at: created,
    updated_at: rng.bool(0.7) ? created : Math.min(g.anchor - 1000, created + rng.int(1, 30) * DAY),
  };
};

/** Web sites, matter relationships and notes. Call last. */
export const generateDetails = (g: GenContext): void => {
  const rng = g.rng('details');
  const users = g.store.table(Resource.Users).size;
  const contacts = g.store.table(Resource.Contacts);
  for (const c of [...contacts.ascending()]) {
    const sites = webSites(g, rng, c.id, c.type === 'Company', c.created_at);
    if (sites.length > 0) contacts.replace({ ...c, web_sites: sites });
  }
  const matters = g.store.table(Resource.Matters);
  let relationshipId = 1;
  for (const m of matters.ascending()) {
    for (const r of relationships(g, rng, m)) {
      const at = { created_at: m.created_at, updated_at: m.created_at };
      g.store.seed(Resource.Relationships, { id: relationshipId++, matter_id: m.id, ...r, ...at });
    }
  }
  // Notes in creation order so ids follow it, as Clio's do.
  const pending: Array<ReturnType<typeof note> & { matter_id: number | null; contact_id: number | null }> = [];
  for (const m of matters.ascending()) {
    const n = rng.weighted([
      [0, 4],
      [1, 3],
      [2, 2],
      [4, 1],
    ] as const);
    for (let i = 0; i < n; i++) pending.push({ ...note(g, rng, m, users), matter_id: m.id, contact_id: null });
  }
  for (const c of contacts.ascending()) {
    if (rng.bool(0.2)) pending.push({ ...note(g, rng, c, users), matter_id: null, contact_id: c.id });
  }
  pending.sort((a, b) => a.created_at - b.created_at);
  let id = 1;
  for (const n of pending) {
    g.store.seed(Resource.Notes, { id: id++, type: n.matter_id === null ? 'Contact' : 'Matter', ...n });
  }
};

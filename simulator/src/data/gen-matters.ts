import type { MatterRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { GenContext } from './gen-context';
import { DAY, isoDate, sec } from './gen-context';
import { customFieldValuesFor } from './gen-custom-fields';
import { COMPANY_WORDS, LAST_NAMES, MATTER_TEMPLATES, FIRST_NAMES, PRACTICE_AREAS } from './vocab';

const attorneys = (g: GenContext): number[] => {
  const out: number[] = [];
  for (const u of g.store.table(Resource.Users).ascending()) if (u.subscription_type === 'Attorney') out.push(u.id);
  return out;
};

/** Matters, each with a client; marks clients `is_client`. Call after contacts and users. */
export const generateMatters = (g: GenContext): void => {
  const rng = g.rng('matters');
  const n = g.counts.matters;
  const lawyers = attorneys(g);
  const userCount = g.store.table(Resource.Users).size;
  const contacts = g.store.table(Resource.Contacts);
  const clients = new Set<number>();
  for (let i = 0; i < n; i++) {
    const id = i + 1;
    const created = g.createdAt(rng, i, n, g.founded + 30 * DAY);
    const clientId = contacts.size > 0 ? 1 + rng.skewed(contacts.size, 1.6) : null;
    const client = clientId === null ? undefined : contacts.get(clientId);
    if (clientId !== null) clients.add(clientId);
    const clientName = client
      ? client.type === 'Person'
        ? (client.last_name ?? client.name)
        : client.name
      : 'Unassigned';
    const status = rng.weighted([
      ['Open', 70],
      ['Closed', 22],
      ['Pending', 8],
    ] as const);
    const openMs = created + rng.int(0, 5) * DAY;
    const closeMs = status === 'Closed' ? Math.min(g.anchor - DAY, openMs + rng.int(30, 900) * DAY) : null;
    const description = rng
      .pick(MATTER_TEMPLATES)
      .replace('{client}', clientName)
      .replace('{other}', rng.pick(LAST_NAMES))
      .replace('{person}', client?.type === 'Person' ? client.name : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`)
      .replace('{company}', client?.type === 'Company' ? client.name : `${rng.pick(COMPANY_WORDS)} Group`);
    const rec: Omit<MatterRecord, 'etag' | 'rev'> = {
      id,
      number: id,
      display_number: `${String(id).padStart(5, '0')}-${clientName}`,
      custom_number: rng.bool(0.1) ? `M-${id}` : null,
      description,
      status,
      location: rng.bool(0.3) ? rng.pick(['Cook County', 'King County', 'Travis County', 'Suffolk County']) : null,
      client_reference: rng.bool(0.15) ? `REF-${rng.int(100, 99999)}` : null,
      client_id: clientId,
      billable: rng.bool(0.9),
      billing_method: rng.weighted([
        ['hourly', 75],
        ['flat', 15],
        ['contingency', 10],
      ] as const),
      open_date: status === 'Pending' ? null : isoDate(openMs),
      close_date: closeMs === null ? null : isoDate(closeMs),
      pending_date: status === 'Pending' ? isoDate(created) : null,
      practice_area_id: rng.bool(0.9) ? rng.int(1, PRACTICE_AREAS.length) : null,
      responsible_attorney_id: lawyers.length > 0 ? rng.pick(lawyers) : null,
      responsible_staff_id: rng.bool(0.5) ? rng.int(1, userCount) : null,
      originating_attorney_id: lawyers.length > 0 && rng.bool(0.7) ? rng.pick(lawyers) : null,
      group_id: rng.int(1, 5),
      folder_id: null,
      custom_field_values: customFieldValuesFor(g, rng, 'Matter', created),
      created_at: created,
      updated_at: sec(Math.max(g.updatedAt(rng, created), closeMs ?? 0)),
    };
    g.store.seed(Resource.Matters, rec);
  }
  for (const id of clients) {
    const c = contacts.get(id);
    if (c) contacts.replace({ ...c, is_client: true, is_bill_recipient: true });
  }
};

import { activityAmounts, calendarEntryAttendees, contactEmailAddresses, documentVersions } from './record-details';
import { contactFields, matterFields } from './record-fields';

describe('record details', () => {
  it('keeps activity amounts as Clio shows them, hidden ones null and flagged, never 0', () => {
    const shown = { id: 1, quantity: 3600, quantity_redacted: false, price: 250, total: 250, non_billable_total: 0 };
    expect(activityAmounts.rows(shown)).toEqual([
      {
        quantity: '3600',
        quantity_redacted: false,
        price: '250',
        total: '250',
        non_billable_total: '0',
        amounts_redacted: false,
      },
    ]);
    // Rate visibility: price and total removed, `redacted` added.
    expect(activityAmounts.rows({ id: 1, quantity: 3600, quantity_redacted: false, redacted: true })).toEqual([
      {
        quantity: '3600',
        quantity_redacted: false,
        price: null,
        total: null,
        non_billable_total: null,
        amounts_redacted: true,
      },
    ]);
    // Hours visibility: the hours left out and `quantity_redacted` set.
    expect(
      activityAmounts.rows({ id: 1, quantity_redacted: true, redacted: true, price: 250, total: 250 })[0],
    ).toMatchObject({ quantity: null, quantity_redacted: true, price: '250', amounts_redacted: false });
  });

  it("keeps a document's latest version, marked latest", () => {
    const doc = {
      latest_document_version: {
        id: 31,
        etag: '"v"',
        uuid: 'u',
        version_number: 3,
        filename: 'a.pdf',
        size: 1024,
        content_type: 'application/pdf',
        fully_uploaded: true,
        received_at: null,
        created_at: '2026-01-01T00:00:00+00:00',
        updated_at: '2026-01-01T00:00:00+00:00',
      },
    };
    expect(documentVersions.rows(doc)).toEqual([
      expect.objectContaining({ id: '31', version_number: 3, size: 1024, is_latest: true, received_at: null }),
    ]);
    expect(documentVersions.rows({ latest_document_version: null })).toEqual([]);
    expect(documentVersions.mode).toBe('accumulate');
  });

  it('reads nested collections by id, and attendees by type and id', () => {
    expect(
      contactEmailAddresses.rows({
        email_addresses: [{ id: 5, name: 'Work', address: 'a@b.test', primary: true }, { name: 'no id' }],
      }),
    ).toEqual([
      {
        id: '5',
        name: 'Work',
        address: 'a@b.test',
        is_primary: true,
        etag: null,
        created_at: null,
        updated_at: null,
      },
    ]);
    expect(
      calendarEntryAttendees
        .rows({
          attendees: [
            { id: 4, type: 'Calendar', name: 'A' },
            { id: 4, type: 'Contact', name: 'B' },
            { id: 9, redacted: true },
          ],
        })
        .map((r) => [r['attendee_type'], r['attendee_id'], r['name']]),
    ).toEqual([
      ['Calendar', '4', 'A'],
      ['Contact', '4', 'B'],
      // A contact the user may not see: no type, no data, only that it attends.
      ['redacted', '9', null],
    ]);
  });
});

describe('record fields', () => {
  it("types a matter's status, dates and people, and leaves out what does not read as its type", () => {
    const row = matterFields.rows({
      status: 'Closed',
      open_date: '2024-01-02',
      close_date: 'soon',
      practice_area: { id: 3, name: 'Family' },
      responsible_attorney: { id: 7 },
      originating_attorney: null,
      client: { id: 9, redacted: true },
    })[0];
    expect(row).toMatchObject({
      status: 'Closed',
      open_date: '2024-01-02',
      close_date: null,
      practice_area_id: '3',
      practice_area_name: 'Family',
      responsible_attorney_id: '7',
      originating_attorney_id: null,
      client_id: '9',
    });
  });

  it("types a contact's person or company fields", () => {
    expect(contactFields.rows({ type: 'Company', name: 'Acme', company: null, is_client: true })[0]).toMatchObject({
      type: 'Company',
      name: 'Acme',
      first_name: null,
      company_id: null,
      is_client: true,
    });
  });
});

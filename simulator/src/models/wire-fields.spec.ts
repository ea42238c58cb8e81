import { wireFieldsOf } from './wire-fields';

describe('wireFieldsOf', () => {
  it('maps stored keys onto the wire fields they affect', () => {
    expect(wireFieldsOf('matters', ['client_id', 'description', 'practice_area_id', 'rev'])).toEqual([
      'client_id',
      'client',
      'description',
      'practice_area',
    ]);
    expect(wireFieldsOf('documents', ['parent_id', 'deleted_at', 'latest_version_id'])).toEqual([
      'parent',
      'deleted_at',
      'latest_document_version',
      'size',
      'filename',
      'content_type',
    ]);
    expect(wireFieldsOf('contacts', ['email_addresses'])).toEqual([
      'email_addresses',
      'primary_email_address',
      'secondary_email_address',
    ]);
    expect(wireFieldsOf('calendar_entries', ['attendee_user_ids', 'start_at'])).toEqual(['attendees', 'start_at']);
  });
});

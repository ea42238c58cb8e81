import { parseDeauthorizeBody } from './deauthorize-body';

describe('Clio deauthorization callback body', () => {
  it("takes Clio's shape, with a numeric or digit-string user id", () => {
    expect(parseDeauthorizeBody({ client_id: 'c', user_id: 2332, access_token: 'all' })).toEqual({
      clientId: 'c',
      clioUserId: '2332',
      all: true,
      accessToken: 'all',
    });
    expect(parseDeauthorizeBody({ client_id: 'c', user_id: '7', access_token: 'tok' })).toEqual({
      clientId: 'c',
      clioUserId: '7',
      all: false,
      accessToken: 'tok',
    });
  });

  it.each([
    [null],
    [[]],
    ['text'],
    [{}],
    [{ client_id: '', user_id: 1, access_token: 'all' }],
    [{ client_id: 'c', user_id: 1.5, access_token: 'all' }],
    [{ client_id: 'c', user_id: 'x1', access_token: 'all' }],
    [{ client_id: 'c', user_id: 1, access_token: '' }],
    [{ client_id: 'c', user_id: 1, access_token: 'x'.repeat(5000) }],
  ])('refuses %j', (body) => {
    expect(parseDeauthorizeBody(body)).toBeNull();
  });
});

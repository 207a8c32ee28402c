import { scimHarness, userBody } from './support';

const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('SCIM authentication, errors and discovery', () => {
  const h = scimHarness();

  test('an error carries AWS envelope: string status, schema and schemas, request id and timeStamp', async () => {
    await h.createUser('dup');
    const res = await h.call('POST', '/Users', userBody('dup'));
    expect(res.body).toEqual({
      schema: [ERROR_URN],
      schemas: [ERROR_URN],
      detail: 'Refused to create a new, duplicate resource.',
      status: '409',
      exceptionRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timeStamp: '2026-01-01 00:00:00.000',
    });
    expect(res.headers.get('x-amzn-requestid')).toBe(res.body.exceptionRequestId);
  });

  describe('401 UnauthorizedException', () => {
    test.each([
      ['no Authorization header', null, undefined],
      ['a wrong token', 'not-the-token', undefined],
      ['a Basic scheme', 'basic', undefined],
      ['the right token on a wrong tenant', undefined, 'https://scim.us-east-1.amazonaws.com/wrongtenant1-aaaa-bbbb-cccc-dddddddddddd/scim/v2/Users'],
    ])('fails with %s', async (_label, token, url) => {
      const res = await h.call('GET', url ?? '/Users', undefined, { token: token === 'basic' ? null : token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ status: '401', schemas: [ERROR_URN] });
      expect(JSON.stringify(res.body)).not.toContain(h.emulator.scimToken);
    });

    test('fails when the token has aged past its year of validity', async () => {
      expect((await h.call('GET', '/Users')).status).toBe(200);
      h.clock.advance(365 * 24 * 3600 * 1000);
      expect((await h.call('GET', '/Users')).status).toBe(401);
      h.clock.set('2026-01-01T00:00:00Z');
    });

    test('fails when the token was revoked, while a second token keeps working', async () => {
      const tokens = h.emulator.state.directory.scimTokens;
      const second = tokens.issue();
      const first = [...tokens.tokens.values()].find((t) => t.tokenId !== second.tokenId)!;
      tokens.revoke(first.tokenId);
      expect((await h.call('GET', '/Users')).status).toBe(401);
      expect((await h.call('GET', '/Users', undefined, { token: second.secret })).status).toBe(200);
      tokens.revoke(second.tokenId);
      tokens.restore(first);
    });
  });

  describe('unsupported operations (400)', () => {
    test.each([
      ['POST', '/Bulk'],
      ['GET', '/Me'],
      ['POST', '/Search'],
      ['POST', '/Users/.search'],
      ['GET', '/Whatever'],
    ])('fails on %s %s', async (method, path) => {
      const res = await h.call(method, path, method === 'GET' ? undefined : {});
      expect(res.status).toBe(400);
      expect(res.body.status).toBe('400');
    });
  });

  describe('discovery', () => {
    test('ServiceProviderConfig advertises patch and filter (maxResults 50), no bulk/sort/etag', async () => {
      const res = await h.call('GET', '/ServiceProviderConfig');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 50 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      });
    });

    test('Schemas lists User, Group and EnterpriseUser; userName is caseExact:false, uniqueness server', async () => {
      const res = await h.call('GET', '/Schemas');
      expect(res.body.Resources.map((s: { id: string }) => s.id)).toEqual([
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ]);
      const user = res.body.Resources[0];
      expect(user.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ required: true, caseExact: false, uniqueness: 'server' });
      expect(user.meta.location).toBe('/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    });

    test('GET /Schemas/{urn} returns one schema; an unknown urn is 404', async () => {
      const one = await h.call('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group');
      expect(one.body.id).toBe('urn:ietf:params:scim:schemas:core:2.0:Group');
      expect((await h.call('GET', '/Schemas/urn:nope')).status).toBe(404);
    });

    test('ResourceTypes lists User (enterprise extension required) and Group', async () => {
      const res = await h.call('GET', '/ResourceTypes');
      expect(res.body.Resources).toEqual([
        expect.objectContaining({ id: 'User', endpoint: '/Users', schemaExtensions: [expect.objectContaining({ required: true })] }),
        expect.objectContaining({ id: 'Group', endpoint: '/Groups' }),
      ]);
    });

    test('fails when discovery is called without a token (401)', async () => {
      expect((await h.call('GET', '/ServiceProviderConfig', undefined, { token: null })).status).toBe(401);
    });
  });
});

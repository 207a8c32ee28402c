import { ENTERPRISE_URN, patch, scimHarness, userBody, USER_URN } from './support';

describe('SCIM Users', () => {
  const h = scimHarness();

  test('creates a user (201) with server id, meta and only the attributes given', async () => {
    const res = await h.call('POST', '/Users', userBody('ada', {
      externalId: 'ext-1',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
      addresses: [{ type: 'work' }],
      [ENTERPRISE_URN]: { department: 'R&D', manager: { value: 'boss' } },
      schemas: [USER_URN, ENTERPRISE_URN],
    }));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(res.body.id).toMatch(/^[0-9a-f]{10}-[0-9a-f-]{36}$/);
    expect(res.body).toMatchObject({
      externalId: 'ext-1',
      meta: { resourceType: 'User', created: '2026-01-01T00:00:00Z', lastModified: '2026-01-01T00:00:00Z' },
      schemas: [USER_URN, ENTERPRISE_URN],
      userName: 'ada',
      active: true,
      addresses: [{ type: 'work' }],
      [ENTERPRISE_URN]: { department: 'R&D', manager: { value: 'boss' } },
    });
    expect(res.body).not.toHaveProperty('nickName');
    expect(res.body.meta).not.toHaveProperty('location');
    expect(h.emulator.state.directory.getUser(res.body.id)?.userName).toBe('ada');
  });

  test('GET returns the stored user; an unknown id is a 404 ResourceNotFound', async () => {
    const u = await h.createUser('grace');
    expect((await h.call('GET', `/Users/${u.id}`)).body).toEqual(u);
    const missing = await h.call('GET', '/Users/0000000000-00000000-0000-0000-0000-000000000999');
    expect(missing.status).toBe(404);
    expect(missing.body.status).toBe('404');
  });

  test('does not echo profileUrl (as AWS documents) unless configured', async () => {
    const u = await h.createUser('pat', { profileUrl: 'https://example.com/pat' });
    expect(u).not.toHaveProperty('profileUrl');
    expect(h.emulator.state.directory.getUser(u.id)?.profileUrl).toBe('https://example.com/pat');
  });

  test('PUT replaces the whole user (201 as in the docs) and keeps created', async () => {
    const u = await h.createUser('lin', { title: 'Engineer' });
    h.clock.advance(5000);
    const res = await h.call('PUT', `/Users/${u.id}`, userBody('lin2', { id: u.id, displayName: 'Lin Two' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ userName: 'lin2', displayName: 'Lin Two', meta: { created: u.meta.created, lastModified: '2026-01-01T00:00:05Z' } });
    expect(res.body).not.toHaveProperty('title');
  });

  test('fails when PUT names a different id in the body', async () => {
    const u = await h.createUser('mo');
    const res = await h.call('PUT', `/Users/${u.id}`, userBody('mo', { id: 'someone-else' }));
    expect(res.status).toBe(400);
  });

  test('DELETE answers 204, removes memberships, and a second DELETE is 404', async () => {
    const u = await h.createUser('del');
    const g = await h.createGroup('G', { members: [{ value: u.id }] });
    const res = await h.call('DELETE', `/Users/${u.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(h.emulator.state.directory.isMember(g.id, u.id)).toBe(false);
    expect((await h.call('DELETE', `/Users/${u.id}`)).status).toBe(404);
  });

  test('a recreated user gets a new id', async () => {
    const first = await h.createUser('again');
    await h.call('DELETE', `/Users/${first.id}`);
    const second = await h.createUser('again');
    expect(second.id).not.toBe(first.id);
  });

  describe('validation', () => {
    test.each([
      ['userName missing', { userName: undefined }, /Value at 'userName' failed to satisfy constraint: Member must not be null/],
      ['givenName missing', { name: { familyName: 'L' } }, /Value at 'name.givenName'/],
      ['familyName missing', { name: { givenName: 'A' } }, /Value at 'name.familyName'/],
      ['name missing', { name: undefined }, /2 validation errors detected/],
      ['displayName missing', { displayName: undefined }, /Value at 'displayName'/],
      ['givenName empty', { name: { givenName: '', familyName: 'L' } }, /2 validation errors detected: .*regular expression pattern.*; .*length greater than or equal to 1/],
      ['userName with a space', { userName: 'ada lovelace' }, /Value at 'userName'.*regular expression/],
      ['userName too long', { userName: 'a'.repeat(129) }, /less than or equal to 128/],
      ['zero-width space in a name', { displayName: 'Ada\u200bL' }, /Value at 'displayName'/],
      ['reserved userName', { userName: 'Administrator' }, /reserved/],
      ['reserved userName, other case', { userName: 'awsadministrators' }, /reserved/],
      ['two emails', { emails: [{ value: 'a@x.io', primary: true }, { value: 'b@x.io' }] }, /List attribute emails exceeds allowed limit of 1/],
      ['two phone numbers', { phoneNumbers: [{ value: '1' }, { value: '2' }] }, /phoneNumbers exceeds allowed limit of 1/],
      ['two addresses', { addresses: [{ type: 'work' }, { type: 'home' }] }, /addresses exceeds allowed limit of 1/],
      ['email not primary', { emails: [{ value: 'a@x.io', type: 'work' }] }, /must be marked as primary/],
      ['email display', { emails: [{ value: 'a@x.io', primary: true, display: 'A' }] }, /emails.display is not supported/],
      ['role display', { roles: [{ value: 'r', display: 'R' }] }, /roles.display is not supported/],
      ['manager displayName', { [ENTERPRISE_URN]: { manager: { value: 'm', displayName: 'M' } }, schemas: [USER_URN, ENTERPRISE_URN] }, /manager.displayName is not supported/],
      ['password', { password: 'hunter2' }, /password is not supported/],
      ['groups on create', { groups: [{ value: 'g' }] }, /groups field cannot be specified/],
      ['photos', { photos: [] }, /photos is not supported/],
      ['x509Certificates', { x509Certificates: [] }, /x509Certificates is not supported/],
      ['unknown attribute', { shoeSize: '42' }, /shoeSize is not supported/],
      ['unknown name part', { name: { givenName: 'A', familyName: 'L', nick: 'x' } }, /name.nick is not supported/],
      ['active as a string', { active: 'true' }, /Value at 'active'/],
      ['schemas missing the User URN', { schemas: [] }, /schemas must include/],
      ['unknown extension schema', { schemas: [USER_URN, 'urn:example:ext'] }, /not supported/],
    ])('fails when %s (400)', async (_label, extra, detail) => {
      const body = userBody('val', extra);
      for (const [k, v] of Object.entries(extra)) if (v === undefined) delete body[k];
      const res = await h.call('POST', '/Users', body);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(detail);
      expect(h.emulator.state.directory.users.size).toBe(0);
    });

    test.each([
      ['an address with only type (ssosync)', { addresses: [{ type: 'work' }] }],
      ['a single primary email', { emails: [{ value: 'a@x.io', type: 'work', primary: true }] }],
      ['all simple attributes', { nickName: 'A', title: 'T', userType: 'E', preferredLanguage: 'en', locale: 'en-US', timezone: 'UTC', active: false }],
      ['a role', { roles: [{ value: 'admin', type: 'work', primary: true }] }],
      ['unicode names', { displayName: 'Zoë Ångström', name: { givenName: 'Zoë', familyName: 'Ångström' } }],
      ['null optional attributes', { nickName: null }],
    ])('accepts %s', async (_label, extra) => {
      const res = await h.call('POST', '/Users', userBody('ok', extra));
      expect(res.status).toBe(201);
    });

    test('fails when the body is not JSON', async () => {
      const res = await h.call('POST', '/Users', undefined, { raw: '{nope' });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe('Request is unparsable, syntactically incorrect, or violates schema.');
    });
  });

  describe('uniqueness (409)', () => {
    test.each([
      ['userName', userBody('dup'), userBody('dup')],
      ['userName differing only in case', userBody('dup'), userBody('DUP')],
      ['primary email', userBody('a', { emails: [{ value: 'same@x.io', primary: true }] }), userBody('b', { emails: [{ value: 'SAME@x.io', primary: true }] })],
      ['externalId', userBody('a', { externalId: 'e1' }), userBody('b', { externalId: 'e1' })],
    ])('fails when %s is taken', async (_label, first, second) => {
      expect((await h.call('POST', '/Users', first)).status).toBe(201);
      const res = await h.call('POST', '/Users', second);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ status: '409', detail: 'Refused to create a new, duplicate resource.' });
      expect(h.emulator.state.directory.users.size).toBe(1);
    });

    test('fails when PUT renames onto an existing userName', async () => {
      await h.createUser('taken');
      const u = await h.createUser('free');
      const res = await h.call('PUT', `/Users/${u.id}`, userBody('taken'));
      expect(res.status).toBe(409);
      expect(h.emulator.state.directory.getUser(u.id)?.userName).toBe('free');
    });
  });

  describe('PATCH', () => {
    test('replaces, adds and removes attributes and returns the full user (200)', async () => {
      const u = await h.createUser('pp', { title: 'Old', emails: [{ value: 'pp@x.io', type: 'work', primary: true }] });
      const res = await h.call('PATCH', `/Users/${u.id}`, patch(
        { op: 'replace', path: 'displayName', value: 'New Name' },
        { op: 'Add', path: 'nickName', value: 'Nick' },
        { op: 'remove', path: 'title' },
        { op: 'replace', path: 'name.givenName', value: 'Pat' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'pat@x.io' },
        { op: 'add', path: `${ENTERPRISE_URN}:department`, value: 'Ops' },
      ));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        displayName: 'New Name',
        nickName: 'Nick',
        name: { givenName: 'Pat', familyName: 'Lovelace' },
        emails: [{ value: 'pat@x.io', type: 'work', primary: true }],
        [ENTERPRISE_URN]: { department: 'Ops' },
      });
      expect(res.body.schemas).toContain(ENTERPRISE_URN);
      expect(res.body).not.toHaveProperty('title');
    });

    test.each([
      ['a string "false"', 'false', false],
      ['Entra\'s "False"', 'False', false],
      ['a boolean', true, true],
    ])('sets active from %s', async (_label, value, expected) => {
      const u = await h.createUser('act');
      const res = await h.call('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'active', value }));
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(expected);
    });

    test('accepts a path-less replace of a single attribute', async () => {
      const u = await h.createUser('np');
      const res = await h.call('PATCH', `/Users/${u.id}`, patch({ op: 'replace', value: { active: false } }));
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
    });

    test.each([
      ['remove without path', [{ op: 'remove' }], /omitting "path"/],
      ['path-less replace of two attributes', [{ op: 'replace', value: { displayName: 'x', title: 'y' } }], /omitting "path"/],
      ['remove userName', [{ op: 'remove', path: 'userName' }], /cannot be removed/],
      ['remove active', [{ op: 'remove', path: 'active' }], /cannot be removed/],
      ['two operations on userName', [{ op: 'replace', path: 'userName', value: 'a' }, { op: 'replace', path: 'userName', value: 'b' }], /Multiple PATCH operations on userName/],
      ['two operations on active', [{ op: 'replace', path: 'active', value: true }, { op: 'replace', path: 'active', value: false }], /Multiple PATCH operations on active/],
      ['an unknown op', [{ op: 'move', path: 'title', value: 'x' }], /Unsupported PATCH op/],
      ['a missing value', [{ op: 'replace', path: 'title' }], /value is required/],
      ['an unpatchable attribute', [{ op: 'replace', path: 'roles', value: [] }], /cannot be changed with PATCH/],
      ['a value filter other than eq', [{ op: 'replace', path: 'emails[type co "w"].value', value: 'x' }], /only eq/],
      ['a second email', [{ op: 'add', path: 'emails', value: [{ value: 'two@x.io' }] }], /exceeds allowed limit of 1/],
      ['removing a required attribute', [{ op: 'remove', path: 'displayName' }], /Value at 'displayName'/],
      ['a reserved userName', [{ op: 'replace', path: 'userName', value: 'Administrator' }], /reserved/],
    ])('fails when %s (400) and changes nothing', async (_label, ops, detail) => {
      const u = await h.createUser('bad', { title: 'Keep', emails: [{ value: 'bad@x.io', primary: true }] });
      const res = await h.call('PATCH', `/Users/${u.id}`, patch(...ops));
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(detail);
      expect((await h.call('GET', `/Users/${u.id}`)).body).toEqual(u);
    });

    test('fails when PATCH renames onto a taken userName (409)', async () => {
      await h.createUser('owner');
      const u = await h.createUser('other');
      const res = await h.call('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'userName', value: 'OWNER' }));
      expect(res.status).toBe(409);
    });

    test('fails when the PatchOp schema is missing', async () => {
      const u = await h.createUser('nos');
      const res = await h.call('PATCH', `/Users/${u.id}`, { Operations: [{ op: 'replace', path: 'title', value: 'x' }] });
      expect(res.status).toBe(400);
    });
  });
});

import { GroupCreatePartiallyAppliedError, ScimClient } from '../../src/scim/client';
import {
  ScimAbortedError,
  ScimConflictError,
  ScimNotFoundError,
  ScimServerError,
  ScimThrottledError,
  ScimTransportError,
  ScimUnauthorizedError,
  ScimValidationError,
} from '../../src/scim/errors';
import { InvalidScimConfigError, type ScimRequestEvent } from '../../src/scim/transport';
import { fakeClock, startScriptedServer, type ScriptedServer } from './support/scripted-server';

const TOKEN = 'tok_' + 'Zx9'.repeat(40);
const awsError = (status: number, detail: string) => ({
  schema: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  detail,
  status: String(status),
  exceptionRequestId: 'req-1',
});
const user = { id: 'u-1', userName: 'ana@example.com', displayName: 'Ana', name: { givenName: 'Ana', familyName: 'Lee' }, active: true };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.fallback = { status: 500, body: awsError(500, 'script exhausted') };
});

function client(extra: Partial<ConstructorParameters<typeof ScimClient>[0]> = {}) {
  const clock = fakeClock();
  const events: ScimRequestEvent[] = [];
  const c = new ScimClient({ endpoint: server.url, token: TOKEN, clock, random: () => 0.5, rateLimits: false, onRequest: (e) => events.push(e), ...extra });
  return { c, clock, events };
}

describe('ScimTransport', () => {
  test('sends the bearer token, SCIM content type and a JSON body; reports each attempt', async () => {
    server.script({ status: 201, body: user });
    const { c, events } = client();
    const created = await c.createUser({ userName: 'ana@example.com', displayName: 'Ana', name: { givenName: 'Ana', familyName: 'Lee' } });
    expect(created.id).toBe('u-1');
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/tenant/scim/v2/Users');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['content-type']).toBe('application/scim+json');
    expect(JSON.parse(req.body)).toMatchObject({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ana@example.com', active: true });
    expect(events).toEqual([expect.objectContaining({ api: 'CreateUser', method: 'POST', path: '/Users', attempt: 1, status: 201 })]);
  });

  test('retries 429 honouring Retry-After, then 503 with backoff, then succeeds', async () => {
    server.script({ status: 429, body: awsError(429, 'Rate exceeded'), headers: { 'retry-after': '3' } }, { status: 503, body: awsError(503, 'busy') }, { status: 200, body: user });
    const { c, clock, events } = client();
    expect((await c.getUser('u-1')).userName).toBe('ana@example.com');
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps[0]).toBe(3000);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(events.map((e) => e.status)).toEqual([429, 503, 200]);
  });

  test('a 429 slows that API down (client limiter at AWS rate, cut by 30 %) and leaves other APIs at full rate', async () => {
    server.script({ status: 429, body: awsError(429, 'Rate exceeded') }, { status: 200, body: user });
    const { c } = client({ rateLimits: { readsPerSecond: 40, writesPerSecond: 25 } });
    await c.getUser('u-1');
    expect(c.transport.currentRateLimit('GetUser', 'read')).toBe(28);
    expect(c.transport.currentRateLimit('ListUsers', 'read')).toBe(40);
    expect(c.transport.writesSent).toBe(0);
  });

  test('retries a connection reset', async () => {
    server.script('reset', { status: 200, body: user });
    const { c, events } = client();
    await expect(c.getUser('u-1')).resolves.toMatchObject({ id: 'u-1' });
    expect(events[0].errorCode).toBeDefined();
    expect(events[1].status).toBe(200);
  });

  test('fails when 429s outlast the retry bound, with a typed error that counts attempts', async () => {
    server.fallback = { status: 429, body: awsError(429, 'Rate exceeded') };
    const { c } = client({ retry: { maxRetries: 3 } });
    const err = await c.getUser('u-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScimThrottledError);
    expect(err).toMatchObject({ status: 429, attempts: 4, detail: 'Rate exceeded', awsRequestId: 'req-1' });
    expect(server.requests).toHaveLength(4);
  });

  test('fails when 503s outlast the retry bound, saying it gave up after N attempts over S s', async () => {
    server.fallback = { status: 503, body: awsError(503, 'busy') };
    const { c, clock } = client({ retry: { maxRetries: 3 } });
    const err = (await c.getUser('u-1').catch((e: unknown) => e)) as ScimServerError;
    expect(err).toBeInstanceOf(ScimServerError);
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(err).toMatchObject({ attempts: 4, elapsedMs: waited });
    expect(err.message).toContain(`gave up after 4 attempts over ${(waited / 1000).toFixed(1)} s`);
  });

  test('fails when resets outlast the retry bound, saying it gave up after N attempts over S s', async () => {
    server.fallback = 'reset';
    const { c } = client({ retry: { maxRetries: 2 } });
    const err = (await c.getUser('u-1').catch((e: unknown) => e)) as ScimTransportError;
    expect(err).toMatchObject({ attempts: 3 });
    expect(err.message).toMatch(/gave up after 3 attempts over \d+\.\d s/);
  });

  test('fails when AWS answers 404 on an endpoint without /scim/v2, with the endpoint-path hint', async () => {
    server.fallback = { status: 404, body: awsError(404, 'Not found') };
    const { c } = client({ endpoint: server.url.replace(/\/scim\/v2$/, '') });
    const err = (await c.listUsers().next().catch((e: unknown) => e)) as ScimNotFoundError;
    expect(err).toBeInstanceOf(ScimNotFoundError);
    expect(err.hint).toContain('does not end in /scim/v2');
    expect(err.message).toContain('does not end in /scim/v2');
  });

  test('fails when resets outlast the retry bound', async () => {
    server.fallback = 'reset';
    const { c } = client({ retry: { maxRetries: 2 } });
    await expect(c.getUser('u-1')).rejects.toBeInstanceOf(ScimTransportError);
    expect(server.requests).toHaveLength(3);
  });

  test.each([
    [400, ScimValidationError, 'ValidationException'],
    [401, ScimUnauthorizedError, 'UnauthorizedException'],
    [404, ScimNotFoundError, 'ResourceNotFoundException'],
    [409, ScimConflictError, 'ConflictException'],
    [500, ScimServerError, 'InternalServerException'],
  ])('fails when AWS answers %i, as %p without retrying client errors', async (status, type, exception) => {
    server.fallback = { status, body: awsError(status, 'the detail') };
    const { c } = client({ retry: { maxRetries: 1 } });
    const err = await c.getUser('u-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect(err).toMatchObject({ status, exception, detail: 'the detail' });
    expect(server.requests).toHaveLength(status >= 500 ? 2 : 1);
  });

  test('the token never appears in an error, even when the server echoes it', async () => {
    server.fallback = { status: 401, body: awsError(401, `bad token ${TOKEN} (Authorization: Bearer ${TOKEN})`) };
    const { c, events } = client();
    const err = (await c.getUser('u-1').catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ScimUnauthorizedError);
    const everything = [err.message, String(err.stack), JSON.stringify(err), JSON.stringify(events), require('node:util').inspect(c, { depth: 10 })].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(err.message).toContain('[redacted]');
  });

  test('fails when the body of a success is not JSON, naming the likely cause', async () => {
    server.script({ status: 200, body: '<html>login</html>' });
    const { c } = client();
    await expect(c.getUser('u-1')).rejects.toThrow('check that scim_endpoint ends in /scim/v2');
  });

  test('a 409 after an ambiguous 500 on create returns the user our first attempt created', async () => {
    server.script({ status: 500, body: awsError(500, 'oops') }, { status: 409, body: awsError(409, 'Refused to create a new, duplicate resource.') }, { status: 200, body: { Resources: [user], itemsPerPage: 1 } });
    const { c } = client();
    const created = await c.createUser({ userName: 'ana@example.com', displayName: 'Ana', name: { givenName: 'Ana', familyName: 'Lee' } });
    expect(created.id).toBe('u-1');
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET']);
  });

  test('fails when a 409 after an ambiguous 500 finds a same-named user our attempt did not create', async () => {
    // Someone else's user holds the name: a different display name and email prove it is not ours.
    const theirs = { ...user, displayName: 'Ana (contractor)', emails: [{ value: 'ana.lee@partner.example', primary: true }] };
    server.script({ status: 500, body: awsError(500, 'oops') }, { status: 409, body: awsError(409, 'Refused to create a new, duplicate resource.') }, { status: 200, body: { Resources: [theirs], itemsPerPage: 1 } });
    const { c } = client();
    const input = { userName: 'ana@example.com', displayName: 'Ana', name: { givenName: 'Ana', familyName: 'Lee' }, emails: [{ value: 'ana@example.com', type: 'work', primary: true }] };
    await expect(c.createUser(input)).rejects.toBeInstanceOf(ScimConflictError);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET']);
  });

  test('fails with the group id when the member top-up after an ambiguous create fails, so the group is not orphaned', async () => {
    const group = { id: 'g-1', displayName: 'Engineering', externalId: 'idm-eng', members: [] };
    server.script(
      { status: 500, body: awsError(500, 'oops') },
      { status: 409, body: awsError(409, 'Refused to create a new, duplicate resource.') },
      { status: 200, body: { Resources: [group], itemsPerPage: 1 } },
      { status: 400, body: awsError(400, 'Request is unparsable, syntactically incorrect, or violates schema.') },
    );
    const { c } = client();
    const err = (await c.createGroup({ displayName: 'Engineering', externalId: 'idm-eng', members: ['u-1'] }).catch((e: unknown) => e)) as GroupCreatePartiallyAppliedError;
    expect(err).toBeInstanceOf(GroupCreatePartiallyAppliedError);
    expect(err.groupId).toBe('g-1');
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET', 'PATCH']);
  });

  test.each([
    ['neither has an externalId (two missing markers are no match)', undefined, undefined],
    ['ours has none', undefined, 'idm-theirs'],
    ['theirs has another', 'idm-ours', 'idm-theirs'],
  ])('fails when a 409 after a stalled 503 finds a same-named group someone else created and %s: it is not taken over', async (_name, ours, theirs) => {
    const group = { id: 'g-theirs', displayName: 'Engineering', ...(theirs && { externalId: theirs }), members: [] };
    server.script(
      { status: 503, body: awsError(503, 'stalled') },
      { status: 409, body: awsError(409, 'Refused to create a new, duplicate resource.') },
      { status: 200, body: { Resources: [group], itemsPerPage: 1 } },
    );
    const { c } = client();
    const err = await c.createGroup({ displayName: 'Engineering', ...(ours && { externalId: ours }), members: ['u-1'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScimConflictError);
    // No PATCH: the other group's members were not touched.
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET']);
  });

  test('fails promptly when the caller aborts during a retry wait (StopProvider), without another attempt', async () => {
    server.fallback = { status: 429, body: awsError(429, 'Rate exceeded'), headers: { 'retry-after': '20' } };
    const abort = new AbortController();
    let waiting!: () => void;
    const asleep = new Promise<void>((resolve) => (waiting = resolve));
    // A clock whose waits never end by themselves: only the abort can end this one.
    const clock = { now: () => 0, sleep: () => (waiting(), new Promise<void>(() => undefined)) };
    const c = new ScimClient({ endpoint: server.url, token: TOKEN, clock, rateLimits: false, signal: abort.signal });
    const result = c.getUser('u-1').catch((e: unknown) => e);
    await asleep;
    abort.abort(new Error('Terraform asked the provider to stop (StopProvider)'));
    const err = (await result) as Error;
    expect(err).toBeInstanceOf(ScimAbortedError);
    expect(err.message).toContain('Terraform asked the provider to stop');
    expect(server.requests).toHaveLength(1);
  });

  test('fails when a create hits 409 with no earlier ambiguous attempt (a real duplicate)', async () => {
    server.script({ status: 409, body: awsError(409, 'Refused to create a new, duplicate resource.') });
    const { c } = client();
    await expect(c.createUser({ userName: 'ana@example.com', displayName: 'Ana', name: { givenName: 'Ana', familyName: 'Lee' } })).rejects.toBeInstanceOf(ScimConflictError);
    expect(server.requests).toHaveLength(1);
  });

  test('cursor paging starts with a bare cursor and follows nextCursor with the same filter', async () => {
    server.script({ status: 200, body: { Resources: [{ id: 'g1', displayName: 'A' }], nextCursor: 'c2' } }, { status: 200, body: { Resources: [{ id: 'g2', displayName: 'B' }] } });
    const { c } = client();
    expect(await c.groupsOfUser('u-1')).toEqual(['g1', 'g2']);
    const filter = encodeURIComponent('members.value eq "u-1"');
    expect(server.requests.map((r) => r.url)).toEqual([
      `/tenant/scim/v2/Groups?cursor&count=100&filter=${filter}`,
      `/tenant/scim/v2/Groups?cursor=c2&count=100&filter=${filter}`,
    ]);
  });

  test('fails when a server repeats a cursor instead of looping forever', async () => {
    server.script({ status: 200, body: { Resources: [], nextCursor: 'same' } }, { status: 200, body: { Resources: [], nextCursor: 'same' } });
    const { c } = client();
    await expect(c.findGroupByDisplayName('x')).rejects.toThrow('same cursor twice');
  });

  test('delete answers false on 404 and true on 204', async () => {
    server.script({ status: 404, body: awsError(404, 'nope') }, { status: 204 });
    const { c } = client();
    expect(await c.deleteGroup('g1')).toBe(false);
    expect(await c.deleteGroup('g1')).toBe(true);
  });

  test('a group with 150 members is created with 100 and topped up by one PATCH', async () => {
    server.script({ status: 201, body: { id: 'g1', displayName: 'Big' } }, { status: 204 });
    const { c } = client();
    const members = Array.from({ length: 150 }, (_, i) => `u${i}`);
    await c.createGroup({ displayName: 'Big', members });
    const [post, patch] = server.requests;
    expect(JSON.parse(post.body).members).toHaveLength(100);
    const ops = JSON.parse(patch.body).Operations;
    expect(ops).toEqual([{ op: 'add', path: 'members', value: members.slice(100).map((value) => ({ value })) }]);
  });

  test('fails cleanly when a member top-up fails: the new group is deleted again', async () => {
    server.script({ status: 201, body: { id: 'g1', displayName: 'Big' } }, { status: 400, body: awsError(400, 'bad member') }, { status: 204 });
    const { c } = client();
    const members = Array.from({ length: 101 }, (_, i) => `u${i}`);
    await expect(c.createGroup({ displayName: 'Big', members })).rejects.toBeInstanceOf(ScimValidationError);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'DELETE']);
  });

  test.each([
    ['not a URL', 'scim', 'scim_endpoint', 'is not a URL'],
    ['plain http off loopback', 'http://scim.us-east-1.amazonaws.com/t/scim/v2', 'scim_endpoint', 'must use https'],
    ['credentials in the URL', 'https://u:p@scim.us-east-1.amazonaws.com/t/scim/v2', 'scim_endpoint', 'must not carry credentials'],
  ])('fails when the endpoint is %s', (_n, endpoint, attribute, message) => {
    const make = () => new ScimClient({ endpoint, token: TOKEN });
    expect(make).toThrow(InvalidScimConfigError);
    expect(make).toThrow(message);
    try {
      make();
    } catch (e) {
      expect((e as InvalidScimConfigError).attribute).toBe(attribute);
    }
  });

  test.each([
    ['empty', ''],
    ['with a line break', 'abc\ndef'],
  ])('fails when the token is %s', (_n, token) => {
    expect(() => new ScimClient({ endpoint: server.url, token })).toThrow(InvalidScimConfigError);
  });

  test('an https endpoint and a loopback http endpoint are accepted; the trailing slash is dropped', () => {
    expect(new ScimClient({ endpoint: 'https://scim.us-east-1.amazonaws.com/t/scim/v2/', token: TOKEN }).endpoint).toBe('https://scim.us-east-1.amazonaws.com/t/scim/v2');
    expect(new ScimClient({ endpoint: server.url, token: TOKEN }).endpoint).toBe(server.url);
  });
});

import { UNKNOWN, Unknown, type ObjectValue } from '../../../src/provider/codec/values';
import { type Remote, testDataSource, testResource } from './test-resource';
import { FakeCore } from '../../support/fake-core';

const T = 'idemeum_test_group';
const SCIM = { scim_endpoint: 'https://scim.us-east-1.amazonaws.com/t1/scim/v2', scim_token: 'tok-very-secret-42' };

describe('tfplugin6 provider over the fake core (in-process, mTLS)', () => {
  let remote: Remote;
  let core: FakeCore;

  beforeEach(async () => {
    remote = { objects: new Map(), seq: 0 };
    core = await FakeCore.inProcess({ resources: [testResource(remote)], dataSources: [testDataSource] });
  });
  afterEach(async () => {
    await core.shutdown();
  });

  test('GetProviderSchema: provider block, sensitive token, resource and data source, capabilities', async () => {
    const s = await core.schema();
    const attrs = Object.fromEntries(s.provider.block.attributes.map((a: { name: string }) => [a.name, a]));
    expect(Object.keys(attrs).sort()).toEqual(['max_retries', 'request_timeout', 'scim_endpoint', 'scim_reads_per_second', 'scim_token', 'scim_writes_per_second']);
    expect(attrs.scim_token).toMatchObject({ sensitive: true, optional: true });
    expect(attrs.max_retries.type.toString()).toBe('"number"');
    expect(s.resource_schemas[T].version).toBe(1);
    const nested = s.resource_schemas[T].block.attributes.find((a: { name: string }) => a.name === 'settings');
    expect(nested.nested_type.nesting).toBe('SINGLE');
    expect(Object.keys(s.data_source_schemas)).toEqual(['idemeum_test_lookup']);
    expect(s.server_capabilities).toMatchObject({ plan_destroy: true, get_provider_schema_optional: true });
    expect(await core.rpc('GetFunctions')).toMatchObject({ functions: {} });
  });

  test('validate accepts unknown values and reports problems with attribute paths', async () => {
    expect(await core.validate(T, { name: UNKNOWN, members: ['a', UNKNOWN] })).toEqual([]);
    expect(await core.validate(T, { name: ' ' })).toEqual([
      { severity: 'error', summary: 'Invalid name', detail: 'name must not be empty; set it to the group name shown in AWS', path: ['name'] },
    ]);
  });

  test('fails when the resource type is unknown, naming the ones that exist', async () => {
    const res = await core.rpc('ValidateResourceConfig', { type_name: 'idemeum_nope', config: { msgpack: Buffer.from('c0', 'hex') } });
    expect(res.diagnostics[0].detail).toContain('has no resource type "idemeum_nope" (it has: idemeum_test_group)');
  });

  test('create: plan marks computed values unknown, apply fills them, private state flows', async () => {
    await core.configure(SCIM);
    const plan = await core.plan(T, { prior: null, config: { name: 'eng', members: ['u1', 'u2'] } });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned!.id).toBeInstanceOf(Unknown);
    expect(plan.planned!.kind).toBe('static');
    expect(plan.planned!.member_count).toBeInstanceOf(Unknown);
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config: { name: 'eng', members: ['u1', 'u2'] } });
    expect(applied.diagnostics).toEqual([]);
    expect(applied.state).toMatchObject({ id: 'g-1', name: 'eng', kind: 'static', member_count: 2, settings: null, labels: null });
    expect(JSON.parse(applied.private.toString())).toEqual({ created: 'g-1' });
    const read = await core.read(T, applied.state!, applied.private);
    expect(read.private.toString()).toBe(applied.private.toString());
    expect(read.state).toEqual(applied.state);
  });

  test('update in place: unknownOnUpdate attributes unknown at plan, prior id kept', async () => {
    await core.configure(SCIM);
    const created = await core.create(T, { name: 'eng', members: ['u1'] });
    const updated = await core.update(T, created.state, { name: 'eng', members: ['u1', 'u2'] }, created.private);
    expect(updated.planned.id).toBe(created.state.id);
    expect(updated.planned.updated_at).toBeInstanceOf(Unknown);
    expect(updated.state).toMatchObject({ id: created.state.id, member_count: 2 });
    expect(updated.state.updated_at).not.toBe(created.state.updated_at);
  });

  test('no change: the plan equals the prior state', async () => {
    await core.configure(SCIM);
    const created = await core.create(T, { name: 'eng' });
    const plan = await core.plan(T, { prior: created.state, config: { name: 'eng' } });
    expect(plan.planned).toEqual(created.state);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('changing a requiresReplace attribute reports the replace path', async () => {
    await core.configure(SCIM);
    const created = await core.create(T, { name: 'eng' });
    const plan = await core.plan(T, { prior: created.state, config: { name: 'eng', kind: 'dynamic' } });
    expect(plan.requiresReplace).toEqual([['kind']]);
    expect(plan.planned!.id).toBeInstanceOf(Unknown);
  });

  test('fails when apply does not honour the plan ("inconsistent result")', async () => {
    await core.configure(SCIM);
    remote.misbehave = true;
    const plan = await core.plan(T, { prior: null, config: { name: 'eng' } });
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config: { name: 'eng' } });
    expect(applied.diagnostics).toHaveLength(1);
    expect(applied.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'Provider produced inconsistent result after apply', path: ['name'] });
    // The object exists remotely, so its state is returned for Terraform to keep (tainted).
    expect(applied.state).toMatchObject({ name: 'renamed-by-server' });
  });

  test('fails when create breaks after creating the object: new_state is the partial state AND the error', async () => {
    await core.configure(SCIM);
    remote.failAfterCreate = 'partial';
    const plan = await core.plan(T, { prior: null, config: { name: 'eng', members: ['u1'] } });
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config: { name: 'eng', members: ['u1'] } });
    // Only the resource's own error: the partial state is not checked against the plan.
    expect(applied.diagnostics).toEqual([
      { severity: 'error', summary: 'Creating test group: members could not be added', detail: 'group g-1 exists; the next apply replaces it', path: ['members'] },
    ]);
    // Wholly known (unknowns became null, a map with an unknown element too) and schema-shaped.
    expect(applied.state).toEqual({ id: 'g-1', name: 'half-done', kind: null, members: null, member_count: null, updated_at: null, secret: null, labels: null, settings: null });
    expect(applied.private.toString()).toBe('partial');
    expect(remote.objects.has('g-1')).toBe(true);
  });

  test('fails when a partial state does not fit the schema: null state, the error and the bug are reported', async () => {
    await core.configure(SCIM);
    remote.failAfterCreate = 'broken';
    const plan = await core.plan(T, { prior: null, config: { name: 'eng' } });
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config: { name: 'eng' } });
    expect(applied.state).toBeNull();
    expect(applied.diagnostics.map((d) => d.summary).sort()).toEqual(['Creating test group: members could not be added', 'Provider returned invalid result object']);
  });

  test('fails when update breaks halfway: the partial state replaces the prior one', async () => {
    await core.configure(SCIM);
    const created = await core.create(T, { name: 'eng', members: ['u1'] });
    const plan = await core.plan(T, { prior: created.state, config: { name: 'half-update', members: ['u1', 'u2'] } });
    const applied = await core.apply(T, { prior: created.state, planned: plan.planned, config: { name: 'half-update', members: ['u1', 'u2'] }, plannedPrivate: created.private });
    expect(applied.diagnostics).toEqual([{ severity: 'error', summary: 'Updating test group: members could not be changed' }]);
    expect(applied.state).toEqual({ ...created.state, name: 'half-update', updated_at: remote.objects.get(created.state.id as string)!.updated_at });
    expect(applied.private.toString()).toBe(created.private.toString());
  });

  test('fails when SCIM is not configured, saying which setting is missing and how to set it', async () => {
    await core.configure({});
    await expect(core.create(T, { name: 'eng' })).rejects.toThrow(
      'scim_endpoint is not set: set scim_endpoint in the provider "idemeum" block or the IDEMEUM_SCIM_ENDPOINT environment variable',
    );
  });

  test('a failed update keeps the prior state and never shows the token', async () => {
    await core.configure(SCIM);
    const created = await core.create(T, { name: 'eng' });
    const plan = await core.plan(T, { prior: created.state, config: { name: 'fail' } });
    const applied = await core.apply(T, { prior: created.state, planned: plan.planned, config: { name: 'fail' } });
    expect(applied.state).toEqual(created.state);
    expect(applied.diagnostics[0].summary).toBe('Error applying idemeum_test_group');
    expect(applied.diagnostics[0].detail).toContain('Bearer [REDACTED]');
    expect(applied.diagnostics[0].detail).not.toContain('abcdefghijklmnop');
    expect(core.logs.join('')).not.toContain('abcdefghijklmnop');
    expect(core.logs.join('')).not.toContain(SCIM.scim_token);
  });

  test('read returns null when the remote object is gone; destroy returns null', async () => {
    await core.configure(SCIM);
    const created = await core.create(T, { name: 'eng' });
    await core.destroy(T, created.state);
    expect(remote.objects.size).toBe(0);
    expect((await core.read(T, created.state)).state).toBeNull();
  });

  test('UpgradeResourceState: same version fills new attributes with null; v0 is upgraded', async () => {
    const same = await core.upgrade(T, { id: 'g-9', name: 'eng', kind: 'static', removed_attr: 1 }, 1);
    expect(same.diagnostics).toEqual([]);
    expect(same.state).toMatchObject({ id: 'g-9', name: 'eng', members: null, settings: null });
    const old = await core.upgrade(T, { id: 'g-9', display_name: 'legacy' }, 0);
    expect(old.state).toMatchObject({ id: 'g-9', name: 'legacy' });
  });

  test('fails when state comes from a newer schema version', async () => {
    const res = await core.upgrade(T, { id: 'g-9' }, 7);
    expect(res.diagnostics[0]).toMatchObject({ summary: 'State written by a newer provider' });
  });

  test('import then read yields the full object', async () => {
    await core.configure(SCIM);
    const created = await core.create(T, { name: 'eng', labels: { team: 'a' } });
    const imported = await core.importState(T, created.state.id as string);
    expect(imported.imported).toHaveLength(1);
    expect(imported.imported[0].typeName).toBe(T);
    expect(imported.imported[0].state).toMatchObject({ id: created.state.id, name: null });
    expect((await core.read(T, imported.imported[0].state)).state).toEqual(created.state);
    const missing = await core.importState(T, 'g-404');
    expect(missing.diagnostics[0]).toMatchObject({ summary: 'Cannot import', detail: 'no group with id g-404 exists' });
  });

  test('data source read returns config plus computed values', async () => {
    const res = await core.readData('idemeum_test_lookup', { name: 'ops' });
    expect(res.state).toEqual({ name: 'ops', id: 'id-of-ops' });
  });

  test.each<[string, ObjectValue, string | null]>([
    ['https endpoint', { scim_endpoint: 'https://scim.eu-west-1.amazonaws.com/x/scim/v2' }, null],
    ['loopback http endpoint for the emulator', { scim_endpoint: 'http://127.0.0.1:4000/scim/v2' }, null],
    ['fails when the endpoint is plain http elsewhere', { scim_endpoint: 'http://scim.example.com/scim/v2' }, 'scim_endpoint'],
    ['fails when the endpoint is not a URL', { scim_endpoint: 'scim' }, 'scim_endpoint'],
    ['duration', { request_timeout: '1m30s' }, null],
    ['fails when the timeout is not a duration', { request_timeout: '30 seconds' }, 'request_timeout'],
    ['retries', { max_retries: 0 }, null],
    ['fails when retries is negative', { max_retries: -1 }, 'max_retries'],
    ['unknown values are checked later', { scim_endpoint: UNKNOWN, max_retries: UNKNOWN }, null],
  ])('ValidateProviderConfig: %s', async (_name, config, badPath) => {
    const diags = await core.validateProvider(config);
    if (badPath) expect(diags.map((d) => d.path)).toEqual([[badPath]]);
    else expect(diags).toEqual([]);
  });

  test('MoveResourceState is refused with an explanation', async () => {
    const res = await core.rpc('MoveResourceState', { source_type_name: 'other_thing', target_type_name: T });
    expect(res.diagnostics[0].summary).toBe('Move not supported');
  });

  test('StopProvider answers with no error', async () => {
    expect(await core.stop()).toBe('');
  });
});

describe('provider configuration from the environment', () => {
  test('IDEMEUM_SCIM_ENDPOINT / IDEMEUM_SCIM_TOKEN are used when the block leaves them unset', async () => {
    const remote: Remote = { objects: new Map(), seq: 0 };
    const core = await FakeCore.inProcess({
      resources: [testResource(remote)],
      env: { IDEMEUM_SCIM_ENDPOINT: 'https://scim.us-east-1.amazonaws.com/t/scim/v2', IDEMEUM_SCIM_TOKEN: 'env-token-123' },
    });
    try {
      expect(await core.configure({})).toEqual([]);
      await expect(core.create(T, { name: 'eng' })).resolves.toMatchObject({ state: { name: 'eng' } });
      expect(core.logs.join('')).not.toContain('env-token-123');
      expect(core.logs.join('')).toContain('"scim":"configured"');
    } finally {
      await core.shutdown();
    }
  });
});

describe('IDEMEUM_GROUP_READABLE_TIMEOUT', () => {
  test.each([
    ['a duration', '2s', null],
    ['fails when it is not a duration', 'soon', '"soon" is not a duration'],
    ['fails when it is zero', '0s', 'must be greater than zero'],
  ])('%s', async (_name, value, message) => {
    const core = await FakeCore.inProcess({ resources: [], env: { IDEMEUM_GROUP_READABLE_TIMEOUT: value } });
    try {
      const diags = await core.configure({});
      if (message === null) expect(diags).toEqual([]);
      else expect(diags).toEqual([{ severity: 'error', summary: 'Invalid IDEMEUM_GROUP_READABLE_TIMEOUT', detail: expect.stringContaining(message) }]);
    } finally {
      await core.shutdown();
    }
  });
});

describe('a mistyped scim_endpoint never quotes a secret', () => {
  // A SCIM token as the console shows it (500+ characters), pasted into the endpoint field.
  const token = 'Q2x' + 'a9Z/+k'.repeat(90) + '=';
  const url = 'https://scim.us-east-1.amazonaws.com/t1/scim/v2';
  test.each([
    ['the token pasted as the endpoint (and the URL as the token)', { scim_endpoint: token, scim_token: url }, {}, token, 'is not a URL'],
    ['credentials in an http URL', { scim_endpoint: 'http://admin:S3cretPassw0rd@scim.example.com/t/scim/v2', scim_token: 'x'.repeat(40) }, {}, 'S3cretPassw0rd', 'must use https'],
    ['the token in IDEMEUM_SCIM_ENDPOINT', {}, { IDEMEUM_SCIM_ENDPOINT: token, IDEMEUM_SCIM_TOKEN: 'y'.repeat(40) }, token, 'is not a URL'],
  ])('fails when %s, without quoting it', async (_name, config, env, secret, message) => {
    const core = await FakeCore.inProcess({ resources: [], env });
    try {
      const validated = await core.validateProvider(config);
      const configured = await core.configure(config);
      const diags = [...validated, ...configured];
      expect(diags.length).toBeGreaterThan(0);
      for (const d of diags) expect(d).toMatchObject({ severity: 'error', detail: expect.stringContaining(message) });
      expect(JSON.stringify(diags) + core.logs.join('')).not.toContain(secret);
    } finally {
      await core.shutdown();
    }
  });
});

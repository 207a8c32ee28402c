import {
  CreatePermissionSetCommand, DeletePermissionSetCommand, DescribePermissionSetCommand, ListPermissionSetsCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { awsJsonHarness, sdkError } from './harness';

describe('SSO Admin permission sets', () => {
  const h = awsJsonHarness();
  const instance = () => h.emulator.state.instanceArn;
  const create = (input: Record<string, unknown>) => h.call('SWBExternalService.CreatePermissionSet', { InstanceArn: instance(), ...input });

  test('CreatePermissionSet returns AWS-shaped ARN and defaults the session to PT1H', async () => {
    const out = await h.sso.send(new CreatePermissionSetCommand({ InstanceArn: instance(), Name: 'ReadOnly' }));
    const instanceId = instance().split('/')[1];
    expect(out.PermissionSet?.PermissionSetArn).toMatch(new RegExp(`^arn:aws:sso:::permissionSet/${instanceId}/ps-[0-9a-f]{16}$`));
    expect(out.PermissionSet).toMatchObject({ Name: 'ReadOnly', SessionDuration: 'PT1H' });
    expect(out.PermissionSet?.CreatedDate).toEqual(h.clock.now());
    expect(out.PermissionSet).not.toHaveProperty('RelayState');
  });

  test('DescribePermissionSet returns what was created', async () => {
    const created = await h.sso.send(
      new CreatePermissionSetCommand({ InstanceArn: instance(), Name: 'Dev', Description: 'dev access', SessionDuration: 'PT8H', RelayState: 'https://console.aws.amazon.com/' }),
    );
    const arn = created.PermissionSet!.PermissionSetArn!;
    const out = await h.sso.send(new DescribePermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn }));
    expect(out.PermissionSet).toEqual({
      Name: 'Dev', PermissionSetArn: arn, Description: 'dev access', SessionDuration: 'PT8H',
      RelayState: 'https://console.aws.amazon.com/', CreatedDate: h.clock.now(),
    });
  });

  test('fails when the name is taken, with ConflictException and AWS message', async () => {
    await create({ Name: 'Admin' });
    const res = await create({ Name: 'Admin' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ __type: 'ConflictException', Message: 'PermissionSet with name Admin already exists.' });
    expect(h.emulator.state.sso.permissionSets.size).toBe(1);
  });

  // Each rule with a passing and a failing value.
  test.each([
    ['a Name of 32 characters', { Name: 'a'.repeat(32) }],
    ['a Name with +=,.@-_', { Name: 'a+=,.@-_b' }],
    ['a Description of 700 characters', { Name: 'n', Description: 'd'.repeat(700) }],
    ['SessionDuration PT12H', { Name: 'n', SessionDuration: 'PT12H' }],
    ['SessionDuration PT90M', { Name: 'n', SessionDuration: 'PT90M' }],
    ['a RelayState of 240 characters', { Name: 'n', RelayState: 'r'.repeat(240) }],
    ['75 tags', { Name: 'n', Tags: Array.from({ length: 75 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }],
  ])('CreatePermissionSet accepts %s', async (_label, input) => {
    const res = await create(input);
    expect(res.status).toBe(200);
    expect(res.body.PermissionSet.Name).toBe(input.Name);
  });

  test.each([
    ['the Name has 33 characters', { Name: 'a'.repeat(33) }, "Value 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32"],
    ['the Name has a space', { Name: 'Read Only' }, "at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ['the Name is missing', {}, "Value null at 'name' failed to satisfy constraint: Member must not be null"],
    ['the Description has 701 characters', { Name: 'n', Description: 'd'.repeat(701) }, "at 'description' failed to satisfy constraint: Member must have length less than or equal to 700"],
    ['SessionDuration is PT13H', { Name: 'n', SessionDuration: 'PT13H' }, 'from 1 to 12 hours'],
    ['SessionDuration is PT30M', { Name: 'n', SessionDuration: 'PT30M' }, 'from 1 to 12 hours'],
    ['SessionDuration is P1D', { Name: 'n', SessionDuration: 'P1D' }, 'from 1 to 12 hours'],
    ['SessionDuration is seconds (3600)', { Name: 'n', SessionDuration: '3600' }, "at 'sessionDuration' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ['the RelayState has 241 characters', { Name: 'n', RelayState: 'r'.repeat(241) }, "at 'relayState' failed to satisfy constraint: Member must have length less than or equal to 240"],
    ['there are 76 tags', { Name: 'n', Tags: Array.from({ length: 76 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 75"],
    ['a tag key has 129 characters', { Name: 'n', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }, "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"],
    ['a tag key repeats', { Name: 'n', Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] }, "Duplicate tag key 'a'"],
  ])('fails when %s (CreatePermissionSet, ValidationException, nothing created)', async (_label, input, error) => {
    const res = await create(input);
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('ValidationException');
    expect(res.body.Message).toContain(error);
    expect(h.emulator.state.sso.permissionSets.size).toBe(0);
  });

  test('fails when several members are invalid, listing every violation Coral-style', async () => {
    const res = await create({ Name: 'bad name', Description: 'x'.repeat(701) });
    expect(res.body.Message).toMatch(/^2 validation errors detected: Value 'bad name' at 'name' .*; Value '.*' at 'description' /);
  });

  test('fails when the instance is not this emulator\'s', async () => {
    const err = await sdkError(h.sso.send(new CreatePermissionSetCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-ffffffffffffffff', Name: 'x' })));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test('UpdatePermissionSet changes the given fields and clears an omitted RelayState', async () => {
    const arn = (await create({ Name: 'Ops', Description: 'old', RelayState: 'https://x.example/' })).body.PermissionSet.PermissionSetArn;
    await h.sso.send(new UpdatePermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, Description: 'new', SessionDuration: 'PT4H' }));
    const ps = h.emulator.state.sso.permissionSets.get(arn)!;
    expect({ description: ps.description, session: ps.sessionDuration, relay: ps.relayState }).toEqual({ description: 'new', session: 'PT4H', relay: undefined });
  });

  test('fails when an update sets a session longer than 12 hours, changing nothing', async () => {
    const arn = (await create({ Name: 'Ops', RelayState: 'https://x.example/' })).body.PermissionSet.PermissionSetArn;
    const res = await h.call('SWBExternalService.UpdatePermissionSet', { InstanceArn: instance(), PermissionSetArn: arn, SessionDuration: 'PT13H' });
    expect(res.body.__type).toBe('ValidationException');
    expect(h.emulator.state.sso.permissionSets.get(arn)).toMatchObject({ sessionDuration: 'PT1H', relayState: 'https://x.example/' });
  });

  test('DeletePermissionSet removes it; describing it afterwards is ResourceNotFoundException', async () => {
    const arn = (await create({ Name: 'Gone' })).body.PermissionSet.PermissionSetArn;
    await h.sso.send(new DeletePermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn }));
    const err = await sdkError(h.sso.send(new DescribePermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe(`Could not find PermissionSet with id ${arn.split('/').pop()}`);
  });

  test('fails when deleting a permission set provisioned to an account, with ConflictException', async () => {
    const arn = (await create({ Name: 'Used' })).body.PermissionSet.PermissionSetArn;
    h.emulator.state.sso.permissionSets.get(arn)!.provisionedTo.set('111111111111', { latest: true });
    const res = await h.call('SWBExternalService.DeletePermissionSet', { InstanceArn: instance(), PermissionSetArn: arn });
    expect(res.body.__type).toBe('ConflictException');
    expect(res.body.Message).toMatch(/^Could not delete because /);
    expect(h.emulator.state.sso.permissionSets.has(arn)).toBe(true);
  });

  test('ListPermissionSets pages with MaxResults and NextToken', async () => {
    for (const name of ['a', 'b', 'c']) await create({ Name: name });
    const first = await h.sso.send(new ListPermissionSetsCommand({ InstanceArn: instance(), MaxResults: 2 }));
    expect(first.PermissionSets).toHaveLength(2);
    expect(first.NextToken).toMatch(/^[-a-zA-Z0-9+=/_]+$/);
    const second = await h.sso.send(new ListPermissionSetsCommand({ InstanceArn: instance(), MaxResults: 2, NextToken: first.NextToken }));
    expect(second.PermissionSets).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    expect(new Set([...first.PermissionSets!, ...second.PermissionSets!])).toEqual(new Set(h.emulator.state.sso.permissionSets.keys()));
  });

  test.each([
    ['MaxResults 0', { MaxResults: 0 }, "at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['MaxResults 101', { MaxResults: 101 }, 'less than or equal to 100'],
    ['a forged NextToken', { NextToken: 'Zm9v' }, 'NextToken is invalid'],
  ])('fails when ListPermissionSets gets %s', async (_label, input, message) => {
    const res = await h.call('SWBExternalService.ListPermissionSets', { InstanceArn: instance(), ...input });
    expect(res.body.__type).toBe('ValidationException');
    expect(res.body.Message).toContain(message);
  });
});

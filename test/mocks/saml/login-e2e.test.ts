import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccountAssignmentCommand, CreatePermissionSetCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { scimBaseUrl } from '../../../mocks/scim';
import { RunningEmulator, startEmulatorServer } from '../../../mocks/server';
import { login, LoginError } from '../../../src/cli/login';
import { IDP_ENTITY_ID, IDP_SSO_URL, material } from '../../saml/fixtures';

/**
 * End to end over a real loopback port: users and groups pushed over SCIM, a permission set and a
 * group assignment made through the SSO Admin API (AWS SDK), then `login` signs a user in through
 * SAML and reads the access portal.
 */
describe('login end to end', () => {
  let emulator: RunningEmulator;
  let appFile: string;
  let token: string;
  let aliceId: string;
  const ACCOUNT = '111122223333';

  const scim = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${scimBaseUrl(emulator.state)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.status === 204 ? undefined : ((await res.json()) as { id: string });
  };
  const user = (userName: string) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    displayName: userName,
    name: { givenName: 'A', familyName: 'B' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
  });

  beforeAll(async () => {
    emulator = await startEmulatorServer({ region: 'us-east-1' });
    token = emulator.state.directory.scimTokens.issue().secret;
    emulator.state.sso.accounts.add(ACCOUNT);
    const alice = (await scim('POST', '/Users', user('alice@example.com')))!;
    const bob = (await scim('POST', '/Users', user('bob@example.com')))!;
    const group = (await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering', members: [{ value: alice.id }] }))!;

    const ssoAdmin = new SSOAdminClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
    const instanceArn = emulator.state.instanceArn;
    const ps = await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'ReadOnly', SessionDuration: 'PT2H' }));
    await ssoAdmin.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: instanceArn,
        TargetId: ACCOUNT,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: ps.PermissionSet!.PermissionSetArn!,
        PrincipalType: 'GROUP',
        PrincipalId: group.id,
      }),
    );

    const m = await material();
    const dir = mkdtempSync(join(tmpdir(), 'idemeum-login-'));
    writeFileSync(join(dir, 'key.pem'), m.keyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'cert.pem'), m.certificatePem);
    appFile = join(dir, 'app.json');
    writeFileSync(
      appFile,
      JSON.stringify({
        entityId: IDP_ENTITY_ID,
        ssoUrl: IDP_SSO_URL,
        keyFile: 'key.pem',
        certFile: 'cert.pem',
        entitledGroupIds: [group.id],
        entitledUserIds: [bob.id],
        users: [
          { id: alice.id, userName: 'alice@example.com', groupIds: [group.id] },
          { id: bob.id, userName: 'bob@example.com', groupIds: [] },
          { id: 'not-entitled', userName: 'eve@example.com', groupIds: [] },
        ],
      }),
    );
    aliceId = alice.id;
  });
  afterAll(() => emulator.close());

  test('a group member signs in and the portal shows the account and permission set the group assignment grants', async () => {
    const listing = await login({ appFile, userName: 'alice@example.com', endpoint: emulator.endpoint, uploadIdpMetadata: true });
    expect(listing.user.userName).toBe('alice@example.com');
    expect(listing.accounts).toEqual([{ accountId: ACCOUNT, permissionSets: [expect.objectContaining({ name: 'ReadOnly', sessionDuration: 'PT2H' })] }]);
  });

  test('a directly entitled user without assignments signs in to an empty portal', async () => {
    const listing = await login({ appFile, userName: 'bob@example.com', endpoint: emulator.endpoint });
    expect(listing.accounts).toEqual([]);
  });

  test('fails when the user is not entitled to the AWS application (idemeum refuses)', async () => {
    await expect(login({ appFile, userName: 'eve@example.com', endpoint: emulator.endpoint })).rejects.toThrow(/not entitled to the AWS application/);
  });

  test('fails when the user was deactivated over SCIM', async () => {
    const id = aliceId;
    const res = await fetch(`${scimBaseUrl(emulator.state)}/Users/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }),
    });
    expect(res.status).toBe(200);
    const attempt = login({ appFile, userName: 'alice@example.com', endpoint: emulator.endpoint });
    await expect(attempt).rejects.toThrow(LoginError);
    await expect(login({ appFile, userName: 'alice@example.com', endpoint: emulator.endpoint })).rejects.toThrow(/refused the sign-in \(403\): the user alice@example.com is disabled/);
  });
});

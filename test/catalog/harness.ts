import { CreateAccountAssignmentCommand, CreatePermissionSetCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { randomUUID } from 'node:crypto';
import { acsUrls, portalUrl, spEntityId } from '../../mocks/saml';
import { addBeforeDispatch, startEmulatorServer, type RunningEmulator } from '../../mocks/server';
import { ManualClock, type StoredUser } from '../../mocks/store';
import { CATALOG_PATH, catalogHandler } from '../../src/catalog';
import type { AppFile } from '../../src/saml/app-file';
import { buildIdpMetadata } from '../../src/saml/idp-metadata';
import { IDP_ENTITY_ID, IDP_SSO_URL, material } from '../saml/fixtures';
import { addUser } from '../mocks/saml/support';

export const ACCOUNT = '111122223333';
export const START = '2026-06-01T09:00:00Z';

export interface CatalogHarness {
  readonly emulator: RunningEmulator;
  readonly clock: ManualClock;
  /** `<endpoint>/idemeum/catalog` */
  readonly catalog: string;
  readonly app: AppFile;
  /** ada: entitled through Admins, which holds ReadOnly on ACCOUNT; carol: entitled but disabled in AWS; hedy: not entitled. */
  readonly users: { readonly ada: StoredUser; readonly carol: StoredUser; readonly hedy: StoredUser };
  close(): Promise<void>;
}

/**
 * The emulator on a loopback port with a manual clock, a small directory and one assignment made
 * through the SSO Admin API, idemeum set as its identity source, and the catalog mounted beside
 * it the way `simulate --serve` mounts it.
 */
export async function startCatalogHarness(): Promise<CatalogHarness> {
  const clock = new ManualClock(START);
  const emulator = await startEmulatorServer({ clock, region: 'us-east-1', throttle: { enabled: false } });
  const { state } = emulator;
  state.sso.accounts.add(ACCOUNT);
  const ada = addUser(state, 'ada@acme.example');
  const carol = addUser(state, 'carol@acme.example', false);
  const hedy = addUser(state, 'hedy@acme.example');
  const admins = state.directory.createGroup({ displayName: 'Admins' });
  state.directory.addMember(admins.id, ada.id);

  const sso = new SSOAdminClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
  const ps = await sso.send(new CreatePermissionSetCommand({ InstanceArn: state.instanceArn, Name: 'ReadOnly', SessionDuration: 'PT2H', RelayState: 'https://console.aws.amazon.com/s3/home' }));
  await sso.send(
    new CreateAccountAssignmentCommand({
      InstanceArn: state.instanceArn, TargetId: ACCOUNT, TargetType: 'AWS_ACCOUNT',
      PermissionSetArn: ps.PermissionSet!.PermissionSetArn!, PrincipalType: 'GROUP', PrincipalId: admins.id,
    }),
  );
  sso.destroy();

  const signing = await material();
  const upload = await fetch(`${emulator.endpoint}/_fake/saml/idp-metadata`, {
    method: 'PUT',
    body: buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: signing.certificatePem }),
  });
  if (!upload.ok) throw new Error(`IdP metadata upload failed: ${upload.status} ${await upload.text()}`);

  const app: AppFile = {
    idp: { entityId: IDP_ENTITY_ID, signing },
    ssoUrl: IDP_SSO_URL,
    entitlements: { userIds: [carol.id], groupIds: [admins.id] },
    attributeMappings: {},
    users: [
      { id: ada.id, userName: ada.userName, displayName: 'Ada Lovelace', groupIds: [admins.id] },
      { id: carol.id, userName: carol.userName, displayName: 'Carol <Shaw>', groupIds: [] },
      { id: hedy.id, userName: hedy.userName, displayName: 'Hedy Lamarr', groupIds: [] },
    ],
  };
  addBeforeDispatch(
    state,
    catalogHandler({
      app,
      sp: { entityId: spEntityId(state), acsUrl: acsUrls(state)[0] },
      relayState: portalUrl(state),
      now: () => clock.now(),
      newId: () => randomUUID().replace(/-/g, ''),
    }),
  );
  return { emulator, clock, catalog: `${emulator.endpoint}${CATALOG_PATH}`, app, users: { ada, carol, hedy }, close: () => emulator.close() };
}

import { CreateAccountAssignmentCommand, CreatePermissionSetCommand } from '@aws-sdk/client-sso-admin';
import { portalView } from '../../../mocks/saml/portal-view';
import { awsJsonHarness } from '../ssoadmin/harness';

const ACCOUNT = '111122223333';

/**
 * With asyncSettleMs > 0 an assignment is IN_PROGRESS until its time has come. The portal reads
 * SSO Admin state directly, so it must settle what is due itself rather than wait for the next
 * SSO Admin call.
 */
describe('access portal and asynchronous assignments', () => {
  const h = awsJsonHarness({ asyncSettleMs: 5_000 });

  test('shows an assignment once it is due, with no SSO Admin call in between', async () => {
    const { state } = h.emulator;
    state.sso.accounts.add(ACCOUNT);
    const ada = h.user('ada@example.com');
    const eng = h.group('Engineering');
    state.directory.addMember(eng.id, ada.id);
    const ps = await h.sso.send(new CreatePermissionSetCommand({ InstanceArn: state.instanceArn, Name: 'Engineer' }));
    const created = await h.sso.send(new CreateAccountAssignmentCommand({
      InstanceArn: state.instanceArn, PermissionSetArn: ps.PermissionSet!.PermissionSetArn!, PrincipalType: 'GROUP', PrincipalId: eng.id,
      TargetId: ACCOUNT, TargetType: 'AWS_ACCOUNT',
    }));
    expect(created.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');

    expect(portalView(state, ada).accounts).toEqual([]);
    h.clock.advance(4_999);
    expect(portalView(state, ada).accounts).toEqual([]);
    h.clock.advance(1);
    expect(portalView(state, ada).accounts).toEqual([
      { accountId: ACCOUNT, permissionSets: [{ name: 'Engineer', arn: ps.PermissionSet!.PermissionSetArn, sessionDuration: 'PT1H' }] },
    ]);
    expect(state.sso.assignments).toHaveLength(1);
  });
});

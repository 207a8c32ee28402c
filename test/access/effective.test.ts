import { diffAccess, effectiveAccess, IdentityCenterSnapshot, renderDiffMarkdown, renderHtml, renderMarkdown, renderText } from '../../src/access';

const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin';
const PS_READ = 'arn:aws:sso:::permissionSet/ssoins-1/ps-read';

const snapshot: IdentityCenterSnapshot = {
  users: [
    { id: 'u-alice', userName: 'alice@example.com', active: true },
    { id: 'u-bob', userName: 'bob@example.com', active: true },
    { id: 'u-carol', userName: 'carol@example.com', active: false },
  ],
  groups: [
    { id: 'g-admins', displayName: 'Admins' },
    { id: 'g-auditors', displayName: 'Auditors' },
  ],
  memberships: [
    { groupId: 'g-admins', userId: 'u-alice' },
    { groupId: 'g-auditors', userId: 'u-alice' },
    { groupId: 'g-auditors', userId: 'u-bob' },
    { groupId: 'g-auditors', userId: 'u-carol' },
  ],
  permissionSets: [
    { arn: PS_ADMIN, name: 'AdministratorAccess' },
    { arn: PS_READ, name: 'ReadOnlyAccess' },
  ],
  assignments: [
    { accountId: '111111111111', permissionSetArn: PS_ADMIN, principalType: 'GROUP', principalId: 'g-admins' },
    { accountId: '111111111111', permissionSetArn: PS_READ, principalType: 'GROUP', principalId: 'g-auditors' },
    { accountId: '111111111111', permissionSetArn: PS_READ, principalType: 'USER', principalId: 'u-alice' },
    { accountId: '222222222222', permissionSetArn: PS_READ, principalType: 'GROUP', principalId: 'g-deleted' },
  ],
};

describe('effectiveAccess', () => {
  const report = effectiveAccess(snapshot);

  test('expands group assignments to active members and merges the paths', () => {
    expect(report.grants.map((g) => [g.userName, g.accountId, g.permissionSet, g.via.join('+')])).toEqual([
      ['alice@example.com', '111111111111', 'AdministratorAccess', 'Admins'],
      ['alice@example.com', '111111111111', 'ReadOnlyAccess', 'Auditors+direct'],
      ['bob@example.com', '111111111111', 'ReadOnlyAccess', 'Auditors'],
    ]);
  });

  test('leaves disabled users out and names them', () => {
    expect(report.grants.some((g) => g.userName === 'carol@example.com')).toBe(false);
    expect(report.inactiveUsers).toEqual(['carol@example.com']);
  });

  test('reports assignments whose principal is gone', () => {
    expect(report.dangling).toHaveLength(1);
    expect(report.dangling[0].problem).toBe('group g-deleted does not exist');
  });

  test('renders Markdown, text and escaped HTML', () => {
    expect(renderMarkdown(report)).toContain('| bob@example.com | 111111111111 | ReadOnlyAccess | Auditors |');
    expect(renderText(report)).toContain('disabled: carol@example.com');
    const html = renderHtml({ ...report, grants: [{ ...report.grants[0], userName: '<x>' }] });
    expect(html).toContain('&lt;x&gt;');
    expect(html).not.toContain('<x>');
  });
});

describe('diffAccess', () => {
  test('finds added, removed and re-routed grants', () => {
    const before = effectiveAccess(snapshot).grants;
    const after = effectiveAccess({
      ...snapshot,
      memberships: snapshot.memberships.filter((m) => !(m.groupId === 'g-admins')),
      assignments: [
        ...snapshot.assignments.filter((a) => a.principalType !== 'USER'),
        { accountId: '333333333333', permissionSetArn: PS_READ, principalType: 'USER', principalId: 'u-bob' },
      ],
    }).grants;
    const diff = diffAccess(before, after);
    expect(diff.added.map((g) => `${g.userName}@${g.accountId}`)).toEqual(['bob@example.com@333333333333']);
    expect(diff.removed.map((g) => `${g.userName}:${g.permissionSet}`)).toEqual(['alice@example.com:AdministratorAccess']);
    expect(diff.changed.map((c) => `${c.before.via.join('+')}→${c.after.via.join('+')}`)).toEqual(['Auditors+direct→Auditors']);
    expect(renderDiffMarkdown(diff)).toContain('| + grant | bob@example.com | 333333333333 |');
  });

  test('says so when nothing changes', () => {
    const grants = effectiveAccess(snapshot).grants;
    expect(renderDiffMarkdown(diffAccess(grants, grants))).toBe('No change in effective access.\n');
  });
});

import { accessChanges, effectiveAccess, hasAccessChanges, IdentityCenterSnapshot, renderChangesMarkdown, renderHtml, renderMarkdown, renderText } from '../../src/access';

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

describe('accessChanges', () => {
  const after: IdentityCenterSnapshot = {
    ...snapshot,
    users: [...snapshot.users.filter((u) => u.id !== 'u-alice'), { id: 'u-alice-2', userName: 'ALICE@example.com', active: true }, { id: 'u-dan', userName: 'dan@example.com', active: true }],
    memberships: [{ groupId: 'g-auditors', userId: 'u-alice-2' }, { groupId: 'g-auditors', userId: 'u-bob' }, { groupId: 'g-admins', userId: 'u-dan' }],
    assignments: [
      ...snapshot.assignments.filter((a) => a.principalType !== 'USER'),
      { accountId: '333333333333', permissionSetArn: PS_READ, principalType: 'USER', principalId: 'u-bob' },
    ],
  };
  const report = accessChanges({ before: snapshot, after, policyChanges: ['ReadOnlyAccess'] });

  test('lists gains and losses per user with the path; users are matched by user name ignoring case', () => {
    expect(report.changes).toEqual([
      { user: 'alice@example.com', account: '111111111111', permissionSet: 'AdministratorAccess', change: 'loss', via: ['group:Admins'] },
      { user: 'bob@example.com', account: '333333333333', permissionSet: 'ReadOnlyAccess', change: 'gain', via: ['user'] },
      { user: 'dan@example.com', account: '111111111111', permissionSet: 'AdministratorAccess', change: 'gain', via: ['group:Admins'] },
    ]);
    expect(report.summary).toEqual({ gains: 2, losses: 1, usersAdded: 1, usersRemoved: 0 });
    expect(hasAccessChanges(report)).toBe(true);
  });

  test('details users added, memberships, newly reachable accounts and re-routed access; a policy change reaches every holder', () => {
    expect(report.details.usersAdded).toEqual(['dan@example.com']);
    expect(report.details.membershipChanges).toEqual([
      { user: 'alice@example.com', group: 'Admins', change: 'removed' },
      { user: 'carol@example.com', group: 'Auditors', change: 'removed' },
      { user: 'dan@example.com', group: 'Admins', change: 'added' },
    ]);
    expect(report.details.accountsNewlyReachable).toEqual(['333333333333']);
    expect(report.details.viaChanges).toEqual([
      { user: 'ALICE@example.com', account: '111111111111', permissionSet: 'ReadOnlyAccess', before: ['group:Auditors', 'user'], after: ['group:Auditors'] },
    ]);
    expect(report.policyChanges).toEqual([{ permissionSet: 'ReadOnlyAccess', reaches: ['ALICE@example.com', 'bob@example.com'] }]);
  });

  test('renders a pull-request comment: summary line, table, details', () => {
    const md = renderChangesMarkdown(report);
    expect(md).toContain('**2 gains, 1 loss** · 1 user added · 1 permission set with changed policies');
    expect(md).toContain('| bob@example.com | ➕ gains | 333333333333 | ReadOnlyAccess | user |');
    expect(md).toContain('| alice@example.com | ➖ loses | 111111111111 | AdministratorAccess | group:Admins |');
    expect(md).toContain('**Policies change** in `ReadOnlyAccess`, reaching 2 users:');
    expect(md).not.toContain('<details>');
  });

  test('folds long lists into <details> and escapes table cells', () => {
    const many: IdentityCenterSnapshot = {
      ...snapshot,
      users: Array.from({ length: 20 }, (_, n) => ({ id: `u${n}`, userName: `u${n}|x@example.com`, active: true })),
      memberships: Array.from({ length: 20 }, (_, n) => ({ groupId: 'g-admins', userId: `u${n}` })),
    };
    const md = renderChangesMarkdown(accessChanges({ before: { ...many, memberships: [] }, after: many }));
    expect(md).toContain('<details>\n<summary>20 access changes</summary>');
    expect(md).toContain('| u0\\|x@example.com | ➕ gains |');
  });

  test('says so when nothing changes, and exits clean', () => {
    const same = accessChanges({ before: snapshot, after: snapshot });
    expect(renderChangesMarkdown(same)).toBe('### AWS access changes\n\n**No access changes.**\n');
    expect(hasAccessChanges(same)).toBe(false);
  });
});

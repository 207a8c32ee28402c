import { effectiveAccess, renderHtml, type IdentityCenterSnapshot } from '../../src/access';

const PS = (name: string) => ({ arn: `arn:aws:sso:::permissionSet/ssoins-1/ps-${name}`, name });
const snapshot: IdentityCenterSnapshot = {
  users: [
    { id: 'u-ada', userName: 'ada@example.com', active: true },
    { id: 'u-bob', userName: 'bob@example.com', active: true },
    { id: 'u-eve', userName: 'eve@example.com', active: false },
  ],
  groups: [{ id: 'g-admins', displayName: 'Admins' }],
  memberships: [
    { groupId: 'g-admins', userId: 'u-ada' },
    { groupId: 'g-admins', userId: 'u-eve' },
  ],
  permissionSets: [PS('Admin'), PS('Read')],
  assignments: [
    { accountId: '111111111111', permissionSetArn: PS('Admin').arn, principalType: 'GROUP', principalId: 'g-admins' },
    { accountId: '111111111111', permissionSetArn: PS('Read').arn, principalType: 'USER', principalId: 'u-ada' },
    { accountId: '222222222222', permissionSetArn: PS('Read').arn, principalType: 'USER', principalId: 'u-bob' },
  ],
};

/** The matrix rows as text: user, then per account the permission sets in its cell. */
function matrixRows(html: string): string[] {
  const matrix = html.slice(html.indexOf('<table id="matrix">'), html.indexOf('</table>'));
  return [...matrix.matchAll(/<tr data-user="([^"]+)">(.*?)<\/tr>/g)].map(([, user, cells]) => {
    const perAccount = [...cells.matchAll(/<td[^>]*data-account="(\d+)"[^>]*>(.*?)<\/td>/g)].map(
      ([, account, cell]) => `${account}=${[...cell.matchAll(/data-permission-set="([^"]+)"/g)].map((m) => m[1]).join('+') || '-'}`,
    );
    return `${user} ${perAccount.join(' ')}`;
  });
}

describe('the HTML access report', () => {
  const html = renderHtml(effectiveAccess(snapshot));

  test('is a users × accounts matrix with the permission sets in the cells', () => {
    expect(matrixRows(html)).toEqual(['ada@example.com 111111111111=Admin+Read 222222222222=-', 'bob@example.com 111111111111=- 222222222222=Read']);
    expect(html).toContain('<th scope="col">111111111111</th><th scope="col">222222222222</th>');
    expect(html).toContain('<th scope="row">ada@example.com</th>');
  });

  test('keeps the list of every grant with the principals it comes through, and names disabled users', () => {
    expect(html).toContain('<tr><td>ada@example.com</td><td>111111111111</td><td>Read</td><td>direct</td></tr>');
    expect(html).toContain('Disabled users (their assignments cannot be used): eve@example.com');
  });

  test('opens from disk under its own policy: no script, only its own style', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^&]+&#39;; script-src &#39;none&#39;/);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  test('says so when nobody can reach any account', () => {
    expect(renderHtml(effectiveAccess({ ...snapshot, assignments: [] }))).toContain('<p>Nobody can reach any account.</p>');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '../../src/cli/access-diff';

function capture(): { out: () => string; err: () => string; restore: () => void } {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  return { out: () => out, err: () => err, restore: () => (o.mockRestore(), e.mockRestore()) };
}

const base = {
  users: [{ id: 'u1', userName: 'a@x.io', active: true }],
  groups: [{ id: 'g1', displayName: 'Admins' }],
  memberships: [{ groupId: 'g1', userId: 'u1' }],
  permissionSets: [{ arn: 'arn:ps', name: 'Admin' }],
  assignments: [] as unknown[],
};

describe('idemeum-aws access-diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'access-diff-'));
  const before = join(dir, 'before.json');
  const after = join(dir, 'after.json');
  writeFileSync(before, JSON.stringify(base));
  writeFileSync(after, JSON.stringify({ ...base, assignments: [{ accountId: '111111111111', permissionSetArn: 'arn:ps', principalType: 'GROUP', principalId: 'g1' }] }));

  test('prints the grants that appear', async () => {
    const io = capture();
    const code = await command.run([before, after]);
    io.restore();
    expect(code).toBe(0);
    expect(io.out()).toContain('| + grant | a@x.io | 111111111111 | Admin | Admins |');
  });

  test('fails when a snapshot lacks a section, saying which', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ users: [] }));
    const io = capture();
    const code = await command.run([bad, after]);
    io.restore();
    expect(code).toBe(2);
    expect(io.err()).toContain('has no "groups" array');
  });

  test('fails when the format is unknown', async () => {
    const io = capture();
    expect(await command.run([before, after, '--format', 'xml'])).toBe(2);
    io.restore();
    expect(io.err()).toContain('--format must be markdown or json');
  });
});

import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../../src/cli/simulate';
import { describeWithTerraform } from '../support/terraform';

// `npm start`: the example stack applied by real terraform to the emulator, then SAML sign-ins.
describeWithTerraform('local simulation (npm start)', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'idemeum-sim-'));
  let output = '';
  let code: number;

  beforeAll(async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output += String(chunk)), true));
    try {
      code = await simulate({ workdir, accounts: ['111111111111', '222222222222', '333333333333'], serve: false });
    } finally {
      write.mockRestore();
    }
  }, 600_000);

  test('applies the stack, converges and signs every entitled user in', () => {
    expect(code).toBe(0);
    expect(output).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    expect(output).toContain('terraform plan   no changes');
    expect(output).toMatch(/sign-in\s+ada@acme\.example → 111111111111 AdministratorAccess/);
    expect(output).toContain('Every sign-in matched the assignments (4 signed in, 1 refused)');
  });

  test('shows the access diff of the plan it applies, and the apply granted exactly that', () => {
    expect(output).toMatch(/access diff\s+of the plan/);
    expect(output).toContain('**12 gains, 0 losses** · 5 users added');
    expect(output).toContain('| grace@acme.example | ➕ gains | 333333333333 | PowerUserAccess | group:Engineering |');
    expect(readFileSync(join(workdir, 'access-diff.md'), 'utf8')).toContain('### AWS access changes');
    const json = JSON.parse(readFileSync(join(workdir, 'access-diff.json'), 'utf8'));
    expect(json.summary).toEqual({ gains: 12, losses: 0, usersAdded: 5, usersRemoved: 0 });
    expect(json.unresolved).toEqual([]);
  });

  test('refuses the sign-in of the contractor who is pushed to AWS but in no entitled group', () => {
    expect(output).toMatch(/sign-in\s+hedy@acme\.example refused: hedy@acme\.example is not entitled to the AWS application/);
  });

  test('writes the access report and keeps the signing key owner-only', () => {
    expect(readFileSync(join(workdir, 'access.md'), 'utf8')).toContain('| ada@acme.example | 111111111111 | AdministratorAccess | Admins |');
    expect(statSync(join(workdir, 'idemeum-signing-key.pem')).mode & 0o077).toBe(0);
  });

  test('prints no secret: neither the SCIM token nor the signing key', () => {
    const key = readFileSync(join(workdir, 'idemeum-signing-key.pem'), 'utf8');
    const keyBody = key.split('\n')[1];
    expect(keyBody.length).toBeGreaterThan(20);
    expect(output).not.toContain(keyBody);
    expect(output).not.toMatch(/[A-Za-z0-9+/=]{200,}/);
  });
});

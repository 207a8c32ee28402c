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

import { rmSync } from 'node:fs';
import { installProvider } from '../../src/cli/provider';
import { TerraformWorkdir } from '../../src/terraform/workdir';
import { describeWithTerraformBinary } from '../support/terraform';

/**
 * Real Terraform against the bundled provider: `provider install` into a temp mirror,
 * offline `terraform init`, `validate` and `plan`. Needs only the terraform binary (no AWS
 * provider mirror): describeWithTerraformBinary says why when it does not run.
 */
const TOKEN = 'smoke-token-do-not-print-1234';

const HCL = `
terraform {
  required_providers {
    idemeum = { source = "idemeum/idemeum" }
  }
}

provider "idemeum" {
  scim_endpoint   = "https://scim.us-east-1.amazonaws.com/tenant-1/scim/v2"
  scim_token      = var.token
  request_timeout = "10s"
}

variable "token" {
  type      = string
  sensitive = true
}

resource "idemeum_scim_link" "aws" {
  token_issued_at = "2026-11-01T00:00:00Z"
}
`;

describeWithTerraformBinary('provider smoke (real terraform)', (terraform) => {
  let wd: TerraformWorkdir;
  let mirrorDir: string;

  beforeAll(async () => {
    wd = TerraformWorkdir.create({ terraform, mirrors: [], env: { TF_VAR_token: TOKEN } });
    mirrorDir = (await installProvider({ dir: `${wd.dir}/mirror` })).mirrorDir;
    // Only our mirror: rebuild the workdir config so nothing else is searched.
    wd = TerraformWorkdir.create({ terraform, mirrors: [mirrorDir], dir: wd.dir, env: { TF_VAR_token: TOKEN } });
    wd.writeFile('main.tf', HCL);
  }, 120_000);
  afterAll(() => rmSync(wd.dir, { recursive: true, force: true }));

  test('terraform init installs idemeum/idemeum offline from the filesystem mirror', async () => {
    const r = await wd.init();
    expect(r.stdout).toMatch(/Installed idemeum\/idemeum v\d+\.\d+\.\d+/);
  }, 120_000);

  test('terraform validate accepts the provider block and a resource', async () => {
    const r = await wd.expectOk(['validate', '-no-color']);
    expect(r.stdout).toContain('Success! The configuration is valid.');
  }, 60_000);

  test('terraform plan shows the resource to add, with computed values known after apply', async () => {
    const r = await wd.run(['plan', '-no-color', '-input=false', '-detailed-exitcode']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: '' });
    expect(r.stdout).toContain('# idemeum_scim_link.aws will be created');
    expect(r.stdout).toMatch(/id\s+= \(known after apply\)/);
    expect(r.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
  }, 60_000);

  test('fails when the provider block is invalid, pointing at the attribute', async () => {
    wd.writeFile('main.tf', HCL.replace('"10s"', '"ten seconds"'));
    try {
      const r = await wd.run(['validate', '-no-color']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Invalid request_timeout');
      expect(r.stderr).toContain('request_timeout');
    } finally {
      wd.writeFile('main.tf', HCL);
    }
  }, 60_000);

  test('provider logs under TF_LOG never contain the SCIM token', async () => {
    const r = await wd.run(['plan', '-no-color', '-input=false'], { env: { TF_LOG: 'trace' } });
    expect(r.stderr).toContain('provider.idemeum');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  }, 60_000);
});

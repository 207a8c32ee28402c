import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateAwsMirror, locateTerraform } from '../src/terraform/locate';
import { cliConfig, TerraformWorkdir } from '../src/terraform/workdir';

describe('terraform toolchain lookup', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'locate-'));

  test('takes TERRAFORM_BINARY when it is executable', () => {
    const bin = join(scratch, 'terraform');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    expect(locateTerraform({ TERRAFORM_BINARY: bin })).toEqual({ path: bin });
  });

  test('fails when TERRAFORM_BINARY is not executable, saying so', () => {
    expect(locateTerraform({ TERRAFORM_BINARY: join(scratch, 'missing') }).reason).toMatch(/not an executable file/);
  });

  test('fails when terraform is neither configured nor on PATH', () => {
    expect(locateTerraform({ PATH: scratch + '/empty' }).reason).toMatch(/not on PATH/);
  });

  test('finds a mirror named by IDEMEUM_TF_PLUGIN_MIRROR and rejects one without hashicorp/aws', () => {
    const mirror = join(scratch, 'mirror');
    mkdirSync(join(mirror, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64'), { recursive: true });
    expect(locateAwsMirror({ IDEMEUM_TF_PLUGIN_MIRROR: mirror })).toEqual({ path: mirror });
    expect(locateAwsMirror({ IDEMEUM_TF_PLUGIN_MIRROR: scratch + '/none' }).reason).toMatch(/holds no/);
  });
});

describe('TerraformWorkdir', () => {
  test('writes a CLI config that only installs from the given mirrors', () => {
    const text = cliConfig(['/m1', '/m2']);
    expect(text).toContain('path    = "/m1"');
    expect(text).toContain('path    = "/m2"');
    expect(text).toMatch(/direct \{\n\s+exclude = \["registry.terraform.io\/\*\/\*"\]/);
  });

  test('runs the binary in its directory with its own CLI config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-'));
    const fake = join(dir, 'fake-terraform');
    writeFileSync(fake, '#!/bin/sh\necho "$TF_CLI_CONFIG_FILE $CHECKPOINT_DISABLE $*"; pwd >&2; exit 3\n');
    chmodSync(fake, 0o755);
    const wd = TerraformWorkdir.create({ terraform: fake, mirrors: ['/m'], dir: join(dir, 'w') });
    const result = await wd.run(['plan', '-no-color']);
    expect(result.code).toBe(3);
    expect(result.stdout.trim()).toBe(`${wd.cliConfigPath} 1 plan -no-color`);
    expect(result.stderr.trim()).toBe(wd.dir);
    expect(readFileSync(wd.cliConfigPath, 'utf8')).toContain('"/m"');
    await expect(wd.expectOk(['apply'])).rejects.toThrow(/terraform apply exited 3/);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { awsVersionsIn } from '../../src/terraform/locate';
import { TerraformWorkdir } from '../../src/terraform/workdir';
import { describeWithTerraform } from '../support/terraform';

/**
 * `idemeum-aws provider install --aws-mirror` writes the CLI config a user exports as
 * TF_CLI_CONFIG_FILE: with it, `terraform init` installs both providers with no registry.
 */
const ROOT = resolve(__dirname, '..', '..');

describeWithTerraform('provider install --aws-mirror: offline terraform init of both providers (e2e)', ({ terraform, awsMirror }) => {
  let tmp: string;
  beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'idemeum-install-e2e-'))));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('terraform init installs idemeum/idemeum and hashicorp/aws from the mirrors the written config names', async () => {
    const rc = join(tmp, 'tf.rc');
    await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'idemeum-aws.js'), 'provider', 'install', '--dir', join(tmp, '.terraform-mirror'), '--cli-config', rc, '--aws-mirror', awsMirror], { cwd: ROOT });
    const wd = TerraformWorkdir.create({ terraform, mirrors: [], dir: join(tmp, 'work') });
    // The workdir's own config is replaced by the one the command wrote: that is what is under test.
    writeFileSync(wd.cliConfigPath, readFileSync(rc, 'utf8'));
    const aws = awsVersionsIn(awsMirror)[0];
    wd.writeFile(
      'main.tf',
      `terraform {
  required_providers {
    idemeum = { source = "idemeum/idemeum" }
    aws     = { source = "hashicorp/aws", version = "${aws}" }
  }
}
`,
    );
    const init = await wd.init();
    expect(init.stdout).toMatch(/Installed idemeum\/idemeum v\d+\.\d+\.\d+/);
    expect(init.stdout).toContain(`Installed hashicorp/aws v${aws}`);
  }, 180_000);
});

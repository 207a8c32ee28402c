import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { guideBlocks, guideScript, outputByBlock, type GuideBlock } from '../support/guide';
import { describeWithTerraform } from '../support/terraform';

// The README's "Use it in your own project" guide, run as a user would: the package packed, a
// fresh consumer project in a temp dir, every command of the guide in order (npm installs from the
// registry, tsc, cdktf synth/deploy/diff/destroy against mock-aws, plain terraform, the consumer's
// own jest test written from the harness docs), then the same app compiled by tsc and run by node
// on Node 20, 22 and 24, by ts-node and tsx, and written in plain JavaScript (CommonJS and ESM).

const execFileP = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const GUIDE = 'Use it in your own project';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TARBALL = `idemeum-aws-sso-${VERSION}.tgz`;
const SCRIPT_TIMEOUT_MS = 20 * 60_000;

function note(message: string): void {
  process.stderr.write(`[consumer e2e] ${message}\n`);
}

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout can stop everything it started (npx, node, terraform).
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[consumer e2e] timed out after ${options.timeoutMs} ms\n`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, 'SIGKILL'); // anything left in the group (a background emulator)
      } catch {
        // nothing left
      }
      resolve({ code: code ?? 1, output });
    });
  });
}

function fileBlock(blocks: readonly GuideBlock[], name: string): string {
  const block = blocks.find((b) => b.kind === 'file' && b.name === name);
  if (!block) throw new Error(`the guide has no ${name}`);
  return block.text;
}

/** Resource addresses of a synthesized stack, to compare what different runtimes produced. */
function resourcesOf(cdkTfJson: string): string[] {
  const stack = JSON.parse(readFileSync(cdkTfJson, 'utf8')) as { resource: Record<string, Record<string, unknown>> };
  return Object.entries(stack.resource).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort();
}

describeWithTerraform('a consumer project following the README guide', (tc) => {
  const root = mkdtempSync(join(tmpdir(), 'idemeum-consumer-'));
  const project = join(root, 'identity');
  const states = join(root, 'states');
  const blocks = guideBlocks(GUIDE);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(tc.terraform)}${delimiter}${process.env.PATH ?? ''}`, IDEMEUM_TF_PLUGIN_MIRROR: tc.awsMirror, CHECKPOINT_DISABLE: '1' };
  // Nothing of this test run's own jest, AWS profile or terraform settings reaches the user's project.
  for (const name of Object.keys(env)) if (/^(JEST_|AWS_|TF_)/.test(name)) delete env[name];
  const stats: Record<string, string> = {};
  let guide: { code: number; output: string; byBlock: Map<string, string> } | undefined;
  let tarballFiles: string[] = [];

  const blockIndex = (pattern: RegExp): string => {
    const i = blocks.findIndex((b) => b.kind === 'sh' && pattern.test(b.text));
    if (i < 0) throw new Error(`no command block of the guide matches ${pattern}`);
    return String(i);
  };
  const printed = (pattern: RegExp): string => {
    if (!guide) throw new Error('the guide did not run (see the first test)');
    return guide.byBlock.get(blockIndex(pattern)) ?? '';
  };

  beforeAll(async () => {
    mkdirSync(project, { recursive: true });
    mkdirSync(states, { recursive: true });
    let t = Date.now();
    // npm pack runs `prepare` (the build) first, as npm does for a publish or a git install.
    const packed = await run('npm', ['pack', '--json', '--pack-destination', root], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeoutMs: 300_000 });
    if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
    const info = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string }> }>;
    tarballFiles = info[0]!.files.map((f) => f.path);
    stats.pack = `${info[0]!.filename}: ${(info[0]!.size / 1024).toFixed(0)} KB packed, ${(info[0]!.unpackedSize / 1024 / 1024).toFixed(1)} MB unpacked, ${info[0]!.entryCount} files, ${((Date.now() - t) / 1000).toFixed(1)} s`;
    copyFileSync(join(root, info[0]!.filename), join(project, TARBALL));

    t = Date.now();
    const hook = join(root, 'state-hook.sh');
    // Test instrumentation, not part of the guide: after each command, the emulator's state (when one is up).
    writeFileSync(
      hook,
      `#!/usr/bin/env bash\n[ -n "$AWS_ENDPOINT_URL" ] || exit 0\ncurl -fsS "$AWS_ENDPOINT_URL/_fake/state" -o '${states}/'"$1".json 2>/dev/null || true\n`,
      { mode: 0o755 },
    );
    const result = await run('bash', ['-c', guideScript(blocks, hook)], { cwd: project, env, timeoutMs: SCRIPT_TIMEOUT_MS });
    guide = { ...result, byBlock: outputByBlock(result.output) };
    stats.guide = `${((Date.now() - t) / 1000).toFixed(1)} s for ${blocks.filter((b) => b.kind === 'sh').length} command blocks`;
    note(`${stats.pack}; guide ${stats.guide}`);
  }, SCRIPT_TIMEOUT_MS + 360_000);

  afterAll(() => {
    note(`figures: ${JSON.stringify(stats)}`);
    rmSync(root, { recursive: true, force: true });
  });

  test('the tarball holds what a user runs, and no tests, benchmarks or CI', () => {
    expect(tarballFiles).toEqual(expect.arrayContaining(['package.json', 'bin/idemeum-aws.js', 'dist/constructs/index.js', 'dist/constructs/index.d.ts', 'dist/constructs/index.d.ts.map', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'dist/provider/provider.js']));
    expect(tarballFiles.filter((f) => /^(test|bench|\.ci|scripts|node_modules)\//.test(f) || f.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  test('every command of the guide succeeds, in order', () => {
    if (guide!.code !== 0) throw new Error(`the guide's script exited ${guide!.code}; its output:\n${guide!.output.slice(-12_000)}`);
    expect(guide!.byBlock.get('end')).toBeDefined();
  });

  test('the strict tsconfig of the guide compiles the stack with skipLibCheck off', () => {
    expect(printed(/npx tsc --noEmit/).trim()).toBe('');
  });

  test('the first cdktf deploy of a fresh project applies the stack to the emulator; diff then shows no changes', () => {
    const deployAndDiff = printed(/cdktf deploy/);
    expect(deployAndDiff).toMatch(/Apply complete! Resources: 1\d added, 0 changed, 0 destroyed/);
    expect(deployAndDiff).toMatch(/No changes\. Your infrastructure matches the configuration/);
    const state = JSON.parse(readFileSync(join(states, `${blockIndex(/cdktf deploy/)}.json`), 'utf8')) as {
      directory: { users: Array<{ userName: string }>; groups: Array<{ displayName: string }> };
      sso: { assignments: unknown[] };
    };
    expect(state.directory.users.map((u) => u.userName).sort()).toEqual(['ada@acme.example', 'grace@acme.example']);
    expect(state.directory.groups.map((g) => g.displayName).sort()).toEqual(['Admins', 'Engineering']);
    expect(state.sso.assignments).toHaveLength(3);
  });

  test('plain terraform in the pipeline step finds nothing to change', () => {
    const pipeline = printed(/terraform plan -input=false -out=plan\.tfplan/);
    expect(pipeline).toContain('Terraform has been successfully initialized!');
    expect(pipeline).toMatch(/No changes\./);
    expect(existsSync(join(project, 'cdktf.out', 'stacks', 'identity', 'plan.json'))).toBe(true);
  });

  test('cdktf destroy leaves the emulator empty', () => {
    expect(printed(/cdktf destroy/)).toMatch(/Destroy complete! Resources: 1\d destroyed/);
    const state = JSON.parse(readFileSync(join(states, `${blockIndex(/cdktf destroy/)}.json`), 'utf8')) as {
      directory: { users: unknown[]; groups: unknown[] };
      sso: { assignments: unknown[]; permissionSets: Record<string, unknown> | unknown[] };
    };
    expect(state.directory.users).toEqual([]);
    expect(state.directory.groups).toEqual([]);
    expect(state.sso.assignments).toEqual([]);
    expect(Object.keys(state.sso.permissionSets)).toEqual([]);
  });

  test('the consumer\'s jest test written from the harness docs passes', () => {
    const jest = printed(/^npx jest$/m);
    expect(jest).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(jest).not.toContain('NOT RUN');
  });

  test('no secret reached the output: the emulator token is printed by no command', () => {
    const envFile = join(project, '.emulator.env');
    const token = /IDEMEUM_SCIM_TOKEN='([^']+)'/.exec(readFileSync(envFile, 'utf8'))?.[1];
    expect(token).toBeDefined();
    expect(guide!.output).not.toContain(token!);
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
  });

  describe('the same app on other runtimes', () => {
    const outdir = (name: string) => join(root, 'synth', name);
    const synthEnv = () => ({ ...env, IDEMEUM_SCIM_TOKEN_ISSUED_AT: new Date().toISOString() });
    let reference: string[] = [];

    beforeAll(() => {
      reference = resourcesOf(join(project, 'cdktf.out', 'stacks', 'identity', 'cdk.tf.json'));
    });

    test('tsc compiles it and node 20 runs it', async () => {
      await execFileP('npx', ['tsc', '--outDir', 'out'], { cwd: project, env });
      await execFileP(process.execPath, ['out/main.js'], { cwd: project, env: { ...synthEnv(), CDKTF_OUTDIR: outdir('node20') } });
      expect(resourcesOf(join(outdir('node20'), 'stacks', 'identity', 'cdk.tf.json'))).toEqual(reference);
      expect(reference.length).toBeGreaterThan(10);
    }, 120_000);

    test.each(['22', '24'])('node %s runs the compiled app', async (major) => {
      // The Node binary package from the npm registry, as `npx -p node@<major>` fetches it.
      const { stdout } = await execFileP('npx', ['-y', '-p', `node@${major}`, '--', 'node', '-e', 'process.stdout.write(process.version)'], { cwd: project, env, timeout: 300_000 });
      expect(stdout.trim()).toMatch(new RegExp(`^v${major}\\.`));
      await execFileP('npx', ['-y', '-p', `node@${major}`, '--', 'node', 'out/main.js'], { cwd: project, env: { ...synthEnv(), CDKTF_OUTDIR: outdir(`node${major}`) }, timeout: 300_000 });
      expect(resourcesOf(join(outdir(`node${major}`), 'stacks', 'identity', 'cdk.tf.json'))).toEqual(reference);
    }, 600_000);

    test('ts-node (cdktf\'s app command) and tsx run the TypeScript directly', async () => {
      await execFileP('npx', ['ts-node', 'main.ts'], { cwd: project, env: { ...synthEnv(), CDKTF_OUTDIR: outdir('ts-node') } });
      expect(resourcesOf(join(outdir('ts-node'), 'stacks', 'identity', 'cdk.tf.json'))).toEqual(reference);
      await execFileP('npm', ['install', '--no-audit', '--no-fund', '-D', 'tsx@^4'], { cwd: project, env, timeout: 300_000 });
      await execFileP('npx', ['tsx', 'main.ts'], { cwd: project, env: { ...synthEnv(), CDKTF_OUTDIR: outdir('tsx') } });
      expect(resourcesOf(join(outdir('tsx'), 'stacks', 'identity', 'cdk.tf.json'))).toEqual(reference);
    }, 600_000);

    test.each([
      ['CommonJS', 'app.cjs', "const { App, TerraformStack } = require('cdktf');\nconst { AwsProvider } = require('@cdktf/provider-aws/lib/provider');\nconst { IdemeumAwsSso, ManagedPolicy, SpMetadata } = require('idemeum-aws-sso');\n"],
      ['ESM', 'app.mjs', "import { App, TerraformStack } from 'cdktf';\nimport { AwsProvider } from '@cdktf/provider-aws/lib/provider.js';\nimport { IdemeumAwsSso, ManagedPolicy, SpMetadata } from 'idemeum-aws-sso';\n"],
    ])('plain JavaScript (%s) uses the constructs', async (_kind, file, imports) => {
      // The guide's stack, as a JavaScript user writes it: the same props without the types.
      const body = fileBlock(blocks, 'stack.ts');
      const props = body.slice(body.indexOf("new IdemeumAwsSso(this, 'Sso', {") + "new IdemeumAwsSso(this, 'Sso', ".length, body.lastIndexOf('});') + 1).replace(/props\.scimTokenIssuedAt/g, 'process.env.IDEMEUM_SCIM_TOKEN_ISSUED_AT').replace(/props\.spMetadata/g, "SpMetadata.fromFile('aws-sp-metadata.xml')");
      const script = `${imports}const PRODUCTION = '111111111111';\nconst STAGING = '222222222222';\nconst app = new App();\nconst stack = new TerraformStack(app, 'identity');\nnew AwsProvider(stack, 'aws', { region: 'us-east-1' });\nnew IdemeumAwsSso(stack, 'Sso', ${props});\napp.synth();\n`;
      writeFileSync(join(project, file), script);
      await execFileP(process.execPath, [file], { cwd: project, env: { ...synthEnv(), CDKTF_OUTDIR: outdir(file) } });
      expect(resourcesOf(join(outdir(file), 'stacks', 'identity', 'cdk.tf.json'))).toEqual(reference);
    }, 120_000);

    test('the installed CLI runs from the compiled package', async () => {
      const { stdout } = await execFileP('npx', ['idemeum-aws', 'mock-aws', '--help'], { cwd: project, env });
      expect(stdout).toMatch(/^usage: idemeum-aws mock-aws/);
      expect(readdirSync(join(project, 'node_modules', 'idemeum-aws-sso', 'dist', 'src', 'cli'))).toContain('main.js');
    }, 60_000);
  });
});

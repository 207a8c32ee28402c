import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { providerBundle } from './bundle';
import { type CodeCache, writeCodeCache } from './code-cache';
import { assertProviderVersion, executableName, launcherPackage, packageVersion, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, terraformPlatform } from './layout';
import { BUNDLE_FILE } from './launcher';

/**
 * `provider install`: the launcher form of the package, unpacked into a filesystem mirror for
 * this machine's platform, with V8's code cache made by the node on PATH (the node the
 * launcher will run on). The package holds all the code it runs, which the h1: hash covers.
 */
export const DEFAULT_MIRROR_DIR = '.terraform-mirror';

export interface InstallOptions {
  /** Mirror root. @default - `.terraform-mirror` under the current directory */
  readonly dir?: string;
  /** @default - package.json version */
  readonly version?: string;
  /** Write V8's code cache, which saves ~100 ms per provider start. @default true */
  readonly codeCache?: boolean;
  /** A filesystem mirror holding hashicorp/aws, added to the CLI config. @default - hashicorp/aws from the registry */
  readonly awsMirror?: string;
}

export interface Installed {
  readonly mirrorDir: string;
  readonly executable: string;
  /** The provider's code, next to the executable. */
  readonly bundle: string;
  /** Undefined when not asked for. */
  readonly codeCache?: CodeCache;
  readonly version: string;
  readonly platform: string;
  /** The provider_installation block that makes Terraform use the mirror(s). */
  readonly cliConfig: string;
}

const OUR_PROVIDERS = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/*`;
const AWS_PROVIDER = `${PROVIDER_HOST}/hashicorp/aws`;

/**
 * Installs idemeum/* from `mirrorDir` and, with `awsMirror`, hashicorp/aws from that mirror;
 * whatever comes from a mirror is excluded from `direct`, so `terraform init` never asks the
 * registry for it (and works offline when both are given).
 */
export function cliConfigBlock(mirrorDir: string, awsMirror?: string): string {
  const mirror = (path: string, include: string) => ['  filesystem_mirror {', `    path    = ${JSON.stringify(path)}`, `    include = [${JSON.stringify(include)}]`, '  }'];
  const excluded = awsMirror ? [OUR_PROVIDERS, AWS_PROVIDER] : [OUR_PROVIDERS];
  return [
    'provider_installation {',
    ...mirror(mirrorDir, OUR_PROVIDERS),
    ...(awsMirror ? mirror(resolve(awsMirror), AWS_PROVIDER) : []),
    '  direct {',
    `    exclude = [${excluded.map((s) => JSON.stringify(s)).join(', ')}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export class AwsMirrorError extends Error {
  override readonly name = 'AwsMirrorError';
}

export async function installProvider(o: InstallOptions = {}): Promise<Installed> {
  const version = o.version ?? packageVersion();
  assertProviderVersion(version);
  if (o.awsMirror !== undefined && !existsSync(join(resolve(o.awsMirror), AWS_PROVIDER))) {
    throw new AwsMirrorError(`--aws-mirror ${o.awsMirror} holds no ${AWS_PROVIDER}; give the mirror's root, the folder that contains ${PROVIDER_HOST}/`);
  }
  const mirrorDir = resolve(o.dir ?? DEFAULT_MIRROR_DIR);
  const platform = terraformPlatform();
  const packageDir = join(mirrorDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, platform);
  const built = await providerBundle();
  // A fresh directory: a file left from another build would change the package's h1: hash.
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(packageDir, { recursive: true });
  try {
    for (const file of launcherPackage(built, version, platform)) {
      writeFileSync(join(packageDir, file.name), file.data);
      chmodSync(join(packageDir, file.name), file.mode);
    }
    const codeCache = o.codeCache === false ? undefined : await writeCodeCache(packageDir, built.primer);
    return {
      mirrorDir,
      executable: join(packageDir, executableName(version, platform)),
      bundle: join(packageDir, BUNDLE_FILE),
      ...(codeCache && { codeCache }),
      version,
      platform,
      cliConfig: cliConfigBlock(mirrorDir, o.awsMirror),
    };
  } catch (err) {
    rmSync(packageDir, { recursive: true, force: true });
    throw err;
  }
}

import { PACKAGE_VERSION } from '../../package-info';
import type { ProviderBundle } from './bundle';
import { BUNDLE_FILE } from './launcher';
import type { ZipEntry } from './zip';

/** Where Terraform looks for idemeum/idemeum, in a mirror and in the lock file. */
export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'idemeum';
export const PROVIDER_TYPE = 'idemeum';

export class ProviderVersionError extends Error {
  override readonly name = 'ProviderVersionError';
}

export function packageVersion(): string {
  return PACKAGE_VERSION;
}

/** Terraform installs only semantic versions; anything else would be ignored in a mirror. */
export function assertProviderVersion(version: string): void {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new ProviderVersionError(`version "${version}" is not a semantic version like 0.1.0; Terraform cannot install it`);
  }
}

/** Terraform's `<os>_<arch>` for a Node platform and arch. */
export function terraformPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  const cpu = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
  return `${os}_${cpu}`;
}

/** The provider's executable in its package directory (Terraform finds it by this prefix). */
export function executableName(version: string, platform: string): string {
  return `terraform-provider-${PROVIDER_TYPE}_v${version}${platform.startsWith('windows_') ? '.exe' : ''}`;
}

/**
 * The launcher form of the package: a `#!/usr/bin/env node` script and the bundle it compiles,
 * for platforms that run the provider with the Node on PATH. `env node` execs node in place of
 * the script, so Terraform's SIGKILL reaches node itself.
 */
export function launcherPackage(built: ProviderBundle, version: string, platform: string): ZipEntry[] {
  return [
    { name: executableName(version, platform), data: Buffer.from(`#!/usr/bin/env node\n${built.launcher}`), mode: 0o755 },
    { name: BUNDLE_FILE, data: Buffer.from(built.code), mode: 0o644 },
  ];
}

import { PACKAGE_VERSION as packageVersion } from '../../src/package-info';

/** Registry source of our provider; the same string `idemeum-aws provider install` lays out. */
export const IDEMEUM_PROVIDER_SOURCE = 'idemeum/idemeum';

/**
 * `~> <major>.<minor>` of this package: the provider ships with the constructs, so a stack built
 * with constructs 0.1.x accepts any 0.1.x provider and nothing that could change the schema.
 */
export const IDEMEUM_PROVIDER_VERSION_CONSTRAINT = toPessimisticConstraint(packageVersion);

export function toPessimisticConstraint(semver: string): string {
  const match = /^(\d+)\.(\d+)\.\d+(?:[-+].*)?$/.exec(semver);
  if (!match) throw new Error(`package version "${semver}" is not semver; expected MAJOR.MINOR.PATCH`);
  return `~> ${match[1]}.${match[2]}`;
}

/** Generator metadata every idemeum binding carries (cdktf writes it to required_providers). */
export const IDEMEUM_GENERATOR_METADATA = {
  providerName: 'idemeum',
  providerVersionConstraint: IDEMEUM_PROVIDER_VERSION_CONSTRAINT,
} as const;

import type { AppFile } from '../saml/app-file';
import type { IdpUser } from '../saml/entitlement';
import { isEntitled } from '../saml/entitlement';
import type { SpTarget } from '../saml/response';

/** Where the catalog lives on the server that mounts it (DESIGN §5). */
export const CATALOG_PATH = '/idemeum/catalog';
export const LAUNCH_PATH = `${CATALOG_PATH}/launch`;

export interface CatalogOptions {
  /** The idemeum side of the AWS application: signing, entitlements, users. */
  readonly app: AppFile;
  /** IAM Identity Center as its SP metadata describes it (entity id, ACS URL). */
  readonly sp: SpTarget;
  /** The SAML RelayState sent with every response (AWS takes the access portal URL). @default none */
  readonly relayState?: string;
  readonly now: () => Date;
  /** A fresh unique id per SAML Response and Assertion. */
  readonly newId: () => string;
}

/** An application tile in the catalog. idemeum configures one here: the AWS application. */
export interface CatalogApplication {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export const AWS_APPLICATION: CatalogApplication = {
  id: 'aws',
  name: 'Amazon Web Services',
  description: 'AWS IAM Identity Center: your AWS accounts and roles',
};

export function displayName(user: IdpUser): string {
  return user.displayName ?? user.userName;
}

/** The applications a user's catalog shows: only the ones idemeum entitles the user to. */
export function applicationsFor(user: IdpUser, app: AppFile): CatalogApplication[] {
  return isEntitled(user, app.entitlements) ? [AWS_APPLICATION] : [];
}

export function findCatalogUser(app: AppFile, userName: string): IdpUser | undefined {
  return app.users.find((u) => u.userName.toLowerCase() === userName.toLowerCase());
}

/** Users in the order a person scans a picker: by display name. */
export function sortedUsers(app: AppFile): IdpUser[] {
  return [...app.users].sort((a, b) => displayName(a).localeCompare(displayName(b)));
}

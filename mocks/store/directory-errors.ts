/**
 * Why a directory write was refused. Each surface maps these to its own wire error (SCIM in
 * mocks/scim/route.ts, Identity Store in mocks/identitystore/common.ts); nothing is stored when
 * one is thrown.
 */
import type { UniqueAttribute } from './directory-model';

export type DirectoryResource = 'USER' | 'GROUP';

/** A write would break one of AWS's uniqueness rules (SCIM 409, Identity Store ConflictException). */
export class DirectoryConflictError extends Error {
  constructor(
    readonly resource: DirectoryResource,
    readonly attribute: UniqueAttribute,
  ) {
    super(`a ${resource.toLowerCase()} with this ${attribute} already exists`);
    this.name = 'DirectoryConflictError';
  }
}

/** The user or group named in a write does not exist. */
export class DirectoryNotFoundError extends Error {
  constructor(
    readonly resource: DirectoryResource,
    readonly id: string,
  ) {
    super(`${resource} ${id} not found`);
    this.name = 'DirectoryNotFoundError';
  }
}

/** Each per-store quota: AWS's name for it (UG:limits) and the emulator option that sets it. */
export const DIRECTORY_QUOTAS = {
  USER: { name: 'Users per identity store', option: 'usersPerIdentityStore', things: 'users' },
  GROUP: { name: 'Groups per identity store', option: 'groupsPerIdentityStore', things: 'groups' },
} as const;

/** Creating one more user or group would exceed the identity store's quota (UG:limits, adjustable). */
export class DirectoryQuotaError extends Error {
  constructor(
    readonly resource: DirectoryResource,
    readonly quota: number,
  ) {
    const q = DIRECTORY_QUOTAS[resource];
    super(`an identity store holds at most ${quota} ${q.things} (quota "${q.name}", option ${q.option}); delete one or raise the quota`);
    this.name = 'DirectoryQuotaError';
  }
}

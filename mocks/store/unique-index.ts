/**
 * The identity store's uniqueness rules as indexes: userName, primary email and externalId per
 * user; displayName and externalId per group. The Directory keeps them in step with its maps.
 */
import { DirectoryConflictError } from './directory-errors';
import { primaryEmail, type GroupFields, type StoredGroup, type StoredUser, type UserFields } from './directory-model';

/** A unique index over one attribute; keys are normalised by the index's own rule. */
export class UniqueIndex {
  private readonly byKey = new Map<string, string>();
  constructor(private readonly fold: boolean) {}
  key(value: string): string {
    return this.fold ? value.toLowerCase() : value;
  }
  get(value: string): string | undefined {
    return this.byKey.get(this.key(value));
  }
  /** True when `value` is free or already held by `ownerId`. */
  freeFor(value: string | undefined, ownerId?: string): boolean {
    if (value === undefined) return true;
    const holder = this.get(value);
    return holder === undefined || holder === ownerId;
  }
  set(value: string | undefined, id: string): void {
    if (value !== undefined) this.byKey.set(this.key(value), id);
  }
  delete(value: string | undefined): void {
    if (value !== undefined) this.byKey.delete(this.key(value));
  }
  clear(): void {
    this.byKey.clear();
  }
}

export class UserIndexes {
  readonly userNames: UniqueIndex;
  readonly emails = new UniqueIndex(true);
  readonly externalIds = new UniqueIndex(false);

  constructor(userNameCaseInsensitive: boolean) {
    this.userNames = new UniqueIndex(userNameCaseInsensitive);
  }

  /** Throws DirectoryConflictError when `fields` clash with a user other than `ownerId`. */
  check(fields: UserFields, ownerId?: string): void {
    if (!this.userNames.freeFor(fields.userName, ownerId)) throw new DirectoryConflictError('USER', 'userName');
    if (!this.emails.freeFor(primaryEmail(fields), ownerId)) throw new DirectoryConflictError('USER', 'email');
    if (!this.externalIds.freeFor(fields.externalId, ownerId)) throw new DirectoryConflictError('USER', 'externalId');
  }

  add(user: StoredUser): void {
    this.userNames.set(user.userName, user.id);
    this.emails.set(primaryEmail(user), user.id);
    this.externalIds.set(user.externalId, user.id);
  }

  remove(user: StoredUser): void {
    this.userNames.delete(user.userName);
    this.emails.delete(primaryEmail(user));
    this.externalIds.delete(user.externalId);
  }

  clear(): void {
    for (const index of [this.userNames, this.emails, this.externalIds]) index.clear();
  }
}

export class GroupIndexes {
  readonly displayNames: UniqueIndex;
  readonly externalIds = new UniqueIndex(false);

  constructor(displayNameCaseInsensitive: boolean) {
    this.displayNames = new UniqueIndex(displayNameCaseInsensitive);
  }

  /** Throws DirectoryConflictError when `fields` clash with a group other than `ownerId`. */
  check(fields: GroupFields, ownerId?: string): void {
    if (!this.displayNames.freeFor(fields.displayName, ownerId)) throw new DirectoryConflictError('GROUP', 'displayName');
    if (!this.externalIds.freeFor(fields.externalId, ownerId)) throw new DirectoryConflictError('GROUP', 'externalId');
  }

  add(group: StoredGroup): void {
    this.displayNames.set(group.displayName, group.id);
    this.externalIds.set(group.externalId, group.id);
  }

  remove(group: StoredGroup): void {
    this.displayNames.delete(group.displayName);
    this.externalIds.delete(group.externalId);
  }

  clear(): void {
    this.displayNames.clear();
    this.externalIds.clear();
  }
}

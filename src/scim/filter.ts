/**
 * A filter builder that can only express what AWS accepts: one `eq`, or the two documented
 * `and` pairs. Everything else (`co`, `sw`, `or`, `pr`, other attributes) is a 400 at AWS, so it
 * is not expressible here rather than a runtime surprise.
 */

export type FilterTarget = 'Users' | 'Groups';

export class ScimFilter<T extends FilterTarget> {
  private constructor(
    readonly target: T,
    /** The filter expression, e.g. `userName eq "a@b.example"`. */
    readonly expression: string,
  ) {}

  /** @internal used only by the builders below. */
  static build<T extends FilterTarget>(target: T, clauses: readonly [string, string][]): ScimFilter<T> {
    return new ScimFilter(target, clauses.map(([attr, value]) => `${attr} eq ${quote(attr, value)}`).join(' and '));
  }

  toString(): string {
    return this.expression;
  }
}

export class InvalidFilterValueError extends Error {
  override readonly name = 'InvalidFilterValueError';
}

function quote(attr: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidFilterValueError(`filter on ${attr}: the value must be a non-empty string`);
  }
  // A JSON string literal is exactly the SCIM compValue grammar for strings (RFC 7644 §3.4.2.2).
  return JSON.stringify(value);
}

/** Filters AWS accepts on `GET /Users`. */
export const UserFilter = {
  userName: (userName: string) => ScimFilter.build('Users', [['userName', userName]]),
  externalId: (externalId: string) => ScimFilter.build('Users', [['externalId', externalId]]),
  /** Users that are members of the group. */
  inGroup: (groupId: string) => ScimFilter.build('Users', [['groups.value', groupId]]),
  /** Allowed but discouraged by AWS: prefer `GET /Users/{id}`. */
  id: (id: string) => ScimFilter.build('Users', [['id', id]]),
  idAndManager: (id: string, managerId: string) => ScimFilter.build('Users', [['id', id], ['manager', managerId]]),
} as const;

/** Filters AWS accepts on `GET /Groups`. */
export const GroupFilter = {
  displayName: (displayName: string) => ScimFilter.build('Groups', [['displayName', displayName]]),
  externalId: (externalId: string) => ScimFilter.build('Groups', [['externalId', externalId]]),
  /** Groups the user belongs to: the only way AWS lets a client read memberships per user. */
  withMember: (userId: string) => ScimFilter.build('Groups', [['members.value', userId]]),
  /** Whether one user is in one group (AWS spells this pair `id eq … and members eq …`). */
  idAndMember: (groupId: string, userId: string) => ScimFilter.build('Groups', [['id', groupId], ['members', userId]]),
} as const;

import { AwsJsonError, ConflictException, ResourceNotFoundException, ServiceQuotaExceededException, ValidationException } from '../awsjson/errors';
import type { JsonObject, OperationContext } from '../awsjson/handler';
import type { FieldSpec } from '../awsjson/validate';
import { DIRECTORY_QUOTAS, DirectoryConflictError, DirectoryQuotaError, type UniqueAttribute } from '../store';
import { CONFLICT_REASONS, PATTERNS, ResourceType } from './urn';

export const FIELDS = {
  IdentityStoreId: { kind: 'string', required: true, min: 1, max: 36, pattern: PATTERNS.identityStoreId },
  ResourceId: { kind: 'string', required: true, min: 1, max: 47, pattern: PATTERNS.resourceId },
  MaxResults: { kind: 'integer', min: 1, max: 100 },
  NextToken: { kind: 'string', min: 1, max: 65535, pattern: PATTERNS.nextToken },
  MemberId: {
    kind: 'structure',
    required: true,
    fields: { UserId: { kind: 'string', required: true, min: 1, max: 47, pattern: PATTERNS.resourceId } },
  },
} as const satisfies Record<string, FieldSpec>;

export const PAGED = { MaxResults: FIELDS.MaxResults, NextToken: FIELDS.NextToken } as const;

export const ALTERNATE_IDENTIFIER = {
  kind: 'structure',
  required: true,
  fields: {
    ExternalId: {
      kind: 'structure',
      fields: {
        Issuer: { kind: 'string', required: true, min: 1, max: 100 },
        Id: { kind: 'string', required: true, min: 1, max: 256 },
      },
    },
    UniqueAttribute: {
      kind: 'structure',
      fields: {
        AttributePath: { kind: 'string', required: true, min: 1, max: 255, pattern: PATTERNS.attributePath },
        AttributeValue: { kind: 'document', required: true },
      },
    },
  },
} as const satisfies FieldSpec;

export const FILTERS = {
  kind: 'list',
  max: 1,
  item: {
    kind: 'structure',
    fields: {
      AttributePath: { kind: 'string', required: true, min: 1, max: 255, pattern: PATTERNS.attributePath },
      AttributeValue: { kind: 'string', required: true, min: 1, max: 1024 },
    },
  },
} as const satisfies FieldSpec;

/** Identity Store's ResourceNotFoundException names the kind and id of what is missing. */
export function notFound(type: ResourceType, id?: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`${type} not found.`, { ResourceType: type, ...(id !== undefined && { ResourceId: id }) });
}

/** Every call names the identity store; this emulator has exactly one. */
export function requireStore(ctx: OperationContext, input: JsonObject): void {
  const id = input.IdentityStoreId as string;
  if (id !== ctx.state.identityStoreId) throw notFound('IDENTITY_STORE', id);
}

/** Identity Store error bodies carry the request id. */
export function decorateError(_err: AwsJsonError, ctx: OperationContext): Record<string, string> {
  return { RequestId: ctx.requestId };
}

export type Lookup =
  | { readonly by: 'externalId'; readonly issuer: string; readonly id: string }
  | { readonly by: 'unique'; readonly path: string; readonly value: string };

/** Reads the AlternateIdentifier union: exactly one member, an AttributeValue that is a JSON string. */
export function alternateIdentifier(input: JsonObject, uniquePaths: readonly string[]): Lookup {
  const alt = input.AlternateIdentifier as { ExternalId?: { Issuer: string; Id: string }; UniqueAttribute?: { AttributePath: string; AttributeValue: unknown } };
  const members = [alt.ExternalId, alt.UniqueAttribute].filter((m) => m !== undefined && m !== null);
  if (members.length !== 1) {
    throw new ValidationException('AlternateIdentifier takes exactly one of ExternalId or UniqueAttribute.');
  }
  if (alt.ExternalId) return { by: 'externalId', issuer: alt.ExternalId.Issuer, id: alt.ExternalId.Id };
  const { AttributePath, AttributeValue } = alt.UniqueAttribute!;
  const path = AttributePath.toLowerCase();
  if (!uniquePaths.includes(path)) {
    throw new ValidationException(`The attribute ${AttributePath} is not a unique attribute; use one of ${uniquePaths.join(', ')}.`);
  }
  if (typeof AttributeValue !== 'string') {
    throw new ValidationException(`AttributeValue for ${AttributePath} must be a string.`);
  }
  return { by: 'unique', path, value: AttributeValue };
}

/** The deprecated single `Filters` entry of ListUsers/ListGroups, or undefined when absent. */
export function singleFilter(input: JsonObject, paths: readonly string[]): { path: string; value: string } | undefined {
  const filters = input.Filters as { AttributePath: string; AttributeValue: string }[] | undefined;
  if (!filters || filters.length === 0) return undefined;
  const [{ AttributePath, AttributeValue }] = filters;
  const path = AttributePath.toLowerCase();
  if (!paths.includes(path)) {
    throw new ValidationException(`Filtering on ${AttributePath} is not supported; filter on ${paths.join(' or ')}.`);
  }
  return { path, value: AttributeValue };
}

export function externalIds(issuer: string, externalId: string | undefined): JsonObject {
  return externalId === undefined ? {} : { ExternalIds: [{ Issuer: issuer, Id: externalId }] };
}

const CONFLICT_MESSAGES: Readonly<Record<UniqueAttribute, string>> = {
  userName: 'Duplicate UserName',
  email: 'Duplicate Email',
  externalId: 'Duplicate ExternalId',
  displayName: 'Duplicate GroupDisplayName',
};

/**
 * Runs a directory write, turning a uniqueness clash into ConflictException
 * UNIQUENESS_CONSTRAINT_VIOLATION (moto's message texts; AWS's are unpublished) and a full store
 * into ServiceQuotaExceededException (the model's error for it; AWS's text is unpublished).
 */
export function directoryWrite<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof DirectoryConflictError) {
      throw new ConflictException(CONFLICT_MESSAGES[err.attribute], { Reason: CONFLICT_REASONS.unique });
    }
    if (err instanceof DirectoryQuotaError) {
      const q = DIRECTORY_QUOTAS[err.resource];
      throw new ServiceQuotaExceededException(`${q.name} quota of ${err.quota} reached. Delete ${q.things} you no longer need or request a quota increase.`);
    }
    throw err;
  }
}

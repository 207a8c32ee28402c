/**
 * SSO Admin (2020-07-20) protocol constants: the target prefix, the identifier patterns and
 * limits of the service model, and the quotas the emulator enforces (aws-behavior.md §3.3, §3.4, §4).
 */
export const TARGET_PREFIX = 'SWBExternalService';

const PARTITION = 'arn:aws(-[a-z]{1,5}){0,3}';

export const PATTERNS = {
  instanceArn: `${PARTITION}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}`,
  permissionSetArn: `${PARTITION}:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}`,
  accountId: '\\d{12}',
  principalId: '([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}',
  requestId: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  managedPolicyArn: `${PARTITION}:iam::aws:policy((/[A-Za-z0-9.,+@=_-]+)*)/([A-Za-z0-9.,+=@_-]+)`,
  nextToken: '[-a-zA-Z0-9+=/_]*',
  permissionSetName: '[\\w+=,.@-]+',
  description: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
  sessionDuration: '(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?',
  relayState: "[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] (){}]+",
  tagKey: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
  tagValue: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
  inlinePolicy: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  customerPolicyName: '[\\w+=,.@-]+',
  customerPolicyPath: '((/[A-Za-z0-9.,+@=_-]+)*)/',
} as const;

export const LIMITS = {
  /** AWS-managed + customer-managed policies per permission set (UG:limits, current). */
  policiesPerPermissionSet: 25,
  tagsPerResource: 75,
  inlinePolicyChars: 32_768,
  /** The effective IAM limit: non-whitespace characters of the inline policy. */
  inlinePolicyNonWhitespace: 10_240,
  sessionMinSeconds: 3_600,
  sessionMaxSeconds: 43_200,
  /** Outstanding (IN_PROGRESS) CreateAccountAssignment calls per instance. */
  outstandingAssignmentCreates: 15,
  /** Groups one permission set may be assigned to in one account (UG:limits; not adjustable). */
  groupsPerPermissionSetPerAccount: 100,
} as const;

export const DEFAULT_SESSION_DURATION = 'PT1H';

export const PRINCIPAL_TYPES = ['USER', 'GROUP'] as const;
export const TARGET_TYPES = ['AWS_ACCOUNT'] as const;
export const PROVISION_TARGET_TYPES = ['AWS_ACCOUNT', 'ALL_PROVISIONED_ACCOUNTS'] as const;
export const STATUS_VALUES = ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'] as const;
export const PROVISIONING_STATUS = ['LATEST_PERMISSION_SET_PROVISIONED', 'LATEST_PERMISSION_SET_NOT_PROVISIONED'] as const;
export const LIMITS_URL = 'https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html';

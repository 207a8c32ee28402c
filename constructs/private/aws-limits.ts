// AWS IAM Identity Center / IAM input constraints the constructs check before terraform runs
// (reference/aws-behavior.md §3.3–3.5 and the service quotas page).

export const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
// AWS's own character class includes tab, LF and CR.
// eslint-disable-next-line no-control-regex
export const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{1,700}$/;
export const RELAY_STATE = /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]{1,240}$/;
export const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
export const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
export const MAX_TAGS = 75;
export const AWS_MANAGED_POLICY_ARN = /^arn:aws(?:-[a-z]+)*:iam::aws:policy(?:\/[\w+=,.@-]+)*\/[\w+=,.@-]+$/;
export const CUSTOMER_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
export const IAM_PATH = /^(?:\/|\/[\u0021-\u007E]+\/)$/;
export const MAX_IAM_PATH_LENGTH = 512;
export const MAX_MANAGED_POLICIES = 25;
/** PutInlinePolicyToPermissionSet accepts 32,768 characters, but IAM counts 10,240 without whitespace. */
export const MAX_INLINE_POLICY_CHARS = 32_768;
export const MAX_INLINE_POLICY_NON_WHITESPACE = 10_240;
export const MIN_SESSION_MINUTES = 60;
export const MAX_SESSION_MINUTES = 12 * 60;
export const ACCOUNT_ID = /^\d{12}$/;
export const INSTANCE_ARN = /^arn:aws(?:-[a-z]{1,5}){0,3}:sso:::instance\/(?:sso)?ins-[a-zA-Z0-9-.]{16}$/;
/** Pragmatic: one @, no whitespace, a dot in the domain. AWS userName allows more, idemeum users are emails. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
export const RESERVED_GROUP_NAMES: readonly string[] = ['Administrator', 'AWSAdministrators'];
export const MAX_DISPLAY_NAME = 1024;
/** Organizations ids (aws-behavior.md §6.2): the root, and OUs whose first part is their root's id. */
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const ORGANIZATIONAL_UNIT_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

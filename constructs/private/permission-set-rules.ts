import type { ManagedPolicy } from '../managed-policy';
import type { PermissionSetProps } from '../permission-set';
import { isKnown, show, ValidationRule } from '../validation';
import * as L from './aws-limits';

/** Rules for the scalar props of a permission set (the policies have their own). */
export function permissionSetRules(props: PermissionSetProps): ValidationRule[] {
  const { name, description, relayState, sessionDuration, inlinePolicy, tags } = props;
  const rules: ValidationRule[] = [
    {
      condition: isKnown(name) && !L.PERMISSION_SET_NAME.test(name),
      message: `permission set name ${show(name)} is invalid; expected 1–32 characters of letters, digits and +=,.@_- (no spaces), e.g. "PowerUser"`,
    },
    {
      condition: isKnown(description) && !L.DESCRIPTION.test(description),
      message: `description ${show(description)} is invalid; expected 1–700 printable Latin-1 characters, or omit it`,
    },
    {
      condition: isKnown(relayState) && !L.RELAY_STATE.test(relayState),
      message: `relay state ${show(relayState)} is invalid; expected a URL of 1–240 characters, e.g. "https://console.aws.amazon.com/s3/home", or omit it`,
    },
    {
      condition:
        sessionDuration !== undefined &&
        !(sessionDuration.isValid && sessionDuration.totalMinutes >= L.MIN_SESSION_MINUTES && sessionDuration.totalMinutes <= L.MAX_SESSION_MINUTES),
      message: `session duration ${show(sessionDuration?.source)} is out of range; AWS accepts 1 to 12 hours, e.g. SessionDuration.hours(8) or "PT8H"`,
    },
  ];
  if (inlinePolicy && isKnown(inlinePolicy.json)) {
    const syntax = inlinePolicy.syntaxError;
    rules.push(
      {
        condition: syntax !== undefined,
        message: `inline policy is not valid JSON (${syntax}); pass an IAM policy document object, e.g. {"Version":"2012-10-17","Statement":[...]}`,
      },
      {
        condition:
          syntax === undefined &&
          (inlinePolicy.json.length > L.MAX_INLINE_POLICY_CHARS || inlinePolicy.nonWhitespaceLength > L.MAX_INLINE_POLICY_NON_WHITESPACE),
        message: `inline policy has ${inlinePolicy.nonWhitespaceLength} non-whitespace characters; AWS allows ${L.MAX_INLINE_POLICY_NON_WHITESPACE}; move statements into customer managed policies`,
      },
    );
  }
  const tagEntries = Object.entries(tags ?? {});
  rules.push({
    condition: tagEntries.length > L.MAX_TAGS,
    message: `${tagEntries.length} tags given; AWS allows ${L.MAX_TAGS} per permission set`,
  });
  for (const [key, value] of tagEntries) {
    rules.push(
      {
        condition: isKnown(key) && !L.TAG_KEY.test(key),
        message: `tag key ${show(key)} is invalid; expected 1–128 letters, digits, spaces or _.:/=+-@`,
      },
      {
        condition: isKnown(value) && !L.TAG_VALUE.test(value),
        message: `tag ${show(key)} has invalid value ${show(value)}; expected 0–256 letters, digits, spaces or _.:/=+-@`,
      },
    );
  }
  return rules;
}

/** Rules for the managed policies (and boundary) of a permission set. */
export function policyRules(policies: readonly ManagedPolicy[], boundary: ManagedPolicy | undefined): ValidationRule[] {
  const rules: ValidationRule[] = [
    {
      condition: policies.length > L.MAX_MANAGED_POLICIES,
      message: `${policies.length} managed policies given; AWS allows ${L.MAX_MANAGED_POLICIES} (AWS and customer managed together) per permission set; merge some into a customer managed policy`,
    },
  ];
  const seen = new Set<string>();
  for (const p of policies) {
    rules.push({
      condition: isKnown(p.key) && seen.has(p.key),
      message: `managed policy ${p} is attached twice; remove the duplicate`,
    });
    seen.add(p.key);
  }
  for (const [p, role] of [...policies.map((x) => [x, 'managed policy'] as const), ...(boundary ? [[boundary, 'permissions boundary'] as const] : [])]) {
    if (p.isAwsManaged) {
      rules.push({
        condition: isKnown(p.arn) && (!L.AWS_MANAGED_POLICY_ARN.test(p.arn!) || p.arn!.length > 2048),
        message: `${role} ARN ${show(p.arn)} is not an AWS managed policy ARN; expected arn:aws:iam::aws:policy/<name>, e.g. ManagedPolicy.aws("ReadOnlyAccess"); for your own policies use ManagedPolicy.customerManaged(name, path)`,
      });
    } else {
      rules.push(
        {
          condition: isKnown(p.name) && !L.CUSTOMER_POLICY_NAME.test(p.name!),
          message: `${role} name ${show(p.name)} is invalid; expected 1–128 characters of letters, digits and +=,.@_-`,
        },
        {
          condition: isKnown(p.path) && (!L.IAM_PATH.test(p.path!) || p.path!.length > L.MAX_IAM_PATH_LENGTH),
          message: `${role} path ${show(p.path)} is invalid; expected "/" or "/segments/" (begins and ends with a slash)`,
        },
      );
    }
  }
  return rules;
}

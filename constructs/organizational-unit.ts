import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { DataAwsOrganizationsOrganizationalUnitDescendantAccounts } from '@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit-descendant-accounts';
import { acceptAwsProviderRange } from './aws-provider-range';
import { ACCOUNT_ID, ORGANIZATIONAL_UNIT_ID, ROOT_ID } from './private/aws-limits';
import { isKnown, show, ValidationRule } from './validation';

/** Where the per-OU data sources live: one per stack, so every grant to an OU reads it once. */
const SCOPE_ID = 'OrganizationalUnitAccounts';

/**
 * The accounts of an organizational unit (`ou-…`) or of the root (`r-…`), at every depth, read at
 * plan time with `data "aws_organizations_organizational_unit_descendant_accounts"`. The data
 * source lists accounts of every status; assignments use only the ACTIVE ones (aws-behavior.md §6.5:
 * AWS fails an assignment in a suspended account). An empty OU lists none.
 */
export class OrganizationalUnitAccounts extends Construct {
  /** The one reader of `parentId` in the stack of `scope`, created on first use at `OrganizationalUnitAccounts/<id>`. */
  public static of(scope: IConstruct, parentId: string): OrganizationalUnitAccounts {
    const stack = TerraformStack.of(scope);
    const holder = (stack.node.tryFindChild(SCOPE_ID) as Construct | undefined) ?? new Construct(stack, SCOPE_ID);
    return (holder.node.tryFindChild(parentId) as OrganizationalUnitAccounts | undefined) ?? new OrganizationalUnitAccounts(holder, parentId);
  }

  public readonly parentId: string;
  public readonly resource: DataAwsOrganizationsOrganizationalUnitDescendantAccounts;

  private constructor(scope: Construct, parentId: string) {
    super(scope, parentId);
    acceptAwsProviderRange(this);
    this.parentId = parentId;
    this.resource = new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(this, 'Resource', { parentId });
  }
}

/** Checks a target that should be an OU or the root; shared by the L2 and the L3. */
export function organizationalUnitRules(id: string, existing: readonly string[]): ValidationRule[] {
  return [
    {
      condition: isKnown(id) && ACCOUNT_ID.test(id),
      message: `${show(id)} is an account id, not an organizational unit; list it in accounts`,
    },
    {
      condition: isKnown(id) && !ACCOUNT_ID.test(id) && !ORGANIZATIONAL_UNIT_ID.test(id) && !ROOT_ID.test(id),
      message: `organizational unit ${show(id)} is invalid; expected an OU id "ou-<4-32 letters/digits>-<8-32 letters/digits>" (e.g. "ou-ab12-cd34ef56") or the root "r-<4-32>" (e.g. "r-ab12"), as the Organizations console shows them`,
    },
    {
      condition: existing.includes(id),
      message: `organizational unit ${show(id)} is listed twice; list each once`,
    },
  ];
}

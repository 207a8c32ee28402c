import { Lazy } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { DataIdemeumAwsGroup } from './idemeum/data-aws-group';
import { IdemeumProvider } from './idemeum/provider';
import { PushedGroupResource } from './idemeum/pushed-group';
import { MAX_DISPLAY_NAME, RESERVED_GROUP_NAMES } from './private/aws-limits';
import type { PushedUser } from './pushed-user';
import { ownershipMarker } from './private/ownership-marker';
import { isKnown, show, validate } from './validation';

/** An AWS group that assignments and entitlements can reference by id. */
export interface IPushedGroup extends IConstruct {
  /** AWS group id. @attribute */
  readonly groupId: string;
  /** The group's display name in AWS (unique there). */
  readonly displayName: string;
}

export interface FromDisplayNameOptions {
  /**
   * How long plan waits for the group to appear in AWS, Go duration syntax.
   * @default "2m"
   */
  readonly timeout?: string;
}

export interface PushedGroupProps {
  /** Unique in AWS; `Administrator` and `AWSAdministrators` are reserved. */
  readonly displayName: string;
  /** @default - no members; add them with addMember */
  readonly members?: PushedUser[];
  /**
   * idemeum's group id; also how the provider recognises a group an interrupted apply created as
   * this one's (an object with another external_id is never taken over).
   * @default - `idemeum-aws-sso:<construct address>`, stable while the construct keeps its path
   */
  readonly externalId?: string;
  /**
   * Take over an AWS group that already has this name instead of failing.
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/** Checks a group display name against AWS's rules; shared with the L3. */
export function groupNameRules(displayName: string) {
  return [
    {
      condition: isKnown(displayName) && (displayName.trim() === '' || displayName.length > MAX_DISPLAY_NAME),
      message: `group display name ${show(displayName)} is invalid; expected 1–${MAX_DISPLAY_NAME} characters`,
    },
    {
      condition: isKnown(displayName) && RESERVED_GROUP_NAMES.some((r) => r.toLowerCase() === displayName.toLowerCase()),
      message: `group display name ${show(displayName)} is reserved by AWS (${RESERVED_GROUP_NAMES.join(', ')}); choose another name, e.g. "Admins"`,
    },
  ];
}

/**
 * A group pushed to AWS over SCIM, with its members. Its `groupId` is the AWS group id, so
 * assignments reference it directly: no display-name lookup, no race with an asynchronous push.
 */
export class PushedGroup extends Construct implements IPushedGroup {
  /**
   * A group pushed outside this stack (e.g. by idemeum's own group push), found by display name
   * with the waiting data source `idemeum_aws_group`. Never use this for a group this stack pushes.
   */
  public static fromDisplayName(scope: Construct, id: string, displayName: string, options: FromDisplayNameOptions = {}): IPushedGroup {
    class Import extends Construct implements IPushedGroup {
      public readonly displayName = displayName;
      public readonly groupId: string;
      constructor() {
        super(scope, id);
        validate(this, groupNameRules(displayName));
        const data = new DataIdemeumAwsGroup(this, 'Resource', {
          provider: IdemeumProvider.of(this),
          displayName,
          timeout: options.timeout,
        });
        this.groupId = data.id;
      }
    }
    return new Import();
  }

  public readonly groupId: string;
  public readonly displayName: string;
  public readonly resource: PushedGroupResource;
  private readonly memberList: PushedUser[] = [];

  constructor(scope: Construct, id: string, props: PushedGroupProps) {
    super(scope, id);
    validate(this, groupNameRules(props.displayName));
    this.displayName = props.displayName;
    this.resource = new PushedGroupResource(this, 'Resource', {
      provider: IdemeumProvider.of(this),
      displayName: props.displayName,
      externalId: props.externalId ?? ownershipMarker(this),
      adoptExisting: props.adoptExisting,
      // lazy, so members added after construction are pushed too; omitted while empty.
      members: Lazy.listValue({ produce: () => this.memberList.map((u) => u.userId) }, { omitEmpty: true }),
    });
    this.groupId = this.resource.id;
    for (const user of props.members ?? []) this.addMember(user);
  }

  /** Adds a member; a user can be added once. */
  public addMember(user: PushedUser): void {
    validate(this, [
      {
        condition: this.memberList.includes(user),
        message: `user ${show(user.userName)} (${user.node.path}) is already a member of ${show(this.displayName)}; add each user once`,
      },
    ]);
    this.memberList.push(user);
  }

  public get members(): readonly PushedUser[] {
    return [...this.memberList];
  }
}

import { Construct, IConstruct } from 'constructs';
import { IdemeumProvider } from './idemeum/provider';
import { PushedUserResource } from './idemeum/pushed-user';
import { EMAIL, MAX_DISPLAY_NAME, RESERVED_GROUP_NAMES } from './private/aws-limits';
import { ownershipMarker } from './private/ownership-marker';
import { isKnown, show, validate } from './validation';

/** What removing a user from the configuration does in AWS. */
export class Deprovision {
  /** Delete the AWS user; its assignments stop working and a re-created user gets a new id. */
  public static readonly DELETE = new Deprovision('delete');
  /** Keep the AWS user but set it inactive, so it cannot sign in. */
  public static readonly DEACTIVATE = new Deprovision('deactivate');
  private constructor(public readonly value: string) {}
}

export interface PushedUserProps {
  /** The user's email address; AWS `userName`. */
  readonly userName: string;
  readonly givenName: string;
  readonly familyName: string;
  /** @default - "givenName familyName" */
  readonly displayName?: string;
  /** Primary work email. @default - the userName */
  readonly email?: string;
  /** @default true */
  readonly active?: boolean;
  /**
   * idemeum's user id; also how the provider recognises a user an interrupted apply created as
   * this one's (an object with another external_id is never taken over).
   * @default - `idemeum-aws-sso:<construct address>`, stable while the construct keeps its path
   */
  readonly externalId?: string;
  /** @default Deprovision.DELETE */
  readonly deprovision?: Deprovision;
}

/** An AWS user that assignments can reference by id. */
export interface IPushedUser extends IConstruct {
  /** AWS user id (= Identity Store UserId). @attribute */
  readonly userId: string;
  /** The user's AWS user name (unique there). */
  readonly userName: string;
}

/** A user pushed to AWS IAM Identity Center over SCIM by the idemeum provider. */
export class PushedUser extends Construct implements IPushedUser {
  /** AWS user id (= Identity Store UserId), known after apply. */
  public readonly userId: string;
  public readonly userName: string;
  public readonly resource: PushedUserResource;

  constructor(scope: Construct, id: string, props: PushedUserProps) {
    super(scope, id);
    const displayName = props.displayName ?? `${props.givenName} ${props.familyName}`;
    validate(this, [
      {
        condition: isKnown(props.userName) && !EMAIL.test(props.userName),
        message: `user name ${show(props.userName)} is not an email address; idemeum pushes users by email, e.g. "jane@example.com"`,
      },
      {
        condition: isKnown(props.email) && !EMAIL.test(props.email),
        message: `email ${show(props.email)} is not an email address; fix it or omit it to use the user name`,
      },
      {
        condition: isKnown(props.userName) && RESERVED_GROUP_NAMES.some((r) => r.toLowerCase() === props.userName.toLowerCase()),
        message: `user name ${show(props.userName)} is reserved by AWS; use the person's email address`,
      },
      ...(['givenName', 'familyName'] as const).map((field) => ({
        condition: isKnown(props[field]) && props[field].trim() === '',
        message: `${field} is empty; AWS does not provision users without a given name, family name and display name`,
      })),
      {
        condition: isKnown(displayName) && (displayName.trim() === '' || displayName.length > MAX_DISPLAY_NAME),
        message: `display name ${show(displayName)} is invalid; expected 1–${MAX_DISPLAY_NAME} characters`,
      },
    ]);
    this.userName = props.userName;
    this.resource = new PushedUserResource(this, 'Resource', {
      provider: IdemeumProvider.of(this),
      userName: props.userName,
      displayName,
      givenName: props.givenName,
      familyName: props.familyName,
      email: props.email,
      active: props.active,
      externalId: props.externalId ?? ownershipMarker(this),
      deprovision: props.deprovision?.value,
    });
    this.userId = this.resource.id;
  }
}

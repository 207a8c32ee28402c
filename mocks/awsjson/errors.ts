/**
 * The one error table of the awsJson 1.1 surfaces (SSO Admin, Identity Store, Organizations). AWS documents
 * 403/404/409/429 in its models, but the live services answer every client error with HTTP 400
 * (Conflict and Throttling observed; aws-behavior.md §3.2) and SDKs key off the type, so the
 * status lives here, once.
 */
export const ERROR_STATUS = {
  ValidationException: 400,
  ResourceNotFoundException: 400,
  ConflictException: 400,
  ThrottlingException: 400,
  ServiceQuotaExceededException: 400,
  AccessDeniedException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  InternalServerException: 500,
  // Organizations: every client error is 400 (observed for AWSOrganizationsNotInUseException; aws-behavior.md §6.3).
  AWSOrganizationsNotInUseException: 400,
  AccountNotFoundException: 400,
  ChildNotFoundException: 400,
  ParentNotFoundException: 400,
  OrganizationalUnitNotFoundException: 400,
  SourceParentNotFoundException: 400,
  DestinationParentNotFoundException: 400,
  DuplicateAccountException: 400,
  InvalidInputException: 400,
  TooManyRequestsException: 400,
  ServiceException: 500,
} as const;

export type AwsErrorType = keyof typeof ERROR_STATUS;

/** An error the emulator answers as `{"__type": type, "Message": …, ...fields}` with `x-amzn-errortype`. */
export class AwsJsonError extends Error {
  readonly status: number;
  constructor(
    readonly type: AwsErrorType,
    message: string,
    /** Extra members of the error shape (Reason, ResourceType, ResourceId …). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = type;
    this.status = ERROR_STATUS[type];
  }
}

export class ValidationException extends AwsJsonError {
  constructor(message: string, fields?: Record<string, string>) {
    super('ValidationException', message, fields);
  }
}

export class ResourceNotFoundException extends AwsJsonError {
  constructor(message: string, fields?: Record<string, string>) {
    super('ResourceNotFoundException', message, fields);
  }
}

export class ConflictException extends AwsJsonError {
  constructor(message: string, fields?: Record<string, string>) {
    super('ConflictException', message, fields);
  }
}

export class ServiceQuotaExceededException extends AwsJsonError {
  constructor(message: string) {
    super('ServiceQuotaExceededException', message);
  }
}

export class ThrottlingException extends AwsJsonError {
  constructor(message = 'Rate exceeded') {
    super('ThrottlingException', message);
  }
}

export class SerializationException extends AwsJsonError {
  constructor(message: string) {
    super('SerializationException', message);
  }
}

export class UnknownOperationException extends AwsJsonError {
  constructor(message: string) {
    super('UnknownOperationException', message);
  }
}

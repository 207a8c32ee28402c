import { Token } from 'cdktf';
import { IConstruct } from 'constructs';

/** One validation rule: when `condition` holds, `message` says what is wrong and how to fix it. */
export interface ValidationRule {
  readonly condition: boolean;
  readonly message: string;
}

const VALIDATION_ERROR = Symbol.for('idemeum-aws-sso.ValidationError');

/**
 * Thrown from a construct's constructor when its props are invalid. Carries the construct path
 * and every failed rule, so one synth reports all problems of a construct at once.
 */
export class ValidationError extends Error {
  /** `instanceof` breaks across duplicate package copies; this brand does not. */
  public static isValidationError(x: unknown): x is ValidationError {
    return typeof x === 'object' && x !== null && VALIDATION_ERROR in x;
  }

  public readonly constructPath: string;
  public readonly problems: readonly string[];

  constructor(scope: IConstruct, problems: readonly string[]) {
    super(
      problems.length === 1
        ? `${scope.node.path}: ${problems[0]}`
        : `${scope.node.path}: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
    this.problems = problems;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/** Throws one ValidationError listing every rule whose condition holds. */
export function validate(scope: IConstruct, rules: readonly ValidationRule[]): void {
  const problems = rules.filter((r) => r.condition).map((r) => r.message);
  if (problems.length > 0) throw new ValidationError(scope, problems);
}

/** True for a value we can check now: present and not a token that resolves at apply time. */
export function isKnown<T>(value: T | undefined): value is T {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Quotes a value for a message; long values are shortened so errors stay readable. */
export function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

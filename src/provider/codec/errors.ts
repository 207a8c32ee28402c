import type { PathStep } from './path';
import { formatPath } from './path';

/** A value does not conform to the schema type; `path` says where, like cty's path errors. */
export class CodecError extends Error {
  override readonly name = 'CodecError';
  constructor(
    readonly path: PathStep[],
    readonly reason: string,
  ) {
    super(path.length ? `${formatPath(path)}: ${reason}` : reason);
  }
}

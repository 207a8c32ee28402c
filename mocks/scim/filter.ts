import { ValidationError } from './errors';

export interface EqClause {
  readonly attribute: string;
  readonly value: string;
}

const UNSUPPORTED_FILTER = 'Unsupported filter. Only the "eq" operator, with "and" between the documented attribute pairs, is supported.';

/**
 * Parses AWS's SCIM filter subset: `attr eq "value"` or two such clauses joined by `and`.
 * Operators are case-insensitive as in RFC 7644; everything else (or, not, co, sw, pr, grouping,
 * unquoted values) is a 400, as AWS documents.
 */
export function parseFilter(filter: string): EqClause[] {
  const tokens = tokenize(filter);
  const clauses: EqClause[] = [];
  let i = 0;
  for (;;) {
    const [attr, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (attr?.kind !== 'word' || op?.kind !== 'word' || op.text.toLowerCase() !== 'eq' || value?.kind !== 'string') {
      throw new ValidationError(UNSUPPORTED_FILTER);
    }
    clauses.push({ attribute: attr.text, value: value.text });
    i += 3;
    if (i === tokens.length) break;
    const joiner = tokens[i];
    if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and' || clauses.length === 2) throw new ValidationError(UNSUPPORTED_FILTER);
    i += 1;
  }
  return clauses;
}

type Token = { kind: 'word' | 'string'; text: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (c === ' ') {
      i += 1;
    } else if (c === '"') {
      let text = '';
      i += 1;
      for (;;) {
        if (i >= filter.length) throw new ValidationError('Unterminated string in filter.');
        const d = filter[i];
        if (d === '\\' && i + 1 < filter.length) {
          text += filter[i + 1];
          i += 2;
        } else if (d === '"') {
          i += 1;
          break;
        } else {
          text += d;
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text });
    } else {
      const match = /^[A-Za-z][\w.$:-]*/.exec(filter.slice(i));
      if (!match) throw new ValidationError(UNSUPPORTED_FILTER);
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

/**
 * Checks the clauses form one of the allowed shapes and returns them keyed by attribute.
 * `shapes` lists single attributes and unordered pairs, e.g. ['userName', ['id', 'manager']].
 */
export function matchShape(clauses: EqClause[], shapes: ReadonlyArray<string | readonly [string, string]>): Map<string, string> {
  const byAttr = new Map(clauses.map((c) => [c.attribute, c.value]));
  const ok = shapes.some((shape) => {
    if (typeof shape === 'string') return clauses.length === 1 && byAttr.has(shape);
    return clauses.length === 2 && byAttr.size === 2 && byAttr.has(shape[0]) && byAttr.has(shape[1]);
  });
  if (!ok) throw new ValidationError(`Unsupported filter on ${clauses.map((c) => c.attribute).join(' and ')}. ${UNSUPPORTED_FILTER}`);
  return byAttr;
}

import { randomBytes, randomUUID } from 'node:crypto';

/** Id generation is injected so tests can make ids deterministic. */
export interface IdGenerator {
  uuid(): string;
  hex(length: number): string;
}

export const randomIds: IdGenerator = {
  uuid: () => randomUUID(),
  hex: (length) => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length),
};

/** Deterministic ids for snapshot-style tests: a counter rendered as a UUID. */
export function sequentialIds(seed = 1): IdGenerator {
  let n = seed;
  return {
    uuid: () => {
      const h = (n++).toString(16).padStart(32, '0');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    hex: (length) => (n++).toString(16).padStart(length, '0').slice(-length),
  };
}

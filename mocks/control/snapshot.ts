import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { EmulatorState, type EmulatorStateInit, type Membership, type ScimToken, type StoredGroup, type StoredUser } from '../store';
import { decode, encode, redact, refill, toPlain } from './codec';
import { faultsOf } from './faults';

/** Store sections other surfaces own; saved and dumped generically so their new fields come along. */
const DIRECTORY_SECTION = 'directory';
const STATE_FILE_VERSION = 1;

function otherSections(state: EmulatorState): Array<[string, Record<string, unknown>]> {
  return Object.entries(state).filter(
    ([key, value]) => key !== DIRECTORY_SECTION && key !== 'options' && key !== 'clock' && key !== 'ids' && value !== null && typeof value === 'object',
  ) as Array<[string, Record<string, unknown>]>;
}

function memberships(state: EmulatorState): Membership[] {
  return [...state.directory.memberships.values()].flatMap((m) => [...m.values()]);
}

/** GET /_fake/state: everything the emulator holds, except secrets (token secrets, keys). */
export function dumpState(state: EmulatorState): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  for (const [key, value] of otherSections(state)) sections[key] = redact(toPlain(value));
  return {
    region: state.options.region,
    identityStoreId: state.identityStoreId,
    tenantId: state.tenantId,
    instanceArn: state.instanceArn,
    endpoint: state.endpoint ?? null,
    directory: {
      users: [...state.directory.users.values()].map((u) => redact(toPlain(u))),
      groups: [...state.directory.groups.values()].map((g) => toPlain(g)),
      memberships: memberships(state),
      scimTokens: state.directory.scimTokens.describe(),
    },
    ...sections,
    faults: faultsOf(state).map((f) => ({ ...f })),
  };
}

export class StateFileError extends Error {}

/** Writes the state file atomically, readable by its owner only (it holds the SCIM token secrets). */
export function saveStateFile(state: EmulatorState, file: string): void {
  const sections: Record<string, unknown> = {};
  for (const [key, value] of otherSections(state)) sections[key] = encode(value);
  const body = {
    version: STATE_FILE_VERSION,
    region: state.options.region,
    identityStoreId: state.identityStoreId,
    tenantId: state.tenantId,
    instanceArn: state.instanceArn,
    directory: {
      users: encode([...state.directory.users.values()]),
      groups: encode([...state.directory.groups.values()]),
      memberships: memberships(state),
      tokens: encode([...state.directory.tokens.values()]),
    },
    sections,
  };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Builds a state from a saved file; identifiers come from the file so printed URLs stay valid. */
export function loadStateFile(file: string, init: EmulatorStateInit = {}): EmulatorState {
  let saved: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StateFileError(`cannot read state file ${file}: ${(err as Error).message}. Delete it to start empty.`);
  }
  if (saved?.version !== STATE_FILE_VERSION) {
    throw new StateFileError(`state file ${file} has version ${String(saved?.version)}, expected ${STATE_FILE_VERSION}. Delete it to start empty.`);
  }
  const state = new EmulatorState({
    ...init,
    region: saved.region,
    identityStoreId: saved.identityStoreId,
    tenantId: saved.tenantId,
    instanceArn: saved.instanceArn,
  });
  try {
    for (const u of decode(saved.directory.users) as StoredUser[]) state.directory.restoreUser(u);
    for (const g of decode(saved.directory.groups) as StoredGroup[]) state.directory.restoreGroup(g);
    for (const m of saved.directory.memberships as Membership[]) state.directory.restoreMembership(m);
    for (const t of decode(saved.directory.tokens) as ScimToken[]) state.directory.scimTokens.restore(t);
    const target = state as unknown as Record<string, Record<string, unknown>>;
    for (const [key, value] of Object.entries(saved.sections ?? {})) {
      if (target[key] && typeof target[key] === 'object') refill(target[key], decode(value) as Record<string, unknown>);
    }
    // Files written before the organization kept the account registry in the SSO section.
    const legacyAccounts = decode(saved.sections?.sso?.accounts);
    if (legacyAccounts instanceof Set) for (const id of legacyAccounts) state.organization.addAccount(String(id));
  } catch (err) {
    throw new StateFileError(`state file ${file} is inconsistent: ${(err as Error).message}. Delete it to start empty.`);
  }
  return state;
}

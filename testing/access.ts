import type { AccessGrant, AccessReport } from '../src/access';

export type { AccessGrant, AccessReport } from '../src/access';

/** The (account, permission set) pairs a user reaches, and through which groups ('direct' for a user grant). */
export function accessOf(report: AccessReport, userName: string): AccessGrant[] {
  return report.grants.filter((g) => g.userName.toLowerCase() === userName.toLowerCase());
}

/** Whether `userName` can reach `accountId` with `permissionSet` (user names compare as AWS does, ignoring case). */
export function canAccess(report: AccessReport, userName: string, accountId: string, permissionSet: string): boolean {
  return accessOf(report, userName).some((g) => g.accountId === accountId && g.permissionSet === permissionSet);
}

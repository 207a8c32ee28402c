import type { AccessGrant, AccessReport } from './model';

function groupByUser(grants: readonly AccessGrant[]): Map<string, AccessGrant[]> {
  const byUser = new Map<string, AccessGrant[]>();
  for (const g of grants) byUser.set(g.userName, [...(byUser.get(g.userName) ?? []), g]);
  return byUser;
}

/** A Markdown table: user, account, permission set, through. */
export function renderMarkdown(report: AccessReport): string {
  const lines = ['| user | account | permission set | through |', '|---|---|---|---|'];
  for (const g of report.grants) lines.push(`| ${g.userName} | ${g.accountId} | ${g.permissionSet} | ${g.via.join(', ')} |`);
  if (report.grants.length === 0) lines.push('| (nobody) | | | |');
  if (report.inactiveUsers.length) lines.push('', `Disabled users (assignments unusable): ${report.inactiveUsers.join(', ')}`);
  for (const d of report.dangling) {
    lines.push('', `Dangling assignment on ${d.assignment.accountId}: ${d.problem}`);
  }
  return lines.join('\n') + '\n';
}

/** The same report as plain text for a terminal, one block per user. */
export function renderText(report: AccessReport): string {
  const out: string[] = [];
  for (const [user, grants] of groupByUser(report.grants)) {
    out.push(user);
    for (const g of grants) out.push(`  ${g.accountId}  ${g.permissionSet.padEnd(24)} via ${g.via.join(', ')}`);
  }
  if (out.length === 0) out.push('(nobody can reach any account)');
  if (report.inactiveUsers.length) out.push(`disabled: ${report.inactiveUsers.join(', ')}`);
  for (const d of report.dangling) out.push(`dangling assignment on ${d.assignment.accountId}: ${d.problem}`);
  return out.join('\n') + '\n';
}

export function renderJson(report: AccessReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export { renderHtml } from './render-html';

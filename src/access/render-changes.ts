import type { AccessChangeReport } from './change-report';

/** Rows or names beyond this fold into a `<details>` block, so a pull-request comment stays readable. */
const FOLD_AFTER = 15;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** A table cell or inline text: pipes, HTML and code marks cannot break the comment (GFM leaves intraword `_` alone). */
const cell = (s: string) => s.replace(/[\\|<>`]/g, (c) => `\\${c}`);
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function fold(summary: string, body: string[], count: number): string[] {
  return count > FOLD_AFTER ? ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'] : body;
}

function names(list: readonly string[]): string {
  return list.length === 0 ? 'nobody yet' : list.map(cell).join(', ');
}

/** One line: what changes, in counts. */
export function summaryLine(report: AccessChangeReport): string {
  const { gains, losses, usersAdded, usersRemoved } = report.summary;
  const parts = [`**${plural(gains, 'gain')}, ${plural(losses, 'loss', 'losses')}**`];
  if (usersAdded) parts.push(`${plural(usersAdded, 'user')} added`);
  if (usersRemoved) parts.push(`${plural(usersRemoved, 'user')} removed`);
  if (report.policyChanges.length) parts.push(`${plural(report.policyChanges.length, 'permission set')} with changed policies`);
  if (report.unresolved.length) parts.push(`${report.unresolved.length} unresolved`);
  return parts.join(' · ');
}

/** The report as a pull-request comment: a summary line, a table, then the details. */
export function renderChangesMarkdown(report: AccessChangeReport, title = 'AWS access changes'): string {
  const out = [`### ${title}`, ''];
  const nothing = report.changes.length === 0 && report.policyChanges.length === 0 && report.unresolved.length === 0;
  out.push(nothing ? '**No access changes.**' : summaryLine(report), '');

  if (report.changes.length > 0) {
    const table = ['| user | change | account | permission set | via |', '|---|---|---|---|---|'];
    for (const c of report.changes) {
      table.push(`| ${cell(c.user)} | ${c.change === 'gain' ? '➕ gains' : '➖ loses'} | ${c.account} | ${cell(c.permissionSet)} | ${c.via.map(cell).join(', ')} |`);
    }
    out.push(...fold(plural(report.changes.length, 'access change'), table, report.changes.length), '');
  }

  for (const p of report.policyChanges) {
    const line = `**Policies change** in ${code(p.permissionSet)}, reaching ${plural(p.reaches.length, 'user')}:`;
    out.push(...fold(line, [line, names(p.reaches)], p.reaches.length), '');
  }

  const d = report.details;
  const lists: [string, readonly string[]][] = [
    ['Users added', d.usersAdded],
    ['Users removed', d.usersRemoved],
    ['Accounts newly reachable', d.accountsNewlyReachable],
    ['Membership changes', d.membershipChanges.map((m) => `${m.user} ${m.change === 'added' ? 'joins' : 'leaves'} ${m.group}`)],
    ['Same access through another path', d.viaChanges.map((v) => `${v.user}: ${v.permissionSet} on ${v.account} via ${v.before.join(', ')} → ${v.after.join(', ')}`)],
  ];
  for (const [label, items] of lists) {
    if (items.length === 0) continue;
    const body = [`**${label}:** ${items.map(cell).join('; ')}`];
    out.push(...fold(`${label} (${items.length})`, body, items.length), '');
  }

  if (report.unresolved.length > 0) {
    out.push('**Not known until apply** (not counted above; check these by hand):', '', ...report.unresolved.map((u) => `- ${cell(u)}`), '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** The JSON contract of `access-diff` (DESIGN.md §5), plus `details`. */
export function renderChangesJson(report: AccessChangeReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

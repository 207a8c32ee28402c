import { escapeHtml as e, renderPage } from '../html';
import type { AccessGrant, AccessReport } from './model';

const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:1.5rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#16191f;background:#fff}
main{max-width:72rem;margin:0 auto}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%}
caption{text-align:left;color:#5f6b7a;padding-bottom:.5rem}
th,td{border:1px solid #d5dbdb;padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:#f2f3f3}
tbody th{font-weight:600;white-space:nowrap}
td ul{list-style:none;margin:0;padding:0}
td.none{color:#8d99a8}
.via{color:#5f6b7a;font-size:.875rem}
`.trim();

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** Users down, accounts across, the permission sets each user holds in each account in the cells. */
function matrix(report: AccessReport): string {
  const accounts = [...new Set(report.grants.map((g) => g.accountId))].sort();
  const users = byKey(report.grants, (g) => g.userName);
  if (users.size === 0) return '<p>Nobody can reach any account.</p>';
  const head = accounts.map((a) => `<th scope="col">${e(a)}</th>`).join('');
  const rows = [...users.entries()].map(([user, grants]) => {
    const inAccount = byKey(grants, (g) => g.accountId);
    const cells = accounts.map((a) => {
      const held = inAccount.get(a) ?? [];
      if (held.length === 0) return `<td class="none" data-account="${e(a)}"><span aria-label="no access">–</span></td>`;
      return `<td data-account="${e(a)}"><ul>${held.map((g) => `<li data-permission-set="${e(g.permissionSet)}">${e(g.permissionSet)} <span class="via">via ${e(g.via.join(', '))}</span></li>`).join('')}</ul></td>`;
    });
    return `<tr data-user="${e(user)}"><th scope="row">${e(user)}</th>${cells.join('')}</tr>`;
  });
  return (
    `<table id="matrix">\n<caption>Permission sets each user holds in each AWS account (through groups or directly)</caption>\n` +
    `<thead><tr><th scope="col">user</th>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
  );
}

function row(g: AccessGrant): string {
  return `<tr><td>${e(g.userName)}</td><td>${e(g.accountId)}</td><td>${e(g.permissionSet)}</td><td>${e(g.via.join(', '))}</td></tr>`;
}

/**
 * The report as a page readable from disk: the matrix first, then every grant with the principals
 * it comes through. No script; the policy in the page allows only its own style.
 */
export function renderHtml(report: AccessReport, title = 'Effective AWS access'): string {
  const notes = [
    ...(report.inactiveUsers.length ? [`<p>Disabled users (their assignments cannot be used): ${e(report.inactiveUsers.join(', '))}</p>`] : []),
    ...report.dangling.map((d) => `<p>Dangling assignment on ${e(d.assignment.accountId)}: ${e(d.problem)}</p>`),
  ].join('\n');
  const body =
    `<main>\n<h1>${e(title)}</h1>\n${matrix(report)}\n` +
    `<h2>Every grant</h2>\n<table id="grants">\n<caption>One row per user, account and permission set</caption>\n` +
    `<thead><tr><th scope="col">user</th><th scope="col">account</th><th scope="col">permission set</th><th scope="col">through</th></tr></thead>\n` +
    `<tbody>\n${report.grants.map(row).join('\n')}\n</tbody>\n</table>\n${notes}\n</main>`;
  return renderPage({ title, css: CSS, body, policyInMeta: true }).html;
}

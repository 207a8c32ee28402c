import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One fenced block of a README section: a command block (`sh`) or a file to write (`<lang> file=<name>`). */
export type GuideBlock = { readonly kind: 'sh'; readonly text: string } | { readonly kind: 'file'; readonly name: string; readonly text: string };

/**
 * The fenced blocks of the README section headed `## <heading>`, in order. Blocks that are neither
 * `sh` nor carry `file=` (sample output) are not part of what is run.
 */
export function guideBlocks(heading: string, readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8')): GuideBlock[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const next = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, next < 0 ? undefined : next);
  const blocks: GuideBlock[] = [];
  for (const m of section.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const [, lang, info, text] = m;
    const file = /\bfile=(\S+)/.exec(info ?? '')?.[1];
    if (file) blocks.push({ kind: 'file', name: file, text: text ?? '' });
    else if (lang === 'sh') blocks.push({ kind: 'sh', text: text ?? '' });
  }
  return blocks;
}

export const BLOCK_MARKER = '::guide-block::';

/**
 * One bash script that writes the files and runs the commands in order, in one shell (so an
 * `export` or `. ./file` carries over, as for a reader typing them). After each command block it
 * prints a marker and runs `hook <index>`; background jobs are stopped on exit.
 */
export function guideScript(blocks: readonly GuideBlock[], hook: string): string {
  const lines = ['set -eo pipefail', 'trap \'kill $(jobs -p) 2>/dev/null || true\' EXIT'];
  blocks.forEach((b, i) => {
    if (b.kind === 'file') {
      const fence = 'IDEMEUM_GUIDE_EOF';
      if (b.text.includes(fence)) throw new Error(`${b.name} contains ${fence}`);
      lines.push(`cat > '${b.name}' <<'${fence}'`, b.text.replace(/\n$/, ''), fence);
    } else {
      lines.push(`echo '${BLOCK_MARKER}${i}'`, b.text.replace(/\n$/, ''), `${hook} ${i}`);
    }
  });
  lines.push(`echo '${BLOCK_MARKER}end'`);
  return lines.join('\n') + '\n';
}

/** Splits the script's combined output into what each command block printed, by block index. */
export function outputByBlock(output: string): Map<string, string> {
  const parts = new Map<string, string>();
  let current = 'preamble';
  let text: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith(BLOCK_MARKER)) {
      parts.set(current, text.join('\n'));
      current = line.slice(BLOCK_MARKER.length);
      text = [];
    } else {
      text.push(line);
    }
  }
  parts.set(current, text.join('\n'));
  return parts;
}

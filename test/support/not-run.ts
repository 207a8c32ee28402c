/**
 * `describe` that, when a prerequisite is missing, reports the suite as skipped with the reason in
 * its title and writes `NOT RUN: <suite> — <reason>` on stderr: it never passes silently.
 */
export function describeOrReport(label: string, name: string, reason: string | undefined, body: () => void): void {
  if (reason !== undefined) {
    process.stderr.write(`[${label}] NOT RUN: "${name}" — ${reason}\n`);
    describe(name, () => {
      test.skip(`not run: ${reason}`, () => undefined);
    });
    return;
  }
  describe(name, body);
}

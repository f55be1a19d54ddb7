// Prints the plain closing lines of the whole run from vitest's JSON reports: each failed test with the first line
// of its error (so the end of a long log, which is often all a CI shows, names what failed), then 'N passed, N failed'.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let passed = 0,
  failed = 0,
  skipped = 0,
  missing = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    missing++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  for (const f of r.testResults ?? []) {
    const where = path.relative(process.cwd(), f.name);
    for (const a of f.assertionResults ?? []) {
      if (a.status !== 'failed') continue;
      const why = String(a.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 300);
      failures.push(`FAILED ${where} > ${a.fullName ?? a.title}\n       ${why}`);
    }
    // A file that failed outside any test (import error, hook timeout) has no failed assertion to name.
    if (f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')) {
      failures.push(
        `FAILED ${where} (outside a test)\n       ${String(f.message ?? '')
          .split('\n')[0]
          .slice(0, 300)}`,
      );
    }
  }
}
for (const line of failures) console.log(line);
if (missing) console.log(`${missing} test report(s) missing: a tier did not run`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || missing || failures.length || passed === 0 ? 1 : 0);

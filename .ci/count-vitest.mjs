// Reads a vitest JSON report and prints "<passed> <failed>" on stdout. A test file that failed
// without a failing test (an import error, a crashed hook) counts as one failure; a missing or
// unreadable report counts as one failure. The names and first message lines of what failed go to
// stderr, so the end of the CI log says which tests failed, not only how many.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const firstLines = (messages) => (messages ?? []).join('\n').split('\n').slice(0, 6).map((l) => `      ${l}`).join('\n');
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    const failing = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failing) console.error(`  FAILED ${suite.name} > ${a.fullName}\n${firstLines(a.failureMessages)}`);
    if (suite.status === 'failed' && failing.length === 0) {
      failed += 1;
      console.error(`  FAILED ${suite.name} (outside any test)\n${firstLines([suite.message ?? ''])}`);
    }
  }
  if (report.success === false && failed === 0) failed = 1; // e.g. an error outside any test
  console.log(`${passed} ${failed}`);
} catch (error) {
  console.error(`count-vitest: no readable report at ${file}: ${error.message}`);
  console.log('0 1');
}

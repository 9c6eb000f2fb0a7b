// Reads a vitest JSON report and prints "<passed> <failed>". A test file that failed without a
// failing test (an import error, a crashed hook) counts as one failure; a missing or unreadable
// report counts as one failure.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    const failedHere = (suite.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (suite.status === 'failed' && failedHere === 0) failed += 1;
  }
  if (report.success === false && failed === 0) failed = 1; // e.g. an error outside any test
  console.log(`${passed} ${failed}`);
} catch (error) {
  console.error(`count-vitest: no readable report at ${file}: ${error.message}`);
  console.log('0 1');
}

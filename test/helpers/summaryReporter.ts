/**
 * Ends every run with one plain line, `tests: N passed, N failed, N skipped`, which CI reads to
 * know how many tests ran (Vitest's own summary is not a format it reads). The line agrees with
 * the exit status: an unhandled error (a rejection after a test ended, say) fails the run even
 * when every test passed, so each counts as a failure and is named on a line of its own before
 * the summary; a run that failed for any other reason never reports 0 failed.
 */
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

/** One line naming an unhandled error: its kind, name, message and the test file it came from. */
function describeError(e: SerializedError): string {
  const kind = typeof e.type === 'string' ? `${e.type}: ` : '';
  const where = typeof e.VITEST_TEST_PATH === 'string' ? ` (${e.VITEST_TEST_PATH})` : '';
  return `unhandled error: ${kind}${e.name ?? 'Error'}: ${e.message.split('\n')[0]}${where}`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = [], reason?: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++; // a file that failed to load
    }
    const lines = unhandledErrors.map(describeError);
    failed += unhandledErrors.length;
    if (reason === 'failed' && failed === 0) {
      lines.push('run failed without a failing test (see the output above)');
      failed = 1;
    }
    process.stdout.write(`\n${lines.map((l) => `${l}\n`).join('')}tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

/**
 * The summary line CI reads must agree with the exit status: an unhandled error (which makes
 * Vitest exit 1 even when every test passed) counts as a failure and is named on its own line.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SerializedError } from 'vitest';
import type { TestModule } from 'vitest/node';
import SummaryReporter from '../../helpers/summaryReporter';

type State = 'passed' | 'failed' | 'skipped' | 'pending';

/** A stand-in for a finished test file: just what the reporter reads. */
function fakeModule(states: State[], moduleState: 'passed' | 'failed' = states.includes('failed') ? 'failed' : 'passed'): TestModule {
  const tests = states.map((state) => ({ result: () => ({ state }) }));
  return { state: () => moduleState, children: { allTests: () => tests.values() } } as unknown as TestModule;
}

function summary(modules: TestModule[], errors: SerializedError[] = [], reason: 'passed' | 'failed' | 'interrupted' = 'passed'): string {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  new SummaryReporter().onTestRunEnd(modules, errors, reason);
  const out = write.mock.calls.map(([chunk]) => String(chunk)).join('');
  write.mockRestore();
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('SummaryReporter', () => {
  it('counts passed, failed and skipped tests, and a file that failed to load as one failure', () => {
    const out = summary([fakeModule(['passed', 'passed', 'skipped']), fakeModule(['failed', 'passed']), fakeModule([], 'failed')]);
    expect(out).toContain('tests: 3 passed, 2 failed, 1 skipped\n');
  });

  it('counts each unhandled error as a failure and names it, so the line agrees with the exit status', () => {
    const error: SerializedError = { name: 'Error', message: 'Connection is closed.', type: 'Unhandled Rejection', VITEST_TEST_PATH: 'test/integration/sockets/scaleout.test.ts' };
    const out = summary([fakeModule(['passed', 'passed'])], [error], 'failed');
    expect(out).toContain('tests: 2 passed, 1 failed, 0 skipped\n');
    expect(out).toMatch(/unhandled error: Unhandled Rejection: Error: Connection is closed\. \(test\/integration\/sockets\/scaleout\.test\.ts\)/);
  });

  it('prints no unhandled-error line when there were none', () => {
    expect(summary([fakeModule(['passed'])])).toBe('\ntests: 1 passed, 0 failed, 0 skipped\n');
  });
});

describe('SummaryReporter when the run failed for another reason', () => {
  it('never prints 0 failed for a failed run', () => {
    const out = summary([fakeModule(['passed'])], [], 'failed');
    expect(out).toContain('tests: 1 passed, 1 failed, 0 skipped\n');
    expect(out).toContain('run failed without a failing test');
  });
});

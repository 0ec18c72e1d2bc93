import { useState } from 'react';
import type { RunError, RunResult, RunState, TestResult, TestStatus } from '@duet/shared';
import { diffLines, pretty } from './json-diff';

const STATUS_TEXT: Record<TestStatus, string> = {
  pass: 'Passed',
  fail: 'Wrong answer',
  error: 'Error',
  timeout: 'Time limit',
  memory: 'Memory limit',
  'output-limit': 'Output limit',
};

const VISIBILITY_TEXT = { example: 'Example', custom: 'Your case', hidden: 'Hidden' } as const;

export interface ResultsPanelProps {
  runs: RunResult[];
  runState: RunState;
  /** Full results (hidden tests' details) for interviewers, by run id. */
  details: Record<string, RunResult>;
  onJump: (line: number, column?: number) => void;
  notice: string | null;
}

function ErrorLine({ error, onJump }: { error: RunError; onJump: (line: number, column?: number) => void }) {
  return (
    <div className="run-error">
      <pre>{error.message}</pre>
      {error.line && (
        <button type="button" className="link-button" onClick={() => onJump(error.line!, error.column)} data-testid="jump-to-line">
          Line {error.line}
          {error.column ? `, column ${error.column}` : ''} →
        </button>
      )}
    </div>
  );
}

function Diff({ expected, actual }: { expected: unknown; actual: unknown }) {
  const d = diffLines(expected, actual);
  return (
    <div className="diff">
      <div>
        <div className="muted small">Expected</div>
        <pre data-testid="expected">
          {d.expected.map((l, i) => (
            <div key={i} className={l.changed ? 'diff-changed' : undefined}>
              {l.text || ' '}
            </div>
          ))}
        </pre>
      </div>
      <div>
        <div className="muted small">Your output</div>
        <pre data-testid="actual">
          {d.actual.map((l, i) => (
            <div key={i} className={l.changed ? 'diff-changed diff-actual' : undefined}>
              {l.text || ' '}
            </div>
          ))}
        </pre>
      </div>
    </div>
  );
}

function TestRow({ test, onJump }: { test: TestResult; onJump: ResultsPanelProps['onJump'] }) {
  const [open, setOpen] = useState(test.status !== 'pass' && test.visibility !== 'hidden');
  const hasDetails = test.args !== undefined || test.error || test.console || test.actual !== undefined;
  return (
    <li className={`test-row status-${test.status}`} data-testid="test-row" data-status={test.status}>
      <button type="button" className="test-head" onClick={() => setOpen((o) => !o)} aria-expanded={open} disabled={!hasDetails}>
        <span className={`test-status status-${test.status}`}>{STATUS_TEXT[test.status]}</span>
        <span className="test-name">{test.name}</span>
        <span className="muted small">{VISIBILITY_TEXT[test.visibility]}</span>
        <span className="muted small">{test.durationMs === undefined ? '' : `${test.durationMs.toFixed(1)} ms`}</span>
      </button>
      {open && hasDetails && (
        <div className="test-body">
          {test.args !== undefined && (
            <div>
              <div className="muted small">Arguments</div>
              <pre>{pretty(test.args)}</pre>
            </div>
          )}
          {test.expected !== undefined && test.actual !== undefined && <Diff expected={test.expected} actual={test.actual} />}
          {test.expected === undefined && test.actual !== undefined && (
            <div>
              <div className="muted small">Your output (no expected value)</div>
              <pre>{pretty(test.actual)}</pre>
            </div>
          )}
          {test.expected !== undefined && test.actual === undefined && (
            <div>
              <div className="muted small">Expected</div>
              <pre>{pretty(test.expected)}</pre>
            </div>
          )}
          {test.error && <ErrorLine error={test.error} onJump={onJump} />}
          {test.console && (
            <div>
              <div className="muted small">Console{test.consoleTruncated ? ' (cut: too long)' : ''}</div>
              <pre className="console" data-testid="console">
                {test.console}
              </pre>
            </div>
          )}
        </div>
      )}
    </li>
  );
}

/** The latest run for everyone in the room, with earlier ones one click away. */
export function ResultsPanel({ runs, runState, details, onJump, notice }: ResultsPanelProps) {
  const [picked, setPicked] = useState<string | null>(null);
  const latest = runs[runs.length - 1];
  const shownRun = (picked && runs.find((r) => r.runId === picked)) || latest;
  const run = shownRun ? (details[shownRun.runId] ?? shownRun) : undefined;
  return (
    <section className="results" data-testid="results" aria-label="Results">
      <div className="results-head">
        <h2>Results</h2>
        {runState.status === 'running' && (
          <span className="running" data-testid="running">
            <span className="spinner" aria-hidden /> Running {runState.kind === 'submit' ? 'all tests' : 'examples'}… (started by the{' '}
            {runState.by})
          </span>
        )}
        {runs.length > 1 && (
          <select value={run?.runId ?? ''} onChange={(e) => setPicked(e.target.value)} aria-label="Earlier runs">
            {[...runs].reverse().map((r, i) => (
              <option key={r.runId} value={r.runId}>
                {i === 0 ? 'Latest: ' : ''}
                {r.kind} by {r.by} at {new Date(r.at).toLocaleTimeString()} — {r.passed}/{r.total}
              </option>
            ))}
          </select>
        )}
      </div>
      {notice && <p className="error-text">{notice}</p>}
      {!run && <p className="muted">Run your code with Run (Ctrl/Cmd + Enter) or Submit. Everyone in the room sees the results.</p>}
      {run && (
        <>
          <div className={`run-summary run-${run.status}`} data-testid="run-summary" data-status={run.status}>
            <strong>
              {run.status === 'passed' ? 'All tests passed' : run.status === 'error' ? 'The code did not run' : 'Some tests failed'}
            </strong>{' '}
            <span data-testid="run-count">
              {run.passed}/{run.total} passed
            </span>
            <span className="muted small">
              {' '}
              · {run.kind === 'submit' ? 'Submit' : 'Run'} by the {run.by} · {run.language} · {run.durationMs.toFixed(0)} ms
            </span>
          </div>
          {run.compileError && <ErrorLine error={run.compileError} onJump={onJump} />}
          <ul className="test-list">
            {run.tests.map((t, i) => (
              <TestRow key={`${run.runId}-${i}`} test={t} onJump={onJump} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { InterviewerProblem, ProblemSummary, PublicProblem, RoomInfo } from '@duet/shared';
import { api, ApiError } from '../api/client';
import { renderMarkdown } from './markdown';
import { pretty } from './json-diff';

export type LoadedProblem = PublicProblem | InterviewerProblem;

export function isInterviewerProblem(p: LoadedProblem | null): p is InterviewerProblem {
  return !!p && 'tests' in p;
}

/** The room's problem, fetched again whenever `problemId` changes (with secrets for an interviewer). */
export function useProblem(problemId: string | null, info: RoomInfo, token: string): { problem: LoadedProblem | null; error: string | null } {
  const [state, setState] = useState<{ id: string | null; problem: LoadedProblem | null; error: string | null }>({
    id: null,
    problem: null,
    error: null,
  });
  useEffect(() => {
    if (!problemId) return;
    const abort = new AbortController();
    api.problem(problemId, info.roomId, token, abort.signal).then(
      (problem) => setState({ id: problemId, problem, error: null }),
      (e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setState({ id: problemId, problem: null, error: e instanceof ApiError ? e.message : 'Could not load the problem.' });
      },
    );
    return () => abort.abort();
  }, [problemId, info.roomId, token]);
  if (!problemId) return { problem: null, error: null };
  return state.id === problemId ? { problem: state.problem, error: state.error } : { problem: null, error: null };
}

const DIFFICULTY_LABEL = { easy: 'Easy', medium: 'Medium', hard: 'Hard' } as const;

export interface ProblemPanelProps {
  info: RoomInfo;
  token: string;
  problemId: string | null;
  problem: LoadedProblem | null;
  error: string | null;
  canChange: boolean;
  readOnly: boolean;
}

export function ProblemPanel({ info, token, problemId, problem, error, canChange, readOnly }: ProblemPanelProps) {
  const [choosing, setChoosing] = useState(false);
  const html = useMemo(() => (problem ? renderMarkdown(problem.statement) : ''), [problem]);
  return (
    <div className="problem-panel" data-testid="problem-panel">
      {canChange && !readOnly && (
        <div className="panel-actions">
          <button type="button" className="button small secondary" onClick={() => setChoosing((c) => !c)} data-testid="change-problem">
            {problemId ? 'Change problem' : 'Choose a problem'}
          </button>
        </div>
      )}
      {choosing && <ProblemPicker info={info} token={token} current={problemId} onDone={() => setChoosing(false)} />}
      {!problemId && !choosing && (
        <div className="empty">
          <p>No problem is set: this is a free-form pad. Run executes the code and shows its console.</p>
        </div>
      )}
      {error && <p className="error-text">{error}</p>}
      {problemId && !problem && !error && <p className="muted">Loading the problem…</p>}
      {problem && (
        <article>
          <header className="problem-header">
            <h2 data-testid="problem-title">{problem.title}</h2>
            <span className={`difficulty difficulty-${problem.difficulty}`}>{DIFFICULTY_LABEL[problem.difficulty]}</span>
          </header>
          <div className="tags">
            {problem.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </div>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
          <h3>Examples</h3>
          {problem.examples.map((ex) => (
            <div key={ex.name} className="example">
              <div className="example-name">{ex.name}</div>
              <div className="example-io">
                <span className="muted">Input</span>
                <code>{problem.kind === 'class' ? pretty(ex.args) : (ex.args as unknown[]).map((a) => JSON.stringify(a)).join(', ')}</code>
                <span className="muted">Output</span>
                <code>{JSON.stringify(ex.expected)}</code>
              </div>
            </div>
          ))}
          <p className="muted small">
            Submit also runs {problem.hiddenTestCount} hidden test{problem.hiddenTestCount === 1 ? '' : 's'}. Time limit{' '}
            {problem.timeLimitMs} ms per test.
          </p>
          {isInterviewerProblem(problem) && problem.solution?.javascript && (
            <details className="interviewer-only">
              <summary>Reference solution (only you see this)</summary>
              <pre>{problem.solution.javascript}</pre>
            </details>
          )}
        </article>
      )}
    </div>
  );
}

function ProblemPicker({ info, token, current, onDone }: { info: RoomInfo; token: string; current: string | null; onDone: () => void }) {
  const [list, setList] = useState<ProblemSummary[] | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.problems().then(
      (r) => setList(r.problems),
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'Could not load problems.'),
    );
  }, []);
  const choose = async (id: string | null) => {
    if (!window.confirm('Switch problem? The code in the editor is replaced by the new starter (it stays in the history).')) return;
    try {
      await api.setProblem(info.roomId, token, id);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not change the problem.');
    }
  };
  const shown = (list ?? []).filter((p) => !filter || `${p.title} ${p.tags.join(' ')} ${p.difficulty}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <div className="picker" data-testid="problem-picker">
      <input placeholder="Filter by title, tag or difficulty" value={filter} onChange={(e) => setFilter(e.target.value)} autoFocus />
      {error && <p className="error-text">{error}</p>}
      {!list && !error && <p className="muted">Loading…</p>}
      <ul>
        {shown.map((p) => (
          <li key={p.id}>
            <button type="button" className="link-button" disabled={p.id === current} onClick={() => void choose(p.id)} data-problem={p.id}>
              {p.title}
            </button>{' '}
            <span className={`difficulty difficulty-${p.difficulty}`}>{p.difficulty}</span>{' '}
            <span className="muted small">{p.tags.join(', ')}</span>
          </li>
        ))}
      </ul>
      {current && (
        <button type="button" className="link-button" onClick={() => void choose(null)}>
          No problem (free-form pad)
        </button>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { RoomInfo, SessionSummary, SignalEntry } from '@duet/shared';
import { api, ApiError } from '../api/client';
import { formatClock } from './clock';
import { rememberPractice } from './practice-history';

export const RECORDING_NOTICE =
  'This interview records two plain facts, which you see too: pastes of 200 characters or more, and time the tab is hidden (2 s or more).';

/** What the candidate sees until the interviewer starts. */
export function Lobby({ info, name, children }: { info: RoomInfo; name: string; children?: React.ReactNode }) {
  return (
    <main className="message-page" data-testid="lobby">
      <div className="message-card">
        <h1>{info.title || 'Your interview'}</h1>
        <p>
          Hi {name}. Your interviewer will start the interview soon; the problem and the shared editor appear then.
          Planned length: {info.durationMinutes} minutes.
        </p>
        <p className="muted small">{RECORDING_NOTICE}</p>
        <p className="muted small">
          Tip: ask clarifying questions and think out loud. Your notes panel has a structure to help.
        </p>
        {children}
      </div>
    </main>
  );
}

/** What the candidate sees when the interview has ended. */
export function CandidateEnd({
  info,
  name,
  signals,
  onReview,
}: {
  info: RoomInfo;
  name: string;
  signals: SignalEntry[];
  onReview: () => void;
}) {
  return (
    <main className="message-page" data-testid="end-screen">
      <div className="message-card">
        <h1>The interview has ended</h1>
        <p>
          Thank you, {name}. Your code and notes are saved and read-only now; your interviewer has everything they need.
          You can close this tab.
        </p>
        {signals.length > 0 && (
          <p className="muted small">
            Recorded during the session: {signals.filter((s) => s.type === 'paste').length} large paste(s),{' '}
            {signals.filter((s) => s.type === 'hidden').length} time(s) away from the tab.
          </p>
        )}
        <p className="muted small">{info.title}</p>
        <button type="button" className="button secondary" onClick={onReview} data-testid="review-code">
          View your code (read-only)
        </button>
      </div>
    </main>
  );
}

/** The end of a practice session: time, hints, runs, pass rate, score, notes. */
export function PracticeSummaryScreen({
  info,
  token,
  onReview,
}: {
  info: RoomInfo;
  token: string;
  onReview: () => void;
}) {
  const [summary, setSummary] = useState<SessionSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.summary(info.roomId, token).then(
      (s) => {
        setSummary(s);
        rememberPractice({
          roomId: info.roomId,
          link: `${window.location.origin}/room/${info.roomId}#token=${token}`,
          problemTitle: s.problemTitle,
          score: s.score,
          passRate: s.passRate,
          timeUsedMs: s.timeUsedMs,
          hintsUsed: s.hintsUsed,
          at: s.endedAt ?? Date.now(),
        });
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'Could not load the summary.'),
    );
  }, [info.roomId, token]);
  return (
    <main className="message-page" data-testid="practice-summary">
      <div className="message-card summary-card">
        <h1>Practice summary</h1>
        {error && <p className="error-text">{error}</p>}
        {!summary && !error && <p className="muted">Adding it up…</p>}
        {summary && (
          <>
            <p className="muted">{summary.problemTitle ?? 'Free-form practice'}</p>
            <dl className="summary-grid">
              <dt>Score</dt>
              <dd data-testid="summary-score">{summary.score === null ? '—' : `${summary.score} / 100`}</dd>
              <dt>Final pass rate</dt>
              <dd data-testid="summary-pass-rate">
                {summary.passRate === null ? 'nothing ran' : `${Math.round(summary.passRate * 100)}%`}
              </dd>
              <dt>Time used</dt>
              <dd data-testid="summary-time">
                {formatClock(summary.timeUsedMs)} of {formatClock(summary.plannedMs)}
              </dd>
              <dt>Hints</dt>
              <dd data-testid="summary-hints">
                {summary.hintsUsed} of {summary.hintsAvailable}
              </dd>
              <dt>Runs</dt>
              <dd data-testid="summary-runs">
                {summary.runs} run{summary.runs === 1 ? '' : 's'}, {summary.submits} submit
                {summary.submits === 1 ? '' : 's'}
              </dd>
            </dl>
            <h3>Your notes</h3>
            <pre className="summary-notes" data-testid="summary-notes">
              {summary.notes.trim() || '(none)'}
            </pre>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onReview} data-testid="review-code">
            Review the code
          </button>
          <a className="button primary" href="/">
            Practise again
          </a>
        </div>
      </div>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { PRACTICE_HINT_COST, type HintEntry, type RoomInfo } from '@duet/shared';
import { api, ApiError } from '../api/client';
import type { LoadedProblem } from '../panels/ProblemPanel';
import { isInterviewerProblem } from '../panels/ProblemPanel';
import { formatClock } from './clock';

export interface HintsPanelProps {
  info: RoomInfo;
  token: string;
  hints: HintEntry[];
  problem: LoadedProblem | null;
  startedAt: number | null;
  ended: boolean;
}

function when(h: HintEntry, startedAt: number | null): string {
  return startedAt !== null && h.at >= startedAt
    ? `+${formatClock(h.at - startedAt)}`
    : new Date(h.at).toLocaleTimeString();
}

/**
 * Hints and nudges. The candidate sees the feed; the interviewer sees the whole ladder and reveals
 * it step by step or writes a nudge; in practice the candidate reveals hints, each at a cost.
 */
export function HintsPanel({ info, token, hints, problem, startedAt, ended }: HintsPanelProps) {
  const [nudge, setNudge] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canReveal = info.permissions.revealHints && !ended;
  const practice = info.mode === 'practice';
  const ladder = isInterviewerProblem(problem) ? problem.hints : null;
  const revealedHints = hints.filter((h) => h.kind === 'hint' && h.problemId === problem?.id);
  const total = problem?.hintCount ?? 0;
  const left = Math.max(0, total - revealedHints.length);

  const send = async (body: { next: true } | { text: string }) => {
    if (
      practice &&
      'next' in body &&
      !window.confirm(`Reveal a hint? It costs ${PRACTICE_HINT_COST} points in your summary.`)
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await api.hint(info.roomId, token, body);
      if ('text' in body) setNudge('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not send the hint. Try again.');
    } finally {
      setBusy(false);
    }
  };
  const sendNudge = (event: FormEvent) => {
    event.preventDefault();
    if (nudge.trim()) void send({ text: nudge.trim() });
  };

  return (
    <div className="hints-panel" data-testid="hints-panel">
      {canReveal && problem && (
        <div className="hint-controls">
          <button
            type="button"
            className="button small primary"
            disabled={busy || left === 0}
            onClick={() => void send({ next: true })}
            data-testid="reveal-hint"
          >
            {left === 0
              ? 'All hints revealed'
              : practice
                ? `Reveal hint ${total - left + 1} of ${total} (−${PRACTICE_HINT_COST} points)`
                : `Reveal hint ${total - left + 1} of ${total}`}
          </button>
        </div>
      )}
      {canReveal && !practice && (
        <form className="nudge-form" onSubmit={sendNudge}>
          <textarea
            value={nudge}
            onChange={(e) => setNudge(e.target.value)}
            placeholder="A nudge in your own words (the candidate sees it at once)"
            rows={2}
            maxLength={1000}
            data-testid="nudge-text"
          />
          <button
            type="submit"
            className="button small secondary"
            disabled={busy || !nudge.trim()}
            data-testid="send-nudge"
          >
            Send nudge
          </button>
        </form>
      )}
      {error && <p className="error-text">{error}</p>}
      {ladder && (
        <div className="ladder">
          <h3>The ladder (only you see the unrevealed ones)</h3>
          <ol>
            {ladder.map((text, i) => (
              <li key={i} className={i < revealedHints.length ? 'revealed' : 'hidden-hint'}>
                {text} {i < revealedHints.length && <span className="badge">revealed</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
      <h3>{practice ? 'Your hints' : 'Hints and nudges'}</h3>
      {hints.length === 0 && (
        <p className="muted" data-testid="no-hints">
          {practice ? 'No hints yet. Reveal one when you are stuck; it is noted in your summary.' : 'None yet.'}
        </p>
      )}
      <ul className="hint-feed" data-testid="hint-feed">
        {hints.map((h) => (
          <li key={h.id} className={`hint-item hint-${h.kind}`}>
            <div className="hint-meta">
              <strong>{h.kind === 'hint' ? `Hint ${(h.index ?? 0) + 1}${h.of ? ` of ${h.of}` : ''}` : 'Nudge'}</strong>
              <span className="muted small">{when(h, startedAt)}</span>
            </div>
            <p>{h.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { SignalEntry } from '@duet/shared';
import { formatClock } from './clock';

/** Integrity signals as plain facts, with when they happened; no verdicts. */
export function SignalList({ signals, startedAt, empty }: { signals: SignalEntry[]; startedAt: number | null; empty: string }) {
  if (signals.length === 0) return <p className="muted small">{empty}</p>;
  return (
    <ul className="signal-list" data-testid="signal-list">
      {signals.map((s, i) => (
        <li key={i}>
          <span className="muted small">{startedAt !== null ? `+${formatClock(s.at - startedAt)}` : new Date(s.at).toLocaleTimeString()}</span>{' '}
          {s.type === 'paste'
            ? `Pasted ${s.chars} characters (${s.lines} line${s.lines === 1 ? '' : 's'})`
            : `The tab was hidden for ${formatClock(s.ms ?? 0)}`}
        </li>
      ))}
    </ul>
  );
}

import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { TextEditor } from '../editor/TextEditor';
import { formatClock } from './clock';

export interface NotesPanelProps {
  notes: Y.Text;
  awareness: Awareness;
  readOnly: boolean;
  /** Time into the session, for the stamps of quick entries (null before the start). */
  elapsedMs: number | null;
  isCandidate: boolean;
}

/**
 * The candidate's think-out-loud notes, shared live with the interviewer: a structure to fill in,
 * and quick entries stamped with the time into the session so the thinking can be followed.
 */
export function NotesPanel({ notes, awareness, readOnly, elapsedMs, isCandidate }: NotesPanelProps) {
  const [entry, setEntry] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    const text = entry.trim();
    if (!text) return;
    const stamp = elapsedMs === null ? new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : `+${formatClock(elapsedMs)}`;
    const current = notes.toString();
    notes.insert(notes.length, `${current.endsWith('\n') || current === '' ? '' : '\n'}[${stamp}] ${text}\n`);
    setEntry('');
  };
  return (
    <div className="notes-panel">
      <p className="muted small">
        {isCandidate
          ? 'Think out loud here: questions you asked, examples, your approach and its complexity, edge cases, tests. Your interviewer sees it as you type.'
          : "The candidate's notes, live. You can write here too."}
      </p>
      {!readOnly && (
        <form className="quick-entry" onSubmit={add}>
          <input value={entry} onChange={(e) => setEntry(e.target.value)} placeholder="Quick note, stamped with the time (Enter)" maxLength={500} data-testid="quick-note" />
        </form>
      )}
      <TextEditor text={notes} awareness={awareness} readOnly={readOnly} testId="notes-editor" />
    </div>
  );
}

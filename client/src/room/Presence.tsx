import type { ConnectionState } from './connection-state';
import { CONNECTION_TEXT } from './connection-state';
import type { Participant } from './yhooks';

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const text = state.kind === 'closed' ? state.message : CONNECTION_TEXT[state.kind];
  return (
    <span
      className={`status status-${state.kind}`}
      data-testid="connection-status"
      data-state={state.kind}
      role="status"
      aria-live="polite"
    >
      <span className="status-dot" aria-hidden />
      {text}
    </span>
  );
}

export function Participants({ people, onRename }: { people: Participant[]; onRename: () => void }) {
  return (
    <ul className="participants" data-testid="participants" aria-label="People in the room">
      {people.map((p) => (
        <li key={p.clientId} className="participant" data-role={p.role}>
          <span className="avatar" style={{ background: p.color }} aria-hidden>
            {p.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="participant-name">{p.name}</span>
          <span className={`badge badge-${p.role}`}>{p.role === 'interviewer' ? 'Interviewer' : 'Candidate'}</span>
          {p.isMe && (
            <button type="button" className="link-button" onClick={onRename} title="Change your name">
              (you)
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { PAD, STATE, isLanguage, type DocName, type Language, type RoomInfo, type RoomPhase } from '@duet/shared';
import { api, ApiError } from '../api/client';
import { myColor, rememberName } from '../app/identity';
import { CodeEditor } from '../editor/CodeEditor';
import { openRoomSession, type RoomSession } from './session';
import { useConnectionState } from './connection-state';
import { ConnectionStatus, Participants } from './Presence';
import { useParticipants, useYMapValue } from './yhooks';

export interface RoomViewProps {
  info: RoomInfo;
  token: string;
  name: string;
  onRename: (name: string) => void;
}

/** Opens the room's documents for as long as the room is on screen. */
export function RoomView(props: RoomViewProps) {
  const { info, token } = props;
  const [session, setSession] = useState<RoomSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const opened = openRoomSession(info, token, (_doc: DocName, reason: string) => setNotice(reason));
    // The session is an external system (three WebSockets): it is opened here, where StrictMode's
    // double mount also closes it, and handed to render through state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(opened);
    return () => opened.destroy();
  }, [info, token]);
  if (!session) return <div className="loading">Connecting…</div>;
  return <RoomScreen {...props} session={session} notice={notice} clearNotice={() => setNotice(null)} />;
}

interface RoomScreenProps extends RoomViewProps {
  session: RoomSession;
  notice: string | null;
  clearNotice: () => void;
}

/** The room: shared editor, presence, connection status, and the controls the role allows. */
function RoomScreen({ info, token, name, onRename, session, notice, clearNotice }: RoomScreenProps) {
  const awareness = session.pad.provider.awareness;
  const [color] = useState(myColor);
  useEffect(() => {
    // The server overwrites `role` from the token; ours is only for our own display.
    awareness.setLocalStateField('user', { name, color, role: info.role });
  }, [awareness, name, color, info.role]);

  const connection = useConnectionState(session.all);
  const people = useParticipants(awareness);
  const meta = session.pad.doc.getMap<unknown>(PAD.meta);
  const roomState = session.state.doc.getMap<unknown>(STATE.room);
  const languageValue = useYMapValue<string>(meta, 'language');
  const language: Language = isLanguage(languageValue) ? languageValue : info.language;
  const phase = useYMapValue<RoomPhase>(roomState, 'phase') ?? info.phase;
  const ended = phase === 'ended';

  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setLanguage = (value: Language) => {
    if (!ended) meta.set('language', value);
  };
  const endRoom = async () => {
    const what =
      info.mode === 'practice'
        ? 'End this practice session?'
        : 'End the interview for everyone? The code becomes read-only.';
    if (!window.confirm(what)) return;
    try {
      await api.endRoom(info.roomId, token);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not end the room. Try again.');
    }
  };

  return (
    <div className="room" data-testid="room" data-role={info.role} data-phase={phase}>
      <header className="room-header">
        <a className="brand" href="/">
          <span className="brand-mark">{'{}'}</span> Duet
        </a>
        <div className="room-title">
          <h1>{info.title || (info.mode === 'practice' ? 'Practice' : 'Interview')}</h1>
          <span className={`badge badge-${info.role}`} data-testid="my-role">
            {info.mode === 'practice' ? 'Practice' : info.role === 'interviewer' ? 'Interviewer' : 'Candidate'}
          </span>
        </div>
        <ConnectionStatus state={connection} />
        <Participants people={people} onRename={() => setRenaming(true)} />
        {info.permissions.controlRoom && !ended && (
          <button type="button" className="button danger" onClick={endRoom} data-testid="end-room">
            {info.mode === 'practice' ? 'Finish' : 'End interview'}
          </button>
        )}
      </header>

      {ended && (
        <div className="banner banner-ended" data-testid="ended-banner">
          This {info.mode === 'practice' ? 'session' : 'interview'} has ended. The code is read-only.
        </div>
      )}
      {notice && !ended && (
        <div className="banner banner-warning" role="alert">
          {notice}
          <button type="button" className="link-button" onClick={clearNotice}>
            Dismiss
          </button>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
          <button type="button" className="link-button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}

      <main className="room-main">
        <section className="editor-pane">
          <div className="editor-toolbar">
            <label>
              Language{' '}
              <select
                value={language}
                disabled={ended}
                onChange={(e) => setLanguage(e.target.value as Language)}
                data-testid="language-select"
              >
                <option value="javascript">JavaScript</option>
                <option value="typescript">TypeScript</option>
              </select>
            </label>
            {ended && <span className="muted">Read-only</span>}
          </div>
          <CodeEditor
            text={session.pad.doc.getText(PAD.code) as Y.Text}
            awareness={awareness}
            language={language}
            readOnly={ended}
            readOnlyMessage="This interview has ended: the code is read-only."
          />
        </section>
      </main>

      {renaming && (
        <RenameDialog
          name={name}
          onClose={() => setRenaming(false)}
          onSave={(n) => {
            rememberName(n);
            onRename(n);
            setRenaming(false);
          }}
        />
      )}
    </div>
  );
}

function RenameDialog({
  name,
  onSave,
  onClose,
}: {
  name: string;
  onSave: (name: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(name);
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal aria-label="Change your name" onClick={onClose}>
      <form
        className="dialog"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onSave(value.trim());
        }}
      >
        <h2>Your name</h2>
        <input autoFocus maxLength={40} value={value} onChange={(e) => setValue(e.target.value)} />
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!value.trim()}>
            Save
          </button>
        </div>
      </form>
    </div>
  );
}

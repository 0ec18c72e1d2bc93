import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  PAD,
  PRIVATE,
  STATE,
  isLanguage,
  type DocName,
  type Language,
  type RoomInfo,
  type RoomPhase,
  type RunKind,
  type RunResult,
  type RunState,
} from '@duet/shared';
import { api, ApiError } from '../api/client';
import { myColor, rememberName } from '../app/identity';
import { CodeEditor } from '../editor/CodeEditor';
import * as monaco from '../editor/monaco';
import { ProblemPanel, useProblem } from '../panels/ProblemPanel';
import { CustomTests } from '../panels/CustomTests';
import { ResultsPanel } from '../panels/ResultsPanel';
import { openRoomSession, type RoomSession } from './session';
import { useConnectionState } from './connection-state';
import { ConnectionStatus, Participants } from './Presence';
import { useParticipants, useYArray, useYMap, useYMapValue } from './yhooks';

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
  const problemIdValue = useYMapValue<string | null>(roomState, 'problemId');
  const problemId = problemIdValue === undefined ? info.problemId : problemIdValue;
  const { problem, error: problemError } = useProblem(problemId, info, token);
  const runs = useYArray(session.state.doc.getArray<RunResult>(STATE.runs));
  const runState = useYMap(session.state.doc.getMap(STATE.runState)) as unknown as RunState;
  const details = useYMap(session.private?.doc.getMap(PRIVATE.runDetails) ?? session.state.doc.getMap('__none')) as Record<string, RunResult>;
  const [tab, setTab] = useState<'problem' | 'tests'>('problem');

  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runNotice, setRunNotice] = useState<string | null>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const code = session.pad.doc.getText(PAD.code) as Y.Text;

  const setLanguage = (value: Language) => {
    if (ended) return;
    // Untouched starter code follows the language switch.
    if (problem && code.toString().trim() === problem.starter[language].trim()) {
      session.pad.doc.transact(() => {
        code.delete(0, code.length);
        code.insert(0, problem.starter[value]);
        meta.set('language', value);
      });
      return;
    }
    meta.set('language', value);
  };

  const running = runState.status === 'running';
  const startRun = useCallback(
    async (kind: RunKind) => {
      setRunNotice(null);
      try {
        await api.run(info.roomId, token, kind);
      } catch (e) {
        setRunNotice(e instanceof ApiError ? e.message : 'The run failed. Try again.');
      }
    },
    [info.roomId, token],
  );
  const runRef = useRef(startRun);
  useEffect(() => {
    runRef.current = startRun;
  }, [startRun]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !e.defaultPrevented) {
        e.preventDefault();
        void runRef.current(e.shiftKey ? 'submit' : 'run');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const onEditorReady = useCallback((editor: monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void runRef.current('run'));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => void runRef.current('submit'));
  }, []);
  const jumpTo = useCallback((line: number, column?: number) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column: column ?? 1 });
    editor.focus();
  }, []);

  // Errors of the latest run become markers on their lines.
  const latest = runs[runs.length - 1];
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const run = latest ? (details[latest.runId] ?? latest) : undefined;
    const errors = run ? [run.compileError, ...run.tests.map((t) => t.error)].filter((e) => e?.line) : [];
    const seen = new Set<number>();
    const markers: monaco.editor.IMarkerData[] = [];
    for (const e of errors) {
      if (!e?.line || seen.has(e.line) || e.line > model.getLineCount()) continue;
      seen.add(e.line);
      markers.push({
        severity: monaco.MarkerSeverity.Error,
        message: e.message,
        startLineNumber: e.line,
        startColumn: e.column ?? (model.getLineFirstNonWhitespaceColumn(e.line) || 1),
        endLineNumber: e.line,
        endColumn: model.getLineMaxColumn(e.line),
      });
    }
    monaco.editor.setModelMarkers(model, 'duet-run', markers);
  }, [latest, details]);
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
        <aside className="side-panel" aria-label="Problem and tests">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'problem'} className={tab === 'problem' ? 'tab active' : 'tab'} onClick={() => setTab('problem')}>
              Problem
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'tests'}
              className={tab === 'tests' ? 'tab active' : 'tab'}
              onClick={() => setTab('tests')}
              data-testid="tab-tests"
            >
              Your tests
            </button>
          </div>
          <div className="tab-body">
            {tab === 'problem' && (
              <ProblemPanel
                info={info}
                token={token}
                problemId={problemId}
                problem={problem}
                error={problemError}
                canChange={info.permissions.changeProblem}
                readOnly={ended}
              />
            )}
            {tab === 'tests' && (
              <CustomTests array={session.pad.doc.getArray<Y.Map<string>>(PAD.customTests)} problem={problem} readOnly={ended} />
            )}
          </div>
        </aside>
        <section className="work">
          <div className="editor-pane">
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
              <span className="toolbar-spacer" />
              <button
                type="button"
                className="button small secondary"
                disabled={ended || running}
                onClick={() => void startRun('run')}
                title="Run the examples and your own cases (Ctrl/Cmd + Enter)"
                data-testid="run"
              >
                {running ? 'Running…' : 'Run'}
              </button>
              {problemId && (
                <button
                  type="button"
                  className="button small primary"
                  disabled={ended || running}
                  onClick={() => void startRun('submit')}
                  title="Run every test, hidden ones too (Ctrl/Cmd + Shift + Enter)"
                  data-testid="submit"
                >
                  Submit
                </button>
              )}
            </div>
            <CodeEditor
              text={code}
              awareness={awareness}
              language={language}
              readOnly={ended}
              readOnlyMessage="This interview has ended: the code is read-only."
              onReady={onEditorReady}
            />
          </div>
          <ResultsPanel runs={runs} runState={runState} details={details} onJump={jumpTo} notice={runNotice} />
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

import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  PAD,
  PRIVATE,
  STATE,
  isLanguage,
  type DocName,
  type HintEntry,
  type Language,
  type RoomInfo,
  type RoomPhase,
  type RunKind,
  type RunResult,
  type RunState,
  type SignalEntry,
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
import { useTimer } from '../interview/clock';
import { TimerBar } from '../interview/TimerBar';
import { NotesPanel } from '../interview/NotesPanel';
import { HintsPanel } from '../interview/HintsPanel';
import { InterviewerPanel } from '../interview/InterviewerPanel';
import { SignalList } from '../interview/SignalList';
import { CandidateEnd, Lobby, PracticeSummaryScreen, RECORDING_NOTICE } from '../interview/Screens';
import { useSignals } from '../interview/signals';

type Tab = 'problem' | 'tests' | 'notes' | 'hints' | 'interviewer';

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

  const isCandidate = info.role === 'candidate';
  const interview = info.mode === 'interview';
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
  const details = useYMap(session.private?.doc.getMap(PRIVATE.runDetails) ?? null) as Record<string, RunResult>;
  const hints = useYArray(session.state.doc.getArray<HintEntry>(STATE.hints));
  const signals = useYArray(session.state.doc.getArray<SignalEntry>(STATE.signals));
  const timer = useTimer(session.state.doc);
  const [tab, setTab] = useState<Tab>('problem');
  const [unreadHints, setUnreadHints] = useState(0);
  const [hintNotice, setHintNotice] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);

  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runNotice, setRunNotice] = useState<string | null>(null);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const code = session.pad.doc.getText(PAD.code) as Y.Text;

  useSignals(isCandidate && interview && phase === 'in_progress', info.roomId, token, editor);

  // A new hint or nudge from someone else: say so, and mark the tab until it is opened.
  const seenHints = useRef<number | null>(null);
  useEffect(() => {
    if (seenHints.current === null) {
      seenHints.current = hints.length;
      return;
    }
    if (hints.length > seenHints.current) {
      const fresh = hints.slice(seenHints.current).filter((h) => h.by !== info.role);
      seenHints.current = hints.length;
      if (fresh.length > 0) {
        const last = fresh[fresh.length - 1]!;
        setHintNotice(last.kind === 'hint' ? `New hint: ${last.text}` : `Nudge from your interviewer: ${last.text}`);
        setUnreadHints((n) => n + fresh.length);
        const timerId = setTimeout(() => setHintNotice(null), 12_000);
        return () => clearTimeout(timerId);
      }
    }
  }, [hints, info.role]);
  const openTab = (next: Tab) => {
    setTab(next);
    if (next === 'hints') setUnreadHints(0);
  };

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
  const endRoom = async () => {
    const what =
      info.mode === 'practice'
        ? 'Finish this practice session and see your summary?'
        : 'End the interview for everyone? The code becomes read-only.';
    if (!window.confirm(what)) return;
    try {
      await api.endRoom(info.roomId, token);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not end the room. Try again.');
    }
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
  const onEditorReady = useCallback((instance: monaco.editor.IStandaloneCodeEditor) => {
    setEditor(instance);
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void runRef.current('run'));
    instance.addCommand(
      monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter,
      () => void runRef.current('submit'),
    );
  }, []);
  const jumpTo = useCallback(
    (line: number, column?: number) => {
      if (!editor) return;
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column: column ?? 1 });
      editor.focus();
    },
    [editor],
  );

  // Errors of the latest run become markers on their lines.
  const latest = runs[runs.length - 1];
  useEffect(() => {
    const model = editor?.getModel();
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
  }, [latest, details, editor]);

  const timerBar = <TimerBar view={timer} info={info} token={token} ended={ended} onError={setError} />;

  // Screens instead of the room: the candidate's lobby and end, the practice summary.
  const renameDialog = renaming && (
    <RenameDialog
      name={name}
      onClose={() => setRenaming(false)}
      onSave={(n) => {
        rememberName(n);
        onRename(n);
        setRenaming(false);
      }}
    />
  );
  if (interview && isCandidate && phase === 'waiting') {
    return (
      <Lobby info={info} name={name}>
        <Participants people={people} onRename={() => setRenaming(true)} />
        <ConnectionStatus state={connection} />
        {renameDialog}
      </Lobby>
    );
  }
  if (interview && isCandidate && ended && !reviewing) {
    return <CandidateEnd info={info} name={name} signals={signals} onReview={() => setReviewing(true)} />;
  }
  if (!interview && ended && !reviewing)
    return <PracticeSummaryScreen info={info} token={token} onReview={() => setReviewing(true)} />;
  if (!interview && phase === 'waiting') {
    return (
      <main className="message-page" data-testid="practice-ready">
        <div className="message-card">
          <h1>{problem?.title ?? 'Practice'}</h1>
          <p>
            {timer.timer.phases.length > 0
              ? 'Your session is split into phases: understand, plan, code, test. The clock tells you when to move on.'
              : 'The clock starts when you are ready. Reveal hints when you are stuck; each one is noted in your summary.'}
          </p>
          {timerBar}
          {error && <p className="error-text">{error}</p>}
        </div>
      </main>
    );
  }

  const tabs: { id: Tab; label: string; testId: string }[] = [
    { id: 'problem', label: 'Problem', testId: 'tab-problem' },
    { id: 'tests', label: 'Your tests', testId: 'tab-tests' },
    { id: 'notes', label: 'Notes', testId: 'tab-notes' },
    {
      id: 'hints',
      label: unreadHints > 0 ? `Hints (${unreadHints} new)` : `Hints${hints.length ? ` (${hints.length})` : ''}`,
      testId: 'tab-hints',
    },
    ...(session.private ? [{ id: 'interviewer' as const, label: 'Interviewer', testId: 'tab-interviewer' }] : []),
  ];

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
        {timerBar}
        {interview && isCandidate && (
          <span className="recorded" title={RECORDING_NOTICE} data-testid="recorded-notice">
            ● Recorded: large pastes, time away{signals.length ? ` (${signals.length})` : ''}
          </span>
        )}
        <Participants people={people} onRename={() => setRenaming(true)} />
        {info.permissions.controlRoom && !ended && (
          <button type="button" className="button danger" onClick={endRoom} data-testid="end-room">
            {info.mode === 'practice' ? 'Finish' : 'End interview'}
          </button>
        )}
        {ended && reviewing && (
          <button type="button" className="button secondary" onClick={() => setReviewing(false)}>
            {interview ? 'Back' : 'Back to the summary'}
          </button>
        )}
      </header>

      {ended && (
        <div className="banner banner-ended" data-testid="ended-banner">
          This {info.mode === 'practice' ? 'session' : 'interview'} has ended. The code is read-only.
        </div>
      )}
      {interview && !isCandidate && phase === 'waiting' && (
        <div className="banner banner-warning" data-testid="waiting-banner">
          The candidate waits in the lobby until you start the interview. Prepare your notes meanwhile.
        </div>
      )}
      {hintNotice && (
        <div className="banner banner-hint" role="status" data-testid="hint-notice">
          {hintNotice}
          <button type="button" className="link-button" onClick={() => openTab('hints')}>
            Open hints
          </button>
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
        <aside className="side-panel" aria-label="Problem, tests, notes and hints">
          <div className="tabs" role="tablist">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={`${tab === t.id ? 'tab active' : 'tab'}${t.id === 'hints' && unreadHints > 0 ? ' tab-unread' : ''}`}
                onClick={() => openTab(t.id)}
                data-testid={t.testId}
              >
                {t.label}
              </button>
            ))}
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
              <CustomTests
                array={session.pad.doc.getArray<Y.Map<string>>(PAD.customTests)}
                problem={problem}
                readOnly={ended}
              />
            )}
            {tab === 'notes' && (
              <NotesPanel
                notes={session.pad.doc.getText(PAD.notes)}
                awareness={awareness}
                readOnly={ended}
                elapsedMs={timer.timer.startedAt === null ? null : timer.elapsedMs}
                isCandidate={isCandidate}
              />
            )}
            {tab === 'hints' && (
              <>
                <HintsPanel
                  info={info}
                  token={token}
                  hints={hints}
                  problem={problem}
                  startedAt={timer.timer.startedAt}
                  ended={ended}
                />
                {interview && isCandidate && (
                  <>
                    <h3>What is recorded</h3>
                    <p className="muted small">{RECORDING_NOTICE}</p>
                    <SignalList signals={signals} startedAt={timer.timer.startedAt} empty="Nothing so far." />
                  </>
                )}
              </>
            )}
            {tab === 'interviewer' && session.private && (
              <InterviewerPanel privateDoc={session.private.doc} signals={signals} startedAt={timer.timer.startedAt} />
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
              readOnlyMessage="This session has ended: the code is read-only."
              onReady={onEditorReady}
            />
          </div>
          <ResultsPanel runs={runs} runState={runState} details={details} onJump={jumpTo} notice={runNotice} />
        </section>
      </main>

      {renameDialog}
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

import { useEffect, useState, type FormEvent } from 'react';
import type { CreateRoomResponse, Language, ProblemSummary } from '@duet/shared';
import { api, ApiError } from '../api/client';
import { navigate } from '../app/router';
import { CopyField } from '../app/CopyField';
import { recentRooms, rememberRoom, type RecentRoom } from '../app/recent-rooms';
import { practiceHistory, type PracticeRecord } from '../interview/practice-history';

const DURATIONS = [30, 45, 60, 90];

/** Used from event handlers only. */
function randomItem<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}
function timeNow(): number {
  return Date.now();
}

function tokenLink(link: string): string {
  // Links are absolute; navigate within this origin when they point here.
  const url = new URL(link);
  return url.origin === window.location.origin ? url.pathname + url.hash : link;
}

export function HomePage() {
  const [title, setTitle] = useState('');
  const [duration, setDuration] = useState(45);
  const [language, setLanguage] = useState<Language>('javascript');
  const [busy, setBusy] = useState<'interview' | 'practice' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateRoomResponse | null>(null);
  const [recent] = useState<RecentRoom[]>(() => recentRooms());
  const [problems, setProblems] = useState<ProblemSummary[]>([]);
  const [problemId, setProblemId] = useState('');
  const [difficulty, setDifficulty] = useState('');
  const [tag, setTag] = useState('');
  const [practiceProblem, setPracticeProblem] = useState('random');
  const [history] = useState<PracticeRecord[]>(() => practiceHistory());
  const tags = [...new Set(problems.flatMap((p) => p.tags))].sort();
  const practicePool = problems.filter((p) => (!difficulty || p.difficulty === difficulty) && (!tag || p.tags.includes(tag)));
  useEffect(() => {
    api.problems().then(
      (r) => setProblems(r.problems),
      () => setProblems([]),
    );
  }, []);

  const createInterview = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // What the form shows is what is sent, whatever order its change events arrived in.
    const form = new FormData(event.currentTarget);
    const problemId = String(form.get('problemId') ?? '');
    setBusy('interview');
    setError(null);
    try {
      const room = await api.createRoom({
        mode: 'interview',
        title: title.trim(),
        durationMinutes: duration,
        language,
        ...(problemId ? { problemId } : {}),
      });
      rememberRoom({
        roomId: room.roomId,
        mode: 'interview',
        title: title.trim(),
        createdAt: Date.now(),
        links: room.links,
      });
      setCreated(room);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not create the room. Try again.');
    } finally {
      setBusy(null);
    }
  };

  const startPractice = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let chosen = String(form.get('practiceProblem') ?? '');
    const minutes = Number(form.get('practiceMinutes') ?? 30);
    const phases = form.get('practicePhases') === 'on';
    if (chosen === 'random') {
      const pool = practicePool;
      if (pool.length === 0) {
        setError('No problem matches those filters. Loosen them or pick one yourself.');
        return;
      }
      chosen = randomItem(pool).id;
    }
    setBusy('practice');
    setError(null);
    try {
      const room = await api.createRoom({
        mode: 'practice',
        title: 'Practice',
        durationMinutes: minutes,
        language,
        phases,
        ...(chosen ? { problemId: chosen } : {}),
      });
      rememberRoom({
        roomId: room.roomId,
        mode: 'practice',
        title: 'Practice',
        createdAt: timeNow(),
        links: room.links,
      });
      navigate(tokenLink(room.links.candidate));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not start practice. Try again.');
      setBusy(null);
    }
  };


  return (
    <main className="home">
      <header className="home-header">
        <a className="brand" href="/">
          <span className="brand-mark">{'{}'}</span> Duet
        </a>
        <span className="tagline">Live coding interviews you host yourself</span>
      </header>

      <div className="home-grid">
        <section className="card" aria-labelledby="interview-heading">
          <h2 id="interview-heading">Start an interview</h2>
          <p className="muted">One shared editor, code that runs, hints you reveal, notes only you see.</p>
          <form onSubmit={createInterview} className="form">
            <label>
              Title <span className="muted">(optional)</span>
              <input
                value={title}
                maxLength={120}
                placeholder="e.g. Backend engineer — round 2"
                onChange={(e) => setTitle(e.target.value)}
                data-testid="room-title"
              />
            </label>
            <label>
              Problem
              <select name="problemId" value={problemId} onChange={(e) => setProblemId(e.target.value)} data-testid="room-problem">
                <option value="">Choose later (or a free-form pad)</option>
                {(['easy', 'medium', 'hard'] as const).map((d) => (
                  <optgroup key={d} label={d[0]!.toUpperCase() + d.slice(1)}>
                    {problems
                      .filter((p) => p.difficulty === d)
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.title}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <div className="form-row">
              <label>
                Length
                <select value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
                  {DURATIONS.map((d) => (
                    <option key={d} value={d}>
                      {d} minutes
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Language
                <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
                  <option value="javascript">JavaScript</option>
                  <option value="typescript">TypeScript</option>
                </select>
              </label>
            </div>
            <button type="submit" className="button primary" disabled={busy !== null} data-testid="create-interview">
              {busy === 'interview' ? 'Creating…' : 'Create interview room'}
            </button>
          </form>
          {created && (
            <div className="created" data-testid="created-room">
              <CopyField
                label="Your link (interviewer)"
                value={created.links.interviewer!}
                testId="interviewer-link"
                hint="Keep this one: it opens your private notes and scorecard."
              />
              <CopyField
                label="Candidate link"
                value={created.links.candidate}
                testId="candidate-link"
                hint="Send this to the candidate."
              />
              <a
                className="button primary"
                href={tokenLink(created.links.interviewer!)}
                data-testid="open-room"
                onClick={(e) => {
                  e.preventDefault();
                  navigate(tokenLink(created.links.interviewer!));
                }}
              >
                Open the room
              </a>
            </div>
          )}
        </section>

        <section className="card" aria-labelledby="practice-heading">
          <h2 id="practice-heading">Practice on your own</h2>
          <p className="muted">A problem, a timer, hints when you want them, and a summary at the end.</p>
          <form className="form" onSubmit={startPractice}>
            <div className="form-row">
              <label>
                Difficulty
                <select value={difficulty} onChange={(e) => setDifficulty(e.target.value)} data-testid="practice-difficulty">
                  <option value="">Any</option>
                  <option value="easy">Easy</option>
                  <option value="medium">Medium</option>
                  <option value="hard">Hard</option>
                </select>
              </label>
              <label>
                Topic
                <select value={tag} onChange={(e) => setTag(e.target.value)} data-testid="practice-tag">
                  <option value="">Any</option>
                  {tags.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label>
              Problem
              <select
                name="practiceProblem"
                value={practiceProblem}
                onChange={(e) => setPracticeProblem(e.target.value)}
                data-testid="practice-problem"
              >
                <option value="random">Surprise me ({practicePool.length} match)</option>
                {practicePool.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title} ({p.difficulty})
                  </option>
                ))}
              </select>
            </label>
            <div className="form-row">
              <label>
                Length
                <select name="practiceMinutes" defaultValue="30" data-testid="practice-minutes">
                  {[15, 20, 30, 45, 60].map((m) => (
                    <option key={m} value={m}>
                      {m} minutes
                    </option>
                  ))}
                </select>
              </label>
              <label className="checkbox">
                <input type="checkbox" name="practicePhases" data-testid="practice-phases" /> Timed phases (understand, plan, code, test)
              </label>
            </div>
            <button type="submit" className="button secondary" disabled={busy !== null} data-testid="start-practice">
              {busy === 'practice' ? 'Starting…' : 'Start practice'}
            </button>
          </form>
          {history.length > 0 && (
            <div className="practice-history" data-testid="practice-history">
              <h3>Your past sessions</h3>
              <ul>
                {history.map((h) => (
                  <li key={h.roomId}>
                    <a href={tokenLink(h.link)}>{h.problemTitle ?? 'Free-form'}</a>{' '}
                    <span className="muted small">
                      {new Date(h.at).toLocaleDateString()} · score {h.score ?? '—'} · {h.passRate === null ? 'no runs' : `${Math.round(h.passRate * 100)}% passed`} ·{' '}
                      {h.hintsUsed} hint{h.hintsUsed === 1 ? '' : 's'}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>

      {error && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}

      {recent.length > 0 && (
        <section className="card recent" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Your recent rooms</h2>
          <p className="muted">Kept in this browser only.</p>
          <ul>
            {recent.map((r) => (
              <li key={r.roomId}>
                <a href={tokenLink(r.links.interviewer ?? r.links.candidate)}>
                  {r.title || (r.mode === 'practice' ? 'Practice' : 'Interview')}
                </a>
                <span className="muted">
                  {' '}
                  · {r.mode} · {new Date(r.createdAt).toLocaleString()}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

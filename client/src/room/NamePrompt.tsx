import { useState, type FormEvent } from 'react';
import { MAX_NAME_LENGTH, type RoomInfo } from '@duet/shared';
import { rememberName, rememberedName } from '../app/identity';

/** Asks for the display name others see on your cursor; remembered in this browser. */
export function NamePrompt({ info, onDone }: { info: RoomInfo; onDone: (name: string) => void }) {
  const [name, setName] = useState(() => rememberedName());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = name.trim();
    if (!clean) return;
    rememberName(clean);
    onDone(clean.slice(0, MAX_NAME_LENGTH));
  };
  const what =
    info.mode === 'practice'
      ? 'practice session'
      : info.role === 'interviewer'
        ? 'interview (as the interviewer)'
        : 'interview';
  return (
    <main className="message-page">
      <form className="message-card" onSubmit={submit}>
        <h1>{info.title || 'Join the room'}</h1>
        <p>You are joining a {what}. What name should the others see?</p>
        <input
          autoFocus
          required
          maxLength={MAX_NAME_LENGTH}
          value={name}
          placeholder="Your name"
          onChange={(e) => setName(e.target.value)}
          data-testid="name-input"
        />
        <button type="submit" className="button primary" disabled={!name.trim()} data-testid="join-room">
          Join
        </button>
      </form>
    </main>
  );
}

import type { ReactNode } from 'react';

/** A full page with a title, a sentence and a way back home: for bad links, missing rooms, ended sessions. */
export function MessagePage({ title, message, children }: { title: string; message: string; children?: ReactNode }) {
  return (
    <main className="message-page" data-testid="message-page">
      <div className="message-card">
        <a className="brand" href="/">
          <span className="brand-mark">{'{}'}</span> Duet
        </a>
        <h1>{title}</h1>
        <p>{message}</p>
        {children}
        <a className="button secondary" href="/">
          Go to the home page
        </a>
      </div>
    </main>
  );
}

import { lazy, Suspense } from 'react';
import { usePath } from './router';
import { HomePage } from '../home/HomePage';
import { MessagePage } from './MessagePage';

// The room page carries Monaco (the bulk of the bundle); the home page loads without it.
const RoomPage = lazy(() => import('../room/RoomPage').then((m) => ({ default: m.RoomPage })));

export function App() {
  const path = usePath();
  const room = /^\/room\/([^/]+)\/?$/.exec(path);
  if (path === '/' || path === '') return <HomePage />;
  if (room) {
    return (
      <Suspense fallback={<div className="loading">Opening the room…</div>}>
        <RoomPage roomId={decodeURIComponent(room[1]!)} />
      </Suspense>
    );
  }
  return <MessagePage title="Page not found" message="There is nothing at this address." />;
}

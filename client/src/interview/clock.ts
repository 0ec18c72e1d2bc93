import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { STATE, timerFromMap, timerReading, type TimerState } from '@duet/shared';

/**
 * The difference between the server's clock and ours, estimated like NTP: several round trips to
 * GET /api/time, keeping the one with the shortest round trip (its midpoint is the best estimate).
 */
let offsetMs = 0;
let measured: Promise<void> | null = null;

export function measureClockOffset(samples = 5): Promise<void> {
  measured ??= (async () => {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < samples; i++) {
      try {
        const t0 = Date.now();
        const res = await fetch('/api/time', { cache: 'no-store' });
        const { now } = (await res.json()) as { now: number };
        const t1 = Date.now();
        if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: now - (t0 + t1) / 2 };
      } catch {
        // offline: keep the best so far
      }
    }
    if (Number.isFinite(best.rtt)) offsetMs = best.offset;
  })();
  return measured;
}

/** The server's time now, as well as we know it. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}


export type TimerView = ReturnType<typeof timerReading> & { timer: TimerState };

/** The room's clock, re-read four times a second on the corrected server time. */
export function useTimer(stateDoc: Y.Doc): TimerView {
  const map = stateDoc.getMap<unknown>(STATE.timer);
  const compute = (): TimerView => {
    const timer = timerFromMap(map);
    return { ...timerReading(timer, serverNow()), timer };
  };
  const [view, setView] = useState(compute);
  useEffect(() => {
    void measureClockOffset();
    const update = () => setView(compute());
    map.observe(update);
    const tick = setInterval(update, 250);
    return () => {
      map.unobserve(update);
      clearInterval(tick);
    };
    // compute reads only `map`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map]);
  return view;
}

/** 12:05, or 1:02:03 past an hour. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

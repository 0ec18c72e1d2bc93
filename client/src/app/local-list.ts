/**
 * A most-recent-first list of per-room records kept in this browser's localStorage, at most `max`
 * long, one record per room. Storage that is full, disabled or holds something else reads as empty.
 */
export function localRoomList<T extends { roomId: string }>(
  key: string,
  max: number,
): { read: () => T[]; remember: (record: T) => void } {
  const read = (): T[] => {
    try {
      const parsed = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is T => typeof r === 'object' && r !== null && typeof (r as { roomId?: unknown }).roomId === 'string',
      );
    } catch {
      return [];
    }
  };
  const remember = (record: T): void => {
    try {
      const rest = read().filter((r) => r.roomId !== record.roomId);
      localStorage.setItem(key, JSON.stringify([record, ...rest].slice(0, max)));
    } catch {
      // Storage full or disabled: what was to be remembered is still on screen.
    }
  };
  return { read, remember };
}

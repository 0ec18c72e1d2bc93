import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessUser } from '@duet/shared';

/** A value of a Y.Map, re-rendered when it changes. */
export function useYMapValue<T>(map: Y.Map<unknown>, key: string): T | undefined {
  return useSyncExternalStore(
    (notify) => {
      const observer = (event: Y.YMapEvent<unknown>) => {
        if (event.keysChanged.has(key)) notify();
      };
      map.observe(observer);
      return () => map.unobserve(observer);
    },
    () => map.get(key) as T | undefined,
  );
}

/** A Y.Map as a plain object snapshot, re-rendered on any change; `{}` for no map. */
export function useYMap(map: Y.Map<unknown> | null): Record<string, unknown> {
  const [value, setValue] = useState<Record<string, unknown>>(() => map?.toJSON() ?? {});
  useEffect(() => {
    const observer = () => setValue(map?.toJSON() ?? {});
    observer();
    if (!map) return;
    map.observeDeep(observer);
    return () => map.unobserveDeep(observer);
  }, [map]);
  return value;
}

/** A Y.Array as JSON, re-rendered on any change. */
export function useYArray<T>(array: Y.Array<T>): T[] {
  const [value, setValue] = useState<T[]>(() => array.toJSON() as T[]);
  useEffect(() => {
    const observer = () => setValue(array.toJSON() as T[]);
    array.observeDeep(observer);
    observer();
    return () => array.unobserveDeep(observer);
  }, [array]);
  return value;
}

export interface Participant extends AwarenessUser {
  clientId: number;
  isMe: boolean;
}

/** Everyone present in awareness with a user, me first. */
export function useParticipants(awareness: Awareness): Participant[] {
  const [list, setList] = useState<Participant[]>([]);
  useEffect(() => {
    const update = () => {
      const out: Participant[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = state.user as Partial<AwarenessUser> | undefined;
        if (!user?.name) return;
        out.push({
          clientId,
          name: user.name,
          color: user.color ?? '#888888',
          role: user.role === 'interviewer' ? 'interviewer' : 'candidate',
          isMe: clientId === awareness.clientID,
        });
      });
      out.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
      setList(out);
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [awareness]);
  return list;
}

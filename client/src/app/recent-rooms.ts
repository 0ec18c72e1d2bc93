import type { RoomMode } from '@duet/shared';

/** Rooms this browser created or opened, kept locally so links are not lost after the first view. */
export interface RecentRoom {
  roomId: string;
  mode: RoomMode;
  title: string;
  createdAt: number;
  links: { interviewer?: string; candidate: string };
}

const KEY = 'duet.recentRooms';
const MAX = 20;

export function recentRooms(): RecentRoom[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as RecentRoom[]) : [];
  } catch {
    return [];
  }
}

export function rememberRoom(room: RecentRoom): void {
  try {
    const rest = recentRooms().filter((r) => r.roomId !== room.roomId);
    localStorage.setItem(KEY, JSON.stringify([room, ...rest].slice(0, MAX)));
  } catch {
    // Storage full or disabled: the links are still on screen.
  }
}

import type { RoomMode } from '@duet/shared';
import { localRoomList } from './local-list';

/** Rooms this browser created or opened, kept locally so links are not lost after the first view. */
export interface RecentRoom {
  roomId: string;
  mode: RoomMode;
  title: string;
  createdAt: number;
  links: { interviewer?: string; candidate: string };
}

const list = localRoomList<RecentRoom>('duet.recentRooms', 20);
export const recentRooms = list.read;
export const rememberRoom = list.remember;

import { localRoomList } from '../app/local-list';

/** Past practice sessions of this browser, for the home page. */
export interface PracticeRecord {
  roomId: string;
  link: string;
  problemTitle: string | null;
  score: number | null;
  passRate: number | null;
  timeUsedMs: number;
  hintsUsed: number;
  at: number;
}

const list = localRoomList<PracticeRecord>('duet.practiceHistory', 30);
export const practiceHistory = list.read;
export const rememberPractice = list.remember;

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

const KEY = 'duet.practiceHistory';
const MAX = 30;

export function practiceHistory(): PracticeRecord[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as PracticeRecord[]) : [];
  } catch {
    return [];
  }
}

export function rememberPractice(record: PracticeRecord): void {
  try {
    const rest = practiceHistory().filter((r) => r.roomId !== record.roomId);
    localStorage.setItem(KEY, JSON.stringify([record, ...rest].slice(0, MAX)));
  } catch {
    // storage unavailable: the summary is still on screen
  }
}

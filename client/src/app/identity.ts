import { MAX_NAME_LENGTH } from '@duet/shared';

const NAME_KEY = 'duet.name';
const COLOR_KEY = 'duet.color';

/** Cursor colours that read well on the dark editor. */
export const PALETTE = ['#f97316', '#22c55e', '#3b82f6', '#e11d48', '#a855f7', '#14b8a6', '#eab308', '#ec4899'];

export function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name.trim().slice(0, MAX_NAME_LENGTH));
  } catch {
    // Private mode: the name is simply asked again next time.
  }
}

/** A colour for this browser, stable across visits. */
export function myColor(): string {
  try {
    const stored = localStorage.getItem(COLOR_KEY);
    if (stored && /^#[0-9a-f]{6}$/i.test(stored)) return stored;
    const color = PALETTE[Math.floor(Math.random() * PALETTE.length)]!;
    localStorage.setItem(COLOR_KEY, color);
    return color;
  } catch {
    return PALETTE[0]!;
  }
}

import type { Page } from 'playwright-core';

/** The text Monaco shows (visible lines), with its non-breaking spaces turned back into spaces. */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('[data-testid="code-editor"] .view-lines .view-line')] as HTMLElement[];
    lines.sort((a, b) => a.offsetTop - b.offsetTop);
    return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

/** Click into the editor and type like a person. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="code-editor"] .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

/** Wait until the editor shows `expected` somewhere. */
export async function waitForEditorText(page: Page, expected: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    last = await editorText(page);
    if (last.includes(expected)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`editor never showed ${JSON.stringify(expected)}; it shows ${JSON.stringify(last)}`);
}

/** Open a room link, give a name, and wait for the live editor. */
export async function joinRoom(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByTestId('name-input').fill(name);
  await page.getByTestId('join-room').click();
  await page.locator('[data-testid="code-editor"] .view-lines').waitFor();
  await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
}

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { newPerson, SCREENSHOT_DIR } from '../support/browser.js';
import { useE2eEnv } from '../support/e2e-env.js';
import { joinRoom, waitForEditorText } from '../support/page-helpers.js';

const env = useE2eEnv();

/** Replace the whole editor content with a paste (typed brackets would be auto-closed by Monaco). */
async function replaceCode(page: Page, code: string): Promise<void> {
  await page.locator('[data-testid="code-editor"] .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
}

const BUGGY = `function twoSum(nums, target) {
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    const other = seen.lookup(target - nums[i]);
    if (other !== undefined) return [other, i];
    seen.set(nums[i], i);
  }
}`;
const FIXED = BUGGY.replace('seen.lookup(', 'seen.get(');

describe('running code in the browser', () => {
  it('[E2E4] the candidate runs, jumps to an error line, fixes it; both see the same results; hidden details only for the interviewer', async () => {
    const interviewerCtx = await newPerson(env.browser, 'interviewer');
    const candidateCtx = await newPerson(env.browser, 'candidate');
    const interviewer = await interviewerCtx.newPage();
    const candidate = await candidateCtx.newPage();

    await interviewer.goto(env.server.url + '/');
    await interviewer.getByTestId('room-problem').selectOption('two-sum');
    await interviewer.getByTestId('create-interview').click();
    const candidateLink = await interviewer.getByTestId('candidate-link').inputValue();
    await interviewer.getByTestId('open-room').click();
    await interviewer.getByTestId('name-input').fill('Ivy');
    await interviewer.getByTestId('join-room').click();
    await interviewer.getByTestId('timer-start').click();
    await joinRoom(candidate, candidateLink, 'Cam');

    expect(await candidate.getByTestId('problem-title').textContent()).toBe('Two Sum');
    await waitForEditorText(candidate, 'function twoSum(nums, target)');

    // The starter fails; both people see it.
    await candidate.getByTestId('run').click();
    await candidate.locator('[data-testid="run-summary"][data-status="failed"]').waitFor();
    await interviewer.locator('[data-testid="run-summary"][data-status="failed"]').waitFor();

    // A bug: the error names its line; clicking it moves the cursor there, and a marker shows.
    await replaceCode(candidate, BUGGY);
    await waitForEditorText(interviewer, 'seen.lookup(');
    await candidate.getByTestId('run').click();
    await candidate.locator('[data-testid="run-summary"][data-status="failed"] >> text=0/3 passed').waitFor();
    const jump = candidate.getByTestId('jump-to-line').first();
    expect(await jump.textContent()).toContain('Line 4');
    await jump.click();
    const cursorLine = await candidate.evaluate(() => document.querySelector('.monaco-editor .current-line')?.getBoundingClientRect().top);
    const line4 = await candidate.evaluate(() => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-line')] as HTMLElement[];
      return lines.find((l) => l.textContent?.includes('seen.lookup'))?.getBoundingClientRect().top;
    });
    expect(cursorLine).toBe(line4);
    await candidate.locator('.monaco-editor .squiggly-error').first().waitFor();

    // Fixed, run with Ctrl+Enter from the editor.
    await replaceCode(candidate, FIXED);
    await waitForEditorText(interviewer, 'seen.get(target');
    await candidate.keyboard.press('Control+Enter');
    await candidate.locator('[data-testid="run-summary"][data-status="passed"]').waitFor();
    await interviewer.locator('[data-testid="run-summary"][data-status="passed"]').waitFor();

    // Submit: the interviewer sees hidden tests' arguments; the candidate only names and statuses.
    await candidate.getByTestId('submit').click();
    await candidate.locator('[data-testid="run-count"] >> text=14/14 passed').waitFor();
    await interviewer.locator('[data-testid="run-count"] >> text=14/14 passed').waitFor();
    const hiddenRow = (page: Page) => page.locator('[data-testid="test-row"]', { hasText: 'Hidden' }).first();
    await hiddenRow(interviewer).locator('.test-head').click();
    await hiddenRow(interviewer).getByText('Arguments').waitFor();
    expect(await hiddenRow(candidate).locator('.test-head').isDisabled()).toBe(true);

    // The candidate's own case, compared with the reference solution.
    await candidate.getByTestId('tab-tests').click();
    await candidate.getByTestId('add-case').click();
    await candidate.getByTestId('case-args-0').fill('[[1, 5, 9], 14]');
    await interviewer.getByTestId('tab-tests').click();
    await interviewer.locator('[data-testid="case-args-0"]').waitFor();
    expect(await interviewer.getByTestId('case-args-0').inputValue()).toBe('[[1, 5, 9], 14]');
    await candidate.getByTestId('run').click();
    await candidate.locator('[data-testid="run-count"] >> text=4/4 passed').waitFor();
    await candidate.locator('[data-testid="test-row"]', { hasText: 'Your case' }).waitFor();

    await interviewer.screenshot({ path: path.join(SCREENSHOT_DIR, 'runner-interviewer.png') });
    await candidate.screenshot({ path: path.join(SCREENSHOT_DIR, 'runner-candidate.png') });
    await interviewerCtx.close();
    await candidateCtx.close();
  });
});

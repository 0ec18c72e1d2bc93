import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { PAD } from '@duet/shared';
import { newPerson, SCREENSHOT_DIR } from '../support/browser.js';
import { useE2eEnv } from '../support/e2e-env.js';
import { editorText, joinRoom } from '../support/page-helpers.js';
import { createRoom, request } from '../support/api.js';
import { connectClient, sleep, waitFor } from '../support/clients.js';

const env = useE2eEnv();

async function paste(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="code-editor"] .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const remainingSeconds = (page: Page) => page.getByTestId('timer').first().getAttribute('data-remaining-s').then(Number);

describe('an interview in two browsers', () => {
  it('[E2E5] hints reach the candidate; the timer agrees in both (clocks skewed); notes, scorecard and signals; ending locks the pad for both', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview', problemId: 'two-sum', title: 'Onsite 2', durationMinutes: 45 });
    const interviewerCtx = await newPerson(env.browser, 'interviewer');
    const candidateCtx = await newPerson(env.browser, 'candidate');
    // The candidate's computer clock is two minutes fast: the timer must not care.
    await candidateCtx.addInitScript(() => {
      const realNow = Date.now;
      Date.now = () => realNow() + 120_000;
    });
    const interviewer = await interviewerCtx.newPage();
    const candidate = await candidateCtx.newPage();
    await joinRoom(interviewer, `${env.server.url}/room/${room.roomId}#token=${room.tokens.interviewer}`, 'Ivy');
    await interviewer.getByTestId('timer-start').click();
    await joinRoom(candidate, `${env.server.url}/room/${room.roomId}#token=${room.tokens.candidate}`, 'Cam');

    // The same time left in both, within a second.
    await candidate.waitForTimeout(1500);
    const [a, b] = await Promise.all([remainingSeconds(interviewer), remainingSeconds(candidate)]);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    expect(a).toBeGreaterThan(44 * 60);
    expect(a).toBeLessThanOrEqual(45 * 60);

    // A hint and a nudge from the interviewer appear for the candidate at once.
    await interviewer.getByTestId('tab-hints').click();
    await interviewer.getByTestId('reveal-hint').click();
    await candidate.getByTestId('hint-notice').waitFor();
    expect(await candidate.getByTestId('hint-notice').textContent()).toContain('New hint');
    await interviewer.getByTestId('nudge-text').fill('What could you remember as you scan?');
    await interviewer.getByTestId('send-nudge').click();
    await candidate.getByTestId('tab-hints').click();
    await candidate.locator('[data-testid="hint-feed"] li').nth(1).waitFor();
    const feed = await candidate.getByTestId('hint-feed').textContent();
    expect(feed).toContain('Hint 1 of 3');
    expect(feed).toContain('What could you remember as you scan?');
    // The ladder's later steps are the interviewer's only.
    expect(await candidate.getByTestId('hints-panel').textContent()).not.toContain('target - nums[i]');

    // Think-out-loud notes: a stamped quick entry, seen by the interviewer.
    await candidate.getByTestId('tab-notes').click();
    await candidate.getByTestId('quick-note').fill('Can the array contain duplicates?');
    await candidate.getByTestId('quick-note').press('Enter');
    await interviewer.getByTestId('tab-notes').click();
    await interviewer.locator('[data-testid="notes-editor"] >> text=duplicates').waitFor();

    // The scorecard is the interviewer's: the candidate has no such tab.
    expect(await candidate.getByTestId('tab-interviewer').count()).toBe(0);
    await interviewer.getByTestId('tab-interviewer').click();
    await interviewer.getByTestId('score-communication-4').click();
    await interviewer.getByTestId('recommendation').selectOption('yes');

    // A large paste by the candidate is recorded, and the interviewer sees it.
    await candidate.getByTestId('tab-problem').click();
    await paste(candidate, `function twoSum(nums, target) {\n${'  // a long comment line to make this paste large\n'.repeat(8)}  return [0, 1];\n}\n`);
    await interviewer.locator('[data-testid="signal-list"] >> text=Pasted').waitFor();
    await candidate.getByTestId('recorded-notice').locator('text=(1)').waitFor();

    await interviewer.screenshot({ path: path.join(SCREENSHOT_DIR, 'interview-interviewer.png') });
    await candidate.screenshot({ path: path.join(SCREENSHOT_DIR, 'interview-candidate.png') });

    // The end: the candidate's end screen; the editor read-only for both; the server refuses later edits.
    interviewer.once('dialog', (d) => void d.accept());
    await interviewer.getByTestId('end-room').click();
    await candidate.getByTestId('end-screen').waitFor();
    await candidate.getByTestId('review-code').click();
    for (const page of [interviewer, candidate]) {
      await page.getByTestId('ended-banner').waitFor();
      const before = await editorText(page);
      await page.locator('[data-testid="code-editor"] .view-lines').click();
      await page.keyboard.type('tampered');
      await page.waitForTimeout(200);
      expect(await editorText(page)).toBe(before);
    }
    const late = connectClient(env.server.wsUrl, room.roomId, 'pad', room.tokens.candidate);
    await late.synced;
    late.text.insert(0, '// after the end\n');
    await sleep(500);
    const check = connectClient(env.server.wsUrl, room.roomId, 'pad', room.tokens.interviewer!);
    await check.synced;
    await waitFor(() => check.text.length > 0, 'the pad');
    expect(check.doc.getText(PAD.code).toString()).not.toContain('after the end');
    late.destroy();
    check.destroy();
    // The interviewer can still fill in the scorecard after the end.
    await interviewer.getByTestId('tab-interviewer').click();
    await interviewer.getByTestId('score-testing-3').click();
    await interviewerCtx.close();
    await candidateCtx.close();
  });

  it('[E2E7] both people are warned when a minute is left', async () => {
    const room = await createRoom(env.server.url, { mode: 'interview', durationMinutes: 1 });
    const ctxs = [await newPerson(env.browser, 'interviewer'), await newPerson(env.browser, 'candidate')];
    const [interviewer, candidate] = [await ctxs[0]!.newPage(), await ctxs[1]!.newPage()];
    await joinRoom(interviewer, `${env.server.url}/room/${room.roomId}#token=${room.tokens.interviewer}`, 'Ivy');
    await candidate.goto(`${env.server.url}/room/${room.roomId}#token=${room.tokens.candidate}`);
    await candidate.getByTestId('name-input').fill('Cam');
    await candidate.getByTestId('join-room').click();
    await candidate.getByTestId('lobby').waitFor();
    await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/timer`, { token: room.tokens.interviewer!, body: { action: 'start' } });
    for (const page of [interviewer, candidate]) {
      await page.getByTestId('timer-warning').waitFor();
      expect(await page.getByTestId('timer-warning').textContent()).toBe('1 minute left.');
    }
    for (const ctx of ctxs) await ctx.close();
  });

  it('[E2E6] practice from the home page to the summary: phases, a self-revealed hint with its cost, submit, notes, history', async () => {
    const ctx = await newPerson(env.browser, 'practitioner');
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(env.server.url + '/');
    await page.getByTestId('practice-difficulty').selectOption('easy');
    await page.getByTestId('practice-problem').selectOption('climbing-stairs');
    await page.getByTestId('practice-minutes').selectOption('20');
    await page.getByTestId('practice-phases').check();
    await page.getByTestId('start-practice').click();
    await page.getByTestId('name-input').fill('Pat');
    await page.getByTestId('join-room').click();
    await page.getByTestId('practice-ready').waitFor();
    await page.getByTestId('timer-start').click();
    await page.locator('[data-testid="code-editor"] .view-lines').waitFor();
    expect(await page.getByTestId('phase').textContent()).toContain('Understand');

    await page.getByTestId('tab-hints').click();
    expect(await page.getByTestId('reveal-hint').textContent()).toContain('−10 points');
    await page.getByTestId('reveal-hint').click();
    await page.locator('[data-testid="hint-feed"] li').first().waitFor();

    await paste(page, 'function climbStairs(n) {\n  let a = 1, b = 1;\n  for (let i = 2; i <= n; i++) [a, b] = [b, a + b];\n  return b;\n}\n');
    await page.getByTestId('submit').click();
    await page.locator('[data-testid="run-summary"][data-status="passed"]').waitFor();
    await page.getByTestId('tab-notes').click();
    await page.getByTestId('quick-note').fill('Fibonacci in disguise');
    await page.getByTestId('quick-note').press('Enter');
    await page.waitForTimeout(300);

    await page.getByTestId('end-room').click();
    await page.getByTestId('practice-summary').waitFor();
    await page.getByTestId('summary-score').locator('text=90 / 100').waitFor();
    expect(await page.getByTestId('summary-pass-rate').textContent()).toBe('100%');
    expect(await page.getByTestId('summary-hints').textContent()).toBe('1 of 3');
    expect(await page.getByTestId('summary-runs').textContent()).toContain('1 submit');
    expect(await page.getByTestId('summary-notes').textContent()).toContain('Fibonacci in disguise');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'practice-summary.png') });

    await page.goto(env.server.url + '/');
    await page.getByTestId('practice-history').locator('text=Climbing Stairs').waitFor();
    await ctx.close();
  });
});

import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { startServer } from '../support/server.js';
import { newPerson, SCREENSHOT_DIR } from '../support/browser.js';
import { useE2eEnv } from '../support/e2e-env.js';
import { editorText, joinRoom, typeInEditor, waitForEditorText } from '../support/page-helpers.js';
import { createRoom, request } from '../support/api.js';

const env = useE2eEnv();

describe('a room in two browsers', () => {
  it('[E2E1] interviewer creates a room, candidate joins, each sees the other typing and the cursor label', async () => {
    const interviewerCtx = await newPerson(env.browser, 'interviewer');
    const candidateCtx = await newPerson(env.browser, 'candidate');
    const interviewer = await interviewerCtx.newPage();
    const candidate = await candidateCtx.newPage();

    await interviewer.goto(env.server.url + '/');
    await interviewer.getByTestId('room-title').fill('Frontend round');
    await interviewer.getByTestId('create-interview').click();
    const candidateLink = await interviewer.getByTestId('candidate-link').inputValue();
    const interviewerLink = await interviewer.getByTestId('interviewer-link').inputValue();
    expect(candidateLink).toMatch(/\/room\/[\w-]{12}#token=[\w-]{32}$/);
    expect(interviewerLink).not.toBe(candidateLink);

    await interviewer.getByTestId('open-room').click();
    await interviewer.getByTestId('name-input').fill('Ivy');
    await interviewer.getByTestId('join-room').click();
    await interviewer.locator('[data-testid="code-editor"] .view-lines').waitFor();

    // The candidate waits in the lobby until the interviewer starts, then the room opens by itself.
    await candidate.goto(candidateLink);
    await candidate.getByTestId('name-input').fill('Cam');
    await candidate.getByTestId('join-room').click();
    await candidate.getByTestId('lobby').waitFor();
    await interviewer.getByTestId('waiting-banner').waitFor();
    await interviewer.getByTestId('timer-start').click();
    await candidate.locator('[data-testid="code-editor"] .view-lines').waitFor();
    await candidate.locator('[data-testid="connection-status"][data-state="live"]').waitFor();

    await typeInEditor(candidate, 'const answer = 42;');
    await waitForEditorText(interviewer, 'const answer = 42;');
    await typeInEditor(interviewer, ' // why 42?');
    await waitForEditorText(candidate, 'const answer = 42; // why 42?');

    // The candidate's cursor shows in the interviewer's editor with the candidate's name.
    const label = interviewer.locator('.yRemoteSelectionHead').first();
    await label.waitFor({ state: 'attached' });
    const labelText = await label.evaluate((el) => getComputedStyle(el, '::after').content);
    expect(labelText).toBe('"Cam"');
    const box = await label.boundingBox();
    expect(box && box.height > 0).toBe(true);

    // Presence: both names with role badges, from the server's view of roles.
    const people = interviewer.getByTestId('participants');
    await people.getByText('Cam').waitFor();
    expect(await people.locator('[data-role="candidate"]').count()).toBe(1);
    expect(await people.locator('[data-role="interviewer"]').count()).toBe(1);
    expect(await candidate.getByTestId('my-role').textContent()).toBe('Candidate');

    await interviewer.screenshot({ path: path.join(SCREENSHOT_DIR, 'room-interviewer.png') });
    await candidate.screenshot({ path: path.join(SCREENSHOT_DIR, 'room-candidate.png') });

    // Ending: the candidate gets the end screen; the interviewer's editor is read-only.
    interviewer.once('dialog', (d) => void d.accept());
    await interviewer.getByTestId('end-room').click();
    await candidate.getByTestId('end-screen').waitFor();
    await interviewer.getByTestId('ended-banner').waitFor();
    const before = await editorText(interviewer);
    await interviewer.locator('[data-testid="code-editor"] .view-lines').click();
    await interviewer.keyboard.type('zzz');
    await interviewer.waitForTimeout(300);
    expect(await editorText(interviewer)).toBe(before);
    await interviewerCtx.close();
    await candidateCtx.close();
  });

  it('[E2E2] a bad or incomplete link gets a page that says so', async () => {
    const ctx = await newPerson(env.browser, 'visitor');
    const page = await ctx.newPage();
    const room = await createRoom(env.server.url);
    await page.goto(`${env.server.url}/room/${room.roomId}#token=not-the-token`);
    await page.getByTestId('message-page').waitFor();
    expect(await page.locator('h1').textContent()).toBe('This link does not work');
    await page.goto(`${env.server.url}/room/AAAAAAAAAAAA#token=${room.tokens.candidate}`);
    await page.getByText('Room not found').waitFor();
    await page.goto(`${env.server.url}/room/${room.roomId}`);
    await page.getByText('This link is incomplete').waitFor();
    await ctx.close();
  });

  it('[E2E3] the status says reconnecting when the server goes away, and live when it is back', async () => {
    const room = await createRoom(env.server.url);
    await request(env.server.url, 'POST', `/api/rooms/${room.roomId}/timer`, { token: room.tokens.interviewer!, body: { action: 'start' } });
    const ctx = await newPerson(env.browser, 'candidate');
    const page = await ctx.newPage();
    await joinRoom(page, `${env.server.url}/room/${room.roomId}#token=${room.tokens.candidate}`, 'Cam');
    await typeInEditor(page, 'let kept = true;');
    await page.waitForTimeout(200);
    const port = env.server.port;
    const dataDir = env.server.dataDir;
    await env.server.kill9();
    await page.locator('[data-testid="connection-status"][data-state="reconnecting"]').waitFor();
    await typeInEditor(page, ' // typed offline');
    env.server = await startServer({ serveClient: true, port, dataDir });
    await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 20_000 });
    const other = await (await newPerson(env.browser, 'interviewer')).newPage();
    await joinRoom(other, `${env.server.url}/room/${room.roomId}#token=${room.tokens.interviewer}`, 'Ivy');
    await waitForEditorText(other, 'let kept = true; // typed offline');
    await ctx.close();
  });
});

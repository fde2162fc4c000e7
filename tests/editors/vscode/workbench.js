// Playwright helpers for driving the VS Code workbench (code-server) the way a user
// does: explorer clicks, the command palette, key chords, the Problems panel.
// Selectors were found on code-server 4.139 (VS Code 1.139).
'use strict';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs = 20000, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function openWorkbench(page, url) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
}

async function openFile(page, name) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
  await row.waitFor({ timeout: 60000 });
  await row.click();
  await page.waitForSelector(`.tabs-container .tab[aria-label*="${name}"]`, { timeout: 30000 });
  // Focus the text so key chords go to the editor.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
}

/** Run a command from the palette by its full label, e.g. "TruthLens: Insert Summary". */
async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 10000 });
  await sleep(200); // the list settles on the best match before Enter takes it
  await page.keyboard.press('Enter');
}

/** Put the cursor at a 1-based line and column with Go to Line (Ctrl+G). */
async function gotoLine(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`:${line}:${column}`);
  await sleep(200);
  await page.keyboard.press('Enter');
  await sleep(200);
}

/** The status bar's problem count, e.g. { errors: 0, warnings: 5, infos: 0 }. */
async function problemCounts(page) {
  const label = (await page.locator('[id="status.problems"]').first().getAttribute('aria-label')) || '';
  const n = (re) => Number((label.match(re) || [0, 0])[1]);
  return { errors: n(/Errors?: (\d+)/), warnings: n(/Warnings?: (\d+)/), infos: n(/Infos?: (\d+)/), label };
}

const totalProblems = (c) => c.errors + c.warnings + c.infos;

/**
 * Every row of the Problems panel, in order. The panel's list is virtualised: only
 * the rows in view are in the DOM (a file row, a row per problem and one per piece
 * of related information soon fill it). So the list is walked a page at a time with
 * the keyboard, collecting rows by their `data-index` until the one marked
 * `data-last-element` has been seen and no index before it is missing.
 */
async function problemRows(page) {
  await runCommand(page, 'View: Focus Problems');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.first().waitFor({ timeout: 30000 });
  // The tree has the focus now: Home and PageDown move through it, scrolling with it.
  await page.locator('.markers-panel .monaco-list').first().focus();
  await page.keyboard.press('Home');
  await sleep(200);
  const seen = new Map();
  let last = null;
  const missing = () => {
    if (last === null) return null;
    const gaps = [];
    for (let i = 0; i <= last; i++) if (!seen.has(i)) gaps.push(i);
    return gaps;
  };
  for (let step = 0; step < 100; step++) {
    const batch = await rows.evaluateAll((els) => els.map((e) => ({
      index: Number(e.getAttribute('data-index')),
      last: e.getAttribute('data-last-element') === 'true',
      text: e.innerText,
    })));
    for (const r of batch) {
      if (!Number.isInteger(r.index)) continue;
      seen.set(r.index, r.text);
      if (r.last) last = r.index;
    }
    const gaps = missing();
    if (gaps && gaps.length === 0) break;
    await page.keyboard.press('PageDown');
    await sleep(200);
  }
  const gaps = missing();
  if (!gaps || gaps.length > 0) {
    throw new Error(`could not collect every Problems row (last index ${last}, missing ${JSON.stringify(gaps)}); ` +
      `collected: ${JSON.stringify([...seen.entries()].sort((a, b) => a[0] - b[0]))}`);
  }
  await page.keyboard.press('Home');
  return [...Array(last + 1).keys()].map((i) => seen.get(i));
}

async function notifications(page) {
  return page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
}

async function closeNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
}

/** Text of the visible lines of the active editor. */
async function visibleText(page) {
  return page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
}

/**
 * Replace the user settings through the settings.json editor, as a user would
 * (code-server does not notice the file being rewritten behind its back).
 * The JSON goes in as one line: insertText auto-closes nothing, but each newline
 * would be auto-indented. Waits until FILE holds it.
 */
async function writeUserSettings(page, file, settings) {
  const fs = require('fs');
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  // VS Code 1.139 opens it in a modal editor, not a tab; it has the focus either way.
  await page.locator('.monaco-breadcrumb-item', { hasText: 'settings.json' }).first().waitFor({ timeout: 15000 });
  await sleep(500);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(settings));
  await page.keyboard.press('Control+S');
  const want = JSON.stringify(settings);
  await waitFor('settings.json to be saved', async () => {
    try { return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))) === want; } catch { return false; }
  }, 10000);
  await page.keyboard.press('Control+W');
  await sleep(300);
}

module.exports = {
  writeUserSettings,
  sleep, waitFor, openWorkbench, openFile, runCommand, gotoLine, problemCounts, totalProblems,
  problemRows, notifications, closeNotifications, visibleText,
};

// VS Code end-to-end scenarios on the example article, in one browser session.
// Usage: node e2e.js URL WORKSPACE OUT_DIR SCREENSHOT
// Prints one PASS/SKIP/FAIL line per scenario; exits 1 if any failed.
'use strict';

const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const wb = require('./workbench');

const [url, workspace, outDir, screenshot] = process.argv.slice(2);
const DRAFT = 'ceasefire-draft.md';
const draftPath = path.join(workspace, DRAFT);
const BIN = process.env.TRUTHLENS_BIN;
const MARKER = '<!-- truthlens:summary -->';
// The finding the quick fix acts on.
const TARGET = { rule: 'loaded-language', text: 'slammed' };
// The end of a paragraph to type at (the cursor scenario): earlier scenarios insert
// blocks, so its line is looked up when it runs.
const PARAGRAPH_END = 'had stopped running.';

class Skip extends Error {}
const skip = (reason) => { throw new Skip(reason); };
const check = (cond, reason) => { if (!cond) throw new Error(reason); return cond; };

/** `truthlens ARGS...`: { code, stdout, stderr } (exit 1 means findings). */
function cli(args) {
  try {
    return { code: 0, stdout: execFileSync(BIN, args, { encoding: 'utf8', stdio: 'pipe' }), stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: String(e.stdout || ''), stderr: String(e.stderr || '') };
  }
}

/** A CLI subcommand that is still a stub says "not built yet": skip, naming it. */
function requireCli(args) {
  const res = cli(args);
  if (res.code === 2 && res.stderr.includes('not built yet')) {
    skip(`\`truthlens ${args[0]}\` not landed: ${res.stderr.trim()}`);
  }
  check(res.code === 0 || res.code === 1, `truthlens ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

// Hints never reach the Problems panel or its status bar count: leave them out.
const cliFindings = () => JSON.parse(requireCli(['check', '--format', 'json', draftPath])).files[0].findings
  .filter((f) => f.severity !== 'hint');

/** The TruthLens output channel, as VS Code logs it to disk. */
function outputLog() {
  const logs = path.join(process.env.TRUTHLENS_E2E_USER_DATA, 'logs');
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/TruthLens\.log$/.test(e.name)) found.push(p);
    }
  };
  if (fs.existsSync(logs)) walk(logs);
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** Pids of the language servers this test's extension started (found by its unique path). */
function serverPids() {
  const exe = process.env.TRUTHLENS_E2E_EXTENSIONS;
  const ps = execFileSync('ps', ['-ww', '-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.split('\n')
    .filter((l) => l.includes(exe) && l.includes('/server/truthlens lsp'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

async function saveAndRead(page) {
  await page.keyboard.press('Control+S');
  await wb.sleep(500);
  return fs.readFileSync(draftPath, 'utf8');
}

const results = [];

let page; // the one browser tab, set once the browser is up

async function scenario(name, fn) {
  const t0 = Date.now();
  let status = 'PASS';
  let reason = '';
  try {
    await fn();
  } catch (e) {
    status = e instanceof Skip ? 'SKIP' : 'FAIL';
    reason = `: ${e.message.split('\n')[0]}`;
    if (status === 'FAIL' && page) {
      await page.screenshot({ path: path.join(outDir, `fail-${name}.png`) }).catch(() => undefined);
    }
  }
  const line = `${status} vscode/${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${reason}`;
  console.log(line);
  results.push(status);
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') fs.appendFileSync(path.join(outDir, 'console.log'), m.text() + '\n');
  });
  const expected = cliFindings();
  let baseline; // problem counts with the untouched article

  try {
    await scenario('problems', async () => {
      await wb.openWorkbench(page, url);
      await wb.openFile(page, DRAFT);
      const counts = await wb.waitFor('the status bar to count the findings',
        async () => { const c = await wb.problemCounts(page); return wb.totalProblems(c) > 0 && c; }, 60000);
      await wb.sleep(1000); // let a last publish land
      baseline = await wb.problemCounts(page);
      const rows = await wb.problemRows(page);
      fs.writeFileSync(path.join(outDir, 'problems.json'), JSON.stringify({ counts: baseline, rows }, null, 2));
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await wb.gotoLine(page, 8, 1); // the editor shows lines 1-30, with findings on them
      await wb.sleep(1000);
      await page.screenshot({ path: screenshot });
      // Every CLI finding is a row at the same line and column, tagged with its rule.
      for (const f of expected) {
        const at = `[Ln ${f.line}, Col ${f.column}]`;
        check(rows.some((r) => r.includes(at) && r.includes(f.rule)),
          `no Problems row for ${f.rule} "${f.text}" ${at}; rows: ${JSON.stringify(rows)}`);
      }
      // All rows are collected, so the problem rows (related information has no rule
      // or source) are exactly the CLI's findings, none twice.
      const problems = rows.filter((r) => /\ntruthlens\n/.test(r));
      check(problems.length === expected.length,
        `the Problems panel lists ${problems.length} problems, the CLI ${expected.length} findings`);
      check(wb.totalProblems(baseline) === expected.length,
        `the status bar counts ${baseline.label}, the CLI ${expected.length} findings`);
      void counts;
    });

    await scenario('quickfix', async () => {
      check(baseline, 'no diagnostics to fix');
      const f = expected.find((x) => x.rule === TARGET.rule && x.text === TARGET.text);
      check(f, `the CLI has no ${TARGET.rule} finding for "${TARGET.text}"`);
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await wb.gotoLine(page, f.line, f.column + 1);
      await wb.sleep(1500); // Ctrl+. right after moving finds no actions yet
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      const titles = await rows.first().waitFor({ timeout: 15000 }).then(() => rows.allInnerTexts()).catch(() => []);
      fs.writeFileSync(path.join(outDir, 'codeactions.json'), JSON.stringify(titles, null, 2));
      const wanted = titles.findIndex((t) => f.alternatives.some((a) => t.includes(a)));
      if (wanted < 0) {
        await page.keyboard.press('Escape');
        skip(`loaded-language quick fixes not landed: Ctrl+. on "${f.text}" offers ${JSON.stringify(titles)}`);
      }
      // Walk the keyboard focus to the fix (clicking rows is flaky), then Enter.
      for (let i = 0; i < titles.length; i++) {
        const focused = await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '');
        if (focused === titles[wanted]) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await wb.waitFor('the fixed finding to leave the Problems count', async () =>
        wb.totalProblems(await wb.problemCounts(page)) === wb.totalProblems(baseline) - 1, 15000);
      const line = (await saveAndRead(page)).split('\n')[f.line - 1];
      check(!line.includes(f.text) && f.alternatives.some((a) => line.includes(a)),
        `line ${f.line} after the fix: ${line}`);
    });

    await scenario('insert-summary', async () => {
      // The server may offer the command while the summary itself is a stub; the CLI tells.
      requireCli(['summary', draftPath]);
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await wb.closeNotifications(page);
      const insert = async () => {
        await wb.runCommand(page, 'TruthLens: Insert Summary');
        return wb.waitFor('the summary block or an error notification', async () => {
          const note = (await wb.notifications(page)).find((n) => n.includes('TruthLens'));
          if (note) return { note };
          const dirty = await page.locator(`.tabs-container .tab.dirty[aria-label*="${DRAFT}"]`).count();
          return dirty > 0 && { dirty };
        }, 15000);
      };
      const first = await insert();
      if (first.note && first.note.includes('does not offer')) {
        skip(`insert summary not landed: ${first.note.split('\n')[0]}`);
      }
      check(!first.note, `insert summary failed: ${first.note}`);
      const text = await saveAndRead(page);
      check(text.split(MARKER).length - 1 === 1, `expected one ${MARKER} after inserting, text starts: ${text.slice(0, 400)}`);
      // A rerun replaces the block, possibly with the same text: no dirty tab to wait for.
      await wb.runCommand(page, 'TruthLens: Insert Summary');
      await wb.sleep(2000);
      const note = (await wb.notifications(page)).find((n) => n.includes('TruthLens'));
      check(!note, `the second insert failed: ${note}`);
      const again = await saveAndRead(page);
      check(again.split(MARKER).length - 1 === 1, `a second insert left ${again.split(MARKER).length - 1} summary blocks`);
    });

    await scenario('status-bar', async () => {
      const report = JSON.parse(requireCli(['report', '--format', 'json', draftPath]));
      const item = page.locator('.statusbar-item', { hasText: 'TruthLens' }).first();
      const text = await wb.waitFor('the TruthLens status bar item', async () => {
        const t = await item.innerText().catch(() => '');
        return t.includes('TruthLens:') && t;
      }, 15000);
      if (typeof report.level === 'string') {
        check(text.includes(report.level), `status bar "${text}" lacks the level ${report.level}`);
      }
      check(/\d+ sources?/.test(text), `status bar "${text}" lacks the source count`);
      await item.click();
      // The report opens rendered, in the Markdown preview, not as raw Markdown.
      await page.waitForSelector('.tabs-container .tab[aria-label*="Preview Report - "]', { timeout: 15000 });
    });

    await scenario('sources', async () => {
      requireCli(['sources', '--format', 'json', draftPath]);
      await wb.openFile(page, DRAFT);
      await wb.runCommand(page, 'TruthLens: Show Sources');
      await page.waitForSelector('.tabs-container .tab[aria-label*="Sources - "]', { timeout: 15000 });
      const view = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      // Monaco renders spaces as no-break spaces.
      const text = async () => (await view.innerText()).replace(/\u00a0/g, ' ');
      await wb.waitFor('a table in the Sources view', async () => (await text()).includes('| ---'), 10000)
        .catch(async () => check(false, `no table in: ${JSON.stringify(await text())}`));
    });

    await scenario('settings', async () => {
      // Turn loaded-language off in the workspace settings (.vscode/settings.json, as a
      // team would commit it); the server must follow live, without a restart.
      await wb.openFile(page, DRAFT);
      const before = await wb.problemCounts(page);
      // The draft on disk is the buffer (earlier scenarios saved it): count its findings now.
      const ll = cliFindings().filter((f) => f.rule === 'loaded-language').length;
      const dir = path.join(workspace, '.vscode');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'settings.json');
      fs.writeFileSync(file, JSON.stringify({ 'truthlens.rules': { 'loaded-language': { enabled: false } } }));
      try {
        const ok = await wb.waitFor('loaded-language findings to go', async () =>
          wb.totalProblems(await wb.problemCounts(page)) === wb.totalProblems(before) - ll, 15000)
          .catch(() => false);
        const asked = outputLog().split('\n').filter((l) => l.includes('settings requested by the server'));
        if (!ok) {
          if (asked.length === 0) {
            skip('live configuration not landed: the server never requested workspace/configuration');
          }
          check(false, `settings changed but the problems stayed at ${(await wb.problemCounts(page)).label}; ` +
            `last settings the server asked for: ${asked[asked.length - 1]}`);
        }
        check(asked.some((l) => l.includes('"rules":{"loaded-language":{"enabled":false}}')),
          'the server was not sent the rules in the .truthlens.toml schema');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      await wb.waitFor('the findings to come back', async () =>
        wb.totalProblems(await wb.problemCounts(page)) === wb.totalProblems(before), 15000);
    });

    await scenario('restart', async () => {
      const pids = serverPids();
      check(pids.length === 1, `expected one server process, found ${JSON.stringify(pids)}`);
      // The suite's PATH has no truthlens, but VS Code adds the login shell's PATH.
      const origin = (outputLog().match(/lsp --stdio \(from (\w+)\)/) || [])[1];
      check(origin === 'bundled' || origin === 'PATH', `server origin: ${origin}`);
      if (origin !== 'bundled') console.log('  - note: a truthlens on PATH was used, not the bundled one');
      const before = await wb.problemCounts(page);
      await wb.closeNotifications(page);
      process.kill(pids[0], 'SIGKILL');
      await wb.waitFor('the restart notice', async () =>
        (await wb.notifications(page)).some((n) => n.includes('stopped unexpectedly and was restarted')), 20000);
      const after = await wb.waitFor('a new server process', async () => {
        const now = serverPids();
        return now.length === 1 && now[0] !== pids[0] && now;
      }, 20000);
      await wb.waitFor('the findings after the restart', async () =>
        wb.totalProblems(await wb.problemCounts(page)) === wb.totalProblems(before), 20000);
      void after;
    });

    await scenario('cursor-off', async () => {
      // With `truthlens.cursor` off (the server restarted for it), a loaded word typed at
      // the end of a paragraph is flagged while the cursor is still on it.
      const count = async () => wb.totalProblems(await wb.problemCounts(page));
      const pids = serverPids();
      const dir = path.join(workspace, '.vscode');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ 'truthlens.cursor': false }));
      const typed = ' The minister slammed';
      let offPid;
      try {
        offPid = await wb.waitFor('a new server process for the setting', async () => {
          const now = serverPids();
          return now.length === 1 && now[0] !== pids[0] && now[0];
        }, 60000);
        await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
        const lines = (await saveAndRead(page)).split('\n');
        const at = lines.map((l) => l.endsWith(PARAGRAPH_END)).lastIndexOf(true);
        check(at >= 0, `no line ends with "${PARAGRAPH_END}"`);
        const before = await wb.waitFor('the findings after the restart', async () => {
          const n = await count();
          return n > 0 && n;
          // A restarted server analyses the workspace again while the pre-commit suite
          // compiles beside it on a two-core runner: give it time.
        }, 60000);
        await wb.gotoLine(page, at + 1, lines[at].length + 1);
        await page.keyboard.type(typed, { delay: 30 });
        await page.keyboard.press('Escape'); // a suggestion list, if one opened
        await wb.waitFor('the finding on the word just typed, the cursor still on it', async () =>
          (await count()) === before + 1, 15000);
        for (let i = 0; i < typed.length; i++) await page.keyboard.press('Backspace');
        await wb.waitFor('the findings as they were', async () => (await count()) === before, 15000);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      // The setting back on restarts the server again, for the scenario after.
      const before = await count();
      await wb.waitFor('the server restarted for the setting back on', async () => {
        const now = serverPids();
        return now.length === 1 && now[0] !== offPid;
      }, 20000);
      await wb.waitFor('the findings after that restart', async () => (await count()) === before, 20000);
    });

    await scenario('cursor', async () => {
      // A loaded word typed at the end of a paragraph: its finding waits until the cursor
      // leaves the word (the extension reports cursor moves that come without an edit).
      const count = async () => wb.totalProblems(await wb.problemCounts(page));
      const settled = async () => {
        await page.keyboard.press('Escape'); // a suggestion list, if one opened
        await wb.sleep(2000);
        return count();
      };
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      // The last such line: the summary block quotes the paragraph too, and is not reviewed.
      const lines = (await saveAndRead(page)).split('\n');
      const at = lines.map((l) => l.endsWith(PARAGRAPH_END)).lastIndexOf(true);
      check(at >= 0, `no line ends with "${PARAGRAPH_END}"`);
      // Its end by column (the editor wraps long lines, and End goes to the wrap).
      await wb.gotoLine(page, at + 1, lines[at].length + 1);
      await page.keyboard.type(' The minister ', { delay: 30 });
      const before = await settled();
      await page.keyboard.type('slammed', { delay: 30 });
      check(await settled() === before,
        'the finding on the word being typed was shown before the cursor left it');
      await wb.gotoLine(page, at + 1, 1);
      await wb.waitFor('the held-back finding once the cursor left the word', async () =>
        (await count()) === before + 1, 15000);
    });
  } finally {
    await page.screenshot({ path: path.join(outDir, 'final.png') }).catch(() => undefined);
    fs.writeFileSync(path.join(outDir, 'output.log'), outputLog());
    await browser.close();
  }
  process.exit(results.includes('FAIL') ? 1 : 0);
})().catch((e) => {
  console.log(`FAIL vscode/harness: ${e.stack}`);
  process.exit(1);
});

// The real-VS-Code test: drives code-server (VS Code in a browser, started by
// test/run-real-vscode.sh with the packaged extension installed) through
// Debian's chromium with playwright-core. Each step asserts what a user sees;
// the first failure ends the run with exit status 1 and a screenshot.
//
// Env: KLS_URL (code-server), KLS_FOLDER (a fresh copy of
// test-workspace/xen-p2m-2008), KLS_UD (the user-data-dir, for the extension's
// log), KLS_RESULTS (screenshots and results.json), CHROMIUM.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const url = need('KLS_URL');
const folder = need('KLS_FOLDER');
const ud = need('KLS_UD');
const results = need('KLS_RESULTS');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const mod = 'Control';
const measures = {};
const t0 = Date.now();
let page;
let stepName = 'start';

function need(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`real-vscode: ${name} is not set (run test/run-real-vscode.sh)`);
    process.exit(2);
  }
  return v;
}

function log(msg) {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

async function step(name, fn) {
  stepName = name;
  const s = Date.now();
  await fn();
  log(`ok: ${name} (${Date.now() - s} ms)`);
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

// The README's pictures are also saved as JPEG: a tenth of the PNG's size in the .vsix.
const README_SHOTS = new Set(['problems', 'hover', 'fixed', 'kconfig-hover']);

async function shot(name) {
  await page.screenshot({ path: path.join(results, `${name}.png`) });
  if (README_SHOTS.has(name)) {
    await page.screenshot({ path: path.join(results, `${name}.jpg`), type: 'jpeg', quality: 80 });
  }
}

/** Polls fn (in the test) until it returns a truthy value or the time is up. */
async function until(what, fn, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await page.waitForTimeout(150);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Presses key until the quick input shows (a key pressed while a widget closes can be lost). */
async function quickInput(key) {
  const input = page.locator('.quick-input-widget:not([style*="display: none"]) input');
  await until(`the quick input after ${key}`, async () => {
    await page.keyboard.press(key);
    return input.waitFor({ timeout: 2000 }).then(() => true, () => false);
  }, 20000);
}

async function quickOpen(rel) {
  await quickInput(`${mod}+P`);
  await page.keyboard.type(rel);
  // The list first shows recently opened files; pick the row of this file once the search has it.
  const base = path.basename(rel);
  const dir = path.dirname(rel);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: dir })
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${base.replace('.', '\\.')}$`) }) }).first();
  await row.waitFor({ timeout: 20000 });
  await row.click();
  await page.waitForSelector(`.tabs-container .tab.active[aria-label^="${base}"]`);
}

/** Runs a command from the command palette by its title. */
async function command(title) {
  await quickInput('F1');
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
}

async function gotoLine(lineCol) {
  await quickInput(`${mod}+G`);
  await page.keyboard.type(lineCol);
  await page.keyboard.press('Enter');
}

async function squiggles() {
  return page.locator('.editor-instance .monaco-editor .squiggly-error').count();
}

async function statusBarText() {
  return page.evaluate(() => [...document.querySelectorAll('.statusbar-item')]
    .map((e) => e.getAttribute('aria-label') || e.textContent || '').join(' | '));
}

async function problemRows() {
  return page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
    .map((e) => (e.getAttribute('aria-label') || '') + ' ' + (e.textContent || '')));
}

/** Screen centre of `word` on the first editor line matching `lineRe` (text with real spaces). */
async function wordPosition(lineRe, word) {
  const p = await page.evaluate(([src, w]) => {
    const re = new RegExp(src);
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      const text = (line.textContent || '').replace(/\u00a0/g, ' ');
      if (!re.test(text)) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.replace(/\u00a0/g, ' ').search(new RegExp(`\\b${w}\\b`));
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + w.length);
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2, cls: n.parentElement.className };
      }
    }
    return null;
  }, [lineRe.source, word]);
  assert(p, `no line matching ${lineRe} with '${word}' is on screen`);
  return p;
}

async function hoverText() {
  return page.evaluate(() => [...document.querySelectorAll('.monaco-hover')]
    .filter((e) => !e.classList.contains('hidden') && e.offsetParent !== null)
    .map((e) => e.innerText).join('\n'));
}

/** Replaces the workspace's .vscode/settings.json; VS Code sees the change and the extension pushes it. */
function workspaceSettings(obj) {
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(obj, null, 2));
}

function klsLog() {
  const logs = path.join(ud, 'logs');
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'kls.log') found.push(p);
    }
  };
  if (fs.existsSync(logs)) walk(logs);
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** The kls server process(es) started by this run's extension host: PSS and RSS from /proc. */
function serverMemory() {
  const out = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!cmd.some((a) => a.endsWith('/server/kls.jar')) || !cmd.includes('serve')) continue;
    if (!cmd.some((a) => a.includes(process.env.KLS_EXTENSIONS || '\0'))) continue;
    const kib = (file, key) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/${file}`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    };
    out.push({ pid: Number(pid), pssMiB: +(kib('smaps_rollup', 'Pss') / 1024).toFixed(1),
      rssMiB: +(kib('status', 'VmRSS') / 1024).toFixed(1) });
  }
  return out;
}

async function main() {
  fs.mkdirSync(results, { recursive: true });
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    let opened;
    // The status bar item while the server reads and indexes the tree (fast here: recorded, not asserted).
    const progressSeen = new Set();
    const watcher = setInterval(() => {
      statusBarText().then((t) => {
        const m = /kls: [^|]*%/.exec(t);
        if (m) progressSeen.add(m[0]);
      }, () => {});
    }, 100);

    await step('open the folder', async () => {
      opened = Date.now();
      await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
    });

    await step('open arch/x86/xen/mmu.c: the page-aligned-size squiggle appears', async () => {
      await quickOpen('arch/x86/xen/mmu.c');
      const shown = Date.now();
      await until('an error squiggle in mmu.c', async () => (await squiggles()) > 0, 90000);
      measures.folderOpenToFirstDiagnosticMs = Date.now() - opened;
      measures.fileOpenToFirstDiagnosticMs = Date.now() - shown;
      await page.waitForTimeout(1000);
      clearInterval(watcher);
      measures.statusBarProgressSeen = [...progressSeen];
    });

    await step('the Problems panel lists the finding with its witness', async () => {
      await gotoLine('25:22');
      await page.keyboard.press(`${mod}+Shift+M`);
      const rows = await until('the finding in the Problems panel', async () => {
        const r = await problemRows();
        return r.some((t) => t.includes('p2m_top_mfn_list') && t.includes('page-aligned-size')) && r;
      });
      const row = rows.find((t) => t.includes('p2m_top_mfn_list'));
      assert(/is 8 bytes in \.bss\.page_aligned/.test(row), `Problems row lacks the size and section: ${row}`);
      assert(row.includes('64BIT=n') && row.includes('XEN=y'), `Problems row lacks the witness: ${row}`);
      await shot('problems');
    });

    await step('hover on p2m_top_mfn_list shows the error and kls\'s account of the object', async () => {
      const p = await wordPosition(/^static unsigned long p2m_top_mfn_list\[/, 'p2m_top_mfn_list');
      await page.mouse.move(p.x, p.y);
      const text = await until('the hover', async () => {
        const t = await hoverText();
        // Both parts: the diagnostic, and the server's hover on the object (type, size and section, values used).
        return t.includes('page-aligned-size') && t.includes('Values:') && t;
      }, 20000);
      assert(/p2m_top_mfn_list\s*:\s*(static )?unsigned long/.test(text), `hover lacks the object's type: ${text}`);
      // Under the default values (x86_64_defconfig, XEN off) the size is unknown, but the section is known.
      assert(/(\d+ bytes|Size unknown: .*) in \.bss\.page_aligned\./.test(text) && text.includes('ARCH=x86'),
        `hover lacks size, section, ARCH: ${text}`);
      await shot('hover');
      await page.mouse.move(5, 450);
      await page.keyboard.press('Escape');
    });

    await step('settings reach the server without a restart: kls.config = x86_64_defconfig removes the error', async () => {
      workspaceSettings({ 'kls.config': 'arch/x86/configs/x86_64_defconfig' });
      await until('the squiggle to go under x86_64_defconfig', async () => (await squiggles()) === 0, 60000);
      const s = await until('the status bar to name the configuration',
        async () => { const t = await statusBarText(); return t.includes('x86_64_defconfig') && t; }, 10000);
      assert(s.includes('kls: x86'), `status bar: ${s}`);
    });

    await step('kls.config = i386_defconfig brings it back', async () => {
      workspaceSettings({ 'kls.config': 'arch/x86/configs/i386_defconfig' });
      await until('the squiggle under i386_defconfig', async () => (await squiggles()) > 0, 60000);
    });

    await step('kls.arch = x86_64 (64BIT=y, so no 32-bit Xen) removes it', async () => {
      workspaceSettings({ 'kls.arch': 'x86_64' });
      await until('the squiggle to go with ARCH=x86_64', async () => (await squiggles()) === 0, 60000);
      await until('the status bar to show x86_64', async () => (await statusBarText()).includes('kls: x86_64'), 10000);
      await shot('arch-x86_64');
    });

    await step('back to the default settings: the error is back', async () => {
      workspaceSettings({});
      await until('the squiggle with the default settings', async () => (await squiggles()) > 0, 60000);
    });

    await step('the quick fix from the light bulb rounds the length up and the error goes', async () => {
      await page.keyboard.press(`${mod}+1`); // focus the editor (the Problems panel has it)
      await gotoLine('24:1');
      await gotoLine('25:22');
      // The light bulb shows once the code actions for the cursor's line are in; a click while it moves can miss.
      const bulb = page.locator('.editor-instance .monaco-editor .lightBulbWidget').first();
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Round the length' }).first();
      await until('the light bulb to open the quick fix list', async () => {
        if (!(await bulb.isVisible().catch(() => false))) {
          // VS Code asks for code actions when the cursor moves: the diagnostics came back with the cursor
          // already on the line, so move off it and back.
          await page.keyboard.press('ArrowUp');
          await page.keyboard.press('ArrowDown');
          await page.waitForTimeout(1000);
          return false;
        }
        await bulb.click({ timeout: 2000 }).catch(() => {});
        return fix.waitFor({ timeout: 2000 }).then(() => true, () => false);
      }, 30000);
      await shot('quick-fix');
      await fix.click();
      const s = Date.now();
      await until('the squiggle to go after the fix', async () => (await squiggles()) === 0, 30000);
      measures.fixToSquiggleGoneMs = Date.now() - s;
      const line = await until('the fixed line', async () => page.evaluate(() => [...document.querySelectorAll(
        '.editor-instance .monaco-editor .view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' '))
        .find((t) => t.includes('p2m_top_mfn_list['))), 5000);
      assert(line.includes('[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]'), `fixed line: ${line}`);
      // The Problems panel lags the squiggle (vscode-real.md, pitfall 7).
      await until('an empty Problems panel', async () => (await problemRows()).length === 0, 15000);
      const disk = fs.readFileSync(path.join(folder, 'arch/x86/xen/mmu.c'), 'utf8');
      assert(!disk.includes('PAGE_ALIGN(TOP_ENTRIES'), 'the fix was saved to disk: files.autoSave must be off');
      await shot('fixed');
    });

    await step('arch/x86/xen/Kconfig: language mode Kconfig and grammar colours', async () => {
      await quickOpen('arch/x86/xen/Kconfig');
      await until('the Kconfig language mode', async () => /\bKconfig\b/.test(await statusBarText()), 20000);
      const plain = 'mtk1'; // Monaco's class for the default foreground: what every token has without a grammar
      // TextMate tokenization runs after the first paint: wait for it.
      const [kw, sym, type, attr] = await until('grammar token classes on config XEN', async () => {
        const ps = await Promise.all([wordPosition(/^config XEN(?!_)/, 'config'), wordPosition(/^config XEN(?!_)/, 'XEN'),
          wordPosition(/^\s*bool "Xen guest support"/, 'bool'), wordPosition(/^\s*depends on X86_32/, 'depends')])
          .catch(() => null); // not drawn yet
        if (!ps) return false;
        return ps.every((p) => !p.cls.split(' ').includes(plain)) && ps;
      }, 20000);
      const help = await wordPosition(/^\s*This is the Linux Xen port/, 'Linux');
      assert(new Set([kw.cls, sym.cls, type.cls, help.cls]).size >= 3,
        `keyword, symbol, type and help text should not all look alike: ${[kw.cls, sym.cls, type.cls, help.cls]}`);
      await shot('kconfig');
      measures.tokenClasses = { keyword: kw.cls, symbol: sym.cls, type: type.cls, attribute: attr.cls, help: help.cls };
    });

    await step('the grammar gives `config` the scope keyword.control.kconfig', async () => {
      await gotoLine('6:2');
      await quickInput('F1');
      await page.keyboard.type('Developer: Inspect Editor Tokens and Scopes');
      await page.waitForSelector('.quick-input-list .monaco-list-row');
      await page.keyboard.press('Enter');
      const t = await until('the token inspector', async () => page.evaluate(() =>
        document.querySelector('.token-inspect-widget')?.innerText).then((x) => x && x.includes('source.kconfig') && x), 15000);
      assert(t.includes('keyword.control.kconfig') && t.includes('source.kconfig'), `token inspector: ${t}`);
      await shot('kconfig-tokens');
      await page.keyboard.press('Escape');
    });

    await step('hover on XEN shows its type and help', async () => {
      const p = await wordPosition(/^config XEN(?!_)/, 'XEN');
      await page.mouse.move(p.x, p.y);
      const text = await until('the hover on XEN', async () => {
        const t = await hoverText();
        return t.includes('bool') && t.includes('This is the Linux Xen port') && t;
      }, 20000);
      assert(/Xen guest support/.test(text), `hover lacks the prompt: ${text}`);
      await shot('kconfig-hover');
    });

    await step('kls: Explain the symbol under the cursor opens the hover text beside', async () => {
      await page.mouse.move(5, 450);
      await page.keyboard.press('Escape');
      await gotoLine('6:9');
      await command('kls: Explain the symbol under the cursor');
      await page.waitForSelector('.tabs-container .tab[aria-label^="XEN.md"]', { timeout: 20000 });
      await until('the explanation text', async () => page.evaluate(() => [...document.querySelectorAll(
        '.editor-instance .monaco-editor .view-lines')].some((v) => v.textContent.replace(/\u00a0/g, ' ')
        .includes('Xen guest support'))), 10000);
      await shot('explain');
    });

    await step('kls: Pick the configuration file writes kls.config and the server follows', async () => {
      await command('kls: Pick the configuration file');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'i386_defconfig' }).first();
      await row.waitFor({ timeout: 20000 });
      await row.click();
      await until('the status bar to show i386_defconfig', async () => (await statusBarText()).includes('i386_defconfig'), 10000);
      const ws = JSON.parse(fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8'));
      assert(ws['kls.config'] === 'arch/x86/configs/i386_defconfig', `workspace settings: ${JSON.stringify(ws)}`);
    });

    await step('kls: Run kls lint on the workspace puts the saved file\'s finding into the Problems view', async () => {
      await command('kls: Run kls lint on the workspace');
      const rows = await until('a kls lint row in the Problems panel', async () => {
        const r = await problemRows();
        return r.some((t) => t.includes('kls lint') && t.includes('p2m_top_mfn_list')) && r;
      }, 90000);
      const row = rows.find((t) => t.includes('kls lint'));
      assert(row.includes('page-aligned-size'), `kls lint row: ${row}`);
      await shot('lint');
    });

    await step('the server was started once', async () => {
      const l = klsLog();
      const starts = (l.match(/starting .*kls\.jar serve/g) || []).length;
      assert(starts === 1, `the extension log shows ${starts} server starts:\n${l}`);
      measures.serverMemory = serverMemory();
      assert(measures.serverMemory.length === 1, `expected one kls server process, found ${JSON.stringify(measures.serverMemory)}`);
    });
    measures.consoleErrors = consoleErrors.length;
  } catch (e) {
    console.error(`real-vscode: FAILED at step '${stepName}': ${e.message}`);
    if (page) await page.screenshot({ path: path.join(results, 'failure.png') }).catch(() => {});
    const l = klsLog();
    if (l) console.error(`--- extension log (kls.log) ---\n${l.slice(-6000)}`);
    process.exitCode = 1;
  } finally {
    measures.totalMs = Date.now() - t0;
    fs.writeFileSync(path.join(results, 'results.json'), JSON.stringify(measures, null, 2));
    await browser.close();
  }
  if (!process.exitCode) {
    console.log(`real-vscode: PASSED ${JSON.stringify(measures)}`);
  }
}

main().catch((e) => {
  console.error(`real-vscode: ${e.stack || e}`);
  process.exit(1);
});

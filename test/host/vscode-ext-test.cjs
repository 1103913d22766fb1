#!/usr/bin/env node
// The "VS Code executable" that @vscode/test-electron's runTests({ vscodeExecutablePath }) starts.
// No VS Code desktop build runs here, so this takes the same flags, starts code-server (a real
// VS Code 1.100 whose extension host runs in Node) on a free loopback port, opens the workbench
// in headless Debian chromium with the test payload in the URL, relays the tests' output and
// exits with their exit code.
//
// While the tests run it also acts on the page for them, as a person would (see suite/ui.ts): a
// test writes `<DOCKWRIGHT_SCREENSHOT_DIR>/<name>.request.json` ({ steps, out? }) and gets
// `<name>.response.json` ({ ok, error?, read }) back once every step is done. The steps, in turn:
//   { waitFor: selector, text?, state? }  wait until it is visible (or state: 'hidden')
//   { click: selector, text? }            click it once it is visible (text: only elements showing it)
//   { type: 'text' }                      type into whatever has the focus
//   { press: 'Enter' }                    press a key (playwright's names: 'Control+A', 'Escape')
//   { read: selector, text? }             its input value, or its text, into `read`
//   { expand: label, until: selector }    click the tree row labelled `label` while it is collapsed,
//                                         until `until` shows (a refresh of the view can collapse it)
//   { watchTerminal: regex }              from now on, note when each terminal row matching it is
//                                         first drawn (the DOM renderer's rows, page clock)
//   { watchedTerminal: true }             those rows and times, as JSON, into `read`; stops watching
// A step that waits gives up after its timeoutMs (30 s unless it says); the error says what the
// page showed then (open quick input, toasts, focus).
// With `out` it then saves a screenshot there. No API reaches what these do: the quick input a
// command opens, a notification's buttons, another extension's tree rows.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// A window's whole suite, as a last guard against a hang (each test has its own mocha timeout):
// the shared window runs about 70 tests, 5-6 min on a busy 2-core machine
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 900_000);
const projectRoot = path.resolve(__dirname, '../..');

/** `--name=value` flags and positional arguments, as VS Code's CLI takes them. */
function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (const arg of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (m) flags[m[1]] = m[2];
    else if (!arg.startsWith('--')) positional.push(arg);
  }
  return { flags, positional };
}

function codeServerEntry() {
  if (process.env.CODE_SERVER_ENTRY) return process.env.CODE_SERVER_ENTRY;
  return require.resolve('code-server/out/node/entry.js', { paths: [path.join(projectRoot, '.vscode-test/cs')] });
}

/** Starts code-server in its own process group and resolves with its base URL once it listens. */
async function startServer(execa, userDataDir, extensionsDir) {
  // DOCKWRIGHT_WORKSPACE_TRUST=1 keeps workspace trust on, so the folder opens in Restricted Mode.
  const trust = process.env.DOCKWRIGHT_WORKSPACE_TRUST === '1' ? [] : ['--disable-workspace-trust'];
  const args = [
    codeServerEntry(),
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    ...trust,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  const server = execa(process.execPath, args, { detached: true, reject: false, stdin: 'ignore', buffer: false });
  let log = '';
  const base = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const m = /HTTP server listening on (http:\/\/[^\s]+?)\/?\s/.exec(log);
      if (m) resolve(m[1]);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.then((r) => reject(new Error(`code-server exited ${r.exitCode} before listening:\n${log}`)));
    setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${log}`)), 60_000).unref();
  });
  return { server, base, log: () => log };
}

const STEP_TIMEOUT_MS = 30_000;

function locate(page, selector, text) {
  const all = page.locator(selector);
  return (text === undefined ? all : all.filter({ hasText: text })).first();
}

/**
 * Expands the tree row labelled `label` until `until` is visible. A view that refreshes while the
 * row loads its children (a settings change it listens to, say) draws the row collapsed again, so
 * one click is not always enough; the row is clicked only while collapsed, as a click on an open
 * row closes it.
 */
async function expandRow(page, label, until, timeout) {
  const row = page.locator('.monaco-list-row', { has: page.locator(`:text-is(${JSON.stringify(label)})`) }).first();
  const target = page.locator(until).first();
  const deadline = Date.now() + timeout;
  const left = () => Math.max(1, deadline - Date.now());
  for (let clicks = 0; ;) {
    if (await target.isVisible()) return;
    if (Date.now() >= deadline)
      throw new Error(`${until} did not show after ${clicks} click(s) on the row ${label} in ${timeout} ms`);
    await row.waitFor({ state: 'visible', timeout: left() });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.click({ timeout: left() });
      clicks++;
    }
    await target.waitFor({ state: 'visible', timeout: Math.min(2_000, left()) }).catch(() => {});
  }
}

/**
 * Runs in the page: notes the time each terminal row matching `source` is first drawn. xterm's DOM
 * renderer redraws its rows in an animation frame; a mutation observer runs right after that.
 */
function watchTerminalRows(source) {
  const { document, MutationObserver } = globalThis; // this function runs in the page
  globalThis.dockwrightTerminalWatch?.observer.disconnect(); // one watch at a time
  const pattern = new RegExp(source);
  const seen = [];
  const known = new Set();
  const scan = () => {
    const at = Date.now();
    for (const row of document.querySelectorAll('.xterm-rows > div')) {
      const text = row.textContent ?? '';
      if (pattern.test(text) && !known.has(text)) {
        known.add(text);
        seen.push({ text, at });
      }
    }
  };
  // the whole page is watched, as the task's terminal does not exist yet; other changes are passed over
  const inRows = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest('.xterm-rows');
  const holdsRows = (node) => node.nodeType === 1 && (node.matches('.xterm-rows') || node.querySelector('.xterm-rows'));
  const observer = new MutationObserver(
    (records) => records.some((r) => inRows(r.target) || [...r.addedNodes].some(holdsRows)) && scan(),
  );
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  globalThis.dockwrightTerminalWatch = { observer, seen };
}

/** Runs one step; returns what a `read` step read. */
async function runStep(page, step) {
  const timeout = step.timeoutMs ?? STEP_TIMEOUT_MS;
  if (step.waitFor !== undefined)
    return void (await locate(page, step.waitFor, step.text).waitFor({ state: step.state ?? 'visible', timeout }));
  if (step.click !== undefined) return void (await locate(page, step.click, step.text).click({ timeout }));
  if (step.type !== undefined) return void (await page.keyboard.type(step.type));
  if (step.press !== undefined) return void (await page.keyboard.press(step.press));
  if (step.expand !== undefined) return void (await expandRow(page, step.expand, step.until, timeout));
  if (step.watchTerminal !== undefined) return void (await page.evaluate(watchTerminalRows, step.watchTerminal));
  if (step.watchedTerminal)
    return page.evaluate(() => {
      const watch = globalThis.dockwrightTerminalWatch;
      watch?.observer.disconnect();
      delete globalThis.dockwrightTerminalWatch;
      return JSON.stringify(watch?.seen ?? []);
    });
  if (step.read !== undefined) {
    const element = locate(page, step.read, step.text);
    await element.waitFor({ state: 'visible', timeout });
    return element.evaluate((e) => ('value' in e && typeof e.value === 'string' ? e.value : (e.textContent ?? '')));
  }
  throw new Error(`unknown step ${JSON.stringify(step)}`);
}

/** The last errors and warnings the page's console showed (its frames' too). */
const consoleSaid = [];

/** What a person would see where the steps look: open quick input, toasts, focus; for errors. */
async function seen(page) {
  try {
    return `${await page.evaluate(() => {
      const { document } = globalThis; // this function runs in the page
      const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
      const texts = (selector) =>
        [...document.querySelectorAll(selector)]
          .filter(visible)
          .map((e) => e.innerText.replace(/\s+/g, ' ').trim().slice(0, 200));
      const focus = document.activeElement;
      return JSON.stringify({
        quickInput: texts('.quick-input-widget'),
        toasts: texts('.notification-toast'),
        focus: focus ? `${focus.tagName.toLowerCase()}.${[...focus.classList].join('.')}` : null,
        tabs: texts('.tabs-container .tab.active'),
        // webviews: their frames' classes, and whether they are on screen
        webviews: [...document.querySelectorAll('iframe.webview')].map(
          (e) => `${e.className}${visible(e) ? '' : ' (hidden)'}`,
        ),
        // the side bar's tree rows, open (-) or closed (+)
        rows: [...document.querySelectorAll('.sidebar .monaco-list-row')]
          .filter(visible)
          .map(
            (e) =>
              `${{ true: '- ', false: '+ ' }[e.getAttribute('aria-expanded')] ?? ''}${e.innerText.replace(/\s+/g, ' ').trim().slice(0, 80)}`,
          ),
      });
    })}, the console: ${JSON.stringify(consoleSaid)}`;
  } catch (error) {
    return `(the page could not be read: ${error.message})`;
  }
}

/** An error's first line, with the last lines of playwright's call log: what it was waiting for. */
function briefly(error) {
  const [first, ...rest] = String(error && error.message ? error.message : error).split('\n');
  const log = rest.map((l) => l.trim()).filter((l) => l.startsWith('- '));
  return log.length ? `${first} (${log.slice(-4).join(' ')})` : first;
}

/** Runs a request's steps and its screenshot; the answer the test gets. */
async function serveRequest(page, request) {
  const read = [];
  const steps = request.steps ?? [];
  for (const [i, step] of steps.entries()) {
    try {
      const value = await runStep(page, step);
      if (value !== undefined) read.push(value);
    } catch (error) {
      const message = briefly(error);
      return {
        ok: false,
        read,
        error: `step ${i + 1} of ${steps.length} ${JSON.stringify(step)}: ${message}; the page showed ${await seen(page)}`,
      };
    }
  }
  if (request.out) {
    await page.waitForTimeout(300); // let a menu's fade-in finish
    fs.mkdirSync(path.dirname(request.out), { recursive: true });
    await page.screenshot({ path: request.out });
  }
  return { ok: true, read };
}

/** Serves the requests the tests write into `dir`, one at a time, until stopped. */
function serveUiRequests(page, dir) {
  if (!dir) return () => {};
  fs.mkdirSync(dir, { recursive: true });
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    const request = fs.readdirSync(dir).find((f) => f.endsWith('.request.json'));
    if (!request) return;
    busy = true;
    const file = path.join(dir, request);
    const responseFile = file.replace(/\.request\.json$/, '.response.json');
    let response;
    try {
      response = await serveRequest(page, JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (error) {
      response = { ok: false, read: [], error: String(error && error.message ? error.message : error) };
    }
    fs.rmSync(file, { force: true });
    // written whole, then renamed: the test never reads half an answer
    fs.writeFileSync(`${responseFile}.tmp`, JSON.stringify(response));
    fs.renameSync(`${responseFile}.tmp`, responseFile);
    busy = false;
  }, 100);
  return () => clearInterval(timer);
}

async function main() {
  const { execa } = await import('execa');
  const { chromium } = require('playwright-core');
  const started = Date.now();
  const { flags, positional } = parseArgs(process.argv.slice(2));
  if (!flags.extensionDevelopmentPath || !flags.extensionTestsPath)
    throw new Error('--extensionDevelopmentPath and --extensionTestsPath are required');
  const devPath = path.resolve(flags.extensionDevelopmentPath);
  const testsPath = path.resolve(flags.extensionTestsPath);
  const folder = positional[0] ? path.resolve(positional[0]) : undefined;
  const userDataDir = flags['user-data-dir'] || fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-cs-udd-'));
  const extensionsDir = flags['extensions-dir'] || path.join(userDataDir, 'extensions');
  // code-server fails to start when the extensions folder is missing.
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (process.env.DOCKWRIGHT_WORKSPACE_TRUST === '1') {
    // trust on, and no prompt: the folder stays untrusted (Restricted Mode)
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    const settings = path.join(userDataDir, 'User', 'settings.json');
    process.on('exit', () => fs.rmSync(settings, { force: true })); // the user data folder is shared with the trusted runs
    fs.writeFileSync(
      settings,
      JSON.stringify({
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
      }),
    );
  }

  const { server, base, log } = await startServer(execa, userDataDir, extensionsDir);
  console.log(`code-server listening at ${base} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const authority = new URL(base).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `${base}/?${folder ? `folder=${encodeURIComponent(folder)}&` : 'ew=true&'}payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const browserDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-chromium-'));
  const browser = await chromium.launchPersistentContext(browserDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  // The workbench tries to reach the marketplace and chat services; nothing here answers, so hide that noise.
  const noise = /ENOTFOUND|ERR_NAME_NOT_RESOLVED|^\s+at |ChatModelSelection|AgentHost|^Creating a socket|^Resolv/;
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = util.format(...(args || []));
    if (!noise.test(line)) console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  // what the page and its frames said, to tell why a step failed (a webview that never loaded, say)
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning' || /service worker/i.test(message.text()))
      consoleSaid.push(`${message.type()}: ${message.text().slice(0, 300)}`);
    consoleSaid.splice(0, consoleSaid.length - 8);
  });
  const stopUiRequests = serveUiRequests(page, process.env.DOCKWRIGHT_SCREENSHOT_DIR);
  await page.goto(url);
  const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
  const code = await finished;
  clearTimeout(timer);
  stopUiRequests();
  console.log(`extension tests exit code: ${code} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (code !== 0) console.log(`code-server log:\n${log().slice(-4000)}`);
  await browser.close();
  try {
    process.kill(-server.pid, 'SIGTERM'); // its whole process group: the extension host too
  } catch {
    // already gone
  }
  fs.rmSync(browserDir, { recursive: true, force: true });
  return code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);

// What every browser test shares: the demo service on a free port, Debian's chromium, signing in as a demo
// user, the accessibility check (axe-core, no violation of any impact) and screenshots, which go to
// SCR_ARTIFACTS (default: tests/e2e/artifacts, kept out of git).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const binary = process.env.SCR_TRACKER || join(root, 'build', 'api', 'scr-tracker');
const artifacts = process.env.SCR_ARTIFACTS || join(here, 'artifacts');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const password = 'northshire-demo';
export const DESKTOP = { width: 1280, height: 900 };
export const TABLET = { width: 820, height: 1180 };

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// A fresh demo (its own database, its simulated clock) and a browser; stop() ends both.
export async function startDemoAndBrowser() {
  mkdirSync(artifacts, { recursive: true });
  const port = await freePort();
  const service = spawn(binary, ['--log-level', 'warn', 'demo', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  service.stdout.on('data', (chunk) => { output += chunk; });
  service.stderr.on('data', () => {});
  for (let i = 0; i < 300 && !output.includes('Stop with Ctrl+C'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(output.includes('Stop with Ctrl+C'), `the demo did not start: ${output}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],  // playwright gives each launch a fresh profile
  });
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    output: () => output,
    stop: async () => {
      await browser.close();
      service.kill('SIGTERM');
    },
  };
}

// A new browser context on `address` (default: the dashboard) signed in as `email`.
export async function signIn(demo, email, viewport = DESKTOP, address = '/') {
  // axe-core is injected as a script of the test's own: the page's Content-Security-Policy would refuse it.
  const context = await demo.browser.newContext({ bypassCSP: true, viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`a script failed on the page: ${error.message}`));
  await page.goto(`${demo.base}${address}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}

// No accessibility violation of any impact on the page as it stands.
export async function checkAccessible(page, name) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  assert.deepEqual(result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `accessibility of ${name}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// The id of the element that has the focus, and what the page last announced to screen readers.
export const focusedId = (page) => page.evaluate(() => document.activeElement?.id || '');
export const statusText = (page) => page.locator('#status').innerText();

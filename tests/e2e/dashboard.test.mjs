// The dashboard in a real browser (Debian's chromium, driven by playwright-core) against `scr-tracker demo`:
// a business unit signs in, sees the most urgent review first, opens a review and sees why publish is
// blocked, completes the checkpoint and publishes; a chair sees an escalation; another board's user cannot
// see the review; every page passes an accessibility check (axe-core) with no serious violation.
// Screenshots of each page go to SCR_ARTIFACTS (default: tests/e2e/artifacts).
import { after, before, test } from 'node:test';
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
const password = 'northshire-demo';

let service;
let browser;
let base;

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startDemo() {
  const port = await freePort();
  service = spawn(binary, ['--log-level', 'warn', 'demo', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  service.stdout.on('data', (chunk) => { output += chunk; });
  service.stderr.on('data', () => {});
  for (let i = 0; i < 300 && !output.includes('Stop with Ctrl+C'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(output.includes('Stop with Ctrl+C'), `the demo did not start: ${output}`);
  return `http://127.0.0.1:${port}`;
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  base = await startDemo();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],  // playwright gives each launch a fresh profile
  });
});

after(async () => {
  await browser?.close();
  service?.kill('SIGTERM');
});

async function signIn(email, viewport = { width: 1280, height: 900 }) {
  // axe-core is injected as a script of the test's own: the page's Content-Security-Policy would refuse it.
  const context = await browser.newContext({ bypassCSP: true, viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`a script failed on the page: ${error.message}`));
  await page.goto(`${base}/`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}

// No serious or critical accessibility violation on the page as it stands.
async function checkAccessible(page, name) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `accessibility of ${name}`);
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

test('the business unit signs in, sees the most urgent review first, and publishes a review once its blocker is done', async () => {
  const page = await signIn('business.unit@northshire.example');
  const rows = page.locator('#reviews tbody tr');
  await rows.first().waitFor();
  const firstOverdue = await rows.first().locator('td').nth(4).innerText();
  assert.match(firstOverdue, /overdue/, 'the first review has overdue work');
  const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr.cells[4].innerText.match(/\d+/) || [0])[0])));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'reviews are sorted most overdue first');
  await checkAccessible(page, 'the board dashboard');
  await screenshot(page, 'dashboard');

  await page.getByRole('link', { name: 'Child R (2026/09)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Child R (2026/09)' }).waitFor();
  const publish = page.locator('#step-publish');
  assert.equal(await publish.getByRole('button', { name: 'Publish' }).isDisabled(), true);
  const why = await publish.locator('.why').innerText();
  await publish.locator('.why a').first().click();  // "see the blocking checkpoint" stays on the review
  assert.match(await page.evaluate(() => document.activeElement.id), /^checkpoint-/);
  assert.match(why, /Blocked/);
  assert.match(why, /national panel/i, 'the blocking checkpoint is named');
  await checkAccessible(page, 'the review page');
  await screenshot(page, 'review-blocked');

  await page.getByRole('button', { name: /^Complete: The final report and response are sent to the national panel/ }).click();
  await page.getByLabel('Note (what was done)').fill('Sent to the panel and the DfE by secure email.');
  await page.getByRole('button', { name: 'Save' }).click();
  const publishButton = page.locator('#step-publish').getByRole('button', { name: 'Publish' });
  await page.waitForFunction(() => !document.querySelector('#step-publish button')?.disabled);
  await page.getByLabel('Reason or decision note').fill('Published on the board website with the response.');
  await publishButton.click();

  await page.locator('.phase-map [aria-current="step"]', { hasText: 'Implementation' }).waitFor();
  await screenshot(page, 'review-published');

  await page.getByRole('link', { name: 'Actions tracker' }).click();
  await page.locator('#actions tbody tr').first().waitFor();
  const rags = await page.locator('#actions tbody tr td:first-child').allInnerTexts();
  for (const rag of ['RED', 'AMBER', 'GREEN', 'not rated']) assert.ok(rags.includes(rag), `an action rated ${rag}`);
  await checkAccessible(page, 'the actions tracker');
  await screenshot(page, 'actions');
  await page.context().close();
});

test('the chair sees the escalations waiting for the chair', async () => {
  const page = await signIn('chair@northshire.example');
  await page.getByRole('link', { name: 'Chair' }).click();
  await page.getByRole('heading', { level: 1, name: "Chair's view" }).waitFor();
  const alerts = page.locator('#chair-alerts tbody tr');
  await alerts.first().waitFor();
  assert.ok((await alerts.allInnerTexts()).some((row) => /Escalation/.test(row)), 'an escalation waits for the chair');
  await checkAccessible(page, "the chair's view");
  await screenshot(page, 'chair');
  await page.context().close();
});

test("another board's user cannot see the review", async () => {
  const page = await signIn('business.unit@westvale.example');
  await page.locator('#reviews').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Child R (2026/09)' }).count(), 0);
  await page.goto(`${base}/#/reviews/3`);
  await page.getByRole('heading', { name: 'That page could not be shown' }).waitFor();
  assert.match(await page.locator('.error-box').innerText(), /no review/i);
  await screenshot(page, 'other-board');
  await page.context().close();
});

test('an admin moves the demo clock forward from the page, on a tablet-sized screen', async () => {
  const page = await signIn('admin@northshire.example', { width: 820, height: 1180 });
  const before = await page.locator('#clock-now').innerText();
  await page.getByLabel('Move forward by').fill('3');
  await page.getByRole('button', { name: 'Move the clock' }).click();
  await page.waitForFunction((was) => document.querySelector('#clock-now').innerText !== was, before);
  assert.match(await page.locator('#status').innerText(), /moved forward 3 days/);
  // The skip link takes a keyboard user past the header to the page's content.
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal(new URL(page.url()).hash, '', 'the skip link does not change the page');
  await checkAccessible(page, 'the dashboard on a tablet');
  await screenshot(page, 'dashboard-tablet');
  await page.context().close();
});

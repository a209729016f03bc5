// The dashboard in a real browser (Debian's chromium, driven by playwright-core) against `scr-tracker demo`:
// a business unit signs in, sees the most urgent review first, opens a review and sees why publish is
// blocked, completes the checkpoint and publishes; a chair sees an escalation; another board's user cannot
// see the review; every page passes an accessibility check (axe-core).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessible, screenshot, signIn as signInTo, startDemoAndBrowser, TABLET } from './support.mjs';

let demo;
let base;
before(async () => {
  demo = await startDemoAndBrowser();
  base = demo.base;
});
after(async () => demo?.stop());
const signIn = (email, viewport, address) => signInTo(demo, email, viewport, address);

test('the business unit signs in, sees the most urgent review first, and publishes a review once its blocker is done', async () => {
  const page = await signIn('business.unit@northshire.example');
  const rows = page.locator('#reviews tbody tr');
  await rows.first().waitFor();
  const firstMissed = await rows.first().locator('td').nth(4).innerText();
  assert.match(firstMissed, /missed/, 'the first review has missed steps');
  const counts = await rows.evaluateAll((trs) => trs.map((tr) => (tr.cells[4].querySelector('ul.missed')
    ? tr.cells[4].querySelectorAll('li').length : Number((tr.cells[4].innerText.match(/\d+/) || [0])[0]))));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'reviews are sorted most missed steps first');
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
  assert.match(why, /professionals involved/i, 'the blocking checkpoint is named');
  await checkAccessible(page, 'the review page');
  await screenshot(page, 'review-blocked');

  await page.getByRole('button', { name: /^Complete: The professionals involved are told/ }).click();
  await page.getByLabel('Note (what was done)').fill('Briefings held for every agency.');
  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  const publishButton = page.locator('#step-publish').getByRole('button', { name: 'Publish' });
  await page.waitForFunction(() => !document.querySelector('#step-publish button')?.disabled);
  await page.locator('#step-publish').getByLabel('Reason or decision note').fill('Published on the board website with the response.');
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
  await page.getByRole('heading', { level: 1, name: "Chair's queue" }).waitFor();
  const alerts = page.locator('#queue .queue-line');
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
  const page = await signIn('admin@northshire.example', TABLET);
  const before = await page.locator('#clock-now').innerText();
  await page.getByLabel('Move forward by').fill('3');
  await page.getByRole('button', { name: 'Move the clock' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Move to / }).click();
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

test("a link from an email opens its review once the user has signed in, and the page's addresses can be bookmarked", async () => {
  const page = await signIn('business.unit@northshire.example', undefined, '/reviews/3');
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/reviews/3', 'the address of the review is kept through the sign-in');
  assert.ok(await page.locator('.phase-map').count(), 'the review itself is shown');
  await page.getByRole('link', { name: 'Chair' }).click();
  await page.getByRole('heading', { level: 1, name: "Chair's queue" }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/chair');
  await page.goBack();
  await page.locator('.phase-map').waitFor();
  assert.equal(new URL(page.url()).pathname, '/reviews/3', 'Back returns to the review');
  await page.context().close();
});

test('a failed sign-in keeps the email address and says what went wrong', async () => {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Email address').fill('chair@northshire.example');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByLabel('Email address').inputValue(), 'chair@northshire.example');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password', 'the password is asked for again');
  await context.close();
});

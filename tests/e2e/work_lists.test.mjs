// The work lists in a real browser against `scr-tracker demo`: the chair works its queue (one step with a
// note, then two at once, and once with the keyboard alone); the business unit sorts and searches the
// dashboard and opens its export; My work for the business unit, the chair and an agency; the demo clock
// asks before it moves and says what fired; a printed review carries the board, the date, the marking and
// page numbers, and keeps its blockers. Desktop and tablet sizes; no accessibility violation in any state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessible, screenshot, signIn as signInTo, startDemoAndBrowser, TABLET } from './support.mjs';

let demo;
before(async () => { demo = await startDemoAndBrowser(); });
after(async () => demo?.stop());
const signIn = (email, viewport, address) => signInTo(demo, email, viewport, address);

const openChairAlertIds = async (page) => {
  const alerts = await page.request.get(`${demo.base}/api/v1/alerts?status=open&role=chair&limit=200`);
  return new Set((await alerts.json()).items.map((alert) => alert.id));
};
const idsOf = async (box) => (await box.getAttribute('data-ids')).split(',').map(Number);

test('the chair acknowledges a step with a note, then two steps at once, each after a confirmation', async () => {
  const page = await signIn('chair@northshire.example', undefined, '/chair');
  await page.getByRole('heading', { level: 1, name: "Chair's queue" }).waitFor();
  const boxes = page.locator('#queue input[type="checkbox"]');
  await boxes.first().waitFor();
  const names = await boxes.evaluateAll((inputs) => inputs.map((input) => input.labels[0].textContent.replace(/\s+/g, ' ').trim()));
  assert.equal(new Set(names).size, names.length, 'every line has its own accessible name');
  assert.ok(names.every((name) => !/Review \d+/.test(name)), 'lines name their review by its title');
  const lines = await boxes.count();
  const moved = page.locator('.queue-line', { hasText: 'Deadline moved' });
  if (await moved.count()) assert.match(await moved.first().innerText(), /moved from .* to .*reason: \S/, 'a moved deadline shows its dates and reason');
  assert.ok(lines < (await openChairAlertIds(page)).size, 'the alerts of one step share one line');
  await checkAccessible(page, "the chair's queue");
  await screenshot(page, 'chair-queue');

  const first = boxes.first();
  const firstIds = await idsOf(first);
  const firstName = names[0];
  await first.check();
  await page.getByLabel('Note to record with the acknowledgement').fill('Spoke to the business unit: the notification went on Friday.');
  await page.getByRole('button', { name: 'Acknowledge the chosen lines' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Acknowledge 1 line?' });
  await dialog.waitFor();
  const asked = await dialog.innerText();
  assert.match(asked, /Spoke to the business unit/, 'the confirmation repeats the note');
  assert.ok(asked.replace(/\s+/g, ' ').includes(firstName.split(' ').slice(3, 8).join(' ')), 'the confirmation names the step');
  await checkAccessible(page, 'the confirmation of an acknowledgement');
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('#done').waitFor();
  assert.match(await page.locator('#done').innerText(), new RegExp(`Acknowledged 1 line \\(${firstIds.length} alerts?\\) with your note`));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'done', 'the focus moves to what was done');
  assert.equal(await boxes.count(), lines - 1);
  const open = await openChairAlertIds(page);
  assert.ok(firstIds.every((id) => !open.has(id)), "every alert of the step is acknowledged");

  const twoIds = [...await idsOf(boxes.nth(0)), ...await idsOf(boxes.nth(1))];
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Acknowledge the chosen lines' }).last().click();
  const both = page.getByRole('dialog', { name: 'Acknowledge 2 lines?' });
  await both.waitFor();
  assert.equal(await both.locator('li').count(), 2, 'the confirmation lists both lines');
  await both.getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('#done', { hasText: 'Acknowledged 2 lines' }).waitFor();
  assert.equal(await boxes.count(), lines - 3);
  const still = await openChairAlertIds(page);
  assert.ok(twoIds.every((id) => !still.has(id)));
  await checkAccessible(page, "the chair's queue after acknowledging");
  await page.context().close();
});

test('the chair acknowledges a step with a note using the keyboard alone, on a tablet', async () => {
  const page = await signIn('chair@northshire.example', TABLET, '/chair');
  await page.locator('#queue input[type="checkbox"]').first().waitFor();
  const lines = await page.locator('#queue input[type="checkbox"]').count();
  const focused = () => page.evaluate(() => `${document.activeElement.tagName}#${document.activeElement.id}`);
  for (let i = 0; i < 40 && !(await focused()).startsWith('INPUT#line-'); i++) await page.keyboard.press('Tab');
  assert.match(await focused(), /^INPUT#line-/, 'Tab reaches the first line');
  await page.keyboard.press('Space');
  for (let i = 0; i < 10 && (await focused()) !== 'TEXTAREA#ack-note'; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'TEXTAREA#ack-note', 'Shift+Tab goes back to the note');
  await page.keyboard.type('Chased by phone; the step is in hand.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Acknowledge', 'the confirmation takes the focus');
  await page.keyboard.press('Enter');
  await page.locator('#done').waitFor();
  assert.equal(await focused(), 'P#done');
  assert.equal(await page.locator('#queue input[type="checkbox"]').count(), lines - 1);
  await checkAccessible(page, "the chair's queue on a tablet");
  await screenshot(page, 'chair-queue-tablet');
  await page.context().close();
});

test('the business unit sorts and searches the dashboard, keeps the filters in the address, and exports them', async () => {
  const page = await signIn('business.unit@northshire.example');
  const titles = () => page.locator('#reviews tbody tr td:first-child a').allInnerTexts();
  await page.locator('#reviews tbody tr').first().waitFor();
  assert.ok(await page.getByRole('link', { name: 'Refer a case' }).count(), 'the business unit may refer a case');
  const sortByReview = page.getByRole('button', { name: 'Review', exact: true });
  await sortByReview.click();
  await page.locator('th[aria-sort="ascending"]').waitFor();
  const ascending = await titles();
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a.localeCompare(b)));
  assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), 'title', 'the focus stays on the sort button');
  await page.keyboard.press('Enter');
  await page.locator('th[aria-sort="descending"]').waitFor();
  assert.deepEqual(await titles(), [...ascending].reverse());
  assert.equal(new URL(page.url()).searchParams.get('dir'), 'desc');
  await checkAccessible(page, 'the dashboard sorted by title');

  await page.getByLabel('Search titles').fill('child');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/q=child/);
  // The address changes as soon as the filters are applied; the list is drawn once the reviews are read.
  await page.waitForFunction(() => [...document.querySelectorAll('#reviews tbody tr td:first-child a')]
    .every((link) => /child/i.test(link.textContent)));
  const found = await titles();
  assert.ok(found.length > 0 && found.length < ascending.length, 'the search narrows the list');
  assert.ok(found.every((title) => /child/i.test(title)));
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'title', 'the sort is kept with the search');
  await page.reload();
  await page.locator('#reviews tbody tr').first().waitFor();
  assert.deepEqual(await titles(), found, 'the address alone brings the same list back');
  const missed = await page.locator('#reviews tbody tr td:nth-child(5)').allInnerTexts();
  assert.ok(missed.some((cell) => /missed/.test(cell)) && missed.every((cell) => !/^\d+ overdue$/.test(cell.trim())));

  await page.getByLabel('Show closed and not proceeding reviews').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/closed=true/);
  await page.locator('caption', { hasText: 'closed or not proceeding' }).waitFor();
  await checkAccessible(page, 'the dashboard searched, with closed reviews');
  await screenshot(page, 'dashboard-searched');

  const csv = page.getByRole('link', { name: /as CSV/ });
  if (await csv.count()) {
    const href = await csv.getAttribute('href');
    assert.match(href, /q=child/);
    assert.match(href, /closed=true/);
    const answer = await page.request.get(`${demo.base}${href}`);
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-type'], /text\/csv/);
  }
  await page.context().close();
});

test('My work: the business unit sees all open work by owner and chooses one role; the chair sees its own', async () => {
  const page = await signIn('business.unit@northshire.example', TABLET);
  await page.getByRole('link', { name: 'My work' }).click();
  await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
  assert.ok(await page.getByRole('heading', { name: /^Owned by business unit/ }).count(), 'the work is grouped by owner');
  await checkAccessible(page, "the business unit's work by owner");
  await page.getByLabel('Whose work').selectOption('chair');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/\/my-work\?role=chair/);
  await page.getByRole('heading', { name: /^Overdue/ }).waitFor();
  const owners = await page.locator('.work-list tbody td:nth-child(4)').allInnerTexts();
  assert.ok(owners.length > 0 && owners.every((owner) => owner.startsWith('chair')), "only the chair's work");
  await checkAccessible(page, "the chair's work as the business unit sees it");
  await screenshot(page, 'my-work-business-unit');
  await page.context().close();

  const chair = await signIn('chair@northshire.example', undefined, '/my-work');
  await chair.getByRole('heading', { name: /^Overdue/ }).waitFor();
  for (const heading of [/^Due this week/, /^Due later/, /^Blocked, and by what/]) assert.ok(await chair.getByRole('heading', { name: heading }).count());
  assert.equal(await chair.getByLabel('Whose work').count(), 0, 'the chair sees only its own work');
  const item = chair.locator('.work-list tbody a').first();
  const href = await item.getAttribute('href');
  await item.click();
  await chair.locator('.phase-map').waitFor();
  assert.equal(new URL(chair.url()).pathname, href.split('#')[0], 'an item opens its review');
  if (href.includes('#')) assert.equal(await chair.evaluate(() => document.activeElement.id), href.split('#')[1], 'and its step');
  await checkAccessible(chair, "the chair's own work");
  await chair.context().close();
});

test("an agency user lands on its own work and is not offered the board's pages", async () => {
  const page = await signIn('police@northshire.example');
  await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
  assert.equal(await page.locator('.error-box').count(), 0);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Board dashboard' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'Chair' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'My work' }).getAttribute('aria-current'), 'page');
  const owners = await page.locator('.work-list tbody td:nth-child(4)').allInnerTexts();
  assert.ok(owners.every((owner) => /Police/.test(owner)), "only the agency's own work");
  await checkAccessible(page, "an agency's work");
  await screenshot(page, 'my-work-agency');
  await nav.getByRole('link', { name: 'Actions tracker' }).click();
  await page.getByRole('heading', { level: 1, name: 'Actions tracker' }).waitFor();
  assert.equal(await page.locator('.error-box').count(), 0, 'the agency can use every page it is offered');
  await page.context().close();
});

test('an admin moves the demo clock after confirming the date, and sees what fired', async () => {
  const page = await signIn('admin@northshire.example');
  const before = await page.locator('#clock-now').innerText();
  await page.getByLabel('Move forward by').fill('5');
  await page.getByRole('button', { name: 'Move the clock' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move the demo clock?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /forward 5 days, from .* to \w{3} \d+ \w{3} \d{4}/);
  await checkAccessible(page, 'the clock confirmation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.locator('#clock-now').innerText(), before, 'Cancel leaves the clock alone');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Move the clock', 'the focus returns');

  await page.getByRole('button', { name: 'Move the clock' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Move to / }).click();
  await page.locator('#clock-summary:not([hidden])').waitFor();
  assert.notEqual(await page.locator('#clock-now').innerText(), before);
  const summary = await page.locator('#clock-summary').innerText();
  assert.match(summary, /The clock moved forward 5 days to .*: (\d+ (reminders?|overdue|escalations? to the chair|deadlines? moved|timescales? (at risk|missed)))(, \d+ [a-z ]+)*\.|nothing fired\./);
  assert.match(summary, /\d/, 'five days of a demo full of deadlines fire something');
  assert.match(await page.locator('#status').innerText(), /The clock moved forward 5 days/);
  await checkAccessible(page, 'the dashboard after the clock moved');
  await screenshot(page, 'clock-moved');
  await page.context().close();
});

test('a printed review carries the board, the date, the protective marking and page numbers, and keeps its blockers', async () => {
  const page = await signIn('business.unit@northshire.example', undefined, '/reviews/3');
  await page.locator('.phase-map').waitFor();
  await page.emulateMedia({ media: 'print' });
  const head = await page.locator('#print-head').innerText();
  assert.match(head, /Northshire/);
  assert.match(head, /\w{3} \d+ \w{3} \d{4}/);
  assert.match(head, /OFFICIAL-SENSITIVE/);
  assert.match(await page.locator('#print-foot').innerText(), /OFFICIAL-SENSITIVE/);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false, 'no navigation on paper');
  assert.equal(await page.locator('main button:visible').count(), 0, 'no buttons on paper');
  assert.match(await page.locator('#step-publish .why').innerText(), /Blocked/, 'what blocks the next step is printed');
  const margins = await page.evaluate(() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
    .filter((rule) => rule.cssText.startsWith('@page')).map((rule) => rule.cssText).join('\n'));
  assert.match(margins, /counter\(pages?\)/, 'every page is numbered');
  assert.match(margins, /Northshire/, "the board's name is in the page's margin");
  const pdf = await page.pdf({ format: 'A4', path: `${process.env.SCR_ARTIFACTS || new URL('./artifacts', import.meta.url).pathname}/review.pdf` });
  assert.ok(pdf.length > 1000);
  assert.match(pdf.subarray(0, 8).toString(), /^%PDF/);
  await page.context().close();
});

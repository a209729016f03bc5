// The work lists in a real browser against `scr-tracker demo`, on the demo's own data: the dashboard says
// each review's timescale in words and draws it from the day it counts from; the chair's queue leads with
// the timescale, names reviews and steps by their titles and says why a deadline moved; the chair works its
// queue (one step with a note, then two at once, and once with the keyboard alone); the business unit sorts
// and searches the dashboard and downloads its exports; My work for the business unit, the chair, the lead
// reviewer and the police; the demo clock asks before it moves and shows the service's summary of what
// fired; a printed review carries the board, the date, the service's protective marking and page numbers,
// and keeps its blockers. Desktop and tablet sizes; no accessibility violation in any state.
// The tests share one demo and run in order: the first ones read the queue before the chair works it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, lateWords, roleLabel } from '../../api/web/format.js';
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
const apiGet = async (page, path) => (await page.request.get(`${demo.base}/api/v1${path}`)).json();
const reviewRow = (page, title) => page.locator('#reviews tbody tr', { has: page.getByRole('link', { name: title, exact: true }) });
const queueGroup = (page, title) => page.locator('#queue section', { has: page.getByRole('heading', { name: title, exact: true }) });
const squash = (text) => text.replace(/\s+/g, ' ').trim();

test('the dashboard says each timescale in words, lists missed steps with their lateness, and draws each timescale from the day it counts from', async () => {
  const page = await signIn('business.unit@northshire.example');
  await page.locator('#reviews tbody tr').first().waitFor();
  const reviews = (await apiGet(page, '/reviews?limit=200')).items;
  const byTitle = Object.fromEntries(reviews.map((review) => [review.title, review]));
  const atRisk = byTitle['Siblings M and N (2026/02)'];
  assert.equal(atRisk.timescale.status, 'at_risk', 'the demo has a review whose timescale is at risk');
  const timescale = squash(await reviewRow(page, atRisk.title).locator('td').nth(2).innerText());
  assert.match(timescale, new RegExp(`^at risk due ${formatDate(atRisk.timescale.due)}`));
  assert.match(timescale, /6 months after decide_to_review/, 'with what it counts from');
  assert.match(squash(await reviewRow(page, 'Child K (2026/01)').locator('td').nth(2).innerText()), /^met due /);
  assert.match(squash(await reviewRow(page, 'Child J (2026/06)').locator('td').nth(2).innerText()), /^Not counting yet /,
    'a referral not yet decided on has no timescale running');

  const missed = byTitle['Young person P (2026/03)'].missed;
  const listed = (await reviewRow(page, 'Young person P (2026/03)').locator('td').nth(4).locator('li').allInnerTexts()).map(squash);
  assert.equal(listed.length, missed.length, 'every missed step is listed');
  missed.forEach((step, i) => assert.equal(listed[i], `missed ${step.title}, due ${formatDate(step.due)}, ${lateWords(step.working_days_late)} (${roleLabel(step.owner_role)})`));
  const next = byTitle['Young person P (2026/03)'].next_checkpoint;
  assert.match(squash(await reviewRow(page, 'Young person P (2026/03)').locator('td').nth(3).innerText()),
    new RegExp(`due ${formatDate(next.due)} owner: lead reviewer`), 'the next deadline still to come, with its owner');

  // The timeline runs each review from the day its timescale counts from (the decision), not the referral.
  const bars = await page.locator('.timeline svg rect title').allTextContents();
  for (const review of reviews.filter((r) => r.timescale?.from && r.state !== 'closed')) {
    assert.ok(review.timescale.from !== review.referral_date);
    assert.ok(bars.some((bar) => bar.startsWith(`${review.title}: from ${formatDate(review.timescale.from)};`)), `${review.title} from its decision`);
  }
  assert.ok(bars.some((bar) => bar.startsWith(`Child J (2026/06): from ${formatDate(byTitle['Child J (2026/06)'].referral_date)}; no timescale yet`)));
  await checkAccessible(page, 'the dashboard with its timescales');
  await page.setViewportSize(TABLET);
  await checkAccessible(page, 'the dashboard with its timescales on a tablet');
  await screenshot(page, 'dashboard-timescales-tablet');
  await page.context().close();
});

test("the chair's queue leads a review's group with its timescale alert, names reviews and steps from the alerts, and says why a deadline moved", async () => {
  const page = await signIn('chair@northshire.example', TABLET, '/chair');
  await page.locator('#queue input[type="checkbox"]').first().waitFor();
  const alerts = (await apiGet(page, '/alerts?status=open&role=chair&limit=200')).items;
  const timescale = alerts.find((alert) => alert.kind === 'timescale_at_risk');
  assert.ok(timescale, 'the demo has a timescale at risk');
  const group = queueGroup(page, timescale.review_title);
  assert.equal(await group.locator('.queue-line input').first().getAttribute('data-name'),
    `Timescale at risk: ${timescale.subject_title}, ${timescale.review_title}`, "the timescale leads its review's group");
  const headings = (await page.locator('#queue section h3').allInnerTexts()).map(squash);
  assert.deepEqual(new Set(headings), new Set(alerts.map((alert) => alert.review_title)), 'each review by its title');
  for (const alert of alerts.filter((a) => a.kind === 'escalation')) {
    assert.ok(await queueGroup(page, alert.review_title).locator('.line-label', { hasText: alert.subject_title }).count(),
      `${alert.subject_title} of ${alert.review_title} by its title`);
  }
  const moved = alerts.find((alert) => alert.kind === 'deadline_extended' && alert.previous_due);
  assert.ok(moved, 'the demo has a moved deadline');
  const line = queueGroup(page, moved.review_title).locator('.queue-line', { hasText: 'Deadline moved' }).filter({ hasText: moved.subject_title });
  assert.equal(squash(await line.locator('.line-detail').innerText()),
    `moved from ${formatDate(moved.previous_due)} to ${formatDate(moved.new_due)}; reason: ${moved.reason}`);
  await checkAccessible(page, "the chair's queue led by the timescale");
  await page.context().close();
});

test('My work for the lead reviewer: its step due this week and its overdue step, each opening its review at the step', async () => {
  const page = await signIn('lead.reviewer@northshire.example', undefined, '/my-work');
  await page.getByRole('heading', { name: /^Overdue/ }).waitFor();
  const work = await apiGet(page, '/work?within=10');
  const event = work.items.find((item) => item.key === 'practitioner_event_held');
  assert.ok(event && event.working_days_left >= 0, 'the demo gives the lead reviewer a step due this week');
  const week = page.locator('section[aria-labelledby="work-week"] tbody tr');
  assert.equal(await week.count(), 1);
  assert.match(squash(await week.innerText()), new RegExp(`^Step ${event.title.slice(0, 30).replace(/[()]/g, '.')}.* ${event.review_title.replace(/[()]/g, '.')} ${formatDate(event.due)} \\(in ${event.working_days_left} working days?\\) lead reviewer Nothing$`));
  const overdue = await page.locator('section[aria-labelledby="work-overdue"] tbody tr').allInnerTexts();
  assert.equal(overdue.length, work.items.filter((item) => item.working_days_left < 0).length);
  assert.ok(overdue.some((row) => /Which family members take part/.test(row) && /Young person P/.test(row)), 'its overdue family involvement decision');
  assert.ok(overdue.every((row) => /working days? overdue/.test(row)));
  await checkAccessible(page, "the lead reviewer's work");
  await screenshot(page, 'my-work-lead-reviewer');
  await week.getByRole('link').click();
  await page.locator('.phase-map').waitFor();
  assert.equal(new URL(page.url()).pathname, `/reviews/${event.review}`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'checkpoint-practitioner_event_held', 'the link opens the step');
  await page.context().close();
});

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

  // Each export link downloads, in the page's own session, the reviews the dashboard shows.
  const download = (name) => page.getByRole('link', { name }).evaluate(async (link) => {
    const answer = await fetch(link.href);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    return { status: answer.status, type: answer.headers.get('Content-Type'), text: new TextDecoder().decode(bytes), first: [...bytes.slice(0, 2)] };
  });
  for (const link of await page.locator('.exports a').all()) {
    const href = await link.getAttribute('href');
    assert.match(href, /q=child/);
    assert.match(href, /closed=true/);
  }
  const csv = await download('Download these reviews as CSV');
  assert.equal(csv.status, 200);
  assert.match(csv.type, /text\/csv/);
  const [header, ...lines] = csv.text.trim().split(/\r?\n/);
  assert.match(header, /^Id,Title,Review type,Phase,Referral date/);
  assert.equal(lines.length, (await titles()).length, 'one line per review the dashboard shows');
  const xlsx = await download('Download these reviews as Excel');
  assert.equal(xlsx.status, 200);
  assert.equal(String.fromCharCode(...xlsx.first), 'PK', 'a real workbook (a zip file)');
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
  // The address changes at once; the chair's list replaces the whole board's once it is read.
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('.work-list tbody td:nth-child(4)')];
    return cells.length > 0 && cells.every((cell) => cell.textContent.trim().startsWith('chair'));
  });
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

test("the police land on their own work: their overdue action and the request addressed to them, never Health's, and no board pages", async () => {
  const page = await signIn('police@northshire.example', TABLET);
  await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
  assert.equal(await page.locator('.error-box').count(), 0);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Board dashboard' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'Chair' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'My work' }).getAttribute('aria-current'), 'page');
  const overdue = (await page.locator('section[aria-labelledby="work-overdue"] tbody tr').allInnerTexts()).map(squash);
  assert.ok(overdue.some((row) => /^Improvement action Police attend every strategy discussion in person Child K \(2026\/01\) .* working days overdue\) agency Police Nothing$/.test(row)),
    'its overdue action on Child K');
  const later = (await page.locator('section[aria-labelledby="work-later"] tbody tr').allInnerTexts()).map(squash);
  assert.ok(later.some((row) => /^Information request Chronology of police call-outs .*Young person P \(2026\/03\)/.test(row)), 'the request addressed to the police');
  const owners = await page.locator('.work-list tbody td:nth-child(4)').allInnerTexts();
  assert.ok(owners.length >= 2 && owners.every((owner) => /Police/.test(owner)), "only the agency's own work");
  assert.doesNotMatch(await page.locator('main').innerText(), /Health/, "nothing of Health's");
  await checkAccessible(page, "the police's work on a tablet");
  await screenshot(page, 'my-work-agency');
  await nav.getByRole('link', { name: 'Actions tracker' }).click();
  await page.getByRole('heading', { level: 1, name: 'Actions tracker' }).waitFor();
  assert.equal(await page.locator('.error-box').count(), 0, 'the agency can use every page it is offered');
  await page.context().close();
});

test("an admin moves the demo clock after confirming the date and sees the service's summary of what fired; a timescale passed shows as missed", async () => {
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
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/admin/clock/advance'));
  await page.getByRole('dialog').getByRole('button', { name: /^Move to / }).click();
  const { fired } = await (await answered).json();
  await page.locator('#clock-summary:not([hidden])').waitFor();
  assert.notEqual(await page.locator('#clock-now').innerText(), before);
  assert.match(fired.summary, /^Moved to \w{3} \d+ \w{3} \d{4}: \d+ /, 'five days of a demo full of deadlines fire something');
  const summary = squash(await page.locator('#clock-summary').innerText());
  assert.ok(summary.startsWith(`The clock moved forward 5 days. ${fired.summary}.`), summary);
  const first = await page.locator('#clock-summary li').allInnerTexts();
  assert.equal(first.length, fired.first.length);
  assert.ok(first.length > 0 && first.every((item, i) => item.endsWith(`${fired.first[i].subject_title}, ${fired.first[i].review_title}`)));
  assert.match(await page.locator('#status').innerText(), /The clock moved forward 5 days/);
  await checkAccessible(page, 'the dashboard after the clock moved');
  await screenshot(page, 'clock-moved');

  // Five days on, Siblings M and N's timescale has passed unmet: missed, by how much, and the chair told.
  const siblings = (await apiGet(page, '/reviews?limit=200')).items.find((review) => review.title === 'Siblings M and N (2026/02)');
  assert.equal(siblings.timescale.status, 'missed');
  const days = -siblings.timescale.working_days_left;
  assert.match(squash(await reviewRow(page, siblings.title).locator('td').nth(2).innerText()),
    new RegExp(`^missed by ${days} working days? due ${formatDate(siblings.timescale.due)}`));
  await page.goto(`${demo.base}/chair`);
  const line = queueGroup(page, siblings.title).locator('.queue-line').first();
  await line.waitFor();
  assert.match(squash(await line.innerText()), /^Timescale missed The review's overall timescale/, "the timescale missed leads the review's group");
  await checkAccessible(page, "the chair's queue with a timescale missed");
  await page.context().close();
});

test('a printed review carries the board, the date, the protective marking and page numbers, and keeps its blockers', async () => {
  const page = await signIn('business.unit@northshire.example', undefined, '/reviews/3');
  await page.locator('.phase-map').waitFor();
  const session = await apiGet(page, '/session');
  const today = (await apiGet(page, '/admin/clock')).now.slice(0, 10);
  await page.emulateMedia({ media: 'print' });
  const marks = `${session.board_name} · ${formatDate(today)} · ${session.protective_marking}`;
  assert.match(session.protective_marking, /^OFFICIAL-SENSITIVE$/, "the demo's marking is the default");
  assert.equal(await page.locator('#print-head').innerText(), marks);
  assert.equal(await page.locator('#print-foot').innerText(), marks);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false, 'no navigation on paper');
  assert.equal(await page.locator('main button:visible').count(), 0, 'no buttons on paper');
  assert.match(await page.locator('#step-publish .why').innerText(), /Blocked/, 'what blocks the next step is printed');
  const margins = await page.evaluate(() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
    .filter((rule) => rule.cssText.startsWith('@page')).map((rule) => rule.cssText).join('\n'));
  assert.match(margins, /counter\(pages?\)/, 'every page is numbered');
  assert.match(margins, /Northshire/, "the board's name is in the page's margin");
  assert.ok(margins.includes(`"${session.protective_marking}"`), "the marking is in the page's margin");
  await checkAccessible(page, 'a review as printed');
  const pdf = await page.pdf({ format: 'A4', path: `${process.env.SCR_ARTIFACTS || new URL('./artifacts', import.meta.url).pathname}/review.pdf` });
  assert.ok(pdf.length > 1000);
  assert.match(pdf.subarray(0, 8).toString(), /^%PDF/);
  await page.context().close();
});

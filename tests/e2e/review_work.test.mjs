// The work done on a review, in a real browser against `scr-tracker demo`: the business unit refers a case
// and records the decision with its rationale, completes, extends and waives steps in forms that open under
// their row, adds an information request, a family member and a parallel process; the lead reviewer
// completes its own step; an agency updates its own action and sees no other agency's; a self-assessment
// question is answered; one whole path is done with the keyboard alone. Each changed page state passes axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessible, DESKTOP, focusedId, screenshot, signIn as signInTo, startDemoAndBrowser, statusText, TABLET } from './support.mjs';

let demo;
before(async () => { demo = await startDemoAndBrowser(); });
after(async () => demo?.stop());
const signIn = (email, viewport, address) => signInTo(demo, email, viewport, address);
const BU = 'business.unit@northshire.example';

// Presses Tab until the focused element passes `test` (run in the page), as a keyboard user would.
async function tabTo(page, test, arg, limit = 600) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate(test, arg)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached the element (${test})`);
}
const focusIs = (selector) => document.activeElement?.matches(selector);

test('the business unit refers a case, is told what is missing beside each field, and records the decision with its rationale', async () => {
  const page = await signIn(BU, DESKTOP, '/refer');
  await page.getByRole('heading', { level: 1, name: 'Refer a case' }).waitFor();
  await page.getByRole('button', { name: 'Refer the case' }).click();
  assert.equal(await focusedId(page), 'refer-workflow', 'the focus goes to the first field left empty');
  assert.equal(await page.locator('#refer-title').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#refer-title-error').innerText(), /enter a title/);
  assert.match(await page.locator('#refer-title').getAttribute('aria-describedby'), /refer-title-error/);
  assert.match(await page.locator('#refer-title-hint').innerText(), /No names/);
  await checkAccessible(page, 'the referral form with its errors');
  await screenshot(page, 'refer-errors');

  await page.getByLabel('Type of review').selectOption('scr-2015');
  await page.locator('p.hint', { hasText: 'Serious Case Review under' }).waitFor();
  await page.getByLabel('Title').fill('Child V (2026/12)');
  await page.getByLabel('Date of the incident').fill('2026-11-20');
  await page.getByLabel('Date of the referral').fill('2026-12-01');
  await page.getByLabel('Rationale: why the case is referred').fill('Serious injury; three agencies knew of concerns.');
  await page.getByRole('group', { name: /statutory criteria/ }).getByLabel('Yes').check();
  await page.getByRole('group', { name: /die\?/ }).getByLabel('No').check();
  await page.getByRole('button', { name: 'Refer the case' }).click();
  await page.getByRole('heading', { level: 1, name: 'Child V (2026/12)' }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/reviews\/\d+$/, 'the page moves to the new review');

  // The decision is blocked until its checkpoints are done: each completed in place.
  for (const key of ['referral_rationale_recorded', 'chair_decision']) {
    await page.locator(`[data-complete="${key}"]`).click();
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.locator('.saved-note').waitFor();
  }
  const decide = page.locator('#step-decide_to_review');
  await decide.getByRole('button', { name: 'Decide to review' }).click();
  assert.equal(await focusedId(page), 'event-decide_to_review-reason', 'a decision without its rationale is not sent');
  assert.match(await decide.locator('.field-error').innerText(), /rationale/);
  await checkAccessible(page, 'a decision refused for want of its rationale');
  await decide.getByLabel('Reason or decision note').fill('Criteria met: the chair agrees a review is needed.');
  await decide.getByRole('button', { name: 'Decide to review' }).click();
  await page.locator('.phase-map [aria-current="step"]', { hasText: 'Setting up' }).waitFor();
  assert.match(await statusText(page), /Decide to review: recorded with its rationale/);
  const history = await page.locator('.history').innerText();
  assert.match(history, /decide to review.*\n?.*Rationale: Criteria met/i);
  const chairTitle = (await page.locator('#checkpoint-chair_decision td').first().innerText()).split('\n')[0];
  assert.ok(history.includes(`checkpoint completed: ${chairTitle}`), 'the history names the checkpoint by its title');
  await checkAccessible(page, 'the review after its decision');
  await screenshot(page, 'decision-recorded');
  await page.context().close();
});

test('the business unit completes a late step with a note, extends one to a working day and waives another, each in place, on a tablet', async () => {
  const page = await signIn(BU, TABLET, '/reviews/4');
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor();

  // Complete, late: the form opens under its row, shows the due date and lateness, and asks for a note.
  const row = page.locator('#checkpoint-agency_information_requested');
  await row.getByRole('button', { name: /^Complete:/ }).click();
  const formRow = page.locator('#checkpoint-agency_information_requested + tr.form-row');
  await formRow.waitFor();
  assert.match(await formRow.locator('.due-now').innerText(), /working days? late/);
  assert.match(await formRow.innerText(), /late completion only with a note/);
  await formRow.getByRole('button', { name: 'Complete', exact: true }).click();
  assert.equal(await focusedId(page), 'cp-complete-note', 'the focus stays in the form, on the note');
  assert.equal(await page.locator('#cp-complete-note').getAttribute('aria-invalid'), 'true');
  await checkAccessible(page, 'a late completion without its note');
  await screenshot(page, 'complete-late-error');
  await page.getByLabel(/^Note \(what was done\)/).fill('Requests sent late: the agency list was not agreed until October.');
  await formRow.getByRole('button', { name: 'Complete', exact: true }).click();
  await row.locator('.saved-note').waitFor();
  assert.equal(await focusedId(page), 'checkpoint-agency_information_requested', 'the focus returns to the row');
  assert.match(await row.innerText(), /Done/);
  assert.match(await statusText(page), /completed/);

  // Extend: a weekend is refused beside the field before sending; a working day is saved.
  const extendRow = page.locator('#checkpoint-report_submitted_to_board');
  await extendRow.getByRole('button', { name: /^Extend:/ }).click();
  await page.getByLabel(/^New due date/).fill('2027-01-16');
  await page.getByLabel(/^Reason for the delay/).fill('The board meeting moved to late January.');
  await page.getByRole('button', { name: 'Move the due date' }).click();
  assert.match(await page.locator('#cp-extend-due-error').innerText(), /weekend/);
  assert.equal(await focusedId(page), 'cp-extend-due');
  await checkAccessible(page, 'an extension to a weekend day');
  await page.getByLabel(/^New due date/).fill('2027-01-15');
  await page.getByRole('button', { name: 'Move the due date' }).click();
  await extendRow.locator('.saved-note').waitFor();
  assert.match(await extendRow.innerText(), /Fri 15 Jan 2027/);
  const extendTitle = (await extendRow.locator('td').first().innerText()).split('\n')[0];
  assert.ok((await page.locator('table', { hasText: 'Deadlines moved' }).innerText()).includes(extendTitle),
    'the delay register names the step by its title');

  // Waive, with its required reason.
  const waiveRow = page.locator('#checkpoint-progress_reported_to_board');
  await waiveRow.getByRole('button', { name: /^Waive:/ }).click();
  await page.getByLabel(/^Reason for waiving it/).fill('The board asked for no interim report this quarter.');
  await page.getByRole('button', { name: 'Waive', exact: true }).click();
  await waiveRow.locator('.saved-note').waitFor();
  assert.match(await waiveRow.innerText(), /Waived/);
  await checkAccessible(page, 'the review after a waiver, on a tablet');
  await screenshot(page, 'checkpoints-tablet');
  await page.context().close();
});

test('the business unit adds an information request, a family member and a parallel process in place', async () => {
  const page = await signIn(BU, DESKTOP, '/reviews/4');
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor();

  await page.getByRole('button', { name: 'Ask an agency for information' }).click();
  const request = page.locator('#add-request-form');
  await request.getByLabel(/^Agency asked/).fill('Education');
  await request.getByLabel(/^What is asked for/).fill('Attendance records for the last two school years.');
  await request.getByLabel(/^Due date/).fill('2027-01-08');
  await checkAccessible(page, 'the information request form');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.locator('#request-register .saved-note').waitFor();
  assert.match(await page.locator('#request-register').innerText(), /Attendance records/);

  await page.getByRole('button', { name: 'Record a family member' }).click();
  const family = page.locator('#add-family-form');
  await family.getByLabel(/^Name/).fill('Jane Example');
  await family.getByLabel(/^Relationship/).fill('mother');
  await family.getByLabel(/^Involvement in the review/).selectOption('declined');
  await page.getByRole('button', { name: 'Record them' }).click();
  assert.match(await page.locator('#add-family-reason-error').innerText(), /reason they are not involved/);
  assert.equal(await focusedId(page), 'add-family-reason');
  await family.getByLabel(/^Reason/).fill('She asked not to take part; offered again after the report.');
  await page.getByRole('button', { name: 'Record them' }).click();
  await page.locator('#family-register .saved-note').waitFor();
  assert.match(await page.locator('#family-register').innerText(), /Jane Example/);

  await page.getByRole('button', { name: 'Add a parallel process' }).click();
  await page.getByLabel(/^Kind of process/).selectOption('inquest');
  await page.getByLabel('It holds the publication of the report').check();
  await page.getByLabel(/^Owner/).fill('HM Coroner for Northshire');
  await page.getByRole('button', { name: 'Add the process' }).click();
  await page.locator('#process-register .saved-note').waitFor();
  assert.match(await page.locator('#process-register').innerText(), /inquest\s+active\s+The publication of the report\s+HM Coroner/);
  await checkAccessible(page, 'the review with its new registers');
  await screenshot(page, 'registers');
  await page.context().close();
});

test('the lead reviewer completes its own step', async () => {
  const page = await signIn('lead.reviewer@northshire.example', DESKTOP, '/reviews/4');
  const row = page.locator('#checkpoint-family_involvement_decided');
  await row.waitFor();
  assert.equal(await page.locator('#checkpoint-national_notification button').count(), 0, 'no button on the business unit\'s steps');
  await row.getByRole('button', { name: /^Complete:/ }).click();
  await page.getByLabel(/^Note \(what was done\)/).fill('Family approached through their advocate; mother declined.');
  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  await row.locator('.saved-note').waitFor();
  assert.match(await row.innerText(), /Done/);
  await checkAccessible(page, "the lead reviewer's review");
  await page.context().close();
});

test("an agency updates its own action's progress and sees no other agency's", async () => {
  const page = await signIn('police@northshire.example', DESKTOP, '/reviews/1');
  await page.getByRole('heading', { level: 2, name: /Improvement actions of Police/ }).waitFor();
  const rows = page.locator('#action-register tbody tr');
  const shown = await rows.allInnerTexts();
  assert.ok(shown.length >= 1 && shown.every((text) => /Police/.test(text)), 'only the Police actions');
  assert.ok(shown.every((text) => !/Health/.test(text)), "Health's action on the same review is not shown");
  await page.getByRole('button', { name: /^Update: Police share/ }).click();
  await page.getByLabel(/^Progress note/).fill('Call-out sharing agreed with the MASH; live from January.');
  await checkAccessible(page, "the agency's action update form");
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#action-3 .saved-note').waitFor();
  assert.match(await page.locator('#action-3').innerText(), /Latest: Call-out sharing agreed/);
  await screenshot(page, 'agency-action');
  await page.context().close();
});

test('a self-assessment question is answered in place and its marker counts it', async () => {
  const page = await signIn(BU, DESKTOP, '/reviews/4');
  const marker = page.locator('details.marker').first();
  await marker.waitFor();
  const before = await marker.locator('.count').innerText();
  await marker.locator('summary').click();
  const question = marker.locator('li.question').first();
  await question.getByLabel('Partly').check();
  await question.getByLabel('Note').fill('Rationale recorded, but the referral form lacks a field for it.');
  await question.getByRole('button', { name: 'Save the answer' }).click();
  await question.locator('.answered', { hasText: 'Partly' }).waitFor();
  assert.match(await question.locator('.answered').innerText(), /Answered Partly by Sam Okafor/);
  assert.notEqual(await marker.locator('.count').innerText(), before, 'the marker\'s unanswered count changes');
  assert.match(await statusText(page), /Answer saved: Partly/);
  await checkAccessible(page, 'the self-assessment after an answer');
  await screenshot(page, 'self-assessment');
  await page.context().close();
});

test('a case is referred and its decision recorded with the keyboard alone', async () => {
  const page = await signIn(BU, DESKTOP, '/refer');
  await page.getByRole('heading', { level: 1, name: 'Refer a case' }).waitFor();
  await tabTo(page, focusIs, '#refer-workflow');
  await page.keyboard.type('Serious');
  await page.locator('p.hint', { hasText: 'Serious Case Review under' }).waitFor();
  await tabTo(page, focusIs, '#refer-title');
  await page.keyboard.type('Child W (2026/13)');
  await page.keyboard.press('Tab');
  await page.keyboard.type('11202026');  // month, day, year in this browser's locale; the referral date is today's
  await tabTo(page, focusIs, '#refer-rationale');
  await page.keyboard.type('Neglect over two years; the school raised concerns.');
  await tabTo(page, focusIs, 'input[name="statutory_criteria_met"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');  // "No": the child did not die
  await tabTo(page, focusIs, '#refer-form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Child W (2026/13)' }).waitFor();
  for (const key of ['referral_rationale_recorded', 'chair_decision']) {
    await tabTo(page, focusIs, `[data-complete="${key}"]`);
    await page.keyboard.press('Enter');
    await tabTo(page, focusIs, '#cp-complete-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator(`#checkpoint-${key} .saved-note`).waitFor();
    assert.equal(await focusedId(page), `checkpoint-${key}`);
  }
  await tabTo(page, focusIs, '#event-decide_to_review-reason');
  await page.keyboard.type('Criteria met; the chair decided at the meeting of 3 December.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('.phase-map [aria-current="step"]', { hasText: 'Setting up' }).waitFor();
  await checkAccessible(page, 'the review after a keyboard-only decision');
  await page.context().close();
});

test('the business unit pauses a review for a trial, sees why every step waits, and resumes it', async () => {
  const page = await signIn(BU, DESKTOP, '/reviews/2');
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor();
  const pause = page.locator('#step-pause');
  await pause.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await focusedId(page), 'event-pause-reason', 'a pause without its reason is not sent');
  await pause.getByLabel('Reason or decision note').fill('Criminal trial of the father; the CPS asks us to wait.');
  await pause.getByRole('button', { name: 'Pause' }).click();
  await page.locator('#step-resume').waitFor();
  assert.match(await page.locator('p.paused').innerText(), /Paused since .*: Criminal trial of the father/);
  assert.match(await page.locator('.steps').innerText(), /The review is paused: Criminal trial of the father/);
  await checkAccessible(page, 'a paused review');
  await screenshot(page, 'review-paused');
  await page.locator('#step-resume').getByRole('button', { name: 'Resume' }).click();
  await page.locator('#step-pause').waitFor();
  assert.equal(await page.locator('p.paused').count(), 0);
  await page.context().close();
});

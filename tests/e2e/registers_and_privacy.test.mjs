// The review's registers and its privacy check, in a real browser against `scr-tracker demo`: the privacy
// check refuses until there is something to look for and then finds what was recorded; a late step needs a
// note and shows how late it was; a family member is edited; the police answer the request addressed to
// them; the business unit moves a request's due date and re-addresses it. Each changed page state passes axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessible, DESKTOP, focusedId, screenshot, signIn as signInTo, startDemoAndBrowser, statusText, TABLET } from './support.mjs';

let demo;
before(async () => { demo = await startDemoAndBrowser(); });
after(async () => demo?.stop());
const signIn = (email, viewport, address) => signInTo(demo, email, viewport, address);
const BU = 'business.unit@northshire.example';
const POLICE = 'police@northshire.example';

// The id of the demo's review whose title starts with `title`, read as the signed-in user.
async function reviewId(page, title) {
  const reviews = await (await page.request.get(`${demo.base}/api/v1/reviews?limit=200`)).json();
  const found = (reviews.items || reviews).find((r) => r.title.startsWith(title));
  assert.ok(found, `the demo has the review ${title}`);
  return found.id;
}
async function openReview(page, title, viewport) {
  const id = await reviewId(page, title);
  await page.goto(`${demo.base}/reviews/${id}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) }).waitFor();
  return id;
}
// The requests the page sends to paths that match `pattern`, with their method.
function watchRequests(page, pattern) {
  const sent = [];
  page.on('request', (request) => { if (pattern.test(request.url())) sent.push(request.method()); });
  return sent;
}

test('the privacy check of a new referral refuses and says what to record, then finds a name recorded in the page', async () => {
  const page = await signIn(BU, DESKTOP);
  await openReview(page, 'Child S (2026/10)');
  await page.getByLabel(/^Paste the report's final text/).fill('Amy Tester told her teacher about the bruises.');
  await page.getByRole('button', { name: 'Check the text' }).click();
  const error = page.locator('#privacy-text-error');
  await error.waitFor();
  assert.match(await error.innerText(), /no family member or identifier recorded.*record the family members' names/s);
  assert.equal(await page.locator('#privacy-text').getAttribute('aria-invalid'), 'true');
  const record = page.locator('#identifier-form');
  await record.waitFor();
  assert.equal(await focusedId(page), 'identifier-kind', 'the form to record what to look for opens, and takes the focus');
  assert.match(await statusText(page), /Not checked: the review has no family member or identifier/);
  await checkAccessible(page, 'a privacy check refused for want of identifiers');
  await screenshot(page, 'privacy-refused');

  await record.getByLabel(/^Kind/).selectOption('name');
  await record.getByLabel(/^What to look for/).fill('Amy Tester');
  await record.getByRole('button', { name: 'Record it' }).click();
  await page.locator('#identifiers-register .saved-note').waitFor();
  assert.match(await page.locator('#identifiers-register').innerText(), /name: Amy Tester/);

  // One recorded by mistake is removed again.
  await page.getByRole('button', { name: 'Record an identifier' }).click();
  await record.getByLabel(/^Kind/).selectOption('place');
  await record.getByLabel(/^What to look for/).fill('Northtown Park');
  await record.getByRole('button', { name: 'Record it' }).click();
  await page.locator('#identifiers-register .saved-note').waitFor();
  await page.getByRole('button', { name: 'Remove the place Northtown Park' }).click();
  await page.locator('#identifiers-register .saved-note', { hasText: 'Identifier removed' }).waitFor();
  assert.doesNotMatch(await page.locator('#identifiers-register ul').innerText(), /Northtown Park/);
  assert.equal(await focusedId(page), 'identifiers-register');

  await page.getByLabel(/^Paste the report's final text/).fill('In March Amy Tester told her teacher about the bruises.');
  await page.getByRole('button', { name: 'Check the text' }).click();
  const found = page.locator('#privacy-result .error-box');
  await found.waitFor();
  assert.match(await found.innerText(), /1 place names the family:\s*name "Amy Tester" at character 9/);
  await checkAccessible(page, 'a privacy check that found a recorded name');
  await page.context().close();
});

test('on Siblings M and N the privacy check finds a recorded address, and a clean text passes and completes the checkpoint', async () => {
  const page = await signIn(BU, TABLET);
  await openReview(page, 'Siblings M and N');
  const identifiers = await page.locator('#identifiers-register').innerText();
  assert.match(identifiers, /address: 4 Mill Lane, Eastbrook/, 'the identifiers the check looks for are listed');
  const row = page.locator('#checkpoint-privacy_check_passed');
  assert.doesNotMatch(await row.innerText(), /Done/);

  await page.getByLabel(/^Paste the report's final text/).fill('The children lived at 4 Mill Lane, Eastbrook until 2025.');
  await page.getByRole('button', { name: 'Check the text' }).click();
  const found = page.locator('#privacy-result .error-box');
  await found.waitFor();
  assert.match(await found.innerText(), /address "4 Mill Lane, Eastbrook"/);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-box')), true, 'the findings take the focus');
  await checkAccessible(page, 'a privacy check that found an address, on a tablet');
  await screenshot(page, 'privacy-found-tablet');

  await page.getByLabel(/^Paste the report's final text/).fill('The children lived with their mother in the county until 2025.');
  await page.getByRole('button', { name: 'Check the text' }).click();
  await row.locator('.badge', { hasText: 'Done' }).waitFor();
  assert.match(await statusText(page), /found nothing; ".+" is complete/);
  assert.equal(await focusedId(page), 'privacy-check');
  assert.match(await page.locator('.history').innerText(), /privacy check run: found nothing/);
  await checkAccessible(page, 'a privacy check passed, on a tablet');
  await page.context().close();
});

test('a late step completed without a note is refused before sending, and with one shows as done late in its row and the history', async () => {
  const page = await signIn(BU, DESKTOP);
  const id = await openReview(page, 'Young person P');
  const review = await (await page.request.get(`${demo.base}/api/v1/reviews/${id}`)).json();
  const late = review.checkpoints.find((c) => c.working_days_left < 0 && !['done', 'waived'].includes(c.status)
    && !c.key.startsWith('action/') && c.key !== 'privacy_check_passed');
  assert.ok(late, 'the demo has a late step on Young person P');
  const days = -late.working_days_left;
  const row = page.locator(`#checkpoint-${late.key}`);
  const sent = watchRequests(page, new RegExp(`/checkpoints/${late.key}/complete$`));

  await row.getByRole('button', { name: /^Complete:/ }).click();
  const form = page.locator('#cp-complete-form');
  assert.match(await form.locator('.due-now').innerText(), new RegExp(`${days} working days? late`));
  assert.match(await form.locator('label[for="cp-complete-note"]').innerText(), /\(required\)/);
  await form.getByRole('button', { name: 'Complete', exact: true }).click();
  assert.match(await page.locator('#cp-complete-note-error').innerText(), /note saying why the step was late/);
  assert.equal(await focusedId(page), 'cp-complete-note');
  assert.deepEqual(sent, [], 'nothing is sent without the note');
  await checkAccessible(page, 'a late completion refused by the page');

  await form.getByLabel(/^Note \(what was done\)/).fill('Done after the practitioners were back from leave.');
  await form.getByRole('button', { name: 'Complete', exact: true }).click();
  await row.locator('.saved-note').waitFor();
  const doneLate = `Done, ${days} working day${days === 1 ? '' : 's'} late`;
  assert.ok((await row.innerText()).includes(doneLate), `the row says "${doneLate}"`);
  assert.ok((await page.locator('.history').innerText()).includes(`checkpoint completed: ${late.title}, done ${days} working day`),
    'the history says how late it was done');
  assert.deepEqual(sent, ['POST']);
  await checkAccessible(page, 'a step done late');
  await screenshot(page, 'done-late');
  await page.context().close();
});

test('the business unit edits a family member, and is asked for the reason when they are no longer involved', async () => {
  const page = await signIn(BU, DESKTOP);
  await openReview(page, 'Siblings M and N');
  const edit = page.getByRole('button', { name: /^Edit: Kerry Doyle/ });
  const row = page.locator('#family-register tbody tr', { hasText: 'Kerry Doyle' });
  await edit.click();
  const form = page.locator('#update-family-form');
  assert.equal(await form.getByLabel(/^Name/).inputValue(), 'Kerry Doyle', 'the form shows what is recorded');
  assert.equal(await form.getByLabel(/^Date of birth/).inputValue(), '1991-07-09');
  await form.getByLabel(/^Involvement in the review/).selectOption('deferred');
  await form.getByRole('button', { name: 'Save the changes' }).click();
  assert.match(await page.locator('#update-family-reason-error').innerText(), /reason they are not involved/);
  assert.equal(await focusedId(page), 'update-family-reason');
  await checkAccessible(page, 'a family member edit without its reason');
  await form.getByLabel(/^Reason/).fill('Asked to wait until the criminal trial ends.');
  await form.getByLabel(/^Support needs/).fill('Meetings in the afternoon; an advocate and an interpreter attend.');
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await row.locator('.saved-note').waitFor();
  const shown = await row.innerText();
  assert.match(shown, /deferred/);
  assert.match(shown, /Asked to wait until the criminal trial ends/);
  assert.match(shown, /an interpreter attend/);
  assert.match(await statusText(page), /Kerry Doyle: changes saved/);
  assert.match(await page.locator('.history').innerText(), /family member updated \(mother: involvement, reason, support needs changed\)/);
  await checkAccessible(page, 'a family member edited');
  await screenshot(page, 'family-edit');
  await page.context().close();
});

test('the police answer the request addressed to them from My work, and the history shows the police user', async () => {
  const page = await signIn(POLICE, TABLET);
  const me = await (await page.request.get(`${demo.base}/api/v1/session`)).json();
  const link = page.getByRole('link', { name: /Chronology of police call-outs/ }).first();
  await link.click();
  const row = page.locator('#request-register tr[id^="request-"]', { hasText: 'Chronology of police call-outs' });
  await row.waitFor();
  await row.getByRole('button', { name: /^Answer: the request to Police/ }).click();
  const form = page.locator('#update-request-form');
  await form.getByLabel(/Declined: the agency/).check();
  await form.getByRole('button', { name: 'Record the answer' }).click();
  assert.match(await page.locator('#update-request-reason-error').innerText(), /reason the agency gave for declining/);
  assert.equal(await focusedId(page), 'update-request-reason');
  await checkAccessible(page, "the police's answer refused for want of a reason, on a tablet");
  await form.getByLabel(/Received: the information/).check();
  await form.getByLabel(/^Note, or the reason/).fill('Chronology of 23 call-outs sent by secure email.');
  await form.getByRole('button', { name: 'Record the answer' }).click();
  await row.locator('.saved-note').waitFor();
  assert.match(await row.innerText(), /received/);
  assert.equal(await row.getByRole('button').count(), 0, 'an answered request has nothing more to answer');
  assert.match(await statusText(page), /The request to Police is answered/);
  await checkAccessible(page, "the police's answered request, on a tablet");
  await screenshot(page, 'police-answer');
  const reviewAddress = new URL(page.url()).pathname;
  await page.context().close();

  const unit = await signIn(BU, DESKTOP, reviewAddress);
  const history = unit.locator('.history');
  await history.waitFor();
  const entry = history.locator('li', { hasText: 'information received (Police)' });
  assert.match(await entry.innerText(), new RegExp(`by ${me.name} \\(agency\\): Chronology of 23 call-outs`));
  await unit.context().close();
});

test("the business unit moves a request's due date to a working day with its reason, and addresses it to another agency", async () => {
  const page = await signIn(BU, TABLET);
  await openReview(page, 'Child D');
  await page.getByRole('button', { name: 'Ask an agency for information' }).click();
  const add = page.locator('#add-request-form');
  await add.getByLabel(/^Agency asked/).fill('Education');
  await add.getByLabel(/^What is asked for/).fill('Exclusion records of the older sibling.');
  await add.getByLabel(/^Due date/).fill('2027-01-08');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.locator('#request-register .saved-note').waitFor();
  const row = page.locator('#request-register tr[id^="request-"]', { hasText: 'Exclusion records' });

  await row.getByRole('button', { name: /^Change the due date: the request to Education/ }).click();
  const move = page.locator('#move-request-form');
  assert.match(await move.innerText(), /due Fri 8 Jan 2027/);
  await move.getByLabel(/^New due date/).fill('2027-02-06');
  await move.getByRole('button', { name: 'Move the due date' }).click();
  assert.match(await page.locator('#move-request-due-error').innerText(), /weekend/);
  assert.match(await page.locator('#move-request-reason-error').innerText(), /reason the due date moves/);
  assert.equal(await focusedId(page), 'move-request-due');
  await checkAccessible(page, "a request's new due date refused, on a tablet");
  await move.getByLabel(/^New due date/).fill('2027-02-05');
  await move.getByLabel(/^Reason for the delay/).fill('The school closed for two weeks after a flood.');
  await move.getByRole('button', { name: 'Move the due date' }).click();
  await row.locator('.saved-note').waitFor();
  assert.match(await row.innerText(), /Fri 5 Feb 2027/);
  const delays = await page.locator('table', { hasText: 'Deadlines moved' }).innerText();
  assert.match(delays, /Information asked of Education\s+Fri 8 Jan 2027\s+Fri 5 Feb 2027\s+The school closed/);
  assert.match(await page.locator('.history').innerText(),
    /information request changed \(Education\): due date moved from Fri 8 Jan 2027 to Fri 5 Feb 2027/);

  await row.getByRole('button', { name: /^Re-address: the request to Education/ }).click();
  const readdress = page.locator('#readdress-request-form');
  await readdress.getByLabel(/^Agency asked/).fill('Education');
  await readdress.getByRole('button', { name: 'Re-address it' }).click();
  assert.match(await page.locator('#readdress-request-agency-error').innerText(), /already addressed to Education/);
  await readdress.getByLabel(/^Agency asked/).fill('Children\'s Services');
  await readdress.getByRole('button', { name: 'Re-address it' }).click();
  const moved = page.locator('#request-register tr[id^="request-"]', { hasText: 'Exclusion records' });
  await moved.locator('.saved-note', { hasText: 'new agency' }).waitFor();
  assert.match(await moved.innerText(), /^Children's Services/);
  assert.match(await page.locator('.history').innerText(), /information request changed \(Children's Services\): re-addressed from Education/);
  await checkAccessible(page, 'a request re-addressed, on a tablet');
  await screenshot(page, 'request-moved-tablet');
  await page.context().close();
});

test("the business unit records the review's references, empties one to remove it, and the history shows both values", async () => {
  const page = await signIn(BU, DESKTOP);
  await openReview(page, 'Child D');
  await page.getByRole('button', { name: 'Change the references' }).click();
  const form = page.locator('#references-form');
  await form.getByLabel('Child Safeguarding Practice Review Panel').fill('=CSPRP');
  await form.getByRole('button', { name: 'Save the references' }).click();
  assert.match(await page.locator('#references-panel-error').innerText(), /starting with a letter or digit/);
  await form.getByLabel('Child Safeguarding Practice Review Panel').fill('CSPRP-2026-0042');
  await form.getByLabel('NHS serious incident (StEIS)').fill('2026/1234');
  await form.getByRole('button', { name: 'Save the references' }).click();
  await page.locator('#references .saved-note').waitFor();
  assert.equal(await page.locator('#reference-panel').innerText(), 'CSPRP-2026-0042');
  await checkAccessible(page, "the review's references recorded");

  await page.getByRole('button', { name: 'Change the references' }).click();
  await page.locator('#references-form').getByLabel('NHS serious incident (StEIS)').fill('');
  await page.locator('#references-form').getByRole('button', { name: 'Save the references' }).click();
  await page.locator('#reference-steis').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#reference-panel').innerText(), 'CSPRP-2026-0042');
  assert.match(await page.locator('.history').innerText(), /references changed: steis removed \(was 2026\/1234\)/);
});

// My work: what the signed-in role owns that is overdue or due soon (GET /work), grouped as it is worked:
// overdue, due this week, later, and what cannot be done yet with what it waits for. The business unit
// (and an admin) see all the board's open work by owner, or one owner role's. An agency sees its own.
import { badge, dueWords, formatDate, html, plural, ROLES, roleLabel, weekEnd } from './format.js';
import { currentUser, goTo, render, wholeList } from './page.js';

const WITHIN = 10;  // working days ahead, as the work list counts them
const KIND_WORDS = {
  checkpoint: 'Step', information_request: 'Information request', action: 'Improvement action',
  follow_up: 'Follow-up check', decision: 'Decision',
};
const wholeBoard = (role) => role === 'admin' || role === 'business_unit';

// A step not yet done ("checkpoint") or a parallel process holding it ("hold").
const blockerWords = (blocker) => {
  if (blocker.kind === 'hold') return `${blocker.process_kind.replace(/_/g, ' ')} holds ${blocker.holds}`;
  if (blocker.kind === 'paused') return `the review is paused: ${blocker.reason}`;
  return `waits for: ${blocker.title}`;
};

// A step opens at its checkpoint's row, a decision at its lifecycle step; other items at their review.
const ANCHORS = { checkpoint: 'checkpoint', decision: 'step' };
const itemLink = (item) => `/reviews/${item.review}${ANCHORS[item.kind] ? `#${ANCHORS[item.kind]}-${item.key}` : ''}`;

const overdue = (item) => item.working_days_left < 0;

function itemRow(item) {
  const blockers = item.blocked_by;
  return html`<tr>
    <td>${KIND_WORDS[item.kind] || item.kind}</td>
    <td><a href="${itemLink(item)}">${item.title}</a><br><span class="muted">${item.review_title}</span></td>
    <td>${overdue(item) ? badge('overdue') : ''} ${dueWords(item.due, item.working_days_left)}</td>
    <td>${roleLabel(item.owner_role)}${item.owner_agency ? html`<br>${item.owner_agency}` : ''}</td>
    <td>${blockers.length ? html`<ul class="plain">${blockers.map((b) => html`<li>${blockerWords(b)}</li>`)}</ul>` : 'Nothing'}</td>
  </tr>`;
}

function section(id, heading, items, none) {
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${heading} <span class="muted">(${items.length})</span></h2>
    ${items.length ? html`<div class="table-wrap"><table class="work-list">
      <caption class="visually-hidden">${heading}</caption>
      <thead><tr><th scope="col">What</th><th scope="col">Item and review</th><th scope="col">Due</th>
        <th scope="col">Owner</th><th scope="col">Blocked by</th></tr></thead>
      <tbody>${items.map(itemRow)}</tbody></table></div>` : html`<p>${none}</p>`}
  </section>`;
}

// Overdue, due this week, later; what cannot be done yet goes under "blocked", whatever its date.
function byWhen(items, today) {
  const end = weekEnd(today);
  const free = items.filter((item) => !item.blocked_by.length);
  return [
    section('work-overdue', 'Overdue', free.filter(overdue), 'Nothing is overdue.'),
    section('work-week', 'Due this week', free.filter((i) => !overdue(i) && i.due <= end), 'Nothing else is due this week.'),
    section('work-later', 'Due later', free.filter((i) => !overdue(i) && i.due > end), 'Nothing else is due soon.'),
    section('work-blocked', 'Blocked, and by what', items.filter((item) => item.blocked_by.length), 'Nothing is blocked.'),
  ];
}

// The whole board's work, one section per owner (role, and agency for an agency's items).
function byOwner(items) {
  const owners = new Map();
  for (const item of items) {
    const owner = `${roleLabel(item.owner_role)}${item.owner_agency ? `: ${item.owner_agency}` : ''}`;
    if (!owners.has(owner)) owners.set(owner, []);
    owners.get(owner).push(item);
  }
  if (!owners.size) return html`<p>No open work is overdue or due within ${WITHIN} working days.</p>`;
  return [...owners].sort(([a], [b]) => a.localeCompare(b))
    .map(([owner, list], i) => section(`owner-${i}`, `Owned by ${owner}`, list, ''));
}

export async function showMyWork() {
  const { role, agency } = currentUser();
  const params = new URLSearchParams(location.search);
  const ownerRole = wholeBoard(role) && ROLES.includes(params.get('role')) ? params.get('role') : '';
  const { items, today } = await wholeList(`/work?within=${WITHIN}${ownerRole ? `&role=${ownerRole}` : ''}`);
  const whose = wholeBoard(role) ? (ownerRole ? `The ${roleLabel(ownerRole)}'s open work` : "The whole board's open work, by owner,")
    : role === 'agency' ? `${agency || 'Your agency'}'s open work` : `The ${roleLabel(role)}'s open work`;
  render('My work', html`
    <h1>My work</h1>
    <p>${whose} that is overdue or due within ${WITHIN} working days: ${plural(items.length, 'item')}, as of ${formatDate(today)}.</p>
    ${wholeBoard(role) ? html`<form class="filters" id="owner-form">
      <div><label for="owner-role">Whose work</label>
        <select id="owner-role"><option value="">Everyone's, by owner</option>
          ${ROLES.map((r) => html`<option value="${r}" ${r === ownerRole ? 'selected' : ''}>${roleLabel(r)}</option>`)}</select></div>
      <div><button type="submit" class="secondary">Show</button></div></form>` : ''}
    ${wholeBoard(role) && !ownerRole ? byOwner(items) : byWhen(items, today)}`);
  document.getElementById('owner-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = document.getElementById('owner-role').value;
    goTo(`/my-work${chosen ? `?role=${chosen}` : ''}`);
  });
}

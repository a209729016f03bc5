// My work: what the signed-in role owns that is overdue or due soon (GET /work), grouped as it is worked:
// overdue, due this week, later, and what cannot be done yet with what it waits for. The business unit
// (and an admin) see all the board's open work by owner, or one owner role's. An agency sees its own.
import { get } from './api.js';
import { badge, dueWords, formatDate, html, plural, ROLES, roleLabel, weekEnd } from './format.js';
import { currentUser, goTo, offers, render } from './page.js';

const WITHIN = 10;  // working days ahead, as the work list counts them
const KIND_WORDS = {
  checkpoint: 'Step', information_request: 'Information request', action: 'Improvement action',
  follow_up: 'Follow-up check', decision: 'Decision',
};
const wholeBoard = (role) => role === 'admin' || role === 'business_unit';

function blockerWords(blocker) {
  if (typeof blocker === 'string') return blocker;
  if (blocker.kind === 'hold') return `${String(blocker.process_kind || 'a parallel process').replace(/_/g, ' ')} holds ${blocker.holds || 'it'}`;
  if (blocker.kind === 'checkpoint') return `waits for: ${blocker.title || blocker.key}`;
  return [String(blocker.kind || '').replace(/_/g, ' '), blocker.title || blocker.key || blocker.until || ''].filter(Boolean).join(': ');
}

function itemLink(item) {
  const anchor = item.kind === 'checkpoint' ? `#checkpoint-${item.key}` : '';
  return `/reviews/${item.review}${anchor}`;
}

function itemRow(item, today) {
  const overdue = item.status === 'overdue' || item.due < today;
  const blockers = item.blocked_by || [];
  return html`<tr>
    <td>${KIND_WORDS[item.kind] || item.kind}</td>
    <td><a href="${itemLink(item)}">${item.title}</a><br><span class="muted">${item.review_title}</span></td>
    <td>${overdue ? badge('overdue') : ''} ${dueWords(item.due, item.working_days_left)}</td>
    <td>${roleLabel(item.owner_role)}${item.owner_agency ? html`<br>${item.owner_agency}` : ''}</td>
    <td>${blockers.length ? html`<ul class="plain">${blockers.map((b) => html`<li>${blockerWords(b)}</li>`)}</ul>` : 'Nothing'}</td>
  </tr>`;
}

function section(id, heading, items, today, none) {
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${heading} <span class="muted">(${items.length})</span></h2>
    ${items.length ? html`<div class="table-wrap"><table class="work-list">
      <caption class="visually-hidden">${heading}</caption>
      <thead><tr><th scope="col">What</th><th scope="col">Item and review</th><th scope="col">Due</th>
        <th scope="col">Owner</th><th scope="col">Blocked by</th></tr></thead>
      <tbody>${items.map((item) => itemRow(item, today))}</tbody></table></div>` : html`<p>${none}</p>`}
  </section>`;
}

// Overdue, due this week, later; what cannot be done yet goes under "blocked", whatever its date.
function byWhen(items, today) {
  const end = weekEnd(today);
  const free = items.filter((item) => !(item.blocked_by || []).length);
  return [
    section('work-overdue', 'Overdue', free.filter((i) => i.status === 'overdue' || i.due < today), today, 'Nothing is overdue.'),
    section('work-week', 'Due this week', free.filter((i) => i.status !== 'overdue' && i.due >= today && i.due <= end), today, 'Nothing else is due this week.'),
    section('work-later', 'Due later', free.filter((i) => i.status !== 'overdue' && i.due > end), today, 'Nothing else is due soon.'),
    section('work-blocked', 'Blocked, and by what', items.filter((item) => (item.blocked_by || []).length), today, 'Nothing is blocked.'),
  ];
}

// The whole board's work, one section per owner (role, and agency for an agency's items).
function byOwner(items, today) {
  const owners = new Map();
  for (const item of items) {
    const owner = `${roleLabel(item.owner_role)}${item.owner_agency ? `: ${item.owner_agency}` : ''}`;
    if (!owners.has(owner)) owners.set(owner, []);
    owners.get(owner).push(item);
  }
  if (!owners.size) return html`<p>No open work is overdue or due within ${WITHIN} working days.</p>`;
  return [...owners].sort(([a], [b]) => a.localeCompare(b))
    .map(([owner, list], i) => section(`owner-${i}`, `Owned by ${owner}`, list, today, ''));
}

// Before GET /work: the role's open steps from each open review, and an agency's own actions.
async function workFromReviews(role, ownerRole, today) {
  if (role === 'agency') {
    const actions = await get('/actions');
    return actions.items.filter((a) => ['not_started', 'in_progress'].includes(a.status)).map((a) => ({
      review: a.review, review_title: a.review_title, kind: 'action', key: String(a.id), title: a.title, due: a.due,
      status: a.overdue ? 'overdue' : 'pending', owner_role: 'agency', owner_agency: a.owner_agency, blocked_by: [],
    }));
  }
  const list = await get('/reviews?limit=200');
  const open = list.items.filter((r) => r.state !== 'closed' && r.state !== 'not_proceeding');
  const reviews = await Promise.all(open.map((r) => get(`/reviews/${r.id}`)));
  const wanted = wholeBoard(role) ? ownerRole : role;
  return reviews.flatMap((review) => (review.checkpoints || [])
    .filter((c) => ['pending', 'due_soon', 'overdue'].includes(c.status) && c.due && (!wanted || c.owner_role === wanted))
    .filter((c) => c.status === 'overdue' || c.due < today || (c.working_days_left ?? 0) <= WITHIN)
    .map((c) => ({ review: review.id, review_title: review.title, kind: 'checkpoint', key: c.key, title: c.title, due: c.due,
      working_days_left: c.working_days_left, status: c.status, owner_role: c.owner_role, blocked_by: [] })))
    .sort((a, b) => a.due.localeCompare(b.due));
}

export async function showMyWork() {
  const { role, agency } = currentUser();
  const params = new URLSearchParams(location.search);
  const ownerRole = wholeBoard(role) && ROLES.includes(params.get('role')) ? params.get('role') : '';
  const clock = await get('/admin/clock').catch(() => ({ now: new Date().toISOString() }));
  let today = clock.now.slice(0, 10);
  let items;
  const listed = await offers('/work');
  if (listed) {
    const work = await get(`/work?within=${WITHIN}${ownerRole ? `&role=${ownerRole}` : ''}`);
    items = work.items;
    today = work.today || today;
  } else {
    items = await workFromReviews(role, ownerRole, today);
  }
  const whose = wholeBoard(role) ? (ownerRole ? `The ${roleLabel(ownerRole)}'s open work` : "The whole board's open work, by owner,")
    : role === 'agency' ? `${agency || 'Your agency'}'s open work` : `The ${roleLabel(role)}'s open work`;
  // Before the work list, an agency's open actions are shown whatever their date.
  const when = listed || role !== 'agency' ? ` that is overdue or due within ${WITHIN} working days` : '';
  render('My work', html`
    <h1>My work</h1>
    <p>${whose}${when}: ${plural(items.length, 'item')}, as of ${formatDate(today)}.</p>
    ${wholeBoard(role) ? html`<form class="filters" id="owner-form">
      <div><label for="owner-role">Whose work</label>
        <select id="owner-role"><option value="">Everyone's, by owner</option>
          ${ROLES.map((r) => html`<option value="${r}" ${r === ownerRole ? 'selected' : ''}>${roleLabel(r)}</option>`)}</select></div>
      <div><button type="submit" class="secondary">Show</button></div></form>` : ''}
    ${wholeBoard(role) && !ownerRole ? byOwner(items, today) : byWhen(items, today)}`);
  document.getElementById('owner-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = document.getElementById('owner-role').value;
    goTo(`/my-work${chosen ? `?role=${chosen}` : ''}`);
  });
}

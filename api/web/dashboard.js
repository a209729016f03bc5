// The board dashboard: per review, its overall timescale (due, and on track, at risk, missed or met), the next
// deadline still to come and who owns it, the steps already missed and by how much; sortable by column,
// searchable by title, filtered by phase, with closed reviews on request. The filters live in the address
// (/?phase=...&q=...) and the exports take the same ones. Below, the timeline against each review's timescale.
import {
  badge, daysBetween, formatDate, html, lateWords, PHASE_INDEX, PHASES, phaseLabel, plural, roleLabel,
  timescaleWords,
} from './format.js';
import { boardToday, currentUser, everyPage, focusAfterShowing, goTo, render } from './page.js';
import { timeline } from './dashboard_timeline.js';

const ended = (review) => review.state === 'closed' || review.state === 'not_proceeding';
const missedCount = (review) => review.missed.length;
const nextDue = (review) => review.next_checkpoint?.due ?? null;  // the next deadline still to come
const TIMESCALE_RANK = { missed: 0, at_risk: 1, on_track: 2, met: 3 };
const byDate = (a, b) => (a && b ? a.localeCompare(b) : a ? -1 : b ? 1 : 0);

// Most missed work first, then the timescale most at risk, then the nearest deadline to come.
function byUrgency(a, b) {
  return missedCount(b) - missedCount(a)
    || (TIMESCALE_RANK[a.timescale?.status] ?? 2) - (TIMESCALE_RANK[b.timescale?.status] ?? 2)
    || byDate(nextDue(a), nextDue(b)) || a.id - b.id;
}

// The columns a user may sort by, each with its comparison (ascending).
const COLUMNS = [
  ['title', 'Review', (a, b) => a.title.localeCompare(b.title)],
  ['phase', 'Phase', (a, b) => (PHASE_INDEX[a.state] ?? 99) - (PHASE_INDEX[b.state] ?? 99)],
  ['timescale', 'Timescale', (a, b) => byDate(a.timescale?.due, b.timescale?.due)],
  ['next', 'Next deadline to come', (a, b) => byDate(nextDue(a), nextDue(b))],
  ['missed', 'Missed steps', (a, b) => missedCount(a) - missedCount(b)],
  ['processes', 'Parallel processes', (a, b) => a.active_parallel_processes - b.active_parallel_processes],
];

function progressBar(state) {
  const reached = PHASE_INDEX[state] ?? 0;
  const steps = PHASES.slice(0, -1).map(([key], i) => html`<span class="${i <= reached ? 'reached' : ''}" title="${phaseLabel(key)}"></span>`);
  return html`<div class="progress" role="img" aria-label="Phase ${reached + 1} of ${PHASES.length - 1}: ${phaseLabel(state)}">${steps}</div>`;
}

// The review's overall timescale: null when its type sets none; no due day until what it counts from happens.
function timescaleCell(review, today) {
  const timescale = review.timescale;
  const since = html`<span class="muted">referred ${formatDate(review.referral_date)}, day ${daysBetween(review.referral_date, today)}</span>`;
  if (!timescale) return html`${ended(review) ? phaseLabel(review.state) : 'No overall timescale for this type'}<br>${since}`;
  if (!timescale.due) return html`Not counting yet<br><span class="muted">${timescale.basis}</span><br>${since}`;
  const look = timescaleWords(timescale);
  return html`${badge(look.status, look.words)}<br>due ${formatDate(timescale.due)}
    <br><span class="muted">${timescale.basis}</span>`;
}

function nextCell(review) {
  const next = review.next_checkpoint;
  if (!next) return html`<span class="muted">Nothing dated to come</span>`;
  return html`${next.title}<br>due ${formatDate(next.due)}<br><span class="muted">owner: ${roleLabel(next.owner_role)}</span>`;
}

function missedCell(review) {
  if (!review.missed.length) return 'None';
  return html`<ul class="missed">${review.missed.map((step) => html`<li>${badge('overdue', 'missed')} ${step.title},
    due ${formatDate(step.due)}, ${lateWords(step.working_days_late)}<span class="muted"> (${roleLabel(step.owner_role)})</span></li>`)}</ul>`;
}

function row(review, today) {
  return html`<tr>
    <td><a href="/reviews/${review.id}">${review.title}</a><br><span class="muted">${review.workflow}</span></td>
    <td>${phaseLabel(review.state)}${progressBar(review.state)}</td>
    <td>${timescaleCell(review, today)}</td>
    <td>${nextCell(review)}</td>
    <td>${missedCell(review)}</td>
    <td>${review.active_parallel_processes}${review.publication_holds ? html` (${review.publication_holds} holding publication)` : ''}</td>
  </tr>`;
}

function readFilters() {
  const params = new URLSearchParams(location.search);
  const sort = COLUMNS.some(([key]) => key === params.get('sort')) ? params.get('sort') : '';
  return {
    phase: params.get('phase') || '', q: params.get('q') || '', overdue: params.get('overdue') === 'true',
    closed: params.get('closed') === 'true', sort, dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

function address(filters) {
  const query = new URLSearchParams();
  if (filters.phase) query.set('phase', filters.phase);
  if (filters.q) query.set('q', filters.q);
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.closed) query.set('closed', 'true');
  if (filters.sort) { query.set('sort', filters.sort); query.set('dir', filters.dir); }
  return `/${query.toString() ? `?${query}` : ''}`;
}

// The exports take the dashboard's filters under the API's names.
function exportQuery(filters) {
  const query = new URLSearchParams();
  if (filters.phase) query.set('state', filters.phase);
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.q) query.set('q', filters.q);
  if (filters.closed) query.set('closed', 'true');
  return query.toString() ? `?${query}` : '';
}

function headerCell([key, label], filters) {
  const sorted = filters.sort === key;
  const sortWord = sorted ? (filters.dir === 'asc' ? 'ascending' : 'descending') : null;
  return html`<th scope="col" ${sortWord ? html`aria-sort="${sortWord}"` : ''}>
    <button type="button" class="sort" data-sort="${key}">${label}<span aria-hidden="true">${sorted ? (filters.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span></button></th>`;
}

export async function showDashboard() {
  const filters = readFilters();
  const [reviews, today] = await Promise.all([everyPage('/reviews'), boardToday()]);
  const open = reviews.filter((r) => !ended(r));
  const words = filters.q.toLowerCase();
  const shown = (filters.closed ? reviews : open).filter((r) => (!filters.phase || r.state === filters.phase)
    && (!filters.overdue || missedCount(r) > 0) && (!words || r.title.toLowerCase().includes(words)));
  const column = COLUMNS.find(([key]) => key === filters.sort);
  shown.sort(column ? column[2] : byUrgency);
  if (column && filters.dir === 'desc') shown.reverse();
  const phaseOptions = [...PHASES, ['not_proceeding', 'Not proceeding']].map(([key, label]) => html`<option value="${key}" ${key === filters.phase ? 'selected' : ''}>${label}</option>`);
  const role = currentUser().role;
  const query = exportQuery(filters);
  render('Board dashboard', html`
    <h1>Board dashboard</h1>
    ${['admin', 'business_unit'].includes(role) ? html`<p><a class="button" href="/refer">Refer a case</a></p>` : ''}
    <p>${plural(open.length, 'open review')}, ${open.filter((r) => missedCount(r) > 0).length} with missed steps,
      ${open.filter((r) => ['at_risk', 'missed'].includes(r.timescale?.status)).length} with the timescale at risk or missed.
      ${column ? '' : 'Most urgent first: most missed steps, then the timescale at risk, then the nearest deadline.'}</p>
    <form class="filters" id="filters" role="search" aria-label="Filter the reviews">
      <div><label for="title-filter">Search titles</label>
        <input id="title-filter" name="q" type="search" value="${filters.q}" size="24"></div>
      <div><label for="phase-filter">Phase</label>
        <select id="phase-filter" name="phase"><option value="">All phases</option>${phaseOptions}</select></div>
      <div><label><input type="checkbox" id="overdue-filter" ${filters.overdue ? 'checked' : ''}> Only reviews with missed steps</label></div>
      <div><label><input type="checkbox" id="closed-filter" ${filters.closed ? 'checked' : ''}> Show closed and not proceeding reviews</label></div>
      <div><button type="submit" class="secondary">Apply filters</button></div>
    </form>
    <p class="exports"><a href="/api/v1/reports/reviews.csv${query}" download>Download these reviews as CSV</a> ·
      <a href="/api/v1/reports/reviews.xlsx${query}" download>Download these reviews as Excel</a></p>
    <div class="table-wrap"><table id="reviews">
      <caption>${filters.closed ? 'Reviews, with those closed or not proceeding' : 'Open reviews'}${column ? '' : ', most urgent first'}</caption>
      <thead><tr>${COLUMNS.map((c) => headerCell(c, filters))}</tr></thead>
      <tbody>${shown.length ? shown.map((review) => row(review, today)) : html`<tr><td colspan="6">No review matches the filters.</td></tr>`}</tbody>
    </table></div>
    ${timeline(shown, today)}`);
  document.getElementById('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    goTo(address({ ...filters, q: document.getElementById('title-filter').value.trim(),
      phase: document.getElementById('phase-filter').value, overdue: document.getElementById('overdue-filter').checked,
      closed: document.getElementById('closed-filter').checked }));
  });
  for (const button of document.querySelectorAll('#reviews button.sort')) {
    button.addEventListener('click', () => {
      const key = button.dataset.sort;
      const dir = filters.sort === key && filters.dir === 'asc' ? 'desc' : 'asc';
      focusAfterShowing(`#reviews button[data-sort="${key}"]`);  // the table is drawn anew; the focus stays
      goTo(address({ ...filters, sort: key, dir }));
    });
  }
}

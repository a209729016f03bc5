// The board dashboard: every open review, the most urgent first, with its phase, how long it has run
// against the statutory timescale, its next deadline and what is overdue or held; and a timeline chart.
import { get } from './api.js';
import { badge, daysBetween, dueWords, formatDate, html, PHASE_INDEX, PHASES, phaseLabel } from './format.js';
import { goTo, render } from './page.js';

// An SCR's report is due six months after the decision (Working Together 2015); a rapid review's local
// review likewise. The chart draws each review against six months from its referral.
const TIMESCALE_DAYS = 183;

async function allReviews() {
  const reviews = [];
  let cursor = '';
  do {
    const page = await get(`/reviews?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    reviews.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return reviews;
}

// Most overdue work first, then the nearest deadline; reviews with nothing dated last.
export function byUrgency(a, b) {
  if (a.overdue_checkpoints !== b.overdue_checkpoints) return b.overdue_checkpoints - a.overdue_checkpoints;
  if (a.next_due && b.next_due) return a.next_due.localeCompare(b.next_due);
  return a.next_due ? -1 : b.next_due ? 1 : a.id - b.id;
}

function progressBar(state) {
  const reached = PHASE_INDEX[state] ?? 0;
  const steps = PHASES.slice(0, -1).map(([key], i) => html`<span class="${i <= reached ? 'reached' : ''}" title="${phaseLabel(key)}"></span>`);
  return html`<div class="progress" role="img" aria-label="Phase ${reached + 1} of ${PHASES.length - 1}: ${phaseLabel(state)}">${steps}</div>`;
}

function timeline(reviews, today) {
  if (!reviews.length) return '';
  const rowHeight = 26, left = 190, width = 900, top = 24;
  const maxDays = Math.max(TIMESCALE_DAYS + 30, ...reviews.map((r) => daysBetween(r.referral_date, today) + 40));
  const x = (days) => left + (days / maxDays) * (width - left - 10);
  const height = top + rowHeight * reviews.length + 10;
  const rows = reviews.map((review, i) => {
    const days = Math.max(0, daysBetween(review.referral_date, today));
    const y = top + i * rowHeight;
    const late = days > TIMESCALE_DAYS;
    return html`<g>
      <text x="4" y="${y + 16}">${review.title.slice(0, 26)}</text>
      <rect x="${left}" y="${y + 4}" width="${Math.max(2, x(days) - left)}" height="16" fill="${late ? '#a4161a' : '#1d4f91'}">
        <title>${review.title}: day ${days} since referral, ${phaseLabel(review.state)}</title></rect>
      <text x="${x(days) + 4}" y="${y + 16}">${days} days</text></g>`;
  });
  return html`
    <h2 id="timeline-heading">Timeline against the six-month timescale</h2>
    <p class="hint">Each bar runs from the referral to today; red bars have passed six months. The dashed line is six months after referral.</p>
    <div class="timeline">
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="timeline-heading">
        <line x1="${x(TIMESCALE_DAYS)}" y1="10" x2="${x(TIMESCALE_DAYS)}" y2="${height}" stroke="#0b0c0c" stroke-dasharray="6 4"/>
        <text x="${x(TIMESCALE_DAYS) + 4}" y="14">6 months</text>
        ${rows}
      </svg>
    </div>`;
}

export async function showDashboard() {
  const [reviews, clock] = await Promise.all([allReviews(), get('/admin/clock').catch(() => ({ now: new Date().toISOString() }))]);
  const today = clock.now.slice(0, 10);
  const params = new URLSearchParams(location.search);
  const phase = params.get('phase') || '';
  const overdueOnly = params.get('overdue') === 'true';
  const open = reviews.filter((r) => r.state !== 'closed' && r.state !== 'not_proceeding');
  const shown = open.filter((r) => (!phase || r.state === phase) && (!overdueOnly || r.overdue_checkpoints > 0)).sort(byUrgency);
  const rows = shown.map((review) => html`
    <tr>
      <td><a href="/reviews/${review.id}">${review.title}</a><br><span class="muted">${review.workflow}</span></td>
      <td>${phaseLabel(review.state)}${progressBar(review.state)}</td>
      <td>Day ${daysBetween(review.referral_date, today)}<br><span class="muted">referred ${formatDate(review.referral_date)}</span></td>
      <td>${dueWords(review.next_due)}</td>
      <td>${review.overdue_checkpoints ? badge('overdue', `${review.overdue_checkpoints} overdue`) : 'None'}</td>
      <td>${review.active_parallel_processes}${review.publication_holds ? html` (${review.publication_holds} holding publication)` : ''}</td>
    </tr>`);
  const phaseOptions = PHASES.slice(0, -1).map(([key, label]) => html`<option value="${key}" ${key === phase ? 'selected' : ''}>${label}</option>`);
  render('Board dashboard', html`
    <h1>Board dashboard</h1>
    <p>${open.length} open review${open.length === 1 ? '' : 's'}, ${open.filter((r) => r.overdue_checkpoints > 0).length} with overdue work. Most urgent first.</p>
    <form class="filters" id="filters">
      <div><label for="phase-filter">Phase</label>
        <select id="phase-filter" name="phase"><option value="">All phases</option>${phaseOptions}</select></div>
      <div><label><input type="checkbox" id="overdue-filter" name="overdue" ${overdueOnly ? 'checked' : ''}> Only reviews with overdue work</label></div>
      <div><button type="submit" class="secondary">Apply filters</button></div>
    </form>
    <div class="table-wrap"><table id="reviews">
      <caption>Open reviews</caption>
      <thead><tr><th scope="col">Review</th><th scope="col">Phase</th><th scope="col">Since referral</th>
        <th scope="col">Next deadline</th><th scope="col">Overdue</th><th scope="col">Parallel processes</th></tr></thead>
      <tbody>${rows.length ? rows : html`<tr><td colspan="6">No review matches the filters.</td></tr>`}</tbody>
    </table></div>
    ${timeline(shown, today)}`);
  document.getElementById('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    const chosen = document.getElementById('phase-filter').value;
    if (chosen) query.set('phase', chosen);
    if (document.getElementById('overdue-filter').checked) query.set('overdue', 'true');
    goTo(`/${query.toString() ? `?${query}` : ''}`);
  });
}

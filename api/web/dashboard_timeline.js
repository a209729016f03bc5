// The dashboard's timeline: each review drawn against its own overall timescale, from the day it counts
// from (`timescale.from`: the decision, for most types) to its due day, with today marked. A review whose
// timescale is not counting yet (no decision), or whose type sets none, is drawn from its referral to
// today, with no due day.
import { daysBetween, formatDate, html, phaseLabel, timescaleWords } from './format.js';

const COLOURS = { overdue: '#a4161a', due_soon: '#8a4b00', done: '#00703c', pending: '#1d4f91', closed: '#505a5f' };

function span(review, today) {
  const timescale = review.timescale?.due ? review.timescale : null;
  const start = timescale?.from || review.referral_date;
  const due = timescale?.due || null;
  const ended = review.state === 'closed' || review.state === 'not_proceeding';
  const look = timescaleWords(timescale);
  const colour = look ? COLOURS[look.status] : ended ? COLOURS.closed : COLOURS.pending;
  const words = look ? `${look.words}, due ${formatDate(due)}` : ended ? phaseLabel(review.state) : 'no timescale yet';
  return { start, due, end: due && ended ? due : today, colour, words };
}

export function timeline(reviews, today) {
  if (!reviews.length) return '';
  const spans = reviews.map((review) => span(review, today));
  const first = spans.map((s) => s.start).sort()[0];
  const last = [today, ...spans.map((s) => s.due).filter(Boolean)].sort().at(-1);
  const rowHeight = 26, left = 200, right = 250, width = 1000, top = 26;
  const days = Math.max(30, daysBetween(first, last) + 14);
  const x = (iso) => left + (Math.max(0, daysBetween(first, iso)) / days) * (width - left - right);
  const height = top + rowHeight * reviews.length + 10;
  const rows = reviews.map((review, i) => {
    const s = spans[i];
    const y = top + i * rowHeight;
    const window = s.due ? html`<rect x="${x(s.start)}" y="${y + 3}" width="${Math.max(2, x(s.due) - x(s.start))}" height="18"
      fill="none" stroke="#0b0c0c" stroke-dasharray="3 2"/>` : '';
    const end = s.due && s.end > s.due && s.colour !== COLOURS.overdue ? s.due : s.end;
    return html`<g>
      <text x="4" y="${y + 17}">${review.title.slice(0, 28)}</text>
      ${window}
      <rect x="${x(s.start)}" y="${y + 6}" width="${Math.max(2, x(end) - x(s.start))}" height="12" fill="${s.colour}">
        <title>${review.title}: from ${formatDate(s.start)}; ${s.words}</title></rect>
      <text x="${width - right + 8}" y="${y + 17}">${s.words}</text></g>`;
  });
  return html`
    <h2 id="timeline-heading">Timeline against each review's own timescale</h2>
    <p class="hint">Each dashed box runs from what the review's timescale counts from (the decision, for most
      types; the referral while there is none) to the day it is due; the bar shows how far it has run. Blue is
      on track, brown at risk, red missed, green met. The vertical line is today, ${formatDate(today)}.</p>
    <div class="timeline">
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="timeline-heading">
        <line x1="${x(today)}" y1="8" x2="${x(today)}" y2="${height}" stroke="#0b0c0c" stroke-dasharray="6 4"/>
        <text x="${x(today) + 4}" y="16">today</text>
        ${rows}
      </svg>
    </div>`;
}

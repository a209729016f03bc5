// The demo clock bar (a simulated clock only): shows the demo's date; an admin moves it forward after a
// confirmation that says to what date, then sees a summary of what fired ("3 reminders, 2 overdue,
// 1 escalation to the chair").
import { ApiError, get, post } from './api.js';
import { formatDate, formatInstant, html, plural } from './format.js';
import { announce, confirmChange, showError } from './page.js';
import { everyPage } from './chair_queue.js';

const KIND_COUNT = {
  reminder: (n) => plural(n, 'reminder'), overdue: (n) => `${n} overdue`,
  escalation: (n) => `${plural(n, 'escalation')} to the chair`, deadline_extended: (n) => `${plural(n, 'deadline')} moved`,
  timescale_at_risk: (n) => `${plural(n, 'timescale')} at risk`, timescale_missed: (n) => `${plural(n, 'timescale')} missed`,
};

const addDays = (iso, days) => {
  const date = new Date(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString();
};

// Counts by kind from the answer's summary when it has one ({"counts": {...}}, {"by_kind": {...}} or the
// counts themselves); otherwise from the alerts that fired after the old time.
async function firedCounts(moved, before) {
  const summary = moved.summary;
  if (summary && typeof summary === 'object') {
    const counts = summary.counts || summary.by_kind || summary;
    const numbers = Object.entries(counts).filter(([, n]) => typeof n === 'number' && n > 0);
    const first = summary.first || summary.items || summary.first_items || [];
    return { counts: Object.fromEntries(numbers), first: Array.isArray(first) ? first : [] };
  }
  const alerts = await everyPage('/alerts').catch(() => []);
  const counts = {};
  for (const alert of alerts.filter((a) => a.fired_at && a.fired_at > before)) counts[alert.kind] = (counts[alert.kind] || 0) + 1;
  return { counts, first: [] };
}

function summaryWords({ counts }) {
  const parts = Object.entries(counts).map(([kind, n]) => (KIND_COUNT[kind] ? KIND_COUNT[kind](n) : `${n} ${kind.replace(/_/g, ' ')}`));
  return parts.length ? parts.join(', ') : 'nothing fired';
}

const firstItemWords = (item) => (typeof item === 'string' ? item
  : [item.kind && item.kind.replace(/_/g, ' '), item.subject_title || item.title || item.checkpoint, item.review_title].filter(Boolean).join(': '));

export async function showClockBar(me, onMoved) {
  const bar = document.getElementById('clock-bar');
  if (!me.simulated_clock) return;
  const clock = await get('/admin/clock');
  bar.hidden = false;
  bar.innerHTML = String(html`
    <span>Demo clock: <strong id="clock-now">${formatInstant(clock.now)}</strong></span>
    ${me.role === 'admin' ? html`
      <form id="clock-form" class="inline-form">
        <label for="clock-days">Move forward by</label>
        <input id="clock-days" type="number" min="1" max="365" value="1" size="4"> <span>days</span>
        <button type="submit" class="secondary">Move the clock</button>
      </form>` : ''}
    <div id="clock-summary" class="clock-summary" tabindex="-1" hidden></div>`);
  let now = clock.now;
  document.getElementById('clock-form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const days = Number(document.getElementById('clock-days').value);
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      showError(new ApiError(400, { detail: 'Give a whole number of days from 1 to 365.' }), bar);
      return;
    }
    const to = addDays(now, days);
    const yes = await confirmChange({
      title: 'Move the demo clock?',
      body: html`<p>The demo clock moves forward ${plural(days, 'day')}, from ${formatDate(now.slice(0, 10))} to
        <strong>${formatDate(to.slice(0, 10))}</strong>. Every reminder, overdue alert and escalation due by then fires,
        and emails go out. Simulated time never goes back.</p>`,
      confirm: `Move to ${formatDate(to.slice(0, 10))}`,
    });
    if (!yes) return;
    try {
      const before = now;
      const moved = await post('/admin/clock/advance', { days });
      now = moved.now;
      const fired = await firedCounts(moved, before);
      const words = `The clock moved forward ${plural(days, 'day')} to ${formatDate(moved.now.slice(0, 10))}: ${summaryWords(fired)}.`;
      const box = document.getElementById('clock-summary');
      box.innerHTML = String(html`<p>${words}</p>${fired.first.length ? html`<ul>${fired.first.slice(0, 5).map((item) => html`<li>${firstItemWords(item)}</li>`)}</ul>` : ''}`);
      box.hidden = false;
      await onMoved();
      // The new time shows with its summary, once the page has been drawn anew.
      document.getElementById('clock-now').textContent = formatInstant(moved.now);
      announce(words);
      box.focus();
    } catch (error) {
      showError(error, bar);
    }
  });
}

// The demo clock bar (a simulated clock only): shows the demo's date; an admin moves it forward after a
// confirmation that says to what date, then sees the service's summary of what fired ("Moved to Mon 14 Dec
// 2026: 3 reminders, 2 overdue, 1 escalation to the chair") and the first alerts it fired.
import { ApiError, get, post } from './api.js';
import { formatDate, formatInstant, html, plural } from './format.js';
import { announce, confirmChange, showError } from './page.js';
import { KIND_WORDS } from './chair_queue.js';

const addDays = (iso, days) => {
  const date = new Date(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString();
};

// One alert the move fired: "Overdue: Terms of reference agreed, Child R (2026/09)".
const firedWords = (alert) => `${KIND_WORDS[alert.kind] || alert.kind.replace(/_/g, ' ')}: ${alert.subject_title}, ${alert.review_title}`;

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
      const moved = await post('/admin/clock/advance', { days });
      now = moved.now;
      const { fired } = moved;
      const words = `The clock moved forward ${plural(days, 'day')}. ${fired.summary}.`;
      // The page is drawn anew for the new time; then the new time shows with its summary.
      await onMoved();
      document.getElementById('clock-now').textContent = formatInstant(moved.now);
      const box = document.getElementById('clock-summary');
      box.innerHTML = String(html`<p>${words}</p>${fired.first.length ? html`<p>The first to fire:</p>
        <ul>${fired.first.map((alert) => html`<li>${firedWords(alert)}</li>`)}</ul>` : ''}`);
      box.hidden = false;
      announce(words);
      box.focus();
    } catch (error) {
      showError(error, bar);
    }
  });
}

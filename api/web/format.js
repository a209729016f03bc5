// Words and dates as people read them: "Tue 3 Dec 2026 (in 4 working days)"; HTML built safely.
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const PHASES = [
  ['decision_pending', 'Decision pending'], ['setting_up', 'Setting up'], ['commissioning', 'Commissioning'],
  ['review_running', 'Review under way'], ['report_qa', 'Report quality assurance'], ['board_response', 'Board response'],
  ['publication_pending', 'Awaiting publication'], ['implementation', 'Implementation'], ['closed', 'Closed'],
];
export const PHASE_INDEX = Object.fromEntries(PHASES.map(([key], i) => [key, i]));
export const phaseLabel = (key) => (key === 'not_proceeding' ? 'Not proceeding' : (PHASES.find(([k]) => k === key) || [key, key])[1]);

// The events a review can take from each phase, in the order a business unit meets them.
export const EVENTS = {
  decision_pending: ['decide_to_review', 'decide_not_to_review'],
  setting_up: ['commission'],
  commissioning: ['start_review'],
  review_running: ['submit_report'],
  report_qa: ['sign_off_report', 'return_for_revision'],
  board_response: ['agree_response'],
  publication_pending: ['publish'],
  implementation: ['close'],
};
export const eventLabel = (event) => event.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// A tagged template that escapes every value, except what html`` itself made (and lists of those).
class Safe {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}
const piece = (value) => (value instanceof Safe ? value.text : Array.isArray(value) ? value.map(piece).join('') : escapeHtml(value));
export function html(strings, ...values) {
  return new Safe(strings.reduce((out, string, i) => out + piece(values[i - 1]) + string));
}

export function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${DAYS[date.getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

export function workingDaysWords(left) {
  if (left === undefined || left === null) return '';
  if (left === 0) return 'due today';
  if (left > 0) return `in ${left} working day${left === 1 ? '' : 's'}`;
  return `${-left} working day${left === -1 ? '' : 's'} overdue`;
}

// "Tue 3 Dec 2026 (in 4 working days)"
export function dueWords(due, left) {
  if (!due) return 'no date yet';
  const words = workingDaysWords(left);
  return words ? `${formatDate(due)} (${words})` : formatDate(due);
}

export function formatInstant(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  const day = date.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  return `${formatDate(day)}, ${time}`;
}

export function daysBetween(fromIso, toIso) {
  const a = Date.parse(fromIso.slice(0, 10));
  const b = Date.parse(toIso.slice(0, 10));
  return Math.round((b - a) / 86400000);
}

export const statusWords = {
  pending: 'Pending', due_soon: 'Due soon', overdue: 'Overdue', done: 'Done', waived: 'Waived',
};
export const badge = (status, words) => html`<span class="badge ${status}">${words || statusWords[status] || status}</span>`;

// ---- Deadlines in words, for the dashboard, the work lists and the chair's queue ----
export const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
export const roleLabel = (role) => String(role || '').replace(/_/g, ' ');
export const ROLES = ['business_unit', 'chair', 'lead_reviewer', 'agency', 'admin'];

// A review's overall timescale (`timescale` on a review), as a badge class and words:
// "on track", "at risk", "missed by 4 working days", "met".
export function timescaleWords(timescale) {
  if (!timescale) return null;
  const late = timescale.working_days_left < 0 ? -timescale.working_days_left : 0;
  switch (timescale.status) {
    case 'met': return { status: 'done', words: 'met' };
    case 'missed': return { status: 'overdue', words: late ? `missed by ${plural(late, 'working day')}` : 'missed' };
    case 'at_risk': return { status: 'due_soon', words: 'at risk' };
    default: return { status: 'pending', words: 'on track' };
  }
}

// A missed step: "Terms of reference agreed, due Mon 2 Mar 2026, 4 working days late (business unit)".
export const lateWords = (days) => (days > 0 ? `${plural(days, 'working day')} late` : 'late');

// Monday to Sunday of the week `today` falls in (ISO dates).
export function weekEnd(today) {
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(date.getUTCDate() + ((7 - date.getUTCDay()) % 7));
  return date.toISOString().slice(0, 10);
}

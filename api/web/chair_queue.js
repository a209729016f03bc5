// The chair's alerts as a work queue: grouped by review, one line per step at its highest alert level
// (reminder < overdue < escalation), each line holding every open alert of that step so that acknowledging
// the line acknowledges them all. A "deadline moved" alert keeps its own line with its reason and dates;
// a timescale alert (at risk, missed) leads its review's group.
import { get } from './api.js';

export const KIND_WORDS = {
  reminder: 'Reminder', overdue: 'Overdue', escalation: 'Escalation', deadline_extended: 'Deadline moved',
  timescale_at_risk: 'Timescale at risk', timescale_missed: 'Timescale missed',
};
const RANK = { reminder: 1, overdue: 2, escalation: 3 };
const TIMESCALE = new Set(['timescale_at_risk', 'timescale_missed']);

// Every page of a list (`items`, `next_cursor`).
export async function everyPage(path) {
  const items = [];
  let cursor = '';
  do {
    const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// What an alert is about: "checkpoint:terms_of_reference_agreed", "action:12", or the review itself.
export function subjectKey(alert) {
  if (alert.checkpoint) return `checkpoint:${alert.checkpoint}`;
  for (const kind of ['action', 'follow_up', 'information_request']) if (alert[kind]) return `${kind}:${alert[kind]}`;
  return 'review';
}

function fallbackSubject(alert) {
  if (alert.checkpoint) return alert.checkpoint.replace(/_/g, ' ');
  if (alert.action) return `improvement action ${alert.action}`;
  if (alert.follow_up) return `follow-up check ${alert.follow_up}`;
  if (alert.information_request) return `information request ${alert.information_request}`;
  return 'the review';
}

// The facts a line shows that older alerts do not carry: the review's title, the step's title, and for a
// moved deadline its reason and dates (from the review's delay register).
async function reviewFacts(alerts) {
  const needed = [...new Set(alerts.filter((a) => !a.review_title || !a.subject_title
    || (a.kind === 'deadline_extended' && !a.reason)).map((a) => a.review))];
  const reviews = await Promise.all(needed.map((id) => get(`/reviews/${id}`).catch(() => null)));
  return new Map(reviews.filter(Boolean).map((review) => [review.id, review]));
}

function describe(alert, review) {
  const checkpoint = review?.checkpoints?.find((c) => c.key === alert.checkpoint);
  const described = {
    ...alert,
    review_title: alert.review_title || review?.title || `Review ${alert.review}`,
    subject_title: alert.subject_title || checkpoint?.title || fallbackSubject(alert),
  };
  if (alert.kind === 'deadline_extended' && !alert.reason) {
    const delay = (review?.delays || []).filter((d) => d.checkpoint === alert.checkpoint && (!alert.due || d.new_due === alert.due)).at(-1);
    if (delay) Object.assign(described, { reason: delay.reason, previous_due: delay.previous_due, new_due: delay.new_due });
  }
  return described;
}

// [{review, title, lines: [{kind, level, subject_title, due, ids, alerts, reason, previous_due, new_due}]}]
export async function chairQueue() {
  const alerts = await everyPage('/alerts?status=open&role=chair');
  const facts = await reviewFacts(alerts);
  const groups = new Map();
  for (const alert of alerts.map((a) => describe(a, facts.get(a.review)))) {
    if (!groups.has(alert.review)) groups.set(alert.review, { review: alert.review, title: alert.review_title, lines: new Map() });
    const lines = groups.get(alert.review).lines;
    const merges = RANK[alert.kind] !== undefined;
    const key = merges ? `step|${subjectKey(alert)}` : `alert|${alert.id}`;
    const line = lines.get(key);
    if (!line) {
      lines.set(key, { ...alert, ids: [alert.id], alerts: [alert] });
    } else {
      line.ids.push(alert.id);
      line.alerts.push(alert);
      const higher = RANK[alert.kind] > RANK[line.kind] || (alert.kind === line.kind && alert.level > line.level);
      if (higher) Object.assign(line, { kind: alert.kind, level: alert.level, due: alert.due, fired_at: alert.fired_at });
    }
  }
  const order = (line) => (TIMESCALE.has(line.kind) ? 0 : line.kind === 'escalation' ? 1 : line.kind === 'overdue' ? 2
    : line.kind === 'deadline_extended' ? 3 : 4);
  return [...groups.values()].map((group) => ({
    ...group,
    lines: [...group.lines.values()].sort((a, b) => order(a) - order(b) || String(a.due).localeCompare(String(b.due))),
  })).sort((a, b) => order(a.lines[0]) - order(b.lines[0]) || a.title.localeCompare(b.title));
}

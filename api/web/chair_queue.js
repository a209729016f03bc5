// The chair's alerts as a work queue: grouped by review, one line per step at its highest alert level
// (reminder < overdue < escalation), each line holding every open alert of that step so that acknowledging
// the line acknowledges them all. A "deadline moved" alert keeps its own line with its reason and dates;
// a timescale alert (missed, then at risk) leads its review's group.
import { everyPage } from './page.js';

export const KIND_WORDS = {
  reminder: 'Reminder', overdue: 'Overdue', escalation: 'Escalation', deadline_extended: 'Deadline moved',
  timescale_at_risk: 'Timescale at risk', timescale_missed: 'Timescale missed',
};
const RANK = { reminder: 1, overdue: 2, escalation: 3 };
// The order of a group's lines: the timescale first, then the most pressing.
const ORDER = ['timescale_missed', 'timescale_at_risk', 'escalation', 'overdue', 'deadline_extended', 'reminder'];

// What an alert is about: "checkpoint:terms_of_reference_agreed", "action:12", or the review itself.
function subjectKey(alert) {
  if (alert.checkpoint) return `checkpoint:${alert.checkpoint}`;
  for (const kind of ['action', 'follow_up', 'information_request']) if (alert[kind]) return `${kind}:${alert[kind]}`;
  return 'review';
}

// [{review, title, lines: [{kind, level, subject_title, due, ids, alerts, reason, previous_due, new_due}]}]
export async function chairQueue() {
  const alerts = await everyPage('/alerts?status=open&role=chair');
  const groups = new Map();
  for (const alert of alerts) {
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
  const order = (line) => (ORDER.includes(line.kind) ? ORDER.indexOf(line.kind) : ORDER.length);
  return [...groups.values()].map((group) => ({
    ...group,
    lines: [...group.lines.values()].sort((a, b) => order(a) - order(b) || String(a.due).localeCompare(String(b.due))),
  })).sort((a, b) => order(a.lines[0]) - order(b.lines[0]) || a.title.localeCompare(b.title));
}

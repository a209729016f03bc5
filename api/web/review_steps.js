// The review's next steps: each event the review can take from its phase, with what it needs (a decision's
// rationale, the outcome of a decision not to review, whether a summary is published) and, when a step is
// blocked, why. Events are recorded by admin, the business unit and the chair (the business unit records
// the chair's decisions).
import { post } from './api.js';
import { dueWords, eventLabel, EVENTS, formatDate, html } from './format.js';
import { formHtml, wireForm } from './forms.js';

export const EVENT_RECORDERS = ['admin', 'business_unit', 'chair'];
// Events whose reason the service requires, or the lifecycle asks for (CONTRACT: the lifecycle).
const REASON_NEEDED = ['decide_to_review', 'decide_not_to_review', 'return_for_revision', 'reconsider', 'reopen_report',
  'decide_not_to_publish', 'pause'];
const OUTCOMES = [
  ['no_review', 'No review: the case does not meet the criteria'],
  ['national_review', 'A national review takes the case'],
  ['other_process', 'Another process covers it (for example a DHR or an inquest)'],
];

const words = (text) => String(text || '').replace(/_/g, ' ');

// One typed blocker of `next_events` in words, e.g. "Held until 2027-03-02 (7 working days after ...)".
export function blockerWords(blocker, review) {
  switch (blocker.kind) {
    case 'checkpoint': {
      const c = review.checkpoints.find((k) => k.key === blocker.key) || {};
      return html`Checkpoint <a href="#checkpoint-${blocker.key}">${blocker.title}</a>, ${c.status === 'overdue' ? 'overdue since' : 'due'} ${dueWords(blocker.due, c.working_days_left)}`;
    }
    case 'hold': {
      const process = review.parallel_processes.find((p) => p.id === blocker.parallel_process) || {};
      const held = blocker.checkpoint ? html`the step "${blocker.title}"` : words(blocker.holds);
      return html`The ${words(blocker.process_kind)} (${process.owner || 'owner not recorded'}) is holding ${held}`;
    }
    case 'not_before':
      return blocker.date ? html`Held until ${formatDate(blocker.date)} (${blocker.rule})` : html`Not yet: ${blocker.rule}`;
    case 'paused': return html`The review is paused: ${blocker.reason}`;
    case 'action': return html`Improvement action ${blocker.id} is still open`;
    case 'follow_up': return html`A follow-up check (due ${formatDate(blocker.due)}) is pending`;
    default: return html`${words(blocker.kind)}`;
  }
}

// What blocks `event` now, in words, as the review's next_events say.
function blockersOf(event, review) {
  const next = (review.next_events || []).find((e) => e.event === event);
  return next ? next.blocked_by.map((b) => html`<li>${blockerWords(b, review)}</li>`) : [];
}

function fieldsOf(event) {
  const needed = REASON_NEEDED.includes(event);
  const fields = [];
  if (event === 'decide_not_to_review') {
    fields.push({ name: 'outcome', label: 'Outcome of the decision', type: 'radios', required: true, value: 'no_review',
      options: OUTCOMES, missing: 'choose the outcome' });
  }
  fields.push({ name: 'reason', label: 'Reason or decision note', type: 'textarea', required: needed,
    missing: 'enter the rationale: the service keeps it in the review\'s history',
    hint: needed ? 'The rationale is required: it is kept in the review\'s history and shown to the national panel if asked.' : '' });
  if (event === 'decide_not_to_publish') {
    fields.push({ name: 'summary_published', label: 'A summary of the report is published instead', type: 'checkbox' });
  }
  return fields;
}

const prefixOf = (event) => `event-${event}`;

// Every event of the review's phase (pause or resume included), as the service lists them.
function eventsOf(review) {
  const listed = review.next_events ? review.next_events.map((e) => e.event) : EVENTS[review.state] || [];
  return [...new Set([...listed, ...review.allowed_events])];
}

export function nextSteps({ review, role }) {
  const events = eventsOf(review);
  if (!events.length) return html`<p>This review has ended; nothing more happens to it.</p>`;
  const mayRecord = EVENT_RECORDERS.includes(role);
  const paused = review.paused
    ? html`<p class="paused" role="status"><strong>Paused since ${formatDate(review.paused.since.slice(0, 10))}: ${review.paused.reason}</strong>. Its deadlines wait and nothing is chased until it resumes.</p>`
    : '';
  const steps = events.map((event) => {
    const allowed = review.allowed_events.includes(event);
    const reasons = allowed ? [] : blockersOf(event, review);
    const why = html`<div class="why" id="why-${event}">${allowed ? (mayRecord ? '' : html`<p class="muted">Recorded by the business unit or the chair.</p>`)
      : html`<p><strong>Blocked:</strong> this cannot happen yet because:</p><ul>${reasons.length ? reasons : html`<li>the review is not ready for it</li>`}</ul>`}</div>`;
    const form = allowed && mayRecord
      ? formHtml({ prefix: prefixOf(event), heading: eventLabel(event), fields: fieldsOf(event), submit: eventLabel(event), cancel: false, describedBy: `why-${event}` })
      : html`<h3>${eventLabel(event)}</h3><p><button type="button" disabled aria-describedby="why-${event}">${eventLabel(event)}</button></p>`;
    return html`<div class="step" id="step-${event}">${form}${why}</div>`;
  });
  return html`${paused}<div class="steps">${steps}</div>`;
}

export function wireSteps({ id, review, refresh }) {
  for (const event of eventsOf(review)) {
    const form = document.getElementById(`${prefixOf(event)}-form`);
    if (!form) continue;
    wireForm(form, {
      prefix: prefixOf(event),
      fields: fieldsOf(event),
      onSubmit: async (values) => {
        const body = { event, reason: values.reason };
        if (event === 'decide_not_to_review') body.data = { outcome: values.outcome };
        if (event === 'decide_not_to_publish') body.data = { summary_published: values.summary_published };
        await post(`/reviews/${id}/events`, body);
        await refresh({ focus: 'next-steps', message: `${eventLabel(event)}: recorded${values.reason ? ' with its rationale' : ''}.` });
      },
    });
  }
}

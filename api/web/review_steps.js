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

// What blocks `event` now, in words: open checkpoints that block it, holds, open actions.
function blockersOf(event, review, actions) {
  const reasons = review.checkpoints
    .filter((c) => (c.status !== 'done' && c.status !== 'waived') && (c.blocks || []).includes(event))
    .map((c) => html`<li>Checkpoint <a href="#checkpoint-${c.key}">${c.title}</a>, ${c.status === 'overdue' ? 'overdue since' : 'due'} ${dueWords(c.due, c.working_days_left)}</li>`);
  if (event === 'publish') {
    for (const process of review.parallel_processes) {
      if (process.status === 'active' && process.holds_publication) {
        reasons.push(html`<li>The ${process.kind.replace(/_/g, ' ')} (${process.owner || 'owner not recorded'}) is holding publication</li>`);
      }
    }
  }
  if (event === 'close') {
    for (const action of actions) {
      if (action.status === 'not_started' || action.status === 'in_progress') reasons.push(html`<li>Improvement action "${action.title}" is still open</li>`);
      for (const follow of action.follow_ups) {
        if (follow.status === 'pending') reasons.push(html`<li>The ${follow.after_completion} follow-up of "${action.title}" is pending (due ${formatDate(follow.due)})</li>`);
      }
    }
  }
  return reasons;
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

// The events of the phase, then any other the review allows now (pause, resume, reopen the report ...).
function eventsOf(review) {
  const listed = review.next_events ? review.next_events.map((e) => e.event) : EVENTS[review.state] || [];
  return [...new Set([...listed, ...review.allowed_events])];
}

export function nextSteps({ review, actions, role }) {
  const events = eventsOf(review);
  if (!events.length) return html`<p>This review has ended; nothing more happens to it.</p>`;
  const mayRecord = EVENT_RECORDERS.includes(role);
  const steps = events.map((event) => {
    const allowed = review.allowed_events.includes(event);
    const reasons = allowed ? [] : blockersOf(event, review, actions.items);
    const why = html`<div class="why" id="why-${event}">${allowed ? (mayRecord ? '' : html`<p class="muted">Recorded by the business unit or the chair.</p>`)
      : html`<p><strong>Blocked:</strong> this cannot happen yet because:</p><ul>${reasons.length ? reasons : html`<li>the review is not ready for it</li>`}</ul>`}</div>`;
    const form = allowed && mayRecord
      ? formHtml({ prefix: prefixOf(event), heading: eventLabel(event), fields: fieldsOf(event), submit: eventLabel(event), cancel: false, describedBy: `why-${event}` })
      : html`<h3>${eventLabel(event)}</h3><p><button type="button" disabled aria-describedby="why-${event}">${eventLabel(event)}</button></p>`;
    return html`<div class="step" id="step-${event}">${form}${why}</div>`;
  });
  return html`<div class="steps">${steps}</div>`;
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

// The review's checkpoints by Quality Marker, each with Complete, Extend and Waive for the roles the service
// lets do them: its owner role, or admin and the business unit on its behalf (the chair may also waive).
// Each form opens under its row, shows the current due date and how late it is, and says before sending
// what the service requires (a late completion needs a note; a new due date is a working day).
import { post } from './api.js';
import { badge, dueWords, formatDate, html } from './format.js';
import { isWeekend, openUnderRow } from './forms.js';

const COMPLETERS = ['admin', 'business_unit', 'chair', 'lead_reviewer'];
const ON_BEHALF = ['admin', 'business_unit'];

export function mayClose(role, checkpoint) {
  const own = COMPLETERS.includes(role) && (role === checkpoint.owner_role || ON_BEHALF.includes(role));
  return { complete: own, extend: own && Boolean(checkpoint.due), waive: own || role === 'chair' };
}

const isOpen = (c) => c.status !== 'done' && c.status !== 'waived';
const lateBy = (c) => (isOpen(c) && c.working_days_left < 0 ? -c.working_days_left : 0);

// "Done", "Done, 3 working days late", "Waived".
export function closedWords(c) {
  if (c.status === 'done' && c.late_by_working_days > 0) {
    return `Done, ${c.late_by_working_days} working day${c.late_by_working_days === 1 ? '' : 's'} late`;
  }
  return null;
}

function row(c, role) {
  const may = mayClose(role, c);
  const privacy = c.key === 'privacy_check_passed';
  const action = c.key.startsWith('action/');  // an action's deadline moves with the action itself
  const label = (verb) => html`aria-label="${verb}: ${c.title}"`;
  const buttons = action ? html`<a href="#actions-heading">See the action</a>` : !isOpen(c) ? '' : html`
    ${may.complete ? (privacy ? html`<a href="#privacy-check">Run the privacy check</a>`
      : html`<button type="button" data-complete="${c.key}" ${label('Complete')}>Complete</button>`) : ''}
    ${may.extend ? html`<button type="button" class="secondary" data-extend="${c.key}" ${label('Extend')}>Extend</button>` : ''}
    ${may.waive ? html`<button type="button" class="secondary" data-waive="${c.key}" ${label('Waive')}>Waive</button>` : ''}`;
  return html`<tr id="checkpoint-${c.key}">
    <td>${c.title}<br><span class="muted">${c.due_rule}; ${c.owner_role.replace(/_/g, ' ')}</span></td>
    <td>${isOpen(c) ? dueWords(c.due, c.working_days_left) : formatDate(c.due)}</td>
    <td>${badge(c.status, closedWords(c))}${c.closed_by ? html`<br><span class="muted">${c.closed_by}</span>` : ''}${c.note ? html`<br>${c.note}` : ''}</td>
    <td class="row-actions">${buttons}</td></tr>`;
}

export function checkpointsByMarker({ review, workflow, role }) {
  const groups = new Map();
  for (const checkpoint of review.checkpoints) {
    if (!groups.has(checkpoint.marker)) groups.set(checkpoint.marker, []);
    groups.get(checkpoint.marker).push(checkpoint);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([marker, checkpoints]) => {
    const name = ((workflow.markers || []).find((m) => m.number === marker) || {}).name || '';
    return html`<div class="table-wrap"><table>
      <caption>Quality Marker ${marker}${name ? `: ${name}` : ''}</caption>
      <thead><tr><th scope="col">Checkpoint</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${checkpoints.map((c) => row(c, role))}</tbody></table></div>`;
  });
}

function dueNow(c) {
  const late = lateBy(c);
  return html`<p class="due-now">Due now: <strong>${dueWords(c.due, c.working_days_left)}</strong>${late
    ? html` <span class="badge overdue">${late} working day${late === 1 ? '' : 's'} late</span>` : ''}</p>`;
}

function formFor(kind, c) {
  const late = lateBy(c);
  if (kind === 'complete') {
    return {
      heading: `Complete: ${c.title}`,
      intro: html`${dueNow(c)}${late ? html`<p class="notice">This step is late: the service records a late completion only with a note saying why it was late.</p>` : ''}`,
      fields: [
        { name: 'note', label: 'Note (what was done)', type: 'textarea', required: late > 0,
          hint: late ? 'Required because the step is late: say what was done and why it was late.' : 'Optional: what was done.',
          missing: 'enter a note saying why the step was late', about: /note|late/ },
        { name: 'evidence', label: 'Evidence (optional)', hint: 'Where the evidence is kept, e.g. a document reference.' },
      ],
      submit: 'Complete',
      body: (v) => ({ note: v.note, evidence: v.evidence }),
      done: 'completed',
    };
  }
  if (kind === 'extend') {
    return {
      heading: `Extend: ${c.title}`,
      intro: dueNow(c),
      fields: [
        { name: 'due', label: 'New due date', type: 'date', required: true, missing: 'enter the new due date',
          hint: 'A working day of the board (not a weekend or a bank holiday), later than the current due date.',
          about: /due date|working day|later than/,
          check: (v) => (isWeekend(v) ? `${formatDate(v)} is a weekend day; pick a working day` : c.due && v <= c.due ? `pick a date later than ${formatDate(c.due)}` : null) },
        { name: 'reason', label: 'Reason for the delay', type: 'textarea', required: true, missing: 'enter the reason for the delay',
          hint: 'Required: it goes in the delay register (QM8).' },
      ],
      submit: 'Move the due date',
      body: (v) => ({ due: v.due, reason: v.reason }),
      done: 'due date moved',
    };
  }
  return {
    heading: `Waive: ${c.title}`,
    intro: dueNow(c),
    fields: [{ name: 'reason', label: 'Reason for waiving it', type: 'textarea', required: true,
      missing: 'enter the reason for waiving it', hint: 'Required: it is kept in the review\'s history.' }],
    submit: 'Waive',
    body: (v) => ({ reason: v.reason }),
    done: 'waived',
  };
}

export function wireCheckpoints({ id, review, refresh }) {
  for (const button of document.querySelectorAll('[data-complete], [data-extend], [data-waive]')) {
    const kind = button.dataset.complete ? 'complete' : button.dataset.extend ? 'extend' : 'waive';
    const key = button.dataset[kind];
    const c = review.checkpoints.find((one) => one.key === key);
    button.addEventListener('click', () => {
      const spec = formFor(kind, c);
      openUnderRow(button.closest('tr'), button, {
        ...spec,
        prefix: `cp-${kind}`,
        onSubmit: async (values) => {
          await post(`/reviews/${id}/checkpoints/${key}/${kind}`, spec.body(values));
          await refresh({ focus: `checkpoint-${key}`, message: `${c.title}: ${spec.done}.` });
        },
      });
    });
  }
}

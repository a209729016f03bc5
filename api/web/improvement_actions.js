// The review's improvement actions: agreed (title, finding, owner agency, priority, due) by admin, the
// business unit and the chair; progress, status (with its reason), due date and evidence of impact updated
// by them or by the owner agency's own users (an agency user sees and updates only its own agency's); and
// each follow-up check completed or waived.
import { patch, post } from './api.js';
import { badge, formatDate, formatInstant, html } from './format.js';
import { choices, given, openUnderRow } from './forms.js';
import { registerTable, wireRegister } from './review_registers.js';

export const PLANNERS = ['admin', 'business_unit', 'chair'];
const UPDATERS = [...PLANNERS, 'agency'];
const NEXT = {
  not_started: ['in_progress', 'completed', 'not_achieved', 'dropped'],
  in_progress: ['completed', 'not_achieved', 'dropped'],
  completed: ['evidenced'],
};
const words = (key) => String(key || '').replace(/_/g, ' ');
const mayUpdate = (role, me, a) => UPDATERS.includes(role) && (role !== 'agency' || me.agency === a.owner_agency);

function actionCell(a) {
  const latest = a.updates?.length ? a.updates[a.updates.length - 1] : null;
  return html`${a.title}<br><span class="muted">${a.finding}</span>${latest?.note ? html`<br>Latest: ${latest.note}
    <span class="muted">(${latest.author}, ${formatInstant(latest.at)})</span>` : ''}${a.impact ? html`<br>Impact: ${a.impact}` : ''}`;
}

function followUpsCell(a, role) {
  return (a.follow_ups || []).map((f) => html`<br><span id="follow-up-${f.id}">${words(f.after_completion)} follow-up, due ${formatDate(f.due)}:
    ${words(f.status)}${PLANNERS.includes(role) && f.status === 'pending' ? html`
    <button type="button" class="secondary" data-follow-up="${f.id}" data-action="${a.id}" aria-label="Record the ${words(f.after_completion)} follow-up of ${a.title}">Record</button>` : ''}</span>`);
}

export function actionsSection({ actions, role, me }) {
  return registerTable({
    kind: 'action', caption: 'Improvement actions', items: actions.items.map((a) => ({ ...a, label: a.title })),
    headings: ['Action', 'Owner', 'Priority', 'Due', 'Status', 'RAG'],
    cells: (a) => [actionCell(a), html`${a.owner_agency}${a.lead ? html`<br>${a.lead}` : ''}`, a.priority,
      html`${formatDate(a.due)}${a.overdue ? html` ${badge('overdue')}` : ''}`,
      html`${words(a.status)}${a.status_reason ? html`<br><span class="muted">${a.status_reason}</span>` : ''}${followUpsCell(a, role)}`,
      badge(a.rag, a.rag === 'none' ? 'not rated' : a.rag.toUpperCase())],
    update: (a) => mayUpdate(role, me, a) && (NEXT[a.status] || a.status === 'evidenced'),
    empty: role === 'agency' ? 'Your agency has no improvement action in this review.' : 'No improvement action has been agreed yet.',
    addLabel: PLANNERS.includes(role) ? 'Agree an improvement action' : '',
  });
}

function updateSpec(id, a) {
  const statuses = [a.status, ...(NEXT[a.status] || [])];
  const open = a.status === 'not_started' || a.status === 'in_progress';
  return {
    heading: `Update: ${a.title}`, done: `${a.title}: updated.`,
    intro: html`<p>Now ${words(a.status)}, due ${formatDate(a.due)}.</p>`,
    fields: [
      { name: 'note', label: 'Progress note', type: 'textarea', hint: 'What has been done since the last update.' },
      { name: 'status', label: 'Status', type: 'select', options: choices(statuses), value: a.status },
      { name: 'reason', label: 'Reason', type: 'textarea',
        hint: 'Required when the action is dropped or not achieved, or its due date moves (it goes in the delay register).',
        check: (v, all) => (!v && ['dropped', 'not_achieved'].includes(all.status) && all.status !== a.status ? `enter the reason the action is ${words(all.status)}`
          : !v && all.due && all.due !== a.due ? 'enter the reason the due date moves' : null) },
      ...(open ? [{ name: 'due', label: 'Due date', type: 'date', value: a.due, hint: 'A working day, not in the past.', about: /due date|working day/ }] : []),
      { name: 'impact', label: 'Impact: what changed for children and families', type: 'textarea', value: a.impact || '',
        check: (v, all) => (all.status === 'evidenced' && !v ? 'an evidenced action needs its impact' : null) },
      { name: 'impact_measure', label: 'Evidence: how the impact was measured', type: 'textarea', value: a.impact_measure || '',
        check: (v, all) => (all.status === 'evidenced' && !v ? 'an evidenced action needs how its impact was measured' : null) },
    ],
    save: (v) => {
      const body = { note: v.note };
      if (v.status !== a.status) body.status = v.status;
      if (v.reason) body.reason = v.reason;
      if (v.due && v.due !== a.due) body.due = v.due;
      if (v.impact !== (a.impact || '')) body.impact = v.impact;
      if (v.impact_measure !== (a.impact_measure || '')) body.impact_measure = v.impact_measure;
      return patch(`/reviews/${id}/actions/${a.id}`, body);
    },
  };
}

export function wireActions({ id, actions, refresh }) {
  wireRegister('action', {
    items: actions.items, refresh,
    add: {
      heading: 'Agree an improvement action', submit: 'Add the action', done: 'Improvement action added.',
      fields: [
        { name: 'title', label: 'Action', required: true, missing: 'enter the action' },
        { name: 'finding', label: 'Finding or recommendation it answers', type: 'textarea', required: true, missing: 'enter the finding it answers' },
        { name: 'owner_agency', label: 'Owner agency', required: true, missing: 'enter the agency that owns it' },
        { name: 'lead', label: 'Lead (a role, not a name, e.g. Head of Safeguarding)' },
        { name: 'priority', label: 'Priority', type: 'select', required: true, options: choices(['high', 'medium', 'low']), missing: 'choose the priority' },
        { name: 'due', label: 'Due date', type: 'date', required: true, hint: 'A working day, not in the past.', missing: 'enter the due date', about: /due date|working day/ },
      ],
      save: (v) => post(`/reviews/${id}/actions`, given(v)),
    },
    update: (a) => updateSpec(id, a),
  });
  for (const button of document.querySelectorAll('[data-follow-up]')) {
    const action = actions.items.find((a) => String(a.id) === button.dataset.action);
    const followUp = action.follow_ups.find((f) => String(f.id) === button.dataset.followUp);
    button.addEventListener('click', () => openUnderRow(button.closest('tr'), button, {
      prefix: 'follow-up', heading: `${words(followUp.after_completion)} follow-up of ${action.title}`,
      fields: [
        { name: 'outcome', label: 'Outcome', type: 'radios', required: true, missing: 'choose what happened',
          options: [['held', 'Checked: the change has lasted'], ['not_held', 'Checked: the change has not lasted'], ['waive', 'Waived (not checked)']] },
        { name: 'findings', label: 'What the check found, or why it is waived', type: 'textarea', required: true, missing: 'enter what the check found or why it is waived' },
        { name: 'unintended_consequences', label: 'Unintended consequences', type: 'textarea' },
      ],
      onSubmit: async (v) => {
        const base = `/reviews/${id}/follow-ups/${followUp.id}`;
        if (v.outcome === 'waive') await post(`${base}/waive`, { reason: v.findings });
        else await post(`${base}/complete`, given({ change_holds: v.outcome === 'held', findings: v.findings, unintended_consequences: v.unintended_consequences }));
        await refresh({ focus: `action-${action.id}`, message: 'Follow-up check recorded.' });
      },
    }));
  }
}

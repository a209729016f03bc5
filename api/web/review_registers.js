// The review's registers, each added to and updated in place: parallel processes, information requests,
// the documents register and family involvement. Each is offered only to the roles the service lets
// change it; family details are read only by admin, the business unit and the lead reviewer.
import { patch, post } from './api.js';
import { badge, formatDate, html } from './format.js';
import { choices, given, openAfter, openUnderRow } from './forms.js';

export const REGISTER_KEEPERS = ['admin', 'business_unit', 'lead_reviewer'];
const PROCESS_KINDS = ['criminal_investigation', 'prosecution', 'inquest', 'domestic_homicide_review',
  'safeguarding_adult_review', 'mental_health_investigation', 'nhs_serious_incident_investigation',
  'disciplinary_procedure', 'complaint', 'civil_litigation', 'family_court_proceedings', 'other_review'];
const DISCLOSURE = ['not_assessed', 'disclosable', 'not_disclosable', 'disclosed'];
const INVOLVEMENT = ['involved', 'declined', 'not_approached', 'deferred'];
const words = (key) => String(key || '').replace(/_/g, ' ');
const workingDayHint = 'A working day of the board, not in the past.';

// A register's table: one row per item (id `${kind}-${item.id}`), with an Update button when `update`.
export function registerTable({ kind, caption, headings, items, cells, update, empty, addLabel }) {
  const table = items.length ? html`<div class="table-wrap"><table><caption>${caption}</caption>
    <thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}${update ? html`<th scope="col"><span class="visually-hidden">Update</span></th>` : ''}</tr></thead>
    <tbody>${items.map((item) => html`<tr id="${kind}-${item.id}">${cells(item).map((cell) => html`<td>${cell}</td>`)}
      ${update ? html`<td class="row-actions">${update(item) ? html`<button type="button" class="secondary" data-update-${kind}="${item.id}"
        aria-label="Update: ${item.label || caption} (${item.id})">Update</button>` : ''}</td>` : ''}</tr>`)}</tbody></table></div>`
    : html`<p>${empty}</p>`;
  return html`<div id="${kind}-register" tabindex="-1">${table}${addLabel ? html`<p><button type="button" data-add-${kind}>${addLabel}</button></p>` : ''}</div>`;
}

// Wires the register's Add button and Update buttons to forms in place.
export function wireRegister(kind, { items = [], add, update, refresh }) {
  const adder = document.querySelector(`[data-add-${kind}]`);
  adder?.addEventListener('click', () => openAfter(adder.parentElement, {
    ...add, prefix: `add-${kind}`,
    onSubmit: async (values) => {
      await add.save(values);
      await refresh({ focus: `${kind}-register`, message: add.done });
    },
  }));
  for (const button of document.querySelectorAll(`[data-update-${kind}]`)) {
    const item = items.find((one) => String(one.id) === button.getAttribute(`data-update-${kind}`));
    button.addEventListener('click', () => {
      const spec = update(item);
      openUnderRow(button.closest('tr'), button, {
        ...spec, prefix: `update-${kind}`,
        onSubmit: async (values) => {
          await spec.save(values);
          await refresh({ focus: `${kind}-${item.id}`, message: spec.done });
        },
      });
    });
  }
}

export function processesSection({ review, role }) {
  return registerTable({
    kind: 'process', caption: 'Police, coroner and other processes', items: review.parallel_processes.map((p) => ({ ...p, label: words(p.kind) })),
    headings: ['Kind', 'Status', 'Holds publication', 'Owner', 'Notes'],
    cells: (p) => [words(p.kind), p.status, p.holds_publication ? 'Yes' : 'No', p.owner, p.notes],
    update: REGISTER_KEEPERS.includes(role) ? () => true : null,
    empty: 'No parallel process is recorded.',
    addLabel: REGISTER_KEEPERS.includes(role) ? 'Add a parallel process' : '',
  });
}

const processFields = (p = {}) => [
  { name: 'status', label: 'Status', type: 'select', options: choices(['active', 'concluded']), value: p.status || 'active' },
  { name: 'holds_publication', label: 'It holds the publication of the report', type: 'checkbox', value: p.holds_publication,
    hint: 'While it holds publication, the review cannot be published.' },
  { name: 'owner', label: 'Owner (who runs it, e.g. the police force or the coroner)', value: p.owner || '' },
  { name: 'notes', label: 'Notes', type: 'textarea', value: p.notes || '' },
];

export function wireProcesses({ id, review, refresh }) {
  wireRegister('process', {
    items: review.parallel_processes, refresh,
    add: {
      heading: 'Add a parallel process', submit: 'Add the process', done: 'Parallel process added.',
      fields: [{ name: 'kind', label: 'Kind of process', type: 'select', required: true, options: choices(PROCESS_KINDS),
        missing: 'choose the kind of process' }, ...processFields()],
      save: (v) => post(`/reviews/${id}/parallel-processes`, v),
    },
    update: (p) => ({
      heading: `Update the ${words(p.kind)}`, done: `The ${words(p.kind)} is updated.`, fields: processFields(p),
      save: (v) => patch(`/reviews/${id}/parallel-processes/${p.id}`, v),
    }),
  });
}

const requestBadge = (r) => badge(r.status === 'overdue' ? 'overdue' : r.status === 'open' ? 'pending' : 'done', words(r.status));
const requestOpen = (r) => r.status === 'open' || r.status === 'overdue';

export function requestsSection({ requests, role }) {
  if (!requests) return html`<p>Your role cannot see the information requests.</p>`;
  const keeper = REGISTER_KEEPERS.includes(role);
  return registerTable({
    kind: 'request', caption: 'Information asked of agencies', items: requests.items.map((r) => ({ ...r, label: r.agency })),
    headings: ['Agency', 'Asked for', 'Due', 'Status'],
    cells: (r) => [r.agency, r.request, formatDate(r.due),
      html`${requestBadge(r)}${r.answered_on ? html`<br>${formatDate(r.answered_on)}` : ''}${r.reason ? html`<br>${r.reason}` : ''}`],
    update: keeper ? requestOpen : null,
    empty: 'No information has been requested.',
    addLabel: keeper ? 'Ask an agency for information' : '',
  });
}

export function wireRequests({ id, requests, refresh }) {
  if (!requests) return;
  wireRegister('request', {
    items: requests.items, refresh,
    add: {
      heading: 'Ask an agency for information', submit: 'Send the request', done: 'Information request added.',
      fields: [
        { name: 'agency', label: 'Agency asked', required: true, missing: 'enter the agency asked' },
        { name: 'request', label: 'What is asked for', type: 'textarea', required: true, missing: 'say what information is asked for' },
        { name: 'due', label: 'Due date', type: 'date', required: true, hint: workingDayHint, missing: 'enter the due date', about: /due date|working day/ },
      ],
      save: (v) => post(`/reviews/${id}/information-requests`, v),
    },
    update: (r) => ({
      heading: `Record the answer of ${r.agency}`, done: `The request to ${r.agency} is updated.`,
      intro: html`<p>Asked for: ${r.request}; due ${formatDate(r.due)}.</p>`,
      fields: [
        { name: 'status', label: 'What happened', type: 'radios', required: true, missing: 'choose received or declined',
          options: [['received', 'Received'], ['declined', 'Declined']] },
        { name: 'reason', label: 'Reason or note', type: 'textarea', hint: 'Required when the agency declined: the reason it gave (or that it gave none).',
          check: (v, all) => (all.status === 'declined' && !v ? 'enter the reason the agency gave for declining' : null) },
      ],
      save: (v) => patch(`/reviews/${id}/information-requests/${r.id}`, given(v)),
    }),
  });
}

export function documentsSection({ documents, role }) {
  if (!documents) return html`<p>Your role cannot see the documents register.</p>`;
  const keeper = REGISTER_KEEPERS.includes(role);
  return registerTable({
    kind: 'document', caption: 'Material the review holds', items: documents.items.map((d) => ({ ...d, label: d.title })),
    headings: ['Title', 'Kind', 'Owner', 'Held by', 'Disclosure'],
    cells: (d) => [d.title, d.kind, d.owner_body, d.held_by, words(d.disclosure_status)],
    update: keeper ? () => true : null,
    empty: 'No document is registered.',
    addLabel: keeper ? 'Register a document' : '',
  });
}

const disclosureField = (value = 'not_assessed') => ({ name: 'disclosure_status', label: 'Disclosure', type: 'select',
  options: choices(DISCLOSURE), value, hint: 'Whether it may be disclosed, e.g. to the family or in proceedings.' });

export function wireDocuments({ id, documents, refresh }) {
  if (!documents) return;
  wireRegister('document', {
    items: documents.items, refresh,
    add: {
      heading: 'Register a document', submit: 'Register it', done: 'Document registered.',
      fields: [
        { name: 'title', label: 'Title', required: true, missing: 'enter the title of the document' },
        { name: 'kind', label: 'Kind (e.g. chronology, report, minutes)', required: true, missing: 'say what kind of document it is' },
        { name: 'owner_body', label: 'Body it belongs to', required: true, missing: 'enter the body it belongs to' },
        { name: 'held_by', label: 'Who holds the copy', required: true, missing: 'enter who holds the copy' },
        { name: 'date', label: 'Date of the document', type: 'date', required: true, missing: 'enter the date of the document' },
        disclosureField(),
        { name: 'notes', label: 'Notes', type: 'textarea' },
      ],
      save: (v) => post(`/reviews/${id}/documents`, given(v)),
    },
    update: (d) => ({
      heading: `Update: ${d.title}`, done: `${d.title}: updated.`,
      fields: [disclosureField(d.disclosure_status),
        { name: 'held_by', label: 'Who holds the copy', required: true, value: d.held_by, missing: 'enter who holds the copy' },
        { name: 'notes', label: 'Notes', type: 'textarea', value: d.notes || '' }],
      save: (v) => patch(`/reviews/${id}/documents/${d.id}`, v),
    }),
  });
}

export function familySection({ family, role }) {
  if (!family) return html`<p>Family details are shown only to the business unit, the lead reviewer and admins.</p>`;
  return registerTable({
    kind: 'family', caption: 'Family members and their involvement', items: family.items,
    headings: ['Name', 'Relationship', 'Involvement', 'Reason', 'Support needs'],
    cells: (m) => [m.name, m.relationship, words(m.involvement), m.reason, m.support_needs],
    empty: 'No family member is recorded yet.',
    addLabel: REGISTER_KEEPERS.includes(role) ? 'Record a family member' : '',
  });
}

export function wireFamily({ id, family, refresh }) {
  if (!family) return;
  wireRegister('family', {
    refresh,
    add: {
      heading: 'Record a family member', submit: 'Record them', done: 'Family member recorded.',
      intro: html`<p class="hint">Kept minimally and shown only to the business unit, the lead reviewer and admins; the privacy check looks for these names and addresses in the report.</p>`,
      fields: [
        { name: 'name', label: 'Name', required: true, missing: 'enter the name' },
        { name: 'relationship', label: 'Relationship to the child or adult (e.g. mother)', required: true, missing: 'enter the relationship' },
        { name: 'date_of_birth', label: 'Date of birth', type: 'date' },
        { name: 'involvement', label: 'Involvement in the review', type: 'select', required: true, options: choices(INVOLVEMENT),
          missing: 'choose their involvement' },
        { name: 'reason', label: 'Reason', type: 'textarea', hint: 'Required unless they are involved: why not (QM4).',
          check: (v, all) => (all.involvement && all.involvement !== 'involved' && !v ? 'enter the reason they are not involved' : null) },
        { name: 'support_needs', label: 'Support needs', type: 'textarea' },
        { name: 'address', label: 'Address', hint: 'Optional: the privacy check looks for it in the report.' },
      ],
      save: (v) => post(`/reviews/${id}/family-members`, given(v)),
    },
  });
}

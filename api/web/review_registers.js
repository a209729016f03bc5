// The review's registers, each added to and updated in place: parallel processes, information requests,
// the documents register and family involvement. Each is offered only to the roles the service lets
// change it; family details are read only by admin, the business unit and the lead reviewer.
import { ApiError, patch, post } from './api.js';
import { badge, formatDate, html } from './format.js';
import { choices, given, isWeekend, openAfter, openUnderRow } from './forms.js';

export const REGISTER_KEEPERS = ['admin', 'business_unit', 'lead_reviewer'];
const PROCESS_KINDS = ['criminal_investigation', 'prosecution', 'inquest', 'domestic_homicide_review',
  'safeguarding_adult_review', 'mental_health_investigation', 'nhs_serious_incident_investigation',
  'disciplinary_procedure', 'complaint', 'civil_litigation', 'family_court_proceedings', 'other_review'];
const DISCLOSURE = ['not_assessed', 'disclosable', 'not_disclosable', 'disclosed'];
const INVOLVEMENT = ['involved', 'declined', 'not_approached', 'deferred'];
const words = (key) => String(key || '').replace(/_/g, ' ');
const workingDayHint = 'A working day of the board, not in the past.';

// A row's buttons: `rowActions(item)` gives [key, verb] pairs; `update(item)`, when truthy, one "Update".
const buttonsOf = (item, update, rowActions) => (rowActions ? rowActions(item) : update?.(item) ? [['update', 'Update']] : []);

// A register's table: one row per item (id `${kind}-${item.id}`), with its buttons when `update` or `rowActions`.
export function registerTable({ kind, caption, headings, items, cells, update, rowActions, empty, addLabel }) {
  const buttons = update || rowActions;
  const table = items.length ? html`<div class="table-wrap"><table><caption>${caption}</caption>
    <thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}${buttons ? html`<th scope="col"><span class="visually-hidden">Update</span></th>` : ''}</tr></thead>
    <tbody>${items.map((item) => html`<tr id="${kind}-${item.id}">${cells(item).map((cell) => html`<td>${cell}</td>`)}
      ${buttons ? html`<td class="row-actions">${buttonsOf(item, update, rowActions).map(([key, verb], i) => html`<button type="button"
        ${i === 0 ? '' : html`class="secondary"`} data-row-${kind}="${item.id}" data-act="${key}"
        aria-label="${verb}: ${item.label || caption} (${item.id})">${verb}</button>`)}</td>` : ''}</tr>`)}</tbody></table></div>`
    : html`<p>${empty}</p>`;
  return html`<div id="${kind}-register" tabindex="-1">${table}${addLabel ? html`<p><button type="button" data-add-${kind}>${addLabel}</button></p>` : ''}</div>`;
}

// Wires the register's Add button and its rows' buttons to forms in place: `update` for "Update", or
// `updates` { key: (item) => spec } for rows with several.
export function wireRegister(kind, { items = [], add, update, updates = { update }, refresh }) {
  const adder = document.querySelector(`[data-add-${kind}]`);
  adder?.addEventListener('click', () => openAfter(adder.parentElement, {
    ...add, prefix: `add-${kind}`,
    onSubmit: async (values) => {
      await add.save(values);
      await refresh({ focus: `${kind}-register`, message: add.done });
    },
  }));
  for (const button of document.querySelectorAll(`[data-row-${kind}]`)) {
    const item = items.find((one) => String(one.id) === button.getAttribute(`data-row-${kind}`));
    const key = button.dataset.act;
    button.addEventListener('click', () => {
      const spec = updates[key](item);
      openUnderRow(button.closest('tr'), button, {
        ...spec, prefix: `${key}-${kind}`,
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
    headings: ['Kind', 'Status', 'Holds back', 'Owner', 'Notes'],
    cells: (p) => [words(p.kind), p.status, p.holds ? HOLD_WORDS[p.holds] : 'Nothing', p.owner, p.notes],
    update: REGISTER_KEEPERS.includes(role) ? () => true : null,
    empty: 'No parallel process is recorded.',
    addLabel: REGISTER_KEEPERS.includes(role) ? 'Add a parallel process' : '',
  });
}

// What a parallel process may hold back while it is active, in words.
const HOLD_WORDS = {
  publication: 'The publication of the report',
  family_involvement: "The family's involvement",
  review: 'The review itself (the report is not submitted or signed off)',
};

const processFields = (p = {}) => [
  { name: 'status', label: 'Status', type: 'select', options: choices(['active', 'concluded']), value: p.status || 'active' },
  { name: 'holds_publication', label: 'It holds the publication of the report', type: 'checkbox', value: p.holds_publication,
    hint: 'While it holds publication, the review cannot be published.' },
  { name: 'holds', label: 'Or it holds back', type: 'select', value: p.holds && p.holds !== 'publication' ? p.holds : '',
    options: [['', 'Nothing else'], ['family_involvement', HOLD_WORDS.family_involvement], ['review', HOLD_WORDS.review]],
    hint: "A trial may hold the family's involvement, or the whole review, until it ends." },
  { name: 'owner', label: 'Owner (who runs it, e.g. the police force or the coroner)', value: p.owner || '' },
  { name: 'notes', label: 'Notes', type: 'textarea', value: p.notes || '' },
];

// The form's two answers as the one `holds` the service keeps.
function processBody({ holds_publication: publication, holds, ...rest }) {
  return { ...rest, holds: publication ? 'publication' : holds };
}

export function wireProcesses({ id, review, refresh }) {
  wireRegister('process', {
    items: review.parallel_processes, refresh,
    add: {
      heading: 'Add a parallel process', submit: 'Add the process', done: 'Parallel process added.',
      fields: [{ name: 'kind', label: 'Kind of process', type: 'select', required: true, options: choices(PROCESS_KINDS),
        missing: 'choose the kind of process' }, ...processFields()],
      save: (v) => post(`/reviews/${id}/parallel-processes`, processBody(v)),
    },
    update: (p) => ({
      heading: `Update the ${words(p.kind)}`, done: `The ${words(p.kind)} is updated.`, fields: processFields(p),
      save: (v) => patch(`/reviews/${id}/parallel-processes/${p.id}`, processBody(v)),
    }),
  });
}

const requestBadge = (r) => badge(r.status === 'overdue' ? 'overdue' : r.status === 'open' ? 'pending' : 'done', words(r.status));
const requestOpen = (r) => r.status === 'open' || r.status === 'overdue';
const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

// What each role may do to an open request: the keepers record its answer, move its due date or address it
// to another agency; an agency user answers those addressed to its own agency (the only ones it sees).
function requestButtons(role) {
  if (REGISTER_KEEPERS.includes(role)) {
    return (r) => (requestOpen(r) ? [['update', 'Record the answer'], ['move', 'Change the due date'], ['readdress', 'Re-address']] : []);
  }
  return role === 'agency' ? (r) => (requestOpen(r) ? [['update', 'Answer']] : []) : null;
}

export function requestsSection({ requests, role }) {
  if (!requests) return html`<p>Your role cannot see the information requests.</p>`;
  const keeper = REGISTER_KEEPERS.includes(role);
  return registerTable({
    kind: 'request', caption: 'Information asked of agencies',
    items: requests.items.map((r) => ({ ...r, label: `the request to ${r.agency} for ${short(r.request)}` })),
    headings: ['Agency', 'Asked for', 'Quality Marker', 'Due', 'Status'],
    cells: (r) => [r.agency, r.request, r.marker ? `QM${r.marker}${r.before_decision ? ' (for the decision)' : ''}` : '', formatDate(r.due),
      html`${requestBadge(r)}${r.answered_on ? html`<br>${formatDate(r.answered_on)}` : ''}${r.reason ? html`<br>${r.reason}` : ''}`],
    rowActions: requestButtons(role),
    empty: role === 'agency' ? 'Nothing is asked of your agency in this review.' : 'No information has been requested.',
    addLabel: keeper ? 'Ask an agency for information' : '',
  });
}

const asked = (r) => html`<p>Asked of ${r.agency}: ${r.request}; due ${formatDate(r.due)}.</p>`;

const answerSpec = (id, r) => ({
  heading: `Answer the request to ${r.agency}`, submit: 'Record the answer', done: `The request to ${r.agency} is answered.`,
  intro: asked(r),
  fields: [
    { name: 'status', label: 'The answer', type: 'radios', required: true, missing: 'choose received or declined',
      options: [['received', 'Received: the information was sent'], ['declined', 'Declined: the agency will not send it']] },
    { name: 'reason', label: 'Note, or the reason for declining', type: 'textarea',
      hint: 'Optional when received (e.g. what was sent). Required when declined: the reason the agency gave, or that it gave none.',
      check: (v, all) => (all.status === 'declined' && !v ? 'enter the reason the agency gave for declining' : null),
      about: /reason/ },
  ],
  save: (v) => patch(`/reviews/${id}/information-requests/${r.id}`, given(v)),
});

const moveSpec = (id, r) => ({
  heading: `Move the due date of the request to ${r.agency}`, submit: 'Move the due date',
  done: `The request to ${r.agency} has a new due date.`,
  intro: asked(r),
  fields: [
    { name: 'due', label: 'New due date', type: 'date', required: true, missing: 'enter the new due date',
      hint: 'A working day of the board (not a weekend or a bank holiday), not in the past.', about: /due date|working day/,
      check: (v) => (isWeekend(v) ? `${formatDate(v)} is a weekend day; pick a working day`
        : v === r.due ? `the request is already due on ${formatDate(v)}; pick another date` : null) },
    { name: 'reason', label: 'Reason for the delay', type: 'textarea', required: true, missing: 'enter the reason the due date moves',
      hint: 'Required: it goes in the delay register (QM8).', about: /reason/ },
  ],
  save: (v) => patch(`/reviews/${id}/information-requests/${r.id}`, v),
});

const readdressSpec = (id, r) => ({
  heading: `Address the request to another agency`, submit: 'Re-address it', done: 'The request is addressed to its new agency.',
  intro: asked(r),
  fields: [
    { name: 'agency', label: 'Agency asked', required: true, value: r.agency, missing: 'enter the agency asked', about: /agency/,
      check: (v) => (v === r.agency ? `the request is already addressed to ${r.agency}; enter the other agency` : null) },
    { name: 'reason', label: 'Why it moves (optional)', type: 'textarea', hint: 'Kept in the review\'s history.' },
  ],
  save: (v) => patch(`/reviews/${id}/information-requests/${r.id}`, given(v)),
});

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
    updates: { update: (r) => answerSpec(id, r), move: (r) => moveSpec(id, r), readdress: (r) => readdressSpec(id, r) },
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
    kind: 'family', caption: 'Family members and their involvement', items: family.items.map((m) => ({ ...m, label: m.name })),
    headings: ['Name', 'Relationship', 'Involvement', 'Reason', 'Support needs'],
    cells: (m) => [m.name, m.relationship, words(m.involvement), m.reason, m.support_needs],
    rowActions: REGISTER_KEEPERS.includes(role) ? () => [['update', 'Edit']] : null,
    empty: 'No family member is recorded yet.',
    addLabel: REGISTER_KEEPERS.includes(role) ? 'Record a family member' : '',
  });
}

// A family member's fields, with `m`'s values when editing.
const familyFields = (m = {}) => [
  { name: 'name', label: 'Name', required: true, value: m.name, missing: 'enter the name', about: /\bname\b/ },
  { name: 'relationship', label: 'Relationship to the child or adult (e.g. mother)', required: true, value: m.relationship,
    missing: 'enter the relationship', about: /relationship|related/ },
  { name: 'date_of_birth', label: 'Date of birth', type: 'date', value: m.date_of_birth || '' },
  { name: 'involvement', label: 'Involvement in the review', type: 'select', required: true, options: choices(INVOLVEMENT),
    value: m.involvement, missing: 'choose their involvement' },
  { name: 'reason', label: 'Reason', type: 'textarea', value: m.reason, hint: 'Required unless they are involved: why not (QM4).',
    about: /reason|not involved/,
    check: (v, all) => (all.involvement && all.involvement !== 'involved' && !v ? 'enter the reason they are not involved' : null) },
  { name: 'support_needs', label: 'Support needs', type: 'textarea', value: m.support_needs },
  { name: 'address', label: 'Address', value: m.address, hint: 'Optional: the privacy check looks for it in the report.' },
];

// Only what the form changes is sent (the service refuses an edit that changes nothing; a date of birth,
// once recorded, is corrected rather than removed).
function changesOf(m, values) {
  const changed = Object.fromEntries(Object.entries(values).filter(([name, v]) => v !== (m[name] ?? '') && !(name === 'date_of_birth' && v === '')));
  if (!Object.keys(changed).length) throw new ApiError(400, { detail: 'nothing has changed: change a field, or Cancel' });
  return changed;
}

export function wireFamily({ id, family, refresh }) {
  if (!family) return;
  wireRegister('family', {
    items: family.items, refresh,
    add: {
      heading: 'Record a family member', submit: 'Record them', done: 'Family member recorded.',
      intro: html`<p class="hint">Kept minimally and shown only to the business unit, the lead reviewer and admins; the privacy check looks for these names and addresses in the report.</p>`,
      fields: familyFields(),
      save: (v) => post(`/reviews/${id}/family-members`, given(v)),
    },
    update: (m) => ({
      heading: `Edit: ${m.name}`, submit: 'Save the changes', done: `${m.name}: changes saved.`,
      intro: html`<p class="hint">Only the fields you change are saved; the history records which fields changed, never their values.</p>`,
      fields: familyFields(m),
      save: (v) => patch(`/reviews/${id}/family-members/${m.id}`, changesOf(m, v)),
    }),
  });
}

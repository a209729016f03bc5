// The review's references with the national bodies and other systems (the Panel's reference, the national
// notification, the NHS incident number, ...): shown to everyone who reads the review, changed in place
// by the business unit, admins and the chair. A reference emptied is removed; the history keeps both values.
import { patch } from './api.js';
import { html } from './format.js';
import { openAfter } from './forms.js';

export const REFERENCE_EDITORS = ['admin', 'business_unit', 'chair'];
// The keys the service accepts, in the order shown, with what each is the reference of.
export const REFERENCE_KEYS = [
  ['national_notification', 'National notification'],
  ['panel', 'Child Safeguarding Practice Review Panel'],
  ['home_office', 'Home Office'],
  ['steis', 'NHS serious incident (StEIS)'],
  ['lfpse', 'NHS Learn from Patient Safety Events'],
  ['welsh_government', 'Welsh Government'],
  ['care_inspectorate', 'Care Inspectorate'],
  ['sbni', 'Safeguarding Board for Northern Ireland'],
  ['local', 'The board\'s own reference'],
];
const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ./_:#()-]{0,63}$/;

export function referencesSection({ review, role }) {
  const references = review.references || {};
  const rows = REFERENCE_KEYS.filter(([key]) => references[key]);
  const list = rows.length
    ? html`<dl class="references">${rows.map(([key, label]) => html`<dt>${label}</dt><dd id="reference-${key}">${references[key]}</dd>`)}</dl>`
    : html`<p>No reference is recorded.</p>`;
  const change = REFERENCE_EDITORS.includes(role)
    ? html`<p><button type="button" data-change-references>Change the references</button></p>` : '';
  return html`<div id="references" tabindex="-1">${list}${change}</div>`;
}

export function wireReferences({ id, review, refresh }) {
  const opener = document.querySelector('[data-change-references]');
  if (!opener) return;
  const current = review.references || {};
  const fields = REFERENCE_KEYS.map(([key, label]) => ({
    name: key, label, value: current[key] || '', about: new RegExp(key),
    hint: key === 'national_notification' ? 'Up to 64 letters, digits, spaces and . / - _ : # ( ). Empty a field to remove it.' : '',
    check: (v) => (v && !REFERENCE_PATTERN.test(v) ? 'use up to 64 letters, digits, spaces and . / - _ : # ( ), starting with a letter or digit' : null),
  }));
  opener.addEventListener('click', () => openAfter(opener.parentElement, {
    prefix: 'references', heading: 'The review\'s references', fields, submit: 'Save the references',
    onSubmit: async (values) => {
      const changes = {};
      for (const [key] of REFERENCE_KEYS) {
        const value = (values[key] || '').trim();
        if (value && value !== current[key]) changes[key] = value;
        else if (!value && current[key]) changes[key] = null;
      }
      if (Object.keys(changes).length) await patch(`/reviews/${id}`, { references: changes });
      await refresh({ focus: 'references', message: 'References saved.' });
    },
  }));
}

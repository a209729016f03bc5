// The privacy check of the report (QM14) and the identifiers it looks for. The check searches the final
// text for the family's recorded names, dates of birth and addresses, and the identifiers recorded here
// (names, addresses, places, others); until the review has some, the service refuses it (422) and the
// page shows why with the form to record them.
import { ApiError, del, post } from './api.js';
import { html, plural } from './format.js';
import { choices, given, openAfter } from './forms.js';

// "1 place names the family", "3 places name the family".
export const placesWords = (count) => `${plural(count, 'place')} name${count === 1 ? 's' : ''} the family`;

export const PRIVACY_CHECKERS = ['admin', 'business_unit', 'lead_reviewer'];
const KINDS = ['name', 'address', 'place', 'other'];

function identifiersList(identifiers) {
  if (!identifiers) return '';
  if (!identifiers.items.length) return html`<p>No other identifier is recorded.</p>`;
  return html`<ul class="identifiers">${identifiers.items.map((i) => html`<li id="identifier-${i.id}">${i.kind}: ${i.value}${i.note ? html` (${i.note})` : ''}
    <button type="button" class="secondary" data-remove-identifier="${i.id}" data-words="${i.kind} ${i.value}" aria-label="Remove the ${i.kind} ${i.value}">Remove</button></li>`)}</ul>`;
}

export function privacySection({ review, role, identifiers }) {
  if (!PRIVACY_CHECKERS.includes(role) || review.state === 'closed') return '';
  return html`<h2 id="privacy-check" tabindex="-1">Privacy check of the report</h2>
    <div id="identifiers-register" tabindex="-1">
      <h3>What the check looks for</h3>
      <p class="hint">The family members recorded above (names, dates of birth, addresses) and these other identifiers.</p>
      ${identifiersList(identifiers)}
      <p><button type="button" class="secondary" data-add-identifier>Record an identifier</button></p>
    </div>
    <form id="privacy-form" novalidate>
      <label for="privacy-text">Paste the report's final text <span class="required">(required)</span></label>
      <p class="hint" id="privacy-text-hint">The text is searched for the identifiers above. It is not stored.</p>
      <p class="field-error" id="privacy-text-error" hidden></p>
      <textarea id="privacy-text" rows="6" aria-describedby="privacy-text-hint"></textarea>
      <p><button type="submit">Check the text</button></p>
      <div id="privacy-result" aria-live="polite"></div>
    </form>`;
}

function openIdentifierForm(id, opener, refresh) {
  openAfter(opener.parentElement, {
    prefix: 'identifier', heading: 'Record an identifier', submit: 'Record it',
    fields: [
      { name: 'kind', label: 'Kind', type: 'select', required: true, options: choices(KINDS), missing: 'choose the kind' },
      { name: 'value', label: 'What to look for (as written in reports)', required: true, missing: 'enter what to look for' },
      { name: 'note', label: 'Note', hint: 'Optional: e.g. "the school the child attended".' },
    ],
    onSubmit: async (values) => {
      await post(`/reviews/${id}/identifiers`, given(values));
      await refresh({ focus: 'identifiers-register', message: 'Identifier recorded; the privacy check will look for it.' });
    },
  });
}

// Removes an identifier; a refusal is shown beside it and keeps the focus there.
async function removeIdentifier(id, button, refresh) {
  try {
    await del(`/reviews/${id}/identifiers/${button.dataset.removeIdentifier}`);
  } catch (problem) {
    const item = button.closest('li');
    item.querySelector('.field-error')?.remove();
    item.insertAdjacentHTML('beforeend', String(html`<p class="field-error" role="alert">Error: ${problem instanceof ApiError
      ? problem.message : 'removing it failed; try again'}</p>`));
    button.focus();
    return;
  }
  await refresh({ focus: 'identifiers-register', message: `Identifier removed: ${button.dataset.words}.` });
}

// What a passed check did: it completes the privacy checkpoint when that is still open.
function passedWords(review) {
  const checkpoint = review.checkpoints.find((c) => c.key === 'privacy_check_passed');
  return checkpoint && checkpoint.status !== 'done' && checkpoint.status !== 'waived'
    ? `The privacy check found nothing; "${checkpoint.title}" is complete.` : 'The privacy check found nothing.';
}

export function wirePrivacy({ id, review, refresh, announce }) {
  const form = document.getElementById('privacy-form');
  if (!form) return;
  const adder = document.querySelector('[data-add-identifier]');
  adder.addEventListener('click', () => openIdentifierForm(id, adder, refresh));
  for (const button of document.querySelectorAll('[data-remove-identifier]')) {
    button.addEventListener('click', () => removeIdentifier(id, button, refresh));
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = document.getElementById('privacy-result');
    const text = document.getElementById('privacy-text');
    const error = document.getElementById('privacy-text-error');
    error.hidden = true;
    text.removeAttribute('aria-invalid');
    text.setAttribute('aria-describedby', 'privacy-text-hint');
    out.innerHTML = '';
    const fail = (message) => {
      error.hidden = false;
      error.textContent = `Error: ${message}`;
      text.setAttribute('aria-invalid', 'true');
      text.setAttribute('aria-describedby', 'privacy-text-hint privacy-text-error');
      text.focus();
    };
    if (!text.value.trim()) return fail('paste the text of the report');
    try {
      const check = await post(`/reviews/${id}/privacy-check`, { text: text.value });
      if (check.passed) return refresh({ focus: 'privacy-check', message: passedWords(review) });
      out.innerHTML = String(html`<div class="error-box" tabindex="-1"><p>${placesWords(check.findings.length)}:</p>
        <ul>${check.findings.map((f) => html`<li>${f.kind.replace(/_/g, ' ')} "${f.match}" at character ${f.start}</li>`)}</ul></div>`);
      out.firstElementChild.focus();
    } catch (problem) {
      if (problem instanceof ApiError && problem.status === 422) {
        // Nothing to look for yet: say so by the text, and open the form to record an identifier.
        fail(problem.message);
        openIdentifierForm(id, adder, refresh);
        announce(`Not checked: ${problem.message}`);
        return;
      }
      fail(problem instanceof ApiError ? problem.message : 'The check failed; try again.');
    }
  });
}

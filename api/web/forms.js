// Forms that open in place, right under what was clicked: each field with its label, "(required)" and a
// hint saying what the service will ask for; errors beside the field (aria-invalid, aria-describedby), the
// focus kept in the form when something is wrong, and back on the row it came from when it is saved.
import { ApiError } from './api.js';
import { html } from './format.js';

// A field: { name, label, type: 'text' | 'textarea' | 'date' | 'select' | 'checkbox' | 'radios', required,
// hint, options: [[value, words]], value, check(value, values) -> message, about: /words of the service's
// error that concern this field/ }.
const fieldId = (prefix, field) => `${prefix}-${field.name}`;
const requiredMark = (field) => (field.required ? html` <span class="required">(required)</span>` : '');

function control(id, field, hintId) {
  const described = hintId ? html`aria-describedby="${hintId}"` : '';
  const required = field.required ? 'required' : '';
  const value = field.value ?? '';
  if (field.type === 'textarea') return html`<textarea id="${id}" name="${field.name}" rows="3" ${required} ${described}>${value}</textarea>`;
  if (field.type === 'select') {
    return html`<select id="${id}" name="${field.name}" ${required} ${described}>
      ${field.required && !value ? html`<option value="">Choose…</option>` : ''}
      ${field.options.map(([v, words]) => html`<option value="${v}" ${v === value ? 'selected' : ''}>${words}</option>`)}</select>`;
  }
  const type = field.type === 'date' ? 'date' : 'text';
  return html`<input id="${id}" name="${field.name}" type="${type}" value="${value}" ${required} ${described}
    ${type === 'text' ? html`size="${field.size || 40}"` : ''}>`;
}

export function fieldHtml(prefix, field) {
  const id = fieldId(prefix, field);
  const hintId = field.hint ? `${id}-hint` : '';
  const hint = field.hint ? html`<p class="hint" id="${hintId}">${field.hint}</p>` : '';
  const error = html`<p class="field-error" id="${id}-error" hidden></p>`;
  if (field.type === 'checkbox') {
    return html`<div class="field" data-field="${field.name}">
      <label class="checkbox"><input type="checkbox" id="${id}" name="${field.name}" ${field.value ? 'checked' : ''}
        ${hintId ? html`aria-describedby="${hintId}"` : ''}> ${field.label}</label>${hint}${error}</div>`;
  }
  if (field.type === 'radios') {
    return html`<fieldset class="field" id="${id}" data-field="${field.name}" ${hintId ? html`aria-describedby="${hintId}"` : ''}>
      <legend>${field.label}${requiredMark(field)}</legend>${hint}${error}
      ${field.options.map(([v, words], i) => html`<label class="radio"><input type="radio" name="${field.name}" value="${v}"
        id="${id}-${i}" ${v === field.value ? 'checked' : ''}> ${words}</label>`)}</fieldset>`;
  }
  return html`<div class="field" data-field="${field.name}"><label for="${id}">${field.label}${requiredMark(field)}</label>
    ${hint}${error}${control(id, field, hintId)}</div>`;
}

function readValues(form, fields) {
  const values = {};
  for (const field of fields) {
    if (field.type === 'checkbox') values[field.name] = form.elements[field.name].checked;
    else if (field.type === 'radios') values[field.name] = form.querySelector(`input[name="${field.name}"]:checked`)?.value || '';
    else values[field.name] = form.elements[field.name].value.trim();
  }
  return values;
}

// The element that takes the focus and carries aria-invalid for a field.
function focusable(form, prefix, field) {
  if (field.type === 'radios') return form.querySelector(`input[name="${field.name}"]`);
  return form.querySelector(`#${CSS.escape(fieldId(prefix, field))}`);
}

function showFieldError(form, prefix, field, message) {
  const id = fieldId(prefix, field);
  const error = form.querySelector(`#${CSS.escape(id)}-error`);
  error.hidden = false;
  error.textContent = `Error: ${message}`;
  const target = field.type === 'radios' ? form.querySelector(`#${CSS.escape(id)}`) : focusable(form, prefix, field);
  const hint = field.hint ? `${id}-hint ` : '';
  target.setAttribute('aria-describedby', `${hint}${id}-error`);
  for (const input of invalidInputs(form, prefix, field)) input.setAttribute('aria-invalid', 'true');
}

// The inputs marked invalid: the field's own, or each choice of a group of radio buttons.
function invalidInputs(form, prefix, field) {
  if (field.type === 'radios') return [...form.querySelectorAll(`input[name="${field.name}"]`)];
  return [focusable(form, prefix, field)];
}

function clearErrors(form, prefix, fields) {
  for (const field of fields) {
    const id = fieldId(prefix, field);
    const error = form.querySelector(`#${CSS.escape(id)}-error`);
    error.hidden = true;
    error.textContent = '';
    const target = field.type === 'radios' ? form.querySelector(`#${CSS.escape(id)}`) : focusable(form, prefix, field);
    for (const input of invalidInputs(form, prefix, field)) input.removeAttribute('aria-invalid');
    if (field.hint) target.setAttribute('aria-describedby', `${id}-hint`);
    else target.removeAttribute('aria-describedby');
  }
  form.querySelector('.form-error')?.remove();
}

// The field a refusal of the service is about: the first whose `about` words or name the detail mentions.
function fieldOfDetail(fields, detail) {
  return fields.find((f) => f.about?.test(detail)) || fields.find((f) => new RegExp(`\\b${f.name}\\b`).test(detail));
}

// The form's heading: h3 under a section, or spec.level (a form that is the page's own, under its h1).
const headingHtml = (spec) => (spec.level === 2 ? html`<h2 id="${spec.prefix}-heading">${spec.heading}</h2>`
  : html`<h3 id="${spec.prefix}-heading">${spec.heading}</h3>`);

// The form described by `spec` { prefix, heading, intro, fields, submit, cancel }, to be wired by wireForm.
export function formHtml(spec) {
  return html`<form class="card in-place" id="${spec.prefix}-form" novalidate aria-labelledby="${spec.prefix}-heading">
    ${headingHtml(spec)}${spec.intro || ''}
    ${spec.fields.map((field) => fieldHtml(spec.prefix, field))}
    <p class="form-buttons"><button type="submit" ${spec.describedBy ? html`aria-describedby="${spec.describedBy}"` : ''}
      ${spec.disabled ? 'disabled' : ''}>${spec.submit || 'Save'}</button>
      ${spec.cancel === false ? '' : html`<button type="button" class="secondary" data-cancel>Cancel</button>`}</p></form>`;
}

// Checks the required fields before sending, then calls spec.onSubmit(values) (async); a refusal of the
// service is shown beside the field it is about, or at the top of the form, and takes the focus.
export function wireForm(form, spec) {
  const { prefix, fields } = spec;
  form.querySelector('[data-cancel]')?.addEventListener('click', () => spec.onCancel?.());
  form.addEventListener('keydown', (event) => { if (event.key === 'Escape') spec.onCancel?.(); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, prefix, fields);
    const values = readValues(form, fields);
    const problems = [];
    for (const field of fields) {
      const value = values[field.name];
      const message = field.required && value === '' ? field.missing || `enter ${field.label.toLowerCase()}`
        : field.check?.(value, values);
      if (message) problems.push([field, message]);
    }
    if (problems.length) {
      for (const [field, message] of problems) showFieldError(form, prefix, field, message);
      focusable(form, prefix, problems[0][0]).focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await spec.onSubmit(values);
    } catch (error) {
      button.disabled = false;
      const detail = error instanceof ApiError ? error.message : 'Saving failed; try again.';
      const field = fieldOfDetail(fields, detail);
      if (field) {
        showFieldError(form, prefix, field, detail);
        focusable(form, prefix, field).focus();
      } else {
        const box = document.createElement('div');
        box.className = 'error-box form-error';
        box.setAttribute('role', 'alert');
        box.setAttribute('tabindex', '-1');
        box.textContent = `Not saved: ${detail}`;
        form.querySelector('h2, h3').after(box);
        box.focus();
      }
    }
  });
}

// Puts the form in `container`, wires it and focuses its first field.
export function openForm(container, spec) {
  container.innerHTML = String(formHtml(spec));
  const form = container.querySelector('form');
  wireForm(form, spec);
  form.querySelector('input, select, textarea')?.focus();
  return form;
}

// Only one form is open at a time: opening one closes any other.
function closeOpenForms() {
  for (const open of document.querySelectorAll('[data-in-place]')) open.remove();
}

// Opens a form in a new table row right under `row`; Cancel closes it and gives the focus back to `opener`.
export function openUnderRow(row, opener, spec) {
  closeOpenForms();
  const formRow = document.createElement('tr');
  formRow.dataset.inPlace = '';
  formRow.className = 'form-row';
  const cell = document.createElement('td');
  cell.colSpan = row.cells.length;
  formRow.append(cell);
  row.after(formRow);
  return openForm(cell, { ...spec, onCancel: () => { formRow.remove(); opener.focus(); } });
}

// Opens a form right after `opener` (an "Add ..." button); Cancel closes it and gives the focus back.
export function openAfter(opener, spec) {
  closeOpenForms();
  const holder = document.createElement('div');
  holder.dataset.inPlace = '';
  opener.after(holder);
  return openForm(holder, { ...spec, onCancel: () => { holder.remove(); opener.focus(); } });
}

// The values given, without the optional ones left empty (the service refuses an empty date).
export function given(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

// After a save the page is drawn again: the result is shown in place, on the element with `id`, which
// takes the focus (a row, a section), and announced.
export function showSaved(id, message, announce) {
  const target = document.getElementById(id);
  if (target) {
    const note = document.createElement(target.tagName === 'TR' ? 'span' : 'p');
    note.className = 'saved-note';
    note.textContent = message;
    (target.tagName === 'TR' ? target.cells[target.cells.length - 1] : target).append(note);
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  announce(message);
}

// Whether an ISO date falls on a Saturday or Sunday (the service also refuses the board's bank holidays).
export const isWeekend = (iso) => [0, 6].includes(new Date(`${iso}T12:00:00Z`).getUTCDay());

export const choices = (list) => list.map((v) => [v, v.replace(/_/g, ' ')]);

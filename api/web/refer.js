// Refer a case (/refer): the business unit (or an admin) records a referral with everything the review
// type needs: its type, a title that names no one, the dates, the rationale and the questions the type
// asks (its conditions: for the first types, whether the statutory criteria are met, whether the child
// died, whether the family lived elsewhere).
// On success the page moves to the new review.
import { get, post } from './api.js';
import { html } from './format.js';
import { formHtml, wireForm } from './forms.js';
import { announce, currentUser, everyPage, goTo, render } from './page.js';

export const REFERRERS = ['admin', 'business_unit'];
const YES_NO = [['yes', 'Yes'], ['no', 'No']];
const today = () => new Date().toISOString().slice(0, 10);

// The questions the review type asks at referral (GET /workflows/{name} conditions), each answered yes
// or no; one the type does not require starts at "no".
function conditionsOf(workflow) {
  return (workflow?.conditions || []).map((condition) => ({
    name: condition.key, label: condition.question, type: 'radios', required: condition.required, options: YES_NO,
    value: condition.required ? undefined : 'no', missing: 'answer yes or no', hint: condition.source || '',
    about: new RegExp(condition.key),
  }));
}

function fieldsFor(workflows, chosen, conditions) {
  return [
    { name: 'workflow', label: 'Type of review', type: 'select', required: true, value: chosen,
      options: workflows.map((w) => [w.name, `${w.title} (${w.name})`]), missing: 'choose the type of review',
      about: /workflow|type/ },
    { name: 'title', label: 'Title', required: true, missing: 'enter a title',
      hint: 'No names: a reference such as "Child R (2026/09)". The title appears in emails, the calendar and board papers.',
      check: (v) => (v.length > 200 ? 'use at most 200 characters' : null), about: /title/ },
    { name: 'incident_date', label: 'Date of the incident', type: 'date', required: true, missing: 'enter the date of the incident',
      check: (v) => (v > today() ? 'the incident date cannot be in the future' : null), about: /incident/ },
    { name: 'referral_date', label: 'Date of the referral', type: 'date', required: true, value: today(), missing: 'enter the date of the referral',
      check: (v, all) => (v > today() ? 'the referral date cannot be in the future' : all.incident_date && v < all.incident_date ? 'the referral comes after the incident' : null),
      about: /referral_date/ },
    { name: 'rationale', label: 'Rationale: why the case is referred', type: 'textarea', required: true,
      missing: 'enter why the case is referred (QM1)', hint: 'Kept in the history; the chair decides on it.' },
    ...conditions,
    { name: 'late_referral_reason', label: 'Why the referral is late (if it is)', type: 'textarea',
      hint: 'Only when the case is referred later than the type of review expects.' },
  ];
}

export async function showRefer() {
  if (!REFERRERS.includes(currentUser().role)) {
    render('Refer a case', html`<h1>Refer a case</h1><p>Cases are referred by the business unit. Your role cannot refer one.</p>`);
    return;
  }
  const workflows = await everyPage('/workflows');
  const typedNow = () => {
    const form = document.getElementById('refer-form');
    return form ? Object.fromEntries(['title', 'incident_date', 'referral_date', 'rationale'].map((n) => [n, form.elements[n].value])) : {};
  };
  const show = async (chosen) => {
    const workflow = chosen ? await get(`/workflows/${chosen}`) : null;
    const typed = typedNow();  // read once the type's conditions are known: nothing typed meanwhile is lost
    const fields = fieldsFor(workflows, chosen, conditionsOf(workflow));
    render('Refer a case', html`<p><a href="/">Board dashboard</a></p><h1>Refer a case</h1>
      <p>Every field marked required is needed before the case can be referred.</p>
      ${workflow ? html`<p class="hint">${workflow.description}</p>` : ''}
      ${formHtml({ prefix: 'refer', heading: 'The referral', level: 2, fields, submit: 'Refer the case', cancel: false })}`);
    const form = document.getElementById('refer-form');
    for (const [name, value] of Object.entries(typed)) if (value) form.elements[name].value = value;
    // Choosing the type of review asks its own conditions; what was typed is kept.
    form.elements.workflow.addEventListener('change', async (event) => {
      await show(event.target.value);
      document.getElementById('refer-form').elements.workflow.focus();
    });
    wireForm(form, {
      prefix: 'refer', fields,
      onSubmit: async (values) => {
        const body = { workflow: values.workflow, title: values.title, incident_date: values.incident_date,
          referral_date: values.referral_date, rationale: values.rationale };
        body.conditions = Object.fromEntries(conditionsOf(workflow).map((c) => [c.name, values[c.name] === 'yes']));
        if (values.late_referral_reason) body.late_referral_reason = values.late_referral_reason;
        const created = await post('/reviews', body);
        goTo(`/reviews/${created.id}`);
        announce(`Referred: ${values.title}. The chair's decision is now due.`);
      },
    });
  };
  await show(workflows.length === 1 ? workflows[0].name : '');
}

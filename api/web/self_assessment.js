// The Quality Marker self-assessment: every question of every marker, grouped and folded by marker with
// how many are unanswered; admin, the business unit, the chair and the lead reviewer answer each one in
// place (yes, partly, no, not applicable, with a note and evidence). Saving one answer redraws only that
// question and its marker's count, and says who answered and when.
import { put } from './api.js';
import { formatInstant, html } from './format.js';
import { formHtml, wireForm } from './forms.js';

const ASSESSORS = ['admin', 'business_unit', 'chair', 'lead_reviewer'];
const ANSWERS = [['yes', 'Yes'], ['partly', 'Partly'], ['no', 'No'], ['not_applicable', 'Not applicable']];
const answerWords = (answer) => (ANSWERS.find(([a]) => a === answer) || [answer, answer])[1];
const prefixOf = (question) => `sa-${question.id}`;
const unansweredOf = (marker) => marker.questions.filter((q) => !q.current).length;

const fieldsOf = (question) => [
  { name: 'answer', label: 'Answer', type: 'radios', required: true, options: ANSWERS, value: question.current?.answer,
    missing: 'choose an answer' },
  { name: 'note', label: 'Note', type: 'textarea', value: question.current?.note || '' },
  { name: 'evidence', label: 'Evidence (where it is kept)', value: question.current?.evidence || '' },
];

function answeredWords(question) {
  const current = question.current;
  if (!current) return html`<p class="answered muted" id="${prefixOf(question)}-answered">Not answered yet.</p>`;
  return html`<p class="answered" id="${prefixOf(question)}-answered">Answered <strong>${answerWords(current.answer)}</strong>
    by ${current.answered_by}, ${formatInstant(current.answered_at)}${current.note ? html`: ${current.note}` : ''}</p>`;
}

function questionHtml(question, mayAnswer) {
  if (!mayAnswer) return html`<li><p>${question.text}</p>${answeredWords(question)}</li>`;
  return html`<li class="question" id="${prefixOf(question)}">${formHtml({ prefix: prefixOf(question), heading: question.text,
    intro: answeredWords(question), fields: fieldsOf(question), submit: 'Save the answer', cancel: false })}</li>`;
}

const countWords = (marker) => {
  const left = unansweredOf(marker);
  return left ? `${left} of ${marker.questions.length} unanswered` : `all ${marker.questions.length} answered`;
};

export function assessmentSection({ id, assessment, role }) {
  if (!assessment) return html`<p>Your role cannot see the self-assessment.</p>`;
  const s = assessment.summary;
  const mayAnswer = ASSESSORS.includes(role);
  return html`<p id="assessment-summary">${s.questions} questions: ${s.yes} yes, ${s.partly} partly, ${s.no} no,
      ${s.not_applicable} not applicable, ${s.unanswered} unanswered.</p>
    <p><a href="/api/v1/reviews/${id}/self-assessment/report" target="_blank" rel="noopener">Printable self-assessment report</a></p>
    ${assessment.markers.map((marker) => html`<details class="marker" id="marker-${marker.number}">
      <summary>Quality Marker ${marker.number}: ${marker.name} <span class="count" id="marker-${marker.number}-count">(${countWords(marker)})</span></summary>
      <p class="muted">${marker.statement}</p>
      <ol class="questions">${marker.questions.map((q) => questionHtml(q, mayAnswer))}</ol></details>`)}`;
}

function summaryWords(assessment) {
  const counts = { yes: 0, partly: 0, no: 0, not_applicable: 0, unanswered: 0 };
  let total = 0;
  for (const marker of assessment.markers) {
    for (const q of marker.questions) {
      total += 1;
      counts[q.current ? q.current.answer : 'unanswered'] += 1;
    }
  }
  return `${total} questions: ${counts.yes} yes, ${counts.partly} partly, ${counts.no} no, ${counts.not_applicable} not applicable, ${counts.unanswered} unanswered.`;
}

function wireQuestion(id, assessment, marker, question, announce) {
  const form = document.getElementById(`${prefixOf(question)}-form`);
  if (!form) return;
  wireForm(form, {
    prefix: prefixOf(question),
    fields: fieldsOf(question),
    onSubmit: async (values) => {
      const answered = await put(`/reviews/${id}/self-assessment/${encodeURIComponent(question.id)}`, values);
      question.current = answered.current;
      const item = document.getElementById(prefixOf(question));
      item.innerHTML = String(formHtml({ prefix: prefixOf(question), heading: question.text, intro: answeredWords(question),
        fields: fieldsOf(question), submit: 'Save the answer', cancel: false }));
      wireQuestion(id, assessment, marker, question, announce);
      document.getElementById(`marker-${marker.number}-count`).textContent = `(${countWords(marker)})`;
      document.getElementById('assessment-summary').textContent = summaryWords(assessment);
      const note = document.getElementById(`${prefixOf(question)}-answered`);
      note.setAttribute('tabindex', '-1');
      note.focus();
      announce(`Answer saved: ${answerWords(values.answer)}.`);
    },
  });
}

export function wireAssessment({ id, assessment, announce }) {
  if (!assessment) return;
  for (const marker of assessment.markers) {
    for (const question of marker.questions) wireQuestion(id, assessment, marker, question, announce);
  }
}

// The review's history and delay register as people read them: checkpoints by their titles ("checkpoint
// completed: Terms of reference agreed"), decisions with their rationale, and outcomes in words.
import { formatDate, formatInstant, html } from './format.js';

const DECISIONS = ['decide_to_review', 'decide_not_to_review', 'reconsider', 'return_for_revision', 'reopen_report',
  'decide_not_to_publish', 'pause'];
const OUTCOME_WORDS = { no_review: 'no review', national_review: 'a national review takes it', other_process: 'another process covers it' };
const words = (key) => String(key || '').replace(/_/g, ' ');

// key -> title, from the workflow and the review's own checkpoints (an action's deadline has its own).
export function titlesOf(review, workflow) {
  const titles = {};
  for (const c of workflow.checkpoints || []) titles[c.key] = c.title;
  for (const c of review.checkpoints || []) titles[c.key] = c.title;
  return titles;
}

function what(entry, titles) {
  const data = entry.data || {};
  const title = data.checkpoint ? titles[data.checkpoint] || words(data.checkpoint) : '';
  const name = words(entry.event);
  if (title) return `${name}: ${title}`;
  if (entry.event === 'decide_not_to_review' && data.outcome) return `${name} (${OUTCOME_WORDS[data.outcome] || words(data.outcome)})`;
  if (entry.event === 'decide_not_to_publish' && 'summary_published' in data) {
    return `${name} (${data.summary_published ? 'a summary is published' : 'no summary is published'})`;
  }
  if (entry.event === 'privacy_check_run' && 'findings' in data) {
    return `${name}: ${data.findings ? `${data.findings} place${data.findings === 1 ? '' : 's'} name the family` : 'found nothing'}`;
  }
  return name;
}

export function historySection({ history, review, workflow }) {
  const titles = titlesOf(review, workflow);
  const items = (history.items || history).map((entry) => html`<li><strong>${what(entry, titles)}</strong>,
    ${formatInstant(entry.at)}, by ${entry.actor}${entry.reason ? (DECISIONS.includes(entry.event)
      ? html`<br>Rationale: ${entry.reason}` : html`: ${entry.reason}`) : ''}</li>`);
  return html`<ol class="history">${items}</ol>`;
}

export function delaySection({ review, workflow }) {
  const delays = review.delays || [];
  if (!delays.length) return html`<p>No deadline has been moved.</p>`;
  const titles = titlesOf(review, workflow);
  return html`<div class="table-wrap"><table><caption>Deadlines moved, and why</caption>
    <thead><tr><th scope="col">What</th><th scope="col">Was due</th><th scope="col">Now due</th><th scope="col">Why</th><th scope="col">Recorded</th></tr></thead>
    <tbody>${delays.map((d) => html`<tr><td>${titles[d.checkpoint] || words(d.checkpoint)}</td><td>${formatDate(d.previous_due)}</td>
      <td>${formatDate(d.new_due)}</td><td>${d.reason}</td><td>${d.recorded_by}<br>${formatInstant(d.recorded_at)}</td></tr>`)}</tbody></table></div>`;
}

// The review's history and delay register as people read them: checkpoints by their titles ("checkpoint
// completed: Terms of reference agreed"), decisions with their rationale, and outcomes in words.
import { formatDate, formatInstant, html } from './format.js';
import { placesWords } from './privacy.js';

const DECISIONS = ['decide_to_review', 'decide_not_to_review', 'reconsider', 'return_for_revision', 'reopen_report',
  'decide_not_to_publish', 'pause'];
const OUTCOME_WORDS = { no_review: 'no review', national_review: 'a national review takes it', other_process: 'another process covers it' };
const words = (key) => String(key || '').replace(/_/g, ' ');

// key -> title, from the workflow and the review's own checkpoints (an action's deadline has its own).
// Information requests and improvement actions are named too, when the page has them.
export function titlesOf(review, workflow, requests = null, actions = null) {
  const titles = {};
  for (const r of requests?.items || []) titles[`information_request/${r.id}`] = `Information asked of ${r.agency}`;
  for (const a of actions?.items || []) titles[`action/${a.id}`] = `Improvement action: ${a.title}`;
  for (const c of workflow.checkpoints || []) titles[c.key] = c.title;
  for (const c of review.checkpoints || []) titles[c.key] = c.title;
  return titles;
}

const lateBy = (days) => `, done ${days} working day${days === 1 ? '' : 's'} late`;

// An information request's event: "information received (Police)", "information request changed (Police):
// due date moved from Mon 4 Jan 2027 to Fri 15 Jan 2027".
function requestWhat(name, data) {
  const changes = [];
  if (data.previous_agency) changes.push(`re-addressed from ${data.previous_agency}`);
  if (data.new_due) changes.push(`due date moved from ${formatDate(data.previous_due)} to ${formatDate(data.new_due)}`);
  return `${name} (${data.agency})${changes.length ? `: ${changes.join(', ')}` : ''}`;
}

// "panel set to CSPRP-1, steis removed (was 2026/12), local changed from A to B".
function referenceChanges({ references, previous = {} }) {
  return Object.entries(references).map(([key, value]) => {
    const was = previous[key];
    if (value === null) return `${words(key)} removed (was ${was})`;
    return was ? `${words(key)} changed from ${was} to ${value}` : `${words(key)} set to ${value}`;
  }).join(', ');
}

function what(entry, titles) {
  const data = entry.data || {};
  const title = data.checkpoint ? titles[data.checkpoint] || words(data.checkpoint) : '';
  const name = words(entry.event);
  if (title) return `${name}: ${title}${data.late_by_working_days > 0 ? lateBy(data.late_by_working_days) : ''}`;
  if (data.information_request && data.agency) return requestWhat(name, data);
  if (entry.event === 'family_member_updated' && data.changed?.length) {
    return `${name} (${data.relationship}: ${data.changed.map(words).join(', ')} changed)`;
  }
  if (entry.event === 'decide_not_to_review' && data.outcome) return `${name} (${OUTCOME_WORDS[data.outcome] || words(data.outcome)})`;
  if (entry.event === 'decide_not_to_publish' && 'summary_published' in data) {
    return `${name} (${data.summary_published ? 'a summary is published' : 'no summary is published'})`;
  }
  if (entry.event === 'references_changed' && data.references) return `${name}: ${referenceChanges(data)}`;
  if (entry.event === 'privacy_check_run' && 'findings' in data) {
    return `${name}: ${data.findings ? placesWords(data.findings) : 'found nothing'}`;
  }
  return name;
}

export function historySection({ history, review, workflow, requests, actions }) {
  const titles = titlesOf(review, workflow, requests, actions);
  const items = (history.items || history).map((entry) => html`<li><strong>${what(entry, titles)}</strong>,
    ${formatInstant(entry.at)}, by ${entry.actor}${entry.reason ? (DECISIONS.includes(entry.event)
      ? html`<br>Rationale: ${entry.reason}` : html`: ${entry.reason}`) : ''}</li>`);
  return html`<ol class="history">${items}</ol>`;
}

export function delaySection({ review, workflow, requests, actions }) {
  const delays = review.delays || [];
  if (!delays.length) return html`<p>No deadline has been moved.</p>`;
  const titles = titlesOf(review, workflow, requests, actions);
  return html`<div class="table-wrap"><table><caption>Deadlines moved, and why</caption>
    <thead><tr><th scope="col">What</th><th scope="col">Was due</th><th scope="col">Now due</th><th scope="col">Why</th><th scope="col">Recorded</th></tr></thead>
    <tbody>${delays.map((d) => html`<tr><td>${titles[d.checkpoint] || words(d.checkpoint)}</td><td>${formatDate(d.previous_due)}</td>
      <td>${formatDate(d.new_due)}</td><td>${d.reason}</td><td>${d.recorded_by}<br>${formatInstant(d.recorded_at)}</td></tr>`)}</tbody></table></div>`;
}

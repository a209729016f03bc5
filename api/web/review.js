// One review: where it stands in its phases and what may happen next (and, when a step is blocked,
// why), its checkpoints by Quality Marker, the delay register, parallel processes, information requests,
// documents, family involvement, actions, the self-assessment and the whole history.
import { ApiError, get, post } from './api.js';
import {
  badge, dueWords, eventLabel, EVENTS, formatDate, formatInstant, html, PHASE_INDEX, PHASES, phaseLabel,
} from './format.js';
import { announce, currentUser, render, showError } from './page.js';

const CHANGERS = ['admin', 'business_unit', 'chair'];
// A checkpoint is completed or extended by its owner role, or by these on its behalf; the chair may waive too.
const ON_BEHALF = ['admin', 'business_unit'];
const FAMILY_READERS = ['admin', 'business_unit', 'lead_reviewer'];

const optional = (promise) => promise.catch((error) => (error instanceof ApiError && error.status === 403 ? null : Promise.reject(error)));

// What blocks `event` now, in words: open checkpoints that block it, holds, open actions.
function blockersOf(event, review, actions) {
  const reasons = review.checkpoints
    .filter((c) => (c.status !== 'done' && c.status !== 'waived') && (c.blocks || []).includes(event))
    .map((c) => html`<li>Checkpoint <a href="#checkpoint-${c.key}">${c.title}</a>, ${c.status === 'overdue' ? 'overdue since' : 'due'} ${dueWords(c.due, c.working_days_left)}</li>`);
  if (event === 'publish') {
    for (const process of review.parallel_processes) {
      if (process.status === 'active' && process.holds_publication) {
        reasons.push(html`<li>The ${process.kind.replace(/_/g, ' ')} (${process.owner || 'owner not recorded'}) is holding publication</li>`);
      }
    }
  }
  if (event === 'close') {
    for (const action of actions) {
      if (action.status === 'not_started' || action.status === 'in_progress') reasons.push(html`<li>Improvement action "${action.title}" is still open</li>`);
      for (const follow of action.follow_ups) {
        if (follow.status === 'pending') reasons.push(html`<li>The ${follow.after_completion} follow-up of "${action.title}" is pending (due ${formatDate(follow.due)})</li>`);
      }
    }
  }
  return reasons;
}

function nextSteps(review, actions) {
  const events = EVENTS[review.state] || [];
  if (!events.length) return html`<p>This review has ended; nothing more happens to it.</p>`;
  const canChange = CHANGERS.includes(currentUser().role);
  const steps = events.map((event) => {
    const allowed = review.allowed_events.includes(event);
    const reasons = allowed ? [] : blockersOf(event, review, actions);
    return html`<div class="step" id="step-${event}">
      <form class="event-form" data-event="${event}">
        <h3>${eventLabel(event)}</h3>
        ${allowed ? html`<label for="reason-${event}">Reason or decision note</label>
          <textarea id="reason-${event}" name="reason" rows="2"></textarea>` : ''}
        <button type="submit" ${allowed && canChange ? '' : 'disabled'} aria-describedby="why-${event}">${eventLabel(event)}</button>
        <div class="why" id="why-${event}">${allowed ? (canChange ? '' : html`<p class="muted">Your role cannot record this step.</p>`)
          : html`<p><strong>Blocked:</strong> this cannot happen yet because:</p><ul>${reasons.length ? reasons : html`<li>the review is not ready for it</li>`}</ul>`}</div>
      </form></div>`;
  });
  return html`<div class="steps">${steps}</div>`;
}

function checkpointRows(checkpoints, role) {
  return checkpoints.map((c) => {
    const open = c.status !== 'done' && c.status !== 'waived';
    const canChange = role === c.owner_role || ON_BEHALF.includes(role);
    const canWaive = canChange || role === 'chair';
    const privacy = c.key === 'privacy_check_passed';
    const action = c.key.startsWith('action/');  // an action's deadline moves with the action itself
    return html`<tr id="checkpoint-${c.key}">
      <td>${c.title}<br><span class="muted">${c.due_rule}</span></td>
      <td>${dueWords(c.due, c.working_days_left)}</td>
      <td>${badge(c.status)}${c.closed_by ? html`<br><span class="muted">${c.closed_by}</span>` : ''}${c.note ? html`<br>${c.note}` : ''}</td>
      <td>${action ? html`<a href="#actions-heading">See the action</a>` : open && canWaive ? html`
        ${!canChange ? '' : privacy ? html`<a href="#privacy-check">Run the privacy check</a>` : html`<button type="button" data-complete="${c.key}" aria-label="Complete: ${c.title}">Complete</button>`}
        ${c.due && canChange ? html`<button type="button" class="secondary" data-extend="${c.key}" aria-label="Extend: ${c.title}">Extend</button>` : ''}
        ${canWaive ? html`<button type="button" class="secondary" data-waive="${c.key}" aria-label="Waive: ${c.title}">Waive</button>` : ''}` : ''}</td>
    </tr>`;
  });
}

function checkpointsByMarker(review, markers) {
  const role = currentUser().role;
  const groups = new Map();
  for (const checkpoint of review.checkpoints) {
    if (!groups.has(checkpoint.marker)) groups.set(checkpoint.marker, []);
    groups.get(checkpoint.marker).push(checkpoint);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([marker, checkpoints]) => {
    const name = (markers.find((m) => m.number === marker) || {}).name || '';
    return html`<div class="table-wrap"><table>
      <caption>Quality Marker ${marker}${name ? `: ${name}` : ''}</caption>
      <thead><tr><th scope="col">Checkpoint</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${checkpointRows(checkpoints, role)}</tbody></table></div>`;
  });
}

function simpleTable(caption, headings, rows, empty) {
  if (!rows.length) return html`<p>${empty}</p>`;
  return html`<div class="table-wrap"><table><caption>${caption}</caption>
    <thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}

function actionsSection(actions) {
  return simpleTable('Improvement actions', ['Action', 'Owner', 'Due', 'Status', 'RAG'], actions.map((a) => [
    html`${a.title}<br><span class="muted">${a.finding}</span>`, html`${a.owner_agency}${a.lead ? html`<br>${a.lead}` : ''}`,
    formatDate(a.due), a.status.replace(/_/g, ' '), badge(a.rag, a.rag === 'none' ? 'not rated' : a.rag.toUpperCase()),
  ]), 'No improvement action has been agreed yet.');
}

export async function showReview(id) {
  const [review, history] = await Promise.all([get(`/reviews/${id}`), get(`/reviews/${id}/events`)]);
  const role = currentUser().role;
  const [workflow, requests, documents, family, actions, assessment] = await Promise.all([
    get(`/workflows/${review.workflow}`),
    optional(get(`/reviews/${id}/information-requests`)),
    optional(get(`/reviews/${id}/documents`)),
    FAMILY_READERS.includes(role) ? optional(get(`/reviews/${id}/family-members`)) : Promise.resolve(null),
    get(`/reviews/${id}/actions`),
    optional(get(`/reviews/${id}/self-assessment`)),
  ]);
  const canChange = CHANGERS.includes(role);
  const reached = PHASE_INDEX[review.state] ?? -1;
  const phaseMap = PHASES.map(([key, label], i) => html`<li class="${i < reached ? 'passed' : ''}" ${key === review.state ? html`aria-current="step"` : ''}>${label}</li>`);
  const historyItems = (history.items || history).map((e) => html`<li><strong>${e.event.replace(/_/g, ' ')}</strong>, ${formatInstant(e.at)}, by ${e.actor}${e.reason ? html`: ${e.reason}` : ''}</li>`);

  render(review.title, html`
    <p><a href="/">Board dashboard</a></p>
    <h1>${review.title}</h1>
    <p>${review.workflow}, referred ${formatDate(review.referral?.referral_date || review.referral_date)}. Now: <strong>${phaseLabel(review.state)}</strong>.</p>
    <h2>Phases</h2>
    <ol class="phase-map" aria-label="Phases of the review">${phaseMap}</ol>
    <h2>Next steps</h2>
    ${nextSteps(review, actions.items)}
    <h2>Checkpoints by Quality Marker</h2>
    ${checkpointsByMarker(review, workflow.markers || [])}
    <div id="checkpoint-dialog"></div>
    <h2>Delay register</h2>
    ${simpleTable('Deadlines moved, and why', ['What', 'Was due', 'Now due', 'Why', 'Recorded'], (review.delays || []).map((d) => [
      d.checkpoint, formatDate(d.previous_due), formatDate(d.new_due), d.reason, html`${d.recorded_by}<br>${formatInstant(d.recorded_at)}`]),
      'No deadline has been moved.')}
    <h2>Parallel processes</h2>
    ${simpleTable('Police, coroner and other processes', ['Kind', 'Status', 'Holds publication', 'Owner', 'Notes'],
      (review.parallel_processes || []).map((p) => [p.kind.replace(/_/g, ' '), p.status, p.holds_publication ? 'Yes' : 'No', p.owner, p.notes]),
      'No parallel process is recorded.')}
    <h2>Information requests</h2>
    ${requests ? simpleTable('Information asked of agencies', ['Agency', 'Asked for', 'Due', 'Status'],
      requests.items.map((r) => [r.agency, r.request, formatDate(r.due), badge(r.status === 'overdue' ? 'overdue' : r.status === 'open' ? 'pending' : 'done', r.status)]),
      'No information has been requested.') : html`<p>Your role cannot see the information requests.</p>`}
    <h2>Documents register</h2>
    ${documents ? simpleTable('Material the review holds', ['Title', 'Kind', 'Owner', 'Held by', 'Disclosure'],
      documents.items.map((d) => [d.title, d.kind, d.owner_body, d.held_by, d.disclosure_status.replace(/_/g, ' ')]),
      'No document is registered.') : html`<p>Your role cannot see the documents register.</p>`}
    <h2>Family involvement</h2>
    ${family ? simpleTable('Family members and their involvement', ['Relationship', 'Involvement', 'Reason', 'Support needs'],
      family.items.map((m) => [m.relationship, m.involvement.replace(/_/g, ' '), m.reason, m.support_needs]),
      'No family member is recorded yet.') : html`<p>Family details are shown only to the business unit, the lead reviewer and admins.</p>`}
    <h2 id="actions-heading">Improvement actions</h2>
    ${actionsSection(actions.items)}
    <h2>Quality Marker self-assessment</h2>
    ${assessment ? html`<p>${assessment.summary.questions} questions: ${assessment.summary.yes} yes, ${assessment.summary.partly} partly,
      ${assessment.summary.no} no, ${assessment.summary.not_applicable} not applicable, ${assessment.summary.unanswered} unanswered.
      <a href="/api/v1/reviews/${id}/self-assessment/report" target="_blank" rel="noopener">Printable self-assessment report</a></p>`
      : html`<p>Your role cannot see the self-assessment.</p>`}
    ${FAMILY_READERS.includes(role) && review.state !== 'closed' ? html`
      <h2 id="privacy-check">Privacy check of the report</h2>
      <form id="privacy-form">
        <label for="privacy-text">Paste the report's final text</label>
        <p class="hint">The text is searched for the family's recorded names, dates of birth, addresses and other identifiers. It is not stored.</p>
        <textarea id="privacy-text" rows="6"></textarea>
        <p><button type="submit">Check the text</button></p>
        <div id="privacy-result" aria-live="polite"></div>
      </form>` : ''}
    <h2>History</h2>
    <ol class="history">${historyItems}</ol>`);
  wire(id, review);
}

function wire(id, review) {
  const reload = async (message) => {
    await showReview(id);
    announce(message);
  };
  for (const form of document.querySelectorAll('.event-form')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const name = form.dataset.event;
      try {
        await post(`/reviews/${id}/events`, { event: name, reason: form.querySelector('textarea')?.value || '' });
        await reload(`${eventLabel(name)}: recorded.`);
      } catch (error) {
        showError(error);
      }
    });
  }
  const dialog = document.getElementById('checkpoint-dialog');
  const titleOf = (key) => review.checkpoints.find((c) => c.key === key).title;
  const ask = (key, kind) => {
    const fields = kind === 'extend'
      ? html`<label for="cp-due">New due date</label><input id="cp-due" type="date" required>
             <label for="cp-text">Reason for the delay</label><textarea id="cp-text" required></textarea>`
      : html`<label for="cp-text">${kind === 'waive' ? 'Reason for waiving it' : 'Note (what was done)'}</label><textarea id="cp-text"></textarea>
             ${kind === 'complete' ? html`<label for="cp-evidence">Evidence (optional)</label><input id="cp-evidence" size="40">` : ''}`;
    dialog.innerHTML = String(html`<form class="card" id="cp-form"><h3 id="cp-heading">${kind === 'complete' ? 'Complete' : kind === 'extend' ? 'Extend' : 'Waive'}: ${titleOf(key)}</h3>
      ${fields}<p><button type="submit">Save</button> <button type="button" class="secondary" id="cp-cancel">Cancel</button></p></form>`);
    document.getElementById('cp-text').focus();
    document.getElementById('cp-cancel').addEventListener('click', () => { dialog.innerHTML = ''; });
    document.getElementById('cp-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = document.getElementById('cp-text').value;
      const body = kind === 'extend' ? { due: document.getElementById('cp-due').value, reason: text }
        : kind === 'waive' ? { reason: text } : { note: text, evidence: document.getElementById('cp-evidence').value };
      try {
        await post(`/reviews/${id}/checkpoints/${key}/${kind}`, body);
        await reload(`${titleOf(key)}: saved.`);
      } catch (error) {
        showError(error, dialog);
      }
    });
  };
  for (const button of document.querySelectorAll('[data-complete]')) button.addEventListener('click', () => ask(button.dataset.complete, 'complete'));
  for (const button of document.querySelectorAll('[data-extend]')) button.addEventListener('click', () => ask(button.dataset.extend, 'extend'));
  for (const button of document.querySelectorAll('[data-waive]')) button.addEventListener('click', () => ask(button.dataset.waive, 'waive'));
  document.getElementById('privacy-form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = document.getElementById('privacy-result');
    try {
      const check = await post(`/reviews/${id}/privacy-check`, { text: document.getElementById('privacy-text').value });
      if (check.passed) return reload('The privacy check found nothing; the checkpoint is complete.');
      out.innerHTML = String(html`<div class="error-box"><p>${check.findings.length} place${check.findings.length === 1 ? '' : 's'} name the family:</p>
        <ul>${check.findings.map((f) => html`<li>${f.kind.replace(/_/g, ' ')} "${f.match}" at character ${f.start}</li>`)}</ul></div>`);
    } catch (error) {
      showError(error, out);
    }
  });
}

// The chair's queue: the decisions awaiting the chair first; then the alerts sent to the chair, grouped by
// review, one line per step at its highest alert level, each with a checkbox; one or several lines are
// acknowledged with a note after a confirmation of what will be acknowledged. Then the latest daily digest.
import { ApiError, get, post } from './api.js';
import { badge, formatDate, formatInstant, html, lateWords, plural } from './format.js';
import { announce, confirmChange, currentUser, everyPage, render, showError } from './page.js';
import { chairQueue, KIND_WORDS } from './chair_queue.js';

const BADGE = { escalation: 'overdue', overdue: 'overdue', timescale_missed: 'overdue', timescale_at_risk: 'due_soon', reminder: 'due_soon' };

function lineName(line, group) {
  const level = line.level && line.kind === 'escalation' ? ` level ${line.level}` : '';
  return `${KIND_WORDS[line.kind] || line.kind}${level}: ${line.subject_title}, ${group.title}`;
}

function lineDetail(line) {
  if (line.kind === 'deadline_extended') {
    return html`moved ${line.previous_due ? html`from ${formatDate(line.previous_due)} ` : ''}to ${formatDate(line.new_due)}${line.reason ? html`; reason: ${line.reason}` : ''}`;
  }
  const also = line.alerts.length > 1 ? html`<br><span class="muted">with ${plural(line.alerts.length - 1, 'earlier alert')} of this step</span>` : '';
  return html`due ${formatDate(line.due)}; sent ${formatInstant(line.fired_at)}${also}`;
}

function queueLine(line, group, index, canAcknowledge) {
  const id = `line-${group.review}-${index}`;
  const kind = `${KIND_WORDS[line.kind] || line.kind}${line.level && line.kind === 'escalation' ? ` level ${line.level}` : ''}`;
  const moved = line.kind === 'deadline_extended' ? `, new due date ${formatDate(line.new_due)}` : '';
  const words = html`${badge(BADGE[line.kind] || 'pending', kind)} ${line.subject_title}<span class="visually-hidden">, ${group.title}${moved}</span>`;
  return html`<li class="queue-line">
    ${canAcknowledge ? html`<input type="checkbox" id="${id}" data-ids="${line.ids.join(',')}" data-name="${lineName(line, group)}">
      <label for="${id}" class="line-label">${words}</label>` : html`<span class="line-label">${words}</span>`}
    <span class="line-detail muted">${lineDetail(line)}</span>
  </li>`;
}

function queueGroup(group, canAcknowledge) {
  return html`<section class="card" aria-labelledby="group-${group.review}">
    <h3 id="group-${group.review}"><a href="/reviews/${group.review}">${group.title}</a></h3>
    <ul class="queue">${group.lines.map((line, i) => queueLine(line, group, i, canAcknowledge))}</ul>
  </section>`;
}

// A referral waiting for the chair: its missed steps with their lateness, and the next step to come.
function decisionLine(review) {
  const next = review.next_checkpoint;
  const missed = review.missed.map((step) => `${step.title} (${lateWords(step.working_days_late)})`);
  return html`<li><a href="/reviews/${review.id}">${review.title}</a>, referred ${formatDate(review.referral_date)}${missed.length
    ? html`; ${badge('overdue', 'missed')} ${missed.join('; ')}` : ''}${next ? html`; next: ${next.title}, due ${formatDate(next.due)}` : ''}</li>`;
}

async function acknowledgeChosen(chosen) {
  const note = document.getElementById('ack-note').value.trim();
  const ids = chosen.flatMap((box) => box.dataset.ids.split(',').map(Number));
  const yes = await confirmChange({
    title: `Acknowledge ${plural(chosen.length, 'line')}?`,
    body: html`<p>These will be acknowledged (${plural(ids.length, 'alert')} in all), recorded in each review's history:</p>
      <ul>${chosen.map((box) => html`<li>${box.dataset.name}</li>`)}</ul>
      <p>${note ? html`With the note: “${note}”` : 'Without a note.'}</p>`,
    confirm: 'Acknowledge',
  });
  if (!yes) return;
  try {
    await post('/alerts/acknowledge', { ids, note });
    const done = `Acknowledged ${plural(chosen.length, 'line')} (${plural(ids.length, 'alert')})${note ? ' with your note' : ''}.`;
    await showChair(done);
    announce(done);
  } catch (error) {
    showError(error, document.getElementById('queue'));
  }
}

export async function showChair(doneMessage = '') {
  const [queue, decisions] = await Promise.all([chairQueue(), everyPage('/reviews?state=decision_pending')]);
  // The digest goes to people, not to the board's API tokens.
  const inbox = currentUser().user ? await get('/inbox?limit=50') : { items: [] };
  const digest = inbox.items.find((item) => /digest/i.test(item.subject));
  const waiting = decisions.filter((r) => r.state === 'decision_pending');
  // Alerts sent to the chair: the chair acknowledges them, or an admin or the business unit on its behalf.
  const canAcknowledge = ['admin', 'business_unit', 'chair'].includes(currentUser().role);
  const lines = queue.reduce((sum, group) => sum + group.lines.length, 0);
  render('Chair', html`
    <h1>Chair's queue</h1>
    ${doneMessage ? html`<p class="notice" id="done" tabindex="-1">${doneMessage}</p>` : ''}
    <h2>Decisions awaiting the chair</h2>
    ${waiting.length ? html`<ul>${waiting.map(decisionLine)}</ul>`
      : html`<p>No referral is waiting for a decision.</p>`}
    <h2 id="queue-heading">Alerts waiting for the chair</h2>
    <div id="queue">
    ${lines ? html`<p>${plural(lines, 'step')} across ${plural(queue.length, 'review')}; each line is the step's highest alert.
        ${canAcknowledge ? 'Choose the lines to acknowledge, add a note of what was done or decided, then acknowledge them.' : ''}</p>
      ${canAcknowledge ? html`<form id="ack-form" class="ack-form">
        <label for="ack-note">Note to record with the acknowledgement</label>
        <p class="hint" id="ack-note-hint">Optional: what you did or decided, for the review's history.</p>
        <textarea id="ack-note" maxlength="2000" aria-describedby="ack-note-hint"></textarea>
        <p><button type="submit">Acknowledge the chosen lines</button></p>
      </form>` : ''}
      ${queue.map((group) => queueGroup(group, canAcknowledge))}
      ${canAcknowledge ? html`<p><button type="submit" form="ack-form">Acknowledge the chosen lines</button>
        <span class="muted">with the note above</span></p>` : ''}` : html`<p>Nothing is waiting for the chair.</p>`}
    </div>
    <h2>Latest daily digest</h2>
    ${digest ? html`<div class="card"><h3>${digest.subject}</h3><pre class="digest-body">${digest.body}</pre></div>`
      : html`<p>No digest has reached your inbox yet. It goes out on working days at the board's digest time.</p>`}`);
  document.getElementById('ack-form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...document.querySelectorAll('#queue input[type="checkbox"]:checked')];
    if (!chosen.length) {
      document.querySelector('#ack-form .error-box')?.remove();
      showError(new ApiError(400, { detail: 'Choose at least one line to acknowledge: tick its box.' }), document.getElementById('ack-form'));
      return;
    }
    await acknowledgeChosen(chosen);
  });
  if (doneMessage) document.getElementById('done').focus();
}

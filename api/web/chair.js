// The chair's view: escalations and delay alerts waiting for the chair, decisions awaiting the chair,
// and the latest daily digest.
import { get, post } from './api.js';
import { badge, dueWords, formatDate, formatInstant, html } from './format.js';
import { announce, currentUser, render, showError } from './page.js';

const KIND_WORDS = { reminder: 'Reminder', overdue: 'Overdue', escalation: 'Escalation', deadline_extended: 'Deadline moved' };

function subjectOf(alert) {
  if (alert.checkpoint) return alert.checkpoint.replace(/_/g, ' ');
  if (alert.action) return `improvement action ${alert.action}`;
  if (alert.follow_up) return `follow-up check ${alert.follow_up}`;
  if (alert.information_request) return `information request ${alert.information_request}`;
  return 'item';
}

export async function showChair() {
  const [alerts, reviews] = await Promise.all([
    get('/alerts?status=open&role=chair&limit=200'),
    get('/reviews?state=decision_pending&limit=200'),
  ]);
  const inbox = currentUser().user ? await get('/inbox?limit=50').catch(() => ({ items: [] })) : { items: [] };
  const digest = inbox.items.find((item) => /digest/i.test(item.subject));
  const titles = {};
  const decisions = reviews.items.filter((r) => r.state === 'decision_pending');
  for (const review of decisions) titles[review.id] = review.title;
  // Alerts sent to the chair: the chair acknowledges them, or an admin or the business unit on its behalf.
  const canAcknowledge = ['admin', 'business_unit', 'chair'].includes(currentUser().role);
  const alertRows = alerts.items.map((alert) => html`
    <tr>
      <td>${badge(alert.kind === 'escalation' ? 'overdue' : 'due_soon', KIND_WORDS[alert.kind] || alert.kind)}${alert.level ? ` level ${alert.level}` : ''}</td>
      <td><a href="/reviews/${alert.review}">Review ${alert.review}</a></td>
      <td>${subjectOf(alert)}</td>
      <td>${formatDate(alert.due)}</td>
      <td>${formatInstant(alert.fired_at)}</td>
      <td>${canAcknowledge ? html`<button type="button" class="secondary" data-acknowledge="${alert.id}">Acknowledge</button>` : ''}</td>
    </tr>`);
  render('Chair', html`
    <h1>Chair's view</h1>
    <h2>Waiting for the chair</h2>
    ${alertRows.length ? html`<div class="table-wrap"><table id="chair-alerts">
      <caption>Escalations and delay alerts sent to the chair, not yet acknowledged</caption>
      <thead><tr><th scope="col">Alert</th><th scope="col">Review</th><th scope="col">About</th><th scope="col">Due</th>
      <th scope="col">Sent</th><th scope="col"><span class="visually-hidden">Acknowledge</span></th></tr></thead>
      <tbody>${alertRows}</tbody></table></div>` : html`<p>Nothing is waiting for the chair.</p>`}
    <h2>Decisions awaiting the chair</h2>
    ${decisions.length ? html`<ul>${decisions.map((r) => html`<li><a href="/reviews/${r.id}">${r.title}</a>, referred ${formatDate(r.referral_date)}; next deadline ${dueWords(r.next_due)}</li>`)}</ul>`
      : html`<p>No referral is waiting for a decision.</p>`}
    <h2>Latest daily digest</h2>
    ${digest ? html`<div class="card"><h3>${digest.subject}</h3><pre class="digest-body">${digest.body}</pre></div>`
      : html`<p>No digest has reached your inbox yet. It goes out on working days at the board's digest time.</p>`}`);
  for (const button of document.querySelectorAll('[data-acknowledge]')) {
    button.addEventListener('click', async () => {
      try {
        await post(`/alerts/${button.dataset.acknowledge}/acknowledge`);
        announce('Alert acknowledged.');
        await showChair();
      } catch (error) {
        showError(error);
      }
    });
  }
}

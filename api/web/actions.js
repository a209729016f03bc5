// The actions tracker: every improvement action of the board, by agency and RAG, with filters.
import { badge, formatDate, html } from './format.js';
import { goTo, render, wholeList } from './page.js';

const RAG_ORDER = { red: 0, amber: 1, green: 2, none: 3 };
const STATUSES = ['not_started', 'in_progress', 'completed', 'evidenced', 'not_achieved', 'dropped'];

export async function showActions() {
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const name of ['agency', 'status', 'overdue']) if (params.get(name)) query.set(name, params.get(name));
  const [actions, agencies] = await Promise.all([wholeList(`/actions?${query}`), wholeList('/actions/by-agency')]);
  const items = actions.items.slice().sort((a, b) => RAG_ORDER[a.rag] - RAG_ORDER[b.rag] || a.due.localeCompare(b.due));
  const summary = agencies.items.map((a) => [a.agency, a.total, a.rag.red, a.rag.amber, a.rag.green, a.overdue]);
  render('Actions tracker', html`
    <h1>Actions tracker</h1>
    <h2>By agency</h2>
    ${summary.length ? html`<div class="table-wrap"><table id="agency-summary"><caption>Improvement actions per owner agency</caption>
      <thead><tr><th scope="col">Agency</th><th scope="col">Actions</th><th scope="col">Red</th><th scope="col">Amber</th>
      <th scope="col">Green</th><th scope="col">Overdue</th></tr></thead>
      <tbody>${summary.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`
      : html`<p>No improvement action has been agreed yet.</p>`}
    <h2>Every action</h2>
    <form class="filters" id="action-filters">
      <div><label for="agency-filter">Agency</label>
        <select id="agency-filter"><option value="">All agencies</option>
          ${agencies.items.map((a) => html`<option ${a.agency === params.get('agency') ? 'selected' : ''}>${a.agency}</option>`)}</select></div>
      <div><label for="status-filter">Status</label>
        <select id="status-filter"><option value="">Any status</option>
          ${STATUSES.map((s) => html`<option value="${s}" ${s === params.get('status') ? 'selected' : ''}>${s.replace(/_/g, ' ')}</option>`)}</select></div>
      <div><label><input type="checkbox" id="overdue-only" ${params.get('overdue') === 'true' ? 'checked' : ''}> Overdue only</label></div>
      <div><button type="submit" class="secondary">Apply filters</button></div>
    </form>
    <div class="table-wrap"><table id="actions"><caption>Improvement actions, red first</caption>
      <thead><tr><th scope="col">RAG</th><th scope="col">Action</th><th scope="col">Review</th><th scope="col">Owner</th>
      <th scope="col">Due</th><th scope="col">Status</th></tr></thead>
      <tbody>${items.length ? items.map((a) => html`<tr>
        <td>${badge(a.rag, a.rag === 'none' ? 'not rated' : a.rag.toUpperCase())}</td>
        <td>${a.title}${a.impact ? html`<br><span class="muted">Impact: ${a.impact}</span>` : ''}</td>
        <td><a href="/reviews/${a.review}">${a.review_title}</a></td>
        <td>${a.owner_agency}${a.lead ? html`<br>${a.lead}` : ''}</td>
        <td>${formatDate(a.due)}${a.overdue ? html` ${badge('overdue')}` : ''}</td>
        <td>${a.status.replace(/_/g, ' ')}${a.status_reason ? html`<br><span class="muted">${a.status_reason}</span>` : ''}</td>
      </tr>`) : html`<tr><td colspan="6">No action matches the filters.</td></tr>`}</tbody></table></div>`);
  document.getElementById('action-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    const agency = document.getElementById('agency-filter').value;
    const status = document.getElementById('status-filter').value;
    if (agency) next.set('agency', agency);
    if (status) next.set('status', status);
    if (document.getElementById('overdue-only').checked) next.set('overdue', 'true');
    goTo(`/actions${next.toString() ? `?${next}` : ''}`);
  });
}

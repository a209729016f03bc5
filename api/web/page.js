// What every page shares: putting content on the screen, telling screen-reader users what happened,
// showing a problem, and who is signed in.
import { ApiError, get } from './api.js';
import { html } from './format.js';

let user = null;
export const currentUser = () => user;
export const setCurrentUser = (signedIn) => { user = signedIn; };

// Today as the board counts it: the demo's simulated clock when the service runs one, otherwise today in
// the board's time zone.
export async function boardToday() {
  if (user?.simulated_clock) return (await get('/admin/clock')).now.slice(0, 10);
  return new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

// A list (`items`, `next_cursor`) read to its end: the first page's answer with every page's items.
export async function wholeList(path) {
  let whole = null;
  let cursor = '';
  do {
    const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    if (whole) whole.items.push(...page.items);
    else whole = page;
    cursor = page.next_cursor;
  } while (cursor);
  whole.next_cursor = null;
  return whole;
}

// Every page's items of a list.
export async function everyPage(path) {
  return (await wholeList(path)).items;
}

// Going to one of the page's own addresses without reloading (a link, a filter, a form that moves on).
let router = null;
export const setRouter = (showAddress) => { router = showAddress; };
export function goTo(address) {
  history.pushState(null, '', address);
  router();
}

export function announce(text) {
  document.getElementById('status').textContent = text;
}

export function render(title, content) {
  document.title = `${title} - scr-tracker`;
  document.getElementById('main').innerHTML = String(content);
}

export function showError(error, where = document.getElementById('main')) {
  const detail = error instanceof ApiError ? error.message : 'Something went wrong; try again.';
  const box = document.createElement('div');
  box.className = 'error-box';
  box.setAttribute('role', 'alert');
  box.setAttribute('tabindex', '-1');
  box.innerHTML = String(html`<h2>There is a problem</h2><p>${detail}</p>`);
  where.prepend(box);
  box.focus();
}

// ---- Asking before a change that cannot be undone ----
// A modal dialog that says what will happen; resolves true when the user confirms. Escape or Cancel: false.
// The focus returns to where it was.
export function confirmChange({ title, body, confirm }) {
  const returnTo = document.activeElement;
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.setAttribute('aria-labelledby', 'confirm-title');
  dialog.innerHTML = String(html`<h2 id="confirm-title">${title}</h2>${body}
    <p class="actions"><button type="button" value="yes">${confirm}</button>
    <button type="button" value="no" class="secondary">Cancel</button></p>`);
  document.body.append(dialog);
  return new Promise((resolve) => {
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      returnTo?.focus?.();
      resolve(answer);
    };
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    for (const button of dialog.querySelectorAll('button')) button.addEventListener('click', () => close(button.value === 'yes'));
    dialog.showModal();
    dialog.querySelector('button[value="yes"]').focus();
  });
}

// Where the focus goes once the next page is shown (a sort button, a list kept in place); the page's
// content otherwise.
let focusTarget = null;
export const focusAfterShowing = (selector) => { focusTarget = selector; };
export function takeFocusTarget() {
  const selector = focusTarget;
  focusTarget = null;
  return selector ? document.querySelector(selector) : null;
}

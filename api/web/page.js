// What every page shares: putting content on the screen, telling screen-reader users what happened,
// showing a problem, and who is signed in.
import { ApiError } from './api.js';
import { html } from './format.js';

let user = null;
export const currentUser = () => user;
export const setCurrentUser = (signedIn) => { user = signedIn; };

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

// The dashboard: signs the user in, then shows the page the address names (/, /chair, /reviews/ID,
// /actions, /my-work, ...): the server answers each of those addresses with this page, so a link in an
// email opens its review. Moving between pages changes the address without reloading. Every page reads and
// writes through the public API. The navigation offers each role what it may use; an agency lands on its
// own work.
import { ApiError, get, post, setCsrfToken } from './api.js';
import { html } from './format.js';
import { goTo, render, setCurrentUser, setRouter, takeFocusTarget } from './page.js';
import { showDashboard } from './dashboard.js';
import { showChair } from './chair.js';
import { showReview } from './review.js';
import { showActions } from './actions.js';
import { showMyWork } from './my_work.js';
import { showClockBar } from './clock_bar.js';
import { setPrintMarks } from './print_marks.js';
import { showRefer } from './refer.js';

const main = document.getElementById('main');
let me = null;

// A failed sign-in keeps the email address typed, so only the password is typed again.
function showSignIn(message, email = '') {
  document.getElementById('main-nav').hidden = true;
  document.getElementById('who').innerHTML = '';
  render('Sign in', html`
    <h1>Sign in</h1>
    ${message ? html`<div class="error-box" role="alert"><p>${message}</p></div>` : ''}
    <form id="sign-in" novalidate>
      <label for="email">Email address</label>
      <input id="email" name="email" type="email" autocomplete="username" required size="36" value="${email}">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required size="36">
      <p><button type="submit">Sign in</button></p>
    </form>`);
  document.getElementById('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      const session = await post('/session', { email: form.get('email'), password: form.get('password') });
      setCsrfToken(session.csrf_token);
      await start();
    } catch (error) {
      showSignIn(error instanceof ApiError ? error.message : 'Signing in failed; try again.', form.get('email'));
    }
  });
  document.getElementById(email ? 'password' : 'email').focus();
}

// An agency works only on its own actions and requests: its landing page is its work list.
const landsOnWork = () => me?.role === 'agency';

// Each role sees the links it can use: a link's `data-not-for` names the roles it is hidden from.
function showNavigationFor(role) {
  for (const item of document.querySelectorAll('#main-nav li[data-not-for]')) {
    item.hidden = item.dataset.notFor.split(' ').includes(role);
  }
}

function markCurrentNav() {
  const path = location.pathname === '/' && landsOnWork() ? '/my-work' : location.pathname;
  for (const link of document.querySelectorAll('#main-nav a')) {
    const href = link.getAttribute('href');
    const here = href === path || (path.startsWith('/reviews/') && href === '/');
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function showAddress() {
  // Addresses of the first release ("#/reviews/5") still work: they become the page's own.
  if (location.hash.startsWith('#/')) history.replaceState(null, '', location.hash.slice(1));
  markCurrentNav();
  const path = location.pathname;
  const review = path.match(/^\/reviews\/(\d+)$/);
  try {
    if (review) await showReview(Number(review[1]));
    else if (path === '/chair') await showChair();
    else if (path === '/actions') await showActions();
    else if (path === '/refer') await showRefer();
    else if (path === '/my-work' || landsOnWork()) await showMyWork();
    else await showDashboard();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showSignIn('Your session has ended; sign in again.');
    render('Problem', html`<h1>That page could not be shown</h1><div class="error-box" role="alert"><p>${error.message}</p></div>
      <p><a href="/">Back to ${landsOnWork() ? 'my work' : 'the board dashboard'}</a></p>`);
  }
  // The focus goes where the page asked (a sort button), to the item the address names (a step), or to
  // the page's content.
  const named = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (named && !named.hasAttribute('tabindex')) named.setAttribute('tabindex', '-1');
  const target = takeFocusTarget() || named || main;
  target.focus();
  if (named && target === named) named.scrollIntoView();
}

// One page is drawn at a time, in the order the addresses were asked for: a slow page (the dashboard reads
// every review) never draws over the page asked for after it.
let drawing = Promise.resolve();
function route() {
  drawing = drawing.then(showAddress, showAddress);
  return drawing;
}


async function start() {
  try {
    me = await get('/session');
    setCurrentUser(me);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showSignIn();
    throw error;
  }
  setCsrfToken(me.csrf_token);
  document.getElementById('board-name').textContent = me.board_name;
  showNavigationFor(me.role);
  document.getElementById('main-nav').hidden = false;
  const who = document.getElementById('who');
  who.innerHTML = String(html`<span>${me.name} (${me.role.replace('_', ' ')})</span><button type="button" id="sign-out">Sign out</button>`);
  document.getElementById('sign-out').addEventListener('click', async () => {
    await post('/session/sign-out');
    me = null;
    document.getElementById('clock-bar').hidden = true;
    showSignIn();
  });
  await showClockBar(me, async () => { await setPrintMarks(me); await route(); });
  await setPrintMarks(me);
  await route();
}

// Links to the page's own addresses ("/reviews/5") change the address without reloading; links within a
// page (the skip link, "see the checkpoint") move the focus there. Other links (the printable report,
// a download, a link with a modifier key held) are left to the browser.
const PAGE_ADDRESS = /^\/(reviews\/\d+|refer|my-work|chair|actions)?(\?[^#]*)?(#.*)?$/;
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const href = link.getAttribute('href');
  if (PAGE_ADDRESS.test(href) && !link.target && !link.hasAttribute('download')) {
    event.preventDefault();
    if (me) goTo(href);
    return;
  }
  if (!href.startsWith('#')) return;
  const target = document.getElementById(href.slice(1));
  if (!target) return;
  event.preventDefault();
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.scrollIntoView();
  target.focus();
});
window.addEventListener('popstate', () => me && route());
setRouter(route);
start();

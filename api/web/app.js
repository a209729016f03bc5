// The dashboard: signs the user in, then shows the page the address names (/, /chair, /reviews/ID,
// /actions, ...): the server answers each of those addresses with this page, so a link in an email opens
// its review. Moving between pages changes the address without reloading. Every page reads and writes
// through the public API.
import { ApiError, get, post, setCsrfToken } from './api.js';
import { formatInstant, html } from './format.js';
import { announce, goTo, render, setCurrentUser, setRouter, showError } from './page.js';
import { showDashboard } from './dashboard.js';
import { showChair } from './chair.js';
import { showReview } from './review.js';
import { showActions } from './actions.js';
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

async function showClockBar() {
  const bar = document.getElementById('clock-bar');
  if (!me.simulated_clock) return;
  const clock = await get('/admin/clock');
  bar.hidden = false;
  bar.innerHTML = String(html`
    <span>Demo clock: <strong id="clock-now">${formatInstant(clock.now)}</strong></span>
    ${me.role === 'admin' ? html`
      <form id="clock-form" class="inline-form">
        <label for="clock-days">Move forward by</label>
        <input id="clock-days" type="number" min="1" max="365" value="1" size="4"> <span>days</span>
        <button type="submit" class="secondary">Move the clock</button>
      </form>` : ''}`);
  document.getElementById('clock-form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const days = Number(document.getElementById('clock-days').value);
      const moved = await post('/admin/clock/advance', { days });
      document.getElementById('clock-now').textContent = formatInstant(moved.now);
      announce(`The clock moved forward ${days} days; everything due has fired.`);
      route();
    } catch (error) {
      showError(error);
    }
  });
}

function markCurrentNav() {
  const path = location.pathname;
  for (const link of document.querySelectorAll('#main-nav a')) {
    const href = link.getAttribute('href');
    const here = href === path || (path.startsWith('/reviews/') && href === '/');
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function route() {
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
    else await showDashboard();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showSignIn('Your session has ended; sign in again.');
    render('Problem', html`<h1>That page could not be shown</h1><div class="error-box" role="alert"><p>${error.message}</p></div>
      <p><a href="/">Back to the board dashboard</a></p>`);
  }
  main.focus();
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
  document.getElementById('main-nav').hidden = false;
  const who = document.getElementById('who');
  who.innerHTML = String(html`<span>${me.name} (${me.role.replace('_', ' ')})</span><button type="button" id="sign-out">Sign out</button>`);
  document.getElementById('sign-out').addEventListener('click', async () => {
    await post('/session/sign-out');
    me = null;
    document.getElementById('clock-bar').hidden = true;
    showSignIn();
  });
  await showClockBar();
  await route();
}

// Links to the page's own addresses ("/reviews/5") change the address without reloading; links within a
// page (the skip link, "see the checkpoint") move the focus there. Other links (the printable report,
// a download, a link with a modifier key held) are left to the browser.
const PAGE_ADDRESS = /^\/(reviews\/\d+|refer|my-work|chair|actions)?(\?.*)?$/;
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

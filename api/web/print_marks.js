// What every printed page carries: the board's name, the date, the protective marking (the session's
// `protective_marking`; OFFICIAL-SENSITIVE until the service says otherwise) at the top and the bottom, and
// "Page N of M". On paper the page's own margins carry them (the @page rules set here through the style
// sheet, which the Content-Security-Policy allows); the banner at the top and the foot of the page says the
// same within the document.
import { get } from './api.js';
import { formatDate } from './format.js';

export const DEFAULT_MARKING = 'OFFICIAL-SENSITIVE';

let marks = null;  // the @page rule inserted last
const cssString = (text) => `"${String(text).replace(/["\\\n]/g, ' ')}"`;

export async function setPrintMarks(me) {
  const marking = me.protective_marking || DEFAULT_MARKING;
  const clock = me.simulated_clock ? await get('/admin/clock').catch(() => null) : null;
  const date = formatDate(clock?.now?.slice(0, 10) || new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
  const words = `${me.board_name} · ${date} · ${marking}`;
  for (const id of ['print-head', 'print-foot']) document.getElementById(id).textContent = words;
  const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/web/app.css'));
  if (!sheet) return;
  // The rule inserted last wins over app.css's own: each sign-in or clock move replaces it.
  if (marks && sheet.cssRules[sheet.cssRules.length - 1] === marks) sheet.deleteRule(sheet.cssRules.length - 1);
  const index = sheet.insertRule(`@page {
    @top-left { content: ${cssString(me.board_name)}; }
    @top-center { content: ${cssString(marking)}; font-weight: 700; }
    @top-right { content: ${cssString(date)}; }
    @bottom-center { content: ${cssString(marking)}; font-weight: 700; }
    @bottom-right { content: "Page " counter(page) " of " counter(pages); } }`, sheet.cssRules.length);
  marks = sheet.cssRules[index];
}

// What every printed page carries: the board's name, the date, the protective marking (the session's
// `protective_marking`, from the service's configuration) at the top and the bottom, and
// "Page N of M". On paper the page's own margins carry them (the @page rules set here through the style
// sheet, which the Content-Security-Policy allows); the banner at the top and the foot of the page says the
// same within the document.
import { formatDate } from './format.js';
import { boardToday } from './page.js';

let marks = null;  // the @page rule inserted last
const cssString = (text) => `"${String(text).replace(/["\\\n]/g, ' ')}"`;

export async function setPrintMarks(me) {
  const marking = me.protective_marking;
  const date = formatDate(await boardToday());
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

// The answer checker fails on answers that differ from api/openapi.json, and passes those that match.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkAnswers } from "./check_answers.mjs";

const document = JSON.parse(readFileSync(new URL("../../api/openapi.json", import.meta.url), "utf8"));
const json = "application/json";
const problem = "application/problem+json";
const answer = (method, path, status, body, content_type = json) =>
  ({ method, path, status, content_type, body: body === undefined ? undefined : JSON.stringify(body) });
const failuresOf = (...answers) => checkAnswers(document, answers).failures;

test("an answer as documented passes", () => {
  assert.deepEqual(failuresOf(answer("GET", "/health", 200, { status: "ok" })), []);
  assert.deepEqual(failuresOf(answer("GET", "/api/v1/reviews/12?x=1", 404,
    { type: "about:blank", title: "Not Found", status: 404, detail: "No review 12 on this board." }, problem)), []);
});

test("a body of the wrong shape fails, naming the operation, the status and the field", () => {
  const failures = failuresOf(answer("GET", "/health", 200, { status: 5 }));
  assert.ok(failures.length >= 1);
  assert.match(failures[0], /^getHealth \(GET \/health\) 200: \/status must be string/);
});

test("a field the document does not describe fails where the schema is closed", () => {
  const failures = failuresOf(answer("GET", "/health", 200, { status: "ok", uptime: 3 }));
  assert.match(failures.join("\n"), /getHealth .* 200: .*must NOT have additional properties 'uptime'/);
});

test("a problem without its detail fails", () => {
  const failures = failuresOf(answer("GET", "/api/v1/reviews/12", 404, { title: "Not Found", status: 404 }, problem));
  assert.match(failures.join("\n"), /getReviewsId \(GET \/api\/v1\/reviews\/\{id\}\) 404: .*detail/);
});

test("an undocumented status, content type or path fails", () => {
  assert.match(failuresOf(answer("GET", "/health", 418, { status: "ok" }))[0], /getHealth .* 418: status not documented/);
  assert.match(failuresOf(answer("GET", "/health", 200, "ok", "text/plain"))[0], /content type 'text\/plain' not documented/);
  assert.match(failuresOf(answer("GET", "/api/v1/nowhere", 200, {}))[0], /no operation documents this path/);
  assert.match(failuresOf(answer("DELETE", "/api/v1/reviews", 200, {}))[0], /DELETE \/api\/v1\/reviews: not documented/);
  assert.match(failuresOf(answer("DELETE", "/api/v1/reviews", 404, { title: "Not Found" }, problem))[0], /not a Problem/);
});

test("a path or method no operation serves may be answered 404 with a problem", () => {
  const notFound = { type: "about:blank", title: "Not Found", status: 404, detail: "No such address: see /api/v1/openapi.json." };
  assert.deepEqual(failuresOf(answer("GET", "/api/v1/nowhere", 404, notFound, problem)), []);
  assert.deepEqual(failuresOf(answer("DELETE", "/api/v1/reviews", 404, notFound, problem)), []);
});

test("a non-JSON answer is checked for its content type only", () => {
  assert.deepEqual(failuresOf(answer("GET", "/api/v1/calendar.ics", 200, undefined, "text/calendar; charset=utf-8")), []);
  assert.match(failuresOf(answer("GET", "/api/v1/calendar.ics", 200, undefined, "text/plain"))[0], /content type/);
});

test("the page and its files are not the API's to describe", () => {
  const { checked, failures } = checkAnswers(document, [answer("GET", "/reviews/3", 200, undefined, "text/html")]);
  assert.equal(checked, 0);
  assert.deepEqual(failures, []);
});

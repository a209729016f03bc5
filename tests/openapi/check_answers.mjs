// Holds every answer the integration tests received (one JSON line each: method, path, status,
// content_type, body; written by tests/support/api_client.cpp) against api/openapi.json: the operation must
// be documented, the status among its responses, the content type among that response's, and a JSON body
// valid against its schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it). Other answers (CSV, xlsx,
// ics, HTML) are checked for their content type only.
//   node check_answers.mjs api/openapi.json answers.jsonl
// Exits 1 naming each failing operation and status with its first mismatches.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const METHODS = ["get", "put", "post", "delete", "patch"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// "text/csv; charset=utf-8" -> "text/csv"
const mediaType = (contentType) => (contentType ?? "").split(";")[0].trim().toLowerCase();

// A checker of answers against `document` (the parsed OpenAPI description).
export function answerChecker(document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  ajv.addFormat("date", DATE);
  ajv.addFormat("date-time", DATE_TIME);
  for (const format of ["email", "uri", "uuid", "password", "int64", "int32", "binary"]) ajv.addFormat(format, true);
  ajv.addSchema(document, "openapi");
  const routes = Object.entries(document.paths).map(([template, item]) => ({
    template,
    item,
    pattern: new RegExp("^" + template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
  }));
  // "/reviews/{id}/self-assessment/report" before "/reviews/{id}/self-assessment/{question_id}".
  const parameters = (template) => (template.match(/\{/g) ?? []).length;
  routes.sort((a, b) => parameters(a.template) - parameters(b.template) || b.template.length - a.template.length);
  const validators = new Map();
  const validator = (pointer) => {
    if (!validators.has(pointer)) validators.set(pointer, ajv.compile({ $ref: "openapi#" + pointer }));
    return validators.get(pointer);
  };

  // The mismatches of one answer, [] when it is as documented; null when the document does not speak for
  // it (the page, its files, and the document itself).
  return function check(answer) {
    const path = answer.path.split("?")[0];
    const route = routes.find((candidate) => candidate.pattern.test(path));
    const method = answer.method.toLowerCase();
    const operation = route?.item[method];
    if (!operation || !METHODS.includes(method)) {
      if (!route && (!path.startsWith("/api/") || path === "/api/v1/openapi.json")) return null;
      // What no operation serves is answered 404 (405 for another method of a path) with a problem.
      const where = route ? `${answer.method} ${route.template}: not documented` : `${answer.method} ${path}: no operation documents this path`;
      if ([404, 405].includes(answer.status) && mediaType(answer.content_type) === "application/problem+json") {
        const problem = validator("/components/schemas/Problem");
        if (problem(JSON.parse(answer.body))) return [];
        return [`${where}, and its ${answer.status} is not a Problem: ${ajv.errorsText(problem.errors)}`];
      }
      return [`${where} (answered ${answer.status})`];
    }
    const name = `${operation.operationId} (${answer.method} ${route.template})`;
    const status = String(answer.status);
    const responses = operation.responses ?? {};
    const documented = responses[status] ? status : responses[status[0] + "XX"] ? status[0] + "XX" : responses.default ? "default" : null;
    if (!documented) return [`${name} ${status}: status not documented (documented: ${Object.keys(responses).join(", ")})`];
    const content = responses[documented].content;
    if (!content) {
      return answer.body ? [`${name} ${status}: documented without a body, answered one`] : [];
    }
    const type = mediaType(answer.content_type);
    const key = Object.keys(content).find((documentedType) => mediaType(documentedType) === type);
    if (!key) return [`${name} ${status}: content type '${type}' not documented (documented: ${Object.keys(content).join(", ")})`];
    if (!type.includes("json") || !content[key].schema) return [];
    let body;
    try {
      body = JSON.parse(answer.body);
    } catch (error) {
      return [`${name} ${status}: body is not JSON (${error.message})`];
    }
    const escape = (text) => text.replace(/~/g, "~0").replace(/\//g, "~1");
    const pointer = `/paths/${escape(route.template)}/${method}/responses/${documented}/content/${escape(key)}/schema`;
    const validate = validator(pointer);
    if (validate(body)) return [];
    return validate.errors.slice(0, 5).map((error) => `${name} ${status}: ${error.instancePath || "(body)"} ${error.message}` +
      (error.params?.additionalProperty ? ` '${error.params.additionalProperty}'` : "") +
      (error.params?.allowedValues ? ` ${JSON.stringify(error.params.allowedValues)}` : ""));
  };
}

// Every distinct mismatch of `answers` against `document`, and how many answers were checked.
export function checkAnswers(document, answers) {
  const check = answerChecker(document);
  const failures = new Set();
  let checked = 0;
  for (const answer of answers) {
    const mismatches = check(answer);
    if (mismatches === null) continue;
    checked += 1;
    for (const mismatch of mismatches) failures.add(mismatch);
  }
  return { checked, failures: [...failures] };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [documentFile, answersFile] = process.argv.slice(2);
  const document = JSON.parse(readFileSync(documentFile, "utf8"));
  const lines = readFileSync(answersFile, "utf8").split("\n").filter((line) => line.trim() !== "");
  const { checked, failures } = checkAnswers(document, lines.map((line) => JSON.parse(line)));
  if (checked === 0) {
    console.error(`${answersFile}: no answers recorded (was SCR_API_ANSWERS set for the tests?)`);
    process.exit(1);
  }
  if (failures.length > 0) {
    console.error(`${failures.length} answers differ from ${documentFile}:`);
    for (const failure of failures.sort()) console.error("  " + failure);
    process.exit(1);
  }
  console.log(`${checked} answers checked against ${documentFile}: all as documented`);
}

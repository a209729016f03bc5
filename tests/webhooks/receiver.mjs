// A webhook receiver on 127.0.0.1 that checks every delivery with the Standard Webhooks reference library
// (npm standardwebhooks), as a receiver of scr-tracker's webhooks would. The delivery as it came must verify;
// the same delivery must not verify with its body altered, under another secret, replayed six minutes later,
// or with a fresh timestamp put in place of its own.
//   node receiver.mjs SECRET OTHER_SECRET [--fail-first]
// Prints "listening PORT", then one JSON line per delivery. With --fail-first, the first delivery of each
// webhook-id is answered 503 (after it was checked), so that the sender must retry it.
import http from "node:http";
import { Webhook } from "standardwebhooks";

const [secret, otherSecret, ...flags] = process.argv.slice(2);
const failFirst = flags.includes("--fail-first");
const webhook = new Webhook(secret);
const other = new Webhook(otherSecret);
const seen = new Set();

// True when `check` throws the library's WebhookVerificationError: the receiver refuses the delivery.
function refused(check) {
  try {
    check();
    return false;
  } catch (error) {
    return error.name === "WebhookVerificationError";
  }
}

// The library reads the time from Date.now(); a replay is the same delivery checked later.
function later(seconds, check) {
  const now = Date.now;
  Date.now = () => now() + seconds * 1000;
  try {
    return check();
  } finally {
    Date.now = now;
  }
}

function examine(body, headers) {
  const result = {
    id: headers["webhook-id"] ?? null,
    timestamp: headers["webhook-timestamp"] ?? null,
    signature: headers["webhook-signature"] ?? null,
    body,
    verified: false,
  };
  try {
    webhook.verify(body, headers);
    result.verified = true;
  } catch (error) {
    result.error = `${error.name}: ${error.message}`;
  }
  result.tampered_body_refused = refused(() => webhook.verify(body.replace(/"board":\d+/, '"board":99'), headers));
  result.appended_body_refused = refused(() => webhook.verify(body + " ", headers));
  result.other_secret_refused = refused(() => other.verify(body, headers));
  result.replay_refused = later(6 * 60, () => refused(() => webhook.verify(body, headers)));
  const fresh = String(Math.floor(Date.now() / 1000) + 1);
  result.retimed_refused = refused(() => webhook.verify(body, { ...headers, "webhook-timestamp": fresh }));
  result.other_id_refused = refused(() => webhook.verify(body, { ...headers, "webhook-id": `${result.id}x` }));
  return result;
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const result = examine(Buffer.concat(chunks).toString("utf8"), request.headers);
    const first = !seen.has(result.id);
    seen.add(result.id);
    result.answered = !result.verified ? 401 : failFirst && first ? 503 : 204;
    process.stdout.write(`${JSON.stringify(result)}\n`);
    response.writeHead(result.answered);
    response.end();
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${server.address().port}\n`));

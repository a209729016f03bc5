#include "store/sqlite/schema.h"

namespace scr {

// Forward-only: a released migration is never edited; a change is a new entry at the end.
// CHECK constraints spell out alternatives with OR: an IN list would make SQLite build a temporary
// table on every insert and update of the row.
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> migrations = {
      // 1: boards, users, tokens, reviews, the hash-chained history, checkpoints, delays, parallel processes.
      R"sql(
CREATE TABLE boards (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  nation      TEXT NOT NULL CHECK (nation = 'england' OR nation = 'scotland' OR nation = 'northern-ireland'),
  time_zone   TEXT NOT NULL DEFAULT 'Europe/London',
  created_at  TEXT NOT NULL
);
CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL REFERENCES boards(id),
  role        TEXT NOT NULL,
  name        TEXT NOT NULL,
  email       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (board_id, email)
);
CREATE TABLE tokens (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL REFERENCES boards(id),
  role        TEXT NOT NULL,
  user_id     INTEGER REFERENCES users(id),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE TABLE reviews (
  id                      INTEGER PRIMARY KEY,
  board_id                INTEGER NOT NULL REFERENCES boards(id),
  workflow                TEXT NOT NULL,
  title                   TEXT NOT NULL,
  incident_date           TEXT NOT NULL,
  referral_date           TEXT NOT NULL,
  rationale               TEXT NOT NULL,
  statutory_criteria_met  INTEGER NOT NULL,
  child_died              INTEGER NOT NULL,
  family_lived_elsewhere  INTEGER NOT NULL,
  late_referral_reason    TEXT NOT NULL DEFAULT '',
  phase                   TEXT NOT NULL,
  lifecycle_state         TEXT NOT NULL,
  first_events            TEXT NOT NULL DEFAULT '',  -- the day each event first happened: due dates count from it
  created_at              TEXT NOT NULL
);
CREATE INDEX reviews_by_board_phase ON reviews (board_id, phase, id);

CREATE TABLE review_events (
  id         INTEGER PRIMARY KEY,
  review_id  INTEGER NOT NULL REFERENCES reviews(id),
  seq        INTEGER NOT NULL,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  event      TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  data       TEXT NOT NULL DEFAULT '{}',
  hash       TEXT NOT NULL,
  UNIQUE (review_id, seq)
);
-- How many events the history holds in all, moved forward by every transaction that appends any. Each
-- review's events are chained by hash; the count catches what a chain cannot: events deleted from the end
-- of a review's history, or a review's whole history deleted.
CREATE TABLE ledger (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  event_total  INTEGER NOT NULL
);
INSERT INTO ledger (id, event_total) VALUES (1, 0);

CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
  BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END;
CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
  BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END;

-- Only checkpoints something happened to: closed, or given a later due date. Due dates themselves are
-- derived from the workflow's rules and the review's dates, never stored, except an extension's.
CREATE TABLE checkpoints (
  review_id     INTEGER NOT NULL REFERENCES reviews(id),
  key           TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state = 'open' OR state = 'done' OR state = 'waived'),
  extended_due  TEXT,
  closed_at     TEXT,
  closed_on     TEXT,
  closed_by     TEXT,
  note          TEXT NOT NULL DEFAULT '',
  evidence      TEXT NOT NULL DEFAULT '',
  UNIQUE (review_id, key)
);

CREATE TABLE delays (
  id            INTEGER PRIMARY KEY,
  review_id     INTEGER NOT NULL REFERENCES reviews(id),
  checkpoint    TEXT NOT NULL,
  previous_due  TEXT NOT NULL,
  new_due       TEXT NOT NULL,
  reason        TEXT NOT NULL,
  recorded_by   TEXT NOT NULL,
  recorded_at   TEXT NOT NULL
);
CREATE INDEX delays_by_review ON delays (review_id);

CREATE TABLE parallel_processes (
  id                 INTEGER PRIMARY KEY,
  review_id          INTEGER NOT NULL REFERENCES reviews(id),
  kind               TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status = 'active' OR status = 'concluded'),
  holds_publication  INTEGER NOT NULL,
  owner              TEXT NOT NULL DEFAULT '',
  notes              TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX parallel_processes_by_review ON parallel_processes (review_id);

-- Small facts about the service itself, e.g. where a simulated clock stopped.
CREATE TABLE service_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
)sql",
      // 2: alerts fired by the scheduler, and the outbox the notifier delivers from.
      R"sql(
CREATE TABLE alerts (
  id               INTEGER PRIMARY KEY,
  board_id         INTEGER NOT NULL REFERENCES boards(id),
  review_id        INTEGER NOT NULL REFERENCES reviews(id),
  checkpoint       TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind = 'reminder' OR kind = 'overdue' OR kind = 'escalation' OR
                                        kind = 'deadline_extended'),
  level            INTEGER NOT NULL,
  step             INTEGER NOT NULL,  -- the alert's place among its checkpoint's alerts for this due date
  recipient_role   TEXT NOT NULL,
  due              TEXT NOT NULL,
  scheduled_for    TEXT NOT NULL,
  fired_at         TEXT NOT NULL,
  fired_late_by_s  INTEGER NOT NULL DEFAULT 0,
  idempotency_key  TEXT NOT NULL UNIQUE,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'acknowledged' OR
                                                       status = 'resolved'),
  acknowledged_by  TEXT,
  acknowledged_at  TEXT,
  resolved_at      TEXT
);
CREATE INDEX alerts_by_review ON alerts (review_id, checkpoint);
CREATE INDEX alerts_by_board ON alerts (board_id, status, id);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER NOT NULL REFERENCES alerts(id),
  board_id        INTEGER NOT NULL REFERENCES boards(id),
  recipient_role  TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'delivered' OR
                                                          state = 'dead')
);
)sql",
      // 3: an alert is identified by what it is (review, checkpoint, due date, kind, step): one index both
      // keeps it unique and finds a checkpoint's alerts, and the idempotency key is derived from it rather
      // than stored. Alerts caught up after downtime may be held for one catch-up digest. The chair's
      // digests, and an outbox that carries alerts and digests alike.
      R"sql(
CREATE TABLE outbox_before_3 AS SELECT * FROM outbox;
DROP TABLE outbox;

CREATE TABLE digests (
  id               INTEGER PRIMARY KEY,
  board_id         INTEGER NOT NULL REFERENCES boards(id),
  kind             TEXT NOT NULL CHECK (kind = 'daily' OR kind = 'catch_up'),
  day              TEXT NOT NULL,  -- the board-local day it is for
  scheduled_for    TEXT NOT NULL,
  fired_at         TEXT NOT NULL,
  fired_late_by_s  INTEGER NOT NULL DEFAULT 0,
  item_count       INTEGER NOT NULL,  -- 0: nothing to tell, so nothing was sent
  body             TEXT NOT NULL,     -- JSON, see engine/service/digests.cpp
  alerts_through   INTEGER NOT NULL,  -- the last alert a daily digest looked at: the next starts after it
  UNIQUE (board_id, kind, scheduled_for)
);

CREATE TABLE alerts_3 (
  id               INTEGER PRIMARY KEY,
  board_id         INTEGER NOT NULL REFERENCES boards(id),
  review_id        INTEGER NOT NULL REFERENCES reviews(id),
  checkpoint       TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind = 'reminder' OR kind = 'overdue' OR kind = 'escalation' OR
                                        kind = 'deadline_extended'),
  level            INTEGER NOT NULL,
  step             INTEGER NOT NULL,  -- the alert's place among its checkpoint's alerts for this due date
  recipient_role   TEXT NOT NULL,
  due              TEXT NOT NULL,
  scheduled_for    TEXT NOT NULL,
  fired_at         TEXT NOT NULL,
  fired_late_by_s  INTEGER NOT NULL DEFAULT 0,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'acknowledged' OR
                                                       status = 'resolved'),
  acknowledged_by  TEXT,
  acknowledged_at  TEXT,
  resolved_at      TEXT,
  held             INTEGER NOT NULL DEFAULT 0,  -- 1: caught up after downtime, to be told in a catch-up digest
  digest_id        INTEGER REFERENCES digests(id),  -- the catch-up digest that told it, if one did
  idempotency_key  TEXT GENERATED ALWAYS AS ('review/' || review_id || '/checkpoint/' || checkpoint || '/due/' ||
                                             due || '/' || kind || '/' || step) VIRTUAL,
  UNIQUE (review_id, checkpoint, due, kind, step)
);
INSERT INTO alerts_3 (id, board_id, review_id, checkpoint, kind, level, step, recipient_role, due, scheduled_for,
                      fired_at, fired_late_by_s, status, acknowledged_by, acknowledged_at, resolved_at)
  SELECT id, board_id, review_id, checkpoint, kind, level, step, recipient_role, due, scheduled_for, fired_at,
         fired_late_by_s, status, acknowledged_by, acknowledged_at, resolved_at FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_3 RENAME TO alerts;
CREATE INDEX alerts_by_board ON alerts (board_id, status, id);
CREATE INDEX alerts_held ON alerts (board_id) WHERE held = 1;

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER REFERENCES alerts(id),
  digest_id       INTEGER REFERENCES digests(id),
  board_id        INTEGER NOT NULL REFERENCES boards(id),
  recipient_role  TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'delivered' OR
                                                          state = 'dead'),
  CHECK ((alert_id IS NULL) <> (digest_id IS NULL))
);
INSERT INTO outbox (id, alert_id, board_id, recipient_role, created_at, state)
  SELECT id, alert_id, board_id, recipient_role, created_at, state FROM outbox_before_3;
DROP TABLE outbox_before_3;
)sql",
      // 4: the notifier's messages: one per outbox row, channel and recipient, each with every attempt.
      R"sql(
ALTER TABLE outbox ADD COLUMN expanded_at TEXT;  -- when its messages were made
ALTER TABLE outbox ADD COLUMN note TEXT NOT NULL DEFAULT '';  -- e.g. why no message could be made
CREATE INDEX outbox_unexpanded ON outbox (id) WHERE expanded_at IS NULL;

CREATE TABLE messages (
  id               INTEGER PRIMARY KEY,
  outbox_id        INTEGER NOT NULL REFERENCES outbox(id),
  channel          TEXT NOT NULL CHECK (channel = 'email' OR channel = 'webhook' OR channel = 'inbox'),
  user_id          INTEGER REFERENCES users(id),
  recipient        TEXT NOT NULL,  -- an email address, a webhook URL, or the user's name for the inbox
  subject          TEXT NOT NULL,
  body             TEXT NOT NULL,
  idempotency_key  TEXT NOT NULL UNIQUE,  -- sent as Message-ID or a webhook header: receivers drop repeats
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'delivered' OR
                                                          state = 'dead'),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  delivered_at     TEXT,
  read_at          TEXT,  -- the inbox: when its user read it
  last_error       TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL
);
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE state = 'pending';
CREATE INDEX messages_by_user ON messages (user_id, channel, id);
CREATE INDEX messages_by_outbox ON messages (outbox_id);

CREATE TABLE delivery_attempts (
  id            INTEGER PRIMARY KEY,
  message_id    INTEGER NOT NULL REFERENCES messages(id),
  attempted_at  TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome = 'delivered' OR outcome = 'failed'),
  detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delivery_attempts_by_message ON delivery_attempts (message_id);
)sql",
      // 5: information requested from agencies (QM10; QM2 before the decision), each chased by the scheduler until answered. Its
      // alerts name it in alerts.checkpoint as information_request/ID.
      R"sql(
CREATE TABLE information_requests (
  id            INTEGER PRIMARY KEY,
  review_id     INTEGER NOT NULL REFERENCES reviews(id),
  agency        TEXT NOT NULL,
  request       TEXT NOT NULL,  -- what was asked for
  requested_on  TEXT NOT NULL,
  due           TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'received' OR status = 'declined'),
  answered_on   TEXT,
  reason        TEXT NOT NULL DEFAULT '',  -- why the agency did not cooperate, when declined
  recorded_by   TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX information_requests_by_review ON information_requests (review_id);
CREATE INDEX information_requests_open ON information_requests (review_id) WHERE status = 'open';
)sql",
      // 6: family members and their involvement (QM4, QM12), stored minimally; personal data that no
      // message, history event or log line carries.
      R"sql(
CREATE TABLE family_members (
  id             INTEGER PRIMARY KEY,
  review_id      INTEGER NOT NULL REFERENCES reviews(id),
  name           TEXT NOT NULL,
  relationship   TEXT NOT NULL,
  date_of_birth  TEXT,
  involvement    TEXT NOT NULL CHECK (involvement = 'involved' OR involvement = 'declined' OR
                                      involvement = 'not_approached' OR involvement = 'deferred'),
  reason         TEXT NOT NULL DEFAULT '',
  support_needs  TEXT NOT NULL DEFAULT '',
  recorded_by    TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX family_members_by_review ON family_members (review_id);
)sql",
      // 7: the documents register: the index of material the review holds and whether it may be disclosed
      // (to the family, the coroner, the police); metadata only, the documents stay with their owners.
      R"sql(
CREATE TABLE documents (
  id                 INTEGER PRIMARY KEY,
  review_id          INTEGER NOT NULL REFERENCES reviews(id),
  title              TEXT NOT NULL,
  kind               TEXT NOT NULL,  -- e.g. chronology, individual management review, minutes, report draft
  owner_body         TEXT NOT NULL,  -- the agency or body the document belongs to
  held_by            TEXT NOT NULL,  -- who holds the copy the review relies on
  document_date      TEXT NOT NULL,
  disclosure_status  TEXT NOT NULL DEFAULT 'not_assessed' CHECK (
                       disclosure_status = 'not_assessed' OR disclosure_status = 'disclosable' OR
                       disclosure_status = 'not_disclosable' OR disclosure_status = 'disclosed'),
  notes              TEXT NOT NULL DEFAULT '',
  recorded_by        TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX documents_by_review ON documents (review_id);
)sql",
      // 8: retention (UK GDPR): how long after a review closes its family records are kept, per board, and
      // when a review was anonymised.
      R"sql(
ALTER TABLE boards ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 72 CHECK (retention_months > 0);
ALTER TABLE reviews ADD COLUMN anonymised_at TEXT;
)sql",
  };
  static const std::vector<const char*> all = [] {
    std::vector<const char*> list = migrations;
    list.insert(list.end(), LaterMigrations().begin(), LaterMigrations().end());
    return list;
  }();
  return all;
}

}  // namespace scr

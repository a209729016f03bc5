#include "store/sqlite/schema.h"

namespace scr {

// Migrations 9 onwards, in order: after the report (improvement actions, follow-ups, self-assessment, the
// privacy check), signing in, email preferences and the access log, alerts keyed by due date first,
// credentials that can be taken back.
// Forward-only, as those in schema.cpp.
const std::vector<const char*>& LaterMigrations() {
  static const std::vector<const char*> migrations = {
      // 9: after the report: improvement actions with their progress updates and follow-up checks (QM15,
      // QM18), the Quality Marker self-assessment (every answer kept), the privacy checks of the report (QM14),
      // and the family's addresses and other identifiers that the privacy check looks for.
      R"sql(
CREATE TABLE improvement_actions (
  id                      INTEGER PRIMARY KEY,
  review_id               INTEGER NOT NULL REFERENCES reviews(id),
  title                   TEXT NOT NULL,
  finding                 TEXT NOT NULL,  -- the finding or recommendation it answers
  recommendation          TEXT NOT NULL DEFAULT '',
  owner_agency            TEXT NOT NULL,
  lead                    TEXT NOT NULL DEFAULT '',  -- the named lead in the owner agency
  priority                TEXT NOT NULL CHECK (priority = 'high' OR priority = 'medium' OR priority = 'low'),
  business_plan_priority  TEXT NOT NULL DEFAULT '',
  due                     TEXT NOT NULL,
  status                  TEXT NOT NULL DEFAULT 'not_started' CHECK (
                            status = 'not_started' OR status = 'in_progress' OR status = 'completed' OR
                            status = 'evidenced' OR status = 'not_achieved' OR status = 'dropped'),
  status_reason           TEXT NOT NULL DEFAULT '',  -- why dropped or not achieved
  completed_on            TEXT,
  evidenced_on            TEXT,
  impact                  TEXT NOT NULL DEFAULT '',  -- what changed for children (QM18)
  impact_measure          TEXT NOT NULL DEFAULT '',  -- how that was measured
  recorded_by             TEXT NOT NULL,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);
CREATE INDEX improvement_actions_by_review ON improvement_actions (review_id);

CREATE TABLE action_updates (
  id          INTEGER PRIMARY KEY,
  action_id   INTEGER NOT NULL REFERENCES improvement_actions(id),
  at          TEXT NOT NULL,
  author      TEXT NOT NULL,
  note        TEXT NOT NULL,
  status      TEXT,  -- the status it moved to, when it moved
  due         TEXT   -- the new due date, when it moved
);
CREATE INDEX action_updates_by_action ON action_updates (action_id);

CREATE TABLE follow_ups (
  id                       INTEGER PRIMARY KEY,
  action_id                INTEGER NOT NULL REFERENCES improvement_actions(id),
  review_id                INTEGER NOT NULL REFERENCES reviews(id),
  after_completion         TEXT NOT NULL,  -- e.g. "3 months", from the workflow
  due                      TEXT NOT NULL,
  status                   TEXT NOT NULL DEFAULT 'pending' CHECK (status = 'pending' OR status = 'done' OR status = 'waived'),
  change_holds             INTEGER,        -- when done: whether the change has lasted
  findings                 TEXT NOT NULL DEFAULT '',
  unintended_consequences  TEXT NOT NULL DEFAULT '',
  reason                   TEXT NOT NULL DEFAULT '',  -- why waived
  closed_on                TEXT,
  closed_by                TEXT,
  created_at               TEXT NOT NULL
);
CREATE INDEX follow_ups_by_action ON follow_ups (action_id);
CREATE INDEX follow_ups_pending ON follow_ups (review_id) WHERE status = 'pending';

CREATE TABLE self_assessment_answers (
  id           INTEGER PRIMARY KEY,
  review_id    INTEGER NOT NULL REFERENCES reviews(id),
  question_id  TEXT NOT NULL,
  answer       TEXT NOT NULL CHECK (answer = 'yes' OR answer = 'partly' OR answer = 'no' OR answer = 'not_applicable'),
  note         TEXT NOT NULL DEFAULT '',
  evidence     TEXT NOT NULL DEFAULT '',
  phase        TEXT NOT NULL,  -- the review's phase when answered: the stage of the assessment
  answered_by  TEXT NOT NULL,
  answered_at  TEXT NOT NULL
);
CREATE INDEX self_assessment_by_review ON self_assessment_answers (review_id, question_id, id);

CREATE TABLE privacy_checks (
  id           INTEGER PRIMARY KEY,
  review_id    INTEGER NOT NULL REFERENCES reviews(id),
  text_sha256  TEXT NOT NULL,
  text_length  INTEGER NOT NULL,
  finding_count INTEGER NOT NULL,
  findings     TEXT NOT NULL,  -- JSON: kind and positions only, never the words found
  checked_by   TEXT NOT NULL,
  checked_at   TEXT NOT NULL
);
CREATE INDEX privacy_checks_by_review ON privacy_checks (review_id);

ALTER TABLE family_members ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE family_members ADD COLUMN other_identifiers TEXT NOT NULL DEFAULT '[]';  -- JSON list: school, nickname, ...
)sql",
      // 10: signing in to the dashboard: a user's password (a slow KDF's output, never the password) and
      // browser sessions (only the cookie's SHA-256 is stored, with the token a page must send back).
      R"sql(
ALTER TABLE users ADD COLUMN password_hash TEXT;
CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  csrf_token  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  ended_at    TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);
)sql",
      // 11: each user's choice of email (every alert as it fires, or only the daily digest), and the access
      // log: who read which review, when, and through which route.
      R"sql(
ALTER TABLE users ADD COLUMN email_preference TEXT NOT NULL DEFAULT 'immediate'
  CHECK (email_preference = 'immediate' OR email_preference = 'digest');

-- Append-only, written on every read: no foreign keys to check (the review was just read), one index.
CREATE TABLE review_reads (
  id          INTEGER PRIMARY KEY,
  board_id    INTEGER NOT NULL,
  review_id   INTEGER NOT NULL,
  route       TEXT NOT NULL,     -- e.g. GET /api/v1/reviews/{id}/family-members
  actor_name  TEXT NOT NULL,
  actor_role  TEXT NOT NULL,
  user_id     INTEGER,
  token_id    INTEGER,
  read_at     TEXT NOT NULL
);
CREATE INDEX review_reads_by_review ON review_reads (review_id, id);
)sql",
      // 12: alerts keyed by due date first. Alerts that fire together share due dates, so a batch of them
      // lands in a few neighbouring pages of the key's index instead of one page per review (which made a
      // storm of 100,000 deadlines write a page per alert). Alerts and their outbox rows are no longer checked
      // against reviews, boards and alerts: the engine makes them only for the reviews it holds open, each
      // outbox row from its alert in the same transaction, and the checks were a third of a storm's work.
      R"sql(
CREATE TABLE alerts_12 (
  id               INTEGER PRIMARY KEY,
  board_id         INTEGER NOT NULL,
  review_id        INTEGER NOT NULL,
  checkpoint       TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind = 'reminder' OR kind = 'overdue' OR kind = 'escalation' OR
                                        kind = 'deadline_extended'),
  level            INTEGER NOT NULL,
  step             INTEGER NOT NULL,
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
  held             INTEGER NOT NULL DEFAULT 0,
  digest_id        INTEGER REFERENCES digests(id),
  idempotency_key  TEXT GENERATED ALWAYS AS ('review/' || review_id || '/checkpoint/' || checkpoint || '/due/' ||
                                             due || '/' || kind || '/' || step) VIRTUAL,
  UNIQUE (due, review_id, checkpoint, kind, step)
);
INSERT INTO alerts_12 (id, board_id, review_id, checkpoint, kind, level, step, recipient_role, due, scheduled_for,
                       fired_at, fired_late_by_s, status, acknowledged_by, acknowledged_at, resolved_at, held,
                       digest_id)
  SELECT id, board_id, review_id, checkpoint, kind, level, step, recipient_role, due, scheduled_for, fired_at,
         fired_late_by_s, status, acknowledged_by, acknowledged_at, resolved_at, held, digest_id FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_12 RENAME TO alerts;
CREATE INDEX alerts_by_board ON alerts (board_id, status, id);
CREATE INDEX alerts_held ON alerts (board_id) WHERE held = 1;

CREATE TABLE outbox_12 (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER,
  digest_id       INTEGER REFERENCES digests(id),
  board_id        INTEGER NOT NULL,
  recipient_role  TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'delivered' OR
                                                          state = 'dead'),
  expanded_at     TEXT,
  note            TEXT NOT NULL DEFAULT '',
  CHECK ((alert_id IS NULL) <> (digest_id IS NULL))
);
INSERT INTO outbox_12 (id, alert_id, digest_id, board_id, recipient_role, created_at, state, expanded_at, note)
  SELECT id, alert_id, digest_id, board_id, recipient_role, created_at, state, expanded_at, note FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_12 RENAME TO outbox;
CREATE INDEX outbox_unexpanded ON outbox (id) WHERE expanded_at IS NULL;
)sql",
      // Credentials that can be taken back: a token's scope (the whole API, or only the calendar feed, the
      // one route that takes a token in its URL), its expiry, when it was last used (written at most once a
      // minute); a user disabled by an administrator; and failed sign-ins, counted per email address (its
      // hash) and per client address over the last 15 minutes (real time, in Unix seconds), kept in the
      // database so that a restart does not lift a lockout.
      R"sql(
ALTER TABLE tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'api' CHECK (scope = 'api' OR scope = 'calendar');
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
CREATE INDEX tokens_by_board ON tokens (board_id, id);
CREATE INDEX tokens_by_user ON tokens (user_id) WHERE user_id IS NOT NULL;
ALTER TABLE users ADD COLUMN disabled_at TEXT;

CREATE TABLE sign_in_failures (
  id          INTEGER PRIMARY KEY,
  email_hash  TEXT NOT NULL,     -- SHA-256 of the address as given, lower-cased: never the address
  client      TEXT NOT NULL,     -- the client's IP address
  failed_at   INTEGER NOT NULL   -- Unix seconds, real time
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email_hash, failed_at);
CREATE INDEX sign_in_failures_by_client ON sign_in_failures (client, failed_at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (failed_at);
)sql",
      // An agency user belongs to one agency: it reads and changes only that agency's improvement actions
      // and information requests. Agency users made before this have none, and so see none until an admin
      // gives them one (admin set-agency).
      R"sql(
ALTER TABLE users ADD COLUMN agency TEXT;
)sql",
      // The history chain keyed with a secret outside the database (HMAC-SHA256): each event's free text
      // is covered through a salted digest kept beside it, so that an erasure can blank the text and the
      // salt and the chain still holds; and when the history was keyed, how many older events were keyed
      // then, and a check value that tells whether a key is the one it was keyed with.
      R"sql(
ALTER TABLE review_events ADD COLUMN text_salt TEXT NOT NULL DEFAULT '';
ALTER TABLE review_events ADD COLUMN text_digest TEXT NOT NULL DEFAULT '';
CREATE TABLE history_keying (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  keyed_at      TEXT NOT NULL,
  events_keyed  INTEGER NOT NULL,
  key_check     TEXT NOT NULL
);
)sql",
      // A checkpoint completed after the end of its due day keeps how late it was, in working days, so
      // that the review and its history can say so (0 when done on time, waived, or completed before this).
      R"sql(
ALTER TABLE checkpoints ADD COLUMN late_by_working_days INTEGER NOT NULL DEFAULT 0;

-- The chair is told when a review's overall timescale becomes at risk and when it is missed (checkpoint
-- 'timescale'): two more kinds of alert, and a way to find, on start, the reviews already told.
CREATE TABLE alerts_timescale (
  id               INTEGER PRIMARY KEY,
  board_id         INTEGER NOT NULL,
  review_id        INTEGER NOT NULL,
  checkpoint       TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind = 'reminder' OR kind = 'overdue' OR kind = 'escalation' OR
                                        kind = 'deadline_extended' OR kind = 'timescale_at_risk' OR
                                        kind = 'timescale_missed'),
  level            INTEGER NOT NULL,
  step             INTEGER NOT NULL,
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
  held             INTEGER NOT NULL DEFAULT 0,
  digest_id        INTEGER REFERENCES digests(id),
  idempotency_key  TEXT GENERATED ALWAYS AS ('review/' || review_id || '/checkpoint/' || checkpoint || '/due/' ||
                                             due || '/' || kind || '/' || step) VIRTUAL,
  UNIQUE (due, review_id, checkpoint, kind, step)
);
INSERT INTO alerts_timescale (id, board_id, review_id, checkpoint, kind, level, step, recipient_role, due,
                              scheduled_for, fired_at, fired_late_by_s, status, acknowledged_by, acknowledged_at,
                              resolved_at, held, digest_id)
  SELECT id, board_id, review_id, checkpoint, kind, level, step, recipient_role, due, scheduled_for, fired_at,
         fired_late_by_s, status, acknowledged_by, acknowledged_at, resolved_at, held, digest_id FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_timescale RENAME TO alerts;
CREATE INDEX alerts_by_board ON alerts (board_id, status, id);
CREATE INDEX alerts_held ON alerts (board_id) WHERE held = 1;
CREATE INDEX alerts_of_timescales ON alerts (review_id) WHERE checkpoint = 'timescale';
)sql",
      // What the privacy check looks for beside the family members (QM14): names, the addresses the family
      // lived at, places and other identifiers. Personal data: erased by retention with the family members.
      R"sql(
CREATE TABLE privacy_identifiers (
  id           INTEGER PRIMARY KEY,
  review_id    INTEGER NOT NULL REFERENCES reviews (id),
  kind         TEXT NOT NULL CHECK (kind IN ('name', 'address', 'place', 'other')),
  value        TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  recorded_by  TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX privacy_identifiers_by_review ON privacy_identifiers (review_id);
)sql",
      // What a review type declares rather than the code: a review's answers to its workflow's conditions
      // as one JSON object (the first types' child_died, statutory_criteria_met and family_lived_elsewhere
      // carried over; their columns are still written for older readers); the review's references with the
      // national bodies and other systems; whether an information request was made before the decision
      // (QM2) rather than for the review (QM10), read from the history for the requests already made.
      R"sql(
ALTER TABLE reviews ADD COLUMN conditions TEXT NOT NULL DEFAULT '{}';
UPDATE reviews SET conditions =
  '{"child_died":' || (CASE WHEN child_died THEN 'true' ELSE 'false' END) ||
  ',"family_lived_elsewhere":' || (CASE WHEN family_lived_elsewhere THEN 'true' ELSE 'false' END) ||
  ',"statutory_criteria_met":' || (CASE WHEN statutory_criteria_met THEN 'true' ELSE 'false' END) || '}';
ALTER TABLE reviews ADD COLUMN review_references TEXT NOT NULL DEFAULT '{}';
ALTER TABLE information_requests ADD COLUMN before_decision INTEGER NOT NULL DEFAULT 0;
UPDATE information_requests SET before_decision = 1 WHERE EXISTS (
  SELECT 1 FROM review_events asked
  WHERE asked.review_id = information_requests.review_id AND asked.event = 'information_requested'
    AND json_valid(asked.data) AND json_extract(asked.data, '$.information_request') = information_requests.id
    AND NOT EXISTS (SELECT 1 FROM review_events decided
                    WHERE decided.review_id = asked.review_id AND decided.seq < asked.seq
                      AND (decided.event = 'decide_to_review' OR decided.event = 'decide_not_to_review')));
)sql",
      // The lifecycle as practice runs it: what a parallel process holds (publication, the family's
      // involvement or the review itself; holds_publication stays as `holds = 'publication'`), a review's
      // pause (since when, from which day, why, and the working days of the pauses that ended), the
      // outcome of a decision not to review, the decision to publish or not (and whether a summary was),
      // and the day the report was last reopened.
      R"sql(
ALTER TABLE parallel_processes ADD COLUMN holds TEXT NOT NULL DEFAULT ''
  CHECK (holds IN ('', 'publication', 'family_involvement', 'review'));
UPDATE parallel_processes SET holds = 'publication' WHERE holds_publication;
ALTER TABLE reviews ADD COLUMN paused_since TEXT;
ALTER TABLE reviews ADD COLUMN paused_on TEXT;
ALTER TABLE reviews ADD COLUMN pause_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN working_days_paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN decision_outcome TEXT
  CHECK (decision_outcome IS NULL OR decision_outcome IN ('no_review', 'national_review', 'other_process'));
ALTER TABLE reviews ADD COLUMN publication TEXT CHECK (publication IS NULL OR publication IN ('published', 'not_published'));
ALTER TABLE reviews ADD COLUMN summary_published INTEGER;
ALTER TABLE reviews ADD COLUMN report_reopened_on TEXT;
UPDATE reviews SET decision_outcome = 'no_review' WHERE phase = 'not_proceeding';
UPDATE reviews SET publication = 'published' WHERE phase IN ('implementation', 'closed') AND first_events LIKE '%publish=%';
)sql",
  };
  return migrations;
}

}  // namespace scr

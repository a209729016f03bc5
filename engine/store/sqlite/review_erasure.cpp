#include "store/sqlite/review_erasure.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite/event_log.h"

namespace scr {
namespace {

// Every free-text column beside a review that may name or describe people (engine/retention.h lists what
// is kept and why). `rows` selects the review's rows of `table` by ?1, the review.
struct FreeText {
  const char* table;
  std::vector<const char*> columns;
  const char* rows;
};

const std::vector<FreeText>& FreeTextColumns() {
  static const std::vector<FreeText> kColumns = {
      {"reviews", {"rationale", "late_referral_reason", "review_references"}, "id = ?1"},
      {"checkpoints", {"note", "evidence"}, "review_id = ?1"},
      {"parallel_processes", {"owner", "notes"}, "review_id = ?1"},
      {"documents", {"title", "held_by", "notes"}, "review_id = ?1"},
      {"information_requests", {"request", "reason"}, "review_id = ?1"},
      {"delays", {"reason"}, "review_id = ?1"},
      {"self_assessment_answers", {"note", "evidence"}, "review_id = ?1"},
      {"follow_ups", {"findings", "unintended_consequences", "reason"}, "review_id = ?1"},
      {"improvement_actions",
       {"title", "finding", "recommendation", "lead", "status_reason", "impact", "impact_measure"},
       "review_id = ?1"},
      {"action_updates", {"note"}, "action_id IN (SELECT id FROM improvement_actions WHERE review_id = ?1)"},
  };
  return kColumns;
}

int64_t BlankRegisters(Database& database, ReviewId review, std::set<std::string>& texts) {
  int64_t rows = 0;
  for (const FreeText& free : FreeTextColumns()) {
    std::string columns, blanks, any;
    for (const char* column : free.columns) {
      columns += std::string(columns.empty() ? "" : ", ") + column;
      blanks += std::string(blanks.empty() ? "" : ", ") + column + " = ''";
      any += std::string(any.empty() ? "" : " OR ") + column + " <> ''";
    }
    std::string where = std::string(" WHERE (") + free.rows + ") AND (" + any + ")";
    SQLite::Statement select(database.connection(), "SELECT " + columns + " FROM " + free.table + where);
    select.bind(1, review);
    while (select.executeStep()) {
      for (int i = 0; i < select.getColumnCount(); ++i) texts.insert(select.getColumn(i).getString());
    }
    SQLite::Statement blank(database.connection(), std::string("UPDATE ") + free.table + " SET " + blanks + where);
    blank.bind(1, review);
    rows += blank.exec();
  }
  return rows;
}

// Blanks each event's reason, the free texts of its data and its salt; the text digest stays, so the chain
// holds, and VerifyHistory accepts the blank texts only before the review's retention_erasure event.
int64_t BlankHistory(Database& database, ReviewId review, std::set<std::string>& texts) {
  SQLite::Statement select(database.connection(), "SELECT id, reason, data FROM review_events WHERE review_id = ?");
  SQLite::Statement blank(database.connection(),
                          "UPDATE review_events SET reason = '', data = ?, text_salt = '' WHERE id = ?");
  select.bind(1, review);
  int64_t events = 0;
  LiftAppendOnly(database);
  while (select.executeStep()) {
    texts.insert(select.getColumn(1).getString());
    DataTexts split = SplitDataTexts(select.getColumn(2).getString());
    texts.insert(split.texts.begin(), split.texts.end());
    blank.reset();
    blank.bind(1, split.skeleton);
    blank.bind(2, select.getColumn(0).getInt64());
    events += blank.exec();
  }
  RestoreAppendOnly(database);
  return events;
}

// The board's digests that list the review: their entries of it lose every free text; returns their ids.
std::vector<int64_t> BlankDigests(Database& database, ReviewId review, BoardId board, int64_t& changed) {
  SQLite::Statement select(database.connection(), "SELECT id, body FROM digests WHERE board_id = ?");
  SQLite::Statement update(database.connection(), "UPDATE digests SET body = ? WHERE id = ?");
  select.bind(1, board);
  std::vector<int64_t> listing;
  while (select.executeStep()) {
    nlohmann::json body = nlohmann::json::parse(select.getColumn(1).getString(), nullptr, false);
    if (body.is_discarded()) continue;
    bool lists = false;
    for (auto& [section, items] : body.items()) {
      if (!items.is_array()) continue;
      for (auto& item : items) {
        if (!item.is_object() || item.value("review", int64_t{0}) != review) continue;
        lists = true;
        for (const char* field : {"reason", "note", "title"}) {
          if (item.contains(field)) item[field] = "";
        }
      }
    }
    if (!lists) continue;
    listing.push_back(select.getColumn(0).getInt64());
    update.reset();
    update.bind(1, body.dump());
    update.bind(2, listing.back());
    changed += update.exec();
  }
  return listing;
}

// Shorter texts ("n/a", "ok") would match inside other words; the digests' entries of the review lose them
// all the same (BlankDigests).
constexpr size_t kShortestReplaced = 4;

// Replaces every copy of the erased texts, as written and as escaped in JSON, in the messages made from
// the review's alerts and from the digests that list it.
int64_t EraseFromMessages(Database& database, ReviewId review, const std::vector<int64_t>& digests,
                          const std::set<std::string>& texts) {
  std::string digest_ids;
  for (int64_t id : digests) digest_ids += (digest_ids.empty() ? "" : ",") + std::to_string(id);
  SQLite::Statement select(database.connection(),
                           "SELECT m.id, m.subject, m.body FROM messages m JOIN outbox o ON o.id = m.outbox_id "
                           "WHERE o.alert_id IN (SELECT id FROM alerts WHERE review_id = ?) OR o.digest_id IN (" +
                               digest_ids + ")");
  SQLite::Statement update(database.connection(), "UPDATE messages SET subject = ?, body = ? WHERE id = ?");
  select.bind(1, review);
  std::vector<std::string> forms;
  for (const std::string& text : texts) {
    if (text.size() < kShortestReplaced) continue;
    forms.push_back(text);
    std::string escaped = nlohmann::json(text).dump();
    escaped = escaped.substr(1, escaped.size() - 2);
    if (escaped != text) forms.push_back(escaped);
  }
  // Longest first, so that a text inside a longer one does not leave the rest of the longer one behind.
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  int64_t changed = 0;
  while (select.executeStep()) {
    std::string subject = select.getColumn(1).getString(), body = select.getColumn(2).getString();
    bool touched = false;
    for (std::string* field : {&subject, &body}) {
      for (const std::string& form : forms) {
        for (size_t at = field->find(form); at != std::string::npos; at = field->find(form, at + 8)) {
          field->replace(at, form.size(), "[erased]");
          touched = true;
        }
      }
    }
    if (!touched) continue;
    update.reset();
    update.bind(1, subject);
    update.bind(2, body);
    update.bind(3, select.getColumn(0).getInt64());
    changed += update.exec();
  }
  return changed;
}

}  // namespace

ErasureCounts EraseReviewText(Database& database, ReviewId review, BoardId board) {
  ErasureCounts counts;
  std::set<std::string> texts;
  counts.register_rows = BlankRegisters(database, review, texts);
  counts.history_events = BlankHistory(database, review, texts);
  std::vector<int64_t> digests = BlankDigests(database, review, board, counts.digests);
  counts.messages = EraseFromMessages(database, review, digests, texts);
  return counts;
}

}  // namespace scr

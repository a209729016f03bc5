#include "review_json.h"

#include "json_writer.h"

namespace scr {
namespace {

void WriteDate(JsonWriter& json, std::string_view key, const std::optional<Date>& date) {
  json.Key(key);
  if (date) json.String(date->ToString());
  else json.Null();
}

void WriteEvents(JsonWriter& json, std::string_view key, const std::vector<LifecycleEvent>& events) {
  json.Key(key).BeginArray();
  for (LifecycleEvent event : events) json.String(EventName(event));
  json.EndArray();
}

void WriteStep(JsonWriter& json, const DueStep& step, bool missed) {
  json.BeginObject()
      .Field("key", step.key)
      .Field("title", step.title)
      .Field("due", step.due.ToString())
      .Field("owner_role", RoleName(step.owner_role));
  if (missed) json.Field("working_days_late", step.working_days_late);
  json.EndObject();
}

void WriteTimescale(JsonWriter& json, const std::optional<Timescale>& timescale) {
  json.Key("timescale");
  if (!timescale) {
    json.Null();
    return;
  }
  json.BeginObject();
  WriteDate(json, "due", timescale->due);
  WriteDate(json, "from", timescale->from);
  json.Field("basis", timescale->basis).Key("working_days_left");
  if (timescale->working_days_left) json.Int(*timescale->working_days_left);
  else json.Null();
  json.Field("status", TimescaleStatusName(timescale->status))
      .Field("source", timescale->source)
      .Field("local_default", timescale->local_default)
      .EndObject();
}

// One typed blocker: its kind and the members of that kind.
void WriteBlocker(JsonWriter& json, const Blocker& blocker) {
  json.BeginObject().Field("kind", BlockerKindName(blocker.kind));
  switch (blocker.kind) {
    case BlockerKind::kCheckpoint:
      json.Field("key", blocker.key).Field("title", blocker.title);
      WriteDate(json, "due", blocker.due);
      break;
    case BlockerKind::kHold:
      json.Field("parallel_process", blocker.process)
          .Field("process_kind", blocker.process_kind)
          .Field("holds", blocker.holds ? HoldName(*blocker.holds) : "");
      if (!blocker.key.empty()) json.Field("checkpoint", blocker.key).Field("title", blocker.title);
      break;
    case BlockerKind::kNotBefore:
      WriteDate(json, "date", blocker.date);
      json.Field("rule", blocker.rule).Field("source", blocker.source);
      break;
    case BlockerKind::kPaused: json.Field("since", blocker.since).Field("reason", blocker.reason); break;
    case BlockerKind::kAction:
    case BlockerKind::kFollowUp:
      json.Field("id", blocker.item);
      WriteDate(json, "due", blocker.due);
      break;
  }
  json.EndObject();
}

void WriteNextEvents(JsonWriter& json, const std::vector<NextEvent>& next_events) {
  json.BeginArray();
  for (const NextEvent& next : next_events) {
    json.BeginObject().Field("event", EventName(next.event)).Key("blocked_by").BeginArray();
    for (const Blocker& blocker : next.blocked_by) WriteBlocker(json, blocker);
    json.EndArray().EndObject();
  }
  json.EndArray();
}

void WritePause(JsonWriter& json, const std::optional<PauseView>& paused) {
  json.Key("paused");
  if (!paused) {
    json.Null();
    return;
  }
  json.BeginObject().Field("since", paused->since).Field("reason", paused->reason).EndObject();
}

void WritePublication(JsonWriter& json, const std::optional<PublicationDecision>& publication) {
  json.Key("publication");
  if (!publication) {
    json.Null();
    return;
  }
  json.BeginObject().Field("published", publication->published).Key("summary_published");
  if (publication->summary_published) json.Bool(*publication->summary_published);
  else json.Null();
  json.EndObject();
}

// The members a review shares with its line in the review list.
void WriteSummaryFields(JsonWriter& json, const ReviewSummary& summary) {
  json.Field("id", summary.id)
      .Field("workflow", summary.workflow)
      .Field("title", summary.title)
      .Field("state", PhaseName(summary.phase))
      .Field("referral_date", summary.referral_date.ToString());
  WriteDate(json, "next_due", summary.next_due);
  json.Field("overdue_checkpoints", summary.overdue_count)
      .Field("active_parallel_processes", summary.active_processes)
      .Field("publication_holds", summary.publication_holds);
  json.Key("missed").BeginArray();
  for (const DueStep& step : summary.missed) WriteStep(json, step, true);
  json.EndArray().Key("next_checkpoint");
  if (summary.next_checkpoint) WriteStep(json, *summary.next_checkpoint, false);
  else json.Null();
  WriteTimescale(json, summary.timescale);
  json.Key("references").BeginObject();
  for (const auto& [key, value] : summary.references) json.Field(key, value);
  json.EndObject();
  WritePause(json, summary.paused);
}

void WriteCheckpoint(JsonWriter& json, const CheckpointView& checkpoint) {
  json.BeginObject()
      .Field("key", checkpoint.key)
      .Field("title", checkpoint.title)
      .Field("marker", checkpoint.marker)
      .Field("phase", PhaseName(checkpoint.phase))
      .Field("owner_role", RoleName(checkpoint.owner_role))
      .Field("due_rule", checkpoint.due_rule);
  WriteDate(json, "due", checkpoint.due);
  json.Field("status", CheckpointStatusName(checkpoint.status));
  WriteEvents(json, "blocks", checkpoint.blocks);
  if (checkpoint.working_days_left) json.Field("working_days_left", *checkpoint.working_days_left);
  if (checkpoint.late_by_working_days > 0) json.Field("late_by_working_days", checkpoint.late_by_working_days);
  if (checkpoint.closed_at) {
    json.Field("closed_at", *checkpoint.closed_at)
        .Field("closed_by", checkpoint.closed_by.value_or(""))
        .Field("note", checkpoint.note)
        .Field("evidence", checkpoint.evidence);
  }
  json.EndObject();
}

void WriteProcess(JsonWriter& json, const ParallelProcess& process) {
  json.BeginObject()
      .Field("id", process.id)
      .Field("kind", process.kind)
      .Field("status", process.status)
      .Field("holds", process.holds.empty() ? std::optional<std::string>() : std::optional<std::string>(process.holds))
      .Field("holds_publication", process.holds_publication)
      .Field("owner", process.owner)
      .Field("notes", process.notes)
      .Field("created_at", process.created_at)
      .Field("updated_at", process.updated_at)
      .EndObject();
}

void WriteDelay(JsonWriter& json, const Delay& delay) {
  json.BeginObject()
      .Field("checkpoint", delay.checkpoint)
      .Field("previous_due", delay.previous_due.ToString())
      .Field("new_due", delay.new_due.ToString())
      .Field("reason", delay.reason)
      .Field("recorded_by", delay.recorded_by)
      .Field("recorded_at", delay.recorded_at)
      .Field("kind", delay.late_by_working_days > 0 ? "late_completion" : "extension");
  if (delay.late_by_working_days > 0) json.Field("late_by_working_days", delay.late_by_working_days);
  json.EndObject();
}

}  // namespace

std::string ReviewJson(const ReviewView& review, const WorkflowDefinition* workflow,
                       std::optional<int64_t> created_id) {
  JsonWriter json(4096 + 320 * review.checkpoints.size());  // a checkpoint is about 250 bytes
  json.BeginObject();
  WriteSummaryFields(json, review.summary);
  if (workflow) json.Field("state_label", workflow->Label(review.summary.phase).label);
  json.Field("incident_date", review.referral.incident_date.ToString())
      .Field("rationale", review.referral.rationale)
      .Field("statutory_criteria_met", review.referral.Holds("statutory_criteria_met"))
      .Field("child_died", review.referral.Holds("child_died"))
      .Field("family_lived_elsewhere", review.referral.Holds("family_lived_elsewhere"))
      .Field("late_referral_reason", review.referral.late_referral_reason);
  json.Key("conditions").BeginObject();
  for (const auto& [key, holds] : review.referral.conditions) json.Field(key, holds);
  json.EndObject();
  WriteEvents(json, "allowed_events", review.allowed_events);
  json.Key("next_events");
  WriteNextEvents(json, review.next_events);
  json.Field("decision_outcome", review.decision_outcome.empty() ? std::optional<std::string>()
                                                                   : std::optional<std::string>(review.decision_outcome));
  WritePublication(json, review.publication);
  json.Key("checkpoints").BeginArray();
  for (const CheckpointView& checkpoint : review.checkpoints) WriteCheckpoint(json, checkpoint);
  json.EndArray().Key("parallel_processes").BeginArray();
  for (const ParallelProcess& process : review.parallel_processes) WriteProcess(json, process);
  json.EndArray().Key("delays").BeginArray();
  for (const Delay& delay : review.delays) WriteDelay(json, delay);
  json.EndArray().Field("created_at", review.created_at).Field("updated_at", review.updated_at);
  if (created_id) json.Field("created_id", *created_id);
  json.EndObject();
  return json.Take();
}

std::string ReviewListJson(const ReviewPage& page) {
  JsonWriter json;
  json.BeginObject().Key("items").BeginArray();
  for (const ReviewSummary& summary : page.items) {
    json.BeginObject();
    WriteSummaryFields(json, summary);
    json.EndObject();
  }
  json.EndArray().Key("next_cursor");
  if (page.next_cursor) json.String(std::to_string(*page.next_cursor));  // a string: cursors are opaque
  else json.Null();
  json.EndObject();
  return json.Take();
}

std::string NextEventsJson(const std::vector<NextEvent>& next_events) {
  JsonWriter json(256 * next_events.size() + 16);
  WriteNextEvents(json, next_events);
  return json.Take();
}

}  // namespace scr

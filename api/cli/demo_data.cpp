#include "cli/demo_data.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "cli/demo_story.h"
#include "engine/directory.h"
#include "engine/review_queries.h"
#include "engine/review_service.h"
#include "engine/sessions.h"

namespace scr::cli {
namespace {

using namespace demo;  // the story's tables (demo_story.h), read here alone

constexpr int kDemoDays = 220;  // the demo's history ends today, this many days after it began

Date DayOf(Instant instant) {
  return Date::FromDays(static_cast<int32_t>(
      std::chrono::duration_cast<std::chrono::hours>(instant.time_since_epoch()).count() / 24));
}

class DemoBuilder {
 public:
  DemoBuilder(ReviewService& service, ReviewQueries& queries, SimulatedClock& clock, const Actor& actor,
              Instant start, const WorkingCalendar& calendar)
      : service_(service), queries_(queries), clock_(clock), actor_(actor), start_(start), calendar_(calendar) {}

  Status Run() {
    std::vector<Step> steps(std::begin(kSteps), std::end(kSteps));
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.day < b.day; });
    for (const Step& step : steps) {
      Instant when = start_ + std::chrono::hours(24 * step.day);
      if (when > clock_.Now()) {
        if (Status moved = clock_.AdvanceTo(when); !moved.ok()) return moved;
        // Alerts fall due as the months pass, as they would have on a running service.
        if (Result<size_t> fired = service_.FireDueAlerts(); !fired.ok()) return fired.status();
      }
      if (Status done = Apply(step); !done.ok()) {
        return Status::InvalidArgument(std::string("demo step for ") + kReviews[step.review].title + ": " + done.message());
      }
    }
    return Status::Ok();
  }

 private:
  Status Apply(const Step& step) {
    const DemoReview& review = kReviews[step.review];
    switch (step.kind) {
      case StepKind::kRefer: {
        Referral referral;
        referral.workflow = review.workflow;
        referral.title = review.title;
        referral.referral_date = DayOf(clock_.Now());
        referral.incident_date = referral.referral_date.AddDays(-12);
        referral.rationale = review.rationale;
        referral.conditions = {{"child_died", review.child_died},
                               {"statutory_criteria_met", review.statutory_criteria_met}};
        CommandResult result = service_.Execute(ReferCommand{actor_, referral});
        ids_[step.review] = result.review;
        return result.status;
      }
      case StepKind::kWalkTo: return WalkTo(ids_[step.review], step.what, step.reason);
      case StepKind::kComplete: return Complete(ids_[step.review], step.what, step.reason);
      case StepKind::kExtend: {
        Date later = WorkingDayOnOrAfter(DayOf(clock_.Now()).AddDays(35));
        return service_.Execute(ExtendCheckpointCommand{actor_, ids_[step.review], step.what, later, step.reason}).status;
      }
      case StepKind::kExtendToThisWeek: return ExtendToThisWeek(ids_[step.review], step.what, step.reason);
      case StepKind::kAction: return AddAction(ids_[step.review], kActions[std::atoi(step.reason)], step.what);
      case StepKind::kAskAgency: {
        Date due = DayOf(clock_.Now()).AddDays(15);
        while (due.IsWeekend()) due = due.AddDays(1);
        return service_.Execute(RequestInformationCommand{actor_, ids_[step.review], step.what, step.reason, due}).status;
      }
      case StepKind::kFamily: return RecordFamily(ids_[step.review]);
      case StepKind::kHold: {
        AddParallelProcessCommand command;
        command.actor = actor_;
        command.review = ids_[step.review];
        command.kind = step.what;
        command.holds = "publication";
        command.owner = "Police major crime team";
        command.notes = step.reason;
        return service_.Execute(command).status;
      }
    }
    return Status::Ok();
  }

  // Completes the work of the phase being left (but for what the demo lets slip) and what holds `event`
  // back, as the business unit would record it, then applies it.
  Status WalkTo(ReviewId review, const std::string& event, const std::string& reason) {
    Result<ReviewView> view = queries_.GetReview(actor_.board_id, review);
    if (!view.ok()) return view.status();
    for (const CheckpointView& checkpoint : view->checkpoints) {
      bool open = checkpoint.status != CheckpointStatus::kDone && checkpoint.status != CheckpointStatus::kWaived;
      if (!open || checkpoint.phase != view->summary.phase || LeftUndone(checkpoint.key)) continue;
      if (Status done = Complete(review, checkpoint.key, "Recorded by the business unit."); !done.ok()) return done;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
      CommandResult result = service_.Execute(ApplyEventCommand{actor_, review, event, reason, "{}"});
      if (result.status.code() != Status::Code::kBlocked) return result.status;
      for (const std::string& key : result.status.items()) {
        if (key.rfind("parallel_process:", 0) == 0 || key.rfind("not_before:", 0) == 0) continue;
        if (Status done = Complete(review, key, "Recorded by the business unit."); !done.ok()) return done;
      }
    }
    return Status::InvalidArgument("could not reach " + event);
  }

  // The privacy checkpoint is completed as in life: by a clean check of the report's final text.
  Status Complete(ReviewId review, const std::string& key, const std::string& note) {
    if (key == "privacy_check_passed") {
      RecordPrivacyIdentifierCommand name{actor_, review, "name", "Jordan Example", "the child's mother"};
      if (Status recorded = service_.Execute(name).status; !recorded.ok()) return recorded;
      return service_.Execute(CheckPrivacyCommand{actor_, review, "Final report text: the family are not named."}).status;
    }
    return service_.Execute(CompleteCheckpointCommand{actor_, review, key, note, ""}).status;
  }

  // Moves `key` to a working day a few days after the demo's last day (the first the engine accepts), so
  // that its owner has it due this week.
  Status ExtendToThisWeek(ReviewId review, const std::string& key, const std::string& reason) {
    Date due = DayOf(clock_.Now()).AddDays(3);
    Status extended = Status::InvalidArgument("no working day found for " + key);
    for (int tries = 0; tries < 10 && !extended.ok(); ++tries, due = due.AddDays(1)) {
      if (due.IsWeekend()) continue;
      extended = service_.Execute(ExtendCheckpointCommand{actor_, review, key, due, reason}).status;
    }
    return extended;
  }

  // The family of the review in report QA (fictional), and the addresses and places the report must not
  // give away: the privacy check finds them.
  Status RecordFamily(ReviewId review) {
    FamilyMember mother;
    mother.name = "Kerry Doyle";
    mother.relationship = "mother";
    mother.date_of_birth = Date::FromYmd(1991, 7, 9);
    mother.involvement = "involved";
    mother.support_needs = "Meetings in the afternoon; an advocate attends.";
    if (Status s = service_.Execute(RecordFamilyMemberCommand{actor_, review, mother}).status; !s.ok()) return s;
    const std::pair<const char*, const char*> identifiers[] = {
        {"address", "4 Mill Lane, Eastbrook"}, {"address", "17 Quarry Row, Northtown"}, {"place", "Eastbrook Infants"},
        {"name", "Dean Doyle"}};
    for (const auto& [kind, value] : identifiers) {
      RecordPrivacyIdentifierCommand command{actor_, review, kind, value, "recorded by the business unit"};
      if (Status s = service_.Execute(command).status; !s.ok()) return s;
    }
    return Status::Ok();
  }

  // Agrees `action`, then moves it on to `status` as its owner would have.
  Status AddAction(ReviewId review, const DemoAction& action, const std::string& status) {
    AddActionCommand add;
    add.actor = actor_;
    add.review = review;
    add.action.title = action.title;
    add.action.finding = action.finding;
    add.action.owner_agency = action.agency;
    add.action.lead = action.lead;
    add.action.priority = action.priority;
    add.action.business_plan_priority = "Neglect";
    add.action.due = WorkingDayOnOrAfter(DayOf(clock_.Now()).AddDays(action.due_in));
    CommandResult added = service_.Execute(add);
    if (!added.status.ok()) return added.status;
    std::vector<std::string> path;
    if (status == "in_progress") path = {"in_progress"};
    if (status == "completed") path = {"in_progress", "completed"};
    if (status == "evidenced") path = {"in_progress", "completed", "evidenced"};
    if (status == "not_achieved" || status == "dropped") path = {status};
    for (const std::string& next : path) {
      UpdateActionCommand update;
      update.actor = actor_;
      update.review = review;
      update.action = added.created_id;
      update.status = next;
      update.note = next == "in_progress" ? "Work has started." : "";
      if (next == "evidenced") {
        update.impact = action.reason;
        update.impact_measure = "Quarterly audit by the partnership's quality group";
      } else if (next == "not_achieved" || next == "dropped") {
        update.reason = action.reason;
      }
      if (Status moved = service_.Execute(update).status; !moved.ok()) return moved;
    }
    return Status::Ok();
  }

  // Dates the business unit picks fall on the board's working days, as the service requires.
  Date WorkingDayOnOrAfter(Date day) const {
    Result<Date> working = calendar_.WorkingDayOnOrAfter(day);
    return working.ok() ? *working : day;
  }

  ReviewService& service_;
  ReviewQueries& queries_;
  SimulatedClock& clock_;
  Actor actor_;
  Instant start_;
  WorkingCalendar calendar_;
  ReviewId ids_[std::size(kReviews)] = {};
};

}  // namespace

Result<DemoDatabase> BuildDemoDatabase(const ReferenceData& reference) {
  std::string folder = (std::filesystem::temp_directory_path() / "scr-demo-XXXXXX").string();
  if (!mkdtemp(folder.data())) return Status::Storage("cannot create a folder for the demo database");
  DemoDatabase demo;
  demo.database_path = folder + "/demo.db";

  Result<std::unique_ptr<Directory>> directory = Directory::Open(demo.database_path);
  if (!directory.ok()) return directory.status();
  Result<BoardId> board = (*directory)->CreateBoard("Northshire Safeguarding Children Partnership (demo)",
                                                    Nation::kEnglandAndWales, "Europe/London");
  if (!board.ok()) return board.status();
  // An agency user sees and changes only its own agency's actions and information requests.
  // `morning`: what waits for them on the demo's Monday morning (the steps above make it so).
  struct Person { Role role; const char* name; const char* email; const char* agency; const char* morning; };
  const Person people[] = {
      {Role::kBusinessUnit, "Sam Okafor", "business.unit@northshire.example", "",
       "overdue steps to chase on several reviews; Child J (2026/06) and Child S (2026/10) await the chair's decision, "
       "to be recorded with its rationale"},
      {Role::kChair, "Dr Helen Ward", "chair@northshire.example", "",
       "decisions awaiting the chair (Child J, Child S) and escalations of overdue steps to acknowledge"},
      {Role::kLeadReviewer, "Priya Nair", "lead.reviewer@northshire.example", "",
       "Young person P (2026/03): the practitioners' event due this week, the family involvement decision overdue"},
      {Role::kAgency, "Police liaison", "police@northshire.example", "Police",
       "an overdue police action on Child K (2026/01), beside Health's actions it cannot see, and an information "
       "request for Young person P"},
      {Role::kAgency, "Health liaison", "health@northshire.example", "Health", "Health's actions on Child K"},
      {Role::kViewer, "Board member", "member@northshire.example", "", "the dashboard, read only"},
      {Role::kAdmin, "System administrator", "admin@northshire.example", "",
       "users, tokens, and the demo clock (move it on and see what fires)"},
  };
  Actor business_unit{*board, Role::kBusinessUnit, people[0].name, std::nullopt};
  Result<std::unique_ptr<Sessions>> sessions = Sessions::Open(demo.database_path);
  if (!sessions.ok()) return sessions.status();
  for (const Person& person : people) {
    Result<UserId> user = (*directory)->CreateUser(*board, person.role, person.name, person.email, person.agency);
    if (!user.ok()) return user.status();
    if (person.role == Role::kBusinessUnit) business_unit.user_id = *user;
    Result<std::string> token = (*directory)->CreateToken(NewToken{*board, person.role, *user});
    if (!token.ok()) return token.status();
    demo.tokens.emplace_back(std::string(person.name) + " (" + RoleName(person.role) + ")", *token);
    if (person.role == Role::kBusinessUnit) {  // the business unit's calendar feed: a token for that alone
      Result<std::string> feed =
          (*directory)->CreateToken(NewToken{*board, person.role, *user, TokenScope::kCalendar, std::nullopt});
      if (!feed.ok()) return feed.status();
      demo.calendar_token = *feed;
    }
    if (Status set = (*sessions)->SetPassword(*user, kDemoPassword); !set.ok()) return set;
    std::string agency = *person.agency ? std::string(", ") + person.agency : std::string();
    demo.logins.emplace_back(person.email, RoleName(person.role) + agency);
    demo.mornings.emplace_back(person.email, person.morning);
  }
  // A neighbouring board on the same service: its users see nothing of Northshire's reviews.
  Result<BoardId> neighbour = (*directory)->CreateBoard("Westvale Safeguarding Children Partnership (demo)",
                                                        Nation::kEnglandAndWales, "Europe/London");
  if (!neighbour.ok()) return neighbour.status();
  Result<UserId> neighbour_user = (*directory)->CreateUser(*neighbour, Role::kBusinessUnit, "Alex Morgan",
                                                           "business.unit@westvale.example", "");
  if (!neighbour_user.ok()) return neighbour_user.status();
  if (Status set = (*sessions)->SetPassword(*neighbour_user, kDemoPassword); !set.ok()) return set;
  demo.logins.emplace_back("business.unit@westvale.example", "business_unit, Westvale board");

  Instant today = SystemClock::Instance().Now();
  Instant start = today - std::chrono::hours(24 * kDemoDays);
  demo.clock = std::make_unique<SimulatedClock>(start);
  {
    Result<std::unique_ptr<ReviewService>> service = ReviewService::Open(
        {demo.database_path, reference.workflows.get(), reference.holidays.get(), demo.clock.get()});
    if (!service.ok()) return service.status();
    Result<std::unique_ptr<ReviewQueries>> queries = ReviewQueries::Open(
        {demo.database_path, reference.workflows.get(), reference.holidays.get(), demo.clock.get()});
    if (!queries.ok()) return queries.status();
    Result<WorkingCalendar> calendar = WorkingCalendar::Create(*reference.holidays, Nation::kEnglandAndWales);
    if (!calendar.ok()) return calendar.status();
    DemoBuilder builder(**service, **queries, *demo.clock, business_unit, start, *calendar);
    if (Status built = builder.Run(); !built.ok()) return built;
    if (Status moved = demo.clock->AdvanceTo(today); !moved.ok()) return moved;
    if (Result<size_t> fired = (*service)->FireDueAlerts(); !fired.ok()) return fired.status();
  }
  if (Status saved = (*directory)->SaveSimulatedNow(today); !saved.ok()) return saved;
  spdlog::info("demo database ready at {}", demo.database_path);
  return demo;
}

}  // namespace scr::cli

#include "cli/demo_data.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "engine/directory.h"
#include "engine/review_queries.h"
#include "engine/review_service.h"
#include "engine/sessions.h"

namespace scr::cli {
namespace {

// One fictional review: no real names; titles are references as a business unit would use them.
struct DemoReview {
  const char* workflow;
  const char* title;
  int referred_day;  // days after the demo's first day
  bool child_died;
  bool statutory_criteria_met;
  const char* rationale;
};

enum class StepKind { kRefer, kWalkTo, kComplete, kExtend, kExtendToThisWeek, kHold, kAction, kAskAgency, kFamily };

struct Step {
  int day;
  int review;  // index into kReviews
  StepKind kind;
  const char* what = "";    // event or checkpoint key; for an action, its status at the end
  const char* reason = "";  // rationale, note or delay reason; for an action, its index in kActions
};

// An improvement action of the demo: agreed on `day` of its step, due `due_in` days after that, and moved
// on to its status as the board would have.
struct DemoAction {
  const char* title;
  const char* finding;
  const char* agency;
  const char* lead;
  const char* priority;
  int due_in;
  const char* reason;  // why dropped or not achieved; for evidenced, the impact
};

constexpr int kDemoDays = 220;

Date DayOf(Instant instant) {
  return Date::FromDays(static_cast<int32_t>(
      std::chrono::duration_cast<std::chrono::hours>(instant.time_since_epoch()).count() / 24));
}  // the demo's history ends today, this many days after it began

const DemoReview kReviews[] = {
    {"scr-2015", "Child K (2026/01)", 0, true, true, "Infant died after an unexplained head injury; agencies had contact with the family."},
    {"scr-2015", "Siblings M and N (2026/02)", 20, false, true, "Two children seriously harmed by neglect while known to several agencies."},
    {"scr-2015", "Young person P (2026/03)", 45, false, false, "Exploitation concerns; not statutory, but strong local learning priority."},
    {"scr-2015", "Child T (2026/04)", 60, true, true, "Child died; police investigation under way."},
    {"scr-2015", "Child D (2026/05)", 150, false, true, "Serious injury to a toddler on a child protection plan."},
    {"lcspr-2023", "Child J (2026/06)", 185, false, true, "Serious harm; notified to the national panel."},
    {"scr-2015", "Child L (2026/07)", 200, false, false, "Referral from school; information suggests single-agency learning."},
    {"lcspr-2023", "Child F (2026/08)", 90, false, true, "Serious harm from domestic abuse; rapid review held."},
    {"scr-2015", "Child R (2026/09)", 30, false, true, "Neglect and missed health appointments; several agencies involved."},
    {"scr-2015", "Child S (2026/10)", 198, false, true, "Serious injury; the hospital referred after a disclosure."},
};

const DemoAction kActions[] = {
    {"Health visitors ask about every adult living in the home", "Finding 1: men in the household were unseen",
     "Health", "Named nurse for safeguarding", "high", 19, ""},
    {"Multi-agency training on recognising neglect", "Finding 2: cumulative neglect was not recognised",
     "Children's Services", "Principal social worker", "high", 49, ""},
    {"Police share domestic abuse call-outs with schools next day", "Finding 3: schools learnt of incidents late",
     "Police", "Detective Inspector, public protection", "medium", 144, ""},
    {"Audit of referrals for the quality of the concern described", "Finding 2: referrals did not say what worried them",
     "Children's Services", "Head of front door", "medium", 30, ""},
    {"Escalation policy rewritten in plain English", "Finding 4: professionals did not challenge decisions",
     "Safeguarding Partnership", "Business manager", "low", 20,
     "Practitioners now escalate: 14 escalations in the quarter against 2 a year before"},
    {"GP practices flag missed child health appointments", "Finding 5: missed appointments were not followed up",
     "Health", "Designated doctor", "medium", 10, "The practices' system cannot flag; a new system is due in 2028"},
    {"Separate briefing for school governors", "Finding 3: schools learnt of incidents late",
     "Education", "", "low", 60, "Covered by the county's governor training instead"},
    {"Police attend every strategy discussion in person", "Finding 6: strategy discussions went ahead without the police",
     "Police", "Detective Inspector, public protection", "high", 20, ""},
};

const Step kSteps[] = {
    // Child K: through to implementation.
    {0, 0, StepKind::kRefer},
    {20, 0, StepKind::kWalkTo, "decide_to_review", "Statutory criteria met: death, abuse suspected, agencies involved."},
    {40, 0, StepKind::kWalkTo, "commission", ""},
    {60, 0, StepKind::kWalkTo, "start_review", ""},
    {120, 0, StepKind::kWalkTo, "submit_report", ""},
    {140, 0, StepKind::kWalkTo, "sign_off_report", ""},
    {165, 0, StepKind::kWalkTo, "agree_response", ""},
    {185, 0, StepKind::kWalkTo, "publish", ""},
    // Siblings M and N: the report is with quality assurance.
    {20, 1, StepKind::kRefer},
    {38, 1, StepKind::kWalkTo, "decide_to_review", "Criteria met; neglect over several years with many agencies involved."},
    {60, 1, StepKind::kWalkTo, "commission", ""},
    {85, 1, StepKind::kWalkTo, "start_review", ""},
    {190, 1, StepKind::kWalkTo, "submit_report", ""},
    {200, 1, StepKind::kExtend, "report_qa_completed", "Peer reviewer unavailable for three weeks."},
    // Young person P: review running, with slips.
    {45, 2, StepKind::kRefer},
    {70, 2, StepKind::kWalkTo, "decide_to_review", "Not statutory; board priority on exploitation makes the learning valuable."},
    {95, 2, StepKind::kWalkTo, "commission", ""},
    {120, 2, StepKind::kWalkTo, "start_review", ""},
    // Child T: ready to publish, held back by the criminal trial.
    {60, 3, StepKind::kRefer},
    {66, 3, StepKind::kHold, "criminal_investigation", "Trial listed; CPS asks that nothing is published before the verdict."},
    {80, 3, StepKind::kWalkTo, "decide_to_review", "Statutory criteria met: a child died and abuse is suspected."},
    {100, 3, StepKind::kWalkTo, "commission", ""},
    {120, 3, StepKind::kWalkTo, "start_review", ""},
    {170, 3, StepKind::kWalkTo, "submit_report", ""},
    {185, 3, StepKind::kWalkTo, "sign_off_report", ""},
    {205, 3, StepKind::kWalkTo, "agree_response", ""},
    // Child D: setting up, family not yet told.
    {150, 4, StepKind::kRefer},
    {175, 4, StepKind::kWalkTo, "decide_to_review", "Criteria met: serious injury while on a plan."},
    {180, 4, StepKind::kComplete, "board_advised", "Board members told at the extraordinary meeting."},
    // Child J: rapid review under way.
    {185, 5, StepKind::kRefer},
    // Child L: decided not to review.
    {200, 6, StepKind::kRefer},
    {212, 6, StepKind::kWalkTo, "decide_not_to_review", "Learning is single-agency; the school will review its own practice."},
    // Child F: LCSPR in commissioning.
    {90, 7, StepKind::kRefer},
    {104, 7, StepKind::kWalkTo, "decide_to_review", "Rapid review found multi-agency learning about domestic abuse."},
    {130, 7, StepKind::kWalkTo, "commission", ""},
    // Child K: the improvement actions, one in each state and RAG rating.
    {186, 0, StepKind::kAction, "in_progress", "0"},    // red: past its date
    {186, 0, StepKind::kAction, "not_started", "1"},    // amber: due soon
    {186, 0, StepKind::kAction, "in_progress", "2"},    // green: on track
    {186, 0, StepKind::kAction, "completed", "3"},      // green: done, follow-ups planned
    {186, 0, StepKind::kAction, "evidenced", "4"},      // green: done and its impact shown
    {186, 0, StepKind::kAction, "not_achieved", "5"},   // red: could not be done
    {186, 0, StepKind::kAction, "dropped", "6"},        // not rated
    // Child R: ready to publish but for one overdue step.
    {30, 8, StepKind::kRefer},
    {48, 8, StepKind::kWalkTo, "decide_to_review", "Criteria met: serious neglect known to several agencies."},
    {70, 8, StepKind::kWalkTo, "commission", ""},
    {90, 8, StepKind::kWalkTo, "start_review", ""},
    {150, 8, StepKind::kWalkTo, "submit_report", ""},
    {175, 8, StepKind::kWalkTo, "sign_off_report", ""},
    {200, 8, StepKind::kWalkTo, "agree_response", ""},
    {203, 8, StepKind::kComplete, "publication_date_set", "Publication set for the board's next open meeting."},
    {206, 8, StepKind::kComplete, "professionals_informed_before_publication", "Briefings held for every agency."},
    {206, 8, StepKind::kComplete, "family_told_publication_date", "The family met the chair and have the report."},
    // Monday morning: something for every role.
    {186, 0, StepKind::kAction, "in_progress", "7"},  // the police's own action, now overdue
    {200, 1, StepKind::kFamily},                      // the report in QA: what the privacy check looks for
    {210, 2, StepKind::kAskAgency, "Police", "Chronology of police call-outs to the family's addresses since 2024"},
    {198, 9, StepKind::kRefer},  // a new referral: the chair's decision is due soon
    {219, 2, StepKind::kExtendToThisWeek, "practitioner_event_held", "Venue lost; the event is rebooked for this week."},
};

// Work a business unit let slip in the demo, so that the board sees late items with reasons to chase.
const char* const kLeftUndone[] = {"national_notification", "neighbouring_boards_checked", "purpose_communicated",
                                   "police_cps_discussion", "practitioner_feedback_gathered", "analysis_challenged",
                                   "media_strategy_agreed"};

bool LeftUndone(const std::string& key) {
  return std::find(std::begin(kLeftUndone), std::end(kLeftUndone), key) != std::end(kLeftUndone);
}

class DemoBuilder {
 public:
  DemoBuilder(ReviewService& service, ReviewQueries& queries, SimulatedClock& clock, const Actor& actor,
              Instant start)
      : service_(service), queries_(queries), clock_(clock), actor_(actor), start_(start) {}

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
        referral.child_died = review.child_died;
        referral.statutory_criteria_met = review.statutory_criteria_met;
        CommandResult result = service_.Execute(ReferCommand{actor_, referral});
        ids_[step.review] = result.review;
        return result.status;
      }
      case StepKind::kWalkTo: return WalkTo(ids_[step.review], step.what, step.reason);
      case StepKind::kComplete: return Complete(ids_[step.review], step.what, step.reason);
      case StepKind::kExtend: {
        Date later = DayOf(clock_.Now()).AddDays(35);
        while (later.IsWeekend()) later = later.AddDays(1);
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
        command.holds_publication = true;
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
        if (key.rfind("parallel_process:", 0) == 0) continue;
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
    add.action.due = DayOf(clock_.Now()).AddDays(action.due_in);
    while (add.action.due.IsWeekend()) add.action.due = add.action.due.AddDays(1);
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

  ReviewService& service_;
  ReviewQueries& queries_;
  SimulatedClock& clock_;
  Actor actor_;
  Instant start_;
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

  Instant today = std::chrono::system_clock::now();
  Instant start = today - std::chrono::hours(24 * kDemoDays);
  demo.clock = std::make_unique<SimulatedClock>(start);
  {
    Result<std::unique_ptr<ReviewService>> service = ReviewService::Open(
        {demo.database_path, reference.workflows.get(), reference.holidays.get(), demo.clock.get()});
    if (!service.ok()) return service.status();
    Result<std::unique_ptr<ReviewQueries>> queries = ReviewQueries::Open(
        {demo.database_path, reference.workflows.get(), reference.holidays.get(), demo.clock.get()});
    if (!queries.ok()) return queries.status();
    DemoBuilder builder(**service, **queries, *demo.clock, business_unit, start);
    if (Status built = builder.Run(); !built.ok()) return built;
    if (Status moved = demo.clock->AdvanceTo(today); !moved.ok()) return moved;
    if (Result<size_t> fired = (*service)->FireDueAlerts(); !fired.ok()) return fired.status();
  }
  if (Status saved = (*directory)->SaveSimulatedNow(today); !saved.ok()) return saved;
  spdlog::info("demo database ready at {}", demo.database_path);
  return demo;
}

}  // namespace scr::cli

// The demo's story (demo_data.cpp replays it): fictional reviews, the steps a business unit took over the
// months before the demo's Monday morning, the improvement actions agreed, and the work it let slip.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>

namespace scr::cli::demo {

// One fictional review: no real names; titles are references as a business unit would use them.
struct DemoReview {
  const char* workflow;
  const char* title;
  int referred_day;  // days after the demo's first day
  bool child_died;
  bool statutory_criteria_met;
  const char* rationale;
};

enum class StepKind {
  kRefer,
  kWalkTo,
  kComplete,
  kExtend,
  kExtendToThisWeek,
  kHold,
  kAction,
  kAskAgency,
  kFamily
};

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

inline const DemoReview kReviews[] = {
    {"scr-2015", "Child K (2026/01)", 0, true, true,
     "Infant died after an unexplained head injury; agencies had contact with the family."},
    {"scr-2015", "Siblings M and N (2026/02)", 20, false, true,
     "Two children seriously harmed by neglect while known to several agencies."},
    {"scr-2015", "Young person P (2026/03)", 45, false, false,
     "Exploitation concerns; not statutory, but strong local learning priority."},
    {"scr-2015", "Child T (2026/04)", 60, true, true, "Child died; police investigation under way."},
    {"scr-2015", "Child D (2026/05)", 150, false, true,
     "Serious injury to a toddler on a child protection plan."},
    {"lcspr-2023", "Child J (2026/06)", 185, false, true, "Serious harm; notified to the national panel."},
    {"scr-2015", "Child L (2026/07)", 200, false, false,
     "Referral from school; information suggests single-agency learning."},
    {"lcspr-2023", "Child F (2026/08)", 90, false, true,
     "Serious harm from domestic abuse; rapid review held."},
    {"scr-2015", "Child R (2026/09)", 30, false, true,
     "Neglect and missed health appointments; several agencies involved."},
    {"scr-2015", "Child S (2026/10)", 198, false, true,
     "Serious injury; the hospital referred after a disclosure."},
};

inline const DemoAction kActions[] = {
    {"Health visitors ask about every adult living in the home",
     "Finding 1: men in the household were unseen", "Health", "Named nurse for safeguarding", "high", 19, ""},
    {"Multi-agency training on recognising neglect", "Finding 2: cumulative neglect was not recognised",
     "Children's Services", "Principal social worker", "high", 49, ""},
    {"Police share domestic abuse call-outs with schools next day",
     "Finding 3: schools learnt of incidents late", "Police", "Detective Inspector, public protection",
     "medium", 144, ""},
    {"Audit of referrals for the quality of the concern described",
     "Finding 2: referrals did not say what worried them", "Children's Services", "Head of front door",
     "medium", 30, ""},
    {"Escalation policy rewritten in plain English", "Finding 4: professionals did not challenge decisions",
     "Safeguarding Partnership", "Business manager", "low", 20,
     "Practitioners now escalate: 14 escalations in the quarter against 2 a year before"},
    {"GP practices flag missed child health appointments",
     "Finding 5: missed appointments were not followed up", "Health", "Designated doctor", "medium", 10,
     "The practices' system cannot flag; a new system is due in 2028"},
    {"Separate briefing for school governors", "Finding 3: schools learnt of incidents late", "Education", "",
     "low", 60, "Covered by the county's governor training instead"},
    {"Police attend every strategy discussion in person",
     "Finding 6: strategy discussions went ahead without the police", "Police",
     "Detective Inspector, public protection", "high", 20, ""},
};

inline const Step kSteps[] = {
    // Child K: through to implementation.
    {0, 0, StepKind::kRefer},
    {20, 0, StepKind::kWalkTo, "decide_to_review",
     "Statutory criteria met: death, abuse suspected, agencies involved."},
    {40, 0, StepKind::kWalkTo, "commission", ""},
    {60, 0, StepKind::kWalkTo, "start_review", ""},
    {120, 0, StepKind::kWalkTo, "submit_report", ""},
    {140, 0, StepKind::kWalkTo, "sign_off_report", ""},
    {165, 0, StepKind::kWalkTo, "agree_response", ""},
    {168, 0, StepKind::kComplete, "publication_to_panel", "Sent to the national panel, Ofsted and the DfE."},
    {185, 0, StepKind::kWalkTo, "publish", ""},
    // Siblings M and N: the report is with quality assurance.
    {20, 1, StepKind::kRefer},
    {38, 1, StepKind::kWalkTo, "decide_to_review",
     "Criteria met; neglect over several years with many agencies involved."},
    {60, 1, StepKind::kWalkTo, "commission", ""},
    {85, 1, StepKind::kWalkTo, "start_review", ""},
    {190, 1, StepKind::kWalkTo, "submit_report", ""},
    {200, 1, StepKind::kExtend, "report_qa_completed", "Peer reviewer unavailable for three weeks."},
    // Young person P: review running, with slips.
    {45, 2, StepKind::kRefer},
    {70, 2, StepKind::kWalkTo, "decide_to_review",
     "Not statutory; board priority on exploitation makes the learning valuable."},
    {95, 2, StepKind::kWalkTo, "commission", ""},
    {120, 2, StepKind::kWalkTo, "start_review", ""},
    // Child T: ready to publish, held back by the criminal trial.
    {60, 3, StepKind::kRefer},
    {66, 3, StepKind::kHold, "criminal_investigation",
     "Trial listed; CPS asks that nothing is published before the verdict."},
    {80, 3, StepKind::kWalkTo, "decide_to_review",
     "Statutory criteria met: a child died and abuse is suspected."},
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
    {212, 6, StepKind::kWalkTo, "decide_not_to_review",
     "Learning is single-agency; the school will review its own practice."},
    // Child F: LCSPR in commissioning.
    {90, 7, StepKind::kRefer},
    {104, 7, StepKind::kWalkTo, "decide_to_review",
     "Rapid review found multi-agency learning about domestic abuse."},
    {130, 7, StepKind::kWalkTo, "commission", ""},
    // Child K: the improvement actions, one in each state and RAG rating.
    {186, 0, StepKind::kAction, "in_progress", "0"},   // red: past its date
    {186, 0, StepKind::kAction, "not_started", "1"},   // amber: due soon
    {186, 0, StepKind::kAction, "in_progress", "2"},   // green: on track
    {186, 0, StepKind::kAction, "completed", "3"},     // green: done, follow-ups planned
    {186, 0, StepKind::kAction, "evidenced", "4"},     // green: done and its impact shown
    {186, 0, StepKind::kAction, "not_achieved", "5"},  // red: could not be done
    {186, 0, StepKind::kAction, "dropped", "6"},       // not rated
    // Child R: ready to publish but for one overdue step (the professionals are still to be told).
    {30, 8, StepKind::kRefer},
    {48, 8, StepKind::kWalkTo, "decide_to_review",
     "Criteria met: serious neglect known to several agencies."},
    {70, 8, StepKind::kWalkTo, "commission", ""},
    {90, 8, StepKind::kWalkTo, "start_review", ""},
    {150, 8, StepKind::kWalkTo, "submit_report", ""},
    {175, 8, StepKind::kWalkTo, "sign_off_report", ""},
    {200, 8, StepKind::kWalkTo, "agree_response", ""},
    {203, 8, StepKind::kComplete, "publication_date_set",
     "Publication set for the board's next open meeting."},
    {203, 8, StepKind::kComplete, "publication_to_panel",
     "Sent to the national panel and the DfE a week before the planned date."},
    {206, 8, StepKind::kComplete, "family_told_publication_date",
     "The family met the chair and have the report."},
    // Monday morning: something for every role.
    {186, 0, StepKind::kAction, "in_progress", "7"},  // the police's own action, now overdue
    {200, 1, StepKind::kFamily},                      // the report in QA: what the privacy check looks for
    {210, 2, StepKind::kAskAgency, "Police",
     "Chronology of police call-outs to the family's addresses since 2024"},
    {198, 9, StepKind::kRefer},  // a new referral: the chair's decision is due soon
    {219, 2, StepKind::kExtendToThisWeek, "practitioner_event_held",
     "Venue lost; the event is rebooked for this week."},
};

// Work a business unit let slip in the demo, so that the board sees late items with reasons to chase.
inline const char* const kLeftUndone[] = {"national_notification",          "neighbouring_boards_checked",
                                          "purpose_communicated",           "police_cps_discussion",
                                          "practitioner_feedback_gathered", "analysis_challenged",
                                          "media_strategy_agreed"};

inline bool LeftUndone(const std::string& key) {
  return std::find(std::begin(kLeftUndone), std::end(kLeftUndone), key) != std::end(kLeftUndone);
}

}  // namespace scr::cli::demo

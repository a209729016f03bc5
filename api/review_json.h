// The JSON of a review (GET /reviews/{id}, and the answer to every change of it) and of the review list,
// written straight to text: a review with all its checkpoints is about 10 KB and the most read answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/model.h"
#include "engine/review_queries.h"
#include "engine/workflow.h"

namespace scr {

// `created_id`: the id of what a command just created inside the review (a parallel process), if any.
std::string ReviewJson(const ReviewView& review, const WorkflowDefinition* workflow,
                       std::optional<int64_t> created_id = std::nullopt);

std::string ReviewListJson(const ReviewPage& page);

// `[{"event", "blocked_by": [{"kind", ...}]}]`: every event of the review's phase and what holds it back.
std::string NextEventsJson(const std::vector<NextEvent>& next_events);

}  // namespace scr

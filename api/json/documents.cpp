// An entry of a review's documents register (the disclosable material index).
#include "json/resources.h"

namespace scr {

nlohmann::json ToJson(const Document& document) {
  return {{"id", document.id},
          {"title", document.title},
          {"kind", document.kind},
          {"owner_body", document.owner_body},
          {"held_by", document.held_by},
          {"date", document.document_date.ToString()},
          {"disclosure_status", document.disclosure_status},
          {"notes", document.notes},
          {"recorded_by", document.recorded_by},
          {"created_at", document.created_at},
          {"updated_at", document.updated_at}};
}

}  // namespace scr

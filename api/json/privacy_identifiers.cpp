// A name or address recorded for the privacy check to look for.
#include "json/resources.h"

namespace scr {

nlohmann::json ToJson(const PrivacyIdentifierRecord& identifier) {
  return {{"id", identifier.id},
          {"kind", identifier.kind},
          {"value", identifier.value},
          {"note", identifier.note},
          {"recorded_by", identifier.recorded_by},
          {"created_at", identifier.created_at}};
}

}  // namespace scr

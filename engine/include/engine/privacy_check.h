// The privacy check of a report (QM14): every place where the text names what the review recorded about
// the family (names, dates of birth, addresses, other identifiers), found whatever the case and spacing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"

namespace scr {

// Something the text must not give away. kind: name, date_of_birth, address, place, identifier.
struct PrivacyIdentifier {
  std::string kind;
  std::string text;
};

// One place in the text. start and end count Unicode characters (end is past the last one); the byte
// offsets into the UTF-8 text are kept beside them.
struct PrivacyFinding {
  std::string kind;
  size_t start = 0;
  size_t end = 0;
  size_t byte_start = 0;
  size_t byte_end = 0;
};

// What to look for from the family's records and the review's register of identifiers: each full name and
// each part of it (a surname alone names the family), the date of birth in the ways people write dates,
// each address, each of its lines and its street without the house number, each place and other identifier.
std::vector<PrivacyIdentifier> IdentifiersOf(const std::vector<FamilyMember>& family,
                                             const std::vector<PrivacyIdentifierRecord>& recorded = {});

// Every occurrence in `text` of one of `identifiers`, in text order. Case, spacing and punctuation between
// letters are ignored, but a match must start and end at a word's edge ("Ann" is not found in "Annual").
// Where matches overlap, the longest is kept.
std::vector<PrivacyFinding> FindIdentifiers(std::string_view text, const std::vector<PrivacyIdentifier>& identifiers);

}  // namespace scr

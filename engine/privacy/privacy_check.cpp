#include "engine/privacy_check.h"

#include <algorithm>
#include <cctype>

namespace scr {
namespace {

// The text with everything but letters and digits left out, lower-cased, each character remembering
// where it stood: "Jane  SMITH" becomes "janesmith", and a match can be mapped back to the original.
struct Folded {
  std::u32string letters;
  std::vector<size_t> position;  // of each letter, in characters of the original
  std::vector<size_t> byte;      // of each letter, in bytes of the original
  size_t characters = 0;
  size_t bytes = 0;
};

bool IsLetterOrDigit(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<unsigned char>(c)) != 0;
  return c >= 0xC0 && c != 0xD7 && c != 0xF7;  // accented Latin letters and beyond count as letters
}

char32_t Lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // Latin-1 capitals
  return c;
}

// Decodes UTF-8; a malformed byte stands for itself, so every input can be checked.
Folded Fold(std::string_view text) {
  Folded folded;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    if (i + length > text.size()) length = 1;
    char32_t c = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        length = 1;
        c = lead;
        break;
      }
      c = (c << 6) | (next & 0x3F);
    }
    if (IsLetterOrDigit(c)) {
      folded.letters.push_back(Lower(c));
      folded.position.push_back(folded.characters);
      folded.byte.push_back(i);
    }
    ++folded.characters;
    i += length;
  }
  folded.bytes = text.size();
  return folded;
}

// Whether the letters [from, to) of `folded` start and end at a word's edge in the original.
bool AtWordEdges(const Folded& folded, size_t from, size_t to) {
  bool starts = from == 0 || folded.position[from - 1] + 1 != folded.position[from];
  bool ends = to == folded.letters.size() || folded.position[to - 1] + 1 != folded.position[to];
  return starts && ends;
}

std::vector<std::string> Split(const std::string& text, const std::string& separators) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (separators.find(c) != std::string::npos) {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) parts.push_back(part);
  return parts;
}

const char* const kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                               "july",    "august",   "september", "october", "november", "december"};

const char* Ordinal(int day) {
  if (day % 10 == 1 && day != 11) return "st";
  if (day % 10 == 2 && day != 12) return "nd";
  if (day % 10 == 3 && day != 13) return "rd";
  return "th";
}

// The ways a date is written in a report, as folded letters and digits: 4/3/2012, 04.03.2012, 2012-03-04,
// 4 March 2012, 4th Mar 2012, March 4, 2012.
std::vector<std::string> DateSpellings(Date date) {
  int year = date.year(), month = static_cast<int>(date.month()), day = static_cast<int>(date.day());
  std::string y = std::to_string(year), m = std::to_string(month), d = std::to_string(day);
  std::string mm = (month < 10 ? "0" : "") + m, dd = (day < 10 ? "0" : "") + d;
  std::vector<std::string> spellings = {d + m + y, dd + mm + y, d + mm + y, dd + m + y, y + mm + dd};
  std::string name = kMonths[month - 1];
  for (const std::string& month_name : {name, name.substr(0, 3)}) {
    for (const std::string& day_text : {d, dd, d + Ordinal(day)}) {
      spellings.push_back(day_text + month_name + y);
      spellings.push_back(month_name + day_text + y);
    }
  }
  std::sort(spellings.begin(), spellings.end());
  spellings.erase(std::unique(spellings.begin(), spellings.end()), spellings.end());
  return spellings;
}

// A name, whole, and each of its parts: the surname alone names the family too.
void AddName(std::vector<PrivacyIdentifier>& identifiers, const std::string& name) {
  identifiers.push_back({"name", name});
  for (const std::string& part : Split(name, " \t\n-")) identifiers.push_back({"name", part});
}

// An address, whole, each of its lines, and its street without the house number ("12 Acacia Avenue,
// Leeds" is also looked for as "Acacia Avenue").
void AddAddress(std::vector<PrivacyIdentifier>& identifiers, const std::string& address) {
  if (address.empty()) return;
  identifiers.push_back({"address", address});
  for (const std::string& line : Split(address, ",\n;")) {
    identifiers.push_back({"address", line});
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && std::isdigit(static_cast<unsigned char>(line[first]))) {
      size_t after_number = line.find_first_of(" \t", first);
      if (after_number != std::string::npos) identifiers.push_back({"address", line.substr(after_number + 1)});
    }
  }
}

}  // namespace

std::vector<PrivacyIdentifier> IdentifiersOf(const std::vector<FamilyMember>& family,
                                             const std::vector<PrivacyIdentifierRecord>& recorded) {
  std::vector<PrivacyIdentifier> identifiers;
  for (const FamilyMember& member : family) {
    AddName(identifiers, member.name);
    if (member.date_of_birth) {
      for (const std::string& spelling : DateSpellings(*member.date_of_birth)) identifiers.push_back({"date_of_birth", spelling});
    }
    AddAddress(identifiers, member.address);
    for (const std::string& identifier : member.other_identifiers) identifiers.push_back({"identifier", identifier});
  }
  for (const PrivacyIdentifierRecord& record : recorded) {
    if (record.kind == "name") AddName(identifiers, record.value);
    else if (record.kind == "address") AddAddress(identifiers, record.value);
    else identifiers.push_back({record.kind == "place" ? "place" : "identifier", record.value});
  }
  return identifiers;
}

std::vector<PrivacyFinding> FindIdentifiers(std::string_view text, const std::vector<PrivacyIdentifier>& identifiers) {
  Folded folded = Fold(text);
  std::vector<PrivacyFinding> found;
  for (const PrivacyIdentifier& identifier : identifiers) {
    std::u32string term = Fold(identifier.text).letters;
    // A single letter or digit would be found everywhere; initials are not looked for.
    if (term.size() < 2) continue;
    for (size_t at = folded.letters.find(term); at != std::u32string::npos; at = folded.letters.find(term, at + 1)) {
      size_t to = at + term.size();
      if (!AtWordEdges(folded, at, to)) continue;
      size_t last = to - 1;
      size_t end_byte = last + 1 < folded.byte.size() ? folded.byte[last + 1] : folded.bytes;
      // The match ends with its last letter, not at the next letter: step back over what follows it.
      size_t last_char_bytes = 1;
      while (folded.byte[last] + last_char_bytes < end_byte &&
             (static_cast<unsigned char>(text[folded.byte[last] + last_char_bytes]) & 0xC0) == 0x80) {
        ++last_char_bytes;
      }
      found.push_back({identifier.kind, folded.position[at], folded.position[last] + 1, folded.byte[at],
                       folded.byte[last] + last_char_bytes});
    }
  }
  // Longest first at each start, then drop what lies inside a finding already kept.
  std::sort(found.begin(), found.end(), [](const PrivacyFinding& a, const PrivacyFinding& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<PrivacyFinding> kept;
  for (const PrivacyFinding& finding : found) {
    if (!kept.empty() && finding.end <= kept.back().end) continue;
    kept.push_back(finding);
  }
  return kept;
}

}  // namespace scr

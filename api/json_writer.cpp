#include "json_writer.h"

namespace scr {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD, in place of bytes that are not UTF-8

bool Continuation(unsigned char byte, unsigned char low = 0x80, unsigned char high = 0xBF) {
  return byte >= low && byte <= high;
}

// The length of the well-formed UTF-8 sequence (RFC 3629) of 2 to 4 bytes starting at text[at], or 0.
size_t MultiByteLength(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0; };
  unsigned char lead = byte(0);
  if (lead >= 0xC2 && lead <= 0xDF) return Continuation(byte(1)) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
    unsigned char high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
    return Continuation(byte(1), low, high) && Continuation(byte(2)) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned char low = lead == 0xF0 ? 0x90 : 0x80;   // no overlong forms
    unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
    return Continuation(byte(1), low, high) && Continuation(byte(2)) && Continuation(byte(3)) ? 4 : 0;
  }
  return 0;
}

// The bytes that are not copied as they are: control characters, '"', '\\', and every byte of a
// multi-byte UTF-8 sequence (checked before it is copied).
struct SpecialBytes {
  bool special[256] = {};
  constexpr SpecialBytes() {
    for (int c = 0; c < 0x20; ++c) special[c] = true;
    for (int c = 0x80; c < 0x100; ++c) special[c] = true;
    special[static_cast<unsigned char>('"')] = true;
    special[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr SpecialBytes kSpecial;

void AppendEscaped(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  size_t plain_from = 0;  // the start of the run of bytes copied as they are
  size_t at = 0;
  while (at < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (!kSpecial.special[c]) {
      ++at;
      continue;
    }
    size_t length = c >= 0x80 ? MultiByteLength(text, at) : 0;
    if (length > 0) {
      at += length;
      continue;
    }
    out.append(text.data() + plain_from, at - plain_from);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += kReplacement;
        }
    }
    plain_from = ++at;
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
}

}  // namespace

void JsonWriter::BeforeValue() {
  if (after_value_) out_ += ',';
  after_value_ = false;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  out_ += '}';
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  out_ += ']';
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  out_ += '"';
  AppendEscaped(out_, key);
  out_ += "\":";
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view text) {
  BeforeValue();
  out_ += '"';
  AppendEscaped(out_, text);
  out_ += '"';
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t number) {
  BeforeValue();
  out_ += std::to_string(number);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  after_value_ = true;
  return *this;
}

std::string JsonWriter::Take() {
  std::string text = std::move(out_);
  out_.clear();
  after_value_ = false;
  return text;
}

}  // namespace scr

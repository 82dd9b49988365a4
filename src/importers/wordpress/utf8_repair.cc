#include "importers/wordpress/utf8_repair.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>

#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at data[0], 0 when invalid, -1 when
// the buffer ends inside it.
int SequenceLength(const unsigned char* data, std::size_t available) {
  const unsigned char lead = data[0];
  int length = 0;
  unsigned min = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) { length = 2; min = 0x80; }
  else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; min = 0x800; }
  else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; min = 0x10000; }
  else return 0;
  if (available < static_cast<std::size_t>(length)) {
    for (std::size_t i = 1; i < available; ++i) {
      if ((data[i] & 0xC0) != 0x80) return 0;
    }
    return -1;
  }
  unsigned code = lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    if ((data[i] & 0xC0) != 0x80) return 0;
    code = (code << 6) | (data[i] & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

bool DeclaresOtherEncoding(const std::string& head) {
  const auto declaration_end = head.find("?>");
  const std::string declaration = util::ToLowerAscii(head.substr(0, declaration_end));
  const auto at = declaration.find("encoding=");
  if (at == std::string::npos || at + 10 > declaration.size()) return false;
  const std::string value = declaration.substr(at + 10, declaration.find_first_of("\"'", at + 10) - at - 10);
  return value != "utf-8" && value != "utf8";
}

}  // namespace

Result<std::optional<Utf8Repair>> RepairUtf8(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kUnavailable, fmt::format("{}: cannot be read", file.string()));
  std::string buffer(kChunk, '\0');
  std::string carry;
  std::optional<Utf8Repair> repair;
  std::ofstream out;
  std::size_t consumed = 0;  // original bytes before the current buffer
  int line = 1;
  bool first = true;
  while (true) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    const bool last = !in;
    std::string data = carry + buffer.substr(0, got);
    carry.clear();
    if (data.empty()) break;
    if (first) {
      first = false;
      if (DeclaresOtherEncoding(data.substr(0, 200))) return std::optional<Utf8Repair>();
    }
    std::string cleaned;
    cleaned.reserve(data.size());
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t i = 0;
    while (i < data.size()) {
      const int length = SequenceLength(bytes + i, data.size() - i);
      if (length < 0 && !last) {
        carry = data.substr(i);  // a sequence split across reads
        break;
      }
      if (length <= 0) {
        if (!repair) {
          // The first bad byte: everything before it was valid, so the
          // copy starts as the original's first bytes.
          repair.emplace();
          char name[] = "/tmp/lede-wxr-XXXXXX";
          const int fd = mkstemp(name);
          if (fd < 0) return MakeError(ErrorCode::kUnavailable, "cannot make a temporary file");
          close(fd);
          repair->repaired = name;
          out.open(repair->repaired, std::ios::binary | std::ios::trunc);
          std::ifstream prefix(file, std::ios::binary);
          std::string head(consumed, '\0');
          prefix.read(head.data(), static_cast<std::streamsize>(consumed));
          out.write(head.data(), static_cast<std::streamsize>(consumed));
        }
        ++repair->bytes;
        if (repair->lines.size() < 20 && (repair->lines.empty() || repair->lines.back() != line)) {
          repair->lines.push_back(line);
        }
        cleaned += kReplacement;
        ++i;
        continue;
      }
      if (bytes[i] == '\n') ++line;
      cleaned.append(data, i, static_cast<std::size_t>(length));
      i += static_cast<std::size_t>(length);
    }
    if (repair) out.write(cleaned.data(), static_cast<std::streamsize>(cleaned.size()));
    consumed += i;
    if (last && carry.empty()) break;
  }
  if (!repair) return std::optional<Utf8Repair>();
  out.close();
  if (!out) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}", repair->repaired.string()));
  }
  return repair;
}

}  // namespace lede::importers::wordpress

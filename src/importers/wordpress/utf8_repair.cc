#include "importers/wordpress/utf8_repair.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at text[pos], 0 when invalid, -1 when
// the buffer ends inside what could still become one (the next read
// completes it).
int SequenceLength(std::string_view text, std::size_t pos) {
  if (const auto sequence = util::DecodeUtf8(text, pos)) return static_cast<int>(sequence->length);
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t wanted = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (wanted == 0 || lead > 0xF4 || pos + wanted <= text.size()) return 0;
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0;
  }
  return -1;
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
  // The buffer holds a sequence split by the previous read, then a chunk.
  std::string buffer(kChunk + 4, '\0');
  std::size_t carried = 0;
  std::optional<Utf8Repair> repair;
  std::ofstream out;
  std::size_t consumed = 0;  // original bytes before the buffer
  int line = 1;              // of the buffer's first byte
  bool first = true;
  while (true) {
    in.read(buffer.data() + carried, static_cast<std::streamsize>(kChunk));
    const std::size_t size = carried + static_cast<std::size_t>(in.gcount());
    const bool last = !in;
    if (size == 0) break;
    if (first) {
      first = false;
      if (DeclaresOtherEncoding(buffer.substr(0, std::min<std::size_t>(size, 200)))) {
        return std::optional<Utf8Repair>();
      }
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(buffer.data());
    std::size_t i = 0;
    std::size_t clean_from = 0;  // start of the valid bytes not yet copied
    std::size_t lines_to = 0;    // `line` counts newlines before this
    carried = 0;
    while (i < size) {
      // Mostly ASCII: eight bytes at a time.
      while (i + 8 <= size) {
        std::uint64_t word;
        std::memcpy(&word, bytes + i, 8);
        if (word & 0x8080808080808080ull) break;
        i += 8;
      }
      if (i >= size) break;
      if (bytes[i] < 0x80) {
        ++i;
        continue;
      }
      const int length = SequenceLength(std::string_view(buffer.data(), size), i);
      if (length > 0) {
        i += static_cast<std::size_t>(length);
        continue;
      }
      if (length < 0 && !last) {
        carried = size - i;  // a sequence split across reads
        break;
      }
      line += static_cast<int>(std::count(buffer.begin() + static_cast<std::ptrdiff_t>(lines_to),
                                          buffer.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
      lines_to = i;
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
      out.write(buffer.data() + clean_from, static_cast<std::streamsize>(i - clean_from));
      out.write(kReplacement.data(), static_cast<std::streamsize>(kReplacement.size()));
      ++i;
      clean_from = i;
    }
    const std::size_t end = size - carried;
    if (repair) out.write(buffer.data() + clean_from, static_cast<std::streamsize>(end - clean_from));
    line += static_cast<int>(std::count(buffer.begin() + static_cast<std::ptrdiff_t>(lines_to),
                                        buffer.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    consumed += end;
    if (carried > 0) std::memmove(buffer.data(), buffer.data() + end, carried);
    if (last) break;
  }
  if (!repair) return std::optional<Utf8Repair>();
  out.close();
  if (!out) {
    return MakeError(ErrorCode::kUnavailable, fmt::format("cannot write {}", repair->repaired.string()));
  }
  return repair;
}

}  // namespace lede::importers::wordpress

#include "cache/encodings.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <strings.h>

#include <cstdlib>

#include "util/strings.h"

namespace lede::cache {
namespace {

// gzip level 6 and brotli quality 5: near their best ratios for HTML at a
// fraction of the top levels' time, paid once per page change.
constexpr int kGzipLevel = 6;
constexpr int kBrotliQuality = 5;

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// A weight "q=0.5" (RFC 9110 12.4.2: 0 to 1, three decimals at most);
// nullopt when malformed.
std::optional<double> ParseWeight(std::string_view parameter) {
  parameter = util::Trim(parameter);
  if (parameter.size() < 3 || (parameter[0] != 'q' && parameter[0] != 'Q') || parameter[1] != '=') {
    return std::nullopt;
  }
  const std::string value(parameter.substr(2));
  if (value.empty() || value.size() > 5 || (value[0] != '0' && value[0] != '1')) return std::nullopt;
  char* end = nullptr;
  const double weight = std::strtod(value.c_str(), &end);
  if (end != value.c_str() + value.size() || weight < 0 || weight > 1) return std::nullopt;
  return weight;
}

}  // namespace

Encoding ChooseEncoding(std::string_view accept_encoding) {
  double gzip = -1, brotli = -1, any = -1;
  for (std::string_view item : util::Split(accept_encoding, ',')) {
    item = util::Trim(item);
    if (item.empty()) continue;
    double weight = 1;
    const auto semicolon = item.find(';');
    if (semicolon != std::string_view::npos) {
      const auto parsed = ParseWeight(item.substr(semicolon + 1));
      if (!parsed) return Encoding::kIdentity;
      weight = *parsed;
      item = util::Trim(item.substr(0, semicolon));
    }
    if (EqualsIgnoringCase(item, "gzip") || EqualsIgnoringCase(item, "x-gzip")) {
      gzip = weight;
    } else if (EqualsIgnoringCase(item, "br")) {
      brotli = weight;
    } else if (item == "*") {
      any = weight;
    }
  }
  if (gzip < 0) gzip = any;
  if (brotli < 0) brotli = any;
  if (brotli > 0 && brotli >= gzip) return Encoding::kBrotli;
  if (gzip > 0) return Encoding::kGzip;
  return Encoding::kIdentity;
}

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kGzip: return "gzip";
    case Encoding::kBrotli: return "br";
    case Encoding::kIdentity: break;
  }
  return "";
}

std::string_view EtagSuffix(Encoding encoding) {
  switch (encoding) {
    case Encoding::kGzip: return ".gz";
    case Encoding::kBrotli: return ".br";
    case Encoding::kIdentity: break;
  }
  return "";
}

bool Compressible(std::string_view content_type) {
  const std::string_view type = content_type.substr(0, content_type.find(';'));
  return type.starts_with("text/") || type == "application/json" ||
         type == "application/javascript" || type == "application/xml" ||
         type == "image/svg+xml" || type.ends_with("+xml") || type.ends_with("+json");
}

std::optional<std::string> Compress(Encoding encoding, std::string_view body) {
  if (encoding == Encoding::kBrotli) {
    std::string out(BrotliEncoderMaxCompressedSize(body.size()), '\0');
    std::size_t size = out.size();
    if (out.empty() ||
        !BrotliEncoderCompress(kBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                               body.size(), reinterpret_cast<const std::uint8_t*>(body.data()),
                               &size, reinterpret_cast<std::uint8_t*>(out.data()))) {
      return std::nullopt;
    }
    out.resize(size);
    return out;
  }
  if (encoding == Encoding::kGzip) {
    z_stream stream{};
    // 16 + 15: a gzip wrapper around a full 32 KiB window.
    if (deflateInit2(&stream, kGzipLevel, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      return std::nullopt;
    }
    std::string out(deflateBound(&stream, body.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) return std::nullopt;
    return out;
  }
  return std::string(body);
}

}  // namespace lede::cache

#include "http/multipart_stream.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "http/multipart.h"

namespace lede::http {
namespace {

std::filesystem::path NewSpoolPath(const std::filesystem::path& dir) {
  static std::atomic<std::uint64_t> count{0};
  return dir / fmt::format("upload-{}-{}.part", ::getpid(), ++count);
}

}  // namespace

SpooledFile::~SpooledFile() {
  std::error_code ignored;  // gone already when it was taken
  std::filesystem::remove(path_, ignored);
}

MultipartSpooler::MultipartSpooler(std::string_view content_type, std::filesystem::path spool_dir,
                                   std::size_t field_limit)
    : spool_dir_(std::move(spool_dir)), field_limit_(field_limit) {
  auto boundary = MultipartBoundary(content_type);
  if (!boundary) {
    Fail(boundary.error());
    return;
  }
  delimiter_ = "--" + std::string(*boundary);
  body_delimiter_ = "\r\n" + delimiter_;
}

MultipartSpooler::~MultipartSpooler() {
  if (out_) std::fclose(out_);
}

void MultipartSpooler::Fail(Error error) {
  if (state_ == State::kFailed) return;
  state_ = State::kFailed;
  error_ = std::move(error);
  pending_.clear();
  pending_.shrink_to_fit();
  if (out_) {
    std::fclose(out_);
    out_ = nullptr;
  }
  parts_.clear();  // their files go with them
}

void MultipartSpooler::Feed(std::string_view bytes) {
  if (state_ == State::kDone || state_ == State::kFailed) return;  // the epilogue, or junk
  pending_.append(bytes);
  Process();
}

void MultipartSpooler::StartPart(std::string_view header_text) {
  // A form has a few dozen fields and a file or two; a body of thousands
  // of tiny parts (each a file opened, each a struct) is an attack on
  // the spool, refused early.
  if (parts_.size() >= kMaxParts) {
    return Fail({ErrorCode::kInvalidArgument,
                 fmt::format("the form has more than {} parts", kMaxParts), {}});
  }
  const PartHeaders headers = ReadPartHeaders(header_text);
  if (headers.name.empty()) return Fail({ErrorCode::kInvalidArgument, "a multipart part has no name", {}});
  SpooledPart part{std::string(headers.name), std::string(headers.filename),
                   std::string(headers.content_type), {}, nullptr};
  if (headers.has_filename) {
    std::error_code error;
    std::filesystem::create_directories(spool_dir_, error);
    part.file = std::make_shared<SpooledFile>(NewSpoolPath(spool_dir_));
    out_ = std::fopen(part.file->path().c_str(), "wb");
    if (!out_) {
      return Fail({ErrorCode::kUnavailable,
                   fmt::format("cannot write the upload to {}: {}", spool_dir_.string(),
                               std::strerror(errno)),
                   {}});
    }
  }
  parts_.push_back(std::move(part));
}

void MultipartSpooler::Emit(std::string_view bytes) {
  if (bytes.empty()) return;
  SpooledPart& part = parts_.back();
  if (part.file) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), out_) != bytes.size()) {
      return Fail({ErrorCode::kUnavailable,
                   fmt::format("cannot write the upload to {}: {}", spool_dir_.string(),
                               std::strerror(errno)),
                   {}});
    }
    part.file->size_ += bytes.size();
    return;
  }
  field_bytes_ += bytes.size();
  if (field_bytes_ > field_limit_) {
    return Fail({ErrorCode::kInvalidArgument, "the form's fields are too large", {}});
  }
  part.value.append(bytes);
}

void MultipartSpooler::EndPart() {
  if (!out_) return;
  const bool closed = std::fclose(out_) == 0;
  out_ = nullptr;
  if (!closed) {
    Fail({ErrorCode::kUnavailable,
          fmt::format("cannot write the upload to {}: {}", spool_dir_.string(), std::strerror(errno)),
          {}});
  }
}

void MultipartSpooler::Process() {
  // Consumed bytes are dropped from the front once per call, not per step.
  std::size_t at = 0;
  while (state_ != State::kFailed && state_ != State::kDone) {
    const std::string_view rest = std::string_view(pending_).substr(at);
    if (state_ == State::kPreamble) {
      const auto found = rest.find(delimiter_);
      if (found == std::string_view::npos) {
        // Keep only what could be the start of the first delimiter.
        if (rest.size() >= delimiter_.size()) at += rest.size() - (delimiter_.size() - 1);
        break;
      }
      at += found + delimiter_.size();
      state_ = State::kAfterDelimiter;
    } else if (state_ == State::kAfterDelimiter) {
      if (rest.size() < 2) break;
      if (rest.starts_with("--")) {
        state_ = State::kDone;
        pending_.clear();
        return;
      }
      if (!rest.starts_with("\r\n")) {
        return Fail({ErrorCode::kInvalidArgument, "a multipart boundary is malformed", {}});
      }
      at += 2;
      state_ = State::kHeaders;
    } else if (state_ == State::kHeaders) {
      const auto end = rest.find("\r\n\r\n");
      // Where the blank line would come too late already, or came too late.
      if ((end == std::string_view::npos && rest.size() > kMaxPartHeaderBytes + 3) ||
          (end != std::string_view::npos && end > kMaxPartHeaderBytes)) {
        return Fail({ErrorCode::kInvalidArgument, "a multipart part's headers are too long", {}});
      }
      if (end == std::string_view::npos) break;
      StartPart(rest.substr(0, end));
      at += end + 4;
      if (state_ != State::kFailed) state_ = State::kBody;
    } else {  // kBody
      const auto end = rest.find(body_delimiter_);
      if (end == std::string_view::npos) {
        // All but what could be the start of the delimiter is the part's.
        if (rest.size() >= body_delimiter_.size()) {
          const std::size_t safe = rest.size() - (body_delimiter_.size() - 1);
          Emit(rest.substr(0, safe));
          at += safe;
        }
        break;
      }
      Emit(rest.substr(0, end));
      EndPart();
      at += end + body_delimiter_.size();
      if (state_ != State::kFailed) state_ = State::kAfterDelimiter;
    }
  }
  if (state_ != State::kFailed) pending_.erase(0, at);
}

Result<std::vector<SpooledPart>> MultipartSpooler::Finish() {
  switch (state_) {
    case State::kDone: return std::move(parts_);
    case State::kFailed: return tl::unexpected(error_);
    case State::kPreamble: Fail({ErrorCode::kInvalidArgument, "the multipart body is empty", {}}); break;
    case State::kAfterDelimiter:
      Fail({ErrorCode::kInvalidArgument, "a multipart boundary is malformed", {}});
      break;
    case State::kHeaders: Fail({ErrorCode::kInvalidArgument, "a multipart part is cut off", {}}); break;
    case State::kBody:
      Fail({ErrorCode::kInvalidArgument, "the upload was cut off before its end", {}});
      break;
  }
  return tl::unexpected(error_);
}

}  // namespace lede::http

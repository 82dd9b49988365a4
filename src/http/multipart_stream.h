#pragma once
// multipart/form-data read as it arrives, for uploads: a phone photo is 2
// to 12 MB and memory must not grow with it. Plain fields are kept in
// memory (up to a limit); a part with a file name is written to a file of
// its own in a spool folder as its bytes come in, so the server holds at
// most one read buffer of it at a time. Reads exactly what ParseMultipart
// (multipart.h) reads from a whole body: the forms fuzzer checks the two
// agree however the body is cut into pieces.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace lede::http {

// A file an upload's part was written to; removed from disk when the last
// owner lets go, unless something took it elsewhere first (renamed it).
class SpooledFile {
 public:
  explicit SpooledFile(std::filesystem::path path) : path_(std::move(path)) {}
  ~SpooledFile();
  SpooledFile(const SpooledFile&) = delete;
  SpooledFile& operator=(const SpooledFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::uint64_t size() const { return size_; }

 private:
  friend class MultipartSpooler;
  std::filesystem::path path_;
  std::uint64_t size_ = 0;
};

// One part as the spooler kept it: a field's value in `value`, or a file
// part's bytes in `file` (set whenever the part named a filename, even an
// empty one, as a browser sends for a file input left empty).
struct SpooledPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string value;
  std::shared_ptr<SpooledFile> file;
};

class MultipartSpooler {
 public:
  // The most parts one body may have (fields and files together).
  static constexpr std::size_t kMaxParts = 100;

  // `content_type` is the request's header; file parts go below
  // `spool_dir` (created when missing); plain fields may hold
  // `field_limit` bytes in all.
  MultipartSpooler(std::string_view content_type, std::filesystem::path spool_dir,
                   std::size_t field_limit);
  ~MultipartSpooler();
  MultipartSpooler(const MultipartSpooler&) = delete;
  MultipartSpooler& operator=(const MultipartSpooler&) = delete;

  // The next bytes of the body, in order. Never fails: after the first
  // problem (malformed framing, a full disk) the rest is skipped, and
  // Finish says what it was.
  void Feed(std::string_view bytes);
  // The parts, once the whole body was fed. kInvalidArgument for what
  // ParseMultipart refuses, with its message; kUnavailable when a file
  // could not be written. Call once.
  Result<std::vector<SpooledPart>> Finish();

 private:
  enum class State { kPreamble, kAfterDelimiter, kHeaders, kBody, kDone, kFailed };
  void Process();
  void Fail(Error error);
  void StartPart(std::string_view headers);
  void Emit(std::string_view bytes);
  void EndPart();

  std::filesystem::path spool_dir_;
  std::size_t field_limit_;
  std::size_t field_bytes_ = 0;
  std::string delimiter_;       // "--" + boundary
  std::string body_delimiter_;  // "\r\n" + delimiter_
  State state_ = State::kPreamble;
  std::string pending_;  // fed, not yet consumed
  std::vector<SpooledPart> parts_;
  std::FILE* out_ = nullptr;  // the current file part's, while in its body
  Error error_;
};

}  // namespace lede::http

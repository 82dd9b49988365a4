#pragma once
// The audit log: every change made in the newsroom, who made it and when.
// Entries are only ever added.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"
#include "util/time.h"

namespace lede::store {

struct AuditEntry {
  std::int64_t id = 0;
  util::UnixSeconds at = 0;
  std::int64_t user_id = 0;  // 0: the command line or lede itself
  std::string action;        // "article.publish", "user.invite", ...
  std::string object_kind;   // "article", "user", "section", ...
  std::int64_t object_id = 0;
  std::string detail;        // a short human note ("headline: ...")
  std::string user_name;     // filled when read
};

struct AuditQuery {
  std::optional<std::int64_t> user_id;
  std::string action_prefix;       // "article." for every article action
  std::optional<std::int64_t> before_id;  // keyset paging: entries older than this
  int limit = 50;  // 1..200
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual Status Record(const AuditEntry& entry) = 0;
  // Newest first.
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) = 0;
};

}  // namespace lede::store

#pragma once
// A Store::Batch: one transaction on a connection pinned to the calling
// thread. Each engine's BeginBatch makes one, saying what giving the
// connection back takes (leaving batch mode, unpinning).

#include <functional>
#include <optional>

#include "store/sql/database.h"
#include "store/store.h"

namespace lede::store::sql {

class PinnedBatch final : public Batch {
 public:
  PinnedBatch(Pool::Lease lease, Transaction transaction, std::function<void(Pool::Lease)> release,
              std::function<void()> committed)
      : lease_(std::move(lease)),
        transaction_(std::move(transaction)),
        release_(std::move(release)),
        committed_(std::move(committed)) {}
  ~PinnedBatch() override {
    if (lease_) Finish();
  }
  Status Commit() override {
    auto status = transaction_->Commit();
    transaction_.reset();
    Finish();
    if (status) committed_();
    return status;
  }

 private:
  void Finish() {
    transaction_.reset();  // rolls back when not committed
    release_(std::move(*lease_));
    lease_.reset();
  }

  std::optional<Pool::Lease> lease_;
  std::optional<Transaction> transaction_;
  std::function<void(Pool::Lease)> release_;
  std::function<void()> committed_;
};

}  // namespace lede::store::sql

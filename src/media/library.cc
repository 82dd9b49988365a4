#include "media/library.h"

#include <vips/vips.h>

#include <fmt/format.h>

#include <chrono>
#include <mutex>

#include "util/strings.h"

namespace lede::media {
namespace {

Status StartVips() {
  static std::once_flag started;
  static bool ok = false;
  std::call_once(started, [] { ok = VIPS_INIT("lede") == 0; });
  if (!ok) return MakeError(ErrorCode::kInternal, "libvips failed to start");
  return {};
}

std::string VipsError() {
  std::string message = vips_error_buffer();
  vips_error_clear();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

}  // namespace

std::string VariantPath(const content::MediaItem& item, int width) {
  return fmt::format("{}-{}.jpg", item.path, width);
}

Library::Library(store::Store& store, std::filesystem::path root, const util::Clock& clock)
    : store_(store), root_(std::move(root)), clock_(clock) {}

Result<content::MediaItem> Library::AddImage(std::string_view bytes, std::string_view name_hint,
                                             ImageInfo info) {
  LEDE_TRY(StartVips());
  VipsImage* original = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!original) {
    return InvalidArgument(fmt::format("not an image lede can read: {}", VipsError()), "file");
  }
  const int width = vips_image_get_width(original);
  const int height = vips_image_get_height(original);
  g_object_unref(original);

  content::MediaItem item;
  item.width = std::min(width, kVariantWidths.back());
  item.height = static_cast<int>(static_cast<long long>(height) * item.width / width);
  for (int candidate : kVariantWidths) {
    if (candidate < item.width) item.widths.push_back(candidate);
  }
  item.widths.push_back(item.width);
  item.alt = std::move(info.alt);
  item.caption = std::move(info.caption);
  item.credit = std::move(info.credit);
  item.created_at = clock_.Now();

  const std::chrono::sys_seconds now{std::chrono::seconds(item.created_at)};
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
  const std::string folder = fmt::format("{:04}/{:02}", static_cast<int>(day.year()),
                                         static_cast<unsigned>(day.month()));
  std::error_code error;
  std::filesystem::create_directories(root_ / folder, error);
  if (error) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("cannot create {}: {}", (root_ / folder).string(), error.message()));
  }
  std::string base = util::Slugify(name_hint, 60, util::SlugScripts::kAscii);
  if (base.empty()) base = "image";
  for (int suffix = 1;; ++suffix) {
    item.path = suffix == 1 ? fmt::format("{}/{}", folder, base)
                            : fmt::format("{}/{}-{}", folder, base, suffix);
    if (!std::filesystem::exists(root_ / VariantPath(item, item.widths.front()))) break;
  }

  std::vector<std::filesystem::path> written;
  auto remove_written = [&] {
    for (const auto& path : written) std::filesystem::remove(path, error);
  };
  for (int variant : item.widths) {
    VipsImage* scaled = nullptr;
    if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &scaled, variant,
                              "height", 100000, nullptr) != 0) {
      remove_written();
      return InvalidArgument(fmt::format("cannot scale the image: {}", VipsError()), "file");
    }
    const auto final_path = root_ / VariantPath(item, variant);
    const auto temporary = final_path.string() + ".tmp";
    const int saved = vips_jpegsave(scaled, temporary.c_str(), "Q", 82, "strip", TRUE,
                                    "interlace", TRUE, "optimize_coding", TRUE, nullptr);
    g_object_unref(scaled);
    if (saved != 0) {
      remove_written();
      std::filesystem::remove(temporary, error);
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("cannot write {}: {}", final_path.string(), VipsError()));
    }
    std::filesystem::rename(temporary, final_path, error);
    written.push_back(final_path);
  }
  auto stored = store_.CreateMedia(item);
  if (!stored) remove_written();
  return stored;
}

}  // namespace lede::media

#include "importers/wordpress/importer.h"

#include <fmt/format.h>

#include "importers/wordpress/import_writer.h"
#include "importers/wordpress/read_ahead.h"
#include "importers/wordpress/survey.h"
#include "importers/wordpress/utf8_repair.h"
#include "importers/wordpress/wxr_reader.h"

namespace lede::importers::wordpress {

Result<ImportReport> Importer::Run(const ImportOptions& options) {
  LEDE_TRY(auto repair, RepairUtf8(options.file));
  // The repaired copy goes when the import ends, however it ends.
  struct Remove {
    std::optional<Utf8Repair>& repair;
    ~Remove() {
      std::error_code ignored;
      if (repair) std::filesystem::remove(repair->repaired, ignored);
    }
  } remove{repair};
  const std::filesystem::path source = repair ? repair->repaired : options.file;
  Survey survey;
  LEDE_TRY(ReadWxr(source, survey, options.file));
  ImportReport report;
  if (repair) {
    std::string lines;
    for (int line : repair->lines) lines += (lines.empty() ? "" : ", ") + std::to_string(line);
    report.warnings.push_back(fmt::format(
        "{}:{}: {} byte{} not valid UTF-8, replaced with U+FFFD (lines {})", options.file.string(),
        repair->lines.front(), repair->bytes, repair->bytes == 1 ? " was" : "s were", lines));
  }
  if (options.media_dir && !std::filesystem::is_directory(*options.media_dir)) {
    return InvalidArgument(fmt::format("--media-dir {}: not a directory", options.media_dir->string()));
  }
  ImportWriter writer(store_, desk_, clock_, media_, people_, options, survey, report);
  LEDE_TRY(ReadWxrAhead(source, writer, options.file));
  LEDE_TRY(writer.Checkpoint());
  if (options.progress) options.progress(report.items, survey.items);
  return report;
}

std::string FormatReport(const ImportReport& report, bool dry_run) {
  std::string out = dry_run ? "Dry run: nothing was written. It would have:\n" : "";
  for (const auto& [kind, counts] : report.kinds) {
    out += fmt::format("  {:<12} {:>7} imported  {:>7} updated  {:>7} skipped\n", kind,
                       counts.imported, counts.updated, counts.skipped);
  }
  out += fmt::format("  {:<12} {:>7} counted, not imported\n", "comments", report.comments);
  if (!report.warnings.empty()) {
    out += fmt::format("{} warning{}:\n", report.warnings.size(), report.warnings.size() == 1 ? "" : "s");
    for (const auto& warning : report.warnings) out += "  " + warning + "\n";
  }
  return out;
}

}  // namespace lede::importers::wordpress

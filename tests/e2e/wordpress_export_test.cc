// `lede export wordpress` read by WordPress's own WXR parsers (both of
// them, from wordpress-importer 0.9.5, in ../shared/tools/wxr-parse): the
// demo site and every real export under ../shared/testdata, each imported
// first. WordPress must find every article, page and media item with what
// its importer needs, every Quick Look in the content, and every
// attachment URL answering from the running lede; and export, import,
// export gives the same file.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "media/test_images.h"
#include "e2e/site_store.h"
#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/test_store.h"
#include "support/test_util.h"
#include "util/strings.h"

namespace lede {
namespace {

using nlohmann::json;

const std::filesystem::path kTestdata = LEDE_SHARED_DIR "/testdata/wxr";
const std::string kParser = LEDE_SHARED_DIR "/tools/wxr-parse/wxr-parse.php";

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char ch : text) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return quoted + "'";
}

// Runs a shell command line; its exit status.
int Shell(const std::string& command) {
  const int status = std::system(("bash -c " + Quote(command)).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The lede command line for the site in `data` (on PostgreSQL, with the
// LEDE_DB support/lede_process.cc would give it).
std::string Lede(const std::filesystem::path& data) {
  const std::string db = testing::DatabaseFor(data);
  return (db.empty() ? "" : "LEDE_DB=" + Quote(db) + " ") + Quote(LEDE_BINARY);
}

// WordPress's XML parser gives numbers as strings, its SimpleXML one as numbers.
std::int64_t Number(const json& value) {
  if (value.is_number()) return value.get<std::int64_t>();
  return value.is_string() ? util::ParseInt(value.get<std::string>()).value_or(0) : 0;
}

// What WordPress's parser `parser` makes of `file`; null when it refused
// it, which fails the test unless `may_refuse` (a malformed source file).
json ParseWithWordPress(const std::filesystem::path& file, const std::string& parser,
                        const std::filesystem::path& out_dir, bool may_refuse = false) {
  const auto out = (out_dir / (file.filename().string() + "." + parser + ".json")).string();
  const int status = Shell("php " + Quote(kParser) + " " + Quote(file.string()) + " --parser " +
                           parser + " > " + Quote(out));
  if (!may_refuse) {
    EXPECT_EQ(status, 0) << parser << " refused " << file << ": " << testing::ReadFile(out).substr(0, 400);
  }
  return status == 0 ? json::parse(testing::ReadFile(out), nullptr, false) : json();
}

// Exports `data` with links at `base`; the XML, and the warnings in *err.
std::string Export(const std::filesystem::path& data, const std::string& base, const std::filesystem::path& out) {
  const int status = Shell(Lede(data) + " export wordpress --data " + Quote(data.string()) +
                           " --base-url " + Quote(base) + " > " + Quote(out.string()) + " 2> " +
                           Quote(out.string() + ".err"));
  EXPECT_EQ(status, 0) << testing::ReadFile(out.string() + ".err");
  return testing::ReadFile(out);
}

// The file without its one line that may differ between two exports.
std::string WithoutExportDate(const std::string& xml) {
  return std::regex_replace(xml, std::regex("\n\t\t<pubDate>[^<]*</pubDate>\n\t\t<language>"),
                            "\n\t\t<language>", std::regex_constants::format_first_only);
}

// A WordPress uploads folder for an export whose files are elsewhere: one
// small JPEG wherever an attachment says its file lives, as lede's
// importer looks for it.
void MakeUploads(const json& parsed, const std::filesystem::path& uploads) {
  const std::string jpeg = media::images::Encode("jpg", 64, 48);
  for (const auto& post : parsed.value("posts", json::array())) {
    if (post.value("post_type", "") != "attachment") continue;
    std::string relative;
    for (const auto& meta : post.value("postmeta", json::array())) {
      if (meta.value("key", "") == "_wp_attached_file") relative = meta.value("value", "");
    }
    const std::string url = post.value("attachment_url", post.value("guid", ""));
    if (relative.empty()) {
      const auto at = url.find("/wp-content/uploads/");
      const auto host = url.find('/', url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
      relative = at != std::string::npos ? url.substr(at + 20)
                 : host != std::string::npos ? url.substr(host + 1)
                                             : "";
      relative = relative.substr(0, relative.find_first_of("?#"));
    }
    if (relative.empty() || relative.find("..") != std::string::npos) continue;
    auto decoded = util::UrlDecode(relative);
    const auto file = uploads / (decoded ? *decoded : relative);
    std::filesystem::create_directories(file.parent_path());
    testing::WriteFile(file, jpeg);
  }
}

// Checks the export of the site in `data` against the site itself, with
// lede serving it: what the issue's tests name.
void CheckExport(const std::filesystem::path& data, const std::filesystem::path& work) {
  auto server = testing::LedeProcess::Serve({"--data", data.string()});
  ASSERT_NE(server, nullptr);
  const std::string base = "http://127.0.0.1:" + std::to_string(server->port());
  const std::string first = Export(data, base, work / "first.xml");
  ASSERT_FALSE(first.empty());

  auto opened = testing::OpenSiteStore(data);
  ASSERT_OK(opened);
  auto& store = **opened;
  std::map<std::string, std::int64_t> expected = {{"post", *store.CountArticles()},
                                                  {"page", static_cast<std::int64_t>(store.ListPages()->size())},
                                                  {"attachment", 0}};
  std::int64_t remote_media = 0;
  for (std::int64_t after = 0;;) {
    auto batch = store.ListAllMedia(after, 500);
    ASSERT_OK(batch);
    if (batch->empty()) break;
    for (const auto& item : *batch) {
      ++expected["attachment"];
      if (item.widths.empty()) ++remote_media;
      after = item.id;
    }
  }
  std::map<std::int64_t, std::vector<std::string>> quick_looks;  // by post id
  std::set<std::int64_t> with_authors;
  for (std::int64_t after = 0;;) {
    auto batch = store.ListAllArticles(after, 500);
    ASSERT_OK(batch);
    if (batch->empty()) break;
    for (const auto& article : *batch) {
      quick_looks[article.id] = article.quick_looks;
      if (!article.authors.empty()) with_authors.insert(article.id);
      after = article.id;
    }
  }

  for (const std::string parser : {"simplexml", "xml"}) {
    SCOPED_TRACE(parser);
    const json parsed = ParseWithWordPress(work / "first.xml", parser, work);
    ASSERT_TRUE(parsed.is_object());
    EXPECT_EQ(parsed.value("base_url", ""), base);
    std::map<std::string, std::int64_t> counts = {{"post", 0}, {"page", 0}, {"attachment", 0}};
    std::int64_t served = 0, elsewhere = 0;
    for (const auto& post : parsed.at("posts")) {
      const std::string type = post.value("post_type", "");
      ++counts[type];
      const std::int64_t id = Number(post.value("post_id", json()));
      SCOPED_TRACE(type + " " + std::to_string(id));
      EXPECT_FALSE(post.value("post_name", "").empty()) << "slug";
      EXPECT_FALSE(post.value("post_date", "").empty()) << "date";
      EXPECT_FALSE(post.value("post_date_gmt", "").empty()) << "GMT date";
      EXPECT_FALSE(post.value("status", "").empty()) << "status";
      EXPECT_FALSE(post.value("guid", "").empty()) << "guid";
      if (type == "post") {
        if (with_authors.count(id)) {
          EXPECT_FALSE(post.value("post_author", "").empty()) << "author";
        }
        const std::string content = post.value("post_content", "");
        for (const auto& look : quick_looks[id]) {
          EXPECT_NE(content.find("<li>" + util::HtmlEscape(look) + "</li>"), std::string::npos) << look;
        }
      }
      if (type == "attachment") {
        const std::string url = post.value("attachment_url", "");
        ASSERT_FALSE(url.empty()) << "attachment URL";
        if (!url.starts_with(base + "/")) {
          ++elsewhere;  // a picture lede only knows by its old address
          continue;
        }
        ++served;
        if (parser == "xml") continue;  // fetched once is enough
        const auto fetched = testing::Get(server->port(), url.substr(base.size()));
        EXPECT_EQ(fetched.status, 200) << url;
        EXPECT_TRUE(fetched.Header("Content-Type").starts_with("image/")) << url;
      }
    }
    EXPECT_EQ(counts["post"], expected["post"]) << "articles";
    EXPECT_EQ(counts["page"], expected["page"]) << "pages";
    EXPECT_EQ(counts["attachment"], expected["attachment"]) << "media items";
    EXPECT_EQ(elsewhere, remote_media);
    EXPECT_EQ(served, expected["attachment"] - remote_media);
  }
  EXPECT_EQ(server->Stop(SIGTERM), 0);

  // Export, import into an empty site, export again: the same file.
  const auto again = work / "again";
  const auto imported = testing::RunLede({"import", "wordpress", (work / "first.xml").string(), "--data",
                                          again.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  const std::string second = Export(again, base, work / "second.xml");
  EXPECT_TRUE(WithoutExportDate(first) == WithoutExportDate(second))
      << "the round trip changed the export: diff " << (work / "first.xml") << " "
      << (work / "second.xml");
  if (WithoutExportDate(first) != WithoutExportDate(second)) {
    Shell("diff " + Quote((work / "first.xml").string()) + " " + Quote((work / "second.xml").string()) +
          " | head -20 >&2");
  }
}

TEST(WordPressExportTest, TheDemoSiteLeavesWholeForWordPress) {
  SKIP_WITHOUT_SHARED();
  testing::TempDir dir;
  const auto data = dir / "demo";
  const auto made = testing::RunLede({"demo", "--data", data.string()});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  CheckExport(data, dir.path());
}

// Every real export that lede imports, with a generated uploads folder so
// that its pictures are lede's to serve.
class RealExportTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(RealExportTest, LeavesWholeForWordPress) {
  SKIP_WITHOUT_SHARED();
  testing::TempDir dir;
  const json source = ParseWithWordPress(GetParam(), "simplexml", dir.path(), /*may_refuse=*/true);
  std::filesystem::create_directories(dir / "uploads");
  MakeUploads(source.is_object() ? source : json::object(), dir / "uploads");
  const auto data = dir / "site";
  const auto imported = testing::RunLede({"import", "wordpress", GetParam().string(), "--data",
                                          data.string(), "--media-dir", (dir / "uploads").string()});
  if (imported.exit_code != 0) {
    // Malformed on purpose: refused with the file and the position.
    EXPECT_NE(imported.output.find(GetParam().string() + ":"), std::string::npos) << imported.output;
    GTEST_SKIP() << "refused by the importer, as it should be: " << imported.output;
  }
  CheckExport(data, dir.path());
}

std::vector<std::filesystem::path> RealExports() {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kTestdata, error)) {
    if (entry.path().extension() == ".xml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(Testdata, RealExportTest, ::testing::ValuesIn(RealExports()),
                         [](const auto& info) {
                           std::string name = info.param.parent_path().filename().string() + "_" +
                                              info.param.stem().string();
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RealExportTest);

// A failed export is a non-zero exit and one line saying why.
TEST(WordPressExportTest, AFullDiskOrAClosedPipeIsOneLineAndAnError) {
  testing::TempDir dir;
  const auto data = dir / "demo";
  ASSERT_EQ(testing::RunLede({"demo", "--data", data.string()}).exit_code, 0);
  const std::string export_command = Lede(data) + " export wordpress --base-url https://news.example --data " +
                                     Quote(data.string());
  EXPECT_EQ(Shell(export_command + " > /dev/full 2> " + Quote((dir / "full.err").string())), 1);
  EXPECT_EQ(testing::ReadFile(dir / "full.err"),
            "lede: export: cannot write to standard output: No space left on device\n");
  EXPECT_EQ(Shell("set -o pipefail; " + export_command + " 2> " + Quote((dir / "pipe.err").string()) +
                  " | head -c 100 > /dev/null"),
            1);
  EXPECT_EQ(testing::ReadFile(dir / "pipe.err"), "lede: export: cannot write to standard output: Broken pipe\n");
  EXPECT_EQ(Shell(Lede(data) + " export wordpress --data " + Quote(data.string()) + " --media-dir /dev/null/x > /dev/null 2> " +
                  Quote((dir / "media.err").string())),
            1);
  const std::string media_error = testing::ReadFile(dir / "media.err");
  EXPECT_TRUE(media_error.starts_with("lede: cannot write /dev/null/x/")) << media_error;
  EXPECT_EQ(std::count(media_error.begin(), media_error.end(), '\n'), 1) << media_error;
}

}  // namespace
}  // namespace lede

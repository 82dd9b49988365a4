#pragma once
// The article editor's form: what a browser posts, as an ArticleInput, and
// an ArticleInput (with any error) as the form's view data, so a form that
// failed comes back with everything the editor typed.

#include <initializer_list>
#include <set>
#include <string>

#include "http/message.h"
#include "publishing/editorial.h"
#include "store/store.h"
#include "theme/theme.h"
#include "util/result.h"
#include "util/time_zone.h"

namespace lede::admin {

// Field names: headline, slug, standfirst, body, body_format, quick_look
// (repeated; empty ones ignored), section, tags (comma-separated), authors
// (repeated slugs), dateline, edition, top_story, correction,
// lead_media_id, lead_caption, lead_credit, lead_alt, publish_at (ISO
// 8601 with an offset, or a datetime-local value in the site's zone), version, and "action": save,
// publish, schedule, unpublish.
publishing::ArticleInput ArticleFromForm(const http::Request& request, const util::TimeZone& zone);

// A urlencoded form without the named fields (a kept form must not carry
// its CSRF token, nor say which button was pressed).
std::string FormWithout(std::string_view body, std::initializer_list<std::string_view> names);

// The fields whose colleague's version the editor chose in a clash
// ("merge_{field}=theirs").
std::set<std::string> TheirsChosen(const http::Request& request);

// The clash panel: what was taken from a colleague's save, and each field
// both changed, as a word diff with the choice of either.
theme::Data ConflictData(const publishing::Reconciled& reconciled);

// The editor's data for `input`: every value, the sections, authors and
// the lead image's preview, `error` beside its field.
theme::Data ArticleFormData(const publishing::ArticleInput& input, store::Store& store,
                            const util::TimeZone& zone, const Error* error);

}  // namespace lede::admin

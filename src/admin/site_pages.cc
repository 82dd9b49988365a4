// Sections, site settings, users and API tokens.
#include <fmt/format.h>

#include "admin/admin.h"

#include <tuple>
#include "util/strings.h"

namespace lede::admin {
namespace {

// A page an action needs a role for: the problem page when the user lacks it.
std::optional<http::Response> Forbidden(const AdminServices& s, const Visit& visit,
                                        content::Action action) {
  if (content::Can(visit.who.user.role, action)) return std::nullopt;
  return pages::Problem(s, visit, {ErrorCode::kPermissionDenied,
                                   "Your role does not allow this page.", {}});
}

std::string Field(const http::Request& request, std::string_view name) {
  return std::string(util::Trim(request.FormField(name).value_or("")));
}

}  // namespace

void Admin::RegisterSite(http::Router& router) const {
  const AdminServices& s = services_;

  // Sections: create, rename (old URLs answer 301), order, show or hide in
  // the menu, delete (its articles move; old URLs answer 301).
  auto sections_page = [&s](Visit& visit, const Error* error, int status) {
    theme::Data data = pages::Base(s, visit, "Sections", "sections");
    const auto sections = s.store.ListSections().value_or(std::vector<content::Section>{});
    theme::Data rows{theme::Data::type::list};
    for (const auto& section : sections) {
      theme::Data row;
      row.set("id", std::to_string(section.id));
      row.set("name", section.name);
      row.set("slug", section.slug);
      row.set("order", std::to_string(section.menu_order));
      row.set("url", content::SectionPath(section));
      theme::Data places{theme::Data::type::list};
      for (const auto& [value, label, place] :
           {std::tuple{"waiting", "With its first article", content::MenuPlace::kWaiting},
            std::tuple{"shown", "Shown", content::MenuPlace::kShown},
            std::tuple{"hidden", "Hidden", content::MenuPlace::kHidden}}) {
        theme::Data option;
        option.set("value", std::string(value));
        option.set("label", std::string(label));
        option.set("selected", section.menu == place);
        places.push_back(option);
      }
      row.set("places", places);
      auto count = s.store.ListForNewsroom({.section_id = section.id, .limit = 1});
      const std::int64_t articles = count ? count->total : 0;
      row.set("articles", pages::Count(articles, "article", "articles"));
      theme::Data others{theme::Data::type::list};
      for (const auto& other : sections) {
        if (other.id == section.id) continue;
        theme::Data option;
        option.set("id", std::to_string(other.id));
        option.set("name", other.name);
        others.push_back(option);
      }
      row.set("others", others);
      row.set("deletable", !others.is_empty_list());
      rows.push_back(row);
    }
    data.set("sections", rows);
    if (!error) {
      const std::string done = visit.request.QueryParam("done").value_or("");
      if (done == "saved") data.set("notice", "Saved.");
      if (done == "added") data.set("notice", "Added. It joins the menu with its first published article.");
      if (done == "deleted") {
        data.set("notice", "Deleted. Its articles moved, and their old addresses lead to them (301).");
      }
    } else {
      data.set("error", error->message);
      data.set("new_name", Field(visit.request, "name"));
      data.set("new_slug", Field(visit.request, "slug"));
    }
    return pages::Render(s, status, "admin/sections", data);
  };
  Add(router, http::Method::kGet, "/admin/sections/",
      [&s, sections_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageSections)) return *denied;
        return sections_page(visit, nullptr, 200);
      });
  Add(router, http::Method::kPost, "/admin/sections/",
      [&s, sections_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageSections)) return *denied;
        const auto& request = visit.request;
        const auto order = util::ParseInt(Field(request, "order"));
        Result<content::Section> saved;
        std::string action = "section.create";
        std::string done = "added";
        if (auto id = util::ParseInt(Field(request, "id"))) {
          action = "section.update";
          done = "saved";
          // What the row's form sends replaces; what it does not (the
          // description) stays.
          content::Section section;
          for (const auto& existing : s.store.ListSections().value_or(std::vector<content::Section>{})) {
            if (existing.id == *id) section = existing;
          }
          if (section.id == 0) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such section", {}});
          section.name = Field(request, "name");
          section.slug = Field(request, "slug");
          if (order) section.menu_order = static_cast<int>(*order);
          if (auto description = request.FormField("description")) {
            section.description = std::string(util::Trim(*description));
          }
          const std::string menu = Field(request, "menu");
          if (menu == "waiting") section.menu = content::MenuPlace::kWaiting;
          if (menu == "shown") section.menu = content::MenuPlace::kShown;
          if (menu == "hidden") section.menu = content::MenuPlace::kHidden;
          saved = s.desk.UpdateSection(std::move(section));
        } else {
          saved = s.desk.AddSection(Field(request, "name"), Field(request, "slug"),
                                    static_cast<int>(order.value_or(0)));
        }
        if (!saved) return sections_page(visit, &saved.error(), http::StatusFor(saved.error().code));
        if (auto audited = s.accounts.Audit(visit.who.user.id, action, "section", saved->id,
                                            saved->name + " /" + saved->slug + "/");
            !audited) {
          return pages::Problem(s, visit, audited.error());
        }
        return pages::SeeOther("/admin/sections/?done=" + done);
      });
  Add(router, http::Method::kPost, "/admin/sections/{id}/delete",
      [&s, sections_page](Visit& visit, const http::PathParams& params) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageSections)) return *denied;
        const auto id = util::ParseInt(params.Get("id"));
        const auto into = util::ParseInt(Field(visit.request, "into"));
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such section", {}});
        if (!into) {
          const Error missing{ErrorCode::kInvalidArgument, "choose where its articles go", "into"};
          return sections_page(visit, &missing, 400);
        }
        auto moved = s.desk.DeleteSection(*id, *into);
        if (!moved) return sections_page(visit, &moved.error(), http::StatusFor(moved.error().code));
        if (auto audited = s.accounts.Audit(visit.who.user.id, "section.delete", "section", *id,
                                            fmt::format("{} articles moved to section {}", *moved, *into));
            !audited) {
          return pages::Problem(s, visit, audited.error());
        }
        return pages::SeeOther("/admin/sections/?done=deleted");
      });

  // Site settings: every text setting, by its storage key.
  auto settings_page = [&s](Visit& visit, const content::SiteSettings& settings, const Error* error,
                            int status) {
    theme::Data data = pages::Base(s, visit, "Settings", "settings");
    content::SiteSettings copy = settings;
    theme::Data fields{theme::Data::type::list};
    for (const auto& [key, value] : content::TextSettings(copy)) {
      theme::Data field;
      field.set("key", std::string(key));
      field.set("label", std::string(content::SettingLabel(key)));
      field.set("value", *value);
      field.set("long", value->size() > 60 || key.find("prompt") != std::string_view::npos);
      if (error && error->field == key) field.set("field_error", error->message);
      fields.push_back(field);
    }
    data.set("fields", fields);
    data.set("rating_structured_data", settings.rating_structured_data);
    if (visit.request.QueryParam("saved") && !error) data.set("notice", "Saved.");
    if (error) data.set("error", error->message);
    return pages::Render(s, status, "admin/settings", data);
  };
  Add(router, http::Method::kGet, "/admin/settings/",
      [&s, settings_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageSettings)) return *denied;
        auto settings = s.store.LoadSettings();
        if (!settings) return pages::Problem(s, visit, settings.error());
        return settings_page(visit, *settings, nullptr, 200);
      });
  Add(router, http::Method::kPost, "/admin/settings/",
      [&s, settings_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageSettings)) return *denied;
        auto settings = s.store.LoadSettings();
        if (!settings) return pages::Problem(s, visit, settings.error());
        for (auto& [key, value] : content::TextSettings(*settings)) {
          if (auto sent = visit.request.FormField(key)) *value = std::string(util::Trim(*sent));
        }
        settings->rating_structured_data = !Field(visit.request, "rating_structured_data").empty();
        if (auto valid = content::ValidateSettings(*settings); !valid) {
          return settings_page(visit, *settings, &valid.error(), 400);
        }
        if (auto saved = s.store.SaveSettings(*settings); !saved) {
          return pages::Problem(s, visit, saved.error());
        }
        if (auto audited = s.accounts.Audit(visit.who.user.id, "settings.update", "settings", 0, "");
            !audited) {
          return pages::Problem(s, visit, audited.error());
        }
        return pages::SeeOther("/admin/settings/?saved=1");
      });

  // Users: invite, change role, disable, link a byline.
  auto users_page = [&s](Visit& visit, const Error* error, int status, std::string invite_link) {
    theme::Data data = pages::Base(s, visit, "Users", "users");
    const auto authors = s.store.ListAuthors().value_or(std::vector<content::Author>{});
    theme::Data rows{theme::Data::type::list};
    for (const auto& user : s.people.ListUsers().value_or(std::vector<content::User>{})) {
      theme::Data row;
      row.set("id", std::to_string(user.id));
      row.set("name", user.name);
      row.set("email", user.email);
      row.set("disabled", user.disabled);
      row.set("is_me", user.id == visit.who.user.id);
      theme::Data roles{theme::Data::type::list};
      for (auto role : {content::Role::kContributor, content::Role::kAuthor, content::Role::kEditor,
                        content::Role::kAdministrator}) {
        theme::Data option;
        option.set("value", std::string(content::RoleName(role)));
        option.set("selected", role == user.role);
        roles.push_back(option);
      }
      row.set("roles", roles);
      theme::Data bylines{theme::Data::type::list};
      for (const auto& author : authors) {
        theme::Data option;
        option.set("value", std::to_string(author.id));
        option.set("label", author.name);
        option.set("selected", user.author_id == author.id);
        bylines.push_back(option);
      }
      row.set("bylines", bylines);
      rows.push_back(row);
    }
    data.set("users", rows);
    if (!invite_link.empty()) data.set("invite_link", pages::Absolute(s, invite_link));
    // Invitations not yet used: who, as what, until when; each can be
    // taken back (its link stops working).
    theme::Data invites{theme::Data::type::list};
    const util::TimeZone zone = pages::Zone(s);
    const util::UnixSeconds now = s.clock.Now();
    for (const auto& invite : s.accounts.PendingInvites().value_or(std::vector<store::Invite>{})) {
      theme::Data row;
      row.set("email", invite.email);
      row.set("name", invite.name);
      row.set("role", std::string(content::RoleName(invite.role)));
      row.set("expires", pages::When(zone, invite.expires_at));
      row.set("expired", invite.expires_at <= now);
      row.set("revoke_url", fmt::format("/admin/users/invites/{}/revoke", invite.token_hash));
      invites.push_back(row);
    }
    data.set("invites", invites);
    data.set("has_invites", !invites.is_empty_list());
    if (visit.request.QueryParam("revoked") && !error) {
      data.set("notice", "Invitation taken back: its link no longer works.");
    }
    if (visit.request.QueryParam("saved") && !error) data.set("notice", "Saved.");
    if (error) {
      data.set("error", error->message);
      data.set("invite_email", Field(visit.request, "email"));
      data.set("invite_name", Field(visit.request, "name"));
    }
    return pages::Render(s, status, "admin/users", data);
  };
  Add(router, http::Method::kGet, "/admin/users/",
      [&s, users_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageUsers)) return *denied;
        return users_page(visit, nullptr, 200, "");
      });
  Add(router, http::Method::kPost, "/admin/users/invite",
      [&s, users_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageUsers)) return *denied;
        const auto role = content::ParseRole(Field(visit.request, "role"));
        if (!role) {
          const Error error{ErrorCode::kInvalidArgument, "choose a role", "role"};
          return users_page(visit, &error, 400, "");
        }
        auto secret = s.accounts.Invite(Field(visit.request, "email"), Field(visit.request, "name"),
                                        *role, visit.who.user.id);
        if (!secret) return users_page(visit, &secret.error(), http::StatusFor(secret.error().code), "");
        // lede sends no mail yet: the administrator passes the link on.
        return users_page(visit, nullptr, 200, fmt::format("/admin/invite/{}/", *secret));
      });
  Add(router, http::Method::kPost, "/admin/users/invites/{hash}/revoke",
      [&s](Visit& visit, const http::PathParams& params) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageUsers)) return *denied;
        if (auto revoked = s.accounts.RevokeInvite(params.Get("hash"), visit.who.user.id); !revoked) {
          return pages::Problem(s, visit, revoked.error());
        }
        return pages::SeeOther("/admin/users/?revoked=1");
      });
  Add(router, http::Method::kPost, "/admin/users/{id}/",
      [&s, users_page](Visit& visit, const http::PathParams& params) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageUsers)) return *denied;
        auto id = util::ParseInt(params.Get("id"));
        auto user = id ? s.people.FindUser(*id) : Result<content::User>(NotFound("no such user"));
        if (!user) return pages::Problem(s, visit, user.error());
        if (auto role = content::ParseRole(Field(visit.request, "role"))) user->role = *role;
        user->disabled = !Field(visit.request, "disabled").empty();
        const auto byline = util::ParseInt(Field(visit.request, "author_id"));
        user->author_id = byline && *byline > 0 ? byline : std::nullopt;
        if (user->id == visit.who.user.id &&
            (user->disabled || user->role != content::Role::kAdministrator)) {
          const Error error{ErrorCode::kInvalidArgument,
                            "you cannot disable yourself or give up your own administrator role",
                            "role"};
          return users_page(visit, &error, 400, "");
        }
        auto saved = s.accounts.UpdateUser(*user, visit.who.user.id);
        if (!saved) return users_page(visit, &saved.error(), http::StatusFor(saved.error().code), "");
        return pages::SeeOther("/admin/users/?saved=1");
      });

  // API tokens: made for a user, shown once, revoked.
  auto tokens_page = [&s](Visit& visit, const Error* error, int status, std::string token) {
    theme::Data data = pages::Base(s, visit, "API tokens", "tokens");
    const auto users = s.people.ListUsers().value_or(std::vector<content::User>{});
    theme::Data rows{theme::Data::type::list};
    const util::TimeZone zone = pages::Zone(s);  // once, not per row
    for (const auto& stored : s.people.ListTokens().value_or(std::vector<store::ApiToken>{})) {
      theme::Data row;
      row.set("id", std::to_string(stored.id));
      row.set("label", stored.label);
      row.set("created", pages::When(zone, stored.created_at));
      row.set("revoked", stored.revoked_at.has_value());
      for (const auto& user : users) {
        if (user.id == stored.user_id) row.set("user", user.email);
      }
      rows.push_back(row);
    }
    data.set("tokens", rows);
    theme::Data options{theme::Data::type::list};
    for (const auto& user : users) {
      theme::Data option;
      option.set("value", std::to_string(user.id));
      option.set("label", fmt::format("{} <{}>", user.name, user.email));
      options.push_back(option);
    }
    data.set("users", options);
    if (!token.empty()) data.set("new_token", token);
    if (visit.request.QueryParam("revoked")) data.set("notice", "Revoked.");
    if (error) data.set("error", error->message);
    return pages::Render(s, status, "admin/tokens", data);
  };
  Add(router, http::Method::kGet, "/admin/tokens/",
      [&s, tokens_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageTokens)) return *denied;
        return tokens_page(visit, nullptr, 200, "");
      });
  Add(router, http::Method::kPost, "/admin/tokens/",
      [&s, tokens_page](Visit& visit, const http::PathParams&) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageTokens)) return *denied;
        const auto user_id = util::ParseInt(Field(visit.request, "user_id"));
        auto token = user_id ? s.accounts.AddToken(*user_id, Field(visit.request, "label"),
                                                   visit.who.user.id)
                             : Result<std::string>(NotFound("choose a user"));
        if (!token) return tokens_page(visit, &token.error(), 400, "");
        return tokens_page(visit, nullptr, 201, *token);
      });
  Add(router, http::Method::kPost, "/admin/tokens/{id}/revoke",
      [&s](Visit& visit, const http::PathParams& params) {
        if (auto denied = Forbidden(s, visit, content::Action::kManageTokens)) return *denied;
        const auto id = util::ParseInt(params.Get("id"));
        if (!id) return pages::Problem(s, visit, {ErrorCode::kNotFound, "No such token", {}});
        if (auto revoked = s.accounts.RevokeToken(*id, visit.who.user.id); !revoked) {
          return pages::Problem(s, visit, revoked.error());
        }
        return pages::SeeOther("/admin/tokens/?revoked=1");
      });
}

}  // namespace lede::admin

#pragma once

#include "http/message.h"
#include "http/router.h"
#include "theme/theme.h"

namespace lede::site {

// /static/{path}: the theme's assets from memory. Asset URLs carry ?v=the
// theme's asset version, so they may be cached for a year.
http::Response ServeAsset(const theme::Theme& theme, const http::Request& request,
                          const http::PathParams& params);

}  // namespace lede::site

#pragma once
// ReadWxr with the reading on a thread of its own: the XML parse of the next
// items overlaps with what `handler` does with the last ones (an import
// writes them to the store). The handler is still called on the calling
// thread, in file order.

#include <filesystem>

#include "importers/wordpress/wxr_reader.h"

namespace lede::importers::wordpress {

// As ReadWxr. A handler error stops the reader and is returned first.
Status ReadWxrAhead(const std::filesystem::path& file, WxrHandler& handler,
                    const std::filesystem::path& shown_as = {});

}  // namespace lede::importers::wordpress

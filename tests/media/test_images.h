#pragma once
// Pictures in real formats for media tests, made by libvips.

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <vips/vips.h>

#include <string>
#include <string_view>

namespace lede::media::images {

// A drawing with a distinctive red left quarter (so crops can tell where
// they were cut), encoded as `format` ("jpg", "png", "webp").
inline std::string Encode(std::string_view format, int width = 2400, int height = 1600) {
  const std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}">)"
      R"(<rect width="{0}" height="{1}" fill="#ffffff"/>)"
      R"(<rect width="{2}" height="{1}" fill="#cc0000"/></svg>)",
      width, height, width / 4);
  VipsImage* image = vips_image_new_from_buffer(svg.data(), svg.size(), "", nullptr);
  EXPECT_NE(image, nullptr);
  void* buffer = nullptr;
  std::size_t size = 0;
  const std::string suffix = "." + std::string(format);
  EXPECT_EQ(vips_image_write_to_buffer(image, suffix.c_str(), &buffer, &size, nullptr), 0);
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  g_object_unref(image);
  return bytes;
}

// Width and height as libvips decodes them; {0, 0} when it cannot.
inline std::pair<int, int> DecodedSize(const std::string& bytes) {
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!image) {
    vips_error_clear();
    return {0, 0};
  }
  double average = 0;
  const bool decoded = vips_avg(image, &average, nullptr) == 0;
  const std::pair<int, int> size{vips_image_get_width(image), vips_image_get_height(image)};
  g_object_unref(image);
  if (!decoded) vips_error_clear();
  return decoded ? size : std::pair<int, int>{0, 0};
}

// A JPEG segment: marker, big-endian length, payload.
inline std::string JpegSegment(unsigned char marker, const std::string& payload) {
  std::string segment = {'\xFF', static_cast<char>(marker)};
  segment += static_cast<char>(((payload.size() + 2) >> 8) & 0xFF);
  segment += static_cast<char>((payload.size() + 2) & 0xFF);
  return segment + payload;
}

}  // namespace lede::media::images

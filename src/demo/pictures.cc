#include "demo/pictures.h"

#include <fmt/format.h>

#include <array>

namespace lede::demo {
namespace {

struct Palette {
  const char* sky_top;
  const char* sky_bottom;
  const char* sun;
  const char* far;
  const char* near;
  const char* city;
};

constexpr std::array<Palette, 7> kPalettes = {{
    {"#1d3557", "#f4a261", "#ffd166", "#457b9d", "#1d3557", "#0b132b"},  // World
    {"#3a0ca3", "#f72585", "#ffbe0b", "#7209b7", "#3a0ca3", "#10002b"},  // Politics
    {"#014f86", "#a9d6e5", "#ffffff", "#2c7da0", "#01497c", "#012a4a"},  // Business
    {"#081c15", "#74c69d", "#d8f3dc", "#2d6a4f", "#1b4332", "#081c15"},  // Science
    {"#03071e", "#6a040f", "#ffba08", "#370617", "#03071e", "#000000"},  // Technology
    {"#5f0f40", "#fb8b24", "#ffe8a3", "#9a031e", "#5f0f40", "#310a31"},  // Culture
    {"#0b525b", "#99e2b4", "#fdfcdc", "#14746f", "#065a60", "#1b3a4b"},  // Sport
}};

// A small deterministic generator: the same seed draws the same scene.
struct Random {
  unsigned state;
  int Next(int low, int high) {
    state = state * 1103515245u + 12345u;
    return low + static_cast<int>((state >> 16) % static_cast<unsigned>(high - low + 1));
  }
};

}  // namespace

std::string DrawScene(int section, int seed) {
  const Palette& palette = kPalettes[static_cast<std::size_t>(section) % kPalettes.size()];
  Random random{static_cast<unsigned>(seed * 7919 + section * 104729 + 17)};
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">)"
      R"(<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">)"
      R"(<stop offset="0" stop-color="{}"/><stop offset="1" stop-color="{}"/></linearGradient></defs>)"
      R"svg(<rect width="1600" height="900" fill="url(#sky)"/>)svg"
      R"(<circle cx="{}" cy="{}" r="{}" fill="{}" opacity="0.9"/>)",
      palette.sky_top, palette.sky_bottom, random.Next(200, 1400), random.Next(180, 420),
      random.Next(60, 130), palette.sun);
  // Two ranges of hills, far then near.
  for (const char* colour : {palette.far, palette.near}) {
    std::string path = fmt::format("M0 {}", random.Next(520, 640));
    for (int x = 200; x <= 1600; x += 200) {
      path += fmt::format(" Q{} {} {} {}", x - 100, random.Next(420, 640), x, random.Next(540, 680));
    }
    path += " L1600 900 L0 900 Z";
    svg += fmt::format(R"(<path d="{}" fill="{}"/>)", path, colour);
  }
  // A skyline of blocks with lit windows.
  for (int x = random.Next(0, 80); x < 1600; x += random.Next(70, 150)) {
    const int width = random.Next(50, 110);
    const int height = random.Next(80, 320);
    svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", x,
                       900 - height, width, height, palette.city);
    for (int wy = 900 - height + 16; wy < 880; wy += 28) {
      for (int wx = x + 10; wx < x + width - 14; wx += 22) {
        if (random.Next(0, 3) == 0) {
          svg += fmt::format(R"(<rect x="{}" y="{}" width="8" height="12" fill="{}" opacity="0.8"/>)",
                             wx, wy, palette.sun);
        }
      }
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace lede::demo

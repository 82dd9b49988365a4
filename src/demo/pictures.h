#pragma once
// Lead pictures for the demo, drawn as SVG scenes so the project ships no
// photographs: a sky, a sun or moon, hills and a skyline in each section's
// palette, varied by a seed.

#include <string>

namespace lede::demo {

std::string DrawScene(int section, int seed);

}  // namespace lede::demo

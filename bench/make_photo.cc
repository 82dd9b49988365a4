// Makes a large phone photo from a real one, for bench/uploads: the
// picture scaled to WIDTH pixels wide and saved as a JPEG of QUALITY,
// keeping the camera's Exif (GPS and all) as a phone's JPEG carries it.
//   make_photo IN.jpg OUT.jpg WIDTH QUALITY
#include <vips/vips.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: make_photo IN OUT WIDTH QUALITY\n");
    return 2;
  }
  if (VIPS_INIT(argv[0]) != 0) return 1;
  VipsImage* in = vips_image_new_from_file(argv[1], nullptr);
  if (!in) {
    std::fprintf(stderr, "%s\n", vips_error_buffer());
    return 1;
  }
  const double scale = std::atof(argv[3]) / vips_image_get_width(in);
  VipsImage* out = nullptr;
  if (vips_resize(in, &out, scale, nullptr) != 0 ||
      vips_jpegsave(out, argv[2], "Q", std::atoi(argv[4]), nullptr) != 0) {
    std::fprintf(stderr, "%s\n", vips_error_buffer());
    return 1;
  }
  g_object_unref(out);
  g_object_unref(in);
  return 0;
}

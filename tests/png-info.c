/*
 * png-info.c - "png-info FILE.png" prints the PNG's width, height and how
 * many distinct pixel values it has (up to 1000), for tests/cli-plot.sh:
 * a blank render has one.  Decoded by cairo, the library that wrote it.
 */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_COLOURS 1000

int main(int argc, char **argv)
{
	uint32_t seen[MAX_COLOURS];
	int n = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: png-info FILE.png\n");
		return 2;
	}
	cairo_surface_t *s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "png-info: %s: %s\n", argv[1],
			cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return 1;
	}
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	for (int y = 0; y < h && n < MAX_COLOURS; y++)
		for (int x = 0; x < w && n < MAX_COLOURS; x++) {
			uint32_t px = *(const uint32_t *)(const void *)
					      (data + (size_t)y * stride + 4 * (size_t)x);
			int k = 0;
			while (k < n && seen[k] != px)
				k++;
			if (k == n)
				seen[n++] = px;
		}
	printf("%d %d %d\n", w, h, n);
	cairo_surface_destroy(s);
	return 0;
}

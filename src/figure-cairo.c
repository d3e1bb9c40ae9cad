/*
 * figure-cairo.c - rendering a display list with cairo.
 *
 * Both formats go through one drawing function on a cairo context whose
 * units are the figure's points; the PNG's context is scaled to pixels.
 * Output goes to a stdio stream (the command gives a memory stream and
 * writes the file atomically), so a failed render never leaves a file.
 */
#include "figure-cairo.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <math.h>

/* Not every C11 <math.h> has M_PI. */
#define PI 3.14159265358979323846

static cairo_status_t write_stream(void *closure, const unsigned char *data,
				   unsigned int length)
{
	FILE *out = closure;

	return fwrite(data, 1, length, out) == length ?
		       CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void set_rgb(cairo_t *cr, struct fig_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void stroke_and_fill(cairo_t *cr, const struct fig_style *s)
{
	if (s->fill) {
		set_rgb(cr, s->fill_rgb);
		if (s->stroke)
			cairo_fill_preserve(cr);
		else
			cairo_fill(cr);
	}
	if (!s->stroke) {
		cairo_new_path(cr);
		return;
	}
	set_rgb(cr, s->stroke_rgb);
	cairo_set_line_width(cr, s->width);
	double dashes[2] = { 4 * s->width + 2, 3 * s->width + 1.5 };
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	if (s->dash == FIG_DASHED) {
		cairo_set_dash(cr, dashes, 2, 0);
	} else if (s->dash == FIG_DOTTED) {
		/* Round caps on near-zero dashes make dots, as in the SVG. */
		dashes[0] = 0.1;
		dashes[1] = 2 * s->width + 1.5;
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, dashes, 2, 0);
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_text(cairo_t *cr, const struct fig_item *it)
{
	cairo_text_extents_t ext;

	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       it->bold ? CAIRO_FONT_WEIGHT_BOLD :
					  CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, it->size);
	cairo_text_extents(cr, it->text, &ext);
	double shift = it->anchor == FIG_MIDDLE ? ext.x_advance / 2 :
		       it->anchor == FIG_END ? ext.x_advance : 0;
	cairo_save(cr);
	cairo_translate(cr, it->x0, it->y0);
	if (it->vertical)
		cairo_rotate(cr, -PI / 2);
	cairo_move_to(cr, -shift, 0);
	set_rgb(cr, it->style.fill_rgb);
	cairo_show_text(cr, it->text);
	cairo_restore(cr);
}

static void draw(cairo_t *cr, const struct figure *f)
{
	if (f->theme->paint_bg) {
		set_rgb(cr, f->theme->bg);
		cairo_paint(cr);
	}
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (int i = 0; i < f->count; i++) {
		const struct fig_item *it = &f->items[i];
		switch (it->kind) {
		case FIG_LINE:
			cairo_move_to(cr, it->x0, it->y0);
			cairo_line_to(cr, it->x1, it->y1);
			break;
		case FIG_POLYLINE:
			cairo_move_to(cr, it->pts[0], it->pts[1]);
			for (int k = 1; k < it->npoints; k++)
				cairo_line_to(cr, it->pts[2 * k],
					      it->pts[2 * k + 1]);
			break;
		case FIG_RECT:
			cairo_rectangle(cr, it->x0, it->y0, it->x1 - it->x0,
					it->y1 - it->y0);
			break;
		case FIG_CIRCLE:
			cairo_new_sub_path(cr);
			cairo_arc(cr, it->x0, it->y0, it->r, 0, 2 * PI);
			break;
		case FIG_TEXT:
			draw_text(cr, it);
			continue;
		}
		stroke_and_fill(cr, &it->style);
	}
}

int figure_cairo_pdf(const struct figure *f, FILE *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(
		write_stream, out, f->width, f->height);
	cairo_t *cr = cairo_create(s);

	draw(cr, f);
	cairo_show_page(cr);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS && !ferror(out) ? 0 : -1;
}

int figure_cairo_png(const struct figure *f, int width, int height, FILE *out)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
							width, height);
	cairo_t *cr = cairo_create(s);

	cairo_scale(cr, width / f->width, height / f->height);
	draw(cr, f);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png_stream(s, write_stream, out);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS && !ferror(out) ? 0 : -1;
}

/*
 * figure-svg.c - the SVG writer (see figure-svg.h for why our own).
 */
#include "figure-svg.h"

#include <math.h>

/* "#rrggbb" of a colour. */
static void hex(struct fig_rgb c, char buf[8])
{
	int r = (int)lround(fmin(fmax(c.r, 0), 1) * 255);
	int g = (int)lround(fmin(fmax(c.g, 0), 1) * 255);
	int b = (int)lround(fmin(fmax(c.b, 0), 1) * 255);
	snprintf(buf, 8, "#%02x%02x%02x", r, g, b);
}

/* Text as XML character data: markup characters escaped, controls dropped. */
static void escaped(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default:
			if (*p >= 0x20 || *p == '\t')
				fputc(*p, out);
		}
	}
}

static void paint(FILE *out, const struct fig_style *s)
{
	char c[8];

	if (s->fill) {
		hex(s->fill_rgb, c);
		fprintf(out, " fill=\"%s\"", c);
	} else {
		fputs(" fill=\"none\"", out);
	}
	if (!s->stroke)
		return;
	hex(s->stroke_rgb, c);
	fprintf(out, " stroke=\"%s\" stroke-width=\"%.2f\"", c, s->width);
	if (s->dash == FIG_DASHED)
		fprintf(out, " stroke-dasharray=\"%.2f %.2f\"", 4 * s->width + 2,
			3 * s->width + 1.5);
	else if (s->dash == FIG_DOTTED)
		fprintf(out, " stroke-dasharray=\"%.2f %.2f\" stroke-linecap="
			"\"round\"", 0.1, 2 * s->width + 1.5);
}

static void tag(FILE *out, const struct fig_item *it)
{
	if (it->tag[0] == '\0')
		return;
	fputs(" class=\"", out);
	escaped(out, it->tag);
	fputc('"', out);
	if (it->type >= 0)
		fprintf(out, " data-type=\"%d\"", it->type + 1);
	if (isfinite(it->value))
		fprintf(out, " data-value=\"%.17g\"", it->value);
	if (isfinite(it->value2))
		fprintf(out, " data-value2=\"%.17g\"", it->value2);
}

static void item(FILE *out, const struct fig_item *it)
{
	static const char *anchors[] = { "start", "middle", "end" };

	switch (it->kind) {
	case FIG_LINE:
		fprintf(out, "<line x1=\"%.3f\" y1=\"%.3f\" x2=\"%.3f\" "
			"y2=\"%.3f\"", it->x0, it->y0, it->x1, it->y1);
		break;
	case FIG_POLYLINE:
		fputs("<polyline points=\"", out);
		for (int k = 0; k < it->npoints; k++)
			fprintf(out, "%s%.3f,%.3f", k ? " " : "", it->pts[2 * k],
				it->pts[2 * k + 1]);
		fputc('"', out);
		break;
	case FIG_RECT:
		fprintf(out, "<rect x=\"%.3f\" y=\"%.3f\" width=\"%.3f\" "
			"height=\"%.3f\"", it->x0, it->y0, it->x1 - it->x0,
			it->y1 - it->y0);
		break;
	case FIG_CIRCLE:
		fprintf(out, "<circle cx=\"%.3f\" cy=\"%.3f\" r=\"%.3f\"",
			it->x0, it->y0, it->r);
		break;
	case FIG_TEXT:
		fprintf(out, "<text x=\"%.3f\" y=\"%.3f\" font-size=\"%.2f\" "
			"text-anchor=\"%s\"%s", it->x0, it->y0, it->size,
			anchors[it->anchor], it->bold ? " font-weight=\"bold\"" : "");
		if (it->vertical)
			fprintf(out, " transform=\"rotate(-90 %.3f %.3f)\"",
				it->x0, it->y0);
		break;
	}
	paint(out, &it->style);
	tag(out, it);
	if (it->kind != FIG_TEXT) {
		fputs("/>\n", out);
		return;
	}
	fputc('>', out);
	escaped(out, it->text);
	fputs("</text>\n", out);
}

int figure_svg_write(const struct figure *f, FILE *out)
{
	char bg[8];

	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.3fcm\" "
		"height=\"%.3fcm\" viewBox=\"0 0 %.3f %.3f\" "
		"font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
		f->width / 72.0 * 2.54, f->height / 72.0 * 2.54, f->width,
		f->height);
	if (f->theme->paint_bg) {
		hex(f->theme->bg, bg);
		fprintf(out, "<rect width=\"100%%\" height=\"100%%\" "
			"fill=\"%s\"/>\n", bg);
	}
	for (int i = 0; i < f->count; i++)
		item(out, &f->items[i]);
	fputs("</svg>\n", out);
	return ferror(out) ? -1 : 0;
}

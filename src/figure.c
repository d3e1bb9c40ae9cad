/*
 * figure.c - the display list, the themes and the shared axes.
 */
#include "figure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
		   ((hex) & 0xff) / 255.0 }

/* Okabe & Ito (2008): blue, orange, bluish green, vermillion, reddish
   purple, sky blue, yellow - in the order types get them. */
#define OKABE_ITO { RGB(0x0072B2), RGB(0xE69F00), RGB(0x009E73), \
		    RGB(0xD55E00), RGB(0xCC79A7), RGB(0x56B4E9), \
		    RGB(0xF0E442) }

static const struct fig_theme themes[] = {
	{ .name = "light", .bg = RGB(0xffffff), .fg = RGB(0x000000),
	  .grid = RGB(0xd0d0d0), .muted = RGB(0x8c8c8c), .series = OKABE_ITO,
	  .paint_bg = true },
	/* Dark slides: the yellow and sky blue read best there, but the
	   order stays so type colours match the other themes. */
	{ .name = "dark", .bg = RGB(0x1c1c1c), .fg = RGB(0xf2f2f2),
	  .grid = RGB(0x4a4a4a), .muted = RGB(0xa0a0a0),
	  .series = { RGB(0x56B4E9), RGB(0xE69F00), RGB(0x009E73),
		      RGB(0xD55E00), RGB(0xCC79A7), RGB(0x0072B2),
		      RGB(0xF0E442) },
	  .paint_bg = true },
	/* Paper: no page colour (it is the paper's), darker grid. */
	{ .name = "print", .bg = RGB(0xffffff), .fg = RGB(0x000000),
	  .grid = RGB(0xb0b0b0), .muted = RGB(0x707070), .series = OKABE_ITO,
	  .paint_bg = false },
};

const struct fig_theme *fig_theme_find(const char *name)
{
	for (size_t i = 0; i < sizeof(themes) / sizeof(themes[0]); i++)
		if (strcmp(themes[i].name, name) == 0)
			return &themes[i];
	return NULL;
}

struct fig_rgb fig_theme_series(const struct fig_theme *t, int i)
{
	return t->series[(i < 0 ? 0 : i) % FIG_SERIES];
}

struct fig_rgb fig_rgb_mix(struct fig_rgb a, struct fig_rgb b, double u)
{
	return (struct fig_rgb){ a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u,
				 a.b + (b.b - a.b) * u };
}

void figure_init(struct figure *f, double width, double height,
		 const struct fig_theme *theme)
{
	memset(f, 0, sizeof(*f));
	f->width = width;
	f->height = height;
	f->theme = theme;
	/* About 17 pt at the default 14.3 cm height: readable from the back
	   of a lecture hall, and it scales with the page. */
	f->font = height / 24.0;
}

void figure_free(struct figure *f)
{
	for (int i = 0; i < f->count; i++) {
		free(f->items[i].pts);
		free(f->items[i].text);
	}
	free(f->items);
	f->items = NULL;
	f->count = f->cap = 0;
}

static struct fig_item *append(struct figure *f, enum fig_kind kind,
			       struct fig_style style)
{
	if (f->count == f->cap) {
		int cap = f->cap ? 2 * f->cap : 256;
		struct fig_item *items = realloc(f->items, (size_t)cap *
						 sizeof(*items));
		if (items == NULL) {
			f->failed = true;
			memset(&f->scratch, 0, sizeof(f->scratch));
			return &f->scratch;
		}
		f->items = items;
		f->cap = cap;
	}
	struct fig_item *it = &f->items[f->count++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->style = style;
	it->type = -1;
	it->value = NAN;
	it->value2 = NAN;
	return it;
}

struct fig_item *fig_line(struct figure *f, double x0, double y0, double x1,
			  double y1, struct fig_style style)
{
	struct fig_item *it = append(f, FIG_LINE, style);
	it->x0 = x0, it->y0 = y0, it->x1 = x1, it->y1 = y1;
	return it;
}

struct fig_item *fig_rect(struct figure *f, double x0, double y0, double x1,
			  double y1, struct fig_style style)
{
	struct fig_item *it = append(f, FIG_RECT, style);
	it->x0 = fmin(x0, x1), it->x1 = fmax(x0, x1);
	it->y0 = fmin(y0, y1), it->y1 = fmax(y0, y1);
	return it;
}

struct fig_item *fig_circle(struct figure *f, double x, double y, double r,
			    struct fig_style style)
{
	struct fig_item *it = append(f, FIG_CIRCLE, style);
	it->x0 = x, it->y0 = y, it->r = r;
	return it;
}

struct fig_item *fig_polyline(struct figure *f, const double *xy, int n,
			      struct fig_style style)
{
	if (n < 2)
		return &f->scratch;
	double *pts = malloc(2 * (size_t)n * sizeof(*pts));
	if (pts == NULL) {
		f->failed = true;
		return &f->scratch;
	}
	struct fig_item *it = append(f, FIG_POLYLINE, style);
	if (it == &f->scratch) {
		free(pts);
		return it;
	}
	memcpy(pts, xy, 2 * (size_t)n * sizeof(*pts));
	it->pts = pts;
	it->npoints = n;
	return it;
}

struct fig_item *fig_text(struct figure *f, double x, double y, double size,
			  enum fig_anchor anchor, struct fig_rgb rgb,
			  const char *text)
{
	char *copy = strdup(text);
	if (copy == NULL) {
		f->failed = true;
		return &f->scratch;
	}
	struct fig_item *it = append(f, FIG_TEXT, fig_filled(rgb));
	if (it == &f->scratch) {
		free(copy);
		return it;
	}
	it->x0 = x, it->y0 = y;
	it->size = size;
	it->anchor = anchor;
	it->text = copy;
	return it;
}

struct fig_item *fig_tag(struct fig_item *it, const char *tag, int type,
			 double value)
{
	snprintf(it->tag, sizeof(it->tag), "%s", tag);
	it->type = type;
	it->value = value;
	return it;
}

void fig_bar_label(struct figure *f, double x, double y, double size,
		   const char *tag, int type, double value)
{
	char text[32];

	snprintf(text, sizeof(text), "%.1f", value);
	fig_tag(fig_text(f, x + f->font * 0.25, y, f->font * size, FIG_START,
			 f->theme->fg, text), tag, type, value);
}

struct fig_style fig_stroke(struct fig_rgb rgb, double width)
{
	return (struct fig_style){ .stroke = true, .stroke_rgb = rgb,
				   .width = width };
}

struct fig_style fig_filled(struct fig_rgb rgb)
{
	return (struct fig_style){ .fill = true, .fill_rgb = rgb };
}

/* Sans-serif digits and lower case average a little over half an em. */
double fig_text_width(const char *text, double size)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p & 0xc0) != 0x80) /* count characters, not bytes */
			n++;
	return 0.56 * size * (double)n;
}

double fig_axis_map(const struct fig_axis *a, double v)
{
	if (!(a->hi > a->lo))
		return (a->p0 + a->p1) / 2;
	return a->p0 + (v - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

double fig_axis_from_zero(double most, int wanted, struct scale_ticks *t)
{
	double hi = most > 0 && isfinite(most) ? most * 1.08 : 1.0;

	/* Twice at most: the second step is that of the rounded end. */
	for (int k = 0; k < 2; k++) {
		scale_ticks_make(0.0, hi, wanted, t);
		hi = ceil(hi / t->step - 1e-9) * t->step;
	}
	scale_ticks_make(0.0, hi, wanted, t);
	return hi;
}

void fig_tick_label(double v, int decimals, char *buf, size_t size)
{
	snprintf(buf, size, "%.*f", decimals, v);
	if (strspn(buf, "-0.") == strlen(buf) && buf[0] == '-')
		memmove(buf, buf + 1, strlen(buf)); /* "-0.0" is 0 */
}

void fig_axis_x(struct figure *f, const struct fig_axis *a, double y,
		const struct scale_ticks *t, double grid_top, const char *tag)
{
	const struct fig_theme *th = f->theme;
	double len = f->font * 0.35;

	fig_line(f, fmin(a->p0, a->p1), y, fmax(a->p0, a->p1), y,
		 fig_stroke(th->fg, 1.0));
	for (int k = 0; k < t->count; k++) {
		char label[32];
		double x = fig_axis_map(a, t->value[k]);
		if (grid_top < y)
			fig_line(f, x, grid_top, x, y, fig_stroke(th->grid, 0.5));
		fig_line(f, x, y, x, y + len, fig_stroke(th->fg, 1.0));
		fig_tick_label(t->value[k], t->decimals, label, sizeof(label));
		fig_tag(fig_text(f, x, y + len + f->font * 0.95, f->font * 0.8,
				 FIG_MIDDLE, th->fg, label),
			tag, -1, t->value[k]);
	}
}

void fig_axis_y(struct figure *f, const struct fig_axis *a, double x,
		const struct scale_ticks *t, double grid_right, const char *tag)
{
	const struct fig_theme *th = f->theme;
	double len = f->font * 0.35;

	fig_line(f, x, fmin(a->p0, a->p1), x, fmax(a->p0, a->p1),
		 fig_stroke(th->fg, 1.0));
	for (int k = 0; k < t->count; k++) {
		char label[32];
		double y = fig_axis_map(a, t->value[k]);
		if (grid_right > x)
			fig_line(f, x, y, grid_right, y, fig_stroke(th->grid, 0.5));
		fig_line(f, x - len, y, x, y, fig_stroke(th->fg, 1.0));
		fig_tick_label(t->value[k], t->decimals, label, sizeof(label));
		fig_tag(fig_text(f, x - len - f->font * 0.2, y + f->font * 0.28,
				 f->font * 0.8, FIG_END, th->fg, label),
			tag, -1, t->value[k]);
	}
}

void fig_title(struct figure *f, const char *text)
{
	struct fig_item *it = fig_text(f, f->width / 2, f->font * 1.45,
				       f->font * 1.1, FIG_MIDDLE, f->theme->fg,
				       text);
	it->bold = true;
	fig_tag(it, "title", -1, NAN);
}

double fig_legend(struct figure *f, double x, double y, struct fig_style style,
		  const char *label)
{
	double size = f->font * 0.8, box = size * 0.9;

	if (style.fill)
		fig_rect(f, x, y - box * 0.85, x + box * 1.4, y + box * 0.15,
			 style);
	else
		fig_line(f, x, y - box * 0.35, x + box * 1.4, y - box * 0.35,
			 style);
	fig_tag(fig_text(f, x + box * 1.8, y, size, FIG_START, f->theme->fg,
			 label), "legend", -1, NAN);
	return x + box * 1.8 + fig_text_width(label, size) + size * 1.2;
}

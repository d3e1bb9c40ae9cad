/*
 * figure-sweep.c - heat maps of a sweep (Figure 2).
 */
#include "figure-sweep.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "view-scale.h"

/* Segments of a colour bar. */
#define BAR_STEPS 48

/* Viridis's ends and three inner stops: perceptually even, legible in
   grey and to every common colour-vision deficiency. */
static const struct fig_rgb ramp[] = {
	{ 0.267, 0.005, 0.329 }, { 0.231, 0.322, 0.545 },
	{ 0.129, 0.569, 0.549 }, { 0.369, 0.788, 0.384 },
	{ 0.992, 0.906, 0.145 },
};

struct fig_rgb figure_sweep_ramp(double u)
{
	int n = (int)(sizeof(ramp) / sizeof(ramp[0])) - 1;

	if (!(u > 0))
		return ramp[0];
	if (u >= 1)
		return ramp[n];
	int k = (int)(u * n);
	return fig_rgb_mix(ramp[k], ramp[k + 1], u * n - k);
}

struct fig_rgb figure_sweep_diverging(double v, double half)
{
	static const struct fig_rgb neg = { 0.0, 0.447, 0.698 },  /* #0072B2 */
				    pos = { 0.835, 0.369, 0.0 },  /* #D55E00 */
				    mid = { 0.97, 0.97, 0.97 };
	double u = half > 0 ? fmax(-1, fmin(1, v / half)) : 0;
	return u < 0 ? fig_rgb_mix(mid, neg, -u) : fig_rgb_mix(mid, pos, u);
}

static struct fig_rgb category_rgb(const struct fig_theme *th, int c)
{
	switch (c) {
	case SQ_SEPARATING: return th->series[0];
	case SQ_NEARLY_POOLED: return th->series[5];
	case SQ_PARTIAL: return th->series[2];
	case SQ_POOLED: return th->series[1];
	default: return th->muted;
	}
}

/* An axis over a sweep axis's cells: values at cell centres. */
static void cell_axis(const struct sweep_axis *a, double p0, double p1,
		      struct fig_axis *out, double *lo, double *hi)
{
	double v0 = sweep_axis_value(a, 0), v1 = sweep_axis_value(a,
						a->steps - 1);
	double d = a->steps > 1 ? fabs(v1 - v0) / (a->steps - 1) : 1.0;
	*lo = fmin(v0, v1);
	*hi = fmax(v0, v1);
	*out = (struct fig_axis){ *lo - d / 2, *hi + d / 2, p0, p1 };
}

/* "p.1" as the paper writes it: "p_1". */
static void axis_symbol(const struct sweep_axis *a, char *buf, size_t size)
{
	sweep_axis_label(a, buf, size);
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = '_';
}

struct box {
	double left, right, top, bottom;
};

/* The colour bar right of the map, labelled with scale_ticks_make's. */
static void colour_bar(struct figure *f, const struct box *b, double lo,
		       double hi, bool diverging, double half)
{
	const struct fig_theme *th = f->theme;
	struct fig_axis a = { lo, hi, b->bottom, b->top };
	struct scale_ticks t;

	for (int k = 0; k < BAR_STEPS; k++) {
		double v0 = lo + (hi - lo) * k / BAR_STEPS;
		double v1 = lo + (hi - lo) * (k + 1) / BAR_STEPS;
		double vm = (v0 + v1) / 2;
		struct fig_rgb c = diverging ? figure_sweep_diverging(vm, half) :
				   figure_sweep_ramp((vm - lo) / (hi - lo));
		fig_rect(f, b->left, fig_axis_map(&a, v1) - 0.3, b->right,
			 fig_axis_map(&a, v0), fig_filled(c));
	}
	fig_rect(f, b->left, b->top, b->right, b->bottom,
		 fig_stroke(th->fg, 0.6));
	scale_ticks_make(lo, hi, 4, &t);
	for (int k = 0; k < t.count; k++) {
		char label[32];
		double y = fig_axis_map(&a, t.value[k]);
		fig_line(f, b->right, y, b->right + f->font * 0.25, y,
			 fig_stroke(th->fg, 0.8));
		fig_tick_label(t.value[k], t.decimals, label, sizeof(label));
		fig_tag(fig_text(f, b->right + f->font * 0.35, y + f->font * 0.25,
				 f->font * 0.7, FIG_START, th->fg, label),
			"tick-bar", -1, t.value[k]);
	}
}

/* The pooling legend: one swatch per category that occurs. */
static void categories(struct figure *f, const struct box *b,
		       const bool seen[SQ_CATEGORIES])
{
	double y = b->top + f->font * 0.6, size = f->font * 0.7;

	for (int c = 0; c < SQ_CATEGORIES; c++) {
		if (!seen[c])
			continue;
		fig_rect(f, b->left, y - size * 0.8, b->left + size, y,
			 fig_filled(category_rgb(f->theme, c)));
		fig_tag(fig_text(f, b->left + size * 1.3, y, size, FIG_START,
				 f->theme->fg, sweep_pooling_name(c)),
			"category", -1, c);
		y += size * 1.5;
	}
}

static void panel(struct figure *f, const struct figure_sweep_input *in,
		  const struct sweep_quantity *q, const struct box *p)
{
	const struct fig_theme *th = f->theme;
	const struct sweep *s = in->sweep;
	const struct sweep_axis *ya = sweep_y(s);
	int nx = sweep_columns(s), ny = sweep_rows(s);
	bool pooling = q->kind == SQ_POOLING, diverging = sweep_quantity_signed(q);
	struct box map = { p->left + f->font * 2.4, p->right - f->font *
			   (pooling ? 6.2 : 3.8), p->top + f->font * 1.5,
			   p->bottom - f->font * 1.5 };
	struct fig_axis x, y;
	double xlo, xhi, ylo = 0, yhi = 0;
	char label[96];

	sweep_quantity_label(q, label, sizeof(label));
	fig_tag(fig_text(f, (map.left + map.right) / 2, p->top + f->font * 0.9,
			 f->font * 0.85, FIG_MIDDLE, th->fg, label),
		"panel-title", q->type, NAN);
	cell_axis(sweep_x(s), map.left, map.right, &x, &xlo, &xhi);
	if (ya != NULL)
		cell_axis(ya, map.bottom, map.top, &y, &ylo, &yhi);
	else
		y = (struct fig_axis){ -0.5, 0.5, map.bottom, map.top };

	/* The value range, over the points that have one. */
	double lo = INFINITY, hi = -INFINITY;
	bool seen[SQ_CATEGORIES] = { false };
	for (int iy = 0; iy < ny; iy++)
		for (int ix = 0; ix < nx; ix++) {
			double v = sweep_quantity_value(sweep_at(s, ix, iy), q);
			if (isnan(v))
				continue;
			lo = fmin(lo, v), hi = fmax(hi, v);
			if (pooling)
				seen[(int)v] = true;
		}
	struct scale_diverging dv;
	scale_diverging_make(lo, hi, &dv);
	if (diverging) {
		double half = dv.half > 0 ? dv.half : 1.0;
		lo = -half, hi = half;
	} else if (!(hi - lo > 1e-6 * fmax(1.0, fmax(fabs(lo), fabs(hi))))) {
		/* Constant over the grid up to the solver's tolerance (type
		   1's rent in Figure 2): one colour, a bar around it. */
		double mid = isfinite(hi) ? (lo + hi) / 2 : 0.0;
		double pad = fmax(0.05 * fabs(mid), 0.5);
		lo = mid - pad;
		hi = mid + pad;
	}

	for (int iy = 0; iy < ny; iy++)
		for (int ix = 0; ix < nx; ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			double v = sweep_quantity_value(pt, q);
			double cx = ya != NULL ? pt->y : 0.0;
			double dx = (x.hi - x.lo) / nx, dy = (y.hi - y.lo) / ny;
			struct fig_rgb c = isnan(v) ? th->grid :
				pooling ? category_rgb(th, (int)v) :
				diverging ? figure_sweep_diverging(v, hi) :
				figure_sweep_ramp((v - lo) / (hi - lo));
			/* A hair of overlap hides seams between cells. */
			fig_tag(fig_rect(f, fig_axis_map(&x, pt->x - dx / 2),
					 fig_axis_map(&y, cx + dy / 2) - 0.2,
					 fig_axis_map(&x, pt->x + dx / 2) + 0.2,
					 fig_axis_map(&y, cx - dy / 2),
					 fig_filled(c)), "cell", q->type, v);
		}
	struct scale_ticks xt, yt;
	scale_ticks_make(xlo, xhi, 5, &xt);
	fig_axis_x(f, &x, map.bottom, &xt, map.bottom, "tick-x");
	if (ya != NULL) {
		scale_ticks_make(ylo, yhi, 4, &yt);
		fig_axis_y(f, &y, map.left, &yt, map.left, "tick-y");
	}
	struct box bar = { map.right + f->font * 0.5, map.right + f->font * 1.2,
			   map.top, map.bottom };
	if (pooling)
		categories(f, &bar, seen);
	else
		colour_bar(f, &bar, lo, hi, diverging, hi);
}

int figure_sweep(struct figure *f, const struct figure_sweep_input *in)
{
	int n = in->count, rows = n > 3 ? 2 : 1, cols = (n + rows - 1) / rows;
	double font = f->font;
	char xs[SWEEP_LABEL_MAX], ys[SWEEP_LABEL_MAX], text[128];

	if (n < 1 || n > FIGURE_SWEEP_MAX_PANELS)
		return -1;
	fig_title(f, in->title);
	/* Small multiples: smaller text the more panels share the page. */
	f->font = font * (cols > 3 ? 0.62 : cols > 2 ? 0.72 : 0.85);
	double top = font * 2.4, bottom = f->height - font * 1.8;
	double pw = (f->width - font) / cols, ph = (bottom - top) / rows;
	for (int k = 0; k < n; k++) {
		struct box p = { font * 0.5 + (k % cols) * pw, 0, 0, 0 };
		p.right = p.left + pw;
		p.top = top + (k / cols) * ph;
		p.bottom = p.top + ph;
		panel(f, in, &in->quantity[k], &p);
	}
	f->font = font;
	axis_symbol(sweep_x(in->sweep), xs, sizeof(xs));
	if (sweep_y(in->sweep) != NULL) {
		axis_symbol(sweep_y(in->sweep), ys, sizeof(ys));
		snprintf(text, sizeof(text), "horizontal: %s, vertical: %s", xs,
			 ys);
	} else {
		snprintf(text, sizeof(text), "horizontal: %s", xs);
	}
	fig_tag(fig_text(f, f->width / 2, f->height - font * 0.5, font * 0.8,
			 FIG_MIDDLE, f->theme->fg, text), "axis-label", -1, NAN);
	return f->failed ? -1 : 0;
}

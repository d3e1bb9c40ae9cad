/*
 * figure-screening.c - the screening diagram from its shared geometry.
 */
#include "figure-screening.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

struct plot {
	struct fig_axis m, t;
	const struct screening_range *r;
};

/*
 * Clips the segment (m0,t0)-(m1,t1) to the range (Liang-Barsky); false
 * if nothing of it is inside.
 */
static bool clip(const struct screening_range *r, double *m0, double *t0,
		 double *m1, double *t1)
{
	double u0 = 0, u1 = 1, dm = *m1 - *m0, dt = *t1 - *t0;
	double p[4] = { -dm, dm, -dt, dt };
	double q[4] = { *m0 - r->m_lo, r->m_hi - *m0, *t0 - r->t_lo,
			r->t_hi - *t0 };

	for (int k = 0; k < 4; k++) {
		if (p[k] == 0) {
			if (q[k] < 0)
				return false;
			continue;
		}
		double u = q[k] / p[k];
		if (p[k] < 0)
			u0 = fmax(u0, u);
		else
			u1 = fmin(u1, u);
	}
	if (u0 > u1)
		return false;
	double a = *m0, b = *t0;
	*m0 = a + u0 * dm, *t0 = b + u0 * dt;
	*m1 = a + u1 * dm, *t1 = b + u1 * dt;
	return true;
}

static void line(struct figure *f, const struct plot *pl,
		 struct screening_line ln, struct fig_style style,
		 const char *tag, int type)
{
	double m0 = pl->r->m_lo, m1 = pl->r->m_hi;
	double t0 = screening_line_at(ln, m0), t1 = screening_line_at(ln, m1);

	if (!clip(pl->r, &m0, &t0, &m1, &t1))
		return;
	fig_tag(fig_line(f, fig_axis_map(&pl->m, m0), fig_axis_map(&pl->t, t0),
			 fig_axis_map(&pl->m, m1), fig_axis_map(&pl->t, t1),
			 style), tag, type, ln.intercept)->value2 = ln.slope;
}

/* The stand-alone curve, in runs where it lies inside the range. */
static void curve(struct figure *f, const struct plot *pl,
		  const struct screening *s)
{
	double xy[2 * (FIGURE_CURVE_SAMPLES + 1)];
	int n = 0;
	struct fig_style st = fig_stroke(f->theme->muted, 2.5);

	for (int k = 0; k <= FIGURE_CURVE_SAMPLES; k++) {
		double m = pl->r->m_lo + (pl->r->m_hi - pl->r->m_lo) * k /
						 FIGURE_CURVE_SAMPLES;
		double t = screening_curve(s, m);
		bool in = t >= pl->r->t_lo && t <= pl->r->t_hi;
		if (in) {
			xy[2 * n] = fig_axis_map(&pl->m, m);
			xy[2 * n + 1] = fig_axis_map(&pl->t, t);
			n++;
		}
		if ((!in || k == FIGURE_CURVE_SAMPLES) && n > 0) {
			fig_tag(fig_polyline(f, xy, n, st), "curve", -1, NAN);
			n = 0;
		}
	}
}

static bool inside(const struct screening_range *r, double m, double t)
{
	return m >= r->m_lo && m <= r->m_hi && t >= r->t_lo && t <= r->t_hi;
}

/* The legend down the right margin. */
static void legend(struct figure *f, const struct screening *s, double x,
		   double y)
{
	const struct fig_theme *th = f->theme;
	double gap = f->font * 1.15;
	char text[48];

	for (int i = 0; i < s->ntypes && i < 12; i++, y += gap) {
		snprintf(text, sizeof(text), "type %d, c = %g", i + 1, s->cost[i]);
		fig_legend(f, x, y, fig_stroke(fig_theme_series(th, i), 3.0),
			   text);
	}
	y += gap * 0.4;
	struct fig_style dashed = fig_stroke(th->fg, 1.5);
	dashed.dash = FIG_DASHED;
	fig_legend(f, x, y, dashed, "t - c_i m = f_i");
	fig_legend(f, x, y += gap, fig_stroke(th->fg, 2.0), "t - c_i m = u_i");
	fig_legend(f, x, y += gap, fig_stroke(th->muted, 2.5), "v(a(m)) alone");
	struct fig_style dotted = fig_stroke(th->fg, 2.0);
	dotted.dash = FIG_DOTTED;
	fig_legend(f, x, y += gap, dotted, "ceiling");
	y += gap;
	fig_circle(f, x + f->font * 0.5, y - f->font * 0.3, f->font * 0.3,
		   fig_filled(th->fg));
	fig_text(f, x + f->font * 1.44, y, f->font * 0.8, FIG_START, th->fg,
		 "option (m_i, t_i)");
	y += gap;
	fig_circle(f, x + f->font * 0.5, y - f->font * 0.3, f->font * 0.3,
		   fig_stroke(th->fg, 1.5));
	fig_text(f, x + f->font * 1.44, y, f->font * 0.8, FIG_START, th->fg,
		 "alone (m~_i, v)");
}

int figure_screening(struct figure *f, const struct screening *s,
		     const struct screening_range *r, const char *title)
{
	const struct fig_theme *th = f->theme;
	double left = f->width * 0.1, right = f->width * 0.74;
	double top = f->font * 3.0, bottom = f->height - f->font * 3.6;
	struct plot pl = { { r->m_lo, r->m_hi, left, right },
			   { r->t_lo, r->t_hi, bottom, top }, r };
	struct scale_ticks mt, tt;

	if (!(r->m_hi > r->m_lo && r->t_hi > r->t_lo))
		return -1;
	fig_title(f, title);
	/* The explorer's ticks, for the page's room. */
	screening_ticks(r, 6, 5, &mt, &tt);
	fig_axis_x(f, &pl.m, bottom, &mt, top, "tick-m");
	fig_axis_y(f, &pl.t, left, &tt, right, "tick-t");
	fig_tag(fig_text(f, (left + right) / 2, bottom + f->font * 2.5,
			 f->font * 0.85, FIG_MIDDLE, th->fg, "data m"),
		"axis-label", -1, NAN);
	struct fig_item *yl = fig_text(f, left - f->font * 3.2,
				       (top + bottom) / 2, f->font * 0.85,
				       FIG_MIDDLE, th->fg, "model value t");
	yl->vertical = true;
	fig_tag(yl, "axis-label", -1, NAN);

	curve(f, &pl, s);
	if (s->ceiling >= r->t_lo && s->ceiling <= r->t_hi) {
		struct fig_style dotted = fig_stroke(th->fg, 2.0);
		dotted.dash = FIG_DOTTED;
		double y = fig_axis_map(&pl.t, s->ceiling);
		fig_tag(fig_line(f, left, y, right, y, dotted), "ceiling", -1,
			s->ceiling);
	}
	for (int i = 0; i < s->ntypes; i++) {
		struct fig_style dashed = fig_stroke(fig_theme_series(th, i), 1.5);
		dashed.dash = FIG_DASHED;
		line(f, &pl, s->reservation[i], dashed, "reservation-line", i);
		line(f, &pl, s->indifference[i],
		     fig_stroke(fig_theme_series(th, i), 2.0),
		     "indifference-line", i);
	}
	for (int i = 0; i < s->ntypes; i++) {
		double m = s->reservation_m[i], t = s->reservation_t[i];
		if (!s->has_reservation_point[i] || !inside(r, m, t))
			continue;
		struct fig_style ring = fig_stroke(fig_theme_series(th, i), 2.0);
		ring.fill = true;
		ring.fill_rgb = th->bg;
		fig_tag(fig_circle(f, fig_axis_map(&pl.m, m),
				   fig_axis_map(&pl.t, t), f->font * 0.3, ring),
			"reservation-point", i, m)->value2 = t;
	}
	for (int k = 0; k < s->noptions; k++) {
		const struct screening_option *o = &s->option[k];
		if (!inside(r, o->m, o->t))
			continue;
		struct fig_style disc = fig_filled(fig_theme_series(th, o->first));
		disc.stroke = true;
		disc.stroke_rgb = th->fg;
		disc.width = 1.0;
		double x = fig_axis_map(&pl.m, o->m), y = fig_axis_map(&pl.t, o->t);
		fig_tag(fig_circle(f, x, y, f->font * 0.32, disc), "option",
			o->first, o->m)->value2 = o->t;
		/* Neighbouring options can nearly coincide (twotype's
		   1915.8 and 1917.9): every other label goes below. */
		double dy = k % 2 == 0 ? -f->font * 0.4 : f->font * 1.0;
		fig_tag(fig_text(f, x + f->font * 0.45, y + dy,
				 f->font * 0.8, FIG_START, th->fg, o->label),
			"label-option", o->first, o->t);
	}
	legend(f, s, right + f->font * 1.2, top + f->font * 0.6);
	return f->failed ? -1 : 0;
}

/*
 * figure-contract.c - contributions and reward distributions (Figure 3).
 */
#include "figure-contract.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "view-hist.h"
#include "view-scale.h"

/* The page's panels, shared by both halves so their rows line up. */
struct rows {
	double top, bottom;  /* the rows' extent on the page */
	double band;         /* height of one type's row */
	int ntypes;
};

static double row_top(const struct rows *r, int i)
{
	return r->top + i * r->band;
}

/* The largest contribution drawn. */
static double most_data(const struct contract *c)
{
	double most = 0.0;

	for (int i = 0; i < c->ntypes; i++)
		most = fmax(most, fmax(c->type[i].contribution,
				       c->type[i].reservation_contribution));
	return most;
}

/* The left half: m~_i above m_i for every type. */
static void contributions(struct figure *f, const struct figure_contract_input *in,
			  const struct rows *rows, double left, double right)
{
	const struct fig_theme *th = f->theme;
	const struct contract *c = in->contract;
	struct scale_ticks ticks;
	struct fig_axis x = { 0.0, fig_axis_from_zero(most_data(c), 5, &ticks),
			      left, right };
	struct fig_rgb base = th->series[0], extra = th->series[2],
		       cut = th->series[3];

	fig_axis_x(f, &x, rows->bottom, &ticks, rows->top, "tick-m");
	for (int i = 0; i < c->ntypes; i++) {
		const struct type_result *t = &c->type[i];
		double y = row_top(rows, i), b = rows->band;
		double m = t->contribution, alone = t->reservation_contribution;
		double x0 = fig_axis_map(&x, 0.0), xm = fig_axis_map(&x, m);
		double xa = fig_axis_map(&x, alone);
		char label[64];

		snprintf(label, sizeof(label), "%d: c = %g", i + 1,
			 in->scenario->types[i].cost);
		fig_tag(fig_text(f, left - f->font * 0.4, y + b * 0.55,
				 f->font * 0.75, FIG_END, th->fg, label),
			"type", i, NAN);
		/* Alone: a thin grey bar in the row's upper part. */
		double ay0 = y + b * 0.12, ay1 = y + b * 0.38;
		if (t->trains_alone) {
			fig_tag(fig_rect(f, x0, ay0, xa, ay1, fig_filled(th->muted)),
				"bar-reservation", i, alone);
			fig_bar_label(f, xa, ay1 - (ay1 - ay0) * 0.1, 0.7,
				      "label-reservation", i, alone);
		} else {
			fig_tag(fig_text(f, x0 + f->font * 0.3, ay1, f->font * 0.65,
					 FIG_START, th->muted,
					 "x would not train alone (m~ = 0)"),
				"not-alone", i, 0.0);
		}
		/* The contract: m_i, with its extra or reduction against m~_i. */
		double cy0 = y + b * 0.45, cy1 = y + b * 0.88;
		fig_tag(fig_rect(f, x0, cy0, xm, cy1, fig_filled(base)), "bar-m",
			i, m);
		if (m > alone && t->trains_alone)
			fig_tag(fig_rect(f, xa, cy0, xm, cy1, fig_filled(extra)),
				"bar-extra", i, m - alone);
		else if (m < alone) {
			struct fig_style s = fig_stroke(cut, 1.5);
			s.dash = FIG_DASHED;
			fig_tag(fig_rect(f, xm, cy0, xa, cy1, s), "bar-reduction",
				i, alone - m);
		}
		fig_bar_label(f, fmax(xm, m < alone ? xa : xm),
			      cy1 - (cy1 - cy0) * 0.2, 0.7, "label-m", i, m);
	}
	fig_tag(fig_text(f, (left + right) / 2, rows->bottom + f->font * 2.6,
			 f->font * 0.85, FIG_MIDDLE, th->fg,
			 "data: alone m~_i (grey), contract m_i"), "axis-label",
		-1, NAN);
}

/* The right half: the reward histograms on a common value axis. */
static int rewards(struct figure *f, const struct figure_contract_input *in,
		   const struct rows *rows, double left, double right)
{
	const struct fig_theme *th = f->theme;
	const struct contract *c = in->contract;
	double means[CML_MAX_TYPES];
	struct scale_ticks ticks;

	if (in->dists == NULL || c->status == POOLING_NONE) {
		fig_tag(fig_text(f, (left + right) / 2,
				 (rows->top + rows->bottom) / 2, f->font * 0.8,
				 FIG_MIDDLE, th->fg, "no collaboration: nobody "
				 "receives a model"), "no-collaboration", -1, NAN);
		return 0;
	}
	struct hist_view *h = malloc(sizeof(*h)); /* large */
	if (h == NULL)
		return -1;
	for (int i = 0; i < c->ntypes; i++)
		means[i] = c->type[i].reward_value;
	/* The explorer's binning: the same bins and axis as its pane. */
	if (hist_view_build(in->dists, means, c->ntypes, FIGURE_REWARD_BINS, 8,
			    h) != 0) {
		free(h);
		return -1;
	}
	struct fig_axis x = { h->lo, h->hi, left, right };
	scale_ticks_make(h->lo, h->hi, 5, &ticks);
	fig_axis_x(f, &x, rows->bottom, &ticks, rows->top, "tick-t");
	for (int i = 0; i < c->ntypes; i++) {
		double y = row_top(rows, i), b = rows->band, top = 0.0;
		double base = y + b * 0.9, tall = b * 0.75;
		for (int r = 0; r < h->rows; r++)
			top = fmax(top, h->weight[i][r]);
		/* Row r of the view covers [hi - (r+1) step, hi - r step). */
		for (int r = 0; r < h->rows && top > 0.0; r++) {
			if (!(h->weight[i][r] > 0.0))
				continue;
			double v1 = h->hi - r * h->step, v0 = v1 - h->step;
			double hgt = fmax(tall * h->weight[i][r] / top, 0.8);
			fig_tag(fig_rect(f, fig_axis_map(&x, v0), base - hgt,
					 fig_axis_map(&x, v1), base,
					 fig_filled(th->series[5])),
				"bin", i, h->weight[i][r]);
		}
		double xt = fig_axis_map(&x, means[i]);
		fig_tag(fig_line(f, xt, y + b * 0.08, xt, base,
				 fig_stroke(th->fg, 2.0)), "mark-t", i, means[i]);
		char text[40];
		snprintf(text, sizeof(text), "t_%d = %.2f", i + 1, means[i]);
		bool room_right = xt + fig_text_width(text, f->font * 0.7) <
				  right;
		fig_tag(fig_text(f, xt + (room_right ? 1 : -1) * f->font * 0.3,
				 y + b * 0.3, f->font * 0.7,
				 room_right ? FIG_START : FIG_END, th->fg, text),
			"label-t", i, means[i]);
	}
	free(h);
	fig_tag(fig_text(f, (left + right) / 2, rows->bottom + f->font * 2.6,
			 f->font * 0.85, FIG_MIDDLE, th->fg,
			 "reward value v(r_i); line: t_i = E_i[v(r_i)]"),
		"axis-label", -1, NAN);
	return 0;
}

int figure_contract(struct figure *f, const struct figure_contract_input *in)
{
	const struct fig_theme *th = f->theme;
	const struct contract *c = in->contract;
	struct rows rows = { .top = f->font * 3.0,
			     .bottom = f->height - f->font * 4.6,
			     .ntypes = c->ntypes };

	if (c->ntypes < 1)
		return -1;
	rows.band = (rows.bottom - rows.top) / c->ntypes;
	fig_title(f, in->title);
	double mid = f->width * 0.53;
	contributions(f, in, &rows, f->width * 0.14, mid - f->font * 3.5);
	if (rewards(f, in, &rows, mid + f->font * 0.5,
		    f->width - f->font * 1.6) != 0)
		return -1;
	/* The legend under everything. */
	double y = f->height - f->font * 0.7, x = f->width * 0.06;
	x = fig_legend(f, x, y, fig_filled(th->muted), "alone m~_i");
	x = fig_legend(f, x, y, fig_filled(th->series[0]), "contract m_i");
	x = fig_legend(f, x, y, fig_filled(th->series[2]), "incentivised extra");
	struct fig_style cut = fig_stroke(th->series[3], 1.5);
	cut.dash = FIG_DASHED;
	x = fig_legend(f, x, y, cut, "reduction");
	fig_legend(f, x, y, fig_filled(th->series[5]), "P(reward)");
	return f->failed ? -1 : 0;
}

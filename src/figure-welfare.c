/*
 * figure-welfare.c - contract against complete information.
 */
#include "figure-welfare.h"

#include <math.h>
#include <stdio.h>

#include "view-scale.h"

/* One panel: two bars per type on a common axis from 0. */
struct panel {
	double left, right, top, bottom;
	const char *label;   /* under the axis */
	const char *tag;     /* "m" or "t": bars are bar-TAG, bar-TAG-complete */
	double contract[CML_MAX_TYPES], complete[CML_MAX_TYPES];
};

static void panel(struct figure *f, const struct panel *p, int ntypes)
{
	const struct fig_theme *th = f->theme;
	double most = 0.0;
	struct scale_ticks ticks;
	char tag[FIG_TAG_MAX];

	for (int i = 0; i < ntypes; i++)
		most = fmax(most, fmax(p->contract[i], p->complete[i]));
	struct fig_axis x = { 0.0, fig_axis_from_zero(most, 5, &ticks),
			      p->left, p->right };
	snprintf(tag, sizeof(tag), "tick-%s", p->tag);
	fig_axis_x(f, &x, p->bottom, &ticks, p->top, tag);
	double band = (p->bottom - p->top) / ntypes;
	/* Per type two bars: the contract's, then complete information's. */
	static const char *const suffix[2] = { "", "-complete" };
	for (int i = 0; i < ntypes; i++)
		for (int k = 0; k < 2; k++) {
			double v = k == 0 ? p->contract[i] : p->complete[i];
			double y = p->top + (i + 0.12 + 0.4 * k) * band;
			double xv = fig_axis_map(&x, v);
			snprintf(tag, sizeof(tag), "bar-%s%s", p->tag, suffix[k]);
			fig_tag(fig_rect(f, fig_axis_map(&x, 0), y, xv,
					 y + band * 0.36,
					 fig_filled(th->series[k])), tag, i, v);
			snprintf(tag, sizeof(tag), "label-%s%s", p->tag,
				 suffix[k]);
			fig_bar_label(f, xv, y + band * 0.30, 0.62, tag, i, v);
		}
	fig_tag(fig_text(f, (p->left + p->right) / 2,
			 p->bottom + f->font * 2.5, f->font * 0.85, FIG_MIDDLE,
			 th->fg, p->label), "axis-label", -1, NAN);
}

int figure_welfare(struct figure *f, const struct figure_welfare_input *in)
{
	const struct contract *c = in->contract;
	const struct fig_theme *th = f->theme;
	struct panel data, value; /* 1 KB each: the stack takes them */
	char text[160];

	if (!c->has_complete_info || c->ntypes < 1)
		return -1;
	fig_title(f, in->title);
	double top = f->font * 4.2, bottom = f->height - f->font * 4.6;
	snprintf(text, sizeof(text), "E[v(a(S))]: contract %.2f, complete "
		 "information %.2f, information cost %+.2f", c->expected_value,
		 c->complete.expected_value, c->complete.information_cost);
	fig_tag(fig_text(f, f->width / 2, f->font * 2.7, f->font * 0.8,
			 FIG_MIDDLE, th->fg, text), "summary", -1,
		c->complete.information_cost);
	data = (struct panel){ f->width * 0.14, f->width * 0.46, top, bottom,
			       "data contributed: m_i", "m", { 0 }, { 0 } };
	value = (struct panel){ f->width * 0.55, f->width * 0.84, top, bottom,
				"model value received: t_i", "t", { 0 },
				{ 0 } };
	double band = (bottom - top) / c->ntypes;
	for (int i = 0; i < c->ntypes; i++) {
		data.contract[i] = c->type[i].contribution;
		data.complete[i] = c->complete.contribution[i];
		value.contract[i] = c->type[i].reward_value;
		value.complete[i] = c->complete.type_value[i];
		snprintf(text, sizeof(text), "%d: c = %g", i + 1,
			 in->scenario->types[i].cost);
		fig_tag(fig_text(f, data.left - f->font * 0.4,
				 top + (i + 0.55) * band, f->font * 0.75,
				 FIG_END, th->fg, text), "type", i, NAN);
		snprintf(text, sizeof(text), "rent %.2f", c->type[i].rent);
		fig_tag(fig_text(f, f->width - f->font * 0.6,
				 top + (i + 0.55) * band, f->font * 0.7,
				 FIG_END, th->fg, text), "label-rent", i,
			c->type[i].rent);
	}
	panel(f, &data, c->ntypes);
	panel(f, &value, c->ntypes);
	double y = f->height - f->font * 0.7, x = f->width * 0.14;
	x = fig_legend(f, x, y, fig_filled(th->series[0]), "contract "
		       "(private costs)");
	x = fig_legend(f, x, y, fig_filled(th->series[1]), "complete "
		       "information (expected, given n_i >= 1)");
	(void)x;
	return f->failed ? -1 : 0;
}

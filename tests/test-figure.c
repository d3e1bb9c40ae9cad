/*
 * test-figure.c - the figures' display lists against the engine's
 * results: bar ends at m_i and m~_i of the solved contract, t_i markers
 * at t_i, ticks equal to scale_ticks_make's and screening_ticks', the
 * screening points equal screening_build's, sweep cells equal the
 * sweep's points; and the SVG writer's escaping.  No cairo needed.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "contract.h"
#include "figure-contract.h"
#include "figure-screening.h"
#include "figure-svg.h"
#include "figure-sweep.h"
#include "figure-welfare.h"
#include "figure.h"
#include "presets.h"
#include "rewards.h"
#include "screening.h"
#include "sweep-quantity.h"
#include "testutil.h"
#include "view-hist.h"

/* The default page: 25.4 x 14.3 cm in points. */
#define PAGE_W (25.4 / 2.54 * 72)
#define PAGE_H (14.3 / 2.54 * 72)
/* Page coordinates agree to this (points). */
#define EPS 1e-6

struct solved {
	struct scenario sc;
	struct model mdl;
	struct contract c;
	struct reward_distribution dists[CML_MAX_TYPES];
};

static struct solved *solve_preset(const char *name, bool complete)
{
	struct solved *p = calloc(1, sizeof(*p));
	struct cml_error err;
	double tbar[CML_MAX_TYPES];

	assert_non_null(p);
	assert_int_equal(preset_load(preset_find(name), &p->sc, &err), 0);
	test_model(&p->mdl, &p->sc);
	assert_true(test_solve(&p->mdl, complete, &p->c) >= 0);
	for (int i = 0; i < p->c.ntypes; i++)
		tbar[i] = p->c.type[i].tbar;
	for (int i = 0; i < p->c.ntypes; i++)
		assert_int_equal(rewards_distribution(&p->mdl, p->c.solution.m,
						      p->c.solution.t, tbar, i,
						      &p->dists[i]), 0);
	return p;
}

static void free_solved(struct solved *p)
{
	for (int i = 0; i < CML_MAX_TYPES; i++)
		rewards_free(&p->dists[i]);
	model_free(&p->mdl);
	free(p);
}

/* The n-th item with tag (and type, unless -2), or NULL. */
static const struct fig_item *find(const struct figure *f, const char *tag,
				   int type, int n)
{
	for (int k = 0; k < f->count; k++) {
		const struct fig_item *it = &f->items[k];
		if (strcmp(it->tag, tag) == 0 && (type == -2 || it->type == type) &&
		    n-- == 0)
			return it;
	}
	return NULL;
}

static int count(const struct figure *f, const char *tag, int type)
{
	int n = 0;
	while (find(f, tag, type, n) != NULL)
		n++;
	return n;
}

/*
 * The axis the tick labels tagged tag put on the page (x of a value),
 * checking on the way that the labels are exactly want's values with
 * want's decimals.
 */
static struct fig_axis tick_axis(const struct figure *f, const char *tag,
				 const struct scale_ticks *want)
{
	assert_int_equal(count(f, tag, -1), want->count);
	assert_true(want->count >= 2);
	for (int k = 0; k < want->count; k++) {
		const struct fig_item *it = find(f, tag, -1, k);
		char label[32];
		assert_true(it->value == want->value[k]);
		snprintf(label, sizeof(label), "%.*f", want->decimals,
			 want->value[k]);
		assert_string_equal(it->text, label);
	}
	const struct fig_item *a = find(f, tag, -1, 0), *b = find(f, tag, -1, 1);
	double slope = (b->x0 - a->x0) / (b->value - a->value);
	return (struct fig_axis){ 0.0, 1.0, a->x0 - slope * a->value,
				  a->x0 + slope * (1.0 - a->value) };
}

static void contract_figure(const char *preset)
{
	struct solved *p = solve_preset(preset, false);
	struct figure f;
	const struct contract *c = &p->c;
	struct figure_contract_input in = { &p->sc, "t", c, p->dists };

	figure_init(&f, PAGE_W, PAGE_H, fig_theme_find("light"));
	assert_int_equal(figure_contract(&f, &in), 0);

	/* The data axis: round ticks from 0 past the largest bar. */
	double most = 0;
	for (int i = 0; i < c->ntypes; i++)
		most = fmax(most, fmax(c->type[i].contribution,
				       c->type[i].reservation_contribution));
	struct scale_ticks mt, again;
	double end = fig_axis_from_zero(most, 5, &mt);
	scale_ticks_make(0, end, 5, &again);
	assert_int_equal(again.count, mt.count);
	/* The axis ends on its last tick, past every bar. */
	assert_true(mt.value[mt.count - 1] == end && end >= most);
	struct fig_axis x = tick_axis(&f, "tick-m", &mt);

	int alone = 0;
	for (int i = 0; i < c->ntypes; i++) {
		const struct type_result *t = &c->type[i];
		const struct fig_item *bar = find(&f, "bar-m", i, 0);
		assert_non_null(bar);
		assert_float_equal(bar->x1, fig_axis_map(&x, t->contribution), EPS);
		assert_float_equal(bar->x0, fig_axis_map(&x, 0), EPS);
		const struct fig_item *res = find(&f, "bar-reservation", i, 0);
		if (t->trains_alone) {
			alone++;
			assert_non_null(res);
			assert_float_equal(res->x1, fig_axis_map(
				&x, t->reservation_contribution), EPS);
			assert_null(find(&f, "not-alone", i, 0));
		} else {
			assert_null(res);
			assert_non_null(find(&f, "not-alone", i, 0));
		}
		/* Extra and reduction exactly where m_i and m~_i differ. */
		const struct fig_item *extra = find(&f, "bar-extra", i, 0);
		const struct fig_item *cut = find(&f, "bar-reduction", i, 0);
		bool more = t->contribution > t->reservation_contribution;
		assert_true((extra != NULL) == (more && t->trains_alone));
		assert_true((cut != NULL) ==
			    (t->contribution < t->reservation_contribution));
		if (extra != NULL)
			assert_float_equal(extra->x1 - extra->x0,
					   fig_axis_map(&x, t->extra) -
						   fig_axis_map(&x, 0), 1e-4);
	}
	assert_int_equal(count(&f, "bar-reservation", -2), alone);

	/* The value axis and bins: the explorer's binning (view-hist.c). */
	static struct hist_view h;
	double means[CML_MAX_TYPES];
	for (int i = 0; i < c->ntypes; i++)
		means[i] = c->type[i].reward_value;
	assert_int_equal(hist_view_build(p->dists, means, c->ntypes,
					 FIGURE_REWARD_BINS, 8, &h), 0);
	struct scale_ticks tt;
	scale_ticks_make(h.lo, h.hi, 5, &tt);
	struct fig_axis tx = tick_axis(&f, "tick-t", &tt);
	for (int i = 0; i < c->ntypes; i++) {
		const struct fig_item *mark = find(&f, "mark-t", i, 0);
		assert_non_null(mark);
		assert_true(mark->value == c->type[i].reward_value);
		assert_float_equal(mark->x0, fig_axis_map(&tx, means[i]), EPS);
		/* The bins hold the whole distribution. */
		double sum = 0;
		for (int n = 0; find(&f, "bin", i, n) != NULL; n++)
			sum += find(&f, "bin", i, n)->value;
		assert_float_equal(sum, 1.0, 1e-9);
		char label[32];
		snprintf(label, sizeof(label), "t_%d = %.2f", i + 1, means[i]);
		assert_string_equal(find(&f, "label-t", i, 0)->text, label);
	}
	figure_free(&f);
	free_solved(p);
}

static void test_contract_scenario1(void **state)
{
	(void)state;
	contract_figure("scenario1");
}

/* Scenario 3: types that would not train alone. */
static void test_contract_scenario3(void **state)
{
	(void)state;
	contract_figure("scenario3");
}

static void test_screening(void **state)
{
	struct solved *p = solve_preset("scenario1", false);
	static struct screening s;
	struct figure f;
	struct scale_ticks mt, tt;

	(void)state;
	assert_int_equal(screening_build(&p->mdl, &p->c, &s), 0);
	figure_init(&f, PAGE_W, PAGE_H, fig_theme_find("dark"));
	assert_int_equal(figure_screening(&f, &s, &s.all, "t"), 0);
	screening_ticks(&s.all, 6, 5, &mt, &tt);
	struct fig_axis x = tick_axis(&f, "tick-m", &mt);
	/* The value axis is vertical: read its ticks' y. */
	assert_int_equal(count(&f, "tick-t", -1), tt.count);
	const struct fig_item *a = find(&f, "tick-t", -1, 0),
			      *b = find(&f, "tick-t", -1, 1);
	double slope = (b->y0 - a->y0) / (b->value - a->value);
	for (int k = 0; k < tt.count; k++)
		assert_true(find(&f, "tick-t", -1, k)->value == tt.value[k]);

	assert_int_equal(count(&f, "option", -2), s.noptions);
	for (int k = 0; k < s.noptions; k++) {
		const struct screening_option *o = &s.option[k];
		const struct fig_item *it = find(&f, "option", o->first, 0);
		assert_non_null(it);
		assert_true(it->value == o->m && it->value2 == o->t);
		assert_float_equal(it->x0, fig_axis_map(&x, o->m), EPS);
		/* (A label's baseline sits 0.28 em below its tick.) */
		assert_float_equal(it->y0, a->y0 - f.font * 0.28 +
				   slope * (o->t - a->value), 1e-4);
		assert_string_equal(find(&f, "label-option", o->first, 0)->text,
				    o->label);
	}
	for (int i = 0; i < s.ntypes; i++) {
		const struct fig_item *it = find(&f, "reservation-point", i, 0);
		assert_true((it != NULL) == s.has_reservation_point[i]);
		if (it != NULL)
			assert_true(it->value == s.reservation_m[i] &&
				    it->value2 == s.reservation_t[i]);
		/* Each line carries its own intercept and slope. */
		it = find(&f, "indifference-line", i, 0);
		assert_non_null(it);
		assert_true(it->value == s.indifference[i].intercept &&
			    it->value2 == s.indifference[i].slope);
	}
	assert_true(find(&f, "ceiling", -1, 0)->value == s.ceiling);
	figure_free(&f);
	free_solved(p);
}

static void test_welfare(void **state)
{
	struct solved *p = solve_preset("twotype", true);
	struct figure f;
	struct figure_welfare_input in = { &p->sc, "t", &p->c };

	(void)state;
	figure_init(&f, PAGE_W, PAGE_H, fig_theme_find("print"));
	assert_int_equal(figure_welfare(&f, &in), 0);
	for (int i = 0; i < p->c.ntypes; i++) {
		assert_true(find(&f, "bar-m", i, 0)->value ==
			    p->c.type[i].contribution);
		assert_true(find(&f, "bar-m-complete", i, 0)->value ==
			    p->c.complete.contribution[i]);
		assert_true(find(&f, "bar-t-complete", i, 0)->value ==
			    p->c.complete.type_value[i]);
		assert_true(find(&f, "label-rent", i, 0)->value ==
			    p->c.type[i].rent);
	}
	figure_free(&f);
	/* Without the benchmark there is no welfare figure. */
	p->c.has_complete_info = false;
	figure_init(&f, PAGE_W, PAGE_H, fig_theme_find("light"));
	assert_int_equal(figure_welfare(&f, &in), -1);
	figure_free(&f);
	free_solved(p);
}

static void test_quantities(void **state)
{
	struct sweep_quantity q[8];
	struct cml_error err;
	char name[32];

	(void)state;
	assert_int_equal(sweep_quantity_parse_list("m.1,t.2,info_cost,rent.2,"
						   "pooling", 2, q, 8, &err), 5);
	assert_int_equal(q[0].kind, SQ_M);
	assert_int_equal(q[0].type, 0);
	assert_int_equal(q[1].kind, SQ_T);
	assert_int_equal(q[1].type, 1);
	assert_int_equal(q[2].kind, SQ_INFO_COST);
	assert_int_equal(q[3].kind, SQ_RENT);
	assert_int_equal(q[4].kind, SQ_POOLING);
	/* The sweep CSV's own column names work too. */
	assert_int_equal(sweep_quantity_parse_list("information_cost,status,"
						   "expected_model_value,u.1",
						   2, q, 8, &err), 4);
	sweep_quantity_name(&q[3], name, sizeof(name));
	assert_string_equal(name, "u.1");
	const char *bad[] = { "m.3", "m.0", "m.", "m.1x", "", "m.1,", "rent",
			      "pooling,nope" };
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		assert_int_equal(sweep_quantity_parse_list(bad[k], 2, q, 8, &err),
				 -1);
	assert_int_equal(sweep_quantity_parse_list("m.1,m.1,m.1", 2, q, 2, &err),
			 -1);
}

static void test_sweep(void **state)
{
	struct scenario sc;
	struct cml_error err;
	struct sweep_axis x, y;
	struct sweep_quantity q[3];
	struct figure f;

	(void)state;
	assert_int_equal(preset_load(preset_find("twotype"), &sc, &err), 0);
	assert_int_equal(sweep_axis_parse("p.1=0.2:0.8:3", &sc, &x, &err), 0);
	assert_int_equal(sweep_axis_parse("N=2:4:2", &sc, &y, &err), 0);
	struct sweep *s = sweep_create(&sc, &x, &y, true, &err);
	assert_non_null(s);
	assert_int_equal(sweep_run(s, 1, NULL, NULL), 0);
	assert_int_equal(sweep_quantity_parse_list("m.2,info_cost,pooling", 2,
						   q, 3, &err), 3);
	struct figure_sweep_input in = { &sc, "t", s, q, 3 };
	figure_init(&f, PAGE_W, PAGE_H, fig_theme_find("light"));
	assert_int_equal(figure_sweep(&f, &in), 0);
	assert_int_equal(count(&f, "cell", -2), 3 * 6);
	assert_int_equal(count(&f, "panel-title", -2), 3);
	/* Cells in row-major order, panel by panel, each the point's value. */
	int n = 0;
	for (int k = 0; k < 3; k++)
		for (int iy = 0; iy < 2; iy++)
			for (int ix = 0; ix < 3; ix++) {
				const struct fig_item *it = find(&f, "cell", -2,
								 n++);
				double v = sweep_quantity_value(sweep_at(s, ix, iy),
								&q[k]);
				assert_false(isnan(v));
				assert_true(it->value == v);
			}
	/* The x ticks are scale_ticks_make's over the axis values. */
	struct scale_ticks xt;
	scale_ticks_make(0.2, 0.8, 5, &xt);
	assert_int_equal(count(&f, "tick-x", -1), 3 * xt.count);
	for (int k = 0; k < xt.count; k++)
		assert_true(find(&f, "tick-x", -1, k)->value == xt.value[k]);
	figure_free(&f);
	sweep_free(s);
	/* The diverging ramp: white at 0, the two ends blue and vermillion. */
	struct fig_rgb mid = figure_sweep_diverging(0, 1),
		       neg = figure_sweep_diverging(-1, 1),
		       pos = figure_sweep_diverging(5, 1);
	assert_true(mid.r > 0.9 && mid.g > 0.9 && mid.b > 0.9);
	assert_true(neg.b > neg.r && pos.r > pos.b);
}

static void test_svg_text(void **state)
{
	struct figure f;
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	assert_null(fig_theme_find("neon"));
	figure_init(&f, 100, 50, fig_theme_find("light"));
	fig_tag(fig_text(&f, 10, 20, 12, FIG_END, f.theme->fg,
			 "a<b & \"c\"\x01 m~_i"), "x<y", 2, 0.5);
	fig_rect(&f, 5, 6, 1, 2, fig_filled(f.theme->series[0]));
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(figure_svg_write(&f, out), 0);
	fclose(out);
	assert_non_null(strstr(buf, ">a&lt;b &amp; &quot;c&quot; m~_i</text>"));
	assert_non_null(strstr(buf, "text-anchor=\"end\""));
	assert_non_null(strstr(buf, "class=\"x&lt;y\" data-type=\"3\" "
				    "data-value=\"0.5\""));
	/* Rectangles are normalised: corner and a positive size. */
	assert_non_null(strstr(buf, "<rect x=\"1.000\" y=\"2.000\" "
				    "width=\"4.000\" height=\"4.000\""));
	assert_non_null(strstr(buf, "viewBox=\"0 0 100.000 50.000\""));
	free(buf);
	figure_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_scenario1),
		cmocka_unit_test(test_contract_scenario3),
		cmocka_unit_test(test_screening),
		cmocka_unit_test(test_welfare),
		cmocka_unit_test(test_quantities),
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_svg_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

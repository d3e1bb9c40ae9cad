/*
 * test-view.c - the explorer's logic without a terminal: layout choice
 * per size, histogram binning to character cells, the map's diverging
 * scale, and the scenario edits behind every key.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scenario-edit.h"
#include "testutil.h"
#include "view-hist.h"
#include "view-layout.h"
#include "view-scale.h"

static bool overlap(struct rect a, struct rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
	       b.y < a.y + a.h;
}

static void check_layout(int w, int h, int ntypes, enum pane_kind view,
			 bool chosen, struct layout *out)
{
	struct layout_request req = {
		.width = w, .height = h, .ntypes = ntypes, .view = view,
		.view_chosen = chosen, .compact_pane = PANE_CONTRACT,
	};

	layout_compute(&req, out);
	for (int k = 0; k < PANE_COUNT; k++) {
		if (!out->visible[k])
			continue;
		struct rect r = out->pane[k];
		assert_true(r.x >= 0 && r.y >= 1 && r.w > 0 && r.h > 0);
		assert_true(r.x + r.w <= w);
		assert_true(r.y + r.h <= h - 2); /* message and key bar below */
		for (int j = 0; j < k; j++)
			if (out->visible[j])
				assert_false(overlap(r, out->pane[j]));
	}
}

static void test_layout_per_size(void **state)
{
	(void)state;
	struct layout l;

	assert_int_equal(layout_mode_for(160, 48, 5), LAYOUT_FULL);
	assert_int_equal(layout_mode_for(80, 24, 5), LAYOUT_MEDIUM);
	assert_int_equal(layout_mode_for(79, 24, 5), LAYOUT_COMPACT);
	assert_int_equal(layout_mode_for(80, 23, 5), LAYOUT_COMPACT);
	assert_int_equal(layout_mode_for(40, 12, 5), LAYOUT_COMPACT);
	assert_int_equal(layout_mode_for(39, 12, 5), LAYOUT_TOO_SMALL);
	assert_int_equal(layout_mode_for(40, 11, 5), LAYOUT_TOO_SMALL);
	/* Twelve types need more height for the full layout. */
	assert_int_equal(layout_mode_for(160, 30, 12), LAYOUT_MEDIUM);

	/* Full: everything side by side, the view beside the status. */
	check_layout(160, 48, 5, PANE_REWARDS, false, &l);
	assert_true(l.visible[PANE_TYPES] && l.visible[PANE_CONTRACT] &&
		    l.visible[PANE_STATUS] && l.visible[PANE_REWARDS] &&
		    l.visible[PANE_NOTES]);
	assert_int_equal(l.pane[PANE_TYPES].y, l.pane[PANE_CONTRACT].y);
	assert_int_equal(l.pane[PANE_STATUS].y, l.pane[PANE_REWARDS].y);
	/* 80x24: types, status, and the whole contract table below. */
	check_layout(80, 24, 5, PANE_REWARDS, false, &l);
	assert_int_equal(l.mode, LAYOUT_MEDIUM);
	assert_true(l.visible[PANE_TYPES] && l.visible[PANE_STATUS] &&
		    l.visible[PANE_CONTRACT]);
	assert_false(l.visible[PANE_REWARDS]);
	assert_true(l.pane[PANE_CONTRACT].h >= 2 + 1 + 5);
	/* Choosing a view at 80x24 puts it in the lone bottom slot. */
	check_layout(80, 24, 5, PANE_WELFARE, true, &l);
	assert_true(l.visible[PANE_WELFARE]);
	assert_false(l.visible[PANE_CONTRACT]);
	/* Taller: contract and view stacked. */
	check_layout(100, 40, 5, PANE_REWARDS, false, &l);
	assert_true(l.visible[PANE_CONTRACT] && l.visible[PANE_REWARDS]);
	/* Compact: one pane and a tab bar. */
	check_layout(60, 20, 5, PANE_REWARDS, false, &l);
	assert_int_equal(l.mode, LAYOUT_COMPACT);
	assert_int_equal(l.tabs.h, 1);
	int shown = 0;
	for (int k = 0; k < PANE_COUNT; k++)
		shown += l.visible[k];
	assert_int_equal(shown, 1);
	assert_true(l.visible[PANE_CONTRACT]);
	/*
	 * The compact tab bar names every pane, the current one whole: at
	 * least one letter each (the first letters tell them apart), two
	 * from 44 columns (nine tabs of two letters and the longest whole).
	 */
	for (int w = 40; w < 80; w++)
		for (int cur = 0; cur < PANE_COUNT; cur++) {
			int letters = layout_tab_letters(w, cur);
			assert_true(letters >= (w >= 44 ? 2 : 1));
			int used = 0;
			for (int k = 0; k < PANE_COUNT; k++) {
				int len = (int)strlen(layout_tab_name(k));
				/* " Na" for the others, " [Name]" for the current. */
				used += k == cur ? len + 3 :
					(len < letters ? len : letters) + 1;
				for (int j = 0; j < k; j++)
					assert_true(strncmp(layout_tab_name(j),
							    layout_tab_name(k),
							    (size_t)letters) != 0);
			}
			assert_true(used <= w);
		}
	/* Zoomed: one pane takes everything between header and messages. */
	check_layout(80, 24, 5, PANE_REWARDS, false, &l);
	layout_zoom(&l, PANE_STATUS);
	for (int k = 0; k < PANE_COUNT; k++)
		assert_int_equal(l.visible[k], k == PANE_STATUS);
	assert_int_equal(l.pane[PANE_STATUS].y, 1);
	assert_int_equal(l.pane[PANE_STATUS].h, 24 - 3);
	assert_int_equal(l.pane[PANE_STATUS].w, 80);
	check_layout(60, 20, 5, PANE_REWARDS, false, &l);
	layout_zoom(&l, PANE_CONTRACT);
	assert_int_equal(l.tabs.h, 0);
	assert_int_equal(l.pane[PANE_CONTRACT].h, 20 - 3);
	check_layout(30, 10, 5, PANE_REWARDS, false, &l);
	layout_zoom(&l, PANE_TYPES); /* too small: nothing to zoom */
	assert_false(l.visible[PANE_TYPES]);
	/* Every size from tiny to huge yields a consistent layout. */
	for (int w = 20; w <= 250; w += 7)
		for (int h = 6; h <= 80; h += 3)
			for (int n = 1; n <= 12; n += 5)
				check_layout(w, h, n, PANE_CONTRIB, n % 2, &l);
}

/* A distribution from (value, probability) pairs. */
static void make_dist(struct reward_distribution *d, struct reward_atom *atoms,
		      size_t n)
{
	d->count = n;
	d->atoms = atoms;
	d->mean_value = 0.0;
	for (size_t i = 0; i < n; i++)
		d->mean_value += atoms[i].value * atoms[i].prob;
	assert_int_equal(rewards_index(d), 0);
}

/* Frees what make_dist() indexed (the atoms are the test's own). */
static void unmake_dist(struct reward_distribution *d)
{
	free(d->cum_prob);
	free(d->cum_mass);
	memset(d, 0, sizeof(*d));
}

static void test_histogram_cells(void **state)
{
	(void)state;
	struct reward_atom a[] = { { 52.0, 0.5 }, { 55.0, 0.25 }, { 58.0, 0.25 } };
	struct reward_atom b[] = { { 90.0, 0.1 }, { 95.0, 0.9 } };
	struct reward_distribution d[2] = { { 0 }, { 0 } };
	static struct hist_view h;
	double means[2];

	make_dist(&d[0], a, 3);
	make_dist(&d[1], b, 2);
	means[0] = d[0].mean_value;
	means[1] = d[1].mean_value;
	assert_int_equal(hist_view_build(d, means, 2, 20, 10, &h), 0);
	/* The common axis covers both supports, with round ends. */
	assert_true(h.lo <= 52.0 && h.hi >= 95.0);
	assert_true(fmod(h.lo, 5.0) == 0.0 && fmod(h.hi, 5.0) == 0.0);
	/* Each type's largest bin fills its column (10 cells = 80 eighths). */
	int top0 = 0, top1 = 0;
	double total0 = 0.0;
	for (int r = 0; r < 20; r++) {
		top0 = h.eighths[0][r] > top0 ? h.eighths[0][r] : top0;
		top1 = h.eighths[1][r] > top1 ? h.eighths[1][r] : top1;
		total0 += h.weight[0][r];
	}
	assert_int_equal(top0, 80);
	assert_int_equal(top1, 80);
	assert_true(fabs(total0 - 1.0) < 1e-12);
	/* Bars in proportion: 0.25 is half of 0.5, 0.1 a ninth of 0.9. */
	assert_int_equal(h.eighths[0][hist_view_row(&h, 55.0)], 40);
	assert_int_equal(h.eighths[1][hist_view_row(&h, 90.0)], 9);
	/* Higher values on higher rows; the mean's row is marked. */
	assert_true(hist_view_row(&h, 95.0) < hist_view_row(&h, 52.0));
	assert_int_equal(h.mark_row[0], hist_view_row(&h, 54.25));
	assert_int_equal(h.mark_row[1], hist_view_row(&h, 94.5));
	/* Ticks are round, inside the axis, on distinct rows, top first. */
	assert_true(h.nticks >= 2);
	for (int t = 0; t < h.nticks; t++) {
		assert_true(h.tick_value[t] >= h.lo && h.tick_value[t] <= h.hi);
		if (t > 0)
			assert_true(h.tick_row[t] < h.tick_row[t - 1]);
	}
	/* A single row: everything in it. */
	assert_int_equal(hist_view_build(d, means, 2, 1, 4, &h), 0);
	assert_int_equal(h.eighths[0][0], 32);
	assert_int_equal(hist_view_build(d, means, 2, 0, 4, &h), -1);
	/* One value, or values equal up to rounding: a sensible window. */
	struct reward_atom same[] = { { 69.053252849079939, 1.0 } };
	struct reward_atom close[] = { { 69.053252849079939, 0.5 },
				       { 69.053252849079953, 0.5 } };
	for (int pass = 0; pass < 2; pass++) {
		make_dist(&d[0], pass ? close : same, pass ? 2 : 1);
		means[0] = 69.05325284907994;
		assert_int_equal(hist_view_build(d, means, 1, 29, 20, &h), 0);
		assert_true(h.lo < 69.0533 && h.hi > 69.0532);
		assert_true(h.hi - h.lo > 0.1 && h.hi - h.lo < 10.0);
		assert_true(h.nticks >= 2 && h.nticks <= HIST_MAX_TICKS);
	}
	/* All zero (nobody receives a model) is drawable too. */
	struct reward_atom zero[] = { { 0.0, 1.0 } };
	make_dist(&d[0], zero, 1);
	means[0] = 0.0;
	assert_int_equal(hist_view_build(d, means, 1, 10, 5, &h), 0);
	assert_true(h.hi > h.lo);
	/* A tiny mass still shows a sliver. */
	struct reward_atom c[] = { { 10.0, 1e-9 }, { 20.0, 1.0 - 1e-9 } };
	make_dist(&d[0], c, 2);
	assert_int_equal(hist_view_build(d, means, 1, 10, 5, &h), 0);
	assert_int_equal(h.eighths[0][hist_view_row(&h, 10.0)], 1);
	unmake_dist(&d[0]);
	unmake_dist(&d[1]);
}

/*
 * The information cost's scale diverges around 0: symmetric, 0 in the
 * middle, and each sign with its own glyphs, so a positive cost never
 * looks like a small negative one (in colour or without).
 */
static void test_diverging_scale(void **state)
{
	(void)state;
	struct scale_diverging s;
	char neg[32], pos[32];

	/* The two-type example: -3.125 to +28.5 (issue 7). */
	scale_diverging_make(-3.125, 28.5, &s);
	assert_true(s.half == 28.5);
	assert_int_equal(scale_diverging_level(&s, 28.5), SCALE_LEVELS);
	assert_int_equal(scale_diverging_level(&s, -28.5), -SCALE_LEVELS);
	assert_int_equal(scale_diverging_level(&s, 5.24), 1);
	assert_int_equal(scale_diverging_level(&s, -3.125), -1);
	assert_int_equal(scale_diverging_level(&s, 15.0), 2);
	assert_int_equal(scale_diverging_level(&s, -15.0), -2);
	assert_int_equal(scale_diverging_level(&s, 0.0), 0);
	assert_int_equal(scale_diverging_level(&s, 1e-12), 0); /* rounding */
	assert_int_equal(scale_diverging_level(&s, NAN), 0);
	/* Equal magnitudes, opposite levels, at every level. */
	for (double v = 0.01; v <= 28.5; v += 0.37)
		assert_int_equal(scale_diverging_level(&s, v),
				 -scale_diverging_level(&s, -v));
	scale_diverging_labels(&s, 4, neg, pos, sizeof(neg));
	assert_string_equal(neg, "-28.50");
	assert_string_equal(pos, "+28.50");

	/* Glyphs: one per level, 0 in the middle, no glyph on both sides. */
	char ramp[2 * SCALE_LEVELS + 2] = "";
	for (int k = -SCALE_LEVELS; k <= SCALE_LEVELS; k++)
		ramp[k + SCALE_LEVELS] = scale_diverging_glyph(k);
	assert_string_equal(ramp, "#=-0+*@");
	assert_int_equal(scale_diverging_glyph(-9), '#');
	assert_int_equal(scale_diverging_glyph(9), '@');

	/* All negative (Figure 2): the positive side stays unused. */
	scale_diverging_make(-1.624, -0.01, &s);
	assert_true(s.half == 1.624);
	assert_int_equal(scale_diverging_level(&s, -1.624), -SCALE_LEVELS);
	assert_true(scale_diverging_level(&s, -0.01) == -1);
	/* All positive. */
	scale_diverging_make(0.5, 5.24, &s);
	assert_int_equal(scale_diverging_level(&s, 5.24), SCALE_LEVELS);
	assert_int_equal(scale_diverging_level(&s, 0.5), 1);

	/* Nothing yet (lo > hi), or only rounding: everything is 0. */
	scale_diverging_make(INFINITY, -INFINITY, &s);
	assert_int_equal(scale_diverging_level(&s, 3.0), 0);
	scale_diverging_labels(&s, 4, neg, pos, sizeof(neg));
	assert_string_equal(neg, "0");
	assert_string_equal(pos, "0");
	scale_diverging_make(-1e-12, 1e-12, &s);
	assert_int_equal(scale_diverging_level(&s, 1e-12), 0);
	assert_int_equal(scale_diverging_level(&s, -1e-12), 0);
}

static void scenario3(struct scenario *sc)
{
	double cost[5] = { 0.5, 0.4, 0.03, 0.02, 0.001 };
	double prob[5] = { 0.2, 0.2, 0.2, 0.2, 0.2 };

	test_scenario(sc, 10, 5, cost, prob);
}

static void test_edits(void **state)
{
	(void)state;
	struct scenario sc, out;
	char why[256];
	int moved;
	struct edit_target prob2 = { EDIT_PROB, 1 }, cost1 = { EDIT_COST, 0 };

	scenario3(&sc);
	/* A probability edit rescales the others in proportion. */
	assert_int_equal(edit_set(&sc, prob2, 0.6, &out, &moved, why,
				  sizeof(why)), 0);
	double sum = 0.0;
	for (int i = 0; i < 5; i++)
		sum += out.types[i].prob;
	assert_true(fabs(sum - 1.0) < 1e-12);
	assert_true(out.types[1].prob == 0.6);
	assert_true(fabs(out.types[0].prob - 0.1) < 1e-15);
	/* 1 would leave nothing for the others. */
	assert_int_equal(edit_set(&sc, prob2, 1.0, &out, NULL, why,
				  sizeof(why)), -1);
	assert_non_null(strstr(why, "prob must be in [1e-9, 1)"));
	/* A cost that reorders the types moves the type with it. */
	assert_int_equal(edit_set(&sc, cost1, 0.01, &out, &moved, why,
				  sizeof(why)), 0);
	assert_int_equal(moved, 3);
	assert_string_equal(out.types[3].name, "Type 1");
	assert_true(out.types[3].cost == 0.01);
	/* Two types with one cost are refused, and so is nonsense. */
	assert_int_equal(edit_set(&sc, cost1, 0.4, &out, NULL, why,
				  sizeof(why)), -1);
	assert_non_null(strstr(why, "costs must differ"));
	assert_int_equal(edit_set_text(&sc, cost1, "abc", &out, NULL, why,
				       sizeof(why)), -1);
	assert_int_equal(edit_set_text(&sc, cost1, "-0.1", &out, NULL, why,
				       sizeof(why)), -1);
	assert_int_equal(edit_set_text(&sc, cost1, "nan", &out, NULL, why,
				       sizeof(why)), -1);
	assert_int_equal(edit_set_text(&sc, cost1, " 0.45 ", &out, NULL, why,
				       sizeof(why)), 0);
	assert_true(out.types[0].cost == 0.45);
	/* N: whole numbers, within range and the outcome limit. */
	struct edit_target n = { EDIT_PARTICIPANTS, 0 };
	assert_int_equal(edit_set(&sc, n, 10.5, &out, NULL, why, sizeof(why)), -1);
	assert_int_equal(edit_set(&sc, n, 0, &out, NULL, why, sizeof(why)), -1);
	assert_int_equal(edit_set(&sc, n, 100001, &out, NULL, why, sizeof(why)),
			 -1);
	assert_string_equal(why, "participants must be a whole number in "
				 "[1, 100000]");
	/* The outcome limit binds exact enumeration; auto goes past it. */
	assert_int_equal(edit_set(&sc, n, 5000, &out, NULL, why, sizeof(why)), 0);
	assert_int_equal(out.participants, 5000);
	struct scenario exact = sc;
	exact.method = METHOD_EXACT;
	assert_int_equal(edit_set(&exact, n, 5000, &out, NULL, why, sizeof(why)),
			 -1);
	assert_non_null(strstr(why, "outcomes"));
	/* Nudges: 1% and 10% for reals, one and 10% for N. */
	assert_int_equal(edit_nudge(&sc, cost1, 1, &out, NULL, why,
				    sizeof(why)), 0);
	assert_true(fabs(out.types[0].cost - 0.505) < 1e-15);
	assert_int_equal(edit_nudge(&sc, cost1, -10, &out, NULL, why,
				    sizeof(why)), 0);
	assert_true(out.types[0].cost == 0.454545); /* 0.5 / 1.1 */
	assert_int_equal(edit_nudge(&sc, n, -1, &out, NULL, why, sizeof(why)), 0);
	assert_int_equal(out.participants, 9);
	sc.participants = 40;
	sc.ntypes = 2;
	sc.types[1].prob = 0.8;
	assert_int_equal(edit_nudge(&sc, n, 10, &out, NULL, why, sizeof(why)), 0);
	assert_int_equal(out.participants, 44);
	/* Accuracy parameters keep the threshold in step. */
	scenario3(&sc);
	struct edit_target k = { EDIT_ACCURACY, 1 };
	assert_int_equal(edit_set(&sc, k, 4.0, &out, NULL, why, sizeof(why)), 0);
	assert_true(out.accuracy.zero_below > sc.accuracy.zero_below);
	assert_int_equal(edit_set(&sc, k, 500.0, &out, NULL, why,
				  sizeof(why)), -1);
}

/* Every field of a and b that an edit can change, compared exactly. */
static void assert_same_scenario(const struct scenario *a,
				 const struct scenario *b, int prob_type,
				 const char *what)
{
	bool same = a->participants == b->participants && a->ntypes == b->ntypes;

	for (int k = 0; k < ACCURACY_MAX_PARAMS; k++)
		same = same && a->accuracy.param[k] == b->accuracy.param[k];
	for (int k = 0; k < VALUATION_MAX_PARAMS; k++)
		same = same && a->valuation.param[k] == b->valuation.param[k];
	/*
	 * The nudged value comes back exactly; the other probabilities,
	 * rescaled twice, to within rounding.
	 */
	for (int i = 0; i < a->ntypes && same; i++)
		same = a->types[i].cost == b->types[i].cost &&
		       (i == prob_type ? a->types[i].prob == b->types[i].prob :
			fabs(a->types[i].prob - b->types[i].prob) < 1e-15) &&
		       strcmp(a->types[i].name, b->types[i].name) == 0;
	if (!same)
		fail_msg("%s does not give the scenario back", what);
}

/* A probability of 1 and of 1.5 (or 0) are refused in the same words. */
static void test_prob_message_one_wording(void **state)
{
	(void)state;
	struct scenario sc, out;
	struct edit_target p = { EDIT_PROB, 0 };
	char one[256], more[256], zero[256];

	scenario3(&sc);
	assert_int_equal(edit_set(&sc, p, 1.0, &out, NULL, one, sizeof(one)), -1);
	assert_int_equal(edit_set(&sc, p, 1.5, &out, NULL, more, sizeof(more)),
			 -1);
	assert_int_equal(edit_set(&sc, p, 0.0, &out, NULL, zero, sizeof(zero)),
			 -1);
	assert_string_equal(one, more);
	assert_string_equal(one, zero);
	assert_non_null(strstr(one, "prob must be in [1e-9, 1)"));
}

/* A nudge and its opposite undo each other exactly, for every target. */
static void test_nudges_undo_each_other(void **state)
{
	(void)state;
	struct scenario base[3], mid, back;
	double cost2[2] = { 0.02, 0.01 }, prob2[2] = { 0.5, 0.5 };
	double cost3[3] = { 0.7, 0.0005, 0.000308 };
	double prob3[3] = { 0.25, 0.4, 0.35 };
	int steps[4] = { 1, -1, 10, -10 };
	char why[256], what[96];

	scenario3(&base[0]);
	test_scenario(&base[1], 40, 2, cost2, prob2);
	test_scenario(&base[2], 7, 3, cost3, prob3);
	for (int b = 0; b < 3; b++) {
		const struct scenario *sc = &base[b];
		struct edit_target t[3 + 2 * CML_MAX_TYPES];
		int nt = 0;
		t[nt++] = (struct edit_target){ EDIT_PARTICIPANTS, 0 };
		t[nt++] = (struct edit_target){ EDIT_ACCURACY, 0 };
		t[nt++] = (struct edit_target){ EDIT_VALUATION, 0 };
		for (int i = 0; i < sc->ntypes; i++) {
			t[nt++] = (struct edit_target){ EDIT_COST, i };
			t[nt++] = (struct edit_target){ EDIT_PROB, i };
		}
		for (int k = 0; k < nt; k++)
			for (int s = 0; s < 4; s++) {
				int moved;
				snprintf(what, sizeof(what), "scenario %d, "
					 "field %d of %d, %+d then %+d", b,
					 t[k].field, t[k].index, steps[s],
					 -steps[s]);
				if (edit_nudge(sc, t[k], steps[s], &mid, &moved,
					       why, sizeof(why)) != 0)
					continue; /* refused: nothing to undo */
				struct edit_target again = t[k];
				again.index = t[k].field == EDIT_COST ||
						      t[k].field == EDIT_PROB ?
						      moved : t[k].index;
				assert_int_equal(edit_nudge(&mid, again,
							    -steps[s], &back,
							    NULL, why,
							    sizeof(why)), 0);
				assert_same_scenario(
					sc, &back, t[k].field == EDIT_PROB ?
							   t[k].index : -1, what);
			}
	}
	/* The case from the report: 0.02 up 1% and down again. */
	struct edit_target c = { EDIT_COST, 0 };
	assert_int_equal(edit_nudge(&base[1], c, 1, &mid, NULL, why,
				    sizeof(why)), 0);
	assert_true(mid.types[0].cost == 0.0202);
	assert_int_equal(edit_nudge(&mid, c, -1, &back, NULL, why,
				    sizeof(why)), 0);
	assert_true(back.types[0].cost == 0.02);
}

static void test_add_delete_rename(void **state)
{
	(void)state;
	struct scenario sc, out, back;
	char why[256];
	int added;

	scenario3(&sc);
	assert_int_equal(edit_add_type(&sc, 1, &out, &added, why, sizeof(why)), 0);
	assert_int_equal(added, 2);
	assert_int_equal(out.ntypes, 6);
	assert_true(out.types[2].cost < out.types[1].cost &&
		    out.types[2].cost > out.types[3].cost);
	assert_string_equal(out.types[2].name, "Type 6");
	/* A fresh name even when the others are not "Type N". */
	struct scenario named = sc, two;
	named.ntypes = 2;
	named.types[0].prob = named.types[1].prob = 0.5;
	snprintf(named.types[0].name, sizeof(named.types[0].name), "High cost");
	snprintf(named.types[1].name, sizeof(named.types[1].name), "Type 3");
	assert_int_equal(edit_add_type(&named, 1, &two, NULL, why,
				       sizeof(why)), 0);
	assert_string_equal(two.types[2].name, "Type 4");
	snprintf(named.types[1].name, sizeof(named.types[1].name), "Low cost");
	assert_int_equal(edit_add_type(&named, 0, &two, NULL, why,
				       sizeof(why)), 0);
	assert_string_equal(two.types[1].name, "Type 3");
	assert_true(fabs(out.types[2].prob - 1.0 / 6) < 1e-15);
	double sum = 0.0;
	for (int i = 0; i < out.ntypes; i++)
		sum += out.types[i].prob;
	assert_true(fabs(sum - 1.0) < 1e-12);
	/* Deleting it gives the original probabilities back. */
	assert_int_equal(edit_delete_type(&out, 2, &back, why, sizeof(why)), 0);
	for (int i = 0; i < 5; i++)
		assert_true(fabs(back.types[i].prob - 0.2) < 1e-15);
	/* At the end: half the cheapest cost. */
	assert_int_equal(edit_add_type(&sc, 4, &out, &added, why, sizeof(why)), 0);
	assert_int_equal(added, 5);
	assert_true(out.types[5].cost == 0.0005);
	/* Limits. */
	struct scenario one = sc;
	one.ntypes = 1;
	one.types[0].prob = 1.0;
	assert_int_equal(edit_delete_type(&one, 0, &out, why, sizeof(why)), -1);
	/*
	 * Up to the most types, each added in the widest cost gap (halving
	 * the cheapest 59 times would leave the cost range), then no more.
	 */
	struct scenario full = sc;
	while (full.ntypes < CML_MAX_TYPES) {
		int widest = 0;
		for (int k = 1; k + 1 < full.ntypes; k++)
			if (full.types[k].cost / full.types[k + 1].cost >
			    full.types[widest].cost / full.types[widest + 1].cost)
				widest = k;
		if (edit_add_type(&full, widest, &out, NULL, why, sizeof(why)) != 0)
			fail_msg("type %d refused: %s", full.ntypes + 1, why);
		full = out;
	}
	assert_int_equal(full.ntypes, 64);
	struct scenario_problem problem;
	assert_int_equal(scenario_validate(&full, &problem), 0);
	assert_int_equal(edit_add_type(&full, 0, &out, NULL, why, sizeof(why)), -1);
	assert_string_equal(why, "at most 64 types");
	/* Deleting one of 64 works; so does adding it back. */
	assert_int_equal(edit_delete_type(&full, 63, &back, why, sizeof(why)), 0);
	assert_int_equal(back.ntypes, 63);
	assert_int_equal(edit_add_type(&back, 62, &out, NULL, why, sizeof(why)),
			 0);
	assert_int_equal(out.ntypes, 64);
	/* Names. */
	assert_int_equal(edit_rename(&sc, 0, "Hospital A", &out, why,
				     sizeof(why)), 0);
	assert_string_equal(out.types[0].name, "Hospital A");
	assert_int_equal(edit_rename(&sc, 0, "", &out, why, sizeof(why)), -1);
	assert_int_equal(edit_rename(&sc, 0, "bad\tname", &out, why,
				     sizeof(why)), -1);

	/* Stored sweep axes that name a type go when types renumber. */
	snprintf(sc.sweep_x, sizeof(sc.sweep_x), "p.5=0.1:0.5:5");
	snprintf(sc.sweep_y, sizeof(sc.sweep_y), "N=2:20:10");
	assert_int_equal(edit_delete_type(&sc, 0, &out, why, sizeof(why)), 0);
	assert_string_equal(out.sweep_x, "");
	assert_string_equal(out.sweep_y, "");
	snprintf(sc.sweep_x, sizeof(sc.sweep_x), "N=2:20:10");
	sc.sweep_y[0] = '\0';
	assert_int_equal(edit_delete_type(&sc, 0, &out, why, sizeof(why)), 0);
	assert_string_equal(out.sweep_x, "N=2:20:10");
	/* An axis that still fits stays through other edits. */
	snprintf(sc.sweep_x, sizeof(sc.sweep_x), "k=0.5:2:4");
	struct edit_target kt = { EDIT_ACCURACY, 1 };
	assert_int_equal(edit_set(&sc, kt, 3.0, &out, NULL, why, sizeof(why)), 0);
	assert_string_equal(out.sweep_x, "k=0.5:2:4");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_per_size),
		cmocka_unit_test(test_histogram_cells),
		cmocka_unit_test(test_diverging_scale),
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_add_delete_rename),
		cmocka_unit_test(test_nudges_undo_each_other),
		cmocka_unit_test(test_prob_message_one_wording),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

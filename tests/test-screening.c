/*
 * test-screening.c - the screening diagram's geometry and raster, with no
 * terminal: which cell each point lands in and which cells each line
 * passes through, computed here from the solved contract and the axis
 * ranges, against what the raster recorded; and the paper's scenario 1
 * story (type 5's option left of its reservation point, on type 5's
 * indifference line through the pooled option of types 1-4, at the
 * ceiling).
 *
 * CMLCONTRACT_SCREENING_DUMP=1 prints the rasters drawn, for a look.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "contract.h"
#include "model.h"
#include "presets.h"
#include "screening.h"
#include "testutil.h"

/* A preset, its model and its solved contract. */
struct solved {
	struct scenario sc;
	struct model mdl;
	struct contract c;
	struct screening s;
};

static struct solved *solve_preset(const char *name)
{
	struct solved *p = calloc(1, sizeof(*p));
	struct cml_error err;

	assert_non_null(p);
	assert_int_equal(preset_load(preset_find(name), &p->sc, &err), 0);
	test_model(&p->mdl, &p->sc);
	assert_true(test_solve(&p->mdl, false, &p->c) >= 0);
	assert_int_equal(screening_build(&p->mdl, &p->c, &p->s), 0);
	return p;
}

static void free_solved(struct solved *p)
{
	model_free(&p->mdl);
	free(p);
}

static void dump(const struct screening_raster *r, const char *what)
{
	if (getenv("CMLCONTRACT_SCREENING_DUMP") == NULL)
		return;
	printf("%s (m %g..%g, t %g..%g)\n", what, r->range.m_lo, r->range.m_hi,
	       r->range.t_lo, r->range.t_hi);
	for (int row = 0; row < r->rows; row++) {
		putchar('|');
		for (int col = 0; col < r->cols; col++) {
			const char *g = screening_raster_at(r, col, row)->glyph;
			fputs(g[0] ? g : " ", stdout);
		}
		puts("|");
	}
}

/* The cell of (m, t) from the range alone, as a reader of the axes would. */
static void expected_cell(const struct screening_range *rg, int cols,
			  int rows, double m, double t, int *col, int *row)
{
	*col = (int)floor((m - rg->m_lo) / (rg->m_hi - rg->m_lo) * cols);
	*row = (int)floor((rg->t_hi - t) / (rg->t_hi - rg->t_lo) * rows);
	if (*col == cols)
		*col = cols - 1;
	if (*row == rows)
		*row = rows - 1;
}

/* The geometry holds the contract's numbers. */
static void test_geometry_scenario1(void **state)
{
	(void)state;
	struct solved *p = solve_preset("scenario1");
	const struct screening *s = &p->s;

	assert_int_equal(s->ntypes, 5);
	/* {1,2,3,4} {5}: two points, labelled by their types. */
	assert_int_equal(s->noptions, 2);
	assert_string_equal(s->option[0].label, "1-4");
	assert_string_equal(s->option[1].label, "5");
	for (int i = 0; i < 4; i++)
		assert_int_equal(s->option_of[i], 0);
	assert_int_equal(s->option_of[4], 1);
	for (int i = 0; i < 5; i++) {
		const struct type_result *r = &p->c.type[i];
		const struct screening_option *o = &s->option[s->option_of[i]];
		/* Pooled types share a point, equal up to the pooling tolerance. */
		assert_true(fabs(o->m - r->contribution) <
			    CONTRACT_POOLING_TOL * r->contribution);
		assert_true(fabs(o->t - r->reward_value) <
			    CONTRACT_POOLING_TOL * r->reward_value);
		/* The indifference line passes through the type's own option. */
		assert_true(fabs(screening_line_at(s->indifference[i],
						   r->contribution) -
				 r->reward_value) < 1e-9);
		/* The reservation line passes through the reservation point. */
		assert_true(s->has_reservation_point[i]);
		assert_true(fabs(screening_line_at(s->reservation[i],
						   s->reservation_m[i]) -
				 s->reservation_t[i]) < 1e-9);
		assert_true(fabs(s->reservation_t[i] -
				 screening_curve(s, s->reservation_m[i])) < 1e-9);
	}
	assert_true(fabs(s->ceiling - p->c.type[4].tbar) < 1e-12);
	/* Both windows hold every option; the first also every
	   reservation point, from the origin. */
	assert_true(s->all.m_lo == 0.0 && s->all.t_lo == 0.0);
	for (int k = 0; k < s->noptions; k++) {
		const struct screening_option *o = &s->option[k];
		assert_true(o->m > s->all.m_lo && o->m < s->all.m_hi);
		assert_true(o->t > s->all.t_lo && o->t < s->all.t_hi);
		assert_true(o->m > s->options.m_lo && o->m < s->options.m_hi);
		assert_true(o->t > s->options.t_lo && o->t < s->options.t_hi);
	}
	for (int i = 0; i < 5; i++)
		assert_true(s->reservation_m[i] < s->all.m_hi &&
			    s->reservation_t[i] < s->all.t_hi);
	assert_true(s->ceiling < s->all.t_hi && s->ceiling < s->options.t_hi);
	/* The zoom is a real zoom: at most a fifth of the full width. */
	assert_true(s->options.m_hi - s->options.m_lo <
		    0.2 * (s->all.m_hi - s->all.m_lo));
	free_solved(p);
}

/*
 * Every point lands in the cell its coordinates give, with its label
 * beside it, in both character sets and at several sizes.
 */
static void check_points(const struct solved *p,
			 const struct screening_range *rg, int cols, int rows,
			 enum screening_charset cs, int focus)
{
	const struct screening *s = &p->s;
	struct screening_raster r;
	int col, row;

	assert_int_equal(screening_raster_draw(s, rg, cols, rows, cs, focus, &r),
			 0);
	for (int k = 0; k < s->noptions; k++) {
		const struct screening_option *o = &s->option[k];
		if (!(o->m >= rg->m_lo && o->m <= rg->m_hi && o->t >= rg->t_lo &&
		      o->t <= rg->t_hi))
			continue;
		expected_cell(rg, cols, rows, o->m, o->t, &col, &row);
		const struct screening_cell *c = screening_raster_at(&r, col, row);
		for (int i = o->first; i < o->first + o->count; i++)
			assert_true(c->options >> i & 1);
		/* Options are never hidden by anything. */
		assert_int_equal(c->mark, SCREENING_OPTION);
		assert_false(c->label);
		assert_string_equal(c->glyph, cs == SCREENING_ASCII ? "*" :
								      "\u25cf");
	}
	for (int i = 0; i < s->ntypes; i++) {
		if (!s->has_reservation_point[i])
			continue;
		double m = s->reservation_m[i], t = s->reservation_t[i];
		if (!(m >= rg->m_lo && m <= rg->m_hi && t >= rg->t_lo &&
		      t <= rg->t_hi))
			continue;
		expected_cell(rg, cols, rows, m, t, &col, &row);
		assert_true(screening_raster_at(&r, col, row)->reservation_points >>
				    i & 1);
	}
	/* No other cell claims a point. */
	for (int row2 = 0; row2 < rows; row2++)
		for (int col2 = 0; col2 < cols; col2++) {
			const struct screening_cell *c =
				screening_raster_at(&r, col2, row2);
			for (int i = 0; i < s->ntypes; i++) {
				if (c->options >> i & 1) {
					const struct screening_option *o =
						&s->option[s->option_of[i]];
					expected_cell(rg, cols, rows, o->m, o->t, &col,
						      &row);
					assert_true(col == col2 && row == row2);
				}
			}
			if (cs == SCREENING_ASCII)
				for (const char *g = c->glyph; *g; g++)
					assert_true(*g >= ' ' && *g <= '~');
		}
	dump(&r, cs == SCREENING_ASCII ? "ascii" : "braille");
	screening_raster_free(&r);
}

static void test_points_land(void **state)
{
	(void)state;
	static const char *const names[] = { "scenario1", "scenario2",
					     "scenario3", "twotype" };
	static const int sizes[][2] = { { 70, 15 }, { 110, 30 }, { 20, 6 },
					{ 1, 1 } };

	for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		struct solved *p = solve_preset(names[n]);
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
			for (int cs = 0; cs < 2; cs++)
				for (int focus = -1; focus < p->s.ntypes; focus += 2) {
					check_points(p, &p->s.all, sizes[z][0],
						     sizes[z][1], cs, focus);
					check_points(p, &p->s.options, sizes[z][0],
						     sizes[z][1], cs, focus);
				}
		free_solved(p);
	}
}

/*
 * A line of the geometry passes through the cell of its value at the
 * middle of every column where it is inside the range, and through no
 * cell far from it; likewise the curve and the ceiling.
 */
static void check_line_cells(const struct screening_raster *r,
			     struct screening_line line, bool is_curve,
			     bool is_ceiling, int type, bool reservation,
			     const struct screening *s)
{
	const struct screening_range *rg = &r->range;
	double m_per_col = (rg->m_hi - rg->m_lo) / r->cols;

	for (int col = 0; col < r->cols; col++) {
		double mid = rg->m_lo + (col + 0.5) * m_per_col;
		double t = is_curve ? screening_curve(s, mid) :
				      screening_line_at(line, mid);
		if (t < rg->t_lo || t > rg->t_hi)
			continue;
		int row = screening_raster_row(r, t);
		const struct screening_cell *c = screening_raster_at(r, col, row);
		if (is_curve)
			assert_true(c->curve);
		else if (is_ceiling)
			assert_true(c->ceiling);
		else if (reservation)
			assert_true(c->reservation_lines >> type & 1);
		else
			assert_true(c->indifference_lines >> type & 1);
		/* Nowhere in this column beyond the values at its edges. */
		double lo = is_curve ? screening_curve(s, mid - m_per_col / 2) :
				       screening_line_at(line, mid - m_per_col / 2);
		double hi = is_curve ? screening_curve(s, mid + m_per_col / 2) :
				       screening_line_at(line, mid + m_per_col / 2);
		int top = screening_raster_row(r, hi) - 1;
		int bottom = screening_raster_row(r, lo) + 1;
		for (int rr = 0; rr < r->rows; rr++) {
			if (rr >= top && rr <= bottom)
				continue;
			const struct screening_cell *o =
				screening_raster_at(r, col, rr);
			if (is_curve)
				assert_false(o->curve);
			else if (is_ceiling)
				assert_false(o->ceiling);
			else if (reservation)
				assert_false(o->reservation_lines >> type & 1);
			else
				assert_false(o->indifference_lines >> type & 1);
		}
	}
}

static void test_lines_pass(void **state)
{
	(void)state;
	static const char *const names[] = { "scenario1", "scenario3" };

	for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		struct solved *p = solve_preset(names[n]);
		const struct screening *s = &p->s;
		const struct screening_range *ranges[2] = { &s->all, &s->options };
		for (int k = 0; k < 2; k++)
			for (int cs = 0; cs < 2; cs++) {
				struct screening_raster r;
				assert_int_equal(screening_raster_draw(s, ranges[k], 76,
								       18, cs, -1, &r),
						 0);
				for (int i = 0; i < s->ntypes; i++) {
					check_line_cells(&r, s->reservation[i], false,
							 false, i, true, s);
					check_line_cells(&r, s->indifference[i], false,
							 false, i, false, s);
				}
				check_line_cells(&r, (struct screening_line){ 0, 0 },
						 true, false, -1, false, s);
				check_line_cells(&r, (struct screening_line){
							 s->ceiling, 0 },
						 false, true, -1, false, s);
				screening_raster_free(&r);
			}
		free_solved(p);
	}
}

/*
 * Scenario 1, the paper's surprise: type 5 contributes less than alone.
 * Its option lies left of its reservation point, on its indifference
 * line through the pooled option of types 1-4 (the incentive constraint
 * that pins it: more data asked and type 5 takes that option), at the
 * ceiling tbar_5.  Checked on the geometry and on the raster, in cells.
 */
static void test_scenario1_story(void **state)
{
	(void)state;
	struct solved *p = solve_preset("scenario1");
	const struct screening *s = &p->s;
	const struct screening_option *pooled = &s->option[0], *five =
		&s->option[1];
	struct screening_raster r;
	int col5, row5, col_alone, row_alone, col_pool, row_pool;

	assert_true(five->m < s->reservation_m[4]);
	assert_true(fabs(screening_line_at(s->indifference[4], pooled->m) -
			 pooled->t) < 1e-6);
	assert_true(fabs(five->t - s->ceiling) < 1e-6);
	for (int cs = 0; cs < 2; cs++) {
		/* At the size of a zoomed 80x24 pane's plot. */
		assert_int_equal(screening_raster_draw(s, &s->all, 70, 15, cs, 4, &r),
				 0);
		dump(&r, "scenario 1, focus on type 5");
		assert_true(screening_raster_cell_of(&r, five->m, five->t, &col5,
						     &row5));
		assert_true(screening_raster_cell_of(&r, s->reservation_m[4],
						     s->reservation_t[4], &col_alone,
						     &row_alone));
		assert_true(screening_raster_cell_of(&r, pooled->m, pooled->t,
						     &col_pool, &row_pool));
		/* Left of the reservation point, whole cells apart, and above. */
		assert_true(col5 < col_alone);
		assert_true(row5 < row_alone);
		/* Type 5's indifference line runs through both options' cells,
		   and the ceiling through type 5's. */
		assert_true(screening_raster_at(&r, col5, row5)->indifference_lines >>
				    4 & 1);
		assert_true(screening_raster_at(&r, col_pool, row_pool)
					    ->indifference_lines >> 4 & 1);
		assert_true(screening_raster_at(&r, col5, row5)->ceiling);
		/* Type 5's own marks are the ones drawn where it has focus. */
		assert_int_equal(screening_raster_at(&r, col5, row5)->type, 4);
		const struct screening_cell *alone =
			screening_raster_at(&r, col_alone, row_alone);
		assert_int_equal(alone->mark, SCREENING_RESERVATION_POINT);
		assert_int_equal(alone->type, 4);
		assert_string_equal(alone->glyph, cs ? "@" : "\u25cb");
		/* Labels read "1-4" and "5" beside the markers. */
		const struct screening_cell *l =
			screening_raster_at(&r, col5 + 1, row5);
		assert_true(l->label && strcmp(l->glyph, "5") == 0);
		screening_raster_free(&r);
	}
	free_solved(p);
}

/* The focus decides whose mark a shared cell shows. */
static void test_focus_wins(void **state)
{
	(void)state;
	struct solved *p = solve_preset("scenario1");
	const struct screening *s = &p->s;
	struct screening_raster r;
	int col, row;

	for (int focus = 0; focus < 4; focus++) {
		assert_int_equal(screening_raster_draw(s, &s->options, 60, 16,
						       SCREENING_BRAILLE, focus, &r),
				 0);
		/* The pooled option: four indifference lines meet there. */
		assert_true(screening_raster_cell_of(&r, s->option[0].m,
						     s->option[0].t, &col, &row));
		assert_int_equal(screening_raster_at(&r, col, row)->type, focus);
		assert_true((screening_raster_at(&r, col, row)->indifference_lines &
			     0xf) == 0xf);
		/* Elsewhere a cell on the focused line shows it. */
		int shown = 0, on_line = 0;
		for (int rr = 0; rr < r.rows; rr++)
			for (int cc = 0; cc < r.cols; cc++) {
				const struct screening_cell *c =
					screening_raster_at(&r, cc, rr);
				if (c->mark >= SCREENING_RESERVATION_POINT ||
				    !(c->indifference_lines >> focus & 1))
					continue;
				on_line++;
				shown += c->mark == SCREENING_INDIFFERENCE_LINE &&
					 c->type == focus;
			}
		assert_true(on_line > 0);
		assert_int_equal(shown, on_line);
		screening_raster_free(&r);
	}
	free_solved(p);
}

/* Ticks are round, inside the range and increasing. */
static void test_ticks(void **state)
{
	(void)state;
	struct solved *p = solve_preset("scenario1");
	struct scale_ticks m, t;

	screening_ticks(&p->s.options, 6, 5, &m, &t);
	assert_true(m.count >= 3 && t.count >= 3);
	for (int k = 0; k < m.count; k++) {
		assert_true(m.value[k] >= p->s.options.m_lo &&
			    m.value[k] <= p->s.options.m_hi);
		double q = m.value[k] / m.step;
		assert_true(fabs(q - round(q)) < 1e-9);
		if (k > 0)
			assert_true(m.value[k] > m.value[k - 1]);
	}
	screening_ticks(&p->s.all, 6, 5, &m, &t);
	assert_true(m.value[0] == 0.0 && t.value[0] == 0.0);
	free_solved(p);
}

/* Sizes out of range are refused; no collaboration still draws. */
static void test_edges(void **state)
{
	(void)state;
	struct solved *p = solve_preset("scenario1");
	struct screening_raster r;
	struct screening_range empty = { 1, 1, 0, 1 };

	assert_int_equal(screening_raster_draw(&p->s, &p->s.all, 0, 5,
					       SCREENING_ASCII, -1, &r),
			 -1);
	assert_null(r.cell);
	assert_int_equal(screening_raster_draw(&p->s, &empty, 10, 5,
					       SCREENING_ASCII, -1, &r),
			 -1);
	assert_int_equal(screening_raster_draw(&p->s, &p->s.all,
					       SCREENING_MAX_COLS + 1, 5,
					       SCREENING_ASCII, -1, &r),
			 -1);
	free_solved(p);

	/* One expensive type at N = 1: nobody trains alone or together. */
	struct scenario sc;
	struct model mdl;
	struct contract c;
	struct screening s;
	double cost = 5.0, prob = 1.0;
	test_scenario(&sc, 1, 1, &cost, &prob);
	test_model(&mdl, &sc);
	assert_true(test_solve(&mdl, false, &c) >= 0);
	assert_int_equal(screening_build(&mdl, &c, &s), 0);
	assert_false(s.has_reservation_point[0]);
	assert_true(s.all.m_hi > s.all.m_lo && s.all.t_hi > s.all.t_lo);
	assert_true(s.options.m_hi > s.options.m_lo &&
		    s.options.t_hi > s.options.t_lo);
	assert_int_equal(screening_raster_draw(&s, &s.options, 30, 8,
					       SCREENING_BRAILLE, 0, &r),
			 0);
	screening_raster_free(&r);
	model_free(&mdl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometry_scenario1),
		cmocka_unit_test(test_points_land),
		cmocka_unit_test(test_lines_pass),
		cmocka_unit_test(test_scenario1_story),
		cmocka_unit_test(test_focus_wins),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test-sweep.c - parameter sweeps: axes, edits, the serpentine walk,
 * threads, the golden two-type points, and what the paper's Figure 2
 * shows, asserted on the figure2 preset's own grid.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "presets.h"
#include "sweep-report.h"
#include "sweep.h"
#include "testutil.h"
#include "tree.h"

/* The high-cost type's contribution where type 2's IR binds (Fig. 2). */
#define M1_IR_BINDING 890.4919847845

/* The paper's two types, p = 0.5/0.5, N = 10. */
static void two_types(struct scenario *sc)
{
	static const double cost[] = { 0.02, 0.01 }, prob[] = { 0.5, 0.5 };

	test_scenario(sc, 10, 2, cost, prob);
}

/* Three types with unequal probabilities. */
static void three_types(struct scenario *sc)
{
	static const double cost[] = { 0.3, 0.2, 0.1 };
	static const double prob[] = { 0.2, 0.3, 0.5 };

	test_scenario(sc, 5, 3, cost, prob);
}

/* Parses text that must be a valid axis. */
static void parse_ok(const char *text, const struct scenario *sc,
		     struct sweep_axis *axis)
{
	struct cml_error err;

	if (sweep_axis_parse(text, sc, axis, &err) != 0)
		fail_msg("%s: %s", text, err.msg);
}

/* Parses text that must fail with phrase in the message. */
static void parse_fails(const char *text, const struct scenario *sc,
			const char *phrase)
{
	struct sweep_axis axis = { .steps = -7 };
	struct cml_error err;

	if (sweep_axis_parse(text, sc, &axis, &err) == 0)
		fail_msg("%s parsed", text);
	if (strstr(err.msg, phrase) == NULL)
		fail_msg("%s: '%s' lacks '%s'", text, err.msg, phrase);
	assert_int_equal(axis.steps, -7); /* untouched */
}

static void axis_parse_valid(void **state)
{
	struct scenario sc;
	struct sweep_axis a;
	char buf[SWEEP_AXIS_TEXT_MAX];

	(void)state;
	three_types(&sc);
	parse_ok("p.1=0.01:0.99:30", &sc, &a);
	assert_int_equal(a.param, SWEEP_PROB);
	assert_int_equal(a.type, 0);
	assert_true(a.from == 0.01 && a.to == 0.99 && a.steps == 30);
	sweep_axis_label(&a, buf, sizeof(buf));
	assert_string_equal(buf, "p.1");
	parse_ok("N=2:100:50", &sc, &a);
	assert_int_equal(a.param, SWEEP_N);
	assert_int_equal(a.type, -1);
	for (int i = 0; i < 50; i++)
		assert_true(sweep_axis_value(&a, i) == 2 + 2 * i);
	parse_ok("c.3=0.01:0.19:5", &sc, &a);
	assert_int_equal(a.param, SWEEP_COST);
	assert_int_equal(a.type, 2);
	sweep_axis_label(&a, buf, sizeof(buf));
	assert_string_equal(buf, "c.3");
	parse_ok("a_opt=0.5:1:3", &sc, &a);
	assert_int_equal(a.param, SWEEP_ACCURACY);
	assert_string_equal(a.key, "a_opt");
	parse_ok("k=1e-1:+2.5E1:2", &sc, &a);
	assert_int_equal(a.param, SWEEP_ACCURACY);
	assert_string_equal(a.key, "k");
	assert_true(a.from == 0.1 && a.to == 25);
	parse_ok("scale=100:10:4", &sc, &a); /* descending is fine */
	assert_int_equal(a.param, SWEEP_VALUATION);
	assert_string_equal(a.key, "scale");
	assert_true(sweep_axis_value(&a, 0) == 100);
	assert_true(sweep_axis_value(&a, 1) == 70);
	assert_true(sweep_axis_value(&a, 3) == 10);
	parse_ok("p.2=0.5:0.5:1", &sc, &a);
	assert_true(sweep_axis_value(&a, 0) == 0.5);
	/*
	 * The ends of the supported ranges are accepted (p.1 = 1 becomes
	 * an invalid point: the other types need probability); beyond
	 * them, and at 0, an axis is refused.
	 */
	parse_ok("p.1=1e-9:1:3", &sc, &a);
	parse_ok("c.1=1e-6:1e6:2", &sc, &a);
	parse_fails("p.1=0:1:3", &sc, "prob must be in [1e-9, 1]");
	parse_fails("c.1=0:1:2", &sc, "cost must be in [1e-6, 1e6]");
	/* Interior values are tidy: 0.5, not 0.49999999999999994. */
	parse_ok("p.1=0.05:0.9:18", &sc, &a);
	assert_true(sweep_axis_value(&a, 9) == 0.5);
	assert_true(sweep_axis_value(&a, 5) == 0.3);
}

/* Field by field (the struct has padding). */
static void assert_axis_equal(const struct sweep_axis *a,
			      const struct sweep_axis *b)
{
	assert_int_equal(a->param, b->param);
	assert_int_equal(a->type, b->type);
	assert_true(a->from == b->from && a->to == b->to);
	assert_int_equal(a->steps, b->steps);
}

static void axis_format_round_trip(void **state)
{
	static const char *const texts[] = {
		"p.1=0.01:0.99:30", "N=2:100:50", "c.2=0.15:0.25:7",
		"k=0.1:100:1000", "scale=10:1000000:2", "a_opt=1:1:1",
	};
	struct scenario sc;

	(void)state;
	three_types(&sc);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct sweep_axis a, b;
		char buf[SWEEP_AXIS_TEXT_MAX];
		parse_ok(texts[i], &sc, &a);
		sweep_axis_format(&a, buf, sizeof(buf));
		assert_string_equal(buf, texts[i]);
		parse_ok(buf, &sc, &b);
		assert_axis_equal(&a, &b);
	}
	/* Awkward numbers still come back exactly. */
	struct sweep_axis a = { .param = SWEEP_COST, .type = 1,
				.from = 0.1 + 0.2, .to = 1.0 / 3.0,
				.steps = 4 }, b;
	char buf[SWEEP_AXIS_TEXT_MAX];
	sweep_axis_format(&a, buf, sizeof(buf));
	assert_string_equal(buf, "c.2=0.30000000000000004:0.3333333333333333:4");
	parse_ok(buf, &sc, &b);
	assert_axis_equal(&a, &b);
}

/* sc with the power accuracy family at its defaults. */
static void three_types_power(struct scenario *sc)
{
	three_types(sc);
	accuracy_init_default(&sc->accuracy, accuracy_family_find("power"));
}

/*
 * Axes reach every parameter of the scenario's families by key, labelled
 * with the key; a key of another family is named as such.
 */
static void axis_family_keys(void **state)
{
	struct scenario sc, edited;
	struct sweep_axis a, b;
	struct cml_error err;
	char buf[SWEEP_AXIS_TEXT_MAX];

	(void)state;
	three_types_power(&sc);
	parse_ok("alpha=0.3:0.8:6", &sc, &a);
	assert_int_equal(a.param, SWEEP_ACCURACY);
	assert_string_equal(a.key, "alpha");
	sweep_axis_label(&a, buf, sizeof(buf));
	assert_string_equal(buf, "alpha");
	sweep_axis_format(&a, buf, sizeof(buf));
	assert_string_equal(buf, "alpha=0.3:0.8:6");
	parse_ok("b=0.5:20:4", &sc, &b);
	assert_false(sweep_axis_conflict(&a, &b));
	assert_true(sweep_axis_conflict(&a, &a));
	/* Applying one updates the threshold (b / a_opt)^(1 / alpha). */
	edited = sc;
	assert_int_equal(sweep_apply(&edited, &a, sweep_axis_value(&a, 2),
				     &err), 0);
	assert_true(edited.accuracy.param[2] == 0.5);
	assert_true(fabs(edited.accuracy.zero_below - 1.0) < 1e-15);
	parse_fails("k=1:2:2", &sc, "k is not a parameter of the scenario's "
		    "accuracy family power");
	parse_fails("q=1:2:2", &sc, "unknown parameter 'q'; use N, p.J, c.J, "
		    "outside.J.profit, a_opt, b, alpha or scale");
	parse_fails("alpha=0.1:0.5:3", &sc, "alpha: 0.1 is outside the "
		    "supported range");
	three_types(&sc);
	parse_fails("alpha=0.3:0.8:6", &sc, "alpha is not a parameter of the "
		    "scenario's accuracy family sgb");
	accuracy_init_default(&sc.accuracy, accuracy_family_find("exp"));
	parse_ok("m0=1:1000:4", &sc, &a);
	assert_string_equal(a.key, "m0");
	parse_ok("scale=10:100:2", &sc, &a);
	assert_int_equal(a.param, SWEEP_VALUATION);
}

/* The valuation families' own parameters are axes by key too. */
static void axis_valuation_keys(void **state)
{
	struct scenario sc, edited;
	struct sweep_axis a;
	struct cml_error err;
	char buf[SWEEP_AXIS_TEXT_MAX];

	(void)state;
	three_types(&sc);
	valuation_init_default(&sc.valuation, valuation_family_find("power"));
	parse_ok("gamma=0.3:1:8", &sc, &a);
	assert_int_equal(a.param, SWEEP_VALUATION);
	sweep_axis_format(&a, buf, sizeof(buf));
	assert_string_equal(buf, "gamma=0.3:1:8");
	edited = sc;
	assert_int_equal(sweep_apply(&edited, &a, sweep_axis_value(&a, 7),
				     &err), 0);
	assert_true(edited.valuation.param[1] == 1.0);
	parse_fails("gamma=0.1:1:3", &sc, "gamma: 0.1 is outside the "
		    "supported range");
	parse_fails("lambda=1:2:2", &sc, "lambda is not a parameter of the "
		    "scenario's valuation family power");
	valuation_init_default(&sc.valuation, valuation_family_find("cara"));
	parse_ok("lambda=0.5:10:4", &sc, &a);
	assert_string_equal(a.key, "lambda");
}

static void axis_parse_errors(void **state)
{
	struct scenario sc, one;
	static const double c1[] = { 0.1 }, p1[] = { 1 };

	(void)state;
	three_types(&sc);
	parse_fails("q.1=0:1:3", &sc, "unknown parameter 'q.1'; use N, p.J, "
		    "c.J, outside.J.profit, a_opt, k or scale");
	parse_fails("participants=2:3:2", &sc, "unknown parameter");
	parse_fails("p.1", &sc, "is not PARAM=FROM:TO:STEPS");
	parse_fails("p.4=0.1:0.2:2", &sc, "types 1 to 3");
	parse_fails("c.0=0.1:0.2:2", &sc, "types 1 to 3");
	parse_fails("p.x=0.1:0.2:2", &sc, "needs a type number");
	parse_fails("p.=0.1:0.2:2", &sc, "needs a type number");
	parse_fails("p.1=0.1:0.2", &sc, "FROM:TO:STEPS");
	parse_fails("p.1=0.1:0.2:3:4", &sc, "FROM:TO:STEPS");
	parse_fails("p.1=0.1:inf:3", &sc, "finite decimal");
	parse_fails("p.1=nan:0.2:3", &sc, "finite decimal");
	parse_fails("p.1=0x1:0.2:3", &sc, "finite decimal");
	parse_fails("p.1=:0.2:3", &sc, "finite decimal");
	parse_fails("p.1=0.1:0.2:0", &sc, "STEPS must be a whole number");
	parse_fails("p.1=0.1:0.2:1001", &sc, "from 1 to 1000");
	parse_fails("p.1=0.1:0.2:2.5", &sc, "STEPS must be a whole number");
	parse_fails("p.1=0.1:0.2:1", &sc, "one step needs FROM = TO");
	parse_fails("p.1=0.1:1.5:3", &sc, "p.1: 1.5 is outside the supported "
		    "range: prob must be in [1e-9, 1]");
	parse_fails("p.1=1e-10:0.5:3", &sc, "prob must be in [1e-9, 1]");
	parse_fails("c.1=1e-7:0.5:3", &sc, "cost must be in [1e-6, 1e6]");
	parse_fails("c.1=0.5:2e6:3", &sc, "cost must be in [1e-6, 1e6]");
	parse_fails("scale=9:100:3", &sc, "scale must be in [10, 1e6]");
	parse_fails("a_opt=0.005:1:3", &sc, "a_opt must be in [0.01, 1]");
	parse_fails("k=0.001:1:3", &sc, "k must be in [0.01, 100]");
	parse_fails("c.1=-1:0.5:3", &sc, "outside");
	parse_fails("N=0:10:3", &sc, "outside");
	parse_fails("N=2:200000:3", &sc, "outside");
	parse_fails("N=2:10:20", &sc, "repeat N = 2 after rounding");
	parse_fails("k=0.5:101:3", &sc, "outside");
	parse_fails("a_opt=0.5:1.1:3", &sc, "outside");
	test_scenario(&one, 4, 1, c1, p1);
	parse_fails("p.1=0.1:0.9:3", &one, "with one type");
}

/* Messages name the parameter as the user wrote it, never a rewrite. */
static void axis_names_echoed(void **state)
{
	struct scenario sc;

	(void)state;
	three_types(&sc);
	parse_fails("p.99999999999=0.1:0.2:2", &sc, "p.99999999999: the "
		    "scenario has types 1 to 3");
	parse_fails("c.00000000000000000014=0.1:0.2:2", &sc,
		    "c.00000000000000000014: the scenario has types 1 to 3");
	parse_fails("p.007=0.1:0.2:2", &sc, "p.007: the scenario has types");
	parse_fails("p.01=0.1:1.5:2", &sc, "p.01: 1.5 is outside the supported "
		    "range");
	parse_fails("p.02=0.1:0.2:0", &sc, "p.02: STEPS must be");
	/* A long name is cut, with a sign that it was. */
	parse_fails("p.123456789012345678901234567890123456789=0:1:2", &sc,
		    "p.123456789012345678901234567890...: the scenario has");
}

static void axis_conflicts(void **state)
{
	struct scenario sc;
	struct sweep_axis p1, p2, c1, c2, n;

	(void)state;
	three_types(&sc);
	parse_ok("p.1=0.1:0.5:3", &sc, &p1);
	parse_ok("p.2=0.1:0.5:3", &sc, &p2);
	parse_ok("c.1=0.25:0.5:3", &sc, &c1);
	parse_ok("c.2=0.15:0.25:3", &sc, &c2);
	parse_ok("N=2:4:3", &sc, &n);
	assert_true(sweep_axis_conflict(&p1, &p2));
	assert_true(sweep_axis_conflict(&c1, &c1));
	assert_false(sweep_axis_conflict(&c1, &c2));
	assert_false(sweep_axis_conflict(&p1, &c1));
	assert_false(sweep_axis_conflict(&n, &p1));
}

/* Applies value to a copy of sc and expects failure with phrase. */
static void apply_fails(const struct scenario *sc, const char *axis_text,
			double value, const char *phrase)
{
	struct scenario edited = *sc;
	struct sweep_axis a;
	struct cml_error err;

	parse_ok(axis_text, sc, &a);
	assert_int_equal(sweep_apply(&edited, &a, value, &err), -1);
	if (strstr(err.msg, phrase) == NULL)
		fail_msg("%s at %g: '%s' lacks '%s'", axis_text, value,
			 err.msg, phrase);
	assert_true(scenario_equal(&edited, sc));
}

static void apply_edits(void **state)
{
	struct scenario sc, e;
	struct sweep_axis a;
	struct cml_error err;

	(void)state;
	three_types(&sc);
	/* p.2 = 0.65: the others keep their 2 : 5 ratio and all sum to 1. */
	parse_ok("p.2=0.1:0.9:3", &sc, &a);
	e = sc;
	assert_int_equal(sweep_apply(&e, &a, 0.65, &err), 0);
	assert_true(e.types[1].prob == 0.65);
	assert_true(fabs(e.types[0].prob - 0.1) < 1e-15);
	assert_true(fabs(e.types[2].prob - 0.25) < 1e-15);
	assert_int_equal(scenario_validate(&e, NULL), 0);
	/* N is rounded. */
	parse_ok("N=1:9:5", &sc, &a);
	e = sc;
	assert_int_equal(sweep_apply(&e, &a, 6.6, &err), 0);
	assert_int_equal(e.participants, 7);
	/* A cost inside its neighbours. */
	parse_ok("c.2=0.05:0.5:3", &sc, &a);
	e = sc;
	assert_int_equal(sweep_apply(&e, &a, 0.15, &err), 0);
	assert_true(e.types[1].cost == 0.15);
	/* k changes the accuracy's derived constants too. */
	parse_ok("k=1:4:2", &sc, &a);
	e = sc;
	assert_int_equal(sweep_apply(&e, &a, 4, &err), 0);
	assert_true(e.accuracy.zero_below != sc.accuracy.zero_below);
	parse_ok("scale=10:40:2", &sc, &a);
	e = sc;
	assert_int_equal(sweep_apply(&e, &a, 40, &err), 0);
	assert_true(e.valuation.param[0] == 40);

	/* Invalid edits leave the scenario alone and say why. */
	apply_fails(&sc, "c.2=0.05:0.5:3", 0.3, "reaches type 1's cost 0.3; "
		    "types must keep their cost order");
	apply_fails(&sc, "c.2=0.05:0.5:3", 0.05, "reaches type 3's cost");
	apply_fails(&sc, "c.1=1e-6:0.5:3", 1e-6, "reaches type 2's cost");
	apply_fails(&sc, "c.3=1e-6:0.5:3", 0.0, "cost must be in [1e-6, 1e6]");
	apply_fails(&sc, "p.1=1e-9:1:3", 0.0, "p.1 = 0: prob must be in "
		    "[1e-9, 1]");
	apply_fails(&sc, "p.1=1e-9:1:3", 1.0, "p.1 = 1 leaves no probability");
	/* The outcome and N limits bind exact enumeration only. */
	struct scenario exact = sc;
	exact.method = METHOD_EXACT;
	apply_fails(&exact, "N=1:10000:2", 10000, "more outcomes than");
	apply_fails(&exact, "N=1:100000:2", 100000, "N = 100000 is more than "
		    "the 65535 participants exact enumeration handles");
	e = sc;
	parse_ok("N=1:100000:2", &sc, &a);
	assert_int_equal(sweep_apply(&e, &a, 100000, &err), 0);
	assert_int_equal(e.participants, 100000);
	apply_fails(&sc, "k=1:4:2", NAN, "not a finite number");
}

/* The order in which sweep_step() fills the grid: a serpentine. */
static void serpentine_steps(void **state)
{
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;
	struct sweep *s;

	(void)state;
	two_types(&sc);
	parse_ok("p.1=0.1:0.9:4", &sc, &x);
	parse_ok("N=2:6:3", &sc, &y);
	s = sweep_create(&sc, &x, &y, false, &err);
	assert_non_null(s);
	assert_int_equal(sweep_columns(s), 4);
	assert_int_equal(sweep_rows(s), 3);
	assert_int_equal(sweep_y(s)->param, y.param);
	assert_null(sweep_at(s, 4, 0));
	assert_null(sweep_at(s, 0, 3));
	assert_true(sweep_at(s, 3, 2)->x == 0.9 && sweep_at(s, 3, 2)->y == 6);
	/* One point per call with no time to spare, in serpentine order. */
	static const int order[][2] = {
		{ 0, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 },
		{ 3, 1 }, { 2, 1 }, { 1, 1 }, { 0, 1 },
		{ 0, 2 }, { 1, 2 }, { 2, 2 }, { 3, 2 },
	};
	for (int k = 0; k < 12; k++) {
		assert_false(sweep_finished(s));
		assert_false(sweep_at(s, order[k][0], order[k][1])->done);
		assert_int_equal(sweep_step(s, 0.0), k + 1);
		assert_true(sweep_at(s, order[k][0], order[k][1])->done);
		assert_int_equal(sweep_done(s), k + 1);
	}
	assert_true(sweep_finished(s));
	assert_int_equal(sweep_step(s, 1.0), 12);
	/* Every solve after the first was warm-started from its neighbour. */
	for (int k = 1; k < 12; k++)
		assert_true(sweep_at(s, order[k][0],
				     order[k][1])->contract.stats.warm);
	assert_false(sweep_at(s, 0, 0)->contract.stats.warm);
	assert_true(sweep_seconds(s) > 0.0);
	sweep_free(s);
	sweep_free(NULL);
}

/* Two sweeps of the same grid agree point for point. */
static void assert_same_grid(const struct sweep *a, const struct sweep *b)
{
	for (int iy = 0; iy < sweep_rows(a); iy++)
		for (int ix = 0; ix < sweep_columns(a); ix++) {
			const struct sweep_point *p = sweep_at(a, ix, iy);
			const struct sweep_point *q = sweep_at(b, ix, iy);
			assert_true(p->done && q->done);
			assert_int_equal(p->valid, q->valid);
			assert_string_equal(p->reason, q->reason);
			if (!p->valid)
				continue;
			assert_int_equal(p->contract.status,
					 q->contract.status);
			assert_true(test_rel(p->contract.expected_value,
					     q->contract.expected_value) < 1e-9);
		}
}

/* Counts progress calls and checks they only grow. */
struct progress_log {
	int calls, last, total;
};

static void log_progress(void *ctx, int done, int total)
{
	struct progress_log *log = ctx;

	assert_true(done >= log->last);
	assert_true(done <= total);
	log->calls++;
	log->last = done;
	log->total = total;
}

static void threads_agree(void **state)
{
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;
	struct sweep *one, *two, *mixed;
	struct progress_log log = { 0, 0, 0 };

	(void)state;
	two_types(&sc);
	parse_ok("p.1=0.05:0.95:10", &sc, &x);
	parse_ok("N=2:40:20", &sc, &y);
	one = sweep_create(&sc, &x, &y, true, &err);
	two = sweep_create(&sc, &x, &y, true, &err);
	mixed = sweep_create(&sc, &x, &y, true, &err);
	assert_non_null(one);
	assert_non_null(two);
	assert_non_null(mixed);
	assert_int_equal(sweep_run(one, 1, NULL, NULL), 0);
	assert_int_equal(sweep_run(two, 2, log_progress, &log), 0);
	assert_true(log.calls >= 1);
	assert_int_equal(log.last, 200);
	assert_int_equal(log.total, 200);
	assert_true(sweep_finished(one) && sweep_finished(two));
	assert_same_grid(one, two);
	/* Some steps, then the rest on threads: nothing is solved twice. */
	for (int k = 0; k < 25; k++)
		sweep_step(mixed, 0.0);
	assert_int_equal(sweep_done(mixed), 25);
	assert_int_equal(sweep_run(mixed, 3, NULL, NULL), 0);
	assert_int_equal(sweep_done(mixed), 200);
	assert_same_grid(one, mixed);
	/* A finished sweep runs at once. */
	log.calls = 0;
	assert_int_equal(sweep_run(one, 0, log_progress, &log), 0);
	assert_int_equal(log.calls, 1);
	sweep_free(one);
	sweep_free(two);
	sweep_free(mixed);
}

/* Invalid points are reported with a reason; the sweep goes on. */
static void invalid_points(void **state)
{
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;
	struct sweep *s;
	int invalid = 0;

	(void)state;
	two_types(&sc);
	parse_ok("c.2=0.005:0.03:6", &sc, &x);  /* 0.02 meets type 1 */
	s = sweep_create(&sc, &x, NULL, true, &err);
	assert_non_null(s);
	assert_int_equal(sweep_rows(s), 1);
	assert_null(sweep_y(s));
	assert_int_equal(sweep_run(s, 0, NULL, NULL), 0);
	for (int ix = 0; ix < 6; ix++) {
		const struct sweep_point *pt = sweep_at(s, ix, 0);
		assert_true(pt->done);
		if (pt->x < 0.02) {
			assert_true(pt->valid);
			assert_int_equal(pt->contract.result, SOLVER_OK);
			assert_true(pt->contract.has_complete_info);
			assert_true(pt->contract.type[1].contribution > 0);
		} else {
			assert_false(pt->valid);
			assert_non_null(strstr(pt->reason, "cost order"));
			invalid++;
		}
	}
	assert_int_equal(invalid, 3); /* 0.02, 0.025, 0.03 */
	sweep_free(s);

	/* p.1 from 0.2 to 1 (0 is refused): the end invalid, the rest solved. */
	parse_ok("p.1=0.2:1:5", &sc, &x);
	parse_ok("N=2:3:2", &sc, &y);
	s = sweep_create(&sc, &x, &y, false, &err);
	assert_int_equal(sweep_run(s, 2, NULL, NULL), 0);
	for (int iy = 0; iy < 2; iy++) {
		assert_false(sweep_at(s, 4, iy)->valid);
		assert_non_null(strstr(sweep_at(s, 4, iy)->reason,
				       "leaves no probability"));
		for (int ix = 0; ix < 4; ix++) {
			assert_true(sweep_at(s, ix, iy)->valid);
			assert_false(sweep_at(s, ix, iy)->contract
					     .has_complete_info);
		}
	}
	sweep_free(s);
}

static void create_errors(void **state)
{
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;

	(void)state;
	two_types(&sc);
	parse_ok("p.1=0.1:0.9:1000", &sc, &x);
	parse_ok("N=1:1000:1000", &sc, &y);
	assert_null(sweep_create(&sc, &x, &y, true, &err));
	assert_non_null(strstr(err.msg, "grid points is more than"));
	parse_ok("p.2=0.1:0.9:3", &sc, &y);
	assert_null(sweep_create(&sc, &x, &y, true, &err));
	assert_non_null(strstr(err.msg, "both set probabilities"));
	parse_ok("p.1=0.1:0.9:3", &sc, &y);
	assert_null(sweep_create(&sc, &x, &y, true, &err));
}

/*
 * The two-type golden points (N, p1) all lie on one 2-D grid: p1 from 0.1
 * to 0.9 by 0.1, N from 2 to 100 by 2.  Objective at least the
 * reference's minus 1e-7 relative, complete-information value within
 * 1e-6 relative (MODEL.md).
 */
static void golden_points(void **state)
{
	struct tree *golden = tree_load_file(REFERENCE_DIR "/golden.json");
	const struct tree *cases;
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;
	struct sweep *s;

	(void)state;
	assert_non_null(golden);
	cases = tree_get(golden, "twotype");
	assert_non_null(cases);
	assert_true(cases->count >= 7);
	two_types(&sc);
	parse_ok("p.1=0.1:0.9:9", &sc, &x);
	parse_ok("N=2:100:50", &sc, &y);
	s = sweep_create(&sc, &x, &y, true, &err);
	assert_non_null(s);
	assert_int_equal(sweep_run(s, 0, NULL, NULL), 0);
	for (size_t i = 0; i < cases->count; i++) {
		const struct tree *c = tree_at(cases, i);
		double p[2], cost[2];
		int n = (int)tree_number_at(c, "N"), matched = 0;
		assert_int_equal(tree_numbers(tree_get(c, "p"), p, 2), 2);
		assert_int_equal(tree_numbers(tree_get(c, "c"), cost, 2), 2);
		assert_true(cost[0] == 0.02 && cost[1] == 0.01);
		for (int iy = 0; iy < sweep_rows(s); iy++)
			for (int ix = 0; ix < sweep_columns(s); ix++) {
				const struct sweep_point *pt =
					sweep_at(s, ix, iy);
				const struct contract *k = &pt->contract;
				double ref = tree_number_at(
					tree_get(c, "reference"), "Ev");
				if (pt->y != n || fabs(pt->x - p[0]) > 1e-12)
					continue;
				matched++;
				assert_true(pt->valid);
				assert_int_equal(k->result, SOLVER_OK);
				if (!(k->expected_value >= ref * (1 - 1e-7)))
					fail_msg("N=%d p1=%g: %.10f below the "
						 "reference's %.10f", n, p[0],
						 k->expected_value, ref);
				assert_true(test_rel(k->complete.expected_value,
						     tree_number_at(c,
						     "complete_Ev")) < 1e-6);
			}
		if (matched != 1)
			fail_msg("golden point N=%d p1=%g is not on the grid",
				 n, p[0]);
	}
	sweep_free(s);
	tree_free(golden);
}

/* The figure2 preset's grid, solved once for the Figure 2 tests. */
static struct sweep *figure2;

static int solve_figure2(void **state)
{
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;

	(void)state;
	if (preset_load(preset_find("figure2"), &sc, &err) != 0 ||
	    sweep_axis_parse(sc.sweep_x, &sc, &x, &err) != 0 ||
	    sweep_axis_parse(sc.sweep_y, &sc, &y, &err) != 0) {
		fprintf(stderr, "figure2: %s\n", err.msg);
		return -1;
	}
	figure2 = sweep_create(&sc, &x, &y, true, &err);
	if (figure2 == NULL || sweep_run(figure2, 0, NULL, NULL) != 0)
		return -1;
	return 0;
}

static int free_figure2(void **state)
{
	(void)state;
	sweep_free(figure2);
	return 0;
}

/* The preset carries Figure 2's axes: p1 in 30 steps, N = 2, 4, ..., 100. */
static void figure2_grid(void **state)
{
	const struct sweep *s = figure2;

	(void)state;
	assert_int_equal(sweep_columns(s), 30);
	assert_int_equal(sweep_rows(s), 50);
	assert_int_equal(sweep_x(s)->param, SWEEP_PROB);
	assert_int_equal(sweep_y(s)->param, SWEEP_N);
	assert_true(sweep_at(s, 0, 0)->x == 0.01);
	assert_true(sweep_at(s, 29, 0)->x == 0.99);
	for (int iy = 0; iy < 50; iy++) {
		assert_true(sweep_at(s, 0, iy)->y == 2 + 2 * iy);
		for (int ix = 0; ix < 30; ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			assert_true(pt->done && pt->valid);
			assert_int_equal(pt->contract.result, SOLVER_OK);
			assert_true(pt->contract.has_complete_info);
			assert_true(pt->contract.complete.information_cost <=
				    1e-9);
		}
	}
}

/*
 * Warm starts along the grid never cost optimality: every point is at
 * least as good as a cold solve of the same scenario.  (A warm SLSQP run
 * can give up at a degenerate start with ROUNDOFF_LIMITED; the solver
 * then solves cold as well.)
 */
static void figure2_warm_matches_cold(void **state)
{
	const struct sweep *s = figure2;
	struct solver *solver = solver_create();

	(void)state;
	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			struct scenario sc;
			struct model mdl;
			struct contract cold;
			struct cml_error err;
			assert_int_equal(preset_load(preset_find("figure2"), &sc,
						     &err), 0);
			assert_int_equal(sweep_apply(&sc, sweep_x(s), pt->x, &err), 0);
			assert_int_equal(sweep_apply(&sc, sweep_y(s), pt->y, &err), 0);
			assert_int_equal(model_init(&mdl, &sc, &err), 0);
			contract_solve(solver, &mdl, NULL, false, &cold);
			if (pt->contract.expected_accuracy <
			    cold.expected_accuracy * (1 - 1e-9))
				fail_msg("p1=%g N=%g: warm %.10g below cold %.10g",
					 pt->x, pt->y, pt->contract.expected_value,
					 cold.expected_value);
			model_free(&mdl);
		}
	solver_free(solver);
}

/*
 * Separating for low p1, pooling for high p1, with a single switch per
 * N (no partial pooling with two types, no return to separating).
 */
static void figure2_pooling_boundary(void **state)
{
	const struct sweep *s = figure2;
	char line[64];

	(void)state;
	print_message("Figure 2 grid: pooling boundary per N (last "
		      "separating p1 < first pooling p1)\n");
	for (int iy = 0; iy < sweep_rows(s); iy++) {
		int first_pool = -1;
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			enum pooling_status st =
				sweep_at(s, ix, iy)->contract.status;
			assert_true(st == POOLING_SEPARATING ||
				    st == POOLING_FULL);
			if (st == POOLING_FULL && first_pool < 0)
				first_pool = ix;
			if (first_pool >= 0)
				assert_int_equal(st, POOLING_FULL);
		}
		assert_int_equal(sweep_at(s, 0, iy)->contract.status,
				 POOLING_SEPARATING);
		assert_int_equal(sweep_at(s, 29, iy)->contract.status,
				 POOLING_FULL);
		assert_true(first_pool > 0);
		/* The switch lies between p1 = 0.3 and p1 = 0.6. */
		assert_true(sweep_at(s, first_pool, iy)->x > 0.3);
		assert_true(sweep_at(s, first_pool - 1, iy)->x < 0.6);
		snprintf(line, sizeof(line), "  N = %3.0f: %.4f < %.4f\n",
			 sweep_at(s, 0, iy)->y,
			 sweep_at(s, first_pool - 1, iy)->x,
			 sweep_at(s, first_pool, iy)->x);
		if (iy < 3 || iy == sweep_rows(s) - 1)
			print_message("%s", line);
	}
}

/* The largest loss to private costs: small N, types about equally likely. */
static void figure2_information_cost(void **state)
{
	const struct sweep *s = figure2;
	const struct sweep_point *worst = NULL;
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;
	struct sweep *half;

	(void)state;
	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			if (worst == NULL ||
			    pt->contract.complete.information_cost <
				    worst->contract.complete.information_cost)
				worst = pt;
		}
	print_message("most negative information cost %.4f at N = %.0f, "
		      "p1 = %.4f\n", worst->contract.complete.information_cost,
		      worst->y, worst->x);
	assert_true(worst->y == 2);
	assert_true(worst->x > 0.4 && worst->x < 0.6);
	assert_true(worst->contract.complete.information_cost > -1.65 &&
		    worst->contract.complete.information_cost < -1.60);

	/* At p1 = 0.5 exactly (off the grid): -1.6121, m = (1286.7, 1654.2). */
	assert_int_equal(preset_load(preset_find("figure2"), &sc, &err), 0);
	parse_ok("p.1=0.5:0.5:1", &sc, &x);
	parse_ok("N=2:2:1", &sc, &y);
	half = sweep_create(&sc, &x, &y, true, &err);
	assert_int_equal(sweep_step(half, 10.0), 1);
	const struct contract *k = &sweep_at(half, 0, 0)->contract;
	assert_true(fabs(k->complete.information_cost + 1.6121) < 1e-4);
	assert_int_equal(k->status, POOLING_SEPARATING);
	assert_true(fabs(k->type[0].contribution - 1286.7) < 0.1);
	assert_true(fabs(k->type[1].contribution - 1654.2) < 0.1);
	assert_true(fabs(k->type[1].rent - 3.962) < 1e-3);
	sweep_free(half);
}

/*
 * Rents: the high-cost type always breaks even; the low-cost type gets
 * none where type 2's IR binds (m_1 = 890.49) and, where the contract
 * pools, a rent that grows with N (5.611 at N = 2, 12.456 at N = 100).
 */
static void figure2_rents(void **state)
{
	const struct sweep *s = figure2;
	int binding = 0;

	(void)state;
	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			const struct contract *k = &pt->contract;
			/*
			 * Type 1 breaks even (Prop. 8): its rent is 0, not
			 * rounding noise (the map drew 7.1e-15 as a range).
			 */
			assert_true(k->type[0].rent == 0.0);
			assert_true(k->complete.rent[0] == 0.0);
			if (k->status == POOLING_SEPARATING &&
			    fabs(k->type[0].contribution - M1_IR_BINDING) <
				    1e-3) {
				assert_true(fabs(k->type[1].rent) < 1e-6);
				binding++;
			}
			/* Low p1 is that regime at every N. */
			if (pt->x <= 0.3)
				assert_true(fabs(k->type[0].contribution -
						 M1_IR_BINDING) < 1e-3);
			if (k->status != POOLING_FULL)
				continue;
			assert_true(k->type[1].rent > 0.0);
			if (iy > 0) {
				const struct contract *below =
					&sweep_at(s, ix, iy - 1)->contract;
				if (below->status == POOLING_FULL)
					assert_true(k->type[1].rent >
						    below->type[1].rent);
			}
		}
	print_message("separating with type 2's IR binding at %d of 1500 "
		      "points\n", binding);
	assert_true(binding >= 50 * 9);
	const struct contract *n2 = &sweep_at(s, 29, 0)->contract;
	const struct contract *n100 = &sweep_at(s, 29, 49)->contract;
	print_message("pooled: N = 2: m = %.2f, rent.2 = %.4f; N = 100: "
		      "m = %.2f, rent.2 = %.4f\n", n2->type[0].contribution,
		      n2->type[1].rent, n100->type[0].contribution,
		      n100->type[1].rent);
	assert_true(fabs(n2->type[1].rent - 5.611) < 1e-3);
	assert_true(fabs(n100->type[1].rent - 12.456) < 1e-3);
	assert_true(fabs(n2->type[0].contribution - 1451.6) < 0.05);
	assert_true(fabs(n100->type[0].contribution - 2136.1) < 0.05);
}

/* Reads a whole stream written by a report into a string. */
static char *capture(const struct sweep_report_input *in,
		     enum sweep_format format, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	sweep_report_write(f, format, in);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/*
 * A shard computes its interleaved part only, and cold points equal those
 * of a cold run of the whole grid, whatever the split.
 */
static void shards(void **state)
{
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;

	(void)state;
	two_types(&sc);
	parse_ok("p.1=0.2:0.8:4", &sc, &x);
	parse_ok("N=2:4:3", &sc, &y);
	struct sweep *whole = sweep_create(&sc, &x, &y, false, &err);
	sweep_set_cold(whole, true);
	assert_int_equal(sweep_run(whole, 2, NULL, NULL), 0);
	assert_true(sweep_finished(whole));
	assert_int_equal(sweep_set_shard(whole, 1, 2), -1); /* too late */
	for (int k = 1; k <= 3; k++) {
		struct sweep *part = sweep_create(&sc, &x, &y, false, &err);
		assert_int_equal(sweep_set_shard(part, 0, 3), -1);
		assert_int_equal(sweep_set_shard(part, 4, 3), -1);
		assert_int_equal(sweep_set_shard(part, k, 3), 0);
		sweep_set_cold(part, true);
		assert_int_equal(sweep_run(part, 1, NULL, NULL), 0);
		assert_true(sweep_finished(part));
		assert_int_equal(sweep_done(part), 4); /* 12 points / 3 */
		for (int iy = 0; iy < 3; iy++)
			for (int ix = 0; ix < 4; ix++) {
				const struct sweep_point *p = sweep_at(part, ix,
								       iy);
				const struct sweep_point *w = sweep_at(whole, ix,
								       iy);
				bool mine = (ix + 4 * iy) % 3 == k - 1;
				assert_int_equal(p->done, mine);
				if (mine)
					assert_memory_equal(p->contract.solution.m,
							    w->contract.solution.m,
							    sizeof(p->contract.solution.m));
			}
		sweep_free(part);
	}
	sweep_free(whole);
}

static void reports(void **state)
{
	struct scenario sc;
	struct sweep_axis x;
	struct cml_error err;
	struct sweep *s;
	struct sweep_report_input in = { .scenario = &sc, .source = "test" };
	enum sweep_format f;
	size_t len;
	char *text;
	struct tree *doc;

	(void)state;
	assert_int_equal(sweep_format_parse("json", &f), 0);
	assert_int_equal(f, SWEEP_FORMAT_JSON);
	assert_int_equal(sweep_format_parse("csv", &f), 0);
	assert_int_equal(f, SWEEP_FORMAT_CSV);
	assert_int_equal(sweep_format_parse("text", &f), -1);
	assert_string_equal(solver_result_key(SOLVER_OK), "ok");
	assert_string_equal(solver_result_key(SOLVER_STOPPED), "stopped");

	two_types(&sc);
	parse_ok("c.2=0.01:0.02:2", &sc, &x);
	s = sweep_create(&sc, &x, NULL, true, &err);
	in.sweep = s;
	/* Before solving: every row says "not done". */
	text = capture(&in, SWEEP_FORMAT_CSV, &len);
	assert_non_null(strstr(text, "0.01,not done" ",,,,,,,,,,,,,,,,,,,"
			       "not done\n"));
	free(text);
	assert_int_equal(sweep_run(s, 1, NULL, NULL), 0);
	text = capture(&in, SWEEP_FORMAT_CSV, &len);
	assert_non_null(strstr(text, "c.2,status,groups,expected_model_value,"
			       "complete_expected_model_value,"
			       "information_cost,m.1,t.1,u.1,rent.1,m.2,t.2,"
			       "u.2,rent.2,solver_result,evaluations,exact,"
			       "method,expectation_error,pooling_within_error,"
			       "reason\n0.01,"));
	assert_non_null(strstr(text, ",ok,"));
	/* How the expectations were computed, before the reason. */
	assert_non_null(strstr(text, ",true,exact,0,false,\n"));
	assert_non_null(strstr(text, "\n0.02,invalid" ",,,,,,,,,,,,,,,,,,,"
			       "c.2 = 0.02 reaches type 1's cost 0.02; types "
			       "must keep their cost order\n"));
	free(text);

	text = capture(&in, SWEEP_FORMAT_JSON, &len);
	doc = tree_parse(text, len);
	assert_non_null(doc);
	assert_string_equal(tree_get(doc, "schema")->text,
			    "cmlcontract.sweep/1");
	assert_string_equal(tree_get(tree_get(doc, "scenario"), "source")
				    ->text, "test");
	assert_string_equal(tree_get(tree_get(doc, "x"), "param")->text,
			    "c.2");
	assert_true(tree_number_at(tree_get(doc, "x"), "steps") == 2);
	assert_null(tree_get(doc, "y"));
	const struct tree *points = tree_get(doc, "points");
	assert_int_equal(points->count, 2);
	const struct tree *p0 = tree_at(points, 0), *p1 = tree_at(points, 1);
	assert_string_equal(tree_get(p0, "valid")->text, "true");
	assert_string_equal(tree_get(p0, "status")->text, "separating");
	assert_int_equal(tree_get(p0, "pooling_groups")->count, 2);
	assert_int_equal(tree_get(p0, "types")->count, 2);
	assert_true(tree_number_at(tree_at(tree_get(p0, "types"), 0),
				   "rent") < 1e-8);
	assert_true(tree_number_at(p0, "information_cost") < 0);
	assert_string_equal(tree_get(tree_get(p0, "solver"), "result")->text,
			    "ok");
	assert_string_equal(tree_get(p0, "exact")->text, "true");
	assert_string_equal(tree_get(p0, "method")->text, "exact");
	assert_true(tree_number_at(p0, "expectation_error") == 0);
	assert_string_equal(tree_get(p0, "pooling_within_error")->text,
			    "false");
	assert_null(tree_get(p1, "method"));
	assert_string_equal(tree_get(p1, "valid")->text, "false");
	assert_string_equal(tree_get(p1, "status")->text, "invalid");
	assert_non_null(strstr(tree_get(p1, "reason")->text, "cost order"));
	assert_true(tree_number_at(doc, "seconds") >= 0);
	tree_free(doc);
	free(text);
	sweep_free(s);
}

/*
 * outside.J.profit: type J's fixed outside profit as an axis (issue 11),
 * labelled, checked (type and range) and applied, replacing whatever
 * outside option the type had; other types keep theirs.
 */
static void axis_outside_profit(void **state)
{
	struct scenario sc;
	struct sweep_axis a;
	struct cml_error err;
	char label[SWEEP_LABEL_MAX], text[SWEEP_AXIS_TEXT_MAX];

	(void)state;
	three_types(&sc);
	parse_ok("outside.3.profit=0:60:4", &sc, &a);
	assert_int_equal(a.param, SWEEP_OUTSIDE_PROFIT);
	assert_int_equal(a.type, 2);
	sweep_axis_label(&a, label, sizeof(label));
	assert_string_equal(label, "outside.3.profit");
	sweep_axis_format(&a, text, sizeof(text));
	assert_string_equal(text, "outside.3.profit=0:60:4");
	assert_int_equal(sweep_apply(&sc, &a, 20, &err), 0);
	assert_int_equal(sc.types[2].outside.kind, OUTSIDE_PROFIT);
	assert_true(sc.types[2].outside.profit == 20);
	assert_int_equal(sc.types[1].outside.kind, OUTSIDE_COMMON);
	assert_int_equal(sweep_apply(&sc, &a, -1, &err), -1);
	assert_true(sc.types[2].outside.profit == 20); /* unchanged */
	parse_fails("outside.4.profit=0:1:2", &sc, "types 1 to 3");
	parse_fails("outside.0.profit=0:1:2", &sc, "types 1 to 3");
	parse_fails("outside.1.profit=-5:1:2", &sc, "outside the supported");
	struct sweep_axis b;
	parse_ok("outside.3.profit=1:2:2", &sc, &b);
	assert_true(sweep_axis_conflict(&a, &b));
	parse_ok("outside.2.profit=1:2:2", &sc, &b);
	assert_false(sweep_axis_conflict(&a, &b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(axis_parse_valid),
		cmocka_unit_test(axis_format_round_trip),
		cmocka_unit_test(axis_parse_errors),
		cmocka_unit_test(axis_family_keys),
		cmocka_unit_test(axis_valuation_keys),
		cmocka_unit_test(axis_names_echoed),
		cmocka_unit_test(axis_conflicts),
		cmocka_unit_test(axis_outside_profit),
		cmocka_unit_test(apply_edits),
		cmocka_unit_test(serpentine_steps),
		cmocka_unit_test(threads_agree),
		cmocka_unit_test(invalid_points),
		cmocka_unit_test(create_errors),
		cmocka_unit_test(shards),
		cmocka_unit_test(reports),
		cmocka_unit_test(golden_points),
	};
	const struct CMUnitTest figure2_tests[] = {
		cmocka_unit_test(figure2_grid),
		cmocka_unit_test(figure2_warm_matches_cold),
		cmocka_unit_test(figure2_pooling_boundary),
		cmocka_unit_test(figure2_information_cost),
		cmocka_unit_test(figure2_rents),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	failed += cmocka_run_group_tests_name("figure2", figure2_tests,
					      solve_figure2, free_figure2);
	return failed;
}

/*
 * test-incentives.c - the incentive table and the binding constraints.
 *
 * Everything the engine reports is recomputed here from m and t alone
 * (the presets, 150 random scenarios, and the JSON that 'cmlcontract
 * solve' prints), binding slacks are shown to be ~0 and the others far
 * from it, and hand-made contracts pin the tolerance within a factor 2.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "incentives.h"
#include "presets.h"
#include "testutil.h"
#include "tree.h"

#define RANDOM_SCENARIOS 150

/* The binding lists as this test expects them, from m, t, f and groups. */
struct expected {
	int nir, nic;
	int ir[CML_MAX_TYPES];
	int ic[CML_MAX_TYPES * CML_MAX_TYPES][2];
};

/*
 * The rule, written out again: IR binds where |u_i - f_i| <= tol; the IC
 * of type i towards option j binds where |u_i - (t_j - c_i m_j)| <= tol
 * and j is in another pooling group; of a group's binding members only
 * the nearest to i is listed, groups in order.
 */
static void expect_binding(int types, const double *m, const double *t,
			   const double *cost, const double *rent,
			   const int *group, double tol, struct expected *e)
{
	e->nir = e->nic = 0;
	for (int i = 0; i < types; i++)
		if (fabs(rent[i]) <= tol)
			e->ir[e->nir++] = i;
	for (int i = 0; i < types; i++) {
		double own = t[i] - cost[i] * m[i];
		for (int j = 0; j < types;) {
			int g = group[j], near = -1;
			for (; j < types && group[j] == g; j++) {
				double slack = own - (t[j] - cost[i] * m[j]);
				if (g != group[i] && fabs(slack) <= tol &&
				    (near < 0 || abs(j - i) < abs(near - i)))
					near = j;
			}
			if (near >= 0) {
				e->ic[e->nic][0] = i;
				e->ic[e->nic][1] = near;
				e->nic++;
			}
		}
	}
}

/* The engine's record of a contract against the rule above. */
static void check_against_rule(const struct model *mdl,
			       const struct contract *k,
			       const struct incentives *inc)
{
	int types = k->ntypes, group[CML_MAX_TYPES];
	double m[CML_MAX_TYPES], t[CML_MAX_TYPES], rent[CML_MAX_TYPES];
	struct expected *e = malloc(sizeof(*e));

	assert_non_null(e);
	assert_int_equal(inc->ntypes, types);
	assert_true(inc->tolerance == 1e-7 * mdl->value_scale);
	for (int i = 0; i < types; i++) {
		m[i] = k->solution.m[i];
		t[i] = k->solution.t[i];
		rent[i] = k->type[i].rent;
		group[i] = k->type[i].group;
	}
	for (int i = 0; i < types; i++) {
		for (int j = 0; j < types; j++)
			assert_true(inc->payoff[i][j] == t[j] - mdl->cost[i] * m[j]);
		assert_true(fabs(inc->payoff[i][i] - k->type[i].utility) <=
			    1e-12 * mdl->value_scale);
		assert_true(inc->ir_slack[i] == rent[i]);
	}
	expect_binding(types, m, t, mdl->cost, rent, group, inc->tolerance, e);
	assert_int_equal(inc->nbinding_ir, e->nir);
	for (int k2 = 0; k2 < e->nir; k2++) {
		assert_int_equal(inc->binding_ir[k2], e->ir[k2]);
		assert_true(inc->ir_binds[e->ir[k2]]);
	}
	assert_int_equal(inc->nbinding_ic, e->nic);
	for (int p = 0; p < e->nic; p++) {
		assert_int_equal(inc->binding_ic[p].type, e->ic[p][0]);
		assert_int_equal(inc->binding_ic[p].option, e->ic[p][1]);
		assert_true(inc->ic_binds[e->ic[p][0]][e->ic[p][1]]);
	}
	/* The best deviation: no option of another group pays more. */
	for (int i = 0; i < types; i++) {
		int best = inc->best_deviation[i];
		if (k->ngroups == 1) {
			assert_int_equal(best, -1);
			continue;
		}
		assert_true(best >= 0 && group[best] != group[i]);
		for (int j = 0; j < types; j++)
			if (group[j] != group[i])
				assert_true(inc->payoff[i][j] <=
					    inc->payoff[i][best] + inc->tolerance);
		assert_true(inc->best_slack[i] ==
			    incentives_slack(inc, i, best));
	}
	free(e);
}

/*
 * Binding slacks are ~0 and the others far away: no slack of another
 * group's option, and no IR slack, lies within a factor 100 of the
 * tolerance, so neither a tolerance 100 times smaller nor one 100 times
 * larger would change a list.  Above the tolerance, an IC across nearly
 * pooled neighbours (adjacent m within 1e-3 of the largest m, anywhere
 * from i to j) may come closer when near_pooled_ok: its slack collects
 * terms (c_k - c_l)(m_l - m_k) of those gaps, as small as they are.
 * Returns the slacks counted as binding.
 */
static int check_gap(const struct contract *k, const struct incentives *inc,
		     const char *what, bool near_pooled_ok)
{
	double tol = inc->tolerance, largest = 0.0;
	int binding = 0;

	for (int i = 0; i < k->ntypes; i++)
		largest = fmax(largest, k->solution.m[i]);
	for (int i = 0; i < k->ntypes; i++) {
		double ir = fabs(inc->ir_slack[i]);
		if (ir > tol / 100.0 && ir < tol * 100.0)
			fail_msg("%s: type %d's IR slack %g is near the tolerance",
				 what, i + 1, ir);
		for (int j = 0; j < k->ntypes; j++) {
			if (k->type[j].group == k->type[i].group)
				continue;
			double s = fabs(incentives_slack(inc, i, j));
			bool near = false;
			for (int l = (i < j ? i : j) + 1; l <= (i < j ? j : i); l++)
				near |= k->solution.m[l] - k->solution.m[l - 1] <=
					1e-3 * largest;
			if (s > tol / 100.0 && s < tol * 100.0 &&
			    !(s > tol && near && near_pooled_ok))
				fail_msg("%s: IC %d->%d slack %g is near the "
					 "tolerance", what, i + 1, j + 1, s);
			binding += s <= tol;
		}
	}
	return binding;
}

/* A preset's model and contract. */
static void solve_preset(const char *name, struct model *mdl,
			 struct contract *k)
{
	struct scenario sc;
	struct cml_error err;

	assert_int_equal(preset_load(preset_find(name), &sc, &err), 0);
	test_model(mdl, &sc);
	assert_true(test_solve(mdl, false, k) >= 0);
}

static void test_presets(void **state)
{
	(void)state;
	/* The answers, 1-based, as a lecturer reads them. */
	static const struct {
		const char *name, *line;
	} cases[] = {
		{ "twotype", "IR binds: 1 - IC binds: 2->1" },
		{ "scenario1", "IR binds: 1 - IC binds: 5->4" },
		{ "scenario2", "IR binds: 1 - IC binds: none" },
		{ "scenario3", "IR binds: 1, 3, 5 - IC binds: 3->2, 5->4" },
		{ "figure2", "IR binds: 1 - IC binds: 2->1" },
	};
	struct contract *k = malloc(sizeof(*k));
	struct incentives *inc = malloc(sizeof(*inc));
	char line[INCENTIVES_BINDING_MAX];

	assert_non_null(k);
	assert_non_null(inc);
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct model mdl;
		solve_preset(cases[c].name, &mdl, k);
		incentives_compute(&mdl, k, inc);
		check_against_rule(&mdl, k, inc);
		check_gap(k, inc, cases[c].name, false);
		incentives_format_binding(inc, true, 200, line, sizeof(line));
		assert_string_equal(line, cases[c].line);
		/* Binding slacks are rounding, a millionth of the tolerance. */
		for (int p = 0; p < inc->nbinding_ic; p++)
			assert_true(fabs(incentives_slack(inc,
						inc->binding_ic[p].type,
						inc->binding_ic[p].option)) <
				    1e-6 * inc->tolerance);
		model_free(&mdl);
	}
	free(inc);
	free(k);
}

/* scenario 3 in UTF-8, and a marked best deviation and IR column. */
static void test_scenario3_details(void **state)
{
	(void)state;
	struct contract *k = malloc(sizeof(*k));
	struct incentives *inc = malloc(sizeof(*inc));
	struct model mdl;
	char line[256];

	assert_non_null(k);
	assert_non_null(inc);
	solve_preset("scenario3", &mdl, k);
	incentives_compute(&mdl, k, inc);
	incentives_format_binding(inc, false, 200, line, sizeof(line));
	assert_string_equal(line, "IR binds: 1, 3, 5 \u00b7 IC binds: 3\u21922, "
			    "5\u21924");
	/* A 40-column status pane: short labels, every entry. */
	incentives_format_binding(inc, false, 37, line, sizeof(line));
	assert_string_equal(line, "IR: 1, 3, 5 \u00b7 IC: 3\u21922, 5\u21924");
	incentives_format_binding(inc, false, 25, line, sizeof(line));
	assert_string_equal(line, "IR: 1, 3, 5 \u00b7 IC: +2 more");
	/* Type 4 (rent 5.47) would lose 10.6 by taking the {1,2} option. */
	assert_int_equal(inc->best_deviation[3], 1);
	assert_true(fabs(inc->best_slack[3] - 10.6221) < 1e-4);
	assert_true(fabs(inc->ir_slack[3] - 5.4730) < 1e-4);
	/* Type 5 binds with both members of {3,4}; the list names 4. */
	assert_true(inc->ic_binds[4][2] && inc->ic_binds[4][3]);
	assert_false(inc->ic_binds[3][2]); /* pooled with 3 */
	assert_false(inc->ic_binds[0][1]); /* pooled with 2 */
	model_free(&mdl);
	free(inc);
	free(k);
}

/* Random scenarios as in test-properties.c: 2 to 6 types, N 1 to 30. */
static void random_scenario(struct test_rng *rng, struct scenario *sc)
{
	double sum = 0.0;

	scenario_init(sc);
	sc->ntypes = test_int(rng, 2, 6);
	sc->participants = test_int(rng, 1, 30);
	if (test_uniform(rng) < 1.0 / 3.0)
		sc->valuation.param[0] = pow(10.0, 1.0 + 2.0 * test_uniform(rng));
	for (int i = 0; i < sc->ntypes; i++) {
		snprintf(sc->types[i].name, sizeof(sc->types[i].name), "t%d", i);
		sc->types[i].cost = pow(10.0, -3.0 + 3.0 * test_uniform(rng)) *
				    sc->valuation.param[0] / 100.0;
		sum += sc->types[i].prob = 0.05 + test_uniform(rng);
	}
	for (int i = 0; i < sc->ntypes; i++)
		sc->types[i].prob /= sum;
	scenario_sort_types(sc, NULL);
}

static void test_random(void **state)
{
	(void)state;
	struct test_rng rng = { 20251010 };
	struct contract *k = malloc(sizeof(*k));
	struct incentives *inc = malloc(sizeof(*inc));
	int binding = 0, adjacent = 0;

	assert_non_null(k);
	assert_non_null(inc);
	for (int trial = 0; trial < RANDOM_SCENARIOS; trial++) {
		struct scenario sc;
		struct model mdl;
		char what[32];
		random_scenario(&rng, &sc);
		test_model(&mdl, &sc);
		assert_true(test_solve(&mdl, false, k) >= 0);
		incentives_compute(&mdl, k, inc);
		check_against_rule(&mdl, k, inc);
		snprintf(what, sizeof(what), "trial %d", trial);
		binding += check_gap(k, inc, what, true);
		/*
		 * Where Theorem 1 holds, every type at the start of a group
		 * binds with the option just below it (the nearest member of
		 * the group below); where it fails, its reason is given.
		 */
		if (k->checks[CHECK_ADJACENT].pass) {
			for (int g = 1; g < k->ngroups; g++) {
				int i = k->group_first[g];
				assert_true(inc->ic_binds[i][i - 1]);
				adjacent++;
			}
		} else {
			char why[256];
			incentives_check_reason(k, inc, CHECK_ADJACENT, why,
						sizeof(why));
			assert_non_null(strstr(why, "Theorem 1 does not hold"));
		}
		model_free(&mdl);
	}
	print_message("%d binding ICs, %d adjacent by Theorem 1\n", binding,
		      adjacent);
	assert_true(adjacent > 100);
	free(inc);
	free(k);
}

/*
 * A hand-made contract of three separated types whose slacks sit at half
 * and at twice the tolerance: a tolerance off by a factor of 2 either
 * way changes the lists.
 */
static void test_tolerance_pinned(void **state)
{
	(void)state;
	struct model *mdl = calloc(1, sizeof(*mdl));
	struct contract *k = calloc(1, sizeof(*k));
	struct incentives *inc = malloc(sizeof(*inc));
	const double cost[3] = { 0.5, 0.2, 0.1 }, m[3] = { 10, 50, 100 };

	assert_true(mdl != NULL && k != NULL && inc != NULL);
	for (double scale = 100.0; scale <= 1e6; scale *= 100.0) {
		double tol = INCENTIVES_BINDING_TOL * scale;
		mdl->ntypes = k->ntypes = 3;
		mdl->value_scale = scale;
		k->ngroups = 3;
		for (int i = 0; i < 3; i++) {
			mdl->cost[i] = cost[i];
			k->type[i].contribution = k->solution.m[i] = m[i];
			k->type[i].group = k->group_first[i] = i;
			k->group_size[i] = 1;
		}
		/* u_1 = f_1 + tol / 2: binds; type 2 is tol / 2 above option 1,
		   type 3 twice the tolerance above option 2: does not bind. */
		double t[3];
		t[0] = 5.0 + cost[0] * m[0] + tol / 2;
		t[1] = t[0] + cost[1] * (m[1] - m[0]) + tol / 2;
		t[2] = t[1] + cost[2] * (m[2] - m[1]) + 2 * tol;
		for (int i = 0; i < 3; i++) {
			k->type[i].reward_value = k->solution.t[i] = t[i];
			k->type[i].utility = t[i] - cost[i] * m[i];
			k->type[i].rent = i == 0 ? tol / 2 : 2 * tol;
		}
		incentives_compute(mdl, k, inc);
		assert_true(inc->tolerance == tol);
		assert_int_equal(inc->nbinding_ir, 1);
		assert_int_equal(inc->binding_ir[0], 0);
		assert_int_equal(inc->nbinding_ic, 1);
		assert_int_equal(inc->binding_ic[0].type, 1);
		assert_int_equal(inc->binding_ic[0].option, 0);
		assert_false(inc->ic_binds[2][1]);
		check_against_rule(mdl, k, inc);
		/* Pooling types 2 and 3 takes their IC out of the lists. */
		k->type[2].group = 1;
		k->group_size[1] = 2;
		k->ngroups = 2;
		k->type[2].reward_value = k->solution.t[2] = t[1];
		k->type[2].contribution = k->solution.m[2] = m[1];
		k->type[2].utility = t[1] - cost[2] * m[1];
		incentives_compute(mdl, k, inc);
		assert_false(inc->ic_binds[2][1] || inc->ic_binds[1][2]);
		/* Type 3 now binds with option 1 through option 2's group. */
		check_against_rule(mdl, k, inc);
	}
	free(inc);
	free(k);
	free(mdl);
}

/*
 * The length of a list's shown part: up to " +N more", or to the label's
 * end when every entry is counted ("IC binds: +5 more").
 */
static size_t shown_length(const char *part)
{
	const char *all_counted = strstr(part, ": +");
	const char *more = strstr(part, " +");

	if (all_counted != NULL)
		return (size_t)(all_counted + 2 - part);
	return more != NULL ? (size_t)(more - part) : strlen(part);
}

/* One list of a shortened line against the same list of the full one. */
static void check_part(const char *full, size_t full_len, const char *s,
		       size_t len)
{
	char part[INCENTIVES_BINDING_MAX];

	snprintf(part, sizeof(part), "%.*s", (int)len, s);
	size_t shown = shown_length(part);
	assert_true(shown <= full_len);
	assert_true(strncmp(part, full, shown) == 0);
	/* It ends where an entry ends (or the label does): none is cut. */
	assert_true(shown == full_len || full[shown] == ',' ||
		    part[shown - 1] == ' ');
	if (shown < len)
		assert_non_null(strstr(part + shown, " more"));
}

/* Whether s (from the formatter) lists only whole entries of full. */
static void check_shortened(const char *full, const char *s, int width,
			    bool ascii)
{
	const char *sep = ascii ? " - " : " \u00b7 ";
	int cols = 0;

	for (const char *p = s; *p; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	assert_true(cols <= width);
	if (s[0] == '\0')
		return;
	const char *ic = strstr(s, sep), *full_ic = strstr(full, sep);
	assert_non_null(ic);
	assert_non_null(full_ic);
	/* Shortened lines have the short labels: compare in those. */
	char brief[INCENTIVES_BINDING_MAX];
	if (strncmp(s, "IR: ", 4) == 0) {
		snprintf(brief, sizeof(brief), "IR: %.*s%sIC: %s",
			 (int)(full_ic - full - 10), full + 10, sep,
			 full_ic + strlen(sep) + 10);
		full = brief;
		full_ic = strstr(full, sep);
	}
	check_part(full, (size_t)(full_ic - full), s, (size_t)(ic - s));
	check_part(full_ic, strlen(full_ic), ic, strlen(ic));
}

/* Long lists, every width: whole entries and a count, never a cut one. */
static void test_format_widths(void **state)
{
	(void)state;
	struct incentives *inc = calloc(1, sizeof(*inc));
	char full[INCENTIVES_BINDING_MAX], line[INCENTIVES_BINDING_MAX];

	assert_non_null(inc);
	inc->ntypes = 64;
	for (int i = 0; i < 40; i++)
		inc->binding_ir[inc->nbinding_ir++] = (uint8_t)i;
	for (int i = 1; i < 64; i++)
		for (int j = 0; j < i; j += 7)
			inc->binding_ic[inc->nbinding_ic++] =
				(struct incentive_pair){ (uint8_t)i, (uint8_t)j };
	for (int a = 0; a < 2; a++) {
		bool ascii = a == 0;
		incentives_format_binding(inc, ascii, (int)sizeof(full) - 1, full,
					  sizeof(full));
		assert_non_null(strstr(full, ascii ? "64->57" : "64\u219257"));
		assert_null(strstr(full, "more"));
		for (int width = 0; width <= 400; width++) {
			incentives_format_binding(inc, ascii, width, line,
						  sizeof(line));
			check_shortened(full, line, width, ascii);
		}
		/* A short buffer never cuts either. */
		incentives_format_binding(inc, ascii, 1000, line, 50);
		check_shortened(full, line, 49, ascii);
	}
	incentives_format_binding(inc, true, 50, line, sizeof(line));
	assert_string_equal(line, "IR: 1, 2, 3, 4, 5, 6, 7 +33 more - IC: "
			    "+315 more");
	incentives_format_binding(inc, true, 29, line, sizeof(line));
	assert_string_equal(line, "IR: +40 more - IC: +315 more");
	incentives_format_binding(inc, true, 27, line, sizeof(line));
	assert_string_equal(line, "");
	free(inc);
}

/* N = 1 breaks Theorem 1; every failing check has a reason, a passing
   one none. */
static void test_reasons(void **state)
{
	(void)state;
	struct contract *k = malloc(sizeof(*k));
	struct incentives *inc = malloc(sizeof(*inc));
	struct scenario sc;
	struct cml_error err;
	struct model mdl;
	char why[256];

	assert_non_null(k);
	assert_non_null(inc);
	assert_int_equal(preset_load(preset_find("scenario3"), &sc, &err), 0);
	sc.participants = 1;
	test_model(&mdl, &sc);
	assert_true(test_solve(&mdl, false, k) >= 0);
	incentives_compute(&mdl, k, inc);
	assert_false(k->checks[CHECK_ADJACENT].pass);
	incentives_check_reason(k, inc, CHECK_ADJACENT, why, sizeof(why));
	assert_string_equal(why, "adjacent IC slack 49.1 (3->2): Theorem 1 "
			    "does not hold here; the full problem is solved");
	for (int c = 0; c < CHECK_COUNT; c++) {
		incentives_check_reason(k, inc, c, why, sizeof(why));
		assert_true((why[0] == '\0') == k->checks[c].pass);
	}
	/* Each other check, made to fail: a sentence with a number. */
	for (int c = 0; c < CHECK_COUNT; c++) {
		struct check_result saved = k->checks[c];
		k->checks[c].pass = false;
		k->checks[c].applicable = true;
		k->checks[c].worst_slack = -0.25;
		k->checks[c].where = c == CHECK_FAIRNESS ? 2 :
				     c == CHECK_WEAK_EFFICIENCY ? 4 :
				     c == CHECK_BREAK_EVEN ? 0 : 3;
		incentives_check_reason(k, inc, c, why, sizeof(why));
		assert_true(strlen(why) > 20);
		assert_non_null(strpbrk(why, "0123456789"));
		assert_null(strchr(why, '\n'));
		k->checks[c] = saved;
	}
	model_free(&mdl);
	free(inc);
	free(k);
}

/* The command's output, read whole. */
static char *run(const char *args)
{
	const char *bin = getenv("CMLCONTRACT");
	char command[1024];
	size_t len = 0, cap = 1 << 16;
	char *text = malloc(cap);

	assert_non_null(text);
	snprintf(command, sizeof(command), "'%s' %s", bin ? bin : CMLCONTRACT_BIN,
		 args);
	FILE *p = popen(command, "r");
	assert_non_null(p);
	size_t n;
	while ((n = fread(text + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			text = realloc(text, cap);
			assert_non_null(text);
		}
	}
	assert_int_equal(pclose(p), 0);
	text[len] = '\0';
	return text;
}

/*
 * 'solve --format json' has binding and incentives, and they are what
 * the JSON's own m, t, costs, rents and groups give.
 */
static void check_json(const char *args)
{
	char *text = run(args);
	struct tree *doc = tree_parse(text, strlen(text));
	struct expected *e = malloc(sizeof(*e));
	double m[CML_MAX_TYPES], t[CML_MAX_TYPES], cost[CML_MAX_TYPES],
		rent[CML_MAX_TYPES];
	int group[CML_MAX_TYPES];

	assert_non_null(doc);
	assert_non_null(e);
	const struct tree *types = tree_get(doc, "types");
	const struct tree *matrix = tree_get(doc, "incentives");
	const struct tree *binding = tree_get(doc, "binding");
	assert_non_null(types);
	assert_non_null(matrix);
	assert_non_null(binding);
	int n = (int)types->count;
	assert_int_equal(matrix->count, n);
	for (int i = 0; i < n; i++) {
		const struct tree *ty = tree_at(types, i);
		m[i] = tree_number_at(ty, "contribution");
		t[i] = tree_number_at(ty, "reward_value");
		cost[i] = tree_number_at(ty, "cost");
		rent[i] = tree_number_at(ty, "rent");
		group[i] = (int)tree_number_at(ty, "group");
	}
	for (int i = 0; i < n; i++) {
		const struct tree *row = tree_at(matrix, i);
		assert_int_equal(row->count, n);
		for (int j = 0; j < n; j++)
			assert_true(tree_number(tree_at(row, j)) ==
				    t[j] - cost[i] * m[j]);
	}
	const struct tree *valuation = tree_get(doc, "valuation");
	const struct tree *accuracy = tree_get(doc, "accuracy");
	double tol = tree_number_at(binding, "tolerance");
	assert_true(test_rel(tol, 1e-7 * tree_number_at(valuation, "scale") *
					  tree_number_at(accuracy, "a_opt")) <
		    1e-12);
	expect_binding(n, m, t, cost, rent, group, tol, e);
	const struct tree *ir = tree_get(binding, "ir");
	const struct tree *ic = tree_get(binding, "ic");
	assert_int_equal(ir->count, e->nir);
	for (int k = 0; k < e->nir; k++)
		assert_true(tree_number(tree_at(ir, k)) == e->ir[k] + 1);
	assert_int_equal(ic->count, e->nic);
	for (int p = 0; p < e->nic; p++) {
		assert_true(tree_number(tree_at(tree_at(ic, p), 0)) ==
			    e->ic[p][0] + 1);
		assert_true(tree_number(tree_at(tree_at(ic, p), 1)) ==
			    e->ic[p][1] + 1);
	}
	tree_free(doc);
	free(e);
	free(text);
}

static void test_cli_json(void **state)
{
	(void)state;
	char path[] = "/tmp/test-incentives-XXXXXX";
	int fd = mkstemp(path);
	char args[256];

	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	/* N = 1 of scenario 3: Theorem 1 fails; 7 types at N = 4. */
	fputs("participants: 1\ntypes:\n"
	      "  - {cost: 0.5, prob: 0.2}\n  - {cost: 0.4, prob: 0.2}\n"
	      "  - {cost: 0.03, prob: 0.2}\n  - {cost: 0.02, prob: 0.2}\n"
	      "  - {cost: 0.001, prob: 0.2}\n", f);
	fclose(f);
	static const char *const presets_run[] = {
		"twotype", "scenario1", "scenario2", "scenario3", "figure2",
	};
	for (size_t p = 0; p < sizeof(presets_run) / sizeof(presets_run[0]);
	     p++) {
		snprintf(args, sizeof(args), "solve %s --format json",
			 presets_run[p]);
		check_json(args);
	}
	snprintf(args, sizeof(args), "solve '%s' --format json", path);
	check_json(args);
	char *text = run(args);
	assert_non_null(strstr(text, "\"reason\": \"adjacent IC slack 49.1 "
				     "(3->2): Theorem 1 does not hold here"));
	free(text);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_scenario3_details),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_tolerance_pinned),
		cmocka_unit_test(test_format_widths),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_cli_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

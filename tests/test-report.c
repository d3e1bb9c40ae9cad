/*
 * test-report.c - number formatting, reward distributions and histograms,
 * and the three report formats (JSON read back through a parser).
 */
#include <math.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "contract-diff.h"
#include "moments.h"
#include "numfmt.h"
#include "presets.h"
#include "report.h"
#include "rewards.h"
#include "textsafe.h"
#include "rounding.h"
#include "testutil.h"
#include "tree.h"

/* A number fitted to a width loses digits, then goes scientific. */
static void test_numfmt_fit(void **state)
{
	(void)state;
	char buf[32];

	assert_string_equal(numfmt_fit(buf, sizeof(buf), 52.195, 10, 4), "52.20");
	assert_string_equal(numfmt_fit(buf, sizeof(buf), 52.195, 4, 4), "52.2");
	assert_string_equal(numfmt_fit(buf, sizeof(buf), 52.195, 2, 4), "52");
	assert_string_equal(numfmt_fit(buf, sizeof(buf), 11740.7, 5, 6), "11741");
	assert_string_equal(numfmt_fit(buf, sizeof(buf), 11740.7, 4, 6), "1e4");
	assert_string_equal(numfmt_fit(buf, sizeof(buf), 11740.7, 2, 6), "");
	assert_string_equal(numfmt_fit(buf, sizeof(buf), 3.2e-7, 5, 3), "3e-7");
}

/* A groups list never shows a group cut short: it counts the rest. */
static void test_groups_within(void **state)
{
	(void)state;
	struct contract c;
	char buf[128];

	memset(&c, 0, sizeof(c));
	c.ntypes = 6;
	c.ngroups = 5;
	const int first[5] = { 0, 2, 3, 4, 5 }, count[5] = { 2, 1, 1, 1, 1 };
	for (int g = 0; g < 5; g++) {
		c.group_first[g] = first[g];
		c.group_size[g] = count[g];
	}
	contract_format_groups_within(&c, 40, buf, sizeof(buf));
	assert_string_equal(buf, "{1,2} {3} {4} {5} {6}");
	contract_format_groups_within(&c, 21, buf, sizeof(buf));
	assert_string_equal(buf, "{1,2} {3} {4} {5} {6}");
	contract_format_groups_within(&c, 20, buf, sizeof(buf));
	assert_string_equal(buf, "{1,2} {3} +3 more");
	contract_format_groups_within(&c, 13, buf, sizeof(buf));
	assert_string_equal(buf, "{1,2} +4 more");
	contract_format_groups_within(&c, 12, buf, sizeof(buf));
	assert_string_equal(buf, "+5 more");
	contract_format_groups_within(&c, 7, buf, sizeof(buf));
	assert_string_equal(buf, "+5 more");
	contract_format_groups_within(&c, 6, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

/*
 * 64 types: every one apart is 310 characters, all of it in a buffer of
 * CONTRACT_GROUPS_MAX; a smaller buffer or width counts the rest.
 */
static void test_groups_most_types(void **state)
{
	(void)state;
	struct contract c;
	char all[CONTRACT_GROUPS_MAX], small[128];

	memset(&c, 0, sizeof(c));
	c.ntypes = c.ngroups = CML_MAX_TYPES;
	for (int g = 0; g < c.ngroups; g++) {
		c.group_first[g] = g;
		c.group_size[g] = 1;
	}
	contract_format_groups(&c, all, sizeof(all));
	assert_int_equal(strlen(all), 310);
	assert_string_equal(all + 306, "{64}");
	contract_format_groups_within(&c, 1000, all, sizeof(all));
	assert_int_equal(strlen(all), 310);
	/* Width 200 but room for 127: whole groups, then the count. */
	contract_format_groups_within(&c, 200, small, sizeof(small));
	assert_true(strlen(small) <= 127);
	assert_non_null(strstr(small, "{1} {2} "));
	size_t len = strlen(small);
	assert_true(len > 8 && strcmp(small + len - 5, " more") == 0);
	assert_non_null(strstr(small, "} +"));
	/* One group of all 64. */
	c.ngroups = 1;
	c.group_size[0] = CML_MAX_TYPES;
	contract_format_groups(&c, all, sizeof(all));
	assert_int_equal(strlen(all), 184);
	assert_string_equal(all + 177, ",63,64}");
	contract_format_groups_within(&c, 100, small, sizeof(small));
	assert_string_equal(small, "+1 more");
}

static void test_numfmt(void **state)
{
	(void)state;
	char buf[64];

	assert_string_equal(numfmt_sig(buf, sizeof(buf), 104.38909, 6), "104.389");
	assert_string_equal(numfmt_sig(buf, sizeof(buf), 0.0, 6), "0");
	assert_string_equal(numfmt_sig(buf, sizeof(buf), -1e-9, 3), "-1.00e-09");
	assert_string_equal(numfmt_sig(buf, sizeof(buf), NAN, 3), "-");
	assert_string_equal(numfmt_fixed(buf, sizeof(buf), -0.00001, 3), "0.000");
	assert_string_equal(numfmt_fixed(buf, sizeof(buf), 52.19456, 4), "52.1946");
	assert_string_equal(numfmt_exact(buf, sizeof(buf), 0.1), "0.1");
	assert_string_equal(numfmt_exact(buf, sizeof(buf), INFINITY), "null");
	double tricky = 0.1 + 0.2;
	assert_true(strtod(numfmt_exact(buf, sizeof(buf), tricky), NULL) == tricky);
	assert_string_equal(numfmt_duration(buf, sizeof(buf), 0.00084), "0.840 ms");
	assert_string_equal(numfmt_duration(buf, sizeof(buf), 1.5), "1.50 s");
	/* A bound is rounded up, never down, to one digit; no cut numbers. */
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 3e-11), "3e-11");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 2.1e-11), "3e-11");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 1.4e-6), "2e-6");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 9.5e-8), "1e-7");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 1e-5), "1e-5");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 0.0012), "0.002");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 0.25), "0.3");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 37), "40");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), 0), "0");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), NAN), "-");
	assert_string_equal(numfmt_bound(buf, sizeof(buf), INFINITY), "inf");
}

/* Scenario 3 of the paper, solved once for the tests below. */
static struct scenario sc3;
static struct model mdl3;
static struct contract k3;

static int setup(void **state)
{
	(void)state;
	double cost[5] = { 0.5, 0.4, 0.03, 0.02, 0.001 };
	double prob[5] = { 0.2, 0.2, 0.2, 0.2, 0.2 };

	test_scenario(&sc3, 10, 5, cost, prob);
	snprintf(sc3.name, sizeof(sc3.name), "scenario3");
	snprintf(sc3.description, sizeof(sc3.description),
		 "Types 1-2 would not train alone, \"3-5\" would.\n");
	test_model(&mdl3, &sc3);
	return test_solve(&mdl3, true, &k3) == SOLVER_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	model_free(&mdl3);
	return 0;
}

static void test_reward_distributions(void **state)
{
	(void)state;
	double tbar[5];

	for (int i = 0; i < 5; i++)
		tbar[i] = k3.type[i].tbar;
	for (int i = 0; i < 5; i++) {
		struct reward_distribution dist;
		struct histogram h;
		double total = 0.0, mean = 0.0;
		assert_int_equal(rewards_distribution(&mdl3, k3.solution.m,
						      k3.solution.t, tbar, i, &dist), 0);
		assert_true(dist.count > 1);
		for (size_t a = 0; a < dist.count; a++) {
			total += dist.atoms[a].prob;
			if (a > 0)
				assert_true(dist.atoms[a].value > dist.atoms[a - 1].value);
			/* Prop. 5: never more than the collective model. */
			assert_true(dist.atoms[a].value <= 100.0);
		}
		assert_true(fabs(total - 1.0) < 1e-12);
		assert_true(test_rel(dist.mean_value, k3.solution.t[i]) < 1e-10);
		/* Linear v: E[r_i] = t_i / scale. */
		assert_true(test_rel(dist.mean_accuracy, k3.solution.t[i] / 100) < 1e-10);
		for (int bins = 1; bins <= 40; bins += 13) {
			assert_int_equal(rewards_histogram(&dist, 40.0, 100.0, bins, &h), 0);
			double weight = 0.0;
			mean = 0.0;
			for (int b = 0; b < bins; b++) {
				weight += h.weight[b];
				mean += h.weight[b] * h.mean[b];
				if (h.weight[b] > 0 && bins > 1) {
					/* A bin's mean lies in the bin (end bins clamp). */
					double lo = 40.0 + b * 60.0 / bins;
					if (b > 0)
						assert_true(h.mean[b] >= lo - 1e-9);
				}
			}
			assert_true(fabs(weight - 1.0) < 1e-12);
			assert_true(test_rel(mean, k3.solution.t[i]) < 1e-10);
			rewards_histogram_free(&h);
		}
		rewards_free(&dist);
	}
}

/* Runs a report into memory. */
static char *report_string(enum report_format format)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct report_input in = {
		.scenario = &sc3, .source = "preset:scenario3", .sorted = true,
		.model = &mdl3, .contract = &k3,
	};

	assert_non_null(out);
	report_write(out, format, &in);
	fclose(out);
	return text;
}

static void test_json_report(void **state)
{
	(void)state;
	char *text = report_string(REPORT_JSON);
	struct tree *doc = tree_parse(text, strlen(text));

	assert_non_null(doc);
	assert_string_equal(tree_get(doc, "schema")->text, REPORT_JSON_SCHEMA);
	assert_true(tree_number_at(doc, "participants") == 10);
	/* How the expectations were computed, after the outcome count. */
	assert_non_null(strstr(text, "  \"outcomes\": 1001,\n"
			       "  \"exact\": true,\n"
			       "  \"method\": \"exact\",\n"
			       "  \"expectation_error\": 0,\n"
			       "  \"types\": [\n"));
	assert_non_null(strstr(text, "]],\n  \"pooling_within_error\": false,\n"
			       "  \"closest_options\": {\n"));
	assert_non_null(strstr(text, "\"nearly_pooled\": false\n  },\n"
			       "  \"checks\": {\n"));
	const struct tree *types = tree_get(doc, "types");
	assert_int_equal(types->count, 5);
	const char *keys[] = { "name", "cost", "prob", "reservation_contribution",
			       "reservation_profit", "contribution",
			       "reward_value", "utility", "rent", "tbar" };
	for (size_t i = 0; i < types->count; i++)
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			assert_non_null(tree_get(tree_at(types, i), keys[k]));
	/* Numbers are exact: they read back as the solver's doubles. */
	assert_true(tree_number_at(tree_at(types, 0), "contribution") ==
		    k3.solution.m[0]);
	assert_true(tree_number_at(doc, "expected_model_value") ==
		    k3.expected_value);
	assert_string_equal(tree_get(doc, "status")->text, "partial pooling");
	const struct tree *groups = tree_get(doc, "pooling_groups");
	assert_int_equal(groups->count, 3);
	assert_int_equal(tree_at(groups, 0)->count, 2);
	assert_true(tree_number(tree_at(tree_at(groups, 2), 0)) == 5);
	const struct tree *checks = tree_get(doc, "checks");
	assert_int_equal(checks->count, CHECK_COUNT);
	for (int c = 0; c < CHECK_COUNT; c++) {
		const struct tree *one = tree_get(checks, check_info[c].key);
		assert_string_equal(tree_get(one, "pass")->text, "true");
		assert_false(isnan(tree_number_at(one, "worst_slack")));
	}
	const struct tree *solver = tree_get(doc, "solver");
	assert_string_equal(tree_get(solver, "algorithm")->text, "LD_SLSQP");
	assert_true(tree_number_at(solver, "evaluations") > 0);
	const struct tree *complete = tree_get(doc, "complete_info");
	assert_true(test_rel(tree_number_at(complete, "expected_model_value"),
			     94.44522567972851) < 1e-6);
	assert_true(tree_number_at(complete, "information_cost") < 0);
	assert_string_equal(tree_get(tree_get(doc, "scenario"), "description")->text,
			    sc3.description);
	tree_free(doc);
	free(text);
}

static void test_csv_report(void **state)
{
	(void)state;
	char *text = report_string(REPORT_CSV);
	int lines = 0, commas_first = -1;

	for (char *line = text; *line; lines++) {
		char *end = strchr(line, '\n');
		assert_non_null(end);
		int commas = 0;
		for (char *p = line; p < end; p++)
			commas += *p == ',';
		if (commas_first < 0)
			commas_first = commas;
		assert_int_equal(commas, commas_first);
		line = end + 1;
	}
	assert_int_equal(lines, 1 + 5);
	assert_non_null(strstr(text, "contribution,reward_value"));
	assert_non_null(strstr(text, "partial pooling"));
	free(text);
}

static void test_text_report(void **state)
{
	(void)state;
	char *text = report_string(REPORT_TEXT);

	assert_non_null(strstr(text, "PARTIAL POOLING  {1,2} {3,4} {5}\n"));
	assert_non_null(strstr(text, "\n  N = 10 participants, 5 types, "
			       "exact: 1001 outcomes\n"));
	assert_null(strstr(text, "expectation error"));
	assert_non_null(strstr(text, "104.389"));
	assert_non_null(strstr(text, "sorted by cost"));
	assert_non_null(strstr(text, "Weak efficiency"));
	assert_null(strstr(text, "FAIL"));
	assert_non_null(strstr(text, "information cost"));
	/* Lines fit an 80-column terminal or projector. */
	for (char *line = text; *line;) {
		char *end = strchr(line, '\n');
		assert_true(end - line <= 80);
		line = end + 1;
	}
	free(text);
}

/*
 * An approximate contract says so in every format: the labels and flags
 * only (the numbers are the approximation's to test), set by hand on the
 * exact contract.
 */
static void test_method_labels(void **state)
{
	(void)state;
	struct contract k = k3;
	char *text = NULL;
	size_t len = 0;
	struct report_input in = {
		.scenario = &sc3, .source = "preset:scenario3",
		.model = &mdl3, .contract = &k,
	};

	k.method = METHOD_APPROX;
	k.expectation_error = 2.5e-11;
	k.pooling_within_error = true;
	FILE *out = open_memstream(&text, &len);
	report_write(out, REPORT_TEXT, &in);
	fclose(out);
	assert_non_null(strstr(text, "\n  N = 10 participants, 5 types, "
			       "approx: error <= 3e-11\n"));
	assert_null(strstr(text, "outcomes"));
	assert_non_null(strstr(text, "{1,2} {3,4} {5}\n"
			       "  (pooling called within the expectation "
			       "error)\n   #  "));
	for (char *line = text; *line;) {
		char *end = strchr(line, '\n');
		assert_true(end - line <= 80);
		line = end + 1;
	}
	free(text);

	out = open_memstream(&text, &len);
	report_write(out, REPORT_JSON, &in);
	fclose(out);
	struct tree *doc = tree_parse(text, strlen(text));
	assert_non_null(doc);
	assert_string_equal(tree_get(doc, "exact")->text, "false");
	assert_string_equal(tree_get(doc, "method")->text, "approx");
	assert_true(tree_number_at(doc, "expectation_error") == 2.5e-11);
	assert_string_equal(tree_get(doc, "pooling_within_error")->text,
			    "true");
	tree_free(doc);
	free(text);
}

/*
 * Pooling within the expectation error (contract.c, pooled_pair): two
 * types whose options differ by a gap the solver resolves are separate
 * when exact, pooled (and flagged) once the error cannot tell them
 * apart, and separate again just below that error.  Set by hand on an
 * exact model, with a solution built to the gap wanted.
 */
static void test_pooling_within_error(void **state)
{
	(void)state;
	double cost[2] = { 0.02, 0.01 }, prob[2] = { 0.5, 0.5 };
	struct scenario sc;
	struct model mdl;
	struct solution sol = { .ntypes = 2 };
	struct contract c;
	const double gap = 1.0; /* 1e-3 of m: far above the plain 1e-6 */

	test_scenario(&sc, 10, 2, cost, prob);
	test_model(&mdl, &sc);
	sol.m[0] = 1000.0;
	sol.m[1] = 1000.0 + gap;
	sol.t[0] = mdl.reserve[0].profit + cost[0] * sol.m[0];
	sol.t[1] = sol.t[0] + cost[1] * gap;

	contract_analyse(&mdl, &sol, &c);
	assert_int_equal(c.status, POOLING_SEPARATING);
	assert_false(c.pooling_within_error);
	assert_int_equal(c.method, METHOD_EXACT);
	assert_true(c.expectation_error == 0.0);

	/* The error at which a gap of 1 is just what it can tell apart. */
	double tbar = fmax(c.type[0].tbar, c.type[1].tbar);
	double eps = gap * cost[1] / (CONTRACT_ERROR_POOLING_K * tbar);
	assert_true(eps > 1e-6 && eps < 1e-3); /* a sensible scale */

	mdl.expectation_error = eps * 1.01;
	contract_analyse(&mdl, &sol, &c);
	assert_true(c.expectation_error == eps * 1.01);
	assert_int_equal(c.status, POOLING_FULL);
	assert_int_equal(c.ngroups, 1);
	assert_int_equal(c.type[1].group, 0);
	assert_true(c.pooling_within_error);

	mdl.expectation_error = eps * 0.99;
	contract_analyse(&mdl, &sol, &c);
	assert_int_equal(c.status, POOLING_SEPARATING);
	assert_false(c.pooling_within_error);

	/* Pooled by the solver's own tolerance: no call within the error. */
	sol.m[1] = 1000.0 + 1e-4;
	sol.t[1] = sol.t[0] + cost[1] * 1e-4;
	mdl.expectation_error = 1e-2;
	contract_analyse(&mdl, &sol, &c);
	assert_int_equal(c.status, POOLING_FULL);
	assert_false(c.pooling_within_error);

	/* An error below what the tolerance resolves changes nothing. */
	sol.m[1] = 1000.0 + 2e-3; /* 2e-6 relative: just separate */
	sol.t[1] = sol.t[0] + cost[1] * 2e-3;
	mdl.expectation_error = 1e-9; /* tolerance 2e-9 * 80 / 0.01 */
	contract_analyse(&mdl, &sol, &c);
	assert_int_equal(c.status, POOLING_SEPARATING);
	assert_false(c.pooling_within_error);
	model_free(&mdl);
}

/*
 * The field of a CSV report's first data row under header name (no field
 * holds a comma here); points into csv, which it cuts after that field.
 */
static const char *csv_field_named(char *csv, const char *name)
{
	char *row = strchr(csv, '\n') + 1;
	int column = 0;

	for (const char *h = csv; h < row; h = strpbrk(h, ",\n") + 1, column++)
		if (strncmp(h, name, strlen(name)) == 0 &&
		    (h[strlen(name)] == ',' || h[strlen(name)] == '\n'))
			break;
	assert_true(column < 64);
	for (int c = 0; c < column; c++)
		row = strchr(row, ',') + 1;
	row[strcspn(row, ",\n")] = '\0';
	return row;
}

/*
 * A positive information cost keeps its sign in every format (issue 7:
 * N = 2, where the contract beats the ex-post benchmark by 5.24).
 */
static void test_positive_information_cost(void **state)
{
	(void)state;
	struct scenario sc;
	struct model mdl;
	struct contract k;

	test_solve_positive_cost(&sc, &mdl, &k);
	struct report_input in = {
		.scenario = &sc, .source = "positive.yaml", .model = &mdl,
		.contract = &k,
	};
	char *text[3] = { NULL, NULL, NULL };
	enum report_format formats[3] = { REPORT_TEXT, REPORT_JSON, REPORT_CSV };
	for (int f = 0; f < 3; f++) {
		size_t len = 0;
		FILE *out = open_memstream(&text[f], &len);
		assert_non_null(out);
		report_write(out, formats[f], &in);
		fclose(out);
	}
	assert_non_null(strstr(text[0], "information cost = +5.2435"));
	assert_non_null(strstr(text[0], "the contract beats the benchmark"));
	/* The complete-information lines fit 80 columns. */
	const char *block = strstr(text[0], "Complete information");
	const char *block_end = strstr(text[0], "\nSolver");
	assert_true(block != NULL && block_end != NULL && block < block_end);
	for (const char *line = block; line < block_end;) {
		const char *end = strchr(line, '\n');
		assert_true(end - line <= 80);
		line = end + 1;
	}
	struct tree *doc = tree_parse(text[1], strlen(text[1]));
	assert_non_null(doc);
	assert_true(tree_number_at(tree_get(doc, "complete_info"),
				   "information_cost") ==
		    k.complete.information_cost);
	assert_true(k.complete.information_cost > 5.0);
	tree_free(doc);
	/* CSV: the information_cost column of the first data row. */
	assert_true(strtod(csv_field_named(text[2], "information_cost"), NULL) ==
		    k.complete.information_cost);
	for (int f = 0; f < 3; f++)
		free(text[f]);
	model_free(&mdl);
}

/*
 * The clamp takes back only what rounding can explain: a few ulps of the
 * bound per term summed.  A larger excess stays visible (it would be a
 * bug to look into, not noise).
 */
static void test_clamp_rounding(void **state)
{
	(void)state;
	/* Differences within rounding of their magnitude are 0. */
	assert_true(rounding_cancel(7.105427357601002e-15, 110.5) == 0.0);
	assert_true(rounding_cancel(-7.105427357601002e-15, 110.5) == 0.0);
	assert_true(rounding_cancel(1e-10, 110.5) == 1e-10);
	assert_true(rounding_cancel(3e-14, 1.0) == 3e-14);
	double slack = rounding_slack(100.0, 11);

	assert_true(slack > 0.0 && slack < 1e-11);
	assert_true(rounding_clamp(100.0 + slack, 0.0, 100.0, 11) ==
		    100.0);
	assert_true(rounding_clamp(-1e-15, 0.0, 100.0, 11) == 0.0);
	assert_true(rounding_clamp(100.0 + 2 * slack, 0.0, 100.0,
					    11) == 100.0 + 2 * slack);
	assert_true(rounding_clamp(100.1, 0.0, 100.0, 11) == 100.1);
	assert_true(rounding_clamp(-0.5, 0.0, 100.0, 11) == -0.5);
	assert_true(rounding_clamp(42.0, 0.0, 100.0, 11) == 42.0);
}

/*
 * With costs near 1e-300 every party contributes so much that a(S) is
 * a_opt to rounding and E[v] summed over the outcomes came out above
 * scale * a_opt (100.00000000000034).  The reported values stay in their
 * range, and the excess they had was rounding-sized.
 */
static void test_values_in_range_at_tiny_costs(void **state)
{
	(void)state;
	/* The smallest costs in the supported range (param.h). */
	static const double costs[][2] = { { 2e-6, 1e-6 },
					   { 1e-5, 3e-6 },
					   { 2e-6, 1e-6 },
					   { 1e-5, 3e-6 } };
	static const int sizes[] = { 10, 40, 200 };

	for (size_t c = 0; c < 4; c++)
		for (size_t k = 0; k < 3; k++) {
			double prob[2] = { c < 2 ? 0.5 : 0.3, c < 2 ? 0.5 : 0.7 };
			struct scenario sc;
			struct model mdl;
			struct contract con;
			struct moments mom;

			test_scenario(&sc, sizes[k], 2, costs[c], prob);
			test_model(&mdl, &sc);
			test_solve(&mdl, false, &con);
			double a_sup = sc.accuracy.param[accuracy_param_index(
				sc.accuracy.family, "a_opt")];
			double v_sup = valuation_eval(&mdl.valuation, a_sup,
						      NULL, NULL);
			size_t terms = mdl.outcomes.count;
			moments_eval(&mdl, con.solution.m, false, &mom);
			/* What the sums gave: above the bound by rounding. */
			assert_true(mom.expected_value - v_sup <=
				    rounding_slack(v_sup, terms));
			assert_true(mom.expected_accuracy - a_sup <=
				    rounding_slack(a_sup, terms));
			/* What is reported: inside the range. */
			if (!(con.expected_value <= v_sup) ||
			    !(con.expected_accuracy <= a_sup))
				fail_msg("N = %d: E[v] = %.17g > %.17g or E[a] "
					 "= %.17g > %.17g", sizes[k],
					 con.expected_value, v_sup,
					 con.expected_accuracy, a_sup);
			for (int i = 0; i < 2; i++)
				if (!(con.type[i].tbar <= v_sup) ||
				    !(con.type[i].reward_accuracy <= a_sup))
					fail_msg("N = %d, type %d: tbar = %.17g, "
						 "E_i[r_i] = %.17g", sizes[k],
						 i + 1, con.type[i].tbar,
						 con.type[i].reward_accuracy);
			model_free(&mdl);
		}
}

/* Control characters in user text: C0, DEL, C1 (U+009B is CSI). */
#define HOSTILE "a\x1b]0;pwned\x07" "b\x7f" "c\xc2\x9b" "2Jd\te"

/* Are there bytes that drive a terminal (other than the newline)? */
static bool has_controls(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return true;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;
	}
	return false;
}

/* Runs a report into memory on a scenario with hostile names. */
static char *hostile_report(enum report_format format)
{
	struct scenario sc = sc3;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct report_input in = {
		.scenario = &sc, .source = "dir/\x1b[2J.yaml",
		.model = &mdl3, .contract = &k3,
	};

	snprintf(sc.name, sizeof(sc.name), "%s", HOSTILE);
	snprintf(sc.types[0].name, sizeof(sc.types[0].name), "%s", HOSTILE);
	snprintf(sc.description, sizeof(sc.description), "%s", HOSTILE);
	assert_non_null(out);
	report_write(out, format, &in);
	fclose(out);
	return text;
}

static void test_textsafe(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(textsafe_copy(buf, sizeof(buf), HOSTILE),
			    "a\\x1b]0;pwned\\x07b\\x7fc\\u009b2Jd\\x09e");
	/* UTF-8 is kept; a stray byte is shown as such. */
	assert_string_equal(textsafe_copy(buf, sizeof(buf), "caf\xc3\xa9 \xff"),
			    "caf\xc3\xa9 \\xff");
	assert_string_equal(textsafe_copy(buf, sizeof(buf), "\xc3"), "\\xc3");
	/* Cut only between characters: never inside an escape or UTF-8. */
	assert_string_equal(textsafe_copy(buf, 4, "ab\x1b"), "ab");
	assert_string_equal(textsafe_copy(buf, 4, "ab\xc3\xa9"), "ab");
	assert_string_equal(textsafe_copy(buf, 5, "ab\xc3\xa9"), "ab\xc3\xa9");
	assert_string_equal(textsafe_copy(buf, 1, "x"), "");
}

/* The text report shows control characters as escapes, never raw. */
static void test_text_report_escapes(void **state)
{
	(void)state;
	char *text = hostile_report(REPORT_TEXT);

	assert_false(has_controls(text));
	assert_non_null(strstr(text, "a\\x1b]0;pwned\\x07b\\x7fc\\u009b2Jd"));
	assert_non_null(strstr(text, "dir/\\x1b[2J.yaml"));
	free(text);
}

/*
 * JSON escapes every control character, DEL and C1 included (legal raw
 * in JSON, but not on a terminal), and reads back as the exact text.
 */
static void test_json_report_escapes(void **state)
{
	(void)state;
	char *text = hostile_report(REPORT_JSON);
	struct tree *doc = tree_parse(text, strlen(text));

	assert_false(has_controls(text));
	assert_non_null(doc);
	assert_string_equal(tree_get(tree_get(doc, "scenario"), "name")->text,
			    HOSTILE);
	assert_string_equal(tree_get(tree_at(tree_get(doc, "types"), 0),
				     "name")->text, HOSTILE);
	tree_free(doc);
	free(text);
}

/* CSV is data: the exact text, in a quoted field. */
static void test_csv_report_keeps_text(void **state)
{
	(void)state;
	char *text = hostile_report(REPORT_CSV);

	assert_non_null(strstr(text, "\"" HOSTILE "\""));
	free(text);
}

/*
 * Separated options close together are reported as nearly pooled: the
 * JSON's closest pair, gap and percent recomputed from its own m_i; the
 * twotype contract (1915.8 against 1917.9) is nearly pooled, scenario 1's
 * closest separated pair (types 4 and 5, 8%) is not, and a fully pooled
 * contract has no such pair.
 */
static void test_closest_options(void **state)
{
	static const struct {
		const char *preset;
		int first;
		const char *nearly; /* "true", "false" or NULL: no pair */
	} cases[] = {
		{ "twotype", 1, "true" },
		{ "scenario1", 4, "false" },
		{ "scenario2", 0, NULL },
	};
	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct scenario sc;
		struct model mdl;
		struct contract k;
		struct cml_error err;
		char *text = NULL;
		size_t len = 0;

		assert_int_equal(preset_load(preset_find(cases[c].preset), &sc,
					     &err), 0);
		test_model(&mdl, &sc);
		assert_true(test_solve(&mdl, false, &k) >= 0);
		struct report_input in = { .scenario = &sc, .source = "test",
					   .model = &mdl, .contract = &k };
		FILE *out = open_memstream(&text, &len);
		report_json(out, &in);
		fclose(out);
		struct tree *doc = tree_parse(text, len);
		assert_non_null(doc);
		const struct tree *closest = tree_get(doc, "closest_options");
		assert_non_null(closest);
		if (cases[c].nearly == NULL) {
			assert_int_equal(closest->kind, TREE_SCALAR);
			assert_string_equal(closest->text, "null");
		} else {
			double pair[2], m[CML_MAX_TYPES];
			const struct tree *types = tree_get(doc, "types");
			assert_int_equal(tree_numbers(tree_get(closest, "types"),
						      pair, 2), 2);
			assert_true(pair[0] == cases[c].first &&
				    pair[1] == cases[c].first + 1);
			for (size_t i = 0; i < types->count; i++)
				m[i] = tree_number_at(tree_at(types, i),
						      "contribution");
			int j = cases[c].first - 1;
			double gap = m[j + 1] - m[j];
			assert_true(fabs(tree_number_at(closest, "gap") - gap) <=
				    1e-9 * m[j + 1]);
			assert_true(fabs(tree_number_at(closest, "percent") -
					 100.0 * gap / m[j + 1]) <= 1e-9);
			assert_string_equal(tree_get(closest, "nearly_pooled")->text,
					    cases[c].nearly);
		}
		tree_free(doc);
		free(text);
		model_free(&mdl);
	}
}

/*
 * What moved after an edit (contract-diff.h): twotype as p1 rises past
 * its pooling boundary, the largest moves found again here, every width
 * from 0 to 140 giving a line that fits and cuts no number.
 */
static void test_what_moved(void **state)
{
	struct scenario sc, edited;
	struct model mdl, mdl2;
	struct contract before, after;
	struct contract_change ch;
	struct cml_error err;
	char line[512];

	(void)state;
	assert_int_equal(preset_load(preset_find("twotype"), &sc, &err), 0);
	test_model(&mdl, &sc);
	assert_true(test_solve(&mdl, false, &before) >= 0);
	edited = sc;
	edited.types[0].prob = 0.6;
	edited.types[1].prob = 0.4;
	test_model(&mdl2, &edited);
	assert_true(test_solve(&mdl2, false, &after) >= 0);
	assert_int_equal(before.status, POOLING_SEPARATING);
	assert_int_equal(after.status, POOLING_FULL);
	contract_change_compute(&before, &after, mdl.value_scale, &ch);
	assert_true(ch.status_changed && ch.groups_changed && ch.per_type);
	int most = 0;
	for (int i = 1; i < 2; i++)
		if (fabs(after.type[i].contribution - before.type[i].contribution) >
		    fabs(after.type[most].contribution -
			 before.type[most].contribution))
			most = i;
	assert_int_equal(ch.m_type, most);
	contract_change_format(&ch, &before, &after, 200, line, sizeof(line));
	char want[64], num[32];
	/* E[v] is flat across this boundary: the line says unchanged. */
	bool flat = fabs(after.expected_value - before.expected_value) <=
		    1e-9 * after.expected_value;
	snprintf(want, sizeof(want), flat ? "E[v] unchanged at %s" : "E[v] %s ",
		 numfmt_fixed(num, sizeof(num), before.expected_value, 4));
	assert_non_null(strstr(line, want));
	assert_non_null(strstr(line, "now pooling {1,2} (was separating)"));
	snprintf(want, sizeof(want), "largest m: m_%d ", most + 1);
	assert_non_null(strstr(line, want));
	/* Narrower: whole parts only, never past the width. */
	for (int width = 0; width <= 140; width++) {
		contract_change_format(&ch, &before, &after, width, line,
				       sizeof(line));
		assert_true((int)strlen(line) <= width);
		if (width >= 20)
			assert_non_null(strstr(line, "E[v] "));
		/* A part ends at "; " or the end, never inside a number. */
		size_t n = strlen(line);
		assert_true(n == 0 || (line[n - 1] >= '0' && line[n - 1] <= '9') ||
			    line[n - 1] == ')' || line[n - 1] == 'd' ||
			    line[n - 1] == 'g' || line[n - 1] == 'e');
	}
	/* No change at all: said so. */
	contract_change_compute(&before, &before, mdl.value_scale, &ch);
	assert_true(ch.m_type < 0 && ch.t_type < 0 && !ch.status_changed);
	contract_change_format(&ch, &before, &before, 80, line, sizeof(line));
	assert_non_null(strstr(line, "E[v] unchanged at "));
	model_free(&mdl);
	model_free(&mdl2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numfmt),
		cmocka_unit_test(test_groups_within),
		cmocka_unit_test(test_groups_most_types),
		cmocka_unit_test(test_numfmt_fit),
		cmocka_unit_test(test_reward_distributions),
		cmocka_unit_test(test_json_report),
		cmocka_unit_test(test_csv_report),
		cmocka_unit_test(test_text_report),
		cmocka_unit_test(test_positive_information_cost),
		cmocka_unit_test(test_clamp_rounding),
		cmocka_unit_test(test_values_in_range_at_tiny_costs),
		cmocka_unit_test(test_textsafe),
		cmocka_unit_test(test_text_report_escapes),
		cmocka_unit_test(test_json_report_escapes),
		cmocka_unit_test(test_csv_report_keeps_text),
		cmocka_unit_test(test_method_labels),
		cmocka_unit_test(test_pooling_within_error),
		cmocka_unit_test(test_closest_options),
		cmocka_unit_test(test_what_moved),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

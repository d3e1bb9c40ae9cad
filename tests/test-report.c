/*
 * test-report.c - number formatting, reward distributions and histograms,
 * and the three report formats (JSON read back through a parser).
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "numfmt.h"
#include "report.h"
#include "rewards.h"
#include "testutil.h"
#include "tree.h"

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

	assert_non_null(strstr(text, "PARTIAL POOLING  {1,2} {3,4} {5}"));
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
 * A positive information cost keeps its sign in every format (issue 7:
 * N = 2, where the contract beats the ex-post benchmark by 5.24).
 */
static void test_positive_information_cost(void **state)
{
	(void)state;
	struct scenario sc;
	struct model mdl;
	struct contract k;

	test_positive_cost_scenario(&sc);
	test_model(&mdl, &sc);
	assert_int_equal(test_solve(&mdl, true, &k), SOLVER_OK);
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
	/* CSV: the last column of the first data row. */
	char *row = strchr(text[2], '\n') + 1;
	char *end = strchr(row, '\n');
	*end = '\0';
	assert_true(strtod(strrchr(row, ',') + 1, NULL) ==
		    k.complete.information_cost);
	for (int f = 0; f < 3; f++)
		free(text[f]);
	model_free(&mdl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numfmt),
		cmocka_unit_test(test_reward_distributions),
		cmocka_unit_test(test_json_report),
		cmocka_unit_test(test_csv_report),
		cmocka_unit_test(test_text_report),
		cmocka_unit_test(test_positive_information_cost),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

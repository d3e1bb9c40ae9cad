/*
 * test-scenario-yaml.c - scenario files: every error class at its place,
 * valid loads, round trips through the emitter, atomic saving and locales.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "atomic-file.h"
#include "model.h"
#include "scenario-yaml.h"

/* A valid tail: two types with probabilities summing to 1. */
#define TYPES2 "types:\n" \
	"  - cost: 0.5\n" \
	"    prob: 0.5\n" \
	"  - cost: 0.25\n" \
	"    prob: 0.5\n"
#define N10 "participants: 10\n"

/* Loads text, expects failure at line:col with phrase in the message. */
static void expect_error_len(const char *text, size_t len, int line, int col,
			     const char *phrase)
{
	struct scenario sc, before;
	struct cml_error err;
	int rc;

	scenario_init(&sc);
	snprintf(sc.name, sizeof(sc.name), "sentinel");
	before = sc;
	rc = scenario_load_string(text, len, "test.yaml", &sc, NULL, &err);
	if (rc == 0 || err.line != line || err.col != col ||
	    strstr(err.msg, phrase) == NULL) {
		print_error("expected %d:%d '%s'\n     got rc %d, %d:%d '%s'\n",
			    line, col, phrase, rc, err.line, err.col, err.msg);
		fail();
	}
	assert_string_equal(err.origin, "test.yaml");
	assert_true(scenario_equal(&sc, &before));
	assert_string_equal(sc.name, "sentinel");
}

static void expect_error(const char *text, int line, int col,
			 const char *phrase)
{
	expect_error_len(text, strlen(text), line, col, phrase);
}

/* One cmocka test per error class. */
#define ERROR_TEST(fn, text, line, col, phrase)                 \
	static void fn(void **state)                            \
	{                                                       \
		(void)state;                                    \
		expect_error(text, line, col, phrase);          \
	}

ERROR_TEST(err_syntax, N10 TYPES2 "name: \"open\n", 8, 1,
	   "syntax error: found unexpected end of stream (while scanning a "
	   "quoted scalar at line 7, column 7)")
ERROR_TEST(err_syntax_context, N10 "types: [\n  {cost: 1, prob: 1}\n", 4, 1,
	   "syntax error: did not find expected ',' or ']' (while parsing a "
	   "flow sequence at line 2, column 8)")
ERROR_TEST(err_syntax_mapping, N10 "name: x: y\n" TYPES2, 2, 8,
	   "syntax error: mapping values are not allowed")
ERROR_TEST(err_unknown_top_key, N10 "colour: red\n" TYPES2, 2, 1,
	   "unknown key 'colour'; allowed keys: name, description, "
	   "participants, method, accuracy, valuation, types, sweep")
/* The expectation method: one of three words, at its value. */
ERROR_TEST(err_unknown_method, N10 "method: fft\n" TYPES2, 2, 9,
	   "unknown method 'fft'; known methods: auto, exact, approx")
ERROR_TEST(err_method_not_scalar, N10 "method: [exact]\n" TYPES2, 2, 9,
	   "method must be auto, exact or approx, not a sequence")
ERROR_TEST(err_method_case, N10 "method: Exact\n" TYPES2, 2, 9,
	   "unknown method 'Exact'")
ERROR_TEST(err_duplicate_method, "method: exact\n" N10 "method: approx\n"
	   TYPES2, 3, 1, "duplicate key 'method' (first at line 1, column 1)")
/* Exact enumeration beyond its limit: refused at the method asking. */
ERROR_TEST(err_method_exact_too_many, "participants: 10000\n"
	   "method: exact\ntypes:\n"
	   "  - {cost: 4, prob: 0.25}\n  - {cost: 3, prob: 0.25}\n"
	   "  - {cost: 2, prob: 0.25}\n  - {cost: 1, prob: 0.25}\n", 2, 9,
	   "more outcomes than the 1000000 exact enumeration handles; use "
	   "method approx or auto")
ERROR_TEST(err_unknown_type_key, N10 "types:\n  - cost: 1\n    weight: 2\n"
	   "    prob: 1\n", 4, 5,
	   "type 1: unknown key 'weight'; allowed keys: name, cost, prob")
ERROR_TEST(err_unknown_accuracy_key, N10 "accuracy:\n  family: sgb\n"
	   "  c: 2\n" TYPES2, 4, 3,
	   "accuracy: unknown key 'c'; allowed keys: family, a_opt, k, b, "
	   "alpha, m0")
/* A key of another family is named at the key, with this family's keys. */
ERROR_TEST(err_accuracy_key_of_other_family, N10 "accuracy:\n  family: sgb\n"
	   "  b: 2\n" TYPES2, 4, 3,
	   "accuracy: unknown key 'b' for family sgb; allowed keys: family, "
	   "a_opt, k")
ERROR_TEST(err_power_key_of_sgb, N10 "accuracy:\n  k: 1\n  family: power\n"
	   TYPES2, 3, 3,
	   "accuracy: unknown key 'k' for family power; allowed keys: family, "
	   "a_opt, b, alpha")
ERROR_TEST(err_exp_key_of_power, N10
	   "accuracy: {family: exp, a_opt: 0.5, alpha: 0.5}\n" TYPES2, 2, 37,
	   "accuracy: unknown key 'alpha' for family exp; allowed keys: "
	   "family, a_opt, m0")
ERROR_TEST(err_power_range, N10 "accuracy:\n  family: power\n  alpha: 5\n"
	   TYPES2, 4, 10, "accuracy: alpha must be in [0.3, 1]")
ERROR_TEST(err_power_b_range, N10 "accuracy: {b: 0, family: power}\n"
	   TYPES2, 2, 15, "accuracy: b must be in [0.1, 100]")
ERROR_TEST(err_exp_range, N10 "accuracy:\n  family: exp\n  m0: -1\n"
	   TYPES2, 4, 7, "accuracy: m0 must be in [0.01, 1e6]")
ERROR_TEST(err_unknown_valuation_key, N10 "valuation: {scale: 2, k: 1}\n"
	   TYPES2, 2, 23,
	   "valuation: unknown key 'k'; allowed keys: family, scale")
ERROR_TEST(err_gamma_range, N10 "valuation: {family: power, gamma: 0.1}\n"
	   TYPES2, 2, 35, "valuation: gamma must be in [0.2, 1]")
ERROR_TEST(err_lambda_key_of_power, N10
	   "valuation:\n  family: power\n  lambda: 3\n" TYPES2, 4, 3,
	   "valuation: unknown key 'lambda' for family power; allowed keys: "
	   "family, scale, gamma")
/* The lattice method refuses a non-linear v: at the method's value. */
ERROR_TEST(err_approx_non_linear, N10 "method: approx\n"
	   "valuation: {family: cara, scale: 100, lambda: 3}\n" TYPES2, 2, 9,
	   "method approx needs a linear valuation, not cara; use method "
	   "exact or auto")
/* Auto needs exact for it, which 4 types at N = 1000 exceed. */
ERROR_TEST(err_auto_non_linear_too_many, "participants: 1000\n"
	   "valuation: {family: power}\ntypes:\n"
	   "  - {cost: 0.5, prob: 0.25}\n  - {cost: 0.4, prob: 0.25}\n"
	   "  - {cost: 0.3, prob: 0.25}\n  - {cost: 0.2, prob: 0.25}\n",
	   1, 15, "valuation power needs exact enumeration, and N = 1000 "
	   "with 4 types has more outcomes than the 1000000 it handles")
ERROR_TEST(err_key_not_string, N10 "? [a]\n: 1\n" TYPES2, 2, 3,
	   "keys must be strings, not a sequence")
ERROR_TEST(err_number_is_sequence, "participants: [10]\n" TYPES2, 1, 15,
	   "participants must be a number, not a sequence")
ERROR_TEST(err_number_is_string, N10 "types:\n  - cost: \"0.5\"\n"
	   "    prob: 1\n", 3, 11, "type 1: cost must be a number, not a string")
ERROR_TEST(err_string_is_mapping, N10 "name: {a: 1}\n" TYPES2, 2, 7,
	   "name must be a string, not a mapping")
ERROR_TEST(err_types_not_sequence, N10 "types: 3\n", 2, 8,
	   "types must be a sequence")
ERROR_TEST(err_type_not_mapping, N10 "types:\n  - 0.5\n", 3, 5,
	   "type 1 must be a mapping")
ERROR_TEST(err_family_not_mapping, N10 "accuracy: sgb\n" TYPES2, 2, 11,
	   "accuracy must be a mapping")
ERROR_TEST(err_missing_participants, "name: x\n" TYPES2, 1, 1,
	   "missing participants")
ERROR_TEST(err_missing_types, "\n" N10, 2, 1, "missing types")
ERROR_TEST(err_missing_cost, N10 "types:\n  - cost: 0.5\n    prob: 0.5\n"
	   "  - name: b\n    prob: 0.5\n", 5, 5, "type 2 is missing cost")
ERROR_TEST(err_missing_prob, N10 "types:\n  - {cost: 1}\n", 3, 5,
	   "type 1 is missing prob")
ERROR_TEST(err_duplicate_top, N10 TYPES2 "participants: 3\n", 7, 1,
	   "duplicate key 'participants' (first at line 1, column 1)")
/* The sweep section: axes checked against the scenario, at their value. */
ERROR_TEST(err_sweep_bad_axis, N10 TYPES2 "sweep:\n  x: q.1=0:1:3\n", 8, 6,
	   "sweep: x: unknown parameter 'q.1'; use N, p.J, c.J, "
	   "outside.J.profit, a_opt, k or scale")
ERROR_TEST(err_sweep_type_range, "sweep:\n  y: N=1:3:3\n  x: p.3=0.1:0.2:2\n"
	   N10 TYPES2, 3, 6, "sweep: x: p.3: the scenario has types 1 to 2")
ERROR_TEST(err_sweep_range, N10 TYPES2 "sweep:\n  x: N=1:3:3\n"
	   "  y: c.2=0.1:-0.2:4\n", 9, 6,
	   "sweep: y: c.2: -0.2 is outside the supported range: cost must "
	   "be in [1e-6, 1e6]")
ERROR_TEST(err_sweep_unknown_key, N10 TYPES2 "sweep:\n  z: N=1:2:2\n", 8, 3,
	   "sweep: unknown key 'z'; allowed keys: x, y")
ERROR_TEST(err_sweep_duplicate_key, N10 TYPES2 "sweep:\n  x: N=1:2:2\n"
	   "  x: N=1:3:3\n", 9, 3, "sweep: duplicate key 'x'")
ERROR_TEST(err_sweep_not_mapping, N10 TYPES2 "sweep: N=1:2:2\n", 7, 8,
	   "sweep must be a mapping with x (and y) axes")
ERROR_TEST(err_sweep_value_mapping, N10 TYPES2 "sweep:\n  x: {a: 1}\n", 8,
	   6, "sweep: x must be an axis such as p.1=0.01:0.99:30, not a "
	   "mapping")
ERROR_TEST(err_sweep_y_without_x, N10 TYPES2 "sweep:\n  y: N=1:2:2\n", 8, 6,
	   "sweep: y needs an x axis too")
ERROR_TEST(err_sweep_conflict, N10 TYPES2 "sweep: {x: N=1:3:3, y: N=2:4:3}\n",
	   7, 24, "sweep: y sets the same parameter as x")
ERROR_TEST(err_sweep_too_long, N10 TYPES2 "sweep:\n  x: N=1.000000000000000"
	   "0000000000000000000000000000000000000000000:2:2\n", 8, 6,
	   "sweep: x is not an axis PARAM=FROM:TO:STEPS of at most 63 bytes")
ERROR_TEST(err_duplicate_type, N10 "types:\n  - cost: 1\n    prob: 1\n"
	   "    cost: 2\n", 5, 5, "type 1: duplicate key 'cost'")
ERROR_TEST(err_duplicate_family, N10 "accuracy:\n  k: 1\n  family: sgb\n"
	   "  k: 2\n" TYPES2, 5, 3, "accuracy: duplicate key 'k'")
ERROR_TEST(err_inf, N10 "types:\n  - cost: .inf\n    prob: 1\n", 3, 11,
	   "type 1: cost must be a finite number, not '.inf'")
ERROR_TEST(err_nan, N10 "types:\n  - cost: 1\n    prob: .NaN\n", 4, 11,
	   "type 1: prob must be a finite number, not '.NaN'")
ERROR_TEST(err_overflow, N10 "types:\n  - cost: 1e999\n    prob: 1\n", 3, 11,
	   "type 1: cost must be a finite number")
ERROR_TEST(err_hex, "participants: 0x10\n" TYPES2, 1, 15,
	   "participants must be a decimal number, not '0x10'")
ERROR_TEST(err_word, "participants: ten\n" TYPES2, 1, 15,
	   "participants must be a number, not 'ten'")
ERROR_TEST(err_trailing_garbage, N10 "types:\n  - cost: 0.5x\n    prob: 1\n",
	   3, 11, "cost must be a number, not '0.5x'")
ERROR_TEST(err_empty_number, N10 "types:\n  - cost:\n    prob: 1\n", 3, 10,
	   "type 1: cost must be a number, but no value is given")
ERROR_TEST(err_cost_zero, N10 "types:\n  - cost: 0\n    prob: 1\n", 3, 11,
	   "type 1: cost must be in [1e-6, 1e6]")
ERROR_TEST(err_cost_negative, N10 "types:\n  - cost: 1\n    prob: 0.5\n"
	   "  - cost: -5\n    prob: 0.5\n", 5, 11,
	   "type 2: cost must be in [1e-6, 1e6]")
ERROR_TEST(err_prob_zero, N10 "types:\n  - cost: 1\n    prob: 0\n", 4, 11,
	   "type 1: prob must be in [1e-9, 1]")
ERROR_TEST(err_prob_above_one, N10 "types:\n  - cost: 1\n    prob: 1.5\n", 4,
	   11, "type 1: prob must be in [1e-9, 1]")
ERROR_TEST(err_prob_sum, N10 "types:\n  - cost: 0.5\n    prob: 0.5\n"
	   "  - cost: 0.25\n    prob: 0.4\n", 3, 3,
	   "probabilities sum to 0.9, not 1")
ERROR_TEST(err_equal_costs, N10 "types:\n  - cost: 0.5\n    prob: 0.5\n"
	   "  - prob: 0.5\n    cost: 0.5\n", 6, 11,
	   "types 1 and 2 have the same cost 0.5")
ERROR_TEST(err_participants_zero, "participants: 0\n" TYPES2, 1, 15,
	   "participants must be a whole number in [1, 100000]")
ERROR_TEST(err_participants_fraction, "participants: 2.5\n" TYPES2, 1, 15,
	   "participants must be a whole number")
ERROR_TEST(err_participants_too_many, "participants: 100001\n" TYPES2, 1,
	   15, "participants must be a whole number in [1, 100000]")
ERROR_TEST(err_empty_types, N10 "types: []\n", 2, 8,
	   "at least one type is needed")
ERROR_TEST(err_accuracy_range, N10 "accuracy:\n  a_opt: 1.5\n" TYPES2, 3, 10,
	   "accuracy: a_opt must be in [0.01, 1]")
ERROR_TEST(err_param_before_family, N10 "accuracy:\n  k: 200\n"
	   "  family: sgb\n" TYPES2, 3, 6, "accuracy: k must be in [0.01, 100]")
ERROR_TEST(err_valuation_range, N10 "valuation:\n  family: linear\n"
	   "  scale: 0\n" TYPES2, 4, 10,
	   "valuation: scale must be in [10, 1e6]")
ERROR_TEST(err_unknown_family, N10 "accuracy:\n  a_opt: 1\n  family: logistic\n"
	   TYPES2, 4, 11, "accuracy: unknown family 'logistic'; known "
	   "families: sgb, power, exp")
ERROR_TEST(err_alias, "participants: *n\n" TYPES2, 1, 15,
	   "aliases (*n) are not allowed")
ERROR_TEST(err_anchor, "participants: &n 10\n" TYPES2, 1, 15,
	   "anchors (&n) are not allowed")
ERROR_TEST(err_anchor_collection, N10 "types: &t\n  - cost: 1\n    prob: 1\n",
	   2, 8, "anchors (&t) are not allowed")
ERROR_TEST(err_tag, "participants: !!int 10\n" TYPES2, 1, 15,
	   "tags (tag:yaml.org,2002:int) are not allowed")
ERROR_TEST(err_two_documents, N10 TYPES2 "---\n" N10 TYPES2, 7, 1,
	   "only one document is allowed")
ERROR_TEST(err_empty_input, "", 1, 1, "the input is empty")
ERROR_TEST(err_only_comments, "# nothing here\n\n", 3, 1,
	   "the input is empty")
ERROR_TEST(err_empty_document, "---\n", 2, 1, "the document is empty")
ERROR_TEST(err_top_sequence, "- participants: 10\n", 1, 1,
	   "the top level must be a mapping with keys such as participants "
	   "and types, not a sequence")
ERROR_TEST(err_top_scalar, "\n  hello\n", 2, 3,
	   "the top level must be a mapping")
ERROR_TEST(err_deep_nesting, N10 "types:\n  - [[[[[[[[[[[[1]]]]]]]]]]]]\n", 3,
	   5, "type 1 must be a mapping with cost and prob, not a sequence")
ERROR_TEST(err_deep_key, "? {a: {b: {c: {d: {e: {f: {g: {h: 1}}}}}}}}\n"
	   ": 1\n", 1, 3, "keys must be strings, not a mapping")
ERROR_TEST(err_name_too_long, N10 "name: "
	   "0123456789012345678901234567890123456789012345678901234567890123\n"
	   TYPES2, 2, 7, "name is 64 bytes long; at most 63 are allowed")
ERROR_TEST(err_type_name_too_long, N10 "types:\n  - name: \""
	   "\\u00e9123456789012345678901234567890123456789012345678901234567890"
	   "12\"\n    cost: 1\n    prob: 1\n", 3, 11,
	   "type 1: name is 64 bytes long")
ERROR_TEST(err_escaped_nul, N10 "name: \"a\\0b\"\n" TYPES2, 2, 7,
	   "name contains a NUL character")
ERROR_TEST(err_bad_utf8, N10 "name: caf\xc3\n" TYPES2, 2, 11,
	   "invalid input: invalid trailing UTF-8 octet (0x0A)")

/* A grid too big to run is refused where it is written, not by sweep. */
ERROR_TEST(err_sweep_too_many_points, N10 TYPES2 "sweep:\n  x: N=1:1000:1000\n"
	   "  y: p.1=0.01:0.99:1000\n", 9, 6, "sweep: 1000 x 1000 = 1000000 "
	   "grid points are more than the 40000 a sweep may have")

/* User text quoted in a message shows control characters as escapes. */
ERROR_TEST(err_key_control_escaped, N10 "\"c\\eo\\x7fl\\0x\": 1\n" TYPES2,
	   2, 1, "unknown key 'c\\x1bo\\x7fl\\x00x'")

/* A UTF-8 byte-order mark is skipped; line 1's columns do not count it. */
#define BOM "\xef\xbb\xbf"
ERROR_TEST(err_bom_mark_column, BOM "participants: [10]\n" TYPES2, 1, 15,
	   "participants must be a number, not a sequence")
ERROR_TEST(err_bom_reader_column, BOM "name: caf\xc3\n" N10 TYPES2, 1, 11,
	   "invalid input: invalid trailing UTF-8 octet (0x0A)")
ERROR_TEST(err_bom_missing, BOM "name: x\n" TYPES2, 1, 1,
	   "missing participants")

static void err_raw_nul(void **state)
{
	static const char text[] = N10 "name: a\0b\n" TYPES2;

	(void)state;
	expect_error_len(text, sizeof(text) - 1, 2, 8,
			 "the input contains a NUL byte");
}

/* A description of 4096 bytes is one too many. */
static void err_description_too_long(void **state)
{
	size_t n = CML_DESCRIPTION_MAX;
	char *text = malloc(n + 256);

	(void)state;
	assert_non_null(text);
	strcpy(text, N10 "description: ");
	memset(text + strlen(text), 'x', n);
	strcpy(text + strlen(N10 "description: ") + n, "\n" TYPES2);
	expect_error(text, 2, 14, "description is 4096 bytes long; at most "
		     "4095 are allowed");
	free(text);
}

/* Loads text that must be valid, failing with the message otherwise. */
static void load_ok(const char *text, const char *origin,
		    struct scenario *sc, struct scenario_load_info *info)
{
	struct cml_error err;

	if (scenario_load_string(text, strlen(text), origin, sc, info,
				 &err) != 0) {
		print_error("%s:%d:%d: %s\n", err.origin, err.line, err.col,
			    err.msg);
		fail();
	}
	assert_int_equal(scenario_validate(sc, NULL), 0);
}

static void valid_defaults(void **state)
{
	struct scenario sc;
	struct scenario_load_info info;

	(void)state;
	load_ok(N10 TYPES2, "some/dir/test.yaml", &sc, &info);
	assert_string_equal(sc.name, "test");
	assert_string_equal(sc.description, "");
	assert_int_equal(sc.participants, 10);
	assert_ptr_equal(sc.accuracy.family, accuracy_families[0]);
	assert_ptr_equal(sc.valuation.family, valuation_families[0]);
	for (int i = 0; i < sc.accuracy.family->nparams; i++)
		assert_true(sc.accuracy.param[i] ==
			    sc.accuracy.family->params[i].def);
	for (int i = 0; i < sc.valuation.family->nparams; i++)
		assert_true(sc.valuation.param[i] ==
			    sc.valuation.family->params[i].def);
	assert_true(sc.accuracy.zero_below > 0.0);
	assert_int_equal(sc.ntypes, 2);
	assert_string_equal(sc.types[0].name, "Type 1");
	assert_string_equal(sc.types[1].name, "Type 2");
	assert_true(sc.types[0].cost == 0.5 && sc.types[1].cost == 0.25);
	assert_true(sc.types[0].prob == 0.5 && sc.types[1].prob == 0.5);
	assert_false(info.sorted);
	assert_int_equal(info.order[0], 0);
	assert_int_equal(info.order[1], 1);
}

static void valid_bom(void **state)
{
	struct scenario sc;

	(void)state;
	load_ok(BOM N10 TYPES2, "bom.yaml", &sc, NULL);
	assert_int_equal(sc.participants, 10);
	assert_int_equal(sc.ntypes, 2);
	assert_string_equal(sc.name, "bom");
}

static void valid_explicit(void **state)
{
	struct scenario sc;
	struct accuracy ref;
	char why[128];

	(void)state;
	load_ok("name: \"My: scenario\"\n"
		"description: |\n  Line one.\n  Line two.\n"
		"participants: 1e1\n"
		"accuracy:\n  k: 2.5\n  family: sgb\n  a_opt: 0.9\n"
		"valuation:\n  scale: 50\n  family: linear\n"
		"types:\n"
		"  - name: big\n    cost: 1e-3\n    prob: 0.25\n"
		"  - {prob: .75, name: small, cost: +0.0001}\n",
		"preset:demo", &sc, NULL);
	assert_string_equal(sc.name, "My: scenario");
	assert_string_equal(sc.description, "Line one.\nLine two.\n");
	assert_int_equal(sc.participants, 10);
	assert_string_equal(sc.accuracy.family->name, "sgb");
	assert_true(sc.accuracy.param[accuracy_param_index(
			    sc.accuracy.family, "a_opt")] == 0.9);
	assert_true(sc.accuracy.param[accuracy_param_index(
			    sc.accuracy.family, "k")] == 2.5);
	ref = sc.accuracy;
	assert_int_equal(accuracy_prepare(&ref, why, sizeof(why)), 0);
	assert_true(ref.zero_below == sc.accuracy.zero_below);
	assert_true(sc.valuation.param[0] == 50);
	assert_string_equal(sc.types[0].name, "big");
	assert_true(sc.types[0].cost == 1e-3);
	assert_true(sc.types[1].cost == 1e-4);
	assert_true(sc.types[1].prob == 0.75);
}

/* The other accuracy families load with their own keys, prepared. */
static void valid_other_families(void **state)
{
	struct scenario sc;

	(void)state;
	load_ok(N10 "accuracy: {family: power, a_opt: 0.9, b: 2, alpha: 0.5}\n"
		TYPES2, "power.yaml", &sc, NULL);
	assert_string_equal(sc.accuracy.family->name, "power");
	assert_true(sc.accuracy.param[0] == 0.9 && sc.accuracy.param[1] == 2 &&
		    sc.accuracy.param[2] == 0.5);
	/* zero_below = (b / a_opt)^(1 / alpha) */
	assert_true(fabs(sc.accuracy.zero_below - pow(2 / 0.9, 2)) <=
		    1e-15 * sc.accuracy.zero_below);
	load_ok(N10 "accuracy:\n  m0: 40\n  family: exp\n" TYPES2, "exp.yaml",
		&sc, NULL);
	assert_string_equal(sc.accuracy.family->name, "exp");
	assert_true(sc.accuracy.param[0] == 1 && sc.accuracy.param[1] == 40);
	assert_true(sc.accuracy.zero_below == 0.0);
	/* Parameters left out take the family's defaults. */
	load_ok(N10 "accuracy: {family: power}\n" TYPES2, "p.yaml", &sc, NULL);
	for (int i = 0; i < sc.accuracy.family->nparams; i++)
		assert_true(sc.accuracy.param[i] ==
			    sc.accuracy.family->params[i].def);
}

static void valid_default_names(void **state)
{
	struct scenario sc;

	(void)state;
	load_ok(N10 TYPES2, "preset:twotype", &sc, NULL);
	assert_string_equal(sc.name, "twotype");
	load_ok(N10 TYPES2, "a.b/my.file.yaml", &sc, NULL);
	assert_string_equal(sc.name, "my.file");
	load_ok(N10 TYPES2, ".hidden", &sc, NULL);
	assert_string_equal(sc.name, ".hidden");
	load_ok(N10 TYPES2, "", &sc, NULL);
	assert_string_equal(sc.name, "untitled");
}

static void valid_sorted(void **state)
{
	struct scenario sc;
	struct scenario_load_info info;

	(void)state;
	load_ok("participants: 5\ntypes:\n"
		"  - {cost: 0.1, prob: 0.2}\n"
		"  - {cost: 0.3, prob: 0.3}\n"
		"  - {name: mid, cost: 0.2, prob: 0.5}\n",
		"test.yaml", &sc, &info);
	assert_true(info.sorted);
	assert_int_equal(sc.ntypes, 3);
	assert_int_equal(info.order[0], 1);
	assert_int_equal(info.order[1], 2);
	assert_int_equal(info.order[2], 0);
	assert_string_equal(sc.types[0].name, "Type 2");
	assert_string_equal(sc.types[1].name, "mid");
	assert_string_equal(sc.types[2].name, "Type 1");
	assert_true(sc.types[0].cost == 0.3 && sc.types[0].prob == 0.3);
	assert_true(sc.types[2].cost == 0.1 && sc.types[2].prob == 0.2);
}

static void valid_flow_and_empty_family(void **state)
{
	struct scenario sc;

	(void)state;
	load_ok("{participants: 3, accuracy: {}, valuation: {family: linear},"
		" types: [{cost: 2, prob: 1}]}", "test.yaml", &sc, NULL);
	assert_int_equal(sc.participants, 3);
	assert_int_equal(sc.ntypes, 1);
	assert_true(sc.types[0].prob == 1.0);
}

/* A valid scenario with the given names and numbers, sorted. */
static void make_scenario(struct scenario *sc, const char *name,
			  const char *description, const double *costs,
			  int ntypes)
{
	scenario_init(sc);
	snprintf(sc->name, sizeof(sc->name), "%s", name);
	snprintf(sc->description, sizeof(sc->description), "%s",
		 description);
	sc->ntypes = ntypes;
	for (int i = 0; i < ntypes; i++) {
		snprintf(sc->types[i].name, sizeof(sc->types[i].name),
			 "Type %d", i + 1);
		sc->types[i].cost = costs[i];
		sc->types[i].prob = 1.0 / ntypes;
	}
	scenario_sort_types(sc, NULL);
	assert_int_equal(scenario_validate(sc, NULL), 0);
}

/* scenario_to_yaml then load must give the same scenario. */
static void assert_round_trip(const struct scenario *sc)
{
	struct scenario back;
	struct cml_error err;
	char *text = scenario_to_yaml(sc, &err);

	if (text == NULL) {
		print_error("to_yaml: %s\n", err.msg);
		fail();
	}
	if (scenario_load_string(text, strlen(text), "rt.yaml", &back, NULL,
				 &err) != 0) {
		print_error("%s\n%d:%d: %s\n", text, err.line, err.col,
			    err.msg);
		free(text);
		fail();
	}
	if (!scenario_equal(sc, &back)) {
		print_error("round trip changed the scenario:\n%s\n", text);
		free(text);
		fail();
	}
	free(text);
}

/* Saving writes the family's own keys, in order, and reads back the same. */
static void round_trip_other_families(void **state)
{
	const char *texts[2] = {
		N10 "accuracy: {family: power, a_opt: 0.9, b: 2, alpha: 0.5}\n"
			TYPES2,
		N10 "accuracy: {family: exp, a_opt: 0.75, m0: 123.5}\n" TYPES2,
	};
	const char *blocks[2] = {
		"accuracy:\n  family: power\n  a_opt: 0.9\n  b: 2\n"
		"  alpha: 0.5\nvaluation:",
		"accuracy:\n  family: exp\n  a_opt: 0.75\n  m0: 123.5\n"
		"valuation:",
	};
	struct scenario sc;
	struct cml_error err;

	(void)state;
	for (int i = 0; i < 2; i++) {
		load_ok(texts[i], "f.yaml", &sc, NULL);
		assert_round_trip(&sc);
		char *text = scenario_to_yaml(&sc, &err);
		assert_non_null(text);
		if (strstr(text, blocks[i]) == NULL) {
			print_error("no '%s' in:\n%s\n", blocks[i], text);
			free(text);
			fail();
		}
		free(text);
	}
}

/*
 * A file of ntypes types (costs 0.9^i, equal probabilities) with N
 * participants, one type per line from line 3: type k's mapping starts
 * at line k + 2, column 5.
 */
static char *many_types_yaml(int participants, int ntypes)
{
	size_t size = 64 + (size_t)ntypes * 64, used;
	char *text = malloc(size);

	assert_non_null(text);
	used = (size_t)snprintf(text, size, "participants: %d\ntypes:\n",
				participants);
	for (int i = 0; i < ntypes; i++)
		used += (size_t)snprintf(text + used, size - used,
					 "  - {cost: %.17g, prob: %.17g}\n",
					 pow(0.9, i), 1.0 / ntypes);
	assert_true(used < size);
	return text;
}

/* 65 types: refused at the sequence, with the limit named. */
static void err_too_many_types(void **state)
{
	(void)state;
	char *text = many_types_yaml(2, CML_MAX_TYPES + 1);

	assert_int_equal(CML_MAX_TYPES, 64);
	expect_error(text, 3, 3, "65 types is more than the 64 the engine "
		     "supports");
	free(text);
}

/* 64 types (N = 2: 2080 outcomes) load, validate and round-trip. */
static void round_trip_most_types(void **state)
{
	(void)state;
	char *text = many_types_yaml(2, CML_MAX_TYPES);
	struct scenario sc;
	struct cml_error err;

	if (scenario_load_string(text, strlen(text), "many.yaml", &sc, NULL,
				 &err) != 0)
		fail_msg("%d:%d: %s", err.line, err.col, err.msg);
	free(text);
	assert_int_equal(sc.ntypes, 64);
	assert_int_equal(scenario_validate(&sc, NULL), 0);
	for (int i = 0; i < sc.ntypes; i++) {
		char name[CML_NAME_MAX];
		snprintf(name, sizeof(name), "Type %d", i + 1);
		assert_string_equal(sc.types[i].name, name);
		assert_true(sc.types[i].cost == pow(0.9, i));
	}
	assert_int_equal(model_choose_method(&sc), METHOD_EXACT);
	assert_int_equal(scenario_outcome_count(2, 64), 2080);
	assert_round_trip(&sc);
	/* Every type's name and numbers survive, the last one included. */
	snprintf(sc.types[63].name, sizeof(sc.types[63].name), "last one");
	sc.types[63].prob += 1e-12;
	sc.types[0].prob -= 1e-12;
	assert_round_trip(&sc);
}

/*
 * N up to 100,000 loads (method auto, which then takes the approximate
 * method); exact enumeration refuses N beyond 65,535 (16-bit counts) and
 * more than 1,000,000 outcomes, saying so.
 */
static void large_sizes_validate(void **state)
{
	(void)state;
	char *text = many_types_yaml(100000, 2);
	struct scenario sc;
	struct scenario_problem problem;
	struct cml_error err;

	if (scenario_load_string(text, strlen(text), "big.yaml", &sc, NULL,
				 &err) != 0)
		fail_msg("%d:%d: %s", err.line, err.col, err.msg);
	free(text);
	assert_int_equal(sc.participants, 100000);
	assert_int_equal(sc.method, METHOD_AUTO);
	assert_int_equal(model_choose_method(&sc), METHOD_APPROX);
	sc.method = METHOD_APPROX;
	assert_int_equal(scenario_validate(&sc, NULL), 0);
	sc.method = METHOD_EXACT;
	assert_int_equal(scenario_validate(&sc, &problem), -1);
	assert_int_equal(problem.field, SCENARIO_FIELD_PARTICIPANTS);
	assert_string_equal(problem.msg, "N = 100000 is more than the 65535 "
			    "participants exact enumeration handles; use "
			    "method approx or auto");
	/* One type has one outcome at any N: only the counts' width binds. */
	sc.ntypes = 1;
	sc.types[0].prob = 1.0;
	sc.participants = 65536;
	assert_int_equal(scenario_validate(&sc, &problem), -1);
	assert_non_null(strstr(problem.msg, "N = 65536 is more than the 65535"));
	sc.method = METHOD_AUTO;
	assert_int_equal(scenario_validate(&sc, NULL), 0);
	assert_int_equal(model_choose_method(&sc), METHOD_APPROX);
	sc.participants = 65535;
	assert_int_equal(model_choose_method(&sc), METHOD_EXACT);
	sc.method = METHOD_EXACT;
	assert_int_equal(scenario_validate(&sc, NULL), 0);
	struct model mdl;
	if (model_init(&mdl, &sc, &err) != 0)
		fail_msg("N = 65535, one type: %s", err.msg);
	assert_int_equal(mdl.outcomes.count, 1);
	assert_int_equal(outcomes_row(&mdl.outcomes, 0)[0], 65535);
	model_free(&mdl);
	/* Four types at N = 10000: C(10003, 3) outcomes. */
	text = many_types_yaml(10000, 4);
	if (scenario_load_string(text, strlen(text), "four.yaml", &sc, NULL,
				 &err) != 0)
		fail_msg("%d:%d: %s", err.line, err.col, err.msg);
	free(text);
	sc.method = METHOD_EXACT;
	assert_int_equal(scenario_validate(&sc, &problem), -1);
	assert_non_null(strstr(problem.msg, "more outcomes than the 1000000 "
			       "exact enumeration handles"));
}

/*
 * The valuation families load with their own keys; with a non-linear v
 * method auto resolves to exact even beyond auto's usual exact limit.
 */
static void valid_valuation_families(void **state)
{
	struct scenario sc;

	(void)state;
	load_ok(N10 "valuation: {family: cara, scale: 100, lambda: 3}\n"
		TYPES2, "cara.yaml", &sc, NULL);
	assert_string_equal(sc.valuation.family->name, "cara");
	assert_true(sc.valuation.param[0] == 100 && sc.valuation.param[1] == 3);
	assert_int_equal(model_choose_method(&sc), METHOD_EXACT);
	load_ok(N10 "valuation:\n  gamma: 0.3\n  family: power\n" TYPES2,
		"power.yaml", &sc, NULL);
	assert_string_equal(sc.valuation.family->name, "power");
	assert_true(sc.valuation.param[0] == 100 &&
		    sc.valuation.param[1] == 0.3);
	assert_round_trip(&sc);
	/* 5 types at N = 60: 635376 outcomes, over auto's 200000 for a
	 * linear v, within exact enumeration's 1000000. */
	load_ok("participants: 60\nvaluation: {family: cara}\ntypes:\n"
		"  - {cost: 0.5, prob: 0.2}\n  - {cost: 0.4, prob: 0.2}\n"
		"  - {cost: 0.3, prob: 0.2}\n  - {cost: 0.2, prob: 0.2}\n"
		"  - {cost: 0.1, prob: 0.2}\n", "big.yaml", &sc, NULL);
	assert_int_equal(model_choose_method(&sc), METHOD_EXACT);
	valuation_init_default(&sc.valuation, valuation_family_find("linear"));
	assert_int_equal(model_choose_method(&sc), METHOD_APPROX);
}

static void round_trip_strings(void **state)
{
	static const char *const names[] = {
		"it's \"quoted\"", "a: b", "# not a comment", "  leading",
		"trailing ", "\xc3\xbc" "n\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9 \xe2\x9c\x93",
		"null", "~", "123", "0x1F", "true", "no", "", "- dash", "[x]",
		"{y}", "*star", "&amp", "!bang", "%pct", "@at", "`tick",
		"key: value # c", "tab\there", "new\nline", "back\\slash",
		"nel\xc2\x85" "end", "ls\xe2\x80\xa8" "ps\xe2\x80\xa9",
		"\xef\xbb\xbf" "bom", "cr\rlf", "-", "?", ":", ".5", "1e3",
		"'single'", "\"", "a  b", " ", "'", "|", ">", "---", "...",
	};
	static const char *const descriptions[] = {
		"line one\nline two\n", "no trailing newline",
		"  indented first line\nsecond", "\n\nleading blank lines",
		"trailing blank lines\n\n\n", "", "x\r\ny", "spaces   \nnext",
		"only\n", "#hash\n- dash\n: colon\n", "\xc3\xa9t\xc3\xa9\n",
		"\n", " ", "  \n  ", "tab\tin text\n", "a\n  b\n    c",
		"ends with space \n", "\"quoted\" and 'single'\n",
	};
	static const double costs[] = { 0.3, 0.2, 0.1 };
	struct scenario sc;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		make_scenario(&sc, names[i], "", costs, 3);
		snprintf(sc.types[1].name, sizeof(sc.types[1].name), "%s",
			 names[i]);
		assert_round_trip(&sc);
	}
	for (size_t i = 0; i < sizeof(descriptions) / sizeof(descriptions[0]);
	     i++) {
		make_scenario(&sc, "d", descriptions[i], costs, 3);
		assert_round_trip(&sc);
	}
}

static void round_trip_numbers(void **state)
{
	/* Within the supported ranges (param.h), at their ends too. */
	static const double costs[] = {
		0.1, 1e-6, 0.30000000000000004, 123456.789123, 1e6,
		1.0000000000000002e-6, 1.0 / 7.0, 2.0 / 3.0, 3e-5, 0.1 + 0.7,
		42, 999999.99999999988,
	};
	struct scenario sc;
	struct cml_error err;
	char *text;

	(void)state;
	make_scenario(&sc, "numbers", "", costs, 12);
	sc.accuracy.param[0] = 0.30000000000000004;
	sc.accuracy.param[1] = 1.0 / 3.0;
	sc.valuation.param[0] = 123456.789123;
	sc.participants = 2;
	assert_int_equal(accuracy_prepare(&sc.accuracy, err.msg,
					  sizeof(err.msg)), 0);
	assert_int_equal(scenario_validate(&sc, NULL), 0);
	assert_round_trip(&sc);

	/* The shortest exact forms, with tidy exponents. */
	text = scenario_to_yaml(&sc, &err);
	assert_non_null(text);
	assert_non_null(strstr(text, "cost: 0.1\n"));
	assert_non_null(strstr(text, "cost: 1e-6\n"));
	assert_non_null(strstr(text, "cost: 0.30000000000000004\n"));
	assert_non_null(strstr(text, "cost: 123456.789123\n"));
	assert_non_null(strstr(text, "cost: 1000000\n"));
	assert_non_null(strstr(text, "cost: 3e-5\n"));
	assert_non_null(strstr(text, "cost: 1.0000000000000002e-6\n"));
	assert_non_null(strstr(text, "scale: 123456.789123\n"));
	free(text);
}

/* The emitted layout: schema key order, block style, literal prose. */
static void emitted_layout(void **state)
{
	static const double costs[] = { 0.02, 0.01 };
	struct scenario sc;
	struct cml_error err;
	char *text;

	(void)state;
	make_scenario(&sc, "twotype", "First line.\nSecond line.\n", costs, 2);
	text = scenario_to_yaml(&sc, &err);
	assert_non_null(text);
	assert_string_equal(text,
		"name: twotype\n"
		"description: |\n  First line.\n  Second line.\n"
		"participants: 10\n"
		"accuracy:\n  family: sgb\n  a_opt: 1\n  k: 1\n"
		"valuation:\n  family: linear\n  scale: 100\n"
		"types:\n"
		"- name: Type 1\n  cost: 0.02\n  prob: 0.5\n"
		"- name: Type 2\n  cost: 0.01\n  prob: 0.5\n");
	free(text);
}

/* The sweep section: loaded as written, saved after types, round trip. */
static void sweep_section(void **state)
{
	static const double costs[] = { 0.02, 0.01 };
	struct scenario sc;
	struct cml_error err;
	char *text;

	(void)state;
	load_ok("sweep:\n  x: p.1=0.01:0.99:30\n  y: N=2:100:50\n" N10 TYPES2,
		"test.yaml", &sc, NULL);
	assert_string_equal(sc.sweep_x, "p.1=0.01:0.99:30");
	assert_string_equal(sc.sweep_y, "N=2:100:50");
	load_ok(N10 TYPES2 "sweep: {x: 'k=1:2:3'}\n", "test.yaml", &sc, NULL);
	assert_string_equal(sc.sweep_x, "k=1:2:3");
	assert_string_equal(sc.sweep_y, "");
	load_ok(N10 TYPES2 "sweep: {}\n", "test.yaml", &sc, NULL);
	assert_string_equal(sc.sweep_x, "");
	assert_string_equal(sc.sweep_y, "");
	/* Types in any order: p.J counts in cost order after sorting. */
	load_ok("participants: 3\ntypes:\n  - {cost: 0.1, prob: 0.5}\n"
		"  - {cost: 0.2, prob: 0.3}\n  - {cost: 0.3, prob: 0.2}\n"
		"sweep: {x: c.3=0.05:0.15:3}\n", "test.yaml", &sc, NULL);
	assert_true(sc.types[2].cost == 0.1);

	/* Emitted after types, only when set; scenario_equal sees it. */
	make_scenario(&sc, "figure2", "", costs, 2);
	text = scenario_to_yaml(&sc, &err);
	assert_null(strstr(text, "sweep"));
	free(text);
	snprintf(sc.sweep_x, sizeof(sc.sweep_x), "p.1=0.01:0.99:30");
	snprintf(sc.sweep_y, sizeof(sc.sweep_y), "N=2:100:50");
	text = scenario_to_yaml(&sc, &err);
	assert_non_null(text);
	assert_non_null(strstr(text, "  prob: 0.5\nsweep:\n"
			       "  x: p.1=0.01:0.99:30\n  y: N=2:100:50\n"));
	free(text);
	assert_round_trip(&sc);
	sc.sweep_y[0] = '\0';
	assert_round_trip(&sc);
	/* Spelled as given, not normalised: "1e1" stays "1e1". */
	snprintf(sc.sweep_x, sizeof(sc.sweep_x), "N=1e1:20:3");
	assert_round_trip(&sc);
	struct scenario other = sc;
	snprintf(other.sweep_x, sizeof(other.sweep_x), "N=10:20:3");
	assert_false(scenario_equal(&sc, &other));
}

/* method: loaded as written, saved after participants only when set. */
static void method_key(void **state)
{
	static const double costs[] = { 0.02, 0.01 };
	static const enum expectation_method all[] = {
		METHOD_AUTO, METHOD_EXACT, METHOD_APPROX
	};
	struct scenario sc;
	struct cml_error err;
	char *text;

	(void)state;
	load_ok(N10 TYPES2, "test.yaml", &sc, NULL);
	assert_int_equal(sc.method, METHOD_AUTO);
	load_ok(N10 "method: exact\n" TYPES2, "test.yaml", &sc, NULL);
	assert_int_equal(sc.method, METHOD_EXACT);
	load_ok(TYPES2 "method: 'approx'\n" N10, "test.yaml", &sc, NULL);
	assert_int_equal(sc.method, METHOD_APPROX);
	load_ok(N10 "method: auto\n" TYPES2, "test.yaml", &sc, NULL);
	assert_int_equal(sc.method, METHOD_AUTO);
	/* Beyond the enumeration limit auto and approx still load. */
	load_ok("participants: 10000\nmethod: approx\ntypes:\n"
		"  - {cost: 4, prob: 0.25}\n  - {cost: 3, prob: 0.25}\n"
		"  - {cost: 2, prob: 0.25}\n  - {cost: 1, prob: 0.25}\n",
		"test.yaml", &sc, NULL);
	assert_int_equal(sc.method, METHOD_APPROX);

	/* auto is not written: the layout of every existing file holds. */
	make_scenario(&sc, "m", "", costs, 2);
	text = scenario_to_yaml(&sc, &err);
	assert_non_null(text);
	assert_null(strstr(text, "method"));
	free(text);
	sc.method = METHOD_APPROX;
	text = scenario_to_yaml(&sc, &err);
	assert_non_null(text);
	assert_non_null(strstr(text, "participants: 10\nmethod: approx\n"
			       "accuracy:\n"));
	free(text);
	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++) {
		sc.method = all[k];
		assert_round_trip(&sc);
	}
	/* scenario_equal sees the method. */
	struct scenario other = sc;
	other.method = METHOD_EXACT;
	assert_false(scenario_equal(&sc, &other));
}

static void to_yaml_refuses_nonfinite(void **state)
{
	static const double costs[] = { 0.02, 0.01 };
	struct scenario sc;
	struct cml_error err;

	(void)state;
	make_scenario(&sc, "x", "", costs, 2);
	sc.types[1].cost = NAN;
	assert_null(scenario_to_yaml(&sc, &err));
	assert_non_null(strstr(err.msg, "type 2 cost is not a finite number"));
	make_scenario(&sc, "caf\xc3", "", costs, 2);
	assert_null(scenario_to_yaml(&sc, &err));
	assert_non_null(strstr(err.msg, "name is not valid UTF-8"));
}

/* A fresh empty directory under TMPDIR; the caller removes it. */
static void make_temp_dir(char *buf, size_t size)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(buf, size, "%s/cmlyaml.XXXXXX",
		 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(buf));
}

/* Number of entries in dir, besides "." and "..". */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void save_and_reload(void **state)
{
	static const double costs[] = { 0.5, 0.4, 0.03, 0.02, 0.001 };
	char dir[256], path[300];
	struct scenario sc, back;
	struct cml_error err;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/saved.yaml", dir);
	make_scenario(&sc, "Saved: \"one\"", "Some text.\n", costs, 5);
	assert_int_equal(scenario_save_file(path, &sc, &err), 0);
	assert_int_equal(scenario_load_file(path, &back, NULL, &err), 0);
	assert_true(scenario_equal(&sc, &back));
	assert_int_equal(count_entries(dir), 1);

	/* Saving an invalid scenario is refused and writes nothing. */
	sc.types[1].prob = 0.9;
	assert_int_equal(scenario_save_file(path, &sc, &err), -1);
	assert_string_equal(err.origin, path);
	assert_non_null(strstr(err.msg, "cannot save: probabilities sum"));
	assert_int_equal(scenario_load_file(path, &back, NULL, &err), 0);
	assert_int_equal(count_entries(dir), 1);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* A scenario whose axes no longer fit it is not saved. */
static void sweep_save_refused(void **state)
{
	static const double costs[] = { 0.02, 0.01 };
	char dir[256], path[300];
	struct scenario sc;
	struct cml_error err;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/saved.yaml", dir);
	make_scenario(&sc, "x", "", costs, 2);
	snprintf(sc.sweep_x, sizeof(sc.sweep_x), "p.3=0.1:0.9:3");
	assert_int_equal(scenario_save_file(path, &sc, &err), -1);
	assert_string_equal(err.origin, path);
	assert_non_null(strstr(err.msg, "cannot save: sweep: x: p.3: the "
			       "scenario has types 1 to 2"));
	snprintf(sc.sweep_x, sizeof(sc.sweep_x), "%s", "");
	snprintf(sc.sweep_y, sizeof(sc.sweep_y), "N=1:2:2");
	assert_int_equal(scenario_save_file(path, &sc, &err), -1);
	assert_non_null(strstr(err.msg, "y needs an x axis"));
	assert_int_equal(count_entries(dir), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void load_file_errors(void **state)
{
	char dir[256], path[300], formatted[600];
	struct scenario sc;
	struct cml_error err;
	FILE *f;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/missing.yaml", dir);
	assert_int_equal(scenario_load_file(path, &sc, NULL, &err), -1);
	assert_int_equal(err.line, 0);
	cml_error_format(&err, formatted, sizeof(formatted));
	assert_true(strncmp(formatted, path, strlen(path)) == 0);
	assert_non_null(strstr(formatted, ": cannot open: No such file"));

	/*
	 * Special files are refused before they are read: a directory, a
	 * device and a FIFO (whose open would wait for a writer; the alarm
	 * turns a hang into a failure).
	 */
	assert_int_equal(scenario_load_file(dir, &sc, NULL, &err), -1);
	assert_string_equal(err.origin, dir);
	assert_string_equal(err.msg, "not a regular file (a directory)");
	assert_int_equal(scenario_load_file("/dev/null", &sc, NULL, &err), -1);
	assert_string_equal(err.origin, "/dev/null");
	assert_string_equal(err.msg, "not a regular file (a character device)");
	snprintf(path, sizeof(path), "%s/fifo.yaml", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(5);
	assert_int_equal(scenario_load_file(path, &sc, NULL, &err), -1);
	alarm(0);
	assert_string_equal(err.origin, path);
	assert_string_equal(err.msg, "not a regular file (a FIFO)");
	cml_error_format(&err, formatted, sizeof(formatted));
	assert_true(strncmp(formatted, path, strlen(path)) == 0);
	assert_int_equal(unlink(path), 0);

	/* Too big: a valid file padded with comments past the limit. */
	snprintf(path, sizeof(path), "%s/big.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(N10 TYPES2, f);
	for (int i = 0; i < SCENARIO_YAML_MAX_FILE / 64 + 1; i++)
		fprintf(f, "# %61d\n", i);
	fclose(f);
	assert_int_equal(scenario_load_file(path, &sc, NULL, &err), -1);
	assert_string_equal(err.origin, path);
	assert_non_null(strstr(err.msg, "larger than"));

	/* Errors inside a file name the file. */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(N10 "types: 3\n", f);
	fclose(f);
	assert_int_equal(scenario_load_file(path, &sc, NULL, &err), -1);
	assert_string_equal(err.origin, path);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 8);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void atomic_missing_directory(void **state)
{
	char dir[256], path[300], formatted[600];
	struct cml_error err;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/nodir/out.yaml", dir);
	assert_int_equal(atomic_file_write(path, "x\n", 2, &err), -1);
	assert_string_equal(err.origin, path);
	assert_int_equal(err.line, 0);
	cml_error_format(&err, formatted, sizeof(formatted));
	assert_true(strncmp(formatted, path, strlen(path)) == 0);
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
	assert_int_equal(count_entries(dir), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* A target that is a directory: rename fails, the temp file goes. */
static void atomic_rename_failure(void **state)
{
	char dir[256], path[300];
	struct cml_error err;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/sub", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(atomic_file_write(path, "x\n", 2, &err), -1);
	assert_string_equal(err.origin, path);
	assert_non_null(strstr(err.msg, "cannot replace"));
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* Reads a whole small file into buf; returns its length. */
static size_t read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	assert_true(fd >= 0);
	n = read(fd, buf, size);
	close(fd);
	assert_true(n >= 0);
	return (size_t)n;
}

static void atomic_modes(void **state)
{
	char dir[256], path[300], buf[64];
	struct stat st;
	struct cml_error err;
	mode_t old_mask;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/file.txt", dir);

	/* New files: 0644 less the umask. */
	old_mask = umask(022);
	assert_int_equal(atomic_file_write(path, "first\n", 6, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(unlink(path), 0);
	umask(077);
	assert_int_equal(atomic_file_write(path, "first\n", 6, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	umask(old_mask);

	/* Existing files keep their mode; contents are replaced whole. */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(atomic_file_write(path, "2nd\n", 4, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(read_small(path, buf, sizeof(buf)), 4);
	assert_memory_equal(buf, "2nd\n", 4);
	assert_int_equal(chmod(path, 0604), 0);
	assert_int_equal(atomic_file_write(path, "", 0, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0604);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(count_entries(dir), 1);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* Stops the process where a write passed RLIMIT_FSIZE: "killed mid-save". */
static void stop_here(int sig)
{
	(void)sig;
	raise(SIGSTOP);
}

/*
 * A save stopped mid-write leaves its temporary file; the next save
 * leaves it alone while its writer lives and removes it once the writer
 * is dead.  The target keeps its old contents throughout.
 */
static void atomic_stale_temp_removed(void **state)
{
	char dir[256], path[300], buf[64], big[4096];
	struct cml_error err;
	int status;
	pid_t child;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/out.yaml", dir);
	assert_int_equal(atomic_file_write(path, "old\n", 4, &err), 0);
	memset(big, 'x', sizeof(big));

	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct rlimit limit = { 100, 100 };
		signal(SIGXFSZ, stop_here);
		setrlimit(RLIMIT_FSIZE, &limit);
		atomic_file_write(path, big, sizeof(big), &err);
		_exit(0);
	}
	assert_int_equal(waitpid(child, &status, WUNTRACED), child);
	assert_true(WIFSTOPPED(status));
	assert_int_equal(count_entries(dir), 2);

	/* Its writer is alive (stopped): the temporary file stays. */
	assert_int_equal(atomic_file_write(path, "new\n", 4, &err), 0);
	assert_int_equal(count_entries(dir), 2);

	/* Killed: the next save removes what it left. */
	assert_int_equal(kill(child, SIGKILL), 0);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(atomic_file_write(path, "3rd\n", 4, &err), 0);
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(read_small(path, buf, sizeof(buf)), 4);
	assert_memory_equal(buf, "3rd\n", 4);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* Files that merely look like temporary files are never touched. */
static void atomic_foreign_files_kept(void **state)
{
	static const char *const names[] = {
		".out.yaml.XXXXXX",                /* the old pattern */
		".out.yaml.cml-99999999-otherhost.abcdef", /* elsewhere */
		".out.yaml.cml-x-host.abcdef",      /* no pid */
		".other.yaml.cml-99999999-host.abcdef", /* other target */
	};
	char dir[256], path[300], other[400];
	struct cml_error err;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(other, sizeof(other), "%s/%s", dir, names[i]);
		FILE *f = fopen(other, "w");
		assert_non_null(f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/out.yaml", dir);
	assert_int_equal(atomic_file_write(path, "x\n", 2, &err), 0);
	assert_int_equal(count_entries(dir), 5);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(other, sizeof(other), "%s/%s", dir, names[i]);
		assert_int_equal(unlink(other), 0);
	}
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* A path without a directory part writes into the working directory. */
static void atomic_relative_path(void **state)
{
	char dir[256], cwd[4096], buf[16];
	struct cml_error err;

	(void)state;
	make_temp_dir(dir, sizeof(dir));
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(atomic_file_write("plain.txt", "abc", 3, &err), 0);
	assert_int_equal(read_small("plain.txt", buf, sizeof(buf)), 3);
	assert_int_equal(count_entries("."), 1);
	assert_int_equal(unlink("plain.txt"), 0);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rmdir(dir), 0);
}

#define LOCALE_TEXT "participants: 10\n" \
	"accuracy: {a_opt: 0.75, k: 1.5}\n" \
	"types:\n  - {cost: 0.5, prob: 0.25}\n  - {cost: 0.125, prob: 0.75}\n"

/* The numbers of LOCALE_TEXT came through exactly, and back out too. */
static void assert_locale_text(void)
{
	struct scenario sc;
	struct cml_error err;
	char *text;

	load_ok(LOCALE_TEXT, "test.yaml", &sc, NULL);
	assert_true(sc.accuracy.param[0] == 0.75);
	assert_true(sc.accuracy.param[1] == 1.5);
	assert_true(sc.types[0].cost == 0.5 && sc.types[0].prob == 0.25);
	assert_true(sc.types[1].cost == 0.125 && sc.types[1].prob == 0.75);
	text = scenario_to_yaml(&sc, &err);
	assert_non_null(text);
	assert_non_null(strstr(text, "a_opt: 0.75\n"));
	assert_non_null(strstr(text, "cost: 0.125\n"));
	free(text);
	assert_round_trip(&sc);
}

static void locale_c_utf8(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_locale_text();
	setlocale(LC_ALL, "C");
}

/*
 * Under a locale whose decimal point is a comma, strtod("0.5") stops at
 * the point; the loader must not care.  Tried per thread (uselocale) and
 * process-wide (setlocale).  Without such a locale installed, the C.UTF-8
 * path is asserted instead (see locale_c_utf8).
 */
static void locale_comma(void **state)
{
	static const char *const candidates[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
		"nl_NL.UTF-8", "es_ES.UTF-8", "it_IT.UTF-8", "ru_RU.UTF-8",
		"de_DE", "fr_FR",
	};
	locale_t comma = (locale_t)0, previous;
	const char *name = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]) &&
			   comma == (locale_t)0; i++) {
		comma = newlocale(LC_NUMERIC_MASK, candidates[i], (locale_t)0);
		name = candidates[i];
	}
	if (comma == (locale_t)0) {
		print_message("no comma locale installed; checking the "
			      "C.UTF-8 path only\n");
		assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
		assert_true(strtod("0.5", NULL) == 0.5);
		assert_locale_text();
		setlocale(LC_ALL, "C");
		return;
	}
	previous = uselocale(comma);
	/* The hazard is real in this locale ... */
	assert_true(strtod("0.5", NULL) == 0.0);
	/* ... and the loader is immune to it. */
	assert_locale_text();
	uselocale(previous);
	freelocale(comma);

	assert_non_null(setlocale(LC_NUMERIC, name));
	assert_true(strtod("0.5", NULL) == 0.0);
	assert_locale_text();
	setlocale(LC_NUMERIC, "C");
}

/*
 * A type's own outside option (issue 11): a fixed profit or a technology
 * of its own; it round-trips through save and load, moves with its type
 * when the types are sorted, and every mistake is refused at its place.
 */
static void outside_options(void **state)
{
	static const char text[] =
		"participants: 4\n"
		"types:\n"
		"  - cost: 0.01\n"
		"    prob: 0.5\n"
		"    outside: {family: power, a_opt: 0.9, alpha: 0.5}\n"
		"  - cost: 0.02\n"
		"    prob: 0.3\n"
		"    outside: {profit: 40}\n"
		"  - cost: 0.03\n"
		"    prob: 0.2\n";
	struct scenario sc, back;
	struct cml_error err;

	(void)state;
	load_ok(text, "outside.yaml", &sc, NULL);
	/* Sorted highest cost first: the options moved with their types. */
	assert_int_equal(sc.types[0].outside.kind, OUTSIDE_COMMON);
	assert_int_equal(sc.types[1].outside.kind, OUTSIDE_PROFIT);
	assert_true(sc.types[1].outside.profit == 40);
	assert_int_equal(sc.types[2].outside.kind, OUTSIDE_TECHNOLOGY);
	const struct accuracy *own = &sc.types[2].outside.accuracy;
	assert_string_equal(own->family->name, "power");
	assert_true(own->param[0] == 0.9 && own->param[2] == 0.5);
	/* b left out: the family's default. */
	assert_true(own->param[1] == own->family->params[1].def);
	char *yaml = scenario_to_yaml(&sc, &err);
	assert_non_null(yaml);
	assert_non_null(strstr(yaml, "outside:"));
	assert_int_equal(scenario_load_string(yaml, strlen(yaml), "back.yaml",
					      &back, NULL, &err), 0);
	assert_true(scenario_equal(&sc, &back));
	free(yaml);
	back.types[1].outside.profit = 41;
	assert_false(scenario_equal(&sc, &back));

	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: 3\n", 5, 14, "type 1: outside: must be a "
		     "mapping");
	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: {profit: -1}\n", 5, 23, "profit must be");
	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: {profit: 4, k: 1}\n", 5, 26, "a fixed profit "
		     "takes no 'k'");
	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: {family: nope}\n", 5, 23, "unknown accuracy "
		     "family 'nope'");
	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: {family: sgb, alpha: 1}\n", 5, 28, "unknown key "
		     "'alpha' for family sgb");
	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: {family: sgb, k: 1000}\n", 5, 31, "k must be");
	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: {a_opt: 0.5}\n", 5, 14, "needs profit: or "
		     "family:");
	expect_error(N10 "types:\n  - cost: 0.5\n    prob: 1\n"
		     "    outside: {cost: 1}\n", 5, 15, "unknown key 'cost'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(err_syntax),
		cmocka_unit_test(err_syntax_context),
		cmocka_unit_test(err_syntax_mapping),
		cmocka_unit_test(err_unknown_top_key),
		cmocka_unit_test(err_unknown_method),
		cmocka_unit_test(err_method_not_scalar),
		cmocka_unit_test(err_method_case),
		cmocka_unit_test(err_duplicate_method),
		cmocka_unit_test(err_method_exact_too_many),
		cmocka_unit_test(err_unknown_type_key),
		cmocka_unit_test(err_unknown_accuracy_key),
		cmocka_unit_test(err_accuracy_key_of_other_family),
		cmocka_unit_test(err_power_key_of_sgb),
		cmocka_unit_test(err_exp_key_of_power),
		cmocka_unit_test(err_power_range),
		cmocka_unit_test(err_gamma_range),
		cmocka_unit_test(err_lambda_key_of_power),
		cmocka_unit_test(err_approx_non_linear),
		cmocka_unit_test(err_auto_non_linear_too_many),
		cmocka_unit_test(err_power_b_range),
		cmocka_unit_test(err_exp_range),
		cmocka_unit_test(err_unknown_valuation_key),
		cmocka_unit_test(err_key_not_string),
		cmocka_unit_test(err_number_is_sequence),
		cmocka_unit_test(err_number_is_string),
		cmocka_unit_test(err_string_is_mapping),
		cmocka_unit_test(err_types_not_sequence),
		cmocka_unit_test(err_type_not_mapping),
		cmocka_unit_test(err_family_not_mapping),
		cmocka_unit_test(err_missing_participants),
		cmocka_unit_test(err_missing_types),
		cmocka_unit_test(err_missing_cost),
		cmocka_unit_test(err_missing_prob),
		cmocka_unit_test(err_duplicate_top),
		cmocka_unit_test(err_sweep_bad_axis),
		cmocka_unit_test(err_sweep_type_range),
		cmocka_unit_test(err_sweep_range),
		cmocka_unit_test(err_sweep_unknown_key),
		cmocka_unit_test(err_sweep_duplicate_key),
		cmocka_unit_test(err_sweep_not_mapping),
		cmocka_unit_test(err_sweep_value_mapping),
		cmocka_unit_test(err_sweep_y_without_x),
		cmocka_unit_test(err_sweep_conflict),
		cmocka_unit_test(err_sweep_too_long),
		cmocka_unit_test(err_duplicate_type),
		cmocka_unit_test(err_duplicate_family),
		cmocka_unit_test(err_inf),
		cmocka_unit_test(err_nan),
		cmocka_unit_test(err_overflow),
		cmocka_unit_test(err_hex),
		cmocka_unit_test(err_word),
		cmocka_unit_test(err_trailing_garbage),
		cmocka_unit_test(err_empty_number),
		cmocka_unit_test(err_cost_zero),
		cmocka_unit_test(err_cost_negative),
		cmocka_unit_test(err_prob_zero),
		cmocka_unit_test(err_prob_above_one),
		cmocka_unit_test(err_prob_sum),
		cmocka_unit_test(err_equal_costs),
		cmocka_unit_test(err_participants_zero),
		cmocka_unit_test(err_participants_fraction),
		cmocka_unit_test(err_participants_too_many),
		cmocka_unit_test(err_too_many_types),
		cmocka_unit_test(large_sizes_validate),
		cmocka_unit_test(round_trip_most_types),
		cmocka_unit_test(err_empty_types),
		cmocka_unit_test(err_accuracy_range),
		cmocka_unit_test(err_param_before_family),
		cmocka_unit_test(err_valuation_range),
		cmocka_unit_test(err_unknown_family),
		cmocka_unit_test(err_alias),
		cmocka_unit_test(err_anchor),
		cmocka_unit_test(err_anchor_collection),
		cmocka_unit_test(err_tag),
		cmocka_unit_test(err_two_documents),
		cmocka_unit_test(err_empty_input),
		cmocka_unit_test(err_only_comments),
		cmocka_unit_test(err_empty_document),
		cmocka_unit_test(err_top_sequence),
		cmocka_unit_test(err_top_scalar),
		cmocka_unit_test(err_deep_nesting),
		cmocka_unit_test(err_deep_key),
		cmocka_unit_test(err_name_too_long),
		cmocka_unit_test(err_type_name_too_long),
		cmocka_unit_test(err_escaped_nul),
		cmocka_unit_test(err_bad_utf8),
		cmocka_unit_test(err_sweep_too_many_points),
		cmocka_unit_test(err_key_control_escaped),
		cmocka_unit_test(err_bom_mark_column),
		cmocka_unit_test(err_bom_reader_column),
		cmocka_unit_test(err_bom_missing),
		cmocka_unit_test(err_raw_nul),
		cmocka_unit_test(err_description_too_long),
		cmocka_unit_test(valid_defaults),
		cmocka_unit_test(valid_bom),
		cmocka_unit_test(valid_explicit),
		cmocka_unit_test(valid_default_names),
		cmocka_unit_test(valid_sorted),
		cmocka_unit_test(valid_flow_and_empty_family),
		cmocka_unit_test(valid_other_families),
		cmocka_unit_test(valid_valuation_families),
		cmocka_unit_test(round_trip_other_families),
		cmocka_unit_test(round_trip_strings),
		cmocka_unit_test(round_trip_numbers),
		cmocka_unit_test(emitted_layout),
		cmocka_unit_test(to_yaml_refuses_nonfinite),
		cmocka_unit_test(sweep_section),
		cmocka_unit_test(method_key),
		cmocka_unit_test(sweep_save_refused),
		cmocka_unit_test(save_and_reload),
		cmocka_unit_test(load_file_errors),
		cmocka_unit_test(atomic_missing_directory),
		cmocka_unit_test(atomic_rename_failure),
		cmocka_unit_test(atomic_modes),
		cmocka_unit_test(atomic_relative_path),
		cmocka_unit_test(atomic_stale_temp_removed),
		cmocka_unit_test(atomic_foreign_files_kept),
		cmocka_unit_test(locale_c_utf8),
		cmocka_unit_test(locale_comma),
		cmocka_unit_test(outside_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test-presets.c - the built-in presets are exactly the files data/NAME.yaml.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "contract.h"
#include "presets.h"
#include "scenario-yaml.h"

/* Reads DATA_DIR/name into a malloc'd buffer; *len receives its size. */
static char *read_data_file(const char *file, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long size;

	snprintf(path, sizeof(path), "%s/%s", DATA_DIR, file);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	buf[size] = '\0';
	*len = (size_t)size;
	return buf;
}

/* True if name ends in ".yaml" (and is more than that). */
static bool is_yaml(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Every data file is a preset, byte for byte, and loads the same. */
static void data_files_match_presets(void **state)
{
	DIR *dir = opendir(DATA_DIR);
	struct dirent *e;
	int files = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		char name[256], path[1024];
		const struct embedded_file *p;
		struct scenario from_file, from_preset;
		struct cml_error err;
		size_t len;
		char *bytes;

		if (!is_yaml(e->d_name))
			continue;
		files++;
		snprintf(name, sizeof(name), "%.*s",
			 (int)(strlen(e->d_name) - 5), e->d_name);
		p = preset_find(name);
		if (p == NULL) {
			print_error("data/%s has no built-in preset: add it "
				    "to PRESET_FILES in Makefile.am\n",
				    e->d_name);
			fail();
		}
		bytes = read_data_file(e->d_name, &len);
		assert_int_equal(p->length, len);
		assert_memory_equal(p->text, bytes, len);
		assert_int_equal(p->text[p->length], '\0');
		free(bytes);

		snprintf(path, sizeof(path), "%s/%s", DATA_DIR, e->d_name);
		if (scenario_load_file(path, &from_file, NULL, &err) != 0) {
			print_error("%s:%d:%d: %s\n", err.origin, err.line,
				    err.col, err.msg);
			fail();
		}
		assert_int_equal(preset_load(p, &from_preset, &err), 0);
		assert_true(scenario_equal(&from_file, &from_preset));
	}
	closedir(dir);
	/* Same set: every preset had its file. */
	assert_int_equal(files, presets_count);
}

static void fixed_order(void **state)
{
	static const char *const first[] = {
		"twotype", "scenario1", "scenario2", "scenario3",
	};

	(void)state;
	assert_true(presets_count >= 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(presets[i].name, first[i]);
	/* After the fixed five, the others in name order. */
	for (int i = 6; i < presets_count; i++)
		assert_true(strcmp(presets[i - 1].name, presets[i].name) < 0);
	for (int i = 0; i < presets_count; i++)
		assert_ptr_equal(preset_find(presets[i].name), &presets[i]);
}

static void unknown_preset(void **state)
{
	(void)state;
	assert_null(preset_find("nope"));
	assert_null(preset_find(""));
	assert_null(preset_find("twotype.yaml"));
}

/* Each preset loads under its own name and has a lecture note. */
static void descriptions(void **state)
{
	(void)state;
	for (int i = 0; i < presets_count; i++) {
		struct scenario sc;
		struct cml_error err;
		int lines = 0;

		assert_int_equal(preset_load(&presets[i], &sc, &err), 0);
		assert_string_equal(sc.name, presets[i].name);
		assert_true(strlen(sc.description) > 0);
		for (const char *c = sc.description; *c != '\0'; c++) {
			assert_true(*c == '\n' || (*c >= ' ' && *c <= '~'));
			if (*c == '\n')
				lines++;
		}
		assert_in_range(lines, 4, 8);
	}
}

/* The scenarios of the paper, as described in the brief of each preset. */
static void check_preset(const char *name, const double *costs, int ntypes)
{
	const struct embedded_file *p = preset_find(name);
	struct scenario sc;
	struct cml_error err;
	char label[16];

	assert_non_null(p);
	assert_int_equal(preset_load(p, &sc, &err), 0);
	assert_int_equal(sc.participants, 10);
	assert_string_equal(sc.accuracy.family->name, "sgb");
	assert_true(sc.accuracy.param[0] == 1 && sc.accuracy.param[1] == 1);
	assert_string_equal(sc.valuation.family->name, "linear");
	assert_true(sc.valuation.param[0] == 100);
	assert_int_equal(sc.ntypes, ntypes);
	for (int i = 0; i < ntypes; i++) {
		assert_true(sc.types[i].cost == costs[i]);
		assert_true(sc.types[i].prob == 1.0 / ntypes);
		if (ntypes > 2) {
			snprintf(label, sizeof(label), "Type %d", i + 1);
			assert_string_equal(sc.types[i].name, label);
		}
	}
}

static void paper_scenarios(void **state)
{
	static const double two[] = { 0.02, 0.01 };
	static const double s1[] = { 0.2, 0.16, 0.12, 0.08, 0.04 };
	static const double s2[] = { 1, 0.85, 0.7, 0.55, 0.4 };
	static const double s3[] = { 0.5, 0.4, 0.03, 0.02, 0.001 };
	struct scenario sc;
	struct cml_error err;

	(void)state;
	check_preset("twotype", two, 2);
	assert_int_equal(preset_load(preset_find("twotype"), &sc, &err), 0);
	assert_string_equal(sc.types[0].name, "High cost");
	assert_string_equal(sc.types[1].name, "Low cost");
	check_preset("scenario1", s1, 5);
	check_preset("scenario2", s2, 5);
	check_preset("scenario3", s3, 5);
}

/* Solves a preset cold (exact or as its method says). */
static void solve_scenario(const struct scenario *sc, struct model *mdl,
			   struct contract *c)
{
	struct cml_error err;

	memset(mdl, 0, sizeof(*mdl));
	assert_int_equal(model_init(mdl, sc, &err), 0);
	struct solver *s = solver_create();
	assert_non_null(s);
	assert_true(contract_solve(s, mdl, NULL, false, c) >= 0);
	solver_free(s);
}

static void solve_preset(const char *name, struct model *mdl,
			 struct contract *c)
{
	struct scenario sc;
	struct cml_error err;

	assert_int_equal(preset_load(preset_find(name), &sc, &err), 0);
	solve_scenario(&sc, mdl, c);
}

/*
 * The concave-value preset's notes: alone 186 and 221 units, one pooled
 * option of 254 units where twotype separates, type 2's rent 0.54,
 * E[a] 0.833 and E[v] 99.98.
 */
static void concave_value_notes_hold(void **state)
{
	struct model mdl;
	static struct contract c, linear;

	(void)state;
	solve_preset("twotype", &mdl, &linear);
	model_free(&mdl);
	assert_int_equal(linear.status, POOLING_SEPARATING);
	solve_preset("concave-value", &mdl, &c);
	assert_string_equal(mdl.valuation.family->name, "cara");
	assert_int_equal(c.status, POOLING_FULL);
	assert_true(fabs(c.type[0].reservation_contribution - 186) < 0.5);
	assert_true(fabs(c.type[1].reservation_contribution - 221) < 0.5);
	assert_true(fabs(c.type[0].contribution - 254) < 0.5);
	assert_true(fabs(c.type[1].rent - 0.54) < 0.005);
	assert_true(fabs(c.type[0].rent) < 1e-6);
	assert_true(fabs(c.expected_accuracy - 0.833) < 0.0005);
	assert_true(fabs(c.expected_value - 99.98) < 0.005);
	model_free(&mdl);
}

/*
 * The scaling-law preset's notes: every participation binds (no rents),
 * every type contributes more than alone and gets a better model than
 * alone, the big firm 4065 units against 1778.
 */
static void scaling_law_notes_hold(void **state)
{
	struct scenario sc;
	struct model mdl;
	struct cml_error err;
	static struct contract c;

	(void)state;
	assert_int_equal(preset_load(preset_find("scaling-law"), &sc, &err), 0);
	assert_string_equal(sc.accuracy.family->name, "power");
	memset(&mdl, 0, sizeof(mdl));
	assert_int_equal(model_init(&mdl, &sc, &err), 0);
	struct solver *s = solver_create();
	assert_non_null(s);
	assert_true(contract_solve(s, &mdl, NULL, false, &c) >= 0);
	solver_free(s);
	for (int i = 0; i < c.ntypes; i++) {
		const struct type_result *r = &c.type[i];
		assert_true(fabs(r->rent) < 1e-6);
		assert_true(r->trains_alone);
		assert_true(r->contribution > r->reservation_contribution);
		assert_true(r->reward_value > r->reservation_value);
	}
	assert_int_equal(c.status, POOLING_SEPARATING);
	assert_true(fabs(c.type[3].contribution - 4065) < 1);
	assert_true(fabs(c.type[3].reservation_contribution - 1778) < 1);
	assert_true(fabs(c.type[0].reservation_value - 74) < 0.5);
	assert_true(fabs(c.type[3].reservation_value - 88) < 0.5);
	model_free(&mdl);
}

/*
 * The own-technology preset's notes: type 3 earns 41.24 alone, more than
 * type 4; only type 3's IR binds; type 1 keeps 4.60 (break-even fails);
 * all five pool at 373.4 units; certified.
 */
static void own_technology_notes_hold(void **state)
{
	struct model mdl;
	static struct contract c;

	(void)state;
	solve_preset("own-technology", &mdl, &c);
	assert_true(fabs(c.type[2].reservation_profit - 41.24) < 0.005);
	assert_true(c.type[2].reservation_profit > c.type[3].reservation_profit);
	for (int i = 0; i < c.ntypes; i++)
		if (i == 2)
			assert_true(fabs(c.type[i].rent) < 1e-6);
		else
			assert_true(c.type[i].rent > 1.0);
	assert_true(fabs(c.type[0].rent - 4.60) < 0.005);
	assert_false(c.checks[CHECK_BREAK_EVEN].pass);
	assert_int_equal(c.status, POOLING_FULL);
	assert_true(fabs(c.type[0].contribution - 373.4) < 0.05);
	assert_int_equal(c.result, SOLVER_OK);
	model_free(&mdl);
}

/*
 * The big-firm preset's notes: the big firm (type 3) earns 74.04 alone
 * (49.06 with the consortium's technology); IR binds for types 1 and 3
 * (with the common technology type 3 keeps 19.21); the small lab gives
 * 381.7 (184.4 with the common technology); the university keeps 19.73;
 * E[a] 0.8651 against 0.8671.
 */
static void big_firm_notes_hold(void **state)
{
	struct model mdl, common_mdl;
	static struct contract c, common;
	struct scenario sc;
	struct cml_error err;

	(void)state;
	solve_preset("big-firm", &mdl, &c);
	assert_true(fabs(c.type[2].reservation_profit - 74.04) < 0.005);
	assert_true(fabs(c.type[0].rent) < 1e-6);
	assert_true(fabs(c.type[2].rent) < 1e-6);
	assert_true(fabs(c.type[1].rent - 19.73) < 0.005);
	assert_true(fabs(c.type[0].contribution - 381.7) < 0.05);
	assert_true(fabs(c.expected_accuracy - 0.8651) < 5e-5);
	assert_int_equal(c.result, SOLVER_OK);
	model_free(&mdl);

	/* The same firm with the consortium's technology. */
	assert_int_equal(preset_load(preset_find("big-firm"), &sc, &err), 0);
	memset(&sc.types[2].outside, 0, sizeof(sc.types[2].outside));
	solve_scenario(&sc, &common_mdl, &common);
	assert_true(fabs(common.type[2].reservation_profit - 49.06) < 0.005);
	assert_true(fabs(common.type[2].rent - 19.21) < 0.005);
	assert_true(fabs(common.type[1].rent) < 1e-6);
	assert_true(fabs(common.type[0].contribution - 184.4) < 0.05);
	assert_true(fabs(common.expected_accuracy - 0.8671) < 5e-5);
	model_free(&common_mdl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(data_files_match_presets),
		cmocka_unit_test(fixed_order),
		cmocka_unit_test(unknown_preset),
		cmocka_unit_test(descriptions),
		cmocka_unit_test(paper_scenarios),
		cmocka_unit_test(scaling_law_notes_hold),
		cmocka_unit_test(concave_value_notes_hold),
		cmocka_unit_test(own_technology_notes_hold),
		cmocka_unit_test(big_firm_notes_hold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

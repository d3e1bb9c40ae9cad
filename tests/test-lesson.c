/*
 * test-lesson.c - lessons: the built-in ones are the data files, load and
 * walk end to end with every live number as `solve` reports it; broken
 * lesson files are refused at the place of the problem.
 */
#include <curses.h>
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lesson.h"
#include "presets.h"
#include "report.h"
#include "testutil.h"
#include "tree.h"
#include "tui-harness.h"
#include "tui-lesson.h"

#ifndef DATA_DIR
#error DATA_DIR must name the data directory
#endif

/* ------------------------------------------------------------------ */
/* The built-in lessons are data/lessons/NAME.yaml, byte for byte.    */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	char *buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	buf[size] = '\0';
	*len = (size_t)size;
	return buf;
}

static void builtin_lessons_are_the_data_files(void **state)
{
	DIR *dir = opendir(DATA_DIR "/lessons");
	struct dirent *e;
	int files = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name), len;
		char name[256], path[1024];
		if (n <= 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		files++;
		snprintf(name, sizeof(name), "%.*s", (int)(n - 5), e->d_name);
		const struct embedded_file *l = lesson_find(name);
		if (l == NULL) {
			print_error("data/lessons/%s is not built in: add it to "
				    "LESSON_FILES in Makefile.am\n", e->d_name);
			fail();
		}
		snprintf(path, sizeof(path), "%s/lessons/%s", DATA_DIR,
			 e->d_name);
		char *bytes = read_file(path, &len);
		assert_int_equal(l->length, len);
		assert_memory_equal(l->text, bytes, len);
		free(bytes);

		struct lesson a, b;
		struct cml_error err;
		if (lesson_load(path, &a, &err) != 0 ||
		    lesson_load(name, &b, &err) != 0) {
			print_error("%s:%d:%d: %s\n", err.origin, err.line,
				    err.col, err.msg);
			fail();
		}
		assert_int_equal(a.nsteps, b.nsteps);
		for (int k = 0; k < a.nsteps; k++)
			assert_true(scenario_equal(&a.steps[k].scenario,
						   &b.steps[k].scenario));
		lesson_free(&a);
		lesson_free(&b);
	}
	closedir(dir);
	assert_int_equal(files, lessons_count);
	assert_non_null(lesson_find("paper"));
}

/* ------------------------------------------------------------------ */
/* Broken lessons: refused with FILE:LINE:COL.                         */

struct bad_case {
	const char *text;
	int line, col;
	const char *says;
};

#define STEP0 "title: T\nsteps:\n  - title: S\n    scenario: twotype\n"

static const struct bad_case bad_cases[] = {
	{ "", 1, 1, "a lesson file is a mapping" },
	{ "title: T\n", 1, 1, "steps: is missing" },
	{ "steps: []\ntitle: T\n", 1, 8, "at least one step" },
	{ "title: T\nstep:\n", 2, 1, "unknown key 'step'" },
	{ "title: [T]\nsteps: []\n", 1, 8, "title must be a string" },
	{ "title: T\nsteps: {a: 1}\n", 2, 8, "steps must be a sequence" },
	{ "title: T\nsteps:\n  - 3\n", 3, 5, "a step must be a mapping" },
	{ "title: T\nsteps:\n  - title: S\n    text: x\n", 3, 5,
	  "the first step must load a scenario" },
	{ STEP0 "    text: x\n    titel: y\n", 6, 5, "unknown key 'titel'" },
	{ STEP0 "    text: x\n    title: again\n", 6, 5, "duplicate key 'title'" },
	{ "title: T\nsteps:\n  - title: S\n    scenario: nope\n    text: x\n",
	  4, 15, "'nope' is no preset" },
	{ STEP0, 3, 5, "text: is missing" },
	{ STEP0 "    set:\n      p.9: 0.5\n    text: x\n", 6, 7, "p.9" },
	{ STEP0 "    set:\n      N: 0\n    text: x\n", 6, 7, "set: N:" },
	{ STEP0 "    set:\n      N: many\n    text: x\n", 6, 10,
	  "N must be a number" },
	{ STEP0 "    set: 3\n    text: x\n", 5, 10, "set: must be a mapping" },
	{ STEP0 "    type: 3\n    text: x\n", 5, 11, "type must be 1 to 2" },
	{ STEP0 "    type: 1.5\n    text: x\n", 5, 11, "whole number" },
	{ STEP0 "    option: 1\n    text: x\n", 5, 5, "option: needs a type" },
	{ STEP0 "    show: graph\n    text: x\n", 5, 11, "unknown pane 'graph'" },
	/* A placeholder's own place, inside a block scalar. */
	{ STEP0 "    text: |\n      Type 1 gives {m.1} and\n"
		"      type 3 gives {m.3}.\n", 7, 20, "type 3 does not exist" },
	{ STEP0 "    text: \"{foo}\"\n", 5, 12, "unknown placeholder {foo}" },
	{ STEP0 "    text: x {m.1:12}\n", 5, 13, "0 to 9" },
	{ STEP0 "    text: x {m}\n", 5, 13, "{m} needs a type" },
	{ STEP0 "    text: x {value.1}\n", 5, 13, "takes no type number" },
	{ STEP0 "    text: x {status:2}\n", 5, 13, "is text" },
	{ STEP0 "    text: x {m.1\n", 5, 13, "not closed" },
	{ STEP0 "    text: x } y\n", 5, 13, "a lone '}'" },
	{ STEP0 "    text: &a x\n", 5, 11, "anchors" },
	{ STEP0 "    text: x: y\n", 5, 12, "syntax error" },
	/* A later step refers to its own scenario: 5 types after twotype. */
	{ STEP0 "    text: x\n  - title: U\n    scenario: scenario1\n"
		"    text: '{rent.5}'\n  - title: V\n    scenario: twotype\n"
		"    text: '{rent.5}'\n", 11, 12, "type 5 does not exist" },
};

static void broken_lessons_are_refused_with_their_place(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(bad_cases) / sizeof(bad_cases[0]); k++) {
		const struct bad_case *c = &bad_cases[k];
		struct lesson l;
		struct cml_error err;
		int rc = lesson_load_string(c->text, strlen(c->text), "bad.yaml",
					    "", &l, &err);
		if (rc == 0 || err.line != c->line || err.col != c->col ||
		    strstr(err.msg, c->says) == NULL ||
		    strcmp(err.origin, "bad.yaml") != 0) {
			print_error("case %zu: got rc %d, %s:%d:%d: %s\n"
				    "wanted %d:%d: ...%s...\n", k, rc,
				    err.origin, err.line, err.col, err.msg,
				    c->line, c->col, c->says);
			fail();
		}
		assert_null(l.steps);
	}
}

/*
 * Mutants of the paper's lesson (bytes flipped, dropped, doubled or
 * replaced by YAML's own punctuation): each loads or is refused with a
 * message and a place, and never crashes (CI runs this under ASan).
 */
static void mutated_lessons_load_or_refuse(void **state)
{
	const struct embedded_file *paper = lesson_find("paper");
	static const char punctuation[] = "{}[]:-#&*!|>'\"%@`,? \n\t.0123456789";
	uint64_t seed = 0x1e550f;
	char *text = malloc(paper->length * 2 + 16);
	int refused = 0, loaded = 0;

	(void)state;
	assert_non_null(text);
	for (int k = 0; k < 1500; k++) {
		size_t len = paper->length;
		memcpy(text, paper->text, len);
		for (int edits = 1 + k % 4; edits > 0; edits--) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t at = (size_t)(seed >> 33) % len;
			int what = (int)((seed >> 20) % 4);
			char c = punctuation[(seed >> 8) % (sizeof(punctuation) - 1)];
			if (what == 0) {
				text[at] = c;
			} else if (what == 1 && len > 1) {
				memmove(text + at, text + at + 1, len - at - 1);
				len--;
			} else if (what == 2) {
				memmove(text + at + 1, text + at, len - at);
				len++;
			} else {
				text[at] ^= (char)(1 << ((seed >> 4) % 7));
			}
		}
		struct lesson l;
		struct cml_error err;
		if (lesson_load_string(text, len, "mutant.yaml", "", &l,
				       &err) == 0) {
			assert_true(l.nsteps >= 1);
			loaded++;
			lesson_free(&l);
			continue;
		}
		refused++;
		if (err.msg[0] == '\0' || strcmp(err.origin, "mutant.yaml") != 0 ||
		    err.line < 1) {
			print_error("mutant %d refused without a place: %s:%d: "
				    "%s\n", k, err.origin, err.line, err.msg);
			fail();
		}
	}
	free(text);
	print_message("%d mutants refused with a place, %d still load\n",
		      refused, loaded);
	assert_true(refused > 500 && loaded > 50);
}

/* A lesson's scenario files are found beside it; their errors show. */
static void scenario_files_beside_the_lesson(void **state)
{
	char dir[] = "/tmp/cml-lesson-XXXXXX", path[256];
	struct lesson l;
	struct cml_error err;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/mine.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("participants: 4\ntypes:\n  - cost: 0.02\n    prob: 0.5\n"
	      "  - cost: 0.01\n    prob: 0.5\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/bad.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("participants: 0\ntypes: []\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/lesson.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("title: Mine\nsteps:\n  - title: A\n    scenario: mine.yaml\n"
	      "    text: N = {N}\n  - title: B\n    scenario: bad.yaml\n"
	      "    text: x\n", f);
	fclose(f);
	assert_int_equal(lesson_load(path, &l, &err), -1);
	assert_int_equal(err.line, 7);
	assert_int_equal(err.col, 15);
	assert_non_null(strstr(err.msg, "bad.yaml:1:"));
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("title: Mine\nsteps:\n  - title: A\n    scenario: mine.yaml\n"
	      "    set: {c.2: 0.015}\n    text: N = {N}\n", f);
	fclose(f);
	assert_int_equal(lesson_load(path, &l, &err), 0);
	assert_int_equal(l.steps[0].scenario.participants, 4);
	assert_true(l.steps[0].scenario.types[1].cost == 0.015);
	assert_string_equal(l.name, "lesson");
	lesson_free(&l);
	assert_int_equal(lesson_load("no-such-lesson", &l, &err), -1);
	assert_non_null(strstr(err.msg, "lessons: paper"));
	snprintf(path, sizeof(path), "rm -r %s", dir);
	assert_int_equal(system(path), 0);
}

/* ------------------------------------------------------------------ */
/* Walking the paper's lesson: every number as `solve` says it.        */

/* `solve --format json --complete-info` of sc, as a tree. */
static struct tree *solve_json(const struct scenario *sc, const char *source)
{
	struct model mdl;
	static struct contract c;
	char *text = NULL;
	size_t len = 0;

	test_model(&mdl, sc);
	assert_true(test_solve(&mdl, true, &c) >= 0);
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	struct report_input in = { .scenario = sc, .source = source,
				   .model = &mdl, .contract = &c };
	report_json(f, &in);
	fclose(f);
	struct tree *t = tree_parse(text, len);
	assert_non_null(t);
	free(text);
	model_free(&mdl);
	return t;
}

/* A 1-based list of numbers as the lesson writes it: "1, 3, 5". */
static void join_list(const struct tree *seq, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	if (seq == NULL || seq->count == 0) {
		snprintf(buf, size, "none");
		return;
	}
	for (size_t k = 0; k < seq->count; k++) {
		const struct tree *item = tree_at(seq, k);
		int n = item->kind == TREE_SEQUENCE ?
				snprintf(buf + used, size - used, "%s%s->%s",
					 k ? ", " : "", tree_at(item, 0)->text,
					 tree_at(item, 1)->text) :
				snprintf(buf + used, size - used, "%s%s",
					 k ? ", " : "", item->text);
		used += (size_t)n;
	}
}

/* "{1,2} {3,4} {5}" from [[1, 2], [3, 4], [5]]. */
static void join_groups(const struct tree *seq, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t g = 0; g < seq->count; g++) {
		const struct tree *group = tree_at(seq, g);
		used += (size_t)snprintf(buf + used, size - used, "%s{",
					 g ? " " : "");
		for (size_t k = 0; k < group->count; k++)
			used += (size_t)snprintf(buf + used, size - used, "%s%s",
						 k ? "," : "",
						 tree_at(group, k)->text);
		used += (size_t)snprintf(buf + used, size - used, "}");
	}
}

/*
 * What {name.i.j} shows, read from the JSON the way a lecturer would
 * check it (the field names of cmlcontract(1)); written exactly
 * (numbers to 12 digits) for compare_texts().
 */
static void json_value(const struct tree *j, const char *name, int i, int k,
		       char *buf, size_t size)
{
	static const struct {
		const char *name, *field;
	} per_type[] = {
		{ "m", "contribution" }, { "t", "reward_value" },
		{ "u", "utility" }, { "rent", "rent" },
		{ "extra", "extra_contribution" },
		{ "mtilde", "reservation_contribution" },
		{ "f", "reservation_profit" }, { "vtilde", "reservation_value" },
		{ "tbar", "tbar" }, { "c", "cost" }, { "p", "prob" },
	};
	static const struct {
		const char *name, *object, *field;
	} global[] = {
		{ "value", NULL, "expected_model_value" },
		{ "accuracy", NULL, "expected_accuracy" },
		{ "N", NULL, "participants" },
		{ "complete_value", "complete_info", "expected_model_value" },
		{ "info_cost", "complete_info", "information_cost" },
		{ "gap", "closest_options", "gap" },
		{ "gap_percent", "closest_options", "percent" },
	};
	const struct tree *types = tree_get(j, "types");
	double x = NAN;

	for (size_t n = 0; n < sizeof(per_type) / sizeof(per_type[0]); n++)
		if (strcmp(name, per_type[n].name) == 0)
			x = tree_number_at(tree_at(types, (size_t)i),
					   per_type[n].field);
	for (size_t n = 0; n < sizeof(global) / sizeof(global[0]); n++)
		if (strcmp(name, global[n].name) == 0)
			x = tree_number_at(global[n].object != NULL ?
					   tree_get(j, global[n].object) : j,
					   global[n].field);
	if (strcmp(name, "m_ci") == 0 || strcmp(name, "v_ci") == 0)
		x = tree_number(tree_at(tree_get(tree_get(j, "complete_info"),
						 name[0] == 'm' ? "contributions" :
								  "model_values"),
					(size_t)i));
	if (strcmp(name, "inc") == 0)
		x = tree_number(tree_at(tree_at(tree_get(j, "incentives"),
						(size_t)i), (size_t)k));
	if (strcmp(name, "types") == 0)
		x = (double)types->count;
	if (!isnan(x)) {
		snprintf(buf, size, "%.12g", x);
		return;
	}
	if (strcmp(name, "status") == 0)
		snprintf(buf, size, "%s", tree_get(j, "status")->text);
	else if (strcmp(name, "name") == 0)
		snprintf(buf, size, "%s",
			 tree_get(tree_at(types, (size_t)i), "name")->text);
	else if (strcmp(name, "groups") == 0)
		join_groups(tree_get(j, "pooling_groups"), buf, size);
	else if (strcmp(name, "ir_binds") == 0 || strcmp(name, "ic_binds") == 0)
		join_list(tree_get(tree_get(j, "binding"),
				   name[1] == 'r' ? "ir" : "ic"), buf, size);
	else
		fail_msg("the test does not know {%s}", name);
}

/* The template with each placeholder replaced by its JSON value. */
static void expected_text(const char *tmpl, const struct tree *j, char *out,
			  size_t size)
{
	size_t used = 0;

	for (const char *s = tmpl; *s != '\0' && used + 1 < size; s++) {
		if ((s[0] == '{' || s[0] == '}') && s[1] == s[0]) {
			out[used++] = *s++;
			continue;
		}
		if (*s != '{') {
			out[used++] = *s;
			continue;
		}
		char name[40];
		int i = 0, k = 0, n = 0;
		const char *close = strchr(s, '}');
		assert_non_null(close);
		sscanf(s + 1, "%39[a-zA-Z_]%n", name, &n);
		const char *p = s + 1 + n;
		if (*p == '.')
			i = (int)strtol(p + 1, (char **)&p, 10);
		if (*p == '.')
			k = (int)strtol(p + 1, (char **)&p, 10);
		char value[512];
		json_value(j, name, i - 1, k - 1, value, sizeof(value));
		used += (size_t)snprintf(out + used, size - used, "%s", value);
		s = close;
	}
	out[used] = '\0';
}

/* Splits off the number in a token ("(0.11%)," -> "(", 0.11, "%),"). */
static bool split_number(const char *tok, char *pre, double *x, int *decimals,
			 char *post)
{
	size_t a = strcspn(tok, "-0123456789");
	char *end;

	if (tok[a] == '\0' || (tok[a] == '-' && (tok[a + 1] < '0' ||
						 tok[a + 1] > '9')))
		return false;
	memcpy(pre, tok, a);
	pre[a] = '\0';
	*x = strtod(tok + a, &end);
	const char *dot = memchr(tok + a, '.', (size_t)(end - tok - a));
	*decimals = dot != NULL ? (int)(end - dot - 1) : 0;
	/* A full stop ending a sentence is not a decimal point. */
	if (dot != NULL && *decimals == 0)
		end--;
	snprintf(post, 64, "%s", end);
	return true;
}

/*
 * The screen's text against the expected one, word by word: words equal,
 * or the same number as shown (within half its last digit, and a hair
 * for a warm re-solve against solve's cold one).  Returns the numbers
 * compared.
 */
static int compare_texts(const char *screen, const char *expected, int step)
{
	char a[4096], b[4096];
	char *sa, *sb;
	int numbers = 0;

	snprintf(a, sizeof(a), "%s", screen);
	snprintf(b, sizeof(b), "%s", expected);
	char *wa = strtok_r(a, " \n", &sa), *wb = strtok_r(b, " \n", &sb);
	for (; wa != NULL && wb != NULL;
	     wa = strtok_r(NULL, " \n", &sa), wb = strtok_r(NULL, " \n", &sb)) {
		char pa[64], pb[64], qa[64], qb[64];
		double xa, xb;
		int da, db;
		if (strcmp(wa, wb) == 0 && !split_number(wa, pa, &xa, &da, qa))
			continue;
		if (!split_number(wa, pa, &xa, &da, qa) ||
		    !split_number(wb, pb, &xb, &db, qb) ||
		    strcmp(pa, pb) != 0 || strcmp(qa, qb) != 0 ||
		    fabs(xa - xb) > 0.5 * pow(10.0, -da) + 1e-7 * fabs(xb)) {
			print_error("step %d: '%s' on screen, '%s' from solve\n"
				    "screen:   %s\nexpected: %s\n", step, wa, wb,
				    screen, expected);
			fail();
		}
		numbers++;
	}
	if (wa != NULL || wb != NULL) {
		print_error("step %d: the texts differ in length\nscreen:   %s\n"
			    "expected: %s\n", step, screen, expected);
		fail();
	}
	return numbers;
}

/* The lesson strip's text as the screen shows it (ASCII cells). */
static void strip_text(char *out, size_t size)
{
	struct rect r = app.layout.lesson;
	char *screen = harness_screen();
	size_t used = 0;
	int y = 0;

	assert_true(r.h >= 3);
	out[0] = '\0';
	for (char *line = screen, *next; line != NULL && *line; line = next,
					 y++) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (y <= r.y || y >= r.y + r.h - 1)
			continue;
		int len = (int)strlen(line);
		int from = r.x + 2, to = r.x + r.w - 2;
		if (to > len)
			to = len;
		if (to > from)
			used += (size_t)snprintf(out + used, size - used, "%.*s\n",
						 to - from, line + from);
	}
	free(screen);
}

/* True if the strip's bottom border says its text goes on. */
static bool strip_border_says_more(void)
{
	char *screen = harness_screen(), *line = screen;
	int y = app.layout.lesson.y + app.layout.lesson.h - 1;

	for (int k = 0; k < y && line != NULL; k++) {
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	char *end = line != NULL ? strchr(line, '\n') : NULL;
	if (end != NULL)
		*end = '\0';
	bool more = line != NULL && strstr(line, "more") != NULL;
	free(screen);
	return more;
}

static void walk_lesson(int w, int h, bool ascii, bool compare)
{
	struct lesson l;
	struct cml_error err;
	char screen[4096], expected[4096];
	int numbers = 0;

	assert_int_equal(lesson_load("paper", &l, &err), 0);
	assert_true(l.nsteps >= 10);
	harness_open_lesson(&l, w, h, ascii);
	for (int k = 0; k < l.nsteps; k++) {
		const struct lesson_step *s = &l.steps[k];
		char title[160];
		assert_int_equal(app.lesson_step, k);
		/* The step's scenario, its pane, its type. */
		assert_true(scenario_equal(&app.scenario, &s->scenario));
		if (s->shows) {
			assert_int_equal(app.focus, s->pane);
			assert_true(app.layout.visible[s->pane]);
		}
		if (s->type >= 0)
			assert_int_equal(app.screening.focus, s->type);
		snprintf(title, sizeof(title), "Lesson %d/%d: %s", k + 1,
			 l.nsteps, s->title);
		assert_true(harness_screen_has(title));
		/* All of the text fits: nothing is cut. */
		assert_false(strip_border_says_more());
		if (compare) {
			struct tree *j = solve_json(&s->scenario, s->source);
			strip_text(screen, sizeof(screen));
			expected_text(s->text, j, expected, sizeof(expected));
			numbers += compare_texts(screen, expected, k + 1);
			tree_free(j);
		}
		harness_keys((int[]){ ' ', 0 });
	}
	/* Space at the end stays there and says so. */
	assert_int_equal(app.lesson_step, l.nsteps - 1);
	assert_true(harness_screen_has("the end of the lesson"));
	if (compare) {
		print_message("%dx%d: %d live numbers in %d steps match solve\n",
			      w, h, numbers, l.nsteps);
		assert_true(numbers >= 3 * l.nsteps);
	}
	harness_close();
	lesson_free(&l);
}

static void paper_lesson_numbers_match_solve(void **state)
{
	(void)state;
	walk_lesson(120, 40, true, true);
}

static void paper_lesson_fits_80x24(void **state)
{
	(void)state;
	walk_lesson(80, 24, true, true);
	walk_lesson(80, 24, false, false);
	walk_lesson(160, 48, false, false);
}

/* Edits inside a step stay; the lesson's own changes replace them,
   undoably; back restores; Esc leaves and L resumes. */
static void edits_back_leave_resume(void **state)
{
	struct lesson l;
	struct cml_error err;

	(void)state;
	assert_int_equal(lesson_load("paper", &l, &err), 0);
	harness_open_lesson(&l, 120, 40, true);
	/* Step 1: N one more, then on to step 2 (no changes of its own). */
	harness_keys((int[]){ ']', ' ', 0 });
	assert_int_equal(app.lesson_step, 1);
	assert_int_equal(app.scenario.participants,
			 l.steps[1].scenario.participants + 1);
	/* On to the step that sets p.1: the lesson's scenario. */
	int at = 0;
	while (l.steps[at].nsets == 0)
		at++;
	while (app.lesson_step < at)
		harness_keys((int[]){ KEY_NPAGE, 0 });
	assert_true(scenario_equal(&app.scenario, &l.steps[at].scenario));
	/* u gives the student's scenario back. */
	harness_keys((int[]){ 'u', 0 });
	assert_int_equal(app.scenario.participants,
			 l.steps[1].scenario.participants + 1);
	/* Back: the step before's scenario again. */
	harness_keys((int[]){ KEY_BACKSPACE, 0 });
	assert_int_equal(app.lesson_step, at - 1);
	assert_true(scenario_equal(&app.scenario, &l.steps[at - 1].scenario));
	harness_keys((int[]){ KEY_PPAGE, 127, 0 });
	assert_int_equal(app.lesson_step, at - 3);
	/* Esc leaves: no strip, keys are the explorer's; L resumes. */
	harness_keys((int[]){ 27, 0 });
	assert_false(tui_lesson_on(&app));
	assert_int_equal(app.layout.lesson.h, 0);
	assert_true(harness_screen_has("left the lesson"));
	harness_keys((int[]){ ' ', 0 });
	assert_int_equal(app.lesson_step, at - 3);
	harness_keys((int[]){ 'L', 0 });
	assert_true(tui_lesson_on(&app));
	assert_true(app.layout.lesson.h >= 3);
	harness_keys((int[]){ KEY_BACKSPACE, 0 });
	assert_int_equal(app.lesson_step, at - 4);
	/* Backspace inside an edit deletes, it does not go back. */
	harness_keys((int[]){ '\t', 0 });
	while (app.focus != PANE_TYPES)
		harness_keys((int[]){ '\t', 0 });
	harness_keys((int[]){ '\r', KEY_BACKSPACE, 27, 0 });
	assert_int_equal(app.lesson_step, at - 4);
	/* Too small to show the strip: the panes still work, no crash. */
	harness_resize(40, 12);
	harness_keys((int[]){ ' ', 0 });
	harness_resize(60, 16);
	assert_true(app.layout.lesson.h >= 3);
	harness_close();
	lesson_free(&l);
}

/* On a small screen Space pages through a step's text before going on:
   every word of it is shown on some page. */
static void small_screen_pages_the_text(void **state)
{
	struct lesson l;
	struct cml_error err;
	char page[4096], full[8192], shown[65536];

	(void)state;
	assert_int_equal(lesson_load("paper", &l, &err), 0);
	harness_open_lesson(&l, 60, 16, true);
	int pages = 0;
	for (int k = 0; k < l.nsteps; k++) {
		shown[0] = '\0';
		tui_lesson_fill(&app, full, sizeof(full));
		while (app.lesson_step == k) {
			strip_text(page, sizeof(page));
			strncat(shown, page, sizeof(shown) - strlen(shown) - 1);
			pages++;
			if (k == l.nsteps - 1 && !strip_border_says_more())
				break;
			harness_keys((int[]){ ' ', 0 });
		}
		/* Each word in order, pages overlapping at most. */
		char *save, *word = strtok_r(full, " \n", &save);
		const char *at = shown;
		for (; word != NULL; word = strtok_r(NULL, " \n", &save)) {
			const char *found = strstr(at, word);
			if (found == NULL) {
				print_error("step %d: '%s' never shown\n", k + 1,
					    word);
				fail();
			}
			at = found + strlen(word);
		}
	}
	assert_true(pages > l.nsteps); /* it did page */
	harness_close();
	lesson_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_lessons_are_the_data_files),
		cmocka_unit_test(broken_lessons_are_refused_with_their_place),
		cmocka_unit_test(mutated_lessons_load_or_refuse),
		cmocka_unit_test(scenario_files_beside_the_lesson),
		cmocka_unit_test(paper_lesson_numbers_match_solve),
		cmocka_unit_test(paper_lesson_fits_80x24),
		cmocka_unit_test(edits_back_leave_resume),
		cmocka_unit_test(small_screen_pages_the_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

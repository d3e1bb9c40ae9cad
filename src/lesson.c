/*
 * lesson.c - loading and checking lessons.
 *
 * A step's keys may come in any order, so each step mapping is read
 * whole first (values and their marks), then resolved in a fixed order:
 * load the scenario, apply the edits, check the type and option against
 * it, check the text's placeholders against it.  Every refusal points at
 * the node it is about; a placeholder's place is found in the source
 * text itself, so a bad {m.7} in a block scalar is reported at its own
 * line and column, not the block's.
 */
#define _POSIX_C_SOURCE 200809L
#include "lesson.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "c-locale.h"
#include "file-read.h"
#include "lesson-text.h"
#include "numfmt.h"
#include "presets.h"
#include "scenario-yaml.h"
#include "sweep-axis.h"
#include "yaml-reader.h"

/* The schema needs depth 3 (top, steps, a step's set:). */
#define MAX_DEPTH 4
#define SET_KEY_MAX 32

static const struct {
	const char *name;
	enum pane_kind kind;
} pane_names[] = {
	{ "types", PANE_TYPES },
	{ "contract", PANE_CONTRACT },
	{ "status", PANE_STATUS },
	{ "rewards", PANE_REWARDS },
	{ "contributions", PANE_CONTRIB },
	{ "welfare", PANE_WELFARE },
	{ "notes", PANE_NOTES },
	{ "map", PANE_MAP },
	{ "incentives", PANE_INCENTIVES },
	{ "screening", PANE_SCREENING },
};

#define PANE_NAME_COUNT ((int)(sizeof(pane_names) / sizeof(pane_names[0])))

int lesson_pane_named(const char *name)
{
	for (int k = 0; k < PANE_NAME_COUNT; k++)
		if (strcmp(pane_names[k].name, name) == 0)
			return (int)pane_names[k].kind;
	return -1;
}

/* "types, contract, ...": the names show: takes, for messages. */
static void pane_name_list(char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int k = 0; k < PANE_NAME_COUNT && used < size; k++) {
		int n = snprintf(buf + used, size - used, "%s%s", k ? ", " : "",
				 pane_names[k].name);
		used += n > 0 ? (size_t)n : 0;
	}
}

const struct embedded_file *lesson_find(const char *name)
{
	for (int i = 0; i < lessons_count; i++)
		if (strcmp(lessons[i].name, name) == 0)
			return &lessons[i];
	return NULL;
}

void lesson_free(struct lesson *l)
{
	free(l->steps);
	memset(l, 0, sizeof(*l));
}

enum step_key { K_TITLE, K_SCENARIO, K_SET, K_SHOW, K_TYPE, K_OPTION,
		K_TEXT, K_COUNT };

static const char *const step_keys[K_COUNT] = {
	"title", "scenario", "set", "show", "type", "option", "text",
};

/* A step mapping as read, before it is resolved. */
struct raw_step {
	yaml_mark_t start;
	bool seen[K_COUNT];
	yaml_mark_t key_marks[K_COUNT];
	yaml_mark_t value_marks[K_COUNT];
	char scenario[PATH_MAX];
	int nsets;
	char set_key[LESSON_MAX_SETS][SET_KEY_MAX];
	double set_value[LESSON_MAX_SETS];
	yaml_mark_t set_mark[LESSON_MAX_SETS];
	char show[32];
	double type, option;
	/* The text's scalar, to find a placeholder's place in the source. */
	size_t text_start, text_end;
	int text_line, text_col;
};

struct lesson_loader {
	struct yaml_reader rd;
	const char *dir;
	struct lesson *out;
};

/* Reads the set: mapping of PARAM: VALUE entries. */
static int read_sets(struct lesson_loader *ld, struct raw_step *raw)
{
	struct yaml_reader *rd = &ld->rd;
	const yaml_event_t *ev = &rd->ev;
	char q[YAML_READER_QUOTE_BUF];

	if (yaml_reader_next(rd) != 0)
		return -1;
	if (ev->type != YAML_MAPPING_START_EVENT)
		return yaml_reader_fail(rd, ev->start_mark,
			"set: must be a mapping of parameters to values "
			"(p.1: 0.8), not %s", yaml_reader_node_kind(ev));
	for (;;) {
		if (yaml_reader_next(rd) != 0)
			return -1;
		if (ev->type == YAML_MAPPING_END_EVENT)
			return 0;
		if (ev->type != YAML_SCALAR_EVENT)
			return yaml_reader_fail(rd, ev->start_mark,
				"set: keys must be parameter names (N, p.J, "
				"c.J or a family parameter), not %s",
				yaml_reader_node_kind(ev));
		if (raw->nsets == LESSON_MAX_SETS)
			return yaml_reader_fail(rd, ev->start_mark,
				"set: at most %d edits in one step",
				LESSON_MAX_SETS);
		int k = raw->nsets;
		if (ev->data.scalar.length >= SET_KEY_MAX)
			return yaml_reader_fail(rd, ev->start_mark,
				"set: unknown parameter '%s'",
				yaml_reader_quote(ev->data.scalar.value,
						  ev->data.scalar.length, q));
		memcpy(raw->set_key[k], ev->data.scalar.value,
		       ev->data.scalar.length);
		raw->set_key[k][ev->data.scalar.length] = '\0';
		raw->set_mark[k] = ev->start_mark;
		for (int j = 0; j < k; j++)
			if (strcmp(raw->set_key[j], raw->set_key[k]) == 0)
				return yaml_reader_fail(rd, ev->start_mark,
					"set: duplicate key '%s' (first at "
					"line %d, column %d)", raw->set_key[k],
					(int)raw->set_mark[j].line + 1,
					(int)raw->set_mark[j].column + 1);
		yaml_mark_t value_mark;
		if (yaml_reader_number(rd, "set: ", raw->set_key[k],
				       &raw->set_value[k], &value_mark) != 0)
			return -1;
		raw->nsets++;
	}
}

/* Reads a whole number for key (the range is checked later). */
static int read_count(struct lesson_loader *ld, const char *key, double *v,
		      yaml_mark_t *mark)
{
	char prefix[8] = "";

	if (yaml_reader_number(&ld->rd, prefix, key, v, mark) != 0)
		return -1;
	if (*v != (double)(long)*v)
		return yaml_reader_fail(&ld->rd, *mark, "%s must be a whole "
					"number (a type, 1 for the highest "
					"cost)", key);
	return 0;
}

/* Reads one step mapping into raw (the mapping's start is current). */
static int read_step(struct lesson_loader *ld, struct lesson_step *step,
		     struct raw_step *raw)
{
	struct yaml_reader *rd = &ld->rd;
	const yaml_event_t *ev = &rd->ev;
	int k, rc;

	memset(raw, 0, sizeof(*raw));
	raw->start = ev->start_mark;
	while ((rc = yaml_reader_key(rd, "step: ", step_keys, K_COUNT,
				     raw->seen, raw->key_marks, &k)) == 0) {
		yaml_mark_t *vm = &raw->value_marks[k];
		switch ((enum step_key)k) {
		case K_TITLE:
			if (yaml_reader_string(rd, "", "title", step->title,
					       sizeof(step->title)) != 0)
				return -1;
			*vm = ev->start_mark;
			break;
		case K_SCENARIO:
			if (yaml_reader_string(rd, "", "scenario",
					       raw->scenario,
					       sizeof(raw->scenario)) != 0)
				return -1;
			*vm = ev->start_mark;
			break;
		case K_SET:
			if (read_sets(ld, raw) != 0)
				return -1;
			break;
		case K_SHOW:
			if (yaml_reader_string(rd, "", "show", raw->show,
					       sizeof(raw->show)) != 0)
				return -1;
			*vm = ev->start_mark;
			break;
		case K_TYPE:
			if (read_count(ld, "type", &raw->type, vm) != 0)
				return -1;
			break;
		case K_OPTION:
			if (read_count(ld, "option", &raw->option, vm) != 0)
				return -1;
			break;
		case K_TEXT:
			if (yaml_reader_string(rd, "", "text", step->text,
					       sizeof(step->text)) != 0)
				return -1;
			*vm = ev->start_mark;
			raw->text_start = ev->start_mark.index;
			raw->text_end = ev->end_mark.index;
			raw->text_line = (int)ev->start_mark.line;
			raw->text_col = (int)ev->start_mark.column;
			break;
		case K_COUNT:
			break;
		}
	}
	if (rc < 0)
		return -1;
	if (!raw->seen[K_TITLE])
		return yaml_reader_fail(rd, raw->start, "step: title: is "
					"missing");
	if (!raw->seen[K_TEXT])
		return yaml_reader_fail(rd, raw->start, "step: text: is "
					"missing");
	return 0;
}

/* Loads the step's scenario: a file beside the lesson, else a preset. */
static int load_scenario(struct lesson_loader *ld, const struct raw_step *raw,
			 struct lesson_step *step)
{
	yaml_mark_t at = raw->value_marks[K_SCENARIO];
	struct cml_error inner;
	struct stat st;
	char path[PATH_MAX], where[CML_ERROR_MSG_MAX], names[256];

	path[0] = '\0';
	if (strlen(ld->dir) + strlen(raw->scenario) + 2 > sizeof(path))
		return yaml_reader_fail(&ld->rd, at, "scenario: the path is "
					"too long");
	if (raw->scenario[0] == '/')
		strcpy(path, raw->scenario);
	else if (ld->dir[0] != '\0')
		strcat(strcat(strcpy(path, ld->dir), "/"), raw->scenario);
	if (path[0] != '\0' && stat(path, &st) == 0) {
		if (scenario_load_file(path, &step->scenario, NULL,
				       &inner) != 0) {
			cml_error_format(&inner, where, sizeof(where));
			return yaml_reader_fail(&ld->rd, at, "scenario: %s",
						where);
		}
		snprintf(step->source, sizeof(step->source), "%s", path);
		snprintf(step->path, sizeof(step->path), "%s", path);
		return 0;
	}
	const struct embedded_file *p = preset_find(raw->scenario);
	if (p == NULL) {
		embedded_names(presets, presets_count, names, sizeof(names));
		return yaml_reader_fail(&ld->rd, at, "scenario: '%.*s' is no "
					"preset (%s)%s", 64, raw->scenario,
					names, ld->dir[0] != '\0' ?
					" and no file beside the lesson" : "");
	}
	if (preset_load(p, &step->scenario, &inner) != 0)
		return yaml_reader_fail(&ld->rd, at, "scenario: %s", inner.msg);
	snprintf(step->source, sizeof(step->source), "preset:%s", p->name);
	step->path[0] = '\0';
	return 0;
}

/* Applies set: entries in order, as the sweep's axes would. */
static int apply_sets(struct lesson_loader *ld, const struct raw_step *raw,
		      struct lesson_step *step)
{
	for (int k = 0; k < raw->nsets; k++) {
		struct sweep_axis axis;
		struct cml_error inner;
		char text[SET_KEY_MAX + 80], value[32];

		numfmt_exact(value, sizeof(value), raw->set_value[k]);
		snprintf(text, sizeof(text), "%s=%s:%s:1", raw->set_key[k],
			 value, value);
		if (sweep_axis_parse(text, &step->scenario, &axis,
				     &inner) != 0 ||
		    sweep_apply(&step->scenario, &axis, raw->set_value[k],
				&inner) != 0)
			return yaml_reader_fail(&ld->rd, raw->set_mark[k],
						"set: %s: %s", raw->set_key[k],
						inner.msg);
	}
	return 0;
}

/*
 * The source place of the placeholder at byte offset in a step's text:
 * the same placeholder's occurrence of that rank in the scalar's source,
 * or the scalar's own place where escapes make the two differ.
 */
static void text_place(const struct lesson_loader *ld,
		       const struct raw_step *raw, const char *text,
		       size_t offset, yaml_mark_t *mark)
{
	const unsigned char *src = ld->rd.text;
	size_t len = 1, rank = 0;

	mark->line = (size_t)raw->text_line;
	mark->column = (size_t)raw->text_col;
	while (text[offset + len] != '\0' && text[offset + len] != '}' &&
	       text[offset + len] != '\n' && len < 48)
		len++;
	if (text[offset + len] == '}')
		len++;
	for (size_t i = 0; i + len <= offset; i++)
		if (memcmp(text + i, text + offset, len) == 0)
			rank++;
	int line = raw->text_line, col = raw->text_col;
	for (size_t i = raw->text_start; i + len <= raw->text_end &&
					 i + len <= ld->rd.len; i++) {
		if (memcmp(src + i, text + offset, len) == 0 && rank-- == 0) {
			mark->line = (size_t)line;
			mark->column = (size_t)col;
			return;
		}
		if (src[i] == '\n') {
			line++;
			col = 0;
		} else if ((src[i] & 0xc0) != 0x80) {
			col++;
		}
	}
}

/* Works out a step's scenario and checks the rest against it. */
static int resolve_step(struct lesson_loader *ld, const struct raw_step *raw,
			int index)
{
	struct lesson_step *step = &ld->out->steps[index];
	char why[CML_ERROR_MSG_MAX];
	size_t offset;

	step->loads = raw->seen[K_SCENARIO];
	step->nsets = raw->nsets;
	if (step->loads) {
		if (load_scenario(ld, raw, step) != 0)
			return -1;
	} else if (index == 0) {
		return yaml_reader_fail(&ld->rd, raw->start, "the first step "
					"must load a scenario: add 'scenario: "
					"twotype' (a preset or a file)");
	} else {
		const struct lesson_step *prev = &ld->out->steps[index - 1];
		step->scenario = prev->scenario;
		memcpy(step->source, prev->source, sizeof(step->source));
		memcpy(step->path, prev->path, sizeof(step->path));
	}
	if (apply_sets(ld, raw, step) != 0)
		return -1;
	int ntypes = step->scenario.ntypes;
	step->shows = raw->seen[K_SHOW];
	step->pane = PANE_TYPES;
	if (step->shows) {
		int pane = lesson_pane_named(raw->show);
		if (pane < 0) {
			char panes[256];
			pane_name_list(panes, sizeof(panes));
			return yaml_reader_fail(&ld->rd, raw->value_marks[K_SHOW],
				"show: unknown pane '%.*s'; panes: %s", 32,
				raw->show, panes);
		}
		step->pane = (enum pane_kind)pane;
	}
	step->type = step->option = -1;
	if (raw->seen[K_TYPE]) {
		if (raw->type < 1 || raw->type > ntypes)
			return yaml_reader_fail(&ld->rd, raw->value_marks[K_TYPE],
				"type must be 1 to %d (this step's scenario "
				"has %d types)", ntypes, ntypes);
		step->type = (int)raw->type - 1;
	}
	if (raw->seen[K_OPTION]) {
		if (!raw->seen[K_TYPE])
			return yaml_reader_fail(&ld->rd,
				raw->key_marks[K_OPTION], "option: needs a "
				"type: (the row of the incentive table)");
		if (raw->option < 1 || raw->option > ntypes)
			return yaml_reader_fail(&ld->rd,
				raw->value_marks[K_OPTION], "option must be 1 "
				"to %d (this step's scenario has %d types)",
				ntypes, ntypes);
		step->option = (int)raw->option - 1;
	}
	if (lesson_text_check(step->text, ntypes, &offset, why,
			      sizeof(why)) != 0) {
		yaml_mark_t at;
		text_place(ld, raw, step->text, offset, &at);
		return yaml_reader_fail(&ld->rd, at, "text: %s", why);
	}
	return 0;
}

static int read_steps(struct lesson_loader *ld)
{
	struct yaml_reader *rd = &ld->rd;
	const yaml_event_t *ev = &rd->ev;
	struct raw_step *raw;
	int rc = 0;

	if (yaml_reader_next(rd) != 0)
		return -1;
	if (ev->type != YAML_SEQUENCE_START_EVENT)
		return yaml_reader_fail(rd, ev->start_mark, "steps must be a "
					"sequence of steps (- title: ...), not "
					"%s", yaml_reader_node_kind(ev));
	yaml_mark_t start = ev->start_mark;
	raw = malloc(sizeof(*raw));
	ld->out->steps = calloc(LESSON_MAX_STEPS, sizeof(*ld->out->steps));
	if (raw == NULL || ld->out->steps == NULL) {
		free(raw);
		return yaml_reader_fail(rd, start, "out of memory");
	}
	for (;;) {
		if ((rc = yaml_reader_next(rd)) != 0)
			break;
		if (ev->type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ev->type != YAML_MAPPING_START_EVENT) {
			rc = yaml_reader_fail(rd, ev->start_mark, "a step must "
					      "be a mapping (title:, text:, "
					      "...), not %s",
					      yaml_reader_node_kind(ev));
			break;
		}
		if (ld->out->nsteps == LESSON_MAX_STEPS) {
			rc = yaml_reader_fail(rd, ev->start_mark, "a lesson "
					      "has at most %d steps",
					      LESSON_MAX_STEPS);
			break;
		}
		int index = ld->out->nsteps;
		if ((rc = read_step(ld, &ld->out->steps[index], raw)) != 0 ||
		    (rc = resolve_step(ld, raw, index)) != 0)
			break;
		ld->out->nsteps++;
	}
	free(raw);
	if (rc == 0 && ld->out->nsteps == 0)
		rc = yaml_reader_fail(rd, start, "steps: a lesson needs at "
				      "least one step");
	return rc;
}

static int read_top(struct lesson_loader *ld)
{
	static const char *const keys[] = { "title", "steps" };
	struct yaml_reader *rd = &ld->rd;
	const yaml_event_t *ev = &rd->ev;
	bool seen[2] = { false, false };
	yaml_mark_t marks[2], top;
	int k, rc;

	if (yaml_reader_next(rd) != 0 || yaml_reader_next(rd) != 0)
		return -1; /* the stream and document starts */
	if (ev->type == YAML_DOCUMENT_START_EVENT &&
	    yaml_reader_next(rd) != 0)
		return -1;
	top = ev->start_mark;
	if (ev->type != YAML_MAPPING_START_EVENT)
		return yaml_reader_fail(rd, ev->start_mark, "a lesson file is "
					"a mapping with title: and steps:, not "
					"%s", yaml_reader_node_kind(ev));
	while ((rc = yaml_reader_key(rd, "", keys, 2, seen, marks, &k)) == 0)
		if (k == 0 ? yaml_reader_string(rd, "", "title",
						ld->out->title,
						sizeof(ld->out->title)) != 0 :
			     read_steps(ld) != 0)
			return -1;
	if (rc < 0)
		return -1;
	if (!seen[0])
		return yaml_reader_fail(rd, top, "title: is missing");
	if (!seen[1])
		return yaml_reader_fail(rd, top, "steps: is missing");
	return 0;
}

/* The loader proper; runs under the C locale. */
static int load(const char *text, size_t len, const char *origin,
		const char *dir, struct lesson *out, struct cml_error *err)
{
	struct lesson_loader *ld = calloc(1, sizeof(*ld));
	int rc;

	memset(out, 0, sizeof(*out));
	if (ld == NULL) {
		cml_error_set(err, origin, 0, 0, "out of memory");
		return -1;
	}
	ld->dir = dir;
	ld->out = out;
	if (yaml_reader_open(&ld->rd, text, len, origin, "lesson files",
			     MAX_DEPTH, err) != 0) {
		free(ld);
		return -1;
	}
	rc = read_top(ld);
	yaml_reader_close(&ld->rd);
	free(ld);
	if (rc != 0) {
		lesson_free(out);
		return -1;
	}
	snprintf(out->origin, sizeof(out->origin), "%s", origin);
	cml_error_clear(err);
	return 0;
}

int lesson_load_string(const char *text, size_t len, const char *origin,
		       const char *dir, struct lesson *out,
		       struct cml_error *err)
{
	struct c_locale scope;
	int rc;

	if (c_locale_enter(&scope, origin, err) != 0)
		return -1;
	rc = load(text, len, origin, dir, out, err);
	c_locale_leave(&scope);
	return rc;
}

int lesson_load(const char *name_or_path, struct lesson *out,
		struct cml_error *err)
{
	const struct embedded_file *builtin = lesson_find(name_or_path);
	struct stat st;
	char origin[PATH_MAX], dir[PATH_MAX];
	int rc;

	if (builtin != NULL && stat(name_or_path, &st) != 0) {
		snprintf(origin, sizeof(origin), "lesson:%s", builtin->name);
		rc = lesson_load_string(builtin->text, builtin->length, origin,
					"", out, err);
		if (rc == 0)
			snprintf(out->name, sizeof(out->name), "%s",
				 builtin->name);
		return rc;
	}
	if (stat(name_or_path, &st) != 0 && strchr(name_or_path, '/') == NULL &&
	    strchr(name_or_path, '.') == NULL) {
		char names[256];
		embedded_names(lessons, lessons_count, names, sizeof(names));
		cml_error_set(err, name_or_path, 0, 0, "no such file or lesson "
			      "(lessons: %s)", names);
		return -1;
	}
	size_t len;
	char *text = file_read_small(name_or_path, LESSON_MAX_FILE,
				     "lesson files are small", &len, err);
	if (text == NULL)
		return -1;
	snprintf(dir, sizeof(dir), "%s", name_or_path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	rc = lesson_load_string(text, len, name_or_path, dir, out, err);
	free(text);
	if (rc == 0) {
		const char *base = strrchr(name_or_path, '/');
		base = base != NULL ? base + 1 : name_or_path;
		snprintf(out->name, sizeof(out->name), "%.*s",
			 (int)strcspn(base, "."), base);
	}
	return rc;
}

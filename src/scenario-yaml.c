/*
 * scenario-yaml.c - scenario files through libyaml's event API.
 *
 * Loading pulls one event at a time and walks the schema by hand, so each
 * check knows the mark of the node it is looking at.  Single values are
 * checked with param_check() as soon as they are read; once the whole
 * document is in, scenario_validate() does the cross-field checks and its
 * answer (field, type, parameter) is mapped back to the remembered marks.
 * The scenario is built in a local copy and assigned only on success.
 *
 * Saving drives libyaml's emitter, which does the quoting and escaping;
 * this module only chooses styles that read back to the same text.
 *
 * Both directions run under a thread-local C locale (uselocale), so "0.5"
 * means one half whatever setlocale() the program made.
 */
#include "scenario-yaml.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "c-locale.h"
#include "atomic-file.h"
#include "file-read.h"
#include "param.h"
#include "sweep-axis.h"
#include "textsafe.h"
#include "yaml-reader.h"

/* The schema needs depth 3; anything past this is refused outright. */
#define MAX_DEPTH 8
/* Families of one kind, and entries in one family mapping. */
#define MAX_FAMILIES 16
#define MAX_FAMILY_ENTRIES 32

enum family_kind { KIND_ACCURACY, KIND_VALUATION, KIND_COUNT };

static const char *const kind_names[KIND_COUNT] = { "accuracy", "valuation" };

/* One family of either kind, seen the same way. */
struct family_view {
	const char *name;
	int nparams;
	const struct param_desc *params;
};

/* Where the values that scenario_validate() may complain about were. */
struct places {
	yaml_mark_t top;                    /* the top-level mapping */
	yaml_mark_t participants;           /* its value */
	bool have_method;
	yaml_mark_t method;                 /* the method's value */
	bool have_family[KIND_COUNT];
	yaml_mark_t family[KIND_COUNT];     /* the accuracy/valuation value */
	bool have_param[KIND_COUNT][MAX_FAMILY_ENTRIES];
	yaml_mark_t param[KIND_COUNT][MAX_FAMILY_ENTRIES];
	yaml_mark_t types;                  /* the types sequence */
	yaml_mark_t cost[CML_MAX_TYPES];
	yaml_mark_t prob[CML_MAX_TYPES];
	yaml_mark_t outside[CML_MAX_TYPES]; /* a type's outside: mapping */
	yaml_mark_t sweep_x;                /* the sweep axes' values */
	yaml_mark_t sweep_y;
};

struct loader {
	struct yaml_reader rd; /* the event walk (yaml-reader.h) */
	struct places pl;
};

/* Checks v against d (the shared range rules) and reports at mark. */
static int check_param(struct loader *ld, const struct param_desc *d,
		       double v, const char *prefix, yaml_mark_t mark)
{
	char why[256];

	if (param_check(d, v, why, sizeof(why)) != 0)
		return yaml_reader_fail(&ld->rd, mark, "%s%s", prefix, why);
	return 0;
}

/* Lists the families of one kind; returns how many. */
static int family_list(enum family_kind kind,
		       struct family_view out[MAX_FAMILIES])
{
	int n = 0;

	if (kind == KIND_ACCURACY)
		for (; accuracy_families[n] != NULL && n < MAX_FAMILIES; n++)
			out[n] = (struct family_view){
				.name = accuracy_families[n]->name,
				.nparams = accuracy_families[n]->nparams,
				.params = accuracy_families[n]->params,
			};
	else
		for (; valuation_families[n] != NULL && n < MAX_FAMILIES; n++)
			out[n] = (struct family_view){
				.name = valuation_families[n]->name,
				.nparams = valuation_families[n]->nparams,
				.params = valuation_families[n]->params,
			};
	return n;
}

/*
 * The keys a family mapping may hold: "family" and the parameters of fam,
 * or of every family of the kind when fam is NULL (not known yet).
 * Returns how many were written to keys.
 */
static int family_keys(const struct family_view *fams, int nfams,
		       const struct family_view *fam,
		       const char *keys[MAX_FAMILY_ENTRIES])
{
	int n = 0;

	keys[n++] = "family";
	for (int f = 0; f < nfams; f++) {
		if (fam != NULL && &fams[f] != fam)
			continue;
		for (int p = 0; p < fams[f].nparams; p++) {
			bool dup = false;
			for (int k = 0; k < n; k++)
				if (strcmp(keys[k], fams[f].params[p].key) == 0)
					dup = true;
			if (!dup && n < MAX_FAMILY_ENTRIES)
				keys[n++] = fams[f].params[p].key;
		}
	}
	return n;
}

/*
 * Parses an accuracy or valuation mapping into sc.  The family may come
 * after its parameters, so parameters are collected first (type-checked
 * as numbers) and resolved against the family when the mapping ends.
 */
static int parse_family(struct loader *ld, enum family_kind kind,
			struct scenario *sc)
{
	struct family_view fams[MAX_FAMILIES];
	int nfams = family_list(kind, fams);
	const struct family_view *fam = NULL;
	const char *keys[MAX_FAMILY_ENTRIES];
	int nkeys = family_keys(fams, nfams, NULL, keys);
	bool seen[MAX_FAMILY_ENTRIES] = { false };
	yaml_mark_t key_marks[MAX_FAMILY_ENTRIES];
	yaml_mark_t value_marks[MAX_FAMILY_ENTRIES];
	double values[MAX_FAMILY_ENTRIES];
	const char *what = kind_names[kind];
	char prefix[32], q[YAML_READER_QUOTE_BUF], list[256];
	const yaml_event_t *ev = &ld->rd.ev;
	int index, rc;

	snprintf(prefix, sizeof(prefix), "%s: ", what);
	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	if (ev->type != YAML_MAPPING_START_EVENT)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"%s must be a mapping with family and its parameters, "
			"not %s", what, yaml_reader_node_kind(ev));
	ld->pl.have_family[kind] = true;
	ld->pl.family[kind] = ev->start_mark;
	while ((rc = yaml_reader_key(&ld->rd, prefix, keys, nkeys, seen,
				     key_marks, &index)) == 0) {
		if (index > 0) {
			if (yaml_reader_number(&ld->rd, prefix, keys[index],
					&values[index],
					&value_marks[index]) != 0)
				return -1;
			continue;
		}
		if (yaml_reader_next(&ld->rd) != 0)
			return -1;
		value_marks[0] = ev->start_mark;
		if (ev->type != YAML_SCALAR_EVENT)
			return yaml_reader_fail(&ld->rd, ev->start_mark,
				"%sfamily must be a name, not %s", prefix,
				yaml_reader_node_kind(ev));
		for (int f = 0; f < nfams; f++)
			if (yaml_reader_scalar_is(ev, fams[f].name))
				fam = &fams[f];
		if (fam == NULL) {
			const char *names[MAX_FAMILIES];
			for (int f = 0; f < nfams; f++)
				names[f] = fams[f].name;
			yaml_reader_join_keys(names, nfams, list, sizeof(list));
			return yaml_reader_fail(&ld->rd, ev->start_mark,
				"%sunknown family '%s'; known families: %s",
				prefix,
				yaml_reader_quote(ev->data.scalar.value,
						  ev->data.scalar.length, q),
				list);
		}
	}
	if (rc < 0)
		return -1;
	if (fam == NULL)
		fam = &fams[0];

	/* Now that the family is known, check each parameter against it. */
	if (kind == KIND_ACCURACY)
		accuracy_init_default(&sc->accuracy,
				      accuracy_families[fam - fams]);
	else
		valuation_init_default(&sc->valuation,
				       valuation_families[fam - fams]);
	for (int k = 1; k < nkeys; k++) {
		int p = -1;
		if (!seen[k])
			continue;
		for (int i = 0; i < fam->nparams; i++)
			if (strcmp(fam->params[i].key, keys[k]) == 0)
				p = i;
		if (p < 0) {
			const char *allowed[MAX_FAMILY_ENTRIES];
			int nallowed = family_keys(fams, nfams, fam, allowed);
			yaml_reader_join_keys(allowed, nallowed, list,
					      sizeof(list));
			return yaml_reader_fail(&ld->rd, key_marks[k],
				"%sunknown key '%s' for family %s; allowed "
				"keys: %s", prefix, keys[k], fam->name, list);
		}
		if (check_param(ld, &fam->params[p], values[k], prefix,
				value_marks[k]) != 0)
			return -1;
		if (kind == KIND_ACCURACY)
			sc->accuracy.param[p] = values[k];
		else
			sc->valuation.param[p] = values[k];
		ld->pl.have_param[kind][p] = true;
		ld->pl.param[kind][p] = value_marks[k];
	}
	return 0;
}

/* Parses one mapping of the types list; n is its 0-based position. */
/*
 * A type's outside option: {profit: P} or an accuracy family of its own,
 * {family: sgb, a_opt: 0.8, k: 1} (parameters it leaves out take the
 * family's defaults).  Every value is checked at its place.
 */
static int parse_outside(struct loader *ld, const char *prefix, int n,
			 struct outside_option *o)
{
	const yaml_event_t *ev = &ld->rd.ev;
	const char *keys[MAX_FAMILY_ENTRIES];
	bool seen[MAX_FAMILY_ENTRIES] = { false };
	yaml_mark_t marks[MAX_FAMILY_ENTRIES], values[MAX_FAMILY_ENTRIES];
	double number[MAX_FAMILY_ENTRIES];
	char family[CML_NAME_MAX] = "", where[64], why[256], list[256];
	int nkeys = 0, index, rc;

	/* profit, family, then every accuracy family's parameter keys. */
	keys[nkeys++] = "profit";
	keys[nkeys++] = "family";
	for (int f = 0; accuracy_families[f] != NULL; f++)
		for (int i = 0; i < accuracy_families[f]->nparams; i++) {
			const char *key = accuracy_families[f]->params[i].key;
			bool have = false;
			for (int k = 0; k < nkeys; k++)
				have = have || strcmp(keys[k], key) == 0;
			if (!have && nkeys < MAX_FAMILY_ENTRIES)
				keys[nkeys++] = key;
		}
	snprintf(where, sizeof(where), "%soutside: ", prefix);
	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	yaml_mark_t start = ev->start_mark;
	if (n < CML_MAX_TYPES)
		ld->pl.outside[n] = start;
	if (ev->type != YAML_MAPPING_START_EVENT)
		return yaml_reader_fail(&ld->rd, start, "%smust be a mapping: "
			"{profit: 40} or an accuracy family such as {family: "
			"sgb, a_opt: 0.8, k: 1}, not %s", where,
			yaml_reader_node_kind(ev));
	while ((rc = yaml_reader_key(&ld->rd, where, keys, nkeys, seen, marks,
				     &index)) == 0) {
		if (index == 1) {
			if (yaml_reader_string(&ld->rd, where, "family", family,
					       sizeof(family)) != 0)
				return -1;
			values[1] = ev->start_mark;
		} else if (yaml_reader_number(&ld->rd, where, keys[index],
					      &number[index],
					      &values[index]) != 0) {
			return -1;
		}
	}
	if (rc < 0)
		return -1;
	if (seen[0]) {
		for (int k = 1; k < nkeys; k++)
			if (seen[k])
				return yaml_reader_fail(&ld->rd, marks[k],
					"%sa fixed profit takes no '%s': "
					"write {profit: P} or a technology, "
					"not both", where, keys[k]);
		o->kind = OUTSIDE_PROFIT;
		o->profit = number[0];
		return check_param(ld, &param_outside_profit, o->profit, where,
				   values[0]);
	}
	if (!seen[1])
		return yaml_reader_fail(&ld->rd, start, "%sneeds profit: or "
			"family: (an accuracy family of the type's own)", where);
	const struct accuracy_family *fam = accuracy_family_find(family);
	if (fam == NULL) {
		const char *names[MAX_FAMILIES];
		int nfams = 0;
		while (accuracy_families[nfams] != NULL && nfams < MAX_FAMILIES) {
			names[nfams] = accuracy_families[nfams]->name;
			nfams++;
		}
		yaml_reader_join_keys(names, nfams, list, sizeof(list));
		return yaml_reader_fail(&ld->rd, values[1], "%sunknown accuracy "
			"family '%.40s'; known families: %s", where, family,
			list);
	}
	o->kind = OUTSIDE_TECHNOLOGY;
	accuracy_init_default(&o->accuracy, fam);
	for (int k = 2; k < nkeys; k++) {
		if (!seen[k])
			continue;
		int i = accuracy_param_index(fam, keys[k]);
		if (i < 0) {
			const char *own[MAX_FAMILY_ENTRIES];
			for (int j = 0; j < fam->nparams; j++)
				own[j] = fam->params[j].key;
			yaml_reader_join_keys(own, fam->nparams, list,
					      sizeof(list));
			return yaml_reader_fail(&ld->rd, marks[k], "%sunknown "
				"key '%s' for family %s; allowed keys: family, "
				"%s", where, keys[k], fam->name, list);
		}
		o->accuracy.param[i] = number[k];
		if (check_param(ld, &fam->params[i], number[k], where,
				values[k]) != 0)
			return -1;
	}
	if (accuracy_prepare(&o->accuracy, why, sizeof(why)) != 0)
		return yaml_reader_fail(&ld->rd, start, "%s%s", where, why);
	return 0;
}

static int parse_type(struct loader *ld, int n, struct type_spec *t)
{
	static const char *const keys[] = { "name", "cost", "prob", "outside" };
	enum { T_NAME, T_COST, T_PROB, T_OUTSIDE };
	bool seen[4] = { false };
	yaml_mark_t marks[4], start = ld->rd.ev.start_mark, value_mark;
	char prefix[32];
	int index, rc;

	snprintf(prefix, sizeof(prefix), "type %d: ", n + 1);
	snprintf(t->name, sizeof(t->name), "Type %d", n + 1);
	memset(&t->outside, 0, sizeof(t->outside));
	while ((rc = yaml_reader_key(&ld->rd, prefix, keys, 4, seen, marks,
				     &index)) == 0) {
		switch (index) {
		case T_OUTSIDE:
			if (parse_outside(ld, prefix, n, &t->outside) != 0)
				return -1;
			break;
		case T_NAME:
			if (yaml_reader_string(&ld->rd, prefix, "name", t->name,
					sizeof(t->name)) != 0)
				return -1;
			break;
		case T_COST:
			if (yaml_reader_number(&ld->rd, prefix, "cost",
					       &t->cost, &value_mark) != 0 ||
			    check_param(ld, &param_cost, t->cost, prefix,
					value_mark) != 0)
				return -1;
			if (n < CML_MAX_TYPES)
				ld->pl.cost[n] = value_mark;
			break;
		case T_PROB:
			if (yaml_reader_number(&ld->rd, prefix, "prob",
					       &t->prob, &value_mark) != 0 ||
			    check_param(ld, &param_prob, t->prob, prefix,
					value_mark) != 0)
				return -1;
			if (n < CML_MAX_TYPES)
				ld->pl.prob[n] = value_mark;
			break;
		}
	}
	if (rc < 0)
		return -1;
	for (int i = T_COST; i <= T_PROB; i++)
		if (!seen[i])
			return yaml_reader_fail(&ld->rd, start,
				"type %d is missing %s", n + 1, keys[i]);
	return 0;
}

/*
 * Parses the types sequence.  Entries past CML_MAX_TYPES are still read
 * (and checked) but only counted, so scenario_validate() reports the count.
 */
static int parse_types(struct loader *ld, struct scenario *sc)
{
	const yaml_event_t *ev = &ld->rd.ev;
	struct type_spec scratch;
	int n = 0;

	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	ld->pl.types = ev->start_mark;
	if (ev->type != YAML_SEQUENCE_START_EVENT)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"types must be a sequence of mappings with cost and "
			"prob, not %s", yaml_reader_node_kind(ev));
	for (;;) {
		if (yaml_reader_next(&ld->rd) != 0)
			return -1;
		if (ev->type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ev->type != YAML_MAPPING_START_EVENT)
			return yaml_reader_fail(&ld->rd, ev->start_mark,
				"type %d must be a mapping with cost and "
				"prob, not %s", n + 1,
				yaml_reader_node_kind(ev));
		if (parse_type(ld, n, n < CML_MAX_TYPES ? &sc->types[n] :
				&scratch) != 0)
			return -1;
		n++;
	}
	sc->ntypes = n;
	return 0;
}

/*
 * Parses the sweep mapping (x and y axis texts, both optional).  The axes
 * are checked against the scenario once the whole document is in.
 */
static int parse_sweep(struct loader *ld, struct scenario *sc)
{
	static const char *const keys[] = { "x", "y" };
	const yaml_event_t *ev = &ld->rd.ev;
	bool seen[2] = { false };
	yaml_mark_t marks[2];
	int index, rc;

	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	if (ev->type != YAML_MAPPING_START_EVENT)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"sweep must be a mapping with x (and y) axes such as "
			"p.1=0.01:0.99:30, not %s", yaml_reader_node_kind(ev));
	while ((rc = yaml_reader_key(&ld->rd, "sweep: ", keys, 2, seen, marks,
			      &index)) == 0) {
		char *buf = index == 0 ? sc->sweep_x : sc->sweep_y;
		if (yaml_reader_next(&ld->rd) != 0)
			return -1;
		if (index == 0)
			ld->pl.sweep_x = ev->start_mark;
		else
			ld->pl.sweep_y = ev->start_mark;
		if (ev->type != YAML_SCALAR_EVENT)
			return yaml_reader_fail(&ld->rd, ev->start_mark,
				"sweep: %s must be an axis such as "
				"p.1=0.01:0.99:30, not %s", keys[index],
				yaml_reader_node_kind(ev));
		if (ev->data.scalar.length > sizeof(sc->sweep_x) - 1 ||
		    memchr(ev->data.scalar.value, '\0',
			   ev->data.scalar.length) != NULL)
			return yaml_reader_fail(&ld->rd, ev->start_mark,
				"sweep: %s is not an axis PARAM=FROM:TO:STEPS "
				"of at most %zu bytes", keys[index],
				sizeof(sc->sweep_x) - 1);
		memcpy(buf, ev->data.scalar.value, ev->data.scalar.length);
		buf[ev->data.scalar.length] = '\0';
	}
	return rc < 0 ? -1 : 0;
}

/*
 * Checks sc's sweep axes against sc itself (type numbers, family
 * parameters, ranges, y only with x, no conflict).  Returns 0, or -1 with
 * *which = 0 (x) or 1 (y) and the reason in msg.
 */
static int sweep_problem(const struct scenario *sc, int *which, char *msg,
			 size_t size)
{
	struct sweep_axis x, y;
	struct cml_error e;

	*which = 0;
	if (sc->sweep_x[0] != '\0' &&
	    sweep_axis_parse(sc->sweep_x, sc, &x, &e) != 0) {
		snprintf(msg, size, "sweep: x: %.400s", e.msg);
		return -1;
	}
	if (sc->sweep_y[0] == '\0')
		return 0;
	*which = 1;
	if (sc->sweep_x[0] == '\0') {
		snprintf(msg, size, "sweep: y needs an x axis too");
		return -1;
	}
	if (sweep_axis_parse(sc->sweep_y, sc, &y, &e) != 0) {
		snprintf(msg, size, "sweep: y: %.400s", e.msg);
		return -1;
	}
	if (sweep_axis_conflict(&x, &y)) {
		snprintf(msg, size, "sweep: y sets the same parameter as x "
			 "(for probabilities: each p.J rescales the others)");
		return -1;
	}
	/* Else "sweep" would refuse the grid, without a place in the file. */
	if (x.steps * y.steps > SWEEP_MAX_POINTS) {
		snprintf(msg, size, "sweep: %d x %d = %d grid points are more "
			 "than the %d a sweep may have", x.steps, y.steps,
			 x.steps * y.steps, SWEEP_MAX_POINTS);
		return -1;
	}
	return 0;
}

/* Reads the value of "method:": auto, exact or approx. */
static int parse_method(struct loader *ld, struct scenario *sc)
{
	static const enum expectation_method all[] = {
		METHOD_AUTO, METHOD_EXACT, METHOD_APPROX
	};
	const yaml_event_t *ev = &ld->rd.ev;
	char q[YAML_READER_QUOTE_BUF];

	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	ld->pl.method = ev->start_mark;
	ld->pl.have_method = true;
	if (ev->type != YAML_SCALAR_EVENT)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"method must be auto, exact or approx, not %s",
			yaml_reader_node_kind(ev));
	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
		if (yaml_reader_scalar_is(ev,
					  expectation_method_name(all[k]))) {
			sc->method = all[k];
			return 0;
		}
	return yaml_reader_fail(&ld->rd, ev->start_mark,
		"unknown method '%s'; known methods: auto, exact, approx",
		yaml_reader_quote(ev->data.scalar.value, ev->data.scalar.length,
				  q));
}

/* Reports a sweep problem at the place of the offending value. */
static int check_sweep(struct loader *ld, const struct scenario *sc)
{
	char msg[CML_ERROR_MSG_MAX];
	int which;

	if (sweep_problem(sc, &which, msg, sizeof(msg)) == 0)
		return 0;
	return yaml_reader_fail(&ld->rd,
				which == 0 ? ld->pl.sweep_x : ld->pl.sweep_y,
				"%s", msg);
}

/* Parses the top-level mapping (its start event is current). */
static int parse_top(struct loader *ld, struct scenario *sc)
{
	static const char *const keys[] = {
		"name", "description", "participants", "method", "accuracy",
		"valuation", "types", "sweep",
	};
	enum { K_NAME, K_DESCRIPTION, K_PARTICIPANTS, K_METHOD, K_ACCURACY,
	       K_VALUATION, K_TYPES, K_SWEEP, K_COUNT };
	bool seen[K_COUNT] = { false };
	yaml_mark_t marks[K_COUNT];
	double n;
	int index, rc;

	ld->pl.top = ld->rd.ev.start_mark;
	while ((rc = yaml_reader_key(&ld->rd, "", keys, K_COUNT, seen, marks,
				     &index)) == 0) {
		switch (index) {
		case K_NAME:
			rc = yaml_reader_string(&ld->rd, "", "name", sc->name,
					 sizeof(sc->name));
			break;
		case K_DESCRIPTION:
			rc = yaml_reader_string(&ld->rd, "", "description",
					 sc->description,
					 sizeof(sc->description));
			break;
		case K_PARTICIPANTS:
			rc = yaml_reader_number(&ld->rd, "", "participants", &n,
					 &ld->pl.participants);
			if (rc == 0)
				rc = check_param(ld, &param_participants, n,
						 "", ld->pl.participants);
			if (rc == 0)
				sc->participants = (int)n;
			break;
		case K_METHOD:
			rc = parse_method(ld, sc);
			break;
		case K_ACCURACY:
			rc = parse_family(ld, KIND_ACCURACY, sc);
			break;
		case K_VALUATION:
			rc = parse_family(ld, KIND_VALUATION, sc);
			break;
		case K_TYPES:
			rc = parse_types(ld, sc);
			break;
		case K_SWEEP:
			rc = parse_sweep(ld, sc);
			break;
		}
		if (rc != 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	if (!seen[K_PARTICIPANTS])
		return yaml_reader_fail(&ld->rd, ld->pl.top,
			"the scenario is missing participants (the number of "
			"parties N)");
	if (!seen[K_TYPES])
		return yaml_reader_fail(&ld->rd, ld->pl.top,
			"the scenario is missing types (a list of mappings "
			"with cost and prob)");
	return 0;
}

/* Parses the whole stream: exactly one document holding one mapping. */
static int parse_stream(struct loader *ld, struct scenario *sc)
{
	const yaml_event_t *ev = &ld->rd.ev;

	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	if (ev->type == YAML_STREAM_END_EVENT)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"the input is empty; a scenario needs at least "
			"participants and types");
	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.length == 0 &&
	    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"the document is empty; a scenario needs at least "
			"participants and types");
	if (ev->type != YAML_MAPPING_START_EVENT)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"the top level must be a mapping with keys such as "
			"participants and types, not %s",
			yaml_reader_node_kind(ev));
	if (parse_top(ld, sc) != 0)
		return -1;
	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	if (yaml_reader_next(&ld->rd) != 0)
		return -1;
	if (ev->type != YAML_STREAM_END_EVENT)
		return yaml_reader_fail(&ld->rd, ev->start_mark,
			"only one document is allowed in a scenario file; "
			"found a second");
	return 0;
}

/* The mark of a family parameter, or of its mapping, or of the top. */
static yaml_mark_t param_mark(const struct places *pl, enum family_kind kind,
			      int param)
{
	if (param >= 0 && param < MAX_FAMILY_ENTRIES &&
	    pl->have_param[kind][param])
		return pl->param[kind][param];
	if (pl->have_family[kind])
		return pl->family[kind];
	return pl->top;
}

/*
 * Runs scenario_validate() and reports its finding at the node it is
 * about.  A list-wide problem that goes away with N = 1 is caused by N
 * (the outcome count), so it is reported at participants.
 */
static int check_scenario(struct loader *ld, const struct scenario *sc)
{
	struct scenario_problem problem;
	struct scenario one;
	yaml_mark_t mark;

	if (scenario_validate(sc, &problem) == 0)
		return 0;
	switch (problem.field) {
	case SCENARIO_FIELD_PARTICIPANTS:
		mark = ld->pl.participants;
		break;
	case SCENARIO_FIELD_ACCURACY:
		mark = param_mark(&ld->pl, KIND_ACCURACY, problem.param_index);
		return yaml_reader_fail(&ld->rd, mark,
			"accuracy: %s", problem.msg);
	case SCENARIO_FIELD_VALUATION:
		mark = param_mark(&ld->pl, KIND_VALUATION,
				  problem.param_index);
		return yaml_reader_fail(&ld->rd, mark,
			"valuation: %s", problem.msg);
	case SCENARIO_FIELD_TYPES:
		/* Exact enumeration refused: at the method that asked for it. */
		one = *sc;
		one.method = METHOD_AUTO;
		if (ld->pl.have_method && scenario_validate(&one, NULL) == 0) {
			mark = ld->pl.method;
			break;
		}
		one = *sc;
		one.participants = 1;
		mark = scenario_validate(&one, NULL) == 0 ?
			       ld->pl.participants : ld->pl.types;
		break;
	case SCENARIO_FIELD_METHOD:
		mark = ld->pl.have_method ? ld->pl.method : ld->pl.top;
		break;
	case SCENARIO_FIELD_TYPE_OUTSIDE:
		if (problem.type_index >= 0 &&
		    problem.type_index < CML_MAX_TYPES) {
			mark = ld->pl.outside[problem.type_index];
			break;
		}
		mark = ld->pl.top;
		break;
	case SCENARIO_FIELD_TYPE_COST:
	case SCENARIO_FIELD_TYPE_PROB:
		if (problem.type_index >= 0 &&
		    problem.type_index < CML_MAX_TYPES) {
			mark = problem.field == SCENARIO_FIELD_TYPE_COST ?
				       ld->pl.cost[problem.type_index] :
				       ld->pl.prob[problem.type_index];
			break;
		}
		/* fall through */
	default:
		mark = ld->pl.top;
		break;
	}
	return yaml_reader_fail(&ld->rd, mark, "%s", problem.msg);
}

/* The default name: after "preset:", or the file name sans extension. */
static void default_name(const char *origin, char *buf, size_t size)
{
	const char *base, *slash, *dot;
	size_t len;

	if (origin == NULL)
		return;
	if (strncmp(origin, "preset:", 7) == 0) {
		base = origin + 7;
		len = strlen(base);
	} else {
		slash = strrchr(origin, '/');
		base = slash != NULL ? slash + 1 : origin;
		dot = strrchr(base, '.');
		len = dot != NULL && dot != base ? (size_t)(dot - base) :
						   strlen(base);
	}
	if (len == 0)
		return;
	if (len > size - 1) {
		len = size - 1;
		while (len > 0 && ((unsigned char)base[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(buf, base, len);
	buf[len] = '\0';
}

/* The loader proper; runs under the C locale. */
static int load(const char *text, size_t len, const char *origin,
		struct scenario *sc, struct scenario_load_info *info,
		struct cml_error *err)
{
	struct loader *ld;
	struct scenario local;
	char why[256];
	int order[CML_MAX_TYPES];
	bool sorted;
	int rc;

	/* The loader holds the parser and every mark: keep it off the stack. */
	ld = calloc(1, sizeof(*ld));
	if (ld == NULL) {
		cml_error_set(err, origin, 0, 0, "out of memory");
		return -1;
	}
	if (yaml_reader_open(&ld->rd, text, len, origin, "scenario files",
			     MAX_DEPTH, err) != 0) {
		free(ld);
		return -1;
	}

	scenario_init(&local);
	default_name(origin, local.name, sizeof(local.name));
	rc = parse_stream(ld, &local);
	if (rc == 0)
		rc = check_scenario(ld, &local);
	if (rc == 0 && accuracy_prepare(&local.accuracy, why,
					 sizeof(why)) != 0)
		rc = yaml_reader_fail(&ld->rd,
				      param_mark(&ld->pl, KIND_ACCURACY, 0),
				      "accuracy: %s", why);
	if (rc == 0)
		rc = check_sweep(ld, &local);
	yaml_reader_close(&ld->rd);
	free(ld);
	if (rc != 0)
		return -1;

	sorted = scenario_sort_types(&local, order);
	if (info != NULL) {
		memset(info, 0, sizeof(*info));
		info->sorted = sorted;
		memcpy(info->order, order, sizeof(order[0]) *
		       (size_t)local.ntypes);
	}
	*sc = local;
	cml_error_clear(err);
	return 0;
}

int scenario_load_string(const char *text, size_t len, const char *origin,
			 struct scenario *sc, struct scenario_load_info *info,
			 struct cml_error *err)
{
	struct c_locale scope;
	int rc;

	if (origin == NULL)
		origin = "";
	if (c_locale_enter(&scope, origin, err) != 0)
		return -1;
	rc = load(text, len, origin, sc, info, err);
	c_locale_leave(&scope);
	return rc;
}

int scenario_load_file(const char *path, struct scenario *sc,
		       struct scenario_load_info *info, struct cml_error *err)
{
	size_t len;
	char *buf = file_read_small(path, SCENARIO_YAML_MAX_FILE,
				    "scenario files are small", &len, err);
	int rc;

	if (buf == NULL)
		return -1;
	rc = scenario_load_string(buf, len, path, sc, info, err);
	free(buf);
	return rc;
}

/* A growing output buffer for the emitter. */
struct outbuf {
	char *data;
	size_t len, cap;
};

/* libyaml write handler: appends to the outbuf; 1 on success. */
static int append_output(void *data, unsigned char *buffer, size_t size)
{
	struct outbuf *out = data;

	if (out->len + size + 1 > out->cap) {
		size_t cap = out->cap ? out->cap : 1024;
		char *p;
		while (out->len + size + 1 > cap)
			cap *= 2;
		p = realloc(out->data, cap);
		if (p == NULL)
			return 0;
		out->data = p;
		out->cap = cap;
	}
	memcpy(out->data + out->len, buffer, size);
	out->len += size;
	out->data[out->len] = '\0';
	return 1;
}

/* True if a YAML resolver might read s as something other than a string. */
static bool looks_special(const char *s)
{
	static const char *const words[] = {
		"~", "null", "true", "false", "yes", "no", "on", "off", "y",
		"n",
	};
	double v;

	if (s[0] == '\0' || yaml_reader_is_nonfinite_word(s) ||
	    yaml_reader_parse_decimal(s, strlen(s), &v) == 0)
		return true;
	if ((s[0] >= '0' && s[0] <= '9') ||
	    ((s[0] == '+' || s[0] == '-' || s[0] == '.') &&
	     ((s[1] >= '0' && s[1] <= '9') || s[1] == '.')))
		return true;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t j = 0;
		while (s[j] != '\0' && words[i][j] != '\0' &&
		       (s[j] | 0x20) == words[i][j])
			j++;
		if (s[j] == '\0' && words[i][j] == '\0')
			return true;
	}
	return false;
}

/*
 * True if s holds characters that only a double-quoted scalar carries
 * unchanged: control characters (other than newline in a block), and
 * NEL, LS, PS and BOM, which other styles turn into line breaks or drop.
 */
static bool needs_double_quotes(const char *s, bool block)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if ((*p < 0x20 && !(block && *p == '\n')) || *p == 0x7f)
			return true;
		if (p[0] == 0xc2 && p[1] == 0x85)
			return true;
		if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9))
			return true;
		if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
			return true;
	}
	return false;
}

/* Emits one event; libyaml frees it either way. */
static int emit(yaml_emitter_t *em, yaml_event_t *ev)
{
	return yaml_emitter_emit(em, ev) ? 0 : -1;
}

/* Emits text as a scalar; block selects the literal style for prose. */
static int emit_text(yaml_emitter_t *em, const char *s, bool block,
		     const char *what, struct cml_error *err)
{
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	yaml_event_t ev;

	if (needs_double_quotes(s, block))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (block)
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (looks_special(s))
		style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (const yaml_char_t *)s,
					  (int)strlen(s), 1, 1, style)) {
		cml_error_set(err, NULL, 0, 0, "%s is not valid UTF-8 text",
			      what);
		return -1;
	}
	return emit(em, &ev);
}

/* Emits a plain scalar (keys, numbers, family names). */
static int emit_plain(yaml_emitter_t *em, const char *s)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (const yaml_char_t *)s,
					  (int)strlen(s), 1, 1,
					  YAML_PLAIN_SCALAR_STYLE))
		return -1;
	return emit(em, &ev);
}

/*
 * Writes v in the shortest of %.15g, %.16g, %.17g that reads back as the
 * same double, with the exponent's leading zeros dropped ("1e-9").  Needs
 * the C locale.
 */
static void format_number(double v, char buf[32])
{
	char *e;

	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	e = strchr(buf, 'e');
	if (e != NULL) {
		char *digits = e + 1, *src;
		if (*digits == '+' || *digits == '-')
			digits++;
		src = digits;
		while (src[0] == '0' && src[1] != '\0')
			src++;
		memmove(digits, src, strlen(src) + 1);
	}
}

/* Emits a finite number; what names it in the error otherwise. */
static int emit_number(yaml_emitter_t *em, double v, const char *what,
		       struct cml_error *err)
{
	char buf[32];

	if (!isfinite(v)) {
		cml_error_set(err, NULL, 0, 0, "%s is not a finite number",
			      what);
		return -1;
	}
	format_number(v, buf);
	return emit_plain(em, buf);
}

/* Emits "key: value" pairs of a family mapping. */
static int emit_family(yaml_emitter_t *em, const char *name, int nparams,
		       const struct param_desc *params, const double *values,
		       struct cml_error *err)
{
	yaml_event_t ev;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    YAML_BLOCK_MAPPING_STYLE);
	if (emit(em, &ev) != 0 || emit_plain(em, "family") != 0 ||
	    emit_plain(em, name) != 0)
		return -1;
	for (int i = 0; i < nparams; i++)
		if (emit_plain(em, params[i].key) != 0 ||
		    emit_number(em, values[i], params[i].key, err) != 0)
			return -1;
	yaml_mapping_end_event_initialize(&ev);
	return emit(em, &ev);
}

/* A type's outside option, only when it has one of its own. */
static int emit_outside(yaml_emitter_t *em, const struct outside_option *o,
			int type, struct cml_error *err)
{
	const struct accuracy_family *fam = o->accuracy.family;
	yaml_event_t ev;
	char what[48];

	if (o->kind == OUTSIDE_COMMON)
		return 0;
	if (emit_plain(em, "outside") != 0)
		return -1;
	if (o->kind == OUTSIDE_TECHNOLOGY)
		return emit_family(em, fam->name, fam->nparams, fam->params,
				   o->accuracy.param, err);
	snprintf(what, sizeof(what), "type %d outside profit", type + 1);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    YAML_BLOCK_MAPPING_STYLE);
	if (emit(em, &ev) != 0 || emit_plain(em, "profit") != 0 ||
	    emit_number(em, o->profit, what, err) != 0)
		return -1;
	yaml_mapping_end_event_initialize(&ev);
	return emit(em, &ev);
}

/* Emits the sweep mapping, only when an axis is set. */
static int emit_sweep(yaml_emitter_t *em, const struct scenario *sc,
		      struct cml_error *err)
{
	yaml_event_t ev;

	if (sc->sweep_x[0] == '\0' && sc->sweep_y[0] == '\0')
		return 0;
	if (emit_plain(em, "sweep") != 0)
		return -1;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    YAML_BLOCK_MAPPING_STYLE);
	if (emit(em, &ev) != 0)
		return -1;
	if (sc->sweep_x[0] != '\0' &&
	    (emit_plain(em, "x") != 0 ||
	     emit_text(em, sc->sweep_x, false, "sweep x", err) != 0))
		return -1;
	if (sc->sweep_y[0] != '\0' &&
	    (emit_plain(em, "y") != 0 ||
	     emit_text(em, sc->sweep_y, false, "sweep y", err) != 0))
		return -1;
	yaml_mapping_end_event_initialize(&ev);
	return emit(em, &ev);
}

/* Emits the whole document; returns 0 or -1 (err set if it was our call). */
static int emit_scenario(yaml_emitter_t *em, const struct scenario *sc,
			 struct cml_error *err)
{
	const struct accuracy_family *af = sc->accuracy.family;
	const struct valuation_family *vf = sc->valuation.family;
	yaml_event_t ev;
	char buf[32], what[32];

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if (emit(em, &ev) != 0)
		return -1;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	if (emit(em, &ev) != 0)
		return -1;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    YAML_BLOCK_MAPPING_STYLE);
	if (emit(em, &ev) != 0)
		return -1;
	if (emit_plain(em, "name") != 0 ||
	    emit_text(em, sc->name, false, "name", err) != 0)
		return -1;
	if (sc->description[0] != '\0' &&
	    (emit_plain(em, "description") != 0 ||
	     emit_text(em, sc->description, true, "description", err) != 0))
		return -1;
	snprintf(buf, sizeof(buf), "%d", sc->participants);
	if (emit_plain(em, "participants") != 0 || emit_plain(em, buf) != 0)
		return -1;
	/* Only when chosen: files that never mention it save unchanged. */
	if (sc->method != METHOD_AUTO &&
	    (emit_plain(em, "method") != 0 ||
	     emit_plain(em, expectation_method_name(sc->method)) != 0))
		return -1;
	if (emit_plain(em, "accuracy") != 0 ||
	    emit_family(em, af->name, af->nparams, af->params,
			sc->accuracy.param, err) != 0)
		return -1;
	if (emit_plain(em, "valuation") != 0 ||
	    emit_family(em, vf->name, vf->nparams, vf->params,
			sc->valuation.param, err) != 0)
		return -1;
	if (emit_plain(em, "types") != 0)
		return -1;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
					     YAML_BLOCK_SEQUENCE_STYLE);
	if (emit(em, &ev) != 0)
		return -1;
	for (int i = 0; i < sc->ntypes; i++) {
		const struct type_spec *t = &sc->types[i];
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						    YAML_BLOCK_MAPPING_STYLE);
		snprintf(what, sizeof(what), "type %d name", i + 1);
		if (emit(em, &ev) != 0 || emit_plain(em, "name") != 0 ||
		    emit_text(em, t->name, false, what, err) != 0)
			return -1;
		snprintf(what, sizeof(what), "type %d cost", i + 1);
		if (emit_plain(em, "cost") != 0 ||
		    emit_number(em, t->cost, what, err) != 0)
			return -1;
		snprintf(what, sizeof(what), "type %d prob", i + 1);
		if (emit_plain(em, "prob") != 0 ||
		    emit_number(em, t->prob, what, err) != 0)
			return -1;
		if (emit_outside(em, &t->outside, i, err) != 0)
			return -1;
		yaml_mapping_end_event_initialize(&ev);
		if (emit(em, &ev) != 0)
			return -1;
	}
	yaml_sequence_end_event_initialize(&ev);
	if (emit(em, &ev) != 0)
		return -1;
	if (emit_sweep(em, sc, err) != 0)
		return -1;
	yaml_mapping_end_event_initialize(&ev);
	if (emit(em, &ev) != 0)
		return -1;
	yaml_document_end_event_initialize(&ev, 1);
	if (emit(em, &ev) != 0)
		return -1;
	yaml_stream_end_event_initialize(&ev);
	return emit(em, &ev);
}

/* scenario_to_yaml() proper; runs under the C locale. */
static char *to_yaml(const struct scenario *sc, struct cml_error *err)
{
	yaml_emitter_t em;
	struct outbuf out = { NULL, 0, 0 };

	cml_error_clear(err);
	if (sc->ntypes < 0 || sc->ntypes > CML_MAX_TYPES) {
		cml_error_set(err, NULL, 0, 0, "the scenario has %d types; "
			      "at most %d can be saved", sc->ntypes,
			      CML_MAX_TYPES);
		return NULL;
	}
	if (!yaml_emitter_initialize(&em)) {
		cml_error_set(err, NULL, 0, 0, "out of memory");
		return NULL;
	}
	yaml_emitter_set_output(&em, append_output, &out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_indent(&em, 2);
	yaml_emitter_set_break(&em, YAML_LN_BREAK);
	if (emit_scenario(&em, sc, err) != 0 ||
	    !yaml_emitter_flush(&em)) {
		if (err != NULL && err->msg[0] == '\0')
			cml_error_set(err, NULL, 0, 0, "cannot write YAML: %s",
				      em.problem != NULL ? em.problem :
							   "out of memory");
		yaml_emitter_delete(&em);
		free(out.data);
		return NULL;
	}
	yaml_emitter_delete(&em);
	if (out.data == NULL)
		cml_error_set(err, NULL, 0, 0, "cannot write YAML: no output");
	return out.data;
}

char *scenario_to_yaml(const struct scenario *sc, struct cml_error *err)
{
	struct c_locale scope;
	char *text;

	if (c_locale_enter(&scope, NULL, err) != 0)
		return NULL;
	text = to_yaml(sc, err);
	c_locale_leave(&scope);
	return text;
}

int scenario_save_file(const char *path, const struct scenario *sc,
		       struct cml_error *err)
{
	struct scenario_problem problem;
	char *text, msg[CML_ERROR_MSG_MAX];
	int rc, which;

	if (scenario_validate(sc, &problem) != 0) {
		cml_error_set(err, path, 0, 0, "cannot save: %s", problem.msg);
		return -1;
	}
	/* A file must load again: its sweep axes must fit the scenario. */
	if (sweep_problem(sc, &which, msg, sizeof(msg)) != 0) {
		cml_error_set(err, path, 0, 0, "cannot save: %s", msg);
		return -1;
	}
	text = scenario_to_yaml(sc, err);
	if (text == NULL) {
		if (err != NULL)
			snprintf(err->origin, sizeof(err->origin), "%s", path);
		return -1;
	}
	rc = atomic_file_write(path, text, strlen(text), err);
	free(text);
	return rc;
}

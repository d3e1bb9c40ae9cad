/*
 * scenario-edit.c - validated edits of a scenario.
 */
#include "scenario-edit.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c-locale.h"
#include "numfmt.h"
#include "sweep-axis.h"

const struct param_desc *edit_param(const struct scenario *sc,
				    struct edit_target target)
{
	switch (target.field) {
	case EDIT_PARTICIPANTS:
		return &param_participants;
	case EDIT_ACCURACY:
		return &sc->accuracy.family->params[target.index];
	case EDIT_VALUATION:
		return &sc->valuation.family->params[target.index];
	case EDIT_COST:
		return &param_cost;
	case EDIT_PROB:
		return &param_prob;
	case EDIT_NAME:
		break;
	}
	return NULL;
}

double edit_get(const struct scenario *sc, struct edit_target target)
{
	switch (target.field) {
	case EDIT_PARTICIPANTS:
		return sc->participants;
	case EDIT_ACCURACY:
		return sc->accuracy.param[target.index];
	case EDIT_VALUATION:
		return sc->valuation.param[target.index];
	case EDIT_COST:
		return sc->types[target.index].cost;
	case EDIT_PROB:
		return sc->types[target.index].prob;
	case EDIT_NAME:
		break;
	}
	return NAN;
}

/*
 * Drops stored sweep axes that no longer fit the scenario: ones that do
 * not parse any more and, when the types were renumbered (added, deleted
 * or re-sorted), ones that name a type by number.
 */
static void drop_stale_axes(struct scenario *out, bool renumbered)
{
	char *text[2] = { out->sweep_x, out->sweep_y };

	for (int k = 0; k < 2; k++) {
		struct sweep_axis axis;
		if (text[k][0] == '\0')
			continue;
		if (sweep_axis_parse(text[k], out, &axis, NULL) != 0 ||
		    (renumbered && axis.type >= 0))
			text[k][0] = '\0';
	}
	/* A y axis needs an x axis. */
	if (out->sweep_x[0] == '\0')
		out->sweep_y[0] = '\0';
}

/* Validates out; on failure writes the reason. */
static int finish(struct scenario *out, char *why, size_t size)
{
	struct scenario_problem problem;
	char ignored[8];

	if (scenario_validate(out, &problem) != 0) {
		snprintf(why, size, "%s", problem.msg);
		return -1;
	}
	/* Keep the derived threshold in step with edited parameters. */
	(void)accuracy_prepare(&out->accuracy, ignored, sizeof(ignored));
	drop_stale_axes(out, false);
	return 0;
}

/*
 * The one wording for a probability out of range beside other types, the
 * same for 1 and for 1.5 (or 0): the open interval the editor accepts.
 */
static void prob_range_message(char *why, size_t size)
{
	/* param.c's wording and range, with 1 itself left out. */
	char range[80];
	param_range(&param_prob, range, sizeof(range));
	size_t len = strlen(range);
	if (len > 0 && range[len - 1] == ']')
		range[len - 1] = ')';
	snprintf(why, size, "prob must be in %s: the other types need some "
		 "probability", range);
}

/* Scales every probability but type i's so that all sum to 1. */
static int rescale_others(struct scenario *sc, int i, char *why, size_t size)
{
	double others = 0.0;

	for (int j = 0; j < sc->ntypes; j++)
		if (j != i)
			others += sc->types[j].prob;
	double room = 1.0 - sc->types[i].prob;
	if (sc->ntypes == 1) {
		if (sc->types[0].prob != 1.0) {
			snprintf(why, size, "with one type its probability "
				 "is 1");
			return -1;
		}
		return 0;
	}
	if (!(room > 0.0)) {
		prob_range_message(why, size);
		return -1;
	}
	for (int j = 0; j < sc->ntypes; j++)
		if (j != i)
			sc->types[j].prob *= room / others;
	return 0;
}

int edit_set(const struct scenario *sc, struct edit_target target,
	     double value, struct scenario *out, int *moved, char *why,
	     size_t size)
{
	const struct param_desc *desc = edit_param(sc, target);
	int order[CML_MAX_TYPES];

	if (desc == NULL) {
		snprintf(why, size, "not a number field");
		return -1;
	}
	if (target.field == EDIT_PROB && sc->ntypes > 1 &&
	    isfinite(value) && !(value >= param_prob.min && value < 1.0)) {
		prob_range_message(why, size);
		return -1;
	}
	if (param_check(desc, value, why, size) != 0)
		return -1;
	*out = *sc;
	if (moved != NULL)
		*moved = target.index;
	switch (target.field) {
	case EDIT_PARTICIPANTS:
		out->participants = (int)value;
		break;
	case EDIT_ACCURACY:
		out->accuracy.param[target.index] = value;
		break;
	case EDIT_VALUATION:
		out->valuation.param[target.index] = value;
		break;
	case EDIT_COST:
		for (int j = 0; j < sc->ntypes; j++)
			if (j != target.index && sc->types[j].cost == value) {
				snprintf(why, size, "type %d already has cost "
					 "%g; costs must differ", j + 1, value);
				return -1;
			}
		out->types[target.index].cost = value;
		if (scenario_sort_types(out, order))
			drop_stale_axes(out, true);
		for (int k = 0; k < out->ntypes && moved != NULL; k++)
			if (order[k] == target.index)
				*moved = k;
		break;
	case EDIT_PROB:
		out->types[target.index].prob = value;
		if (rescale_others(out, target.index, why, size) != 0)
			return -1;
		break;
	case EDIT_NAME:
		break;
	}
	return finish(out, why, size);
}

int edit_set_text(const struct scenario *sc, struct edit_target target,
		  const char *text, struct scenario *out, int *moved,
		  char *why, size_t size)
{
	const struct param_desc *desc = edit_param(sc, target);
	struct c_locale scope;
	char *end;

	while (*text == ' ')
		text++;
	(void)c_locale_enter(&scope, NULL, NULL); /* at worst: as it was */
	double value = strtod(text, &end);
	c_locale_leave(&scope);
	while (end != text && *end == ' ')
		end++;
	if (end == text || *end != '\0' || strpbrk(text, "xXnNiI") != NULL) {
		snprintf(why, size, "%s must be a number, not '%.40s'",
			 desc ? desc->key : "value", text);
		return -1;
	}
	return edit_set(sc, target, value, out, moved, why, size);
}

/* Significant digits a nudge keeps (of the smaller of old and new). */
#define NUDGE_DIGITS 6

/* The decimal exponent of x != 0 as printf's %e writes it. */
static int decimal_exponent(double x)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.*e", NUDGE_DIGITS - 1, x);
	return atoi(strchr(buf, 'e') + 1);
}

/* x rounded to digits significant digits, in the C locale. */
static double round_significant(double x, int digits)
{
	struct c_locale scope;
	char buf[64];

	(void)c_locale_enter(&scope, NULL, NULL); /* at worst: as it was */
	snprintf(buf, sizeof(buf), "%.*e", digits - 1, x);
	double r = strtod(buf, NULL);
	c_locale_leave(&scope);
	return r;
}

/*
 * A real's nudge by the factor f = 1 + percent/100, so that a nudge and
 * its opposite undo each other exactly for every value of at most
 * NUDGE_DIGITS significant digits (whatever was typed or loaded):
 *
 * up:   v * f rounded to NUDGE_DIGITS digits of v's decade.  Its error is
 *       at most half a unit of v's last digit; dividing by f > 1 shrinks
 *       it below half a unit, so down's rounding gives v back.
 * down: w / f rounded to NUDGE_DIGITS digits of its own decade, unless up
 *       would not lead from there back to w; then to one digit more,
 *       whose error times f stays below half a unit of w's grid.
 */
static double nudge_up(double v, double f)
{
	double r = v * f;

	return round_significant(r, NUDGE_DIGITS + decimal_exponent(r) -
					    decimal_exponent(v));
}

static double nudge_real(double v, int percent, bool up)
{
	double f = 1.0 + percent / 100.0;

	if (v == 0.0 || !isfinite(v))
		return v;
	if (up)
		return nudge_up(v, f);
	double y = round_significant(v / f, NUDGE_DIGITS);
	return nudge_up(y, f) == v ? y :
				     round_significant(v / f, NUDGE_DIGITS + 1);
}

/* A whole number's step up: by one, or by percent of it (at least one). */
static double integer_up(double v, int percent)
{
	return v + (percent >= 10 ? fmax(1.0, round(fabs(v) * percent / 100.0))
				  : 1.0);
}

/*
 * A whole number's step down: the largest n with integer_up(n) <= v, so
 * that down after up is exact (by one, that is v - 1).
 */
static double integer_down(double v, int percent)
{
	double n = percent >= 10 ? floor(v / (1.0 + percent / 100.0)) - 2.0 :
				   v - 1.0;

	if (n > v - 1.0)
		n = v - 1.0;
	while (n + 1.0 <= v - 1.0 && integer_up(n + 1.0, percent) <= v)
		n += 1.0;
	return n;
}

int edit_nudge(const struct scenario *sc, struct edit_target target,
	       int steps, struct scenario *out, int *moved, char *why,
	       size_t size)
{
	const struct param_desc *desc = edit_param(sc, target);
	double value = edit_get(sc, target);
	int percent = abs(steps);

	if (desc == NULL) {
		snprintf(why, size, "names cannot be nudged");
		return -1;
	}
	if (desc->integer)
		value = steps > 0 ? integer_up(value, percent) :
				    integer_down(value, percent);
	else
		value = nudge_real(value, percent, steps > 0);
	return edit_set(sc, target, value, out, moved, why, size);
}

enum expectation_method edit_next_method(enum expectation_method from)
{
	switch (from) {
	case METHOD_AUTO:
		return METHOD_EXACT;
	case METHOD_EXACT:
		return METHOD_APPROX;
	case METHOD_APPROX:
		break;
	}
	return METHOD_AUTO;
}

/* Copies the values of old parameters the new family has by key. */
static void keep_shared(const struct param_desc *old, const double *old_value,
			int nold, const struct param_desc *now, double *value,
			int nnow)
{
	char why[8];

	for (int i = 0; i < nnow; i++)
		for (int j = 0; j < nold; j++)
			if (strcmp(now[i].key, old[j].key) == 0 &&
			    param_check(&now[i], old_value[j], why,
					sizeof(why)) == 0)
				value[i] = old_value[j];
}

int edit_set_family(const struct scenario *sc, bool valuation, int index,
		    struct scenario *out, char *why, size_t size)
{
	*out = *sc;
	if (valuation) {
		const struct valuation_family *fam = valuation_families[index];
		valuation_init_default(&out->valuation, fam);
		keep_shared(sc->valuation.family->params, sc->valuation.param,
			    sc->valuation.family->nparams, fam->params,
			    out->valuation.param, fam->nparams);
	} else {
		const struct accuracy_family *fam = accuracy_families[index];
		accuracy_init_default(&out->accuracy, fam);
		keep_shared(sc->accuracy.family->params, sc->accuracy.param,
			    sc->accuracy.family->nparams, fam->params,
			    out->accuracy.param, fam->nparams);
	}
	return finish(out, why, size);
}

void edit_outside_text(const struct outside_option *o, char *buf,
		       size_t size)
{
	char value[40];
	size_t used;

	switch (o->kind) {
	case OUTSIDE_COMMON:
		snprintf(buf, size, "common");
		return;
	case OUTSIDE_PROFIT:
		snprintf(buf, size, "profit %s",
			 numfmt_exact(value, sizeof(value), o->profit));
		return;
	case OUTSIDE_TECHNOLOGY:
		snprintf(buf, size, "%s", o->accuracy.family->name);
		for (int i = 0; i < o->accuracy.family->nparams; i++) {
			used = strlen(buf);
			snprintf(buf + used, size - used, " %s=%s",
				 o->accuracy.family->params[i].key,
				 numfmt_exact(value, sizeof(value),
					      o->accuracy.param[i]));
		}
		return;
	}
}

/* Reads the whole of word as a number (C locale). */
static int read_value(const char *word, double *v)
{
	struct c_locale scope;
	char *end;

	(void)c_locale_enter(&scope, NULL, NULL); /* at worst: as it was */
	*v = strtod(word, &end);
	c_locale_leave(&scope);
	return end != word && *end == '\0' && isfinite(*v) ? 0 : -1;
}

int edit_set_outside(const struct scenario *sc, int type, const char *text,
		     struct scenario *out, char *why, size_t size)
{
	char copy[256], *save = NULL;
	struct outside_option o;
	double v;

	memset(&o, 0, sizeof(o));
	snprintf(copy, sizeof(copy), "%s", text);
	char *word = strtok_r(copy, " \t", &save);
	if (word == NULL || strcmp(word, "common") == 0) {
		if (word != NULL && strtok_r(NULL, " \t", &save) != NULL) {
			snprintf(why, size, "'common' takes nothing after it");
			return -1;
		}
	} else if (strcmp(word, "profit") == 0) {
		char *value = strtok_r(NULL, " \t", &save);
		if (value == NULL || read_value(value, &v) != 0 ||
		    strtok_r(NULL, " \t", &save) != NULL) {
			snprintf(why, size, "write 'profit P', P a number");
			return -1;
		}
		o.kind = OUTSIDE_PROFIT;
		o.profit = v;
	} else {
		const struct accuracy_family *fam = accuracy_family_find(word);
		if (fam == NULL) {
			snprintf(why, size, "'%.40s' is none of common, profit "
				 "P or an accuracy family (sgb, power, exp)",
				 word);
			return -1;
		}
		o.kind = OUTSIDE_TECHNOLOGY;
		accuracy_init_default(&o.accuracy, fam);
		while ((word = strtok_r(NULL, " \t", &save)) != NULL) {
			char *eq = strchr(word, '=');
			int i = -1;
			if (eq != NULL) {
				*eq = '\0';
				i = accuracy_param_index(fam, word);
			}
			if (i < 0 || read_value(eq + 1, &v) != 0) {
				snprintf(why, size, "'%.40s' is not KEY=VALUE "
					 "with a parameter of %s", word,
					 fam->name);
				return -1;
			}
			o.accuracy.param[i] = v;
		}
	}
	*out = *sc;
	out->types[type].outside = o;
	return finish(out, why, size);
}

int edit_set_method(const struct scenario *sc, enum expectation_method method,
		    struct scenario *out, char *why, size_t size)
{
	*out = *sc;
	out->method = method;
	return finish(out, why, size);
}

int edit_rename(const struct scenario *sc, int type, const char *name,
		struct scenario *out, char *why, size_t size)
{
	size_t len = strlen(name);

	if (len == 0) {
		snprintf(why, size, "a name cannot be empty");
		return -1;
	}
	if (len >= CML_NAME_MAX) {
		snprintf(why, size, "a name has at most %d bytes",
			 CML_NAME_MAX - 1);
		return -1;
	}
	for (size_t k = 0; k < len; k++)
		if ((unsigned char)name[k] < 0x20 || name[k] == 0x7f) {
			snprintf(why, size, "a name cannot hold control "
				 "characters");
			return -1;
		}
	*out = *sc;
	snprintf(out->types[type].name, sizeof(out->types[type].name), "%s",
		 name);
	return finish(out, why, size);
}

/*
 * "Type N" for the new count of types N, or the next number after it that
 * no type uses: "Type 1" beside a type numbered 1 would read as that type.
 */
static void fresh_name(const struct scenario *sc, char *buf, size_t size)
{
	for (int n = sc->ntypes + 1;; n++) {
		bool taken = false;
		snprintf(buf, size, "Type %d", n);
		for (int i = 0; i < sc->ntypes; i++)
			taken = taken || strcmp(sc->types[i].name, buf) == 0;
		if (!taken)
			return;
	}
}

int edit_add_type(const struct scenario *sc, int after, struct scenario *out,
		  int *added, char *why, size_t size)
{
	int n = sc->ntypes;

	if (n >= CML_MAX_TYPES) {
		snprintf(why, size, "at most %d types", CML_MAX_TYPES);
		return -1;
	}
	if (after < 0 || after >= n)
		after = n - 1;
	*out = *sc;
	double high = sc->types[after].cost;
	double cost = after + 1 < n ? sqrt(high * sc->types[after + 1].cost) :
				      high / 2.0;
	for (int i = n; i > after + 1; i--)
		out->types[i] = out->types[i - 1];
	struct type_spec *t = &out->types[after + 1];
	fresh_name(sc, t->name, sizeof(t->name));
	t->cost = cost;
	t->prob = 1.0 / (n + 1);
	out->ntypes = n + 1;
	for (int i = 0; i < out->ntypes; i++)
		if (i != after + 1)
			out->types[i].prob *= (double)n / (n + 1);
	if (added != NULL)
		*added = after + 1;
	drop_stale_axes(out, true);
	return finish(out, why, size);
}

int edit_delete_type(const struct scenario *sc, int type,
		     struct scenario *out, char *why, size_t size)
{
	if (sc->ntypes <= 1) {
		snprintf(why, size, "the last type cannot be deleted");
		return -1;
	}
	*out = *sc;
	for (int i = type; i + 1 < sc->ntypes; i++)
		out->types[i] = out->types[i + 1];
	out->ntypes--;
	double left = 0.0;
	for (int i = 0; i < out->ntypes; i++)
		left += out->types[i].prob;
	for (int i = 0; i < out->ntypes; i++)
		out->types[i].prob /= left;
	drop_stale_axes(out, true);
	return finish(out, why, size);
}

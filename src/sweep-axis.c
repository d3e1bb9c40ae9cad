/*
 * sweep-axis.c - parsing, printing and applying sweep axes.
 *
 * Ranges come from the param_desc tables (param.h and the families), so
 * an axis accepts exactly the values an editor would, plus the open
 * bounds themselves; whether a whole edited scenario is valid is left to
 * scenario_validate(), point by point.
 */
#include "sweep-axis.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c-locale.h"
#include "param.h"

void sweep_axis_names(const struct scenario *sc, char *buf, size_t size)
{
	const struct accuracy_family *af = sc->accuracy.family;
	const struct valuation_family *vf = sc->valuation.family;
	int total = af->nparams + vf->nparams;
	size_t used;

	snprintf(buf, size, "N, p.J, c.J, outside.J.profit");
	for (int i = 0; i < total; i++) {
		const char *key = i < af->nparams ?
					  af->params[i].key :
					  vf->params[i - af->nparams].key;
		used = strlen(buf);
		snprintf(buf + used, size - used, "%s%s",
			 i == total - 1 ? " or " : ", ", key);
	}
}

/* True if key names a parameter of any accuracy family. */
static bool any_accuracy_key(const char *key)
{
	for (int f = 0; accuracy_families[f] != NULL; f++)
		if (accuracy_param_index(accuracy_families[f], key) >= 0)
			return true;
	return false;
}

/* True if key names a parameter of any valuation family. */
static bool any_valuation_key(const char *key)
{
	for (int f = 0; valuation_families[f] != NULL; f++)
		if (valuation_param_index(valuation_families[f], key) >= 0)
			return true;
	return false;
}

/*
 * The descriptor of the axis's parameter in sc's families (or the
 * scenario-level one), and its index in the family's parameters; NULL if
 * the family has no such parameter.
 */
static const struct param_desc *axis_desc(const struct sweep_axis *axis,
					  const struct scenario *sc,
					  int *index)
{
	*index = -1;
	switch (axis->param) {
	case SWEEP_N:
		return &param_participants;
	case SWEEP_PROB:
		return &param_prob;
	case SWEEP_COST:
		return &param_cost;
	case SWEEP_OUTSIDE_PROFIT:
		return &param_outside_profit;
	case SWEEP_ACCURACY:
		*index = accuracy_param_index(sc->accuracy.family, axis->key);
		return *index < 0 ? NULL :
				    &sc->accuracy.family->params[*index];
	case SWEEP_VALUATION:
		*index = valuation_param_index(sc->valuation.family,
					       axis->key);
		return *index < 0 ? NULL :
				    &sc->valuation.family->params[*index];
	}
	return NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Reads the whole of s[0..len) as a decimal number: [+-]digits[.digits]
 * [e[+-]digits] with at least one mantissa digit (no hex, inf or nan).
 * Needs the C locale.
 */
static int read_decimal(const char *s, size_t len, double *out)
{
	char buf[64], *end;
	size_t i = 0, mantissa = 0;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	if (s[i] == '+' || s[i] == '-')
		i++;
	while (i < len && is_digit(s[i])) {
		i++;
		mantissa++;
	}
	if (i < len && s[i] == '.')
		for (i++; i < len && is_digit(s[i]); i++)
			mantissa++;
	if (mantissa == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t exponent = 0;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && is_digit(s[i]); i++)
			exponent++;
		if (exponent == 0)
			return -1;
	}
	if (i != len)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	*out = strtod(buf, &end);
	return end == buf + len && isfinite(*out) ? 0 : -1;
}

/* Reads s[0..len) as a whole number 0..limit; -1 if it is not one. */
static long read_whole(const char *s, size_t len, long limit)
{
	long v = 0;

	if (len == 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
		if (v > limit)
			return limit + 1;
	}
	return v;
}

/* Longest part of a PARAM echoed in a message, in bytes. */
#define GIVEN_MAX 32

/*
 * PARAM as the user wrote it, for messages: "p.007" stays "p.007" (the
 * label "p.7" would be a rewrite, and a huge J would not fit an int).
 * Cut at GIVEN_MAX bytes with "..." to say so.
 */
static void given_name(const char *s, size_t len, char buf[GIVEN_MAX + 4])
{
	if (len <= GIVEN_MAX) {
		snprintf(buf, GIVEN_MAX + 4, "%.*s", (int)len, s);
		return;
	}
	len = GIVEN_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	snprintf(buf, GIVEN_MAX + 4, "%.*s...", (int)len, s);
}

/*
 * Parses PARAM (len bytes) into axis->param and axis->type; given is
 * PARAM as written, for messages.
 */
static int parse_name(const char *s, size_t len, const char *given,
		      const struct scenario *sc, struct sweep_axis *axis,
		      struct cml_error *err)
{
	char key[SWEEP_LABEL_MAX], names[256];

	axis->type = -1;
	axis->key[0] = '\0';
	if (len == 1 && s[0] == 'N') {
		axis->param = SWEEP_N;
		return 0;
	}
	/*
	 * A family key: the scenario's families' own first, then any
	 * family's, so that axis_desc() names the family that lacks it.
	 */
	if (len < sizeof(key)) {
		memcpy(key, s, len);
		key[len] = '\0';
		bool accuracy =
			accuracy_param_index(sc->accuracy.family, key) >= 0;
		bool valuation =
			valuation_param_index(sc->valuation.family, key) >= 0;
		if (!accuracy && !valuation) {
			accuracy = any_accuracy_key(key);
			valuation = !accuracy && any_valuation_key(key);
		}
		if (accuracy || valuation) {
			axis->param = accuracy ? SWEEP_ACCURACY :
						 SWEEP_VALUATION;
			memcpy(axis->key, key, len + 1);
			return 0;
		}
	}
	static const char outside[] = "outside.", profit[] = ".profit";
	size_t no = sizeof(outside) - 1, np = sizeof(profit) - 1;
	if (len > no + np && memcmp(s, outside, no) == 0 &&
	    memcmp(s + len - np, profit, np) == 0) {
		long j = read_whole(s + no, len - no - np, CML_MAX_TYPES + 1);
		if (j < 1 || j > sc->ntypes) {
			cml_error_set(err, NULL, 0, 0, "%s: the scenario has "
				      "types 1 to %d (in cost order, highest "
				      "first)", given, sc->ntypes);
			return -1;
		}
		axis->param = SWEEP_OUTSIDE_PROFIT;
		axis->type = (int)j - 1;
		return 0;
	}
	if (len >= 2 && (s[0] == 'p' || s[0] == 'c') && s[1] == '.') {
		long j = read_whole(s + 2, len - 2, CML_MAX_TYPES + 1);
		char c = s[0];
		if (j < 0) {
			cml_error_set(err, NULL, 0, 0, "%c.J needs a type "
				      "number J, as in %c.1", c, c);
			return -1;
		}
		if (j < 1 || j > sc->ntypes) {
			cml_error_set(err, NULL, 0, 0, "%s: the scenario has "
				      "types 1 to %d (in cost order, highest "
				      "first)", given, sc->ntypes);
			return -1;
		}
		if (c == 'p' && sc->ntypes < 2) {
			cml_error_set(err, NULL, 0, 0, "%s: with one type its "
				      "probability is always 1", given);
			return -1;
		}
		axis->param = c == 'p' ? SWEEP_PROB : SWEEP_COST;
		axis->type = (int)j - 1;
		return 0;
	}
	sweep_axis_names(sc, names, sizeof(names));
	cml_error_set(err, NULL, 0, 0, "unknown parameter '%s'; use %s", given,
		      names);
	return -1;
}

/* sweep_axis_parse() proper; runs under the C locale. */
static int parse(const char *text, const struct scenario *sc,
		 struct sweep_axis *out, struct cml_error *err)
{
	const char *eq = strchr(text, '=');
	const char *c1, *c2;
	struct sweep_axis axis = { .type = -1 };
	const struct param_desc *d;
	char label[GIVEN_MAX + 4];
	int index;
	long steps;

	if (eq == NULL) {
		cml_error_set(err, NULL, 0, 0, "'%.40s' is not PARAM=FROM:TO:"
			      "STEPS (e.g. p.1=0.01:0.99:30)", text);
		return -1;
	}
	/* Messages echo PARAM as given ("p.007"), not as relabelled. */
	given_name(text, (size_t)(eq - text), label);
	if (parse_name(text, (size_t)(eq - text), label, sc, &axis, err) != 0)
		return -1;
	d = axis_desc(&axis, sc, &index);
	if (d == NULL) {
		cml_error_set(err, NULL, 0, 0, "%s is not a parameter of the "
			      "scenario's %s family %s", label,
			      axis.param == SWEEP_VALUATION ? "valuation" :
							      "accuracy",
			      axis.param == SWEEP_VALUATION ?
				      sc->valuation.family->name :
				      sc->accuracy.family->name);
		return -1;
	}
	c1 = strchr(eq + 1, ':');
	c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
	if (c1 == NULL || c2 == NULL || strchr(c2 + 1, ':') != NULL) {
		cml_error_set(err, NULL, 0, 0, "%s: the values must be given "
			      "as FROM:TO:STEPS (e.g. %s=%s)", label, label,
			      axis.param == SWEEP_N ? "2:100:50" :
			      axis.param == SWEEP_PROB ? "0.01:0.99:30" :
							 "0.5:2:10");
		return -1;
	}
	if (read_decimal(eq + 1, (size_t)(c1 - eq - 1), &axis.from) != 0 ||
	    read_decimal(c1 + 1, (size_t)(c2 - c1 - 1), &axis.to) != 0) {
		cml_error_set(err, NULL, 0, 0, "%s: FROM and TO must be "
			      "finite decimal numbers", label);
		return -1;
	}
	steps = read_whole(c2 + 1, strlen(c2 + 1), SWEEP_MAX_STEPS);
	if (steps < 1 || steps > SWEEP_MAX_STEPS) {
		cml_error_set(err, NULL, 0, 0, "%s: STEPS must be a whole "
			      "number from 1 to %d", label, SWEEP_MAX_STEPS);
		return -1;
	}
	axis.steps = (int)steps;
	if (steps == 1 && axis.from != axis.to) {
		cml_error_set(err, NULL, 0, 0, "%s: one step needs FROM = TO "
			      "(or more steps)", label);
		return -1;
	}
	/*
	 * Both ends in the supported range (param.h): the axis is monotone
	 * between them, so every point is; N is rounded within its range.
	 */
	for (int k = 0; k < 2; k++) {
		double v = k == 0 ? axis.from : axis.to;
		char why[128];
		struct param_desc real = *d;
		real.integer = false;
		if (param_check(&real, v, why, sizeof(why)) != 0) {
			cml_error_set(err, NULL, 0, 0, "%s: %g is outside the "
				      "supported range: %s", label, v, why);
			return -1;
		}
	}
	if (axis.param == SWEEP_N)
		for (int k = 1; k < axis.steps; k++) {
			double a = sweep_axis_value(&axis, k - 1);
			double b = sweep_axis_value(&axis, k);
			if (a == b) {
				cml_error_set(err, NULL, 0, 0, "N: %d steps "
					      "from %g to %g repeat N = %.0f "
					      "after rounding; use fewer "
					      "steps", axis.steps, axis.from,
					      axis.to, a);
				return -1;
			}
		}
	*out = axis;
	return 0;
}

int sweep_axis_parse(const char *text, const struct scenario *sc,
		     struct sweep_axis *axis, struct cml_error *err)
{
	struct c_locale scope;
	int rc;

	cml_error_clear(err);
	if (c_locale_enter(&scope, NULL, err) != 0)
		return -1;
	rc = parse(text, sc, axis, err);
	c_locale_leave(&scope);
	return rc;
}

/* The shortest "%.{15,16,17}g" that reads back as x (C locale). */
static void exact(double x, char buf[40])
{
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(buf, 40, "%.*g", precision, x);
		if (strtod(buf, NULL) == x)
			break;
	}
}

void sweep_axis_format(const struct sweep_axis *axis, char *buf, size_t size)
{
	struct c_locale scope;
	char label[SWEEP_LABEL_MAX], from[40], to[40];

	(void)c_locale_enter(&scope, NULL, NULL); /* at worst: as it was */
	sweep_axis_label(axis, label, sizeof(label));
	exact(axis->from, from);
	exact(axis->to, to);
	snprintf(buf, size, "%s=%s:%s:%d", label, from, to, axis->steps);
	c_locale_leave(&scope);
}

void sweep_axis_label(const struct sweep_axis *axis, char *buf, size_t size)
{
	switch (axis->param) {
	case SWEEP_N:
		snprintf(buf, size, "N");
		break;
	case SWEEP_PROB:
		snprintf(buf, size, "p.%d", axis->type + 1);
		break;
	case SWEEP_COST:
		snprintf(buf, size, "c.%d", axis->type + 1);
		break;
	case SWEEP_OUTSIDE_PROFIT:
		snprintf(buf, size, "outside.%d.profit", axis->type + 1);
		break;
	default:
		snprintf(buf, size, "%s", axis->key);
		break;
	}
}

double sweep_axis_value(const struct sweep_axis *axis, int index)
{
	char buf[40];
	double v;

	if (axis->steps <= 1 || index <= 0)
		v = axis->from;
	else if (index >= axis->steps - 1)
		v = axis->to;
	else {
		v = axis->from + (axis->to - axis->from) * index /
					 (axis->steps - 1);
		/*
		 * Rounded to 15 digits, so 0.05:0.9:18 gives 0.5 rather than
		 * 0.49999999999999994 (a change of at most 5e-16 relative).
		 */
		snprintf(buf, sizeof(buf), "%.15g", v);
		v = strtod(buf, NULL);
	}
	return axis->param == SWEEP_N ? round(v) : v;
}

bool sweep_axis_conflict(const struct sweep_axis *a,
			 const struct sweep_axis *b)
{
	if (a->param != b->param)
		return false;
	return a->param == SWEEP_PROB ||
	       (a->type == b->type && strcmp(a->key, b->key) == 0);
}

/* Rescales the other probabilities around p.J = value; -1 if impossible. */
static int set_prob(struct scenario *sc, int j, double value,
		    struct cml_error *err)
{
	double rest = 1.0 - sc->types[j].prob;

	char why[128];

	if (param_check(&param_prob, value, why, sizeof(why)) != 0) {
		cml_error_set(err, NULL, 0, 0, "p.%d = %g: %s", j + 1, value,
			      why);
		return -1;
	}
	if (!(value < 1.0)) {
		cml_error_set(err, NULL, 0, 0, "p.%d = %g leaves no "
			      "probability for the other types", j + 1, value);
		return -1;
	}
	if (!(rest > 0.0)) {
		cml_error_set(err, NULL, 0, 0, "p.%d: the other types have no "
			      "probability to rescale", j + 1);
		return -1;
	}
	for (int i = 0; i < sc->ntypes; i++)
		sc->types[i].prob = i == j ? value :
				    sc->types[i].prob * ((1.0 - value) / rest);
	return 0;
}

/* Sets c.J = value if the types stay in strict cost order. */
static int set_cost(struct scenario *sc, int j, double value,
		    struct cml_error *err)
{
	if (j > 0 && !(value < sc->types[j - 1].cost)) {
		cml_error_set(err, NULL, 0, 0, "c.%d = %g reaches type %d's "
			      "cost %g; types must keep their cost order",
			      j + 1, value, j, sc->types[j - 1].cost);
		return -1;
	}
	if (j + 1 < sc->ntypes && !(value > sc->types[j + 1].cost)) {
		cml_error_set(err, NULL, 0, 0, "c.%d = %g reaches type %d's "
			      "cost %g; types must keep their cost order",
			      j + 1, value, j + 2, sc->types[j + 1].cost);
		return -1;
	}
	sc->types[j].cost = value;
	return 0;
}

int sweep_apply(struct scenario *sc, const struct sweep_axis *axis,
		double value, struct cml_error *err)
{
	struct scenario edited = *sc;
	struct scenario_problem problem;
	char label[SWEEP_LABEL_MAX], why[256];
	int index;

	cml_error_clear(err);
	sweep_axis_label(axis, label, sizeof(label));
	if (!isfinite(value)) {
		cml_error_set(err, NULL, 0, 0, "%s: %g is not a finite "
			      "number", label, value);
		return -1;
	}
	switch (axis->param) {
	case SWEEP_N:
		value = round(value);
		if (!(value >= param_participants.min &&
		      value <= param_participants.max)) {
			param_range_message(&param_participants, why,
					    sizeof(why));
			cml_error_set(err, NULL, 0, 0, "N = %g: %s", value,
				      why);
			return -1;
		}
		edited.participants = (int)value;
		break;
	case SWEEP_PROB:
		if (axis->type < 0 || axis->type >= sc->ntypes ||
		    set_prob(&edited, axis->type, value, err) != 0)
			goto fail;
		break;
	case SWEEP_COST:
		if (axis->type < 0 || axis->type >= sc->ntypes ||
		    set_cost(&edited, axis->type, value, err) != 0)
			goto fail;
		break;
	case SWEEP_OUTSIDE_PROFIT:
		if (axis->type < 0 || axis->type >= sc->ntypes)
			goto fail;
		edited.types[axis->type].outside.kind = OUTSIDE_PROFIT;
		edited.types[axis->type].outside.profit = value;
		break;
	case SWEEP_ACCURACY:
	case SWEEP_VALUATION:
		if (axis_desc(axis, sc, &index) == NULL)
			goto fail;
		if (axis->param == SWEEP_VALUATION)
			edited.valuation.param[index] = value;
		else
			edited.accuracy.param[index] = value;
		break;
	}
	if (scenario_validate(&edited, &problem) != 0) {
		cml_error_set(err, NULL, 0, 0, "%s = %g: %s", label, value,
			      problem.msg);
		return -1;
	}
	if (accuracy_prepare(&edited.accuracy, why, sizeof(why)) != 0) {
		cml_error_set(err, NULL, 0, 0, "%s = %g: %s", label, value,
			      why);
		return -1;
	}
	*sc = edited;
	return 0;
fail:
	if (err != NULL && err->msg[0] == '\0')
		cml_error_set(err, NULL, 0, 0, "%s is not a parameter of this "
			      "scenario", label);
	return -1;
}

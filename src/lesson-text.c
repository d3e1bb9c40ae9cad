/*
 * lesson-text.c - filling a lesson's placeholders from a contract.
 *
 * One table names every placeholder, how many indices it takes, its
 * default decimals and the JSON field of `solve --format json` it shows
 * (so a lecturer can check a lesson against the CLI, and the tests do).
 */
#include "lesson-text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incentives.h"
#include "numfmt.h"

/* Longest placeholder between its braces. */
#define NAME_MAX_LEN 40

enum arity { GLOBAL, PER_TYPE, PER_PAIR };

enum placeholder_id {
	P_M, P_T, P_U, P_RENT, P_EXTRA, P_MTILDE, P_F, P_VTILDE, P_TBAR, P_C,
	P_P, P_NAME, P_M_CI, P_V_CI, P_INC, P_N, P_TYPES, P_VALUE,
	P_ACCURACY, P_COMPLETE_VALUE, P_INFO_COST, P_STATUS, P_GROUPS,
	P_IR_BINDS, P_IC_BINDS, P_GAP, P_GAP_PERCENT,
};

/* TEXT: not a number; SHORTEST: as given (costs, probabilities). */
#define TEXT (-1)
#define SHORTEST (-2)

struct placeholder_kind {
	const char *name;
	enum placeholder_id id;
	enum arity arity;
	int decimals;
	bool complete;      /* needs the complete-information benchmark */
	const char *json;   /* what it shows, as solve's JSON names it */
};

static const struct placeholder_kind kinds[] = {
	{ "m", P_M, PER_TYPE, 1, false, "types[J].contribution" },
	{ "t", P_T, PER_TYPE, 2, false, "types[J].reward_value" },
	{ "u", P_U, PER_TYPE, 2, false, "types[J].utility" },
	{ "rent", P_RENT, PER_TYPE, 2, false, "types[J].rent" },
	{ "extra", P_EXTRA, PER_TYPE, 1, false, "types[J].extra_contribution" },
	{ "mtilde", P_MTILDE, PER_TYPE, 1, false,
	  "types[J].reservation_contribution" },
	{ "f", P_F, PER_TYPE, 2, false, "types[J].reservation_profit" },
	{ "vtilde", P_VTILDE, PER_TYPE, 2, false,
	  "types[J].reservation_value" },
	{ "tbar", P_TBAR, PER_TYPE, 2, false, "types[J].tbar" },
	{ "c", P_C, PER_TYPE, SHORTEST, false, "types[J].cost" },
	{ "p", P_P, PER_TYPE, SHORTEST, false, "types[J].prob" },
	{ "name", P_NAME, PER_TYPE, TEXT, false, "types[J].name" },
	{ "m_ci", P_M_CI, PER_TYPE, 1, true,
	  "complete_info.contributions[J]" },
	{ "v_ci", P_V_CI, PER_TYPE, 2, true, "complete_info.model_values[J]" },
	{ "inc", P_INC, PER_PAIR, 2, false, "incentives[I][J]" },
	{ "N", P_N, GLOBAL, 0, false, "participants" },
	{ "types", P_TYPES, GLOBAL, 0, false, "the length of types" },
	{ "value", P_VALUE, GLOBAL, 2, false, "expected_model_value" },
	{ "accuracy", P_ACCURACY, GLOBAL, 4, false, "expected_accuracy" },
	{ "complete_value", P_COMPLETE_VALUE, GLOBAL, 2, true,
	  "complete_info.expected_model_value" },
	{ "info_cost", P_INFO_COST, GLOBAL, 2, true,
	  "complete_info.information_cost" },
	{ "status", P_STATUS, GLOBAL, TEXT, false, "status" },
	{ "groups", P_GROUPS, GLOBAL, TEXT, false, "pooling_groups" },
	{ "ir_binds", P_IR_BINDS, GLOBAL, TEXT, false, "binding.ir" },
	{ "ic_binds", P_IC_BINDS, GLOBAL, TEXT, false, "binding.ic" },
	{ "gap", P_GAP, GLOBAL, 1, false, "closest_options.gap" },
	{ "gap_percent", P_GAP_PERCENT, GLOBAL, 2, false,
	  "closest_options.percent" },
};

#define KIND_COUNT ((int)(sizeof(kinds) / sizeof(kinds[0])))

/* A placeholder as parsed: its kind, indices (0-based) and decimals. */
struct placeholder {
	const struct placeholder_kind *kind;
	int i, j;
	int decimals;
};

/* Reads a whole number of at most 4 digits at *s; -1 if none. */
static int read_index(const char **s)
{
	int v = 0, digits = 0;

	while (**s >= '0' && **s <= '9' && digits < 4) {
		v = 10 * v + (**s - '0');
		(*s)++;
		digits++;
	}
	return digits > 0 ? v : -1;
}

/*
 * Parses the placeholder whose '{' is at text (its '}' within
 * NAME_MAX_LEN bytes).  Returns the bytes it takes, braces included, or
 * -1 with a reason.  ntypes < 0: indices are not checked.
 */
static int parse_placeholder(const char *text, int ntypes,
			     struct placeholder *ph, char *why, size_t size)
{
	const char *close = NULL;
	char name[NAME_MAX_LEN + 1];
	size_t n = 0;

	for (const char *s = text + 1; *s != '\0' && s - text <= NAME_MAX_LEN + 8;
	     s++)
		if (*s == '}') {
			close = s;
			break;
		}
	if (close == NULL) {
		snprintf(why, size, "'{' starts a placeholder that is not "
			 "closed with '}' (write {{ for a brace)");
		return -1;
	}
	const char *s = text + 1;
	while (s < close && *s != '.' && *s != ':' && n < NAME_MAX_LEN)
		name[n++] = *s++;
	name[n] = '\0';
	ph->kind = NULL;
	for (int k = 0; k < KIND_COUNT; k++)
		if (strcmp(kinds[k].name, name) == 0)
			ph->kind = &kinds[k];
	if (ph->kind == NULL) {
		/* The names from the table, with their indices: "m.J". */
		int used = snprintf(why, size, "unknown placeholder {%.*s}; "
				    "known:", (int)(close - text - 1), text + 1);
		for (int k = 0; k < KIND_COUNT && used > 0 &&
				(size_t)used < size; k++)
			used += snprintf(why + used, size - (size_t)used, "%s %s%s",
					 k ? "," : "", kinds[k].name,
					 kinds[k].arity == PER_TYPE ? ".J" :
					 kinds[k].arity == PER_PAIR ? ".I.J" : "");
		return -1;
	}
	int want = ph->kind->arity == GLOBAL ? 0 :
		   ph->kind->arity == PER_TYPE ? 1 : 2;
	int idx[2] = { -1, -1 }, got = 0;
	while (s < close && *s == '.' && got < 2) {
		s++;
		idx[got] = read_index(&s);
		if (idx[got] < 1) {
			snprintf(why, size, "{%s}: a type number (1, 2, ...) "
				 "must follow '.'", name);
			return -1;
		}
		got++;
	}
	if (got != want) {
		snprintf(why, size, want == 0 ? "{%s} takes no type number" :
			 want == 1 ? "{%s} needs a type: {%s.J}, J = 1 for the "
				     "highest cost" :
				     "{%s} needs two types: {%s.I.J}, what type I "
				     "gets from option J", name, name);
		return -1;
	}
	for (int k = 0; k < got; k++)
		if (ntypes >= 0 && idx[k] > ntypes) {
			snprintf(why, size, "{%.*s}: type %d does not exist; "
				 "this step's scenario has %d type%s",
				 (int)(close - text - 1), text + 1, idx[k],
				 ntypes, ntypes == 1 ? "" : "s");
			return -1;
		}
	ph->i = idx[0] - 1;
	ph->j = idx[1] - 1;
	ph->decimals = ph->kind->decimals;
	if (s < close && *s == ':') {
		s++;
		int d = read_index(&s);
		if (ph->kind->decimals == TEXT) {
			snprintf(why, size, "{%s} is text: it takes no :D", name);
			return -1;
		}
		if (d < 0 || d > 9) {
			snprintf(why, size, "{%s:D}: D is the number of decimals, "
				 "0 to 9", name);
			return -1;
		}
		ph->decimals = d;
	}
	if (s != close) {
		snprintf(why, size, "unexpected '%c' in placeholder {%.*s}", *s,
			 (int)(close - text - 1), text + 1);
		return -1;
	}
	return (int)(close - text) + 1;
}

/* "{{" or "}}": a literal brace. */
static bool is_escaped_brace(const char *s)
{
	return (s[0] == '{' || s[0] == '}') && s[1] == s[0];
}

int lesson_text_check(const char *text, int ntypes, size_t *offset,
		      char *why, size_t size)
{
	struct placeholder ph;

	for (const char *s = text; *s != '\0'; s++) {
		if (is_escaped_brace(s)) {
			s++;
			continue;
		}
		if (*s == '}') {
			*offset = (size_t)(s - text);
			snprintf(why, size, "a lone '}' (write }} for one)");
			return -1;
		}
		if (*s != '{')
			continue;
		int n = parse_placeholder(s, ntypes, &ph, why, size);
		if (n < 0) {
			*offset = (size_t)(s - text);
			return -1;
		}
		s += n - 1;
	}
	return 0;
}

bool lesson_text_needs_complete(const char *text)
{
	struct placeholder ph;
	char why[8];

	for (const char *s = text; *s != '\0'; s++) {
		if (is_escaped_brace(s)) {
			s++;
			continue;
		}
		if (*s != '{')
			continue;
		int n = parse_placeholder(s, -1, &ph, why, sizeof(why));
		if (n < 0)
			continue;
		if (ph.kind->complete)
			return true;
		s += n - 1;
	}
	return false;
}

/* Appends s to the output, cut at its end. */
static void put(char *out, size_t size, size_t *used, const char *s)
{
	size_t n = strlen(s);

	if (*used + 1 >= size)
		return;
	if (n > size - 1 - *used)
		n = size - 1 - *used;
	memcpy(out + *used, s, n);
	*used += n;
	out[*used] = '\0';
}

/* The binding lists as "1, 3" and "3→2, 5→4" ("none" when empty). */
static void binding_list(const struct incentives *inc, bool ic, bool ascii,
			 char *buf, size_t size)
{
	size_t used = 0;
	int count = ic ? inc->nbinding_ic : inc->nbinding_ir;

	buf[0] = '\0';
	if (count == 0)
		snprintf(buf, size, "none");
	for (int k = 0; k < count && used + 1 < size; k++) {
		int n = ic ? snprintf(buf + used, size - used, "%s%d%s%d",
				      k > 0 ? ", " : "",
				      inc->binding_ic[k].type + 1,
				      ascii ? "->" : "\u2192",
				      inc->binding_ic[k].option + 1) :
			     snprintf(buf + used, size - used, "%s%d",
				      k > 0 ? ", " : "", inc->binding_ir[k] + 1);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/*
 * A cost or probability as the scenario gives it: the fewest digits (up
 * to 6) that give back x, "0.02" and not "0.0200000".
 */
static char *shortest(char *buf, size_t size, double x)
{
	for (int digits = 1; digits < 6; digits++) {
		snprintf(buf, size, "%.*g", digits, x);
		double back = strtod(buf, NULL);
		if (back == x || fabs(back - x) <= 1e-12 * fabs(x))
			return buf;
	}
	return numfmt_sig(buf, size, x, 6);
}

/*
 * The text a placeholder shows, from the contract (NULL if it has no
 * value there).  inc is computed on first use.
 */
static const char *value_text(const struct placeholder *ph,
			      const struct model *mdl, const struct contract *c,
			      const struct scenario *sc, bool ascii,
			      struct incentives **inc, char *buf, size_t size)
{
	int n = c->ntypes;
	double x = 0.0;

	if (ph->i >= n || ph->j >= n)
		return NULL;
	if (ph->kind->complete && !c->has_complete_info)
		return NULL;
	const struct type_result *r = ph->i >= 0 ? &c->type[ph->i] : NULL;
	switch (ph->kind->id) {
	case P_M: x = r->contribution; break;
	case P_T: x = r->reward_value; break;
	case P_U: x = r->utility; break;
	case P_RENT: x = r->rent; break;
	case P_EXTRA: x = r->extra; break;
	case P_MTILDE: x = r->reservation_contribution; break;
	case P_F: x = r->reservation_profit; break;
	case P_VTILDE: x = r->reservation_value; break;
	case P_TBAR: x = r->tbar; break;
	case P_C: x = mdl->cost[ph->i]; break;
	case P_P: x = mdl->prob[ph->i]; break;
	case P_M_CI: x = c->complete.contribution[ph->i]; break;
	case P_V_CI: x = c->complete.type_value[ph->i]; break;
	case P_N: x = c->participants; break;
	case P_TYPES: x = n; break;
	case P_VALUE: x = c->expected_value; break;
	case P_ACCURACY: x = c->expected_accuracy; break;
	case P_COMPLETE_VALUE: x = c->complete.expected_value; break;
	case P_INFO_COST: x = c->complete.information_cost; break;
	case P_GAP:
	case P_GAP_PERCENT:
		if (c->closest_pair < 0)
			return NULL;
		x = ph->kind->id == P_GAP ? c->closest_gap :
					   c->closest_gap_percent;
		break;
	case P_NAME:
		if (sc == NULL || sc->ntypes != n)
			return NULL;
		snprintf(buf, size, "%s", sc->types[ph->i].name);
		return buf;
	case P_STATUS:
		snprintf(buf, size, "%s", contract_status_name(c->status));
		return buf;
	case P_GROUPS:
		contract_format_groups(c, buf, size);
		return buf;
	case P_INC:
	case P_IR_BINDS:
	case P_IC_BINDS:
		if (*inc == NULL) {
			*inc = malloc(sizeof(**inc));
			if (*inc == NULL)
				return NULL;
			incentives_compute(mdl, c, *inc);
		}
		if (ph->kind->id == P_INC) {
			x = (*inc)->payoff[ph->i][ph->j];
			break;
		}
		binding_list(*inc, ph->kind->id == P_IC_BINDS, ascii, buf, size);
		return buf;
	}
	if (ph->decimals == SHORTEST)
		return shortest(buf, size, x);
	return numfmt_fixed(buf, size, x, ph->decimals);
}

void lesson_text_fill(const char *text, const struct model *mdl,
		      const struct contract *c, const struct scenario *sc,
		      bool ascii, char *out, size_t size)
{
	struct incentives *inc = NULL;
	struct placeholder ph;
	char why[8], value[INCENTIVES_BINDING_MAX < 4096 ?
			   INCENTIVES_BINDING_MAX : 4096];
	size_t used = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	for (const char *s = text; *s != '\0'; s++) {
		char one[2] = { *s, '\0' };
		if (is_escaped_brace(s)) {
			put(out, size, &used, one);
			s++;
			continue;
		}
		int n = *s == '{' ? parse_placeholder(s, -1, &ph, why,
						      sizeof(why)) : -1;
		if (n < 0) {
			put(out, size, &used, one);
			continue;
		}
		const char *v = c != NULL ? value_text(&ph, mdl, c, sc, ascii,
						       &inc, value,
						       sizeof(value)) : NULL;
		put(out, size, &used, v != NULL ? v : "?");
		s += n - 1;
	}
	free(inc);
}

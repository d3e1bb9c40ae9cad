/*
 * report.c - text, JSON and CSV reports of a solved contract.
 */
#include "report.h"

#include <math.h>
#include <nlopt.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "incentives.h"
#include "json.h"
#include "numfmt.h"
#include "textsafe.h"

int report_format_parse(const char *name, enum report_format *format)
{
	if (strcmp(name, "text") == 0)
		*format = REPORT_TEXT;
	else if (strcmp(name, "json") == 0)
		*format = REPORT_JSON;
	else if (strcmp(name, "csv") == 0)
		*format = REPORT_CSV;
	else
		return -1;
	return 0;
}

void report_write(FILE *out, enum report_format format,
		  const struct report_input *in)
{
	switch (format) {
	case REPORT_TEXT:
		report_text(out, in);
		break;
	case REPORT_JSON:
		report_json(out, in);
		break;
	case REPORT_CSV:
		report_csv(out, in);
		break;
	}
}

/* "NLOPT_XTOL_REACHED" without the prefix, or the stall explanation. */
static const char *stop_reason(const struct contract *c)
{
	if (c->stats.stalled)
		return "converged (no progress beyond rounding)";
	const char *name = nlopt_result_to_string(c->stats.nlopt_code);
	return name != NULL ? name : "unknown";
}

void report_global_summary(const struct contract *c, char *buf, size_t size)
{
	if (c->stats.certified)
		snprintf(buf, size, "global optimum certified (%s, %d "
			 "relaxation%s)", c->stats.by_convergence ?
			 "partly by converged relaxations" : "dual bounds",
			 c->stats.nodes, c->stats.nodes == 1 ? "" : "s");
	else if (c->stats.nodes > 0)
		snprintf(buf, size, "locally optimal; global optimality NOT "
			 "certified (bound E[a(S)] <= %.8g)",
			 c->stats.objective_bound);
	else
		snprintf(buf, size, "global optimality not checked");
}

void report_solver_summary(const struct contract *c, char *buf, size_t size)
{
	char duration[32];

	snprintf(buf, size, "%s, %d evaluations, %s, %s%s",
		 c->stats.algorithm ? c->stats.algorithm : "none",
		 c->stats.evaluations, stop_reason(c),
		 numfmt_duration(duration, sizeof(duration), c->stats.seconds),
		 c->stats.warm ? " (warm start)" : "");
}

/* Parameters of a family as "a_opt = 1, k = 1". */
static void family_params(char *buf, size_t size,
			  const struct param_desc *params, int count,
			  const double *values)
{
	size_t used = 0;
	char num[40];

	buf[0] = '\0';
	for (int i = 0; i < count && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s = %s",
				 i ? ", " : "", params[i].key,
				 numfmt_exact(num, sizeof(num), values[i]));
		used += n > 0 ? (size_t)n : 0;
	}
}

static void text_header(FILE *out, const struct report_input *in)
{
	const struct scenario *sc = in->scenario;
	const struct model *mdl = in->model;
	char params[160], method[64];

	/* User text: control characters are shown, never sent raw. */
	textsafe_fputs(sc->name, out);
	if (in->source != NULL && in->source[0] != '\0') {
		fputs("  (", out);
		textsafe_fputs(in->source, out);
		fputc(')', out);
	}
	contract_format_method(in->contract, mdl->outcomes.count, method,
			       sizeof(method));
	fprintf(out, "\n  N = %d participant%s, %d type%s, %s\n",
		mdl->participants, mdl->participants == 1 ? "" : "s",
		mdl->ntypes, mdl->ntypes == 1 ? "" : "s", method);
	family_params(params, sizeof(params), sc->accuracy.family->params,
		      sc->accuracy.family->nparams, sc->accuracy.param);
	fprintf(out, "  accuracy  %s: %s\n", sc->accuracy.family->name, params);
	family_params(params, sizeof(params), sc->valuation.family->params,
		      sc->valuation.family->nparams, sc->valuation.param);
	fprintf(out, "  valuation %s: %s\n", sc->valuation.family->name, params);
	if (in->sorted)
		fprintf(out, "  note: types were sorted by cost, highest first\n");
}

/* A type's name cut to a table column, control characters escaped. */
static void short_name(char *buf, size_t width, const char *name)
{
	textsafe_copy(buf, width + 1, name);
}

/*
 * Where reservation levels do not come from the common technology, says
 * so, and whether they still rise as cost falls (the paper's Prop. 1
 * ordering, on which its Theorem 1 and Prop. 8 rest).  Nothing for the
 * paper's own setting, so those reports are unchanged.
 */
static void text_outside_options(FILE *out, const struct report_input *in)
{
	const struct model *mdl = in->model;
	const struct scenario *sc = in->scenario;
	char value[40];
	int first_drop = -1;

	if (!scenario_has_outside(sc))
		return;
	fprintf(out, "  Outside options of their own:\n");
	for (int i = 0; i < sc->ntypes; i++) {
		const struct outside_option *o = &sc->types[i].outside;
		if (o->kind == OUTSIDE_PROFIT)
			fprintf(out, "    type %d: a fixed profit f = %s\n", i + 1,
				numfmt_exact(value, sizeof(value), o->profit));
		if (o->kind != OUTSIDE_TECHNOLOGY)
			continue;
		fprintf(out, "    type %d: its own technology, %s (", i + 1,
			o->accuracy.family->name);
		for (int k = 0; k < o->accuracy.family->nparams; k++)
			fprintf(out, "%s%s = %s", k ? ", " : "",
				o->accuracy.family->params[k].key,
				numfmt_exact(value, sizeof(value),
					     o->accuracy.param[k]));
		fprintf(out, ")\n");
	}
	for (int i = 1; i < mdl->ntypes && first_drop < 0; i++)
		if (mdl->reserve[i].profit < mdl->reserve[i - 1].profit)
			first_drop = i;
	if (first_drop < 0)
		fprintf(out, "  f_i still rises as cost falls (Prop. 1 ordering "
			"holds)\n");
	else
		fprintf(out, "  f_i falls from type %d to type %d: Prop. 1's "
			"ordering does not hold, so every IR and IC is imposed\n",
			first_drop, first_drop + 1);
}

static void text_reservation(FILE *out, const struct report_input *in)
{
	const struct model *mdl = in->model;
	char name[13], cost[40], prob[40], m[16], f[16], v[16];

	fprintf(out, "\nReservation levels (training alone)\n");
	fprintf(out, "   #  %-12s %10s %7s %11s %9s %11s  %s\n", "name", "cost",
		"prob", "m~_i", "f_i", "v(a(m~_i))", "alone");
	for (int i = 0; i < mdl->ntypes; i++) {
		const struct type_result *tr = &in->contract->type[i];
		short_name(name, 12, in->scenario->types[i].name);
		fprintf(out, "  %2d  %-12s %10s %7s %11s %9s %11s  %s\n", i + 1,
			name, numfmt_exact(cost, sizeof(cost), mdl->cost[i]),
			numfmt_exact(prob, sizeof(prob), mdl->prob[i]),
			numfmt_fixed(m, sizeof(m), tr->reservation_contribution, 3),
			numfmt_fixed(f, sizeof(f), tr->reservation_profit, 4),
			numfmt_fixed(v, sizeof(v), tr->reservation_value, 4),
			tr->trains_alone ? "yes" : "no");
	}
	text_outside_options(out, in);
}

static void text_contract(FILE *out, const struct report_input *in)
{
	const struct contract *c = in->contract;
	char groups[CONTRACT_GROUPS_MAX], m[16], t[16], r[16], u[16], rent[16], tbar[16],
		extra[24], ev[24], ea[24];

	contract_format_groups(c, groups, sizeof(groups));
	fprintf(out, "\nContract: ");
	for (const char *p = contract_status_name(c->status); *p; p++)
		fputc(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, out);
	if (c->status != POOLING_NONE)
		fprintf(out, "  %s", groups);
	/* On a line of its own: beside twelve groups it would not fit. */
	if (c->pooling_within_error)
		fprintf(out, "\n  %s", CONTRACT_WITHIN_ERROR_NOTE);
	if (c->nearly_pooled) {
		char gap[24], pct[24];
		fprintf(out, "\n  nearly pooled: types %d and %d differ by %s "
			"(%s%%)", c->closest_pair + 1, c->closest_pair + 2,
			numfmt_fixed(gap, sizeof(gap), c->closest_gap, 3),
			numfmt_fixed(pct, sizeof(pct), c->closest_gap_percent, 3));
	}
	fprintf(out, "\n   #  %10s %8s %7s %8s %8s %8s  %s\n", "m_i", "t_i",
		"E[r_i]", "u_i", "rent", "tbar_i", "m_i - m~_i");
	for (int i = 0; i < c->ntypes; i++) {
		const struct type_result *tr = &c->type[i];
		const char *why = "";
		numfmt_fixed(extra, sizeof(extra), tr->extra, 3);
		if (tr->extra > 5e-4 && c->status != POOLING_NONE) {
			memmove(extra + 1, extra, strlen(extra) + 1);
			extra[0] = '+';
			why = "  extra";
		} else if (tr->extra < -5e-4) {
			why = "  reduced";
		}
		fprintf(out, "  %2d  %10s %8s %7s %8s %8s %8s  %s%s\n", i + 1,
			numfmt_fixed(m, sizeof(m), tr->contribution, 3),
			numfmt_fixed(t, sizeof(t), tr->reward_value, 4),
			numfmt_fixed(r, sizeof(r), tr->reward_accuracy, 4),
			numfmt_fixed(u, sizeof(u), tr->utility, 4),
			numfmt_fixed(rent, sizeof(rent), tr->rent, 4),
			numfmt_fixed(tbar, sizeof(tbar), tr->tbar, 4), extra, why);
	}
	fprintf(out, "  E[v(a(S))] = %s   (E[a(S)] = %s)\n",
		numfmt_fixed(ev, sizeof(ev), c->expected_value, 6),
		numfmt_fixed(ea, sizeof(ea), c->expected_accuracy, 8));
	if (c->status == POOLING_NONE)
		fprintf(out, "  No contract beats opting out: no collaboration. "
			"Nobody contributes and\n  every type keeps its "
			"stand-alone profit.\n");
}

/*
 * Writes prefix and text word-wrapped within 80 columns, continuation
 * lines indented like the text after prefix.
 */
static void text_wrapped(FILE *out, const char *prefix, const char *text)
{
	int indent = (int)strlen(prefix), col = indent;

	fputs(prefix, out);
	while (*text != '\0') {
		int len = (int)strcspn(text, " ");
		if (col > indent && col + 1 + len > 80) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%.*s", len, text);
		col += len;
		text += len;
		while (*text == ' ')
			text++;
	}
	fputc('\n', out);
}

static void text_checks(FILE *out, const struct report_input *in,
			const struct incentives *inc)
{
	const struct contract *c = in->contract;
	char slack[24], tol[24], why[256];

	fprintf(out, "\nProperties checked on the solution (worst slack, value "
		"units; tolerance %s)\n",
		numfmt_sig(tol, sizeof(tol), checks_tolerance(in->model), 2));
	for (int k = 0; k < CHECK_COUNT; k++) {
		const struct check_result *r = &c->checks[k];
		const struct check_info *info = &check_info[k];
		if (!r->applicable)
			snprintf(slack, sizeof(slack), "-");
		else
			numfmt_sig(slack, sizeof(slack), r->worst_slack, 3);
		fprintf(out, "  %d %-23s %-7s %-4s %10s  %s\n", k + 1,
			info->name, info->source,
			!r->applicable ? "n/a" : r->pass ? "pass" : "FAIL", slack,
			info->statement);
		incentives_check_reason(c, inc, k, why, sizeof(why));
		if (why[0] != '\0')
			text_wrapped(out, "      why: ", why);
	}
}

static void text_complete(FILE *out, const struct report_input *in)
{
	const struct contract *c = in->contract;
	char ev[24], cost[24];

	if (!c->has_complete_info)
		return;
	fprintf(out, "\nComplete information (costs observed; Prop. 2)\n");
	/* Positive when the contract beats this ex-post benchmark. */
	bool beats = c->complete.information_cost >
		     1e-8 * fmax(1.0, c->complete.expected_value);
	fprintf(out, "  E[v(a(S))] = %s   information cost = %s%s\n",
		numfmt_fixed(ev, sizeof(ev), c->complete.expected_value, 6),
		beats ? "+" : "",
		numfmt_fixed(cost, sizeof(cost), c->complete.information_cost,
			     6));
	if (beats)
		fprintf(out, "  (positive: the contract beats the benchmark, which "
			"holds each IR in every\n  outcome, ex post; the contract "
			"holds it on average, interim)\n");
	fprintf(out, "  information rents: the rent column above (under "
		"complete information\n  every type is held to f_i)\n");
	/* Per type, given it takes part: the distortion, read off a row. */
	fprintf(out, "   #  complete: E[m_i]  E[v(a(S))]   contract: m_i       "
		"t_i\n");
	for (int i = 0; i < c->ntypes; i++) {
		char cm[24], cv[24], m[24], t[24];
		fprintf(out, "%4d  %16s  %10s  %14s  %8s\n", i + 1,
			numfmt_fixed(cm, sizeof(cm), c->complete.contribution[i],
				     3),
			numfmt_fixed(cv, sizeof(cv), c->complete.type_value[i], 4),
			numfmt_fixed(m, sizeof(m), c->type[i].contribution, 3),
			numfmt_fixed(t, sizeof(t), c->type[i].reward_value, 4));
	}
}

/*
 * The incentive table fits 80 columns: the type column (4), one cell per
 * option and the IR cell (a space, the number, its mark).  Numbers get up
 * to 10 columns and at least 7; beyond that many types the binding line
 * alone is printed (it still lists everything).
 */
#define TEXT_WIDTH 80
#define TEXT_CELL_MAX 10
#define TEXT_CELL_MIN 7

/* One cell of the incentive table: the value and its mark ('\0': none). */
static void text_incentive_cell(FILE *out, double value, int width,
				char mark)
{
	char num[24];

	fprintf(out, " %*s", width,
		numfmt_fixed_within(num, sizeof(num), value, 4, width));
	if (mark != '\0')
		fputc(mark, out);
}

/*
 * The incentive table: what type i gets from option j, marks for its own
 * option (*), binding ICs (=) and the best other option (>), the IR
 * slack u_i - f_i (= where it binds); then the binding constraints.
 */
static void text_incentives(FILE *out, const struct report_input *in,
			    const struct incentives *inc)
{
	const struct contract *c = in->contract;
	char binding[INCENTIVES_BINDING_MAX];
	int types = c->ntypes;
	int width = (TEXT_WIDTH - 4) / (types + 1) - 2;

	if (width > TEXT_CELL_MAX)
		width = TEXT_CELL_MAX;
	fprintf(out, "\nIncentives t_j - c_i m_j: type i taking option j "
		"(* own, = binds, > best)\n");
	if (width >= TEXT_CELL_MIN) {
		fprintf(out, "   #");
		for (int j = 0; j < types; j++)
			fprintf(out, " %*d ", width, j + 1);
		fprintf(out, " %*s\n", width, width >= 9 ? "u_i - f_i" : "IR");
		for (int i = 0; i < types; i++) {
			fprintf(out, "  %2d", i + 1);
			for (int j = 0; j < types; j++)
				text_incentive_cell(out, inc->payoff[i][j], width,
						    j == i ? '*' :
						    inc->ic_binds[i][j] ? '=' :
						    j == inc->best_deviation[i] ?
						    '>' : ' ');
			/* The last cell: no trailing space without a mark. */
			text_incentive_cell(out, inc->ir_slack[i], width,
					    inc->ir_binds[i] ? '=' : '\0');
			fputc('\n', out);
		}
	} else {
		fprintf(out, "  (%d x %d: the JSON report and the explorer's view "
			"i show the table)\n", types, types);
	}
	incentives_format_binding(inc, true, (int)sizeof(binding) - 1, binding,
				  sizeof(binding));
	text_wrapped(out, "  ", binding);
}

void report_text(FILE *out, const struct report_input *in)
{
	char solver[160], global[160];
	struct incentives *inc = malloc(sizeof(*inc));

	if (inc == NULL) {
		fprintf(out, "out of memory\n");
		return;
	}
	incentives_compute(in->model, in->contract, inc);
	text_header(out, in);
	text_reservation(out, in);
	text_contract(out, in);
	text_incentives(out, in, inc);
	text_checks(out, in, inc);
	text_complete(out, in);
	report_solver_summary(in->contract, solver, sizeof(solver));
	fprintf(out, "\nSolver: %s\n", solver);
	report_global_summary(in->contract, global, sizeof(global));
	fprintf(out, "Optimality: %s\n", global);
	free(inc);
}

static void json_family(struct json_writer *w, const char *key,
			const char *family, const struct param_desc *params,
			int count, const double *values)
{
	json_begin_object(w, key);
	json_string(w, "family", family);
	for (int i = 0; i < count; i++)
		json_number(w, params[i].key, values[i]);
	json_end_object(w);
}

/*
 * The binding constraints (1-based, like every index of the report) and
 * the incentive matrix, rows = types, columns = options.
 */
/* A type's own outside option; nothing for the common technology. */
static void json_outside(struct json_writer *w, const struct outside_option *o)
{
	if (o->kind == OUTSIDE_PROFIT) {
		json_begin_object(w, "outside");
		json_number(w, "profit", o->profit);
		json_end_object(w);
	} else if (o->kind == OUTSIDE_TECHNOLOGY) {
		json_family(w, "outside", o->accuracy.family->name,
			    o->accuracy.family->params,
			    o->accuracy.family->nparams, o->accuracy.param);
	}
}

static void json_incentives(struct json_writer *w,
			    const struct incentives *inc)
{
	json_begin_object(w, "binding");
	json_number(w, "tolerance", inc->tolerance);
	json_begin_array(w, "ir", true);
	for (int k = 0; k < inc->nbinding_ir; k++)
		json_integer(w, NULL, inc->binding_ir[k] + 1);
	json_end_array(w);
	json_begin_array(w, "ic", true);
	for (int k = 0; k < inc->nbinding_ic; k++) {
		json_begin_array(w, NULL, true);
		json_integer(w, NULL, inc->binding_ic[k].type + 1);
		json_integer(w, NULL, inc->binding_ic[k].option + 1);
		json_end_array(w);
	}
	json_end_array(w);
	json_end_object(w);
	json_begin_array(w, "incentives", false);
	for (int i = 0; i < inc->ntypes; i++) {
		json_begin_array(w, NULL, true);
		for (int j = 0; j < inc->ntypes; j++)
			json_number(w, NULL, inc->payoff[i][j]);
		json_end_array(w);
	}
	json_end_array(w);
}

void report_json(FILE *out, const struct report_input *in)
{
	const struct scenario *sc = in->scenario;
	const struct model *mdl = in->model;
	const struct contract *c = in->contract;
	struct json_writer w;
	struct incentives *inc = malloc(sizeof(*inc));
	char why[256];

	if (inc == NULL) {
		fprintf(out, "null\n");
		return;
	}
	incentives_compute(mdl, c, inc);
	json_init(&w, out);
	json_begin_object(&w, NULL);
	json_string(&w, "schema", REPORT_JSON_SCHEMA);
	json_begin_object(&w, "scenario");
	json_string(&w, "name", sc->name);
	json_string(&w, "source", in->source ? in->source : "");
	json_bool(&w, "sorted_by_cost", in->sorted);
	json_string(&w, "description", sc->description);
	json_end_object(&w);
	json_integer(&w, "participants", mdl->participants);
	json_family(&w, "accuracy", sc->accuracy.family->name,
		    sc->accuracy.family->params, sc->accuracy.family->nparams,
		    sc->accuracy.param);
	json_family(&w, "valuation", sc->valuation.family->name,
		    sc->valuation.family->params, sc->valuation.family->nparams,
		    sc->valuation.param);
	json_integer(&w, "outcomes", (long)mdl->outcomes.count);
	json_bool(&w, "exact", c->method == METHOD_EXACT);
	json_string(&w, "method", expectation_method_name(c->method));
	json_number(&w, "expectation_error", c->expectation_error);
	json_begin_array(&w, "types", false);
	for (int i = 0; i < mdl->ntypes; i++) {
		const struct type_result *tr = &c->type[i];
		json_begin_object(&w, NULL);
		json_integer(&w, "index", i + 1);
		json_string(&w, "name", sc->types[i].name);
		json_number(&w, "cost", mdl->cost[i]);
		json_number(&w, "prob", mdl->prob[i]);
		json_number(&w, "reservation_contribution",
			    tr->reservation_contribution);
		json_number(&w, "reservation_profit", tr->reservation_profit);
		json_number(&w, "reservation_value", tr->reservation_value);
		json_bool(&w, "trains_alone", tr->trains_alone);
		json_outside(&w, &sc->types[i].outside);
		json_number(&w, "contribution", tr->contribution);
		json_number(&w, "reward_value", tr->reward_value);
		json_number(&w, "reward_accuracy", tr->reward_accuracy);
		json_number(&w, "utility", tr->utility);
		json_number(&w, "rent", tr->rent);
		json_number(&w, "tbar", tr->tbar);
		json_number(&w, "extra_contribution", tr->extra);
		json_integer(&w, "group", tr->group + 1);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_number(&w, "expected_model_value", c->expected_value);
	json_number(&w, "expected_accuracy", c->expected_accuracy);
	json_string(&w, "status", contract_status_name(c->status));
	json_bool(&w, "collaboration", c->status != POOLING_NONE);
	json_begin_array(&w, "pooling_groups", true);
	for (int g = 0; g < c->ngroups; g++) {
		json_begin_array(&w, NULL, true);
		for (int k = 0; k < c->group_size[g]; k++)
			json_integer(&w, NULL, c->group_first[g] + k + 1);
		json_end_array(&w);
	}
	json_end_array(&w);
	json_bool(&w, "pooling_within_error", c->pooling_within_error);
	if (c->closest_pair >= 0) {
		json_begin_object(&w, "closest_options");
		json_begin_array(&w, "types", true);
		json_integer(&w, NULL, c->closest_pair + 1);
		json_integer(&w, NULL, c->closest_pair + 2);
		json_end_array(&w);
		json_number(&w, "gap", c->closest_gap);
		json_number(&w, "percent", c->closest_gap_percent);
		json_bool(&w, "nearly_pooled", c->nearly_pooled);
		json_end_object(&w);
	} else {
		json_null(&w, "closest_options");
	}
	json_begin_object(&w, "checks");
	for (int k = 0; k < CHECK_COUNT; k++) {
		const struct check_result *r = &c->checks[k];
		json_begin_object(&w, check_info[k].key);
		json_string(&w, "name", check_info[k].name);
		json_string(&w, "source", check_info[k].source);
		json_bool(&w, "applicable", r->applicable);
		json_bool(&w, "pass", r->pass);
		if (r->applicable)
			json_number(&w, "worst_slack", r->worst_slack);
		else
			json_null(&w, "worst_slack");
		/* Only a failing check has one. */
		incentives_check_reason(c, inc, k, why, sizeof(why));
		if (why[0] != '\0')
			json_string(&w, "reason", why);
		json_end_object(&w);
	}
	json_end_object(&w);
	json_incentives(&w, inc);
	json_begin_object(&w, "solver");
	json_string(&w, "algorithm", c->stats.algorithm ? c->stats.algorithm : "");
	json_string(&w, "result", solver_result_key(c->result));
	json_string(&w, "message", solver_result_string(c->result));
	json_integer(&w, "evaluations", c->stats.evaluations);
	json_integer(&w, "runs", c->stats.runs);
	json_integer(&w, "nlopt_code", c->stats.nlopt_code);
	json_string(&w, "nlopt_result",
		    nlopt_result_to_string(c->stats.nlopt_code) ?
			    nlopt_result_to_string(c->stats.nlopt_code) : "");
	json_bool(&w, "stalled", c->stats.stalled);
	json_bool(&w, "warm_start", c->stats.warm);
	json_bool(&w, "certified", c->stats.certified);
	json_string(&w, "certificate", !c->stats.certified ? "none" :
		    c->stats.by_convergence ? "convergence" : "dual");
	json_number(&w, "objective_bound", c->stats.objective_bound);
	json_integer(&w, "relaxations", c->stats.nodes);
	json_number(&w, "seconds", c->stats.seconds);
	json_number(&w, "max_violation", c->solution.max_violation);
	json_end_object(&w);
	if (c->has_complete_info) {
		json_begin_object(&w, "complete_info");
		json_number(&w, "expected_model_value",
			    c->complete.expected_value);
		json_number(&w, "expected_accuracy",
			    c->complete.expected_accuracy);
		json_number(&w, "information_cost", c->complete.information_cost);
		json_begin_array(&w, "information_rents", true);
		for (int i = 0; i < c->ntypes; i++)
			json_number(&w, NULL, c->complete.rent[i]);
		json_end_array(&w);
		/* Per type, given it takes part (complete.h). */
		json_begin_array(&w, "contributions", true);
		for (int i = 0; i < c->ntypes; i++)
			json_number(&w, NULL, c->complete.contribution[i]);
		json_end_array(&w);
		json_begin_array(&w, "model_values", true);
		for (int i = 0; i < c->ntypes; i++)
			json_number(&w, NULL, c->complete.type_value[i]);
		json_end_array(&w);
		json_end_object(&w);
	}
	json_end_object(&w);
	json_finish(&w);
	free(inc);
}

/*
 * Type i's binding constraints as two CSV fields: whether its IR binds,
 * and the options its binding ICs point to, 1-based, joined by ';'
 * ("4" in scenario 1's type 5 row; empty for none).
 */
static void csv_binding(FILE *out, const struct incentives *inc, int i)
{
	fprintf(out, ",%s,", inc->ir_binds[i] ? "true" : "false");
	for (int k = 0, n = 0; k < inc->nbinding_ic; k++)
		if (inc->binding_ic[k].type == i)
			fprintf(out, "%s%d", n++ ? ";" : "",
				inc->binding_ic[k].option + 1);
}

void report_csv(FILE *out, const struct report_input *in)
{
	const struct model *mdl = in->model;
	const struct contract *c = in->contract;
	struct incentives *inc = malloc(sizeof(*inc));

	if (inc == NULL)
		return;
	incentives_compute(mdl, c, inc);

	fputs("scenario,participants,type,name,cost,prob,"
	      "reservation_contribution,reservation_profit,trains_alone,"
	      "contribution,reward_value,reward_accuracy,utility,rent,tbar,"
	      "extra_contribution,group,expected_model_value,status",
	      out);
	for (int k = 0; k < CHECK_COUNT; k++)
		fprintf(out, ",check_%s", check_info[k].key);
	if (c->has_complete_info)
		fputs(",complete_expected_model_value,information_cost"
		      ",complete_contribution,complete_model_value", out);
	/* Appended last, so every older column keeps its place. */
	fputs(",ir_binds,ic_binds_with", out);
	fputc('\n', out);
	for (int i = 0; i < mdl->ntypes; i++) {
		const struct type_result *tr = &c->type[i];
		csv_field(out, in->scenario->name);
		fprintf(out, ",%d,%d,", mdl->participants, i + 1);
		csv_field(out, in->scenario->types[i].name);
		csv_number(out, mdl->cost[i]);
		csv_number(out, mdl->prob[i]);
		csv_number(out, tr->reservation_contribution);
		csv_number(out, tr->reservation_profit);
		fprintf(out, ",%s", tr->trains_alone ? "true" : "false");
		csv_number(out, tr->contribution);
		csv_number(out, tr->reward_value);
		csv_number(out, tr->reward_accuracy);
		csv_number(out, tr->utility);
		csv_number(out, tr->rent);
		csv_number(out, tr->tbar);
		csv_number(out, tr->extra);
		fprintf(out, ",%d", tr->group + 1);
		csv_number(out, c->expected_value);
		fprintf(out, ",%s", contract_status_name(c->status));
		for (int k = 0; k < CHECK_COUNT; k++)
			fprintf(out, ",%s", !c->checks[k].applicable ? "n/a" :
					    c->checks[k].pass ? "pass" : "fail");
		if (c->has_complete_info) {
			csv_number(out, c->complete.expected_value);
			csv_number(out, c->complete.information_cost);
			csv_number(out, c->complete.contribution[i]);
			csv_number(out, c->complete.type_value[i]);
		}
		csv_binding(out, inc, i);
		fputc('\n', out);
	}
	free(inc);
}

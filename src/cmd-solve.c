/*
 * cmd-solve.c - "cmlcontract solve": one scenario, one report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "contract.h"
#include "report.h"
#include "scenario-source.h"
#include "textsafe.h"

int cmd_solve(int argc, char **argv)
{
	enum report_format format = REPORT_TEXT;
	bool complete_info = false, have_method = false;
	enum expectation_method method = METHOD_AUTO;
	long max_evaluations = 0;
	const char *arg = NULL, *value;
	struct scenario sc;
	struct cml_error err;
	char source[CML_ERROR_ORIGIN_MAX];
	int status = EXIT_OK;

	for (int i = 1; i < argc;) {
		int got = cmd_option_value(argc, argv, &i, "--format", &value);
		if (got < 0) {
			fprintf(stderr, "cmlcontract solve: --format needs a "
				"value (text, json or csv)\n");
			return EXIT_BAD_INPUT;
		}
		if (got > 0) {
			if (report_format_parse(value, &format) != 0) {
				textsafe_line(stderr, "cmlcontract solve: "
					      "unknown format '%s' (text, json "
					      "or csv)", value);
				return EXIT_BAD_INPUT;
			}
			continue;
		}
		got = cmd_int_option("solve", argc, argv, &i,
				     "--max-evaluations", 1, 1000000,
				     &max_evaluations);
		if (got < 0)
			return EXIT_BAD_INPUT;
		if (got > 0)
			continue;
		got = cmd_method_option("solve", argc, argv, &i, &method);
		if (got < 0)
			return EXIT_BAD_INPUT;
		if (got > 0) {
			have_method = true;
			continue;
		}
		if (strcmp(argv[i], "--complete-info") == 0) {
			complete_info = true;
		} else {
			int done = cmd_other_argument("solve", argv[i], &arg);
			if (done >= 0)
				return done;
		}
		i++;
	}
	bool sorted;
	if (cmd_load_scenario("solve", arg, &sc, source, sizeof(source),
			      &sorted) != 0)
		return EXIT_BAD_INPUT;
	if (have_method && cmd_apply_method(&sc, source, method) != EXIT_OK)
		return EXIT_BAD_INPUT;

	struct model mdl;
	if (model_init(&mdl, &sc, &err) != 0) {
		/* Named after the scenario (the message is copied first:
		   it cannot be both the format's argument and its output). */
		char msg[CML_ERROR_MSG_MAX];
		snprintf(msg, sizeof(msg), "%s", err.msg);
		cml_error_set(&err, source, 0, 0, "%s", msg);
		cmd_print_error(&err);
		return EXIT_BAD_INPUT;
	}
	struct solver *solver = solver_create();
	struct contract contract;
	if (solver == NULL) {
		model_free(&mdl);
		fprintf(stderr, "cmlcontract: out of memory\n");
		return EXIT_SOLVER;
	}
	if (max_evaluations > 0)
		solver_set_maxeval(solver, (int)max_evaluations);
	enum solver_result result = contract_solve(solver, &mdl, NULL,
						   complete_info, &contract);
	if (result < 0) {
		if (result == SOLVER_STOPPED)
			textsafe_line(stderr, "cmlcontract: %s: solver failed: "
				      "%s (%d evaluations)", source,
				      solver_result_string(result),
				      contract.stats.evaluations);
		else
			textsafe_line(stderr, "cmlcontract: %s: solver failed: "
				      "%s (largest constraint violation %.3g)%s",
				      source, solver_result_string(result),
				      contract.solution.max_violation,
				      (result == SOLVER_INFEASIBLE ||
				       result == SOLVER_FAILED) &&
						      scenario_has_outside(&sc) ?
					      "; an outside option may ask for more "
					      "than any contract can give" : "");
		status = EXIT_SOLVER;
	} else {
		struct report_input in = {
			.scenario = &sc,
			.source = source,
			.sorted = sorted,
			.model = &mdl,
			.contract = &contract,
		};
		report_write(stdout, format, &in);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			perror("cmlcontract: writing the report");
			status = EXIT_FAILURE_IO;
		}
	}
	solver_free(solver);
	model_free(&mdl);
	return status;
}

/*
 * cmd.h - the program's commands.
 *
 * main() picks one of these from argv; each parses its own options and
 * returns the process exit status.  Only the commands print or exit.
 */
#ifndef CML_CMD_H
#define CML_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario.h"

/* Exit statuses (documented in cmlcontract(1)). */
enum {
	EXIT_OK = 0,        /* done (including "no collaboration") */
	EXIT_FAILURE_IO = 1,/* could not write output */
	EXIT_BAD_INPUT = 2, /* bad arguments, file, key or value */
	EXIT_SOLVER = 3,    /* the solver failed; the reason is printed */
};

int cmd_explore(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_presets(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_lesson(int argc, char **argv);
int cmd_plot(int argc, char **argv);

struct lesson;
/* The explorer with its display options, on lesson's first step if
   lesson is not NULL (then no FILE|PRESET is taken). */
int cmd_explore_with(int argc, char **argv, const struct lesson *lesson);

struct cml_error;

/* Prints "cmlcontract: FILE:LINE:COL: message" on stderr. */
void cmd_print_error(const struct cml_error *err);

/*
 * Loads the FILE|PRESET argument of command (NULL: says which scenario
 * is missing), printing any error and the note that types were sorted.
 * source receives the origin, *sorted (may be NULL) whether the types
 * were reordered.  Returns EXIT_OK or EXIT_BAD_INPUT.
 */
int cmd_load_scenario(const char *command, const char *arg,
		      struct scenario *sc, char *source, size_t size,
		      bool *sorted);

/* Prints the usage summary to stdout (full) or stderr (hint). */
void cmd_usage(bool full);

/*
 * Matches "--name VALUE" and "--name=VALUE" at argv[*i]; on a match sets
 * *value and advances *i past what it used.  Returns 1 on a match, 0 if
 * argv[*i] is another option, -1 if the value is missing.
 */
int cmd_option_value(int argc, char **argv, int *i, const char *name,
		     const char **value);

/*
 * Matches "--name N" or "--name=N" at argv[*i] with N a whole number in
 * [lo, hi].  Returns 1 (matched: *value set, *i advanced), 0 (another
 * argument), or -1 (a bad or missing value; the message is printed).
 */
int cmd_int_option(const char *command, int argc, char **argv, int *i,
		   const char *name, long lo, long hi, long *value);

/*
 * Matches "--method M" or "--method=M" at argv[*i], M one of exact,
 * approx or auto.  Returns 1 (matched: *method set, *i advanced), 0
 * (another argument), or -1 (a bad or missing value; the message is
 * printed).
 */
int cmd_method_option(const char *command, int argc, char **argv, int *i,
		      enum expectation_method *method);

/*
 * Makes method the scenario's (the --method override) and checks the
 * result: exact enumeration has a limit on the outcomes.  Returns
 * EXIT_OK, or EXIT_BAD_INPUT with the message printed, naming source.
 */
int cmd_apply_method(struct scenario *sc, const char *source,
		     enum expectation_method method);

/*
 * An argument none of a command's own options took: -h/--help, an
 * unknown option, or the command's one FILE|PRESET (into *scenario).
 * Returns -1 to carry on, else the exit status the command returns.
 */
int cmd_other_argument(const char *command, const char *arg,
		       const char **scenario);

#endif

/*
 * scenario-yaml.h - scenario files: loading, checking and saving YAML.
 *
 * The loader walks libyaml's event stream against a fixed schema, so every
 * problem is reported at the line and column of the node that caused it.
 * Ranges come from the param_desc tables and cross-field rules from
 * scenario_validate(); this module only maps their findings to places.
 *
 *   name: scenario3            # optional, default from the origin's name
 *   description: |             # optional
 *     ...
 *   participants: 10           # required whole number
 *   method: auto               # optional: auto, exact or approx; saved
 *                              #   only when not auto
 *   accuracy:                  # optional; family and each parameter too
 *     family: sgb
 *     a_opt: 1
 *     k: 1
 *   valuation:                 # optional, like accuracy
 *     family: linear
 *     scale: 100
 *   types:                     # required, 1..CML_MAX_TYPES mappings
 *     - name: Type 1           # optional, default "Type <position>"
 *       cost: 0.5              # required
 *       prob: 0.2              # required
 *   sweep:                     # optional: default axes of "cmlcontract
 *     x: p.1=0.01:0.99:30      #   sweep" (sweep-axis.h), checked against
 *     y: N=2:100:50            #   the scenario; y only with x
 *
 * All functions are reentrant and independent of the process locale.
 */
#ifndef CML_SCENARIO_YAML_H
#define CML_SCENARIO_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "scenario.h"
#include "sizes.h"

/* Largest scenario file the loader reads, in bytes. */
#define SCENARIO_YAML_MAX_FILE (1024 * 1024)

/* How the loaded types relate to the order in the input. */
struct scenario_load_info {
	bool sorted;              /* input order was not highest-cost-first */
	int order[CML_MAX_TYPES]; /* order[k] = 0-based input position of
				     the type now at k */
};

/*
 * Loads a scenario from the file at path (at most SCENARIO_YAML_MAX_FILE
 * bytes).  Errors name path as their origin; a file that cannot be opened
 * or read gives line 0 and "cannot open: <reason>".  Otherwise as
 * scenario_load_string().
 */
int scenario_load_file(const char *path, struct scenario *sc,
		       struct scenario_load_info *info, struct cml_error *err);

/*
 * Loads a scenario from len bytes of text (no NUL terminator needed).
 * origin names the source in errors ("a/b.yaml", "preset:twotype") and
 * gives the default name: the part after "preset:", or the file name
 * without directory and extension.  On success *sc is valid
 * (scenario_validate() == 0), its types sorted highest cost first and its
 * accuracy prepared; info (may be NULL) says how the types were reordered.
 * Returns 0, or -1 with err = {origin, line, col (1-based), msg} and *sc
 * untouched.
 */
int scenario_load_string(const char *text, size_t len, const char *origin,
			 struct scenario *sc, struct scenario_load_info *info,
			 struct cml_error *err);

/*
 * Writes sc as YAML in the schema above (every field, keys in schema
 * order, numbers in the shortest form that reads back exactly).  Returns
 * a malloc'd NUL-terminated string the caller frees, or NULL with err
 * (non-finite numbers, text that is not UTF-8, out of memory).  Does not
 * validate: scenario_save_file() does.
 */
char *scenario_to_yaml(const struct scenario *sc, struct cml_error *err);

/*
 * Validates sc, then writes scenario_to_yaml(sc) to path with
 * atomic_file_write().  Returns 0, or -1 with err (origin = path).
 */
int scenario_save_file(const char *path, const struct scenario *sc,
		       struct cml_error *err);

#endif

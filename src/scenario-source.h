/*
 * scenario-source.h - "FILE|PRESET": where a scenario argument points.
 *
 * An existing file wins; otherwise the name of a built-in preset; anything
 * else is an error that lists the presets.  The source string names the
 * origin for reports ("preset:scenario3" or the path).
 */
#ifndef CML_SCENARIO_SOURCE_H
#define CML_SCENARIO_SOURCE_H

#include <stddef.h>

#include "error.h"
#include "scenario-yaml.h"
#include "scenario.h"

/*
 * Loads the scenario named by arg.  info may be NULL.  source receives
 * the origin (may be NULL).  Returns 0, or -1 with err filled.
 */
int scenario_source_load(const char *arg, struct scenario *sc,
			 struct scenario_load_info *info, char *source,
			 size_t size, struct cml_error *err);

#endif

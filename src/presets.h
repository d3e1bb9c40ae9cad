/*
 * presets.h - the built-in scenarios.
 *
 * The texts are byte-identical copies of the files data/NAME.yaml,
 * embedded at build time (embedded.h), so the program works with nothing
 * installed.  They load through the same YAML loader as files, with
 * origin "preset:NAME".
 */
#ifndef CML_PRESETS_H
#define CML_PRESETS_H

#include <stddef.h>

#include "embedded.h"
#include "error.h"
#include "scenario.h"

/*
 * In a fixed order: twotype, scenario1, scenario2, scenario3, figure2,
 * then any others alphabetically.
 */
extern const struct embedded_file presets[];
extern const int presets_count;

/* The preset called name, or NULL. */
const struct embedded_file *preset_find(const char *name);

/*
 * Loads p into *sc (validated, types sorted).  Returns 0, or -1 with err
 * (origin "preset:NAME") and *sc untouched.
 */
int preset_load(const struct embedded_file *p, struct scenario *sc,
		struct cml_error *err);

#endif

/*
 * presets.c - looking up and loading the built-in scenarios.
 *
 * The table itself is generated (presets-data.c); this file only reads it.
 */
#include "presets.h"

#include <stdio.h>
#include <string.h>

#include "scenario-yaml.h"

const struct embedded_file *preset_find(const char *name)
{
	for (int i = 0; i < presets_count; i++)
		if (strcmp(presets[i].name, name) == 0)
			return &presets[i];
	return NULL;
}

int preset_load(const struct embedded_file *p, struct scenario *sc,
		struct cml_error *err)
{
	char origin[CML_ERROR_ORIGIN_MAX];

	snprintf(origin, sizeof(origin), "preset:%s", p->name);
	return scenario_load_string(p->text, p->length, origin, sc, NULL, err);
}

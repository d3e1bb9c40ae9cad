/*
 * scenario-source.c - resolving FILE|PRESET arguments.
 */
#include "scenario-source.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "presets.h"

int scenario_source_load(const char *arg, struct scenario *sc,
			 struct scenario_load_info *info, char *source,
			 size_t size, struct cml_error *err)
{
	struct stat st;
	bool is_file = stat(arg, &st) == 0;
	const struct embedded_file *preset = is_file ? NULL : preset_find(arg);

	if (info != NULL)
		memset(info, 0, sizeof(*info));
	if (preset != NULL) {
		if (source != NULL)
			snprintf(source, size, "preset:%s", preset->name);
		return preset_load(preset, sc, err);
	}
	/* A bare word that is neither a file nor a preset: say what exists. */
	if (!is_file && strchr(arg, '/') == NULL && strchr(arg, '.') == NULL) {
		char names[256];
		embedded_names(presets, presets_count, names, sizeof(names));
		cml_error_set(err, arg, 0, 0, "no such file or preset "
			      "(presets: %s)", names);
		return -1;
	}
	if (source != NULL)
		snprintf(source, size, "%s", arg);
	return scenario_load_file(arg, sc, info, err);
}

/*
 * fuzz-scenario.c - libFuzzer target for the scenario loader and emitter.
 *
 * Any input must either fail cleanly or load; whatever loads must survive
 * scenario_to_yaml() and load back equal.  Built and run by run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario-yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario sc, back;
	struct cml_error err;
	char *text;

	if (scenario_load_string((const char *)data, size, "fuzz.yaml", &sc,
				 NULL, &err) != 0) {
		if (err.msg[0] == '\0')
			abort(); /* failure without a message */
		return 0;
	}
	if (scenario_validate(&sc, NULL) != 0)
		abort();
	text = scenario_to_yaml(&sc, &err);
	if (text == NULL) {
		fprintf(stderr, "to_yaml failed: %s\n", err.msg);
		abort();
	}
	if (scenario_load_string(text, strlen(text), "fuzz.yaml", &back, NULL,
				 &err) != 0) {
		fprintf(stderr, "reload failed at %d:%d: %s\n%s", err.line,
			err.col, err.msg, text);
		abort();
	}
	if (!scenario_equal(&sc, &back)) {
		fprintf(stderr, "round trip changed the scenario:\n%s", text);
		abort();
	}
	free(text);
	return 0;
}

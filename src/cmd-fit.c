/*
 * cmd-fit.c - "cmlcontract fit FILE.csv": an accuracy block from a
 * measured learning curve.
 *
 * Prints the fitted family as the YAML accuracy: block, ready to paste
 * into a scenario, then as comments the RMS residual, each point's
 * residual and the warnings where the data do not determine the fit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fit.h"
#include "textsafe.h"

/* Largest CSV file read. */
#define FIT_FILE_MAX (64L << 20)

/* Reads all of path into a new buffer; NULL with a message printed. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, used = 0, got;

	if (f == NULL) {
		textsafe_line(stderr, "cmlcontract fit: cannot open %s", path);
		return NULL;
	}
	do {
		if (used == cap) {
			size_t next = cap == 0 ? 4096 : 2 * cap;
			char *grown = (long)next > FIT_FILE_MAX ? NULL :
							 realloc(buf, next);
			if (grown == NULL) {
				textsafe_line(stderr, "cmlcontract fit: %s is "
					      "too large", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
			cap = next;
		}
		got = fread(buf + used, 1, cap - used, f);
		used += got;
	} while (got > 0);
	if (ferror(f)) {
		textsafe_line(stderr, "cmlcontract fit: cannot read %s", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = used;
	return buf;
}

static void print_fit(const struct fit_data *data,
		      const struct fit_result *fit, const char *path)
{
	const struct accuracy_family *fam = fit->acc.family;

	printf("accuracy:\n  family: %s\n", fam->name);
	for (int j = 0; j < fam->nparams; j++)
		printf("  %s: %.8g\n", fam->params[j].key, fit->acc.param[j]);
	textsafe_line(stdout, "# fitted by least squares to %zu points of %s",
		      data->count, path);
	printf("# RMS residual: %.3g\n", fit->rms);
	printf("# residuals (fitted - measured accuracy):\n");
	for (size_t k = 0; k < data->count; k++)
		printf("#   line %d: m = %.8g: %+.3g\n", data->point[k].line,
		       data->point[k].amount,
		       fit_residual(fit, &data->point[k]));
	for (int w = 0; w < fit->nwarnings; w++)
		printf("# warning: %s\n", fit->warning[w]);
}

int cmd_fit(int argc, char **argv)
{
	const char *path = NULL, *family = "power";
	struct cml_error err;
	char where[CML_ERROR_MSG_MAX + CML_ERROR_ORIGIN_MAX + 32];

	for (int i = 1; i < argc;) {
		const char *value;
		int got = cmd_option_value(argc, argv, &i, "--family", &value);
		if (got < 0) {
			fprintf(stderr, "cmlcontract fit: --family needs a "
				"value: power, sgb, exp or best\n");
			return EXIT_BAD_INPUT;
		}
		if (got > 0) {
			family = value;
			continue;
		}
		if (argv[i][0] == '-' || path != NULL) {
			textsafe_line(stderr, "cmlcontract fit: unexpected "
				      "argument '%s'", argv[i]);
			cmd_usage(false);
			return EXIT_BAD_INPUT;
		}
		path = argv[i++];
	}
	if (path == NULL) {
		fprintf(stderr, "cmlcontract fit: needs a CSV file of data "
			"amount, accuracy\n");
		cmd_usage(false);
		return EXIT_BAD_INPUT;
	}
	bool best = strcmp(family, "best") == 0;
	const struct accuracy_family *only = accuracy_family_find(family);
	if (!best && only == NULL) {
		textsafe_line(stderr, "cmlcontract fit: unknown family '%s'; "
			      "use power, sgb, exp or best", family);
		return EXIT_BAD_INPUT;
	}

	size_t len = 0;
	char *text = read_file(path, &len);
	if (text == NULL)
		return EXIT_BAD_INPUT;
	struct fit_data data;
	int rc = fit_read_csv(text, len, path, &data, &err);
	free(text);
	if (rc != 0) {
		cmd_print_error(&err);
		return EXIT_BAD_INPUT;
	}

	struct fit_result fit, trial;
	bool have = false;
	char tried[256] = "";
	for (int f = 0; accuracy_families[f] != NULL; f++) {
		const struct accuracy_family *fam = accuracy_families[f];
		if (!best && fam != only)
			continue;
		if (fit_family(&data, fam, path, &trial, &err) != 0) {
			if (!best) {
				cmd_print_error(&err);
				fit_data_free(&data);
				return EXIT_BAD_INPUT;
			}
			continue; /* too few points for this family */
		}
		size_t used = strlen(tried);
		snprintf(tried + used, sizeof(tried) - used, "%s%s %.3g",
			 used == 0 ? "" : ", ", fam->name, trial.rms);
		if (!have || trial.rms < fit.rms)
			fit = trial;
		have = true;
	}
	if (!have) {
		cml_error_format(&err, where, sizeof(where));
		textsafe_line(stderr, "%s", where);
		fit_data_free(&data);
		return EXIT_BAD_INPUT;
	}
	print_fit(&data, &fit, path);
	if (best)
		printf("# best of the families by RMS residual: %s\n", tried);
	fit_data_free(&data);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILURE_IO;
}

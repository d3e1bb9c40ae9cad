/*
 * cmd-merge.c - "cmlcontract merge": one sweep from the files of its
 * shards ("sweep --shard K/M"), to standard output or, with -o, to a
 * file written atomically.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic-file.h"
#include "cmd.h"
#include "sweep-merge.h"
#include "textsafe.h"

/* Shard files a merge takes. */
#define MAX_FILES 100000

/* The whole of a regular file, or NULL with a message printed. */
static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	FILE *f;
	char *text;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		textsafe_line(stderr, "cmlcontract merge: %s: %s", path,
			      stat(path, &st) != 0 ? "cannot read it" :
						     "not a regular file");
		return NULL;
	}
	f = fopen(path, "rb");
	text = f != NULL ? malloc((size_t)st.st_size + 1) : NULL;
	*len = text != NULL ? fread(text, 1, (size_t)st.st_size, f) : 0;
	if (f == NULL || text == NULL || ferror(f)) {
		textsafe_line(stderr, "cmlcontract merge: %s: cannot read it",
			      path);
		free(text);
		text = NULL;
	}
	if (f != NULL)
		fclose(f);
	return text;
}

int cmd_merge(int argc, char **argv)
{
	const char *output = NULL;
	struct merge_input *in = calloc((size_t)argc, sizeof(*in));
	int count = 0, status = EXIT_OK;

	if (in == NULL) {
		fprintf(stderr, "cmlcontract merge: out of memory\n");
		return EXIT_FAILURE_IO;
	}
	for (int i = 1; i < argc && status == EXIT_OK; i++) {
		if (strcmp(argv[i], "-o") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "cmlcontract merge: -o needs a "
					"file to write\n");
				status = EXIT_BAD_INPUT;
				break;
			}
			output = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			textsafe_line(stderr, "cmlcontract merge: unknown "
				      "option '%s' (usage: cmlcontract merge "
				      "FILE... [-o OUT])", argv[i]);
			status = EXIT_BAD_INPUT;
			break;
		}
		if (count == MAX_FILES) {
			fprintf(stderr, "cmlcontract merge: more than %d "
				"files\n", MAX_FILES);
			status = EXIT_BAD_INPUT;
			break;
		}
		in[count].name = argv[i];
		in[count].text = read_file(argv[i], &in[count].len);
		if (in[count++].text == NULL)
			status = EXIT_BAD_INPUT;
	}
	if (status == EXIT_OK && count == 0) {
		fprintf(stderr, "cmlcontract merge: give the shards' files "
			"(from 'sweep --shard K/M')\n");
		status = EXIT_BAD_INPUT;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *mem = status == EXIT_OK ? open_memstream(&text, &len) : NULL;
	struct cml_error err;
	if (status == EXIT_OK && mem == NULL) {
		fprintf(stderr, "cmlcontract merge: out of memory\n");
		status = EXIT_FAILURE_IO;
	}
	if (status == EXIT_OK && sweep_merge(in, count, mem, &err) != 0) {
		cmd_print_error(&err);
		status = EXIT_BAD_INPUT;
	}
	if (mem != NULL)
		fclose(mem);
	if (status == EXIT_OK) {
		if (output != NULL) {
			if (atomic_file_write(output, text, len, &err) != 0) {
				cmd_print_error(&err);
				status = EXIT_FAILURE_IO;
			}
		} else if (fwrite(text, 1, len, stdout) != len ||
			   fflush(stdout) != 0) {
			perror("cmlcontract: writing the merged sweep");
			status = EXIT_FAILURE_IO;
		}
	}
	free(text);
	for (int f = 0; f < count; f++)
		free((char *)in[f].text);
	free(in);
	return status;
}

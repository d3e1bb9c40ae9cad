/*
 * cmd-lesson.c - "cmlcontract lesson [NAME|FILE]": the explorer as a
 * guided tour, or --list of the built-in lessons.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lesson.h"

/* The lesson with no argument: the paper's story. */
#define DEFAULT_LESSON "paper"

static int list_lessons(void)
{
	for (int i = 0; i < lessons_count; i++) {
		struct lesson l;
		struct cml_error err;
		char origin[CML_ERROR_ORIGIN_MAX];

		snprintf(origin, sizeof(origin), "lesson:%s", lessons[i].name);
		if (lesson_load_string(lessons[i].text, lessons[i].length,
				       origin, "", &l, &err) != 0)
			continue; /* a test keeps the built-in lessons valid */
		printf("%-12s %2d steps  %s\n", lessons[i].name, l.nsteps,
		       l.title);
		lesson_free(&l);
	}
	return EXIT_OK;
}

int cmd_lesson(int argc, char **argv)
{
	const char *name = NULL;
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	int nrest = 0, rc;
	struct lesson lesson;
	struct cml_error err;

	if (rest == NULL)
		return EXIT_FAILURE_IO;
	/* argv[0] is "lesson"; the first word that is no option names it,
	   the options go on to the explorer. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0) {
			free(rest);
			return list_lessons();
		}
		if (argv[i][0] != '-' && name == NULL)
			name = argv[i];
		else
			rest[nrest++] = argv[i];
	}
	if (lesson_load(name != NULL ? name : DEFAULT_LESSON, &lesson,
			&err) != 0) {
		cmd_print_error(&err);
		free(rest);
		return EXIT_BAD_INPUT;
	}
	rc = cmd_explore_with(nrest, rest, &lesson);
	lesson_free(&lesson);
	free(rest);
	return rc;
}

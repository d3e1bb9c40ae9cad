/*
 * cmd-explore.c - "cmlcontract [OPTIONS] [FILE|PRESET]": the explorer
 * (also run by "cmlcontract lesson", cmd-lesson.c, with a lesson).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "lesson.h"
#include "presets.h"
#include "scenario-source.h"
#include "textsafe.h"
#include "tui-app.h"

/* The scenario the explorer opens with no argument: the richest preset. */
#define DEFAULT_PRESET "scenario3"

int cmd_explore(int argc, char **argv)
{
	return cmd_explore_with(argc, argv, NULL);
}

int cmd_explore_with(int argc, char **argv, const struct lesson *lesson)
{
	struct tui_options opt = { .color = true, .mouse = true };
	const char *arg = NULL;
	bool have_method = false;
	enum expectation_method method = METHOD_AUTO;
	struct scenario sc;
	char source[CML_ERROR_ORIGIN_MAX], why[512];

	for (int i = 0; i < argc;) {
		int got = cmd_method_option("", argc, argv, &i, &method);
		if (got < 0)
			return EXIT_BAD_INPUT;
		if (got > 0) {
			have_method = true;
			continue;
		}
		if (strcmp(argv[i], "--ascii") == 0)
			opt.ascii = true;
		else if (strcmp(argv[i], "--no-color") == 0 ||
			 strcmp(argv[i], "--no-colour") == 0)
			opt.color = false;
		else if (strcmp(argv[i], "--no-mouse") == 0)
			opt.mouse = false;
		else if (strcmp(argv[i], "--high-contrast") == 0)
			opt.high_contrast = true;
		else if (strcmp(argv[i], "--fixed-clock") == 0)
			opt.fixed_clock = true;
		else {
			int done = cmd_other_argument("", argv[i], &arg);
			if (done >= 0)
				return done;
		}
		i++;
	}
	if (lesson != NULL) {
		const struct lesson_step *first = &lesson->steps[0];
		if (arg != NULL) {
			textsafe_line(stderr, "cmlcontract: lesson: one lesson "
				      "at a time ('%s' is extra)", arg);
			return EXIT_BAD_INPUT;
		}
		sc = first->scenario;
		snprintf(source, sizeof(source), "%.*s",
			 (int)sizeof(source) - 1, first->source);
	} else if (cmd_load_scenario("", arg ? arg : DEFAULT_PRESET, &sc,
				     source, sizeof(source), NULL) != 0) {
		return EXIT_BAD_INPUT;
	}
	if (have_method && cmd_apply_method(&sc, source, method) != EXIT_OK)
		return EXIT_BAD_INPUT;
	bool is_file = strncmp(source, "preset:", 7) != 0;
	if (tui_run(&opt, &sc, is_file ? source : "", source, lesson, why,
		    sizeof(why)) != 0) {
		textsafe_line(stderr, "cmlcontract: %s", why);
		return EXIT_BAD_INPUT;
	}
	return EXIT_OK;
}
